"""The Slack app end to end: the real slack-bolt app against the Slack emulator on 127.0.0.1.

Nothing of ours is mocked: slash commands and clicks arrive signed (HTTP mode) or in envelopes
(Socket Mode), the core answers from a seeded SQLite database, and what Slack would receive is
read back from the emulator (response_url posts, Web API calls, uploads).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from pydantic import BaseModel, ConfigDict
from slack_sdk.web.async_client import AsyncWebClient

from bot.actions import ActionKind, encode_action
from bot.app import BotCore, open_core
from bot.config import Settings
from bot.slack.admin import AdminChecker
from bot.slack.app import EXPIRED, SORRY
from bot.slack.commands import UMBRELLA, needs_admin, umbrella_line
from bot.slack.dedupe import RecentDeliveries, delivery_key
from bot.slack.render import (
    ACTION_NEXT,
    ACTION_PREVIOUS,
    ACTION_QUOTES,
    ACTION_SHARE,
    render_slack,
    render_slack_quotes,
)
from bot.slack.runner import SLACK_EVENTS_PATH, SlackConfigError, run_slack, slack_mode
from briefings.cards import Card, CardKind
from briefings.commands import Command, CommandContext, CommandRegistry, Permission
from briefings.commands import default_commands as registry_commands
from tests.conftest import make_settings
from tests.emulators.slack import (
    APP_TOKEN,
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackEmulator,
    block_action,
    post_signed,
    slash_command,
)

CHANNEL = "C0GENERAL"
ADMIN_USER = "U0WSADMIN"
PLAIN_USER = "U0PLAIN"
LISTED_USER = "U0LISTED"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- a core with two extra commands: one for admins only, one that breaks ------------------


class _NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _admin_only(context: CommandContext, params: Any) -> Card:
    return Card(title="Digest settings changed")


def _explodes(context: CommandContext, params: Any) -> Card:
    raise RuntimeError("the database went away")


def _registry() -> CommandRegistry:
    registry = CommandRegistry()
    for command in registry_commands():
        registry.add(command)
    registry.add(
        Command(
            name="lockdown",
            summary="An admin-only test command",
            params=_NoParams,
            handler=_admin_only,
            permission=Permission.CHANNEL_ADMIN,
        )
    )
    registry.add(Command(name="explode", summary="Fails", params=_NoParams, handler=_explodes))
    return registry


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp = tmp_path_factory.mktemp("slack")
    seeded = open_core(make_settings(f"sqlite:///{tmp / 'slack.sqlite3'}", tmp))
    yield BotCore(settings=seeded.settings, db=seeded.db, commands=_registry())
    seeded.close()


@pytest_asyncio.fixture
async def slack() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator() as emulator:
        emulator.users[ADMIN_USER] = {"is_admin": True}
        emulator.users[PLAIN_USER] = {}
        yield emulator


def _settings(tmp_path: Path, slack: SlackEmulator, mode: str, **extra: object) -> Settings:
    env: dict[str, object] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": slack.api_url.rstrip("/"),  # the app must add the trailing slash
        "BRIEFBOT_SLACK_MODE": mode,
        "BRIEFBOT_SLACK_ADMINS": LISTED_USER,
    }
    if mode == "http":
        env["SLACK_SIGNING_SECRET"] = SIGNING_SECRET
    else:
        env["SLACK_APP_TOKEN"] = APP_TOKEN
    env.update(extra)
    return make_settings(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path, **env)


@asynccontextmanager
async def serve_http(core: BotCore, settings: Settings) -> AsyncIterator[str]:
    """The process's web app with Slack mounted, served on a free loopback port."""
    web_app = web.Application()
    await run_slack(core, settings, web_app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}{SLACK_EVENTS_PATH}"
    finally:
        await runner.cleanup()


@pytest_asyncio.fixture
async def app_url(core: BotCore, slack: SlackEmulator, tmp_path: Path) -> AsyncIterator[str]:
    async with serve_http(core, _settings(tmp_path, slack, "http")) as url:
        yield url


def _blocks(messages: list[dict[str, Any]]) -> list[Any]:
    return [message["blocks"] for message in messages]


def _action_ids(message: dict[str, Any]) -> list[str]:
    return [
        element["action_id"]
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def _command(slack: SlackEmulator, app_url: str, command: str, text: str = "", **kw: Any):
    url = slack.response_url()
    delivery = await post_signed(app_url, slash_command(command, text, response_url=url, **kw))
    assert delivery.status == 200
    return await slack.wait_responses(url)


async def _click(slack: SlackEmulator, app_url: str, action_id: str, value: str, **kw: Any):
    url = slack.response_url()
    delivery = await post_signed(app_url, block_action(action_id, value, response_url=url, **kw))
    assert delivery.status == 200
    return url


async def _quiet(seconds: float = 0.4) -> None:
    """Give a wrongly running listener time to post something we then assert is absent."""
    await asyncio.sleep(seconds)


# --- HTTP mode: slash commands -------------------------------------------------------------


@pytest.mark.asyncio
async def test_slash_command_is_acked_at_once_and_answered_privately(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    url = slack.response_url()
    delivery = await post_signed(app_url, slash_command("/timeline", "", response_url=url))
    assert delivery.status == 200
    assert delivery.text == ""
    assert delivery.seconds < 1.0  # Slack allows 3 s; the ack must not wait for the core
    [answer] = await slack.wait_responses(url)
    expected = render_slack(core.ask("/timeline"), shareable=True)
    assert answer["response_type"] == "ephemeral"
    assert answer["blocks"] == expected[0]["blocks"]
    assert answer["text"] == expected[0]["text"]
    assert "bb_share" in _action_ids(answer)
    assert slack.api_calls("chat.postMessage") == []


@pytest.mark.asyncio
async def test_slash_command_text_is_unescaped_and_options_pass_through(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    # Slack sends & < > as entities even with should_escape=false.
    answers = await _command(slack, app_url, "/timeline", "actor:Russia page:2")
    assert _blocks(answers) == _blocks(
        render_slack(core.ask("/timeline actor:Russia page:2"), shareable=True)
    )
    [unknown] = await _command(slack, app_url, "/actor", "Tom &amp; Jerry &lt;b&gt;")
    assert unknown["blocks"] == render_slack(core.ask("/actor Tom & Jerry <b>"))[0]["blocks"]


@pytest.mark.parametrize("problem", ["forged", "stale", "unsigned"])
@pytest.mark.asyncio
async def test_requests_without_a_valid_signature_are_refused(
    slack: SlackEmulator, app_url: str, problem: str
) -> None:
    url = slack.response_url()
    fields = slash_command("/timeline", "", response_url=url)
    delivery = await post_signed(
        app_url,
        fields,
        forged=problem == "forged",
        timestamp=int(time.time()) - 6 * 60 if problem == "stale" else None,
        unsigned=problem == "unsigned",
    )
    assert delivery.status == 401
    await _quiet()
    assert slack.all_responses() == []
    assert slack.api_calls("users.info") == slack.api_calls("chat.postMessage") == []


@pytest.mark.asyncio
async def test_a_retried_delivery_is_acked_but_answered_once(
    slack: SlackEmulator, app_url: str
) -> None:
    url = slack.response_url()
    fields = slash_command("/actor", "Russia", response_url=url)
    first = await post_signed(app_url, fields)
    again = await post_signed(app_url, fields, retry_num=1)
    assert (first.status, again.status) == (200, 200)
    await slack.wait_responses(url)
    await _quiet()
    assert len(slack.responses(url)) == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [("actor Russia", "/actor Russia"), ("/actor Russia", "/actor Russia"), ("help", "/help")],
)
@pytest.mark.asyncio
async def test_the_umbrella_command_runs_any_command(
    core: BotCore, slack: SlackEmulator, app_url: str, text: str, line: str
) -> None:
    answers = await _command(slack, app_url, f"/{UMBRELLA}", text)
    assert _blocks(answers) == _blocks(render_slack(core.ask(line), shareable=True))


@pytest.mark.asyncio
async def test_the_bare_umbrella_command_answers_with_help_or_the_registry_briefing(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    answers = await _command(slack, app_url, f"/{UMBRELLA}", "")
    line = f"/{UMBRELLA}" if UMBRELLA in core.commands.commands else "/help"
    assert _blocks(answers) == _blocks(render_slack(core.ask(line), shareable=True))


def test_umbrella_dispatch_when_the_registry_has_its_own_brief_command() -> None:
    registry = _registry()
    if UMBRELLA not in registry.commands:
        registry.add(
            Command(
                name=UMBRELLA,
                summary="Situation now",
                params=_NoParams,
                handler=_admin_only,
                positional=None,
            )
        )
    assert umbrella_line(registry, "actor Russia") == "/actor Russia"
    assert umbrella_line(registry, "Nagorno-Karabakh today") == "/brief Nagorno-Karabakh today"
    assert umbrella_line(registry, "") == "/brief"
    assert umbrella_line(registry, "brief Armenia") == "/brief Armenia"
    plain = _registry()
    plain.commands.pop(UMBRELLA, None)
    assert umbrella_line(plain, "") == "/help"
    assert umbrella_line(plain, "actr Russia") == "/actr Russia"  # the core says "did you mean"


# --- buttons -------------------------------------------------------------------------------


def _value(kind: ActionKind, page: int, command: str) -> str:
    value = encode_action(kind, page, command, limit=2000)
    assert value is not None
    return value


@pytest.mark.parametrize(
    ("ephemeral", "replaced"), [(True, True), (False, False)], ids=["private", "in-channel"]
)
@pytest.mark.asyncio
async def test_paging_updates_a_private_card_in_place(
    core: BotCore, slack: SlackEmulator, app_url: str, ephemeral: bool, replaced: bool
) -> None:
    line = "/timeline period:all"
    card = core.ask(line)
    assert card.pages > 2, "the seeded timeline needs several pages for this test"
    url = await _click(
        slack, app_url, ACTION_NEXT, _value(ActionKind.PAGE, 2, line), ephemeral=ephemeral
    )
    [answer] = await slack.wait_responses(url)
    expected = render_slack(core.ask(f"{line} page:2"), shareable=True)[0]
    assert answer["replace_original"] is replaced
    assert answer["response_type"] == "ephemeral"
    assert answer["blocks"] == expected["blocks"]
    assert {ACTION_PREVIOUS, ACTION_NEXT} <= set(_action_ids(answer))


@pytest.mark.asyncio
async def test_the_background_button_shows_the_other_period_in_place(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    card = core.ask("/timeline")
    [view] = [
        element
        for block in render_slack(card, shareable=True)[0]["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("bb_view_")
    ]
    url = await _click(slack, app_url, view["action_id"], view["value"], ephemeral=True)
    [answer] = await slack.wait_responses(url)
    expected = render_slack(core.ask("/timeline period:background"), shareable=True)[0]
    assert answer["replace_original"] is True
    assert answer["blocks"] == expected["blocks"]
    assert "Background, oldest first" in json.dumps(answer["blocks"])


@pytest.mark.asyncio
async def test_sources_button_answers_privately_with_the_quotes(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    url = await _click(slack, app_url, ACTION_QUOTES, _value(ActionKind.QUOTES, 1, "/timeline"))
    answers = await slack.wait_responses(url)
    expected = render_slack_quotes(core.ask("/timeline page:1"))
    assert _blocks(answers) == _blocks(expected)
    assert all(a["response_type"] == "ephemeral" and not a["replace_original"] for a in answers)


@pytest.mark.asyncio
async def test_share_posts_the_card_in_the_channel_and_removes_the_private_copy(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    url = await _click(
        slack,
        app_url,
        ACTION_SHARE,
        _value(ActionKind.SHARE, 1, "/actor Russia"),
        user_id=PLAIN_USER,
    )
    await slack.wait_responses(url)
    [posted] = slack.state.messages[CHANNEL]
    expected = render_slack(core.ask("/actor Russia page:1"))[0]
    assert posted["blocks"][: len(expected["blocks"])] == expected["blocks"]
    assert f"<@{PLAIN_USER}>" in str(posted["blocks"][-1])
    assert ACTION_SHARE not in _action_ids(posted)
    assert slack.responses(url) == [{"delete_original": True}]
    assert slack.state.shared_files == {}  # an actor card has no chart


@pytest.mark.asyncio
async def test_share_uses_the_response_url_where_the_bot_may_not_post(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    slack.closed_channels.add(CHANNEL)
    url = await _click(slack, app_url, ACTION_SHARE, _value(ActionKind.SHARE, 1, "/actor Russia"))
    public, deleted = await slack.wait_responses(url, 2)
    assert public["response_type"] == "in_channel"
    assert public["replace_original"] is False
    assert public["blocks"][0] == render_slack(core.ask("/actor Russia"))[0]["blocks"][0]
    assert deleted == {"delete_original": True}


@pytest.mark.asyncio
async def test_a_rate_limited_post_is_retried_after_retry_after(
    slack: SlackEmulator, app_url: str
) -> None:
    slack.rate_limit("chat.postMessage", retry_after=1)
    started = time.monotonic()
    url = await _click(slack, app_url, ACTION_SHARE, _value(ActionKind.SHARE, 1, "/actor Russia"))
    await slack.wait_responses(url, timeout=8)
    assert [c.status for c in slack.api_calls("chat.postMessage")] == [429, 200]
    assert len(slack.state.messages[CHANNEL]) == 1
    assert time.monotonic() - started >= 1.0


@pytest.mark.asyncio
async def test_sharing_the_timeline_uploads_its_chart_despite_a_rate_limit(
    core: BotCore, slack: SlackEmulator, app_url: str
) -> None:
    assert core.ask("/timeline").chart is not None
    slack.rate_limit("files.completeUploadExternal", retry_after=1)
    url = await _click(slack, app_url, ACTION_SHARE, _value(ActionKind.SHARE, 1, "/timeline"))
    await slack.wait_for(lambda: slack.state.shared_files.get(CHANNEL), timeout=10, what="chart")
    [upload] = slack.state.uploads.values()
    assert upload.startswith(PNG_SIGNATURE)
    statuses = [c.status for c in slack.api_calls("files.completeUploadExternal")]
    assert statuses == [429, 200]
    assert len(slack.state.messages[CHANNEL]) == 1
    assert slack.responses(url) == [{"delete_original": True}]


@pytest.mark.asyncio
async def test_a_refused_chart_upload_never_loses_the_card(
    slack: SlackEmulator, app_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="briefbot")
    slack.fail("files.getUploadURLExternal", "missing_scope")
    url = await _click(slack, app_url, ACTION_SHARE, _value(ActionKind.SHARE, 1, "/timeline"))
    await slack.wait_responses(url)
    await slack.wait_for(lambda: "chart upload refused" in caplog.text, what="log line")
    assert len(slack.state.messages[CHANNEL]) == 1
    assert slack.state.shared_files == {}


@pytest.mark.asyncio
async def test_a_button_that_is_not_ours_gets_a_short_private_note(
    slack: SlackEmulator, app_url: str
) -> None:
    url = await _click(slack, app_url, ACTION_NEXT, "bb1:page:x:/timeline")
    [answer] = await slack.wait_responses(url)
    assert answer["text"] == EXPIRED
    assert answer["response_type"] == "ephemeral"


# --- admins and failures -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_admin_only_command_is_refused_for_a_non_admin(
    slack: SlackEmulator, app_url: str
) -> None:
    [refused] = await _command(slack, app_url, "/lockdown", user_id=PLAIN_USER)
    assert "Only channel managers" in refused["text"]
    [allowed] = await _command(slack, app_url, "/lockdown", user_id=ADMIN_USER)
    assert allowed["blocks"][0]["text"]["text"] == "Digest settings changed"
    [again] = await _command(slack, app_url, "/lockdown", user_id=ADMIN_USER)
    assert again["blocks"] == allowed["blocks"]
    [listed] = await _command(slack, app_url, "/lockdown", user_id=LISTED_USER)
    assert listed["blocks"] == allowed["blocks"]
    looked_up = [call.params["user"] for call in slack.api_calls("users.info")]
    assert looked_up == [PLAIN_USER, ADMIN_USER]  # cached; configured admins need no lookup
    await _command(slack, app_url, "/actor", "Russia", user_id=PLAIN_USER)
    assert len(slack.api_calls("users.info")) == 2  # ordinary commands never look anyone up


@pytest.mark.asyncio
async def test_admin_checker_caches_answers_but_not_failures(slack: SlackEmulator) -> None:
    now = [0.0]
    checker = AdminChecker(["U0LISTED"], ttl=60, clock=lambda: now[0])
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    assert await checker.is_admin(client, ADMIN_USER, "T1") is True
    assert await checker.is_admin(client, PLAIN_USER, "T1") is False
    slack.users[PLAIN_USER] = {"is_owner": True}
    assert await checker.is_admin(client, PLAIN_USER, "T1") is False  # cached
    now[0] = 61.0
    assert await checker.is_admin(client, PLAIN_USER, "T1") is True  # expired, asked again
    assert await checker.is_admin(client, "U0NOBODY", "T1") is False  # user_not_found
    calls = len(slack.api_calls("users.info"))
    slack.users["U0NOBODY"] = {"is_admin": True}
    assert await checker.is_admin(client, "U0NOBODY", "T1") is True  # the failure was not kept
    assert len(slack.api_calls("users.info")) == calls + 1
    assert await checker.is_admin(client, "U0LISTED", "T1") is True
    assert await checker.is_admin(client, "", "T1") is False
    assert needs_admin(_registry(), "/lockdown") and not needs_admin(_registry(), "/actor x")


@pytest.mark.asyncio
async def test_a_failure_is_one_short_apology_and_the_log_has_no_secrets(
    core: BotCore, slack: SlackEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with serve_http(core, _settings(tmp_path, slack, "http")) as url:
        answers = await _command(slack, url, "/explode")
        slack.fail("response", "expired_url", status=404)
        [apology] = await _command(slack, url, "/actor", "Russia")  # the card fails, then this
    assert answers == [{"text": SORRY, "response_type": "ephemeral", "replace_original": False}]
    assert apology == answers[0]
    assert "response_url answered 404" in caplog.text
    assert "RuntimeError: the database went away" in caplog.text
    for secret in (BOT_TOKEN, SIGNING_SECRET):
        assert secret not in caplog.text


# --- Socket Mode ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_socket_mode_acks_envelopes_and_answers_through_the_response_url(
    core: BotCore, slack: SlackEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = _settings(tmp_path, slack, "socket")
    task = asyncio.create_task(run_slack(core, settings, web.Application()))
    try:
        await slack.wait_connected()
        opened = slack.api_calls("apps.connections.open")
        assert opened and all(call.token == APP_TOKEN for call in opened)

        url = slack.response_url()
        command = slash_command("/actor", "Russia", response_url=url)
        envelope = await slack.send_envelope("slash_commands", command)
        assert envelope.ack == {"envelope_id": envelope.envelope_id}
        [answer] = await slack.wait_responses(url)
        expected = render_slack(core.ask("/actor Russia"), shareable=True)[0]
        assert answer["blocks"] == expected["blocks"]

        again = await slack.send_envelope("slash_commands", command, retry_attempt=1)
        assert again.ack == {"envelope_id": again.envelope_id}  # acked, not answered again

        click = slack.response_url()
        value = _value(ActionKind.PAGE, 2, "/timeline")
        await slack.send_envelope(
            "interactive", block_action(ACTION_NEXT, value, response_url=click)
        )
        [paged] = await slack.wait_responses(click)
        assert paged["replace_original"] is True
        assert (
            paged["blocks"]
            == render_slack(core.ask("/timeline page:2"), shareable=True)[0]["blocks"]
        )
        assert len(slack.responses(url)) == 1
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    await slack.wait_for(lambda: slack._socket is None or slack._socket.closed, what="close")
    for secret in (BOT_TOKEN, APP_TOKEN):
        assert secret not in caplog.text


# --- configuration -------------------------------------------------------------------------


def test_the_mode_follows_the_configuration(tmp_path: Path) -> None:
    def settings(**env: object) -> Settings:
        return make_settings("sqlite://", tmp_path, **env)

    both = {"SLACK_BOT_TOKEN": "x", "SLACK_APP_TOKEN": "y", "SLACK_SIGNING_SECRET": "z"}
    assert slack_mode(settings()) is None
    assert slack_mode(settings(SLACK_BOT_TOKEN="x")) is None
    assert slack_mode(settings(SLACK_BOT_TOKEN="x", SLACK_APP_TOKEN="y")) == "socket"
    assert slack_mode(settings(SLACK_BOT_TOKEN="x", SLACK_SIGNING_SECRET="z")) == "http"
    assert slack_mode(settings(**both)) == "socket"
    assert slack_mode(settings(**both, BRIEFBOT_SLACK_MODE="http")) == "http"
    with pytest.raises(SlackConfigError, match="SLACK_SIGNING_SECRET"):
        slack_mode(settings(SLACK_BOT_TOKEN="x", SLACK_APP_TOKEN="y", BRIEFBOT_SLACK_MODE="http"))
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        slack_mode(settings(BRIEFBOT_SLACK_MODE="socket"))


@pytest.mark.asyncio
async def test_start_up_fails_clearly_on_a_refused_token_or_a_late_mount(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    refused = _settings(tmp_path, slack, "http", SLACK_BOT_TOKEN="xoxb-revoked")
    with pytest.raises(SlackConfigError, match="invalid_auth") as error:
        await run_slack(core, refused, web.Application())
    assert "xoxb-revoked" not in str(error.value)
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        await run_slack(core, make_settings("sqlite://", tmp_path), web.Application())
    wrong_app_token = _settings(tmp_path, slack, "socket", SLACK_APP_TOKEN="xapp-wrong")
    with pytest.raises(SlackConfigError, match="SLACK_APP_TOKEN") as error:
        await run_slack(core, wrong_app_token, web.Application())
    assert "xapp-wrong" not in str(error.value)
    frozen = web.Application()
    frozen.freeze()
    with pytest.raises(SlackConfigError, match="before the web app"):
        await run_slack(core, _settings(tmp_path, slack, "http"), frozen)


def test_repeated_deliveries_are_recognised_within_the_window() -> None:
    now = [0.0]
    recent = RecentDeliveries(ttl=10, max_size=3, clock=lambda: now[0])
    assert recent.first_time("a") and not recent.first_time("a")
    now[0] = 11.0
    assert recent.first_time("a")  # expired
    for key in "bcd":
        assert recent.first_time(key)
    assert recent.first_time("a")  # pushed out by size
    assert delivery_key({"trigger_id": "1.2", "x": 1}) == "trigger_id:1.2"
    assert delivery_key({"event_id": "Ev1", "trigger_id": "t"}) == "event_id:Ev1"
    assert delivery_key({"b": 1, "a": 2}) == delivery_key({"a": 2, "b": 1})


def test_error_cards_are_not_offered_for_sharing(core: BotCore) -> None:
    card = core.ask("/nosuchcommand")
    assert card.kind == CardKind.ERROR
    assert all(ACTION_SHARE not in _action_ids(m) for m in render_slack(card))
