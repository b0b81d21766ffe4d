"""Security checks (issue 9, "hostile input and faults"), end to end.

The real slack-bolt app and discord.py client against the emulators on 127.0.0.1, a real
core on SQLite (and PostgreSQL where a database password matters), real `briefbot`
processes. The checklist, one section per item:

1. Slack request signatures. A request that is unsigned, lacks the timestamp or the
   signature, is signed with another secret (or an empty one), over another timestamp, with
   a malformed signature, with a timestamp more than five minutes old or ahead or not a
   number, or whose body was changed after signing (a slash command or a button payload) is
   refused with 401 and never reaches the core: no answer, no users.info lookup, no command
   counted. (Replays of a correctly signed request: tests/test_faults.py, section 4.)
2. Admin-only commands, on both platforms, through the real adapters. Slack: a user who is
   neither a workspace admin/owner nor listed in BRIEFBOT_SLACK_ADMINS is refused
   `/digest subscribe|unsubscribe` and `/feeds add|remove` — typed directly, through the
   umbrella `/brief`, or smuggled in a button's state — and nothing changes (the feed is not
   even fetched); when Slack cannot say whether the user is an admin, the answer is no. A
   workspace admin succeeds. Discord: a member without Manage Channels is refused the same,
   by slash command and by button; a member with it succeeds.
3. Secrets absent from logs, errors and replies. Recognisable values for the Slack bot and
   app tokens, the signing secret, the Discord token and a database password; failures
   driven on purpose (tokens refused, forged requests, the database gone with the password
   in its URL, platform errors); everything captured — every log record at DEBUG, the text
   of every error raised, every reply the platforms received, and the stdout/stderr of
   `briefbot` processes run at DEBUG — and no secret anywhere. The response_url (a credential
   for 30 minutes) is not logged either.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import discord
import pytest
import pytest_asyncio
from aiohttp import web
from pydantic import ValidationError
from sqlalchemy.engine import make_url

from bot.actions import ActionKind, encode_action
from bot.app import BotCore, open_core
from bot.config import Settings
from bot.digests.delivery import DeliveryError, DigestPost
from bot.discord.digests import DiscordDeliverer, open_rest_client
from bot.metrics import REGISTRY
from bot.slack.render import ACTION_NEXT, ACTION_SHARE
from bot.slack.runner import SLACK_EVENTS_PATH, SlackConfigError, run_slack
from briefings.cards import Card
from briefings.digests.subscriptions import Subscription, list_subscriptions
from briefings.errors import UnavailableError
from briefings.feeds.store import list_feeds
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import BACKENDS, POSTGRES_URL, PROJECT, SEEDS, make_settings, reset_postgres
from tests.emulators.discord import EPHEMERAL, FakeDiscord
from tests.emulators.discord_bot import discord_settings as shared_discord_settings
from tests.emulators.discord_bot import running_discord_bot
from tests.emulators.slack import (
    SlackEmulator,
    block_action,
    form_body,
    signature,
    slash_command,
)
from tests.emulators.tcpproxy import TcpProxy
from tests.feedserver import FeedServer, rss, serve
from tests.feedserver import Route as FeedRoute

# recognisable secrets: if any of these shows up anywhere, a test fails
BOT_TOKEN = "xoxb-SECRET-bot-5f1e0c9a"
APP_TOKEN = "xapp-SECRET-app-3c4d2e1f"
SIGNING_SECRET = "SECRET-signing-7a2b9d4e"
DISCORD_TOKEN = "MTIz.SECRET-discord-9e8f7a6b"
DB_PASSWORD = "SECRET-db/pw@4b6a"  # needs percent-encoding in a URL
SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, DISCORD_TOKEN, DB_PASSWORD)
# tokens the platforms refuse: secret all the same
REVOKED_BOT_TOKEN = "xoxb-SECRET-revoked-1234"
WRONG_APP_TOKEN = "xapp-SECRET-wrong-5678"
WRONG_DISCORD_TOKEN = "MTIz.SECRET-wrong-token-0000"

CHANNEL = "C0GENERAL"
PLAIN = "U0PLAIN"
WORKSPACE_ADMIN = "U0WSADMIN"
LISTED = "U0LISTED"
REFUSED = "Only channel managers"
MANAGE_CHANNELS = discord.Permissions(manage_channels=True).value
MEMBER = 0x400 | 0x800  # view channel, send messages
STORY = """Harbour strike ends after talks in Rotterdam

ROTTERDAM, May 3, 2025 (Reuters) - Dock workers ended a nine-day strike on Saturday after the
port authority agreed to new shift rules, the union said.

"We have an agreement that protects our members," union leader Marta de Vries said.
"""


def leaked(text: str) -> list[str]:
    """The secrets found in `text`, also in the forms a URL or JSON would give them."""
    return [
        secret
        for secret in SECRETS
        if secret in text or quote(secret, safe="") in text or json.dumps(secret)[1:-1] in text
    ]


def password_url(port: int, database: str = "briefbot") -> str:
    """A PostgreSQL URL carrying DB_PASSWORD (trust authentication ignores it)."""
    return (
        f"postgresql+psycopg://postgres:{quote(DB_PASSWORD, safe='')}@127.0.0.1:{port}/{database}"
    )


def free_port() -> int:
    """A loopback port nobody listens on (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- shared harness -------------------------------------------------------------------------


def make_core(url: str, tmp_path: Path, **overrides: object) -> BotCore:
    core = open_core(make_settings(url, tmp_path, **overrides), seed=False)
    assert ingest_text(core.db, STORY, ArticleMeta(outlet="Reuters")).stored
    return core


@pytest.fixture
def core(tmp_path: Path) -> Iterator[BotCore]:
    """An unseeded core (one story) that may fetch feeds from 127.0.0.1."""
    opened = make_core(
        f"sqlite:///{tmp_path / 'security.sqlite3'}",
        tmp_path,
        BRIEFBOT_FETCH_ALLOW_PRIVATE="true",
    )
    yield opened
    opened.close()


@pytest_asyncio.fixture
async def slack() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as emulator:
        emulator.users[PLAIN] = {}
        emulator.users[WORKSPACE_ADMIN] = {"is_admin": True}
        yield emulator


def slack_settings(slack: SlackEmulator, tmp_path: Path, **extra: object) -> Settings:
    env: dict[str, object] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "BRIEFBOT_SLACK_MODE": "http",
        "BRIEFBOT_SLACK_ADMINS": LISTED,
    }
    env.update(extra)
    return make_settings(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path, **env)


@asynccontextmanager
async def slack_app(core: BotCore, settings: Settings) -> AsyncIterator[str]:
    web_app = web.Application()
    await run_slack(core, settings, web_app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}{SLACK_EVENTS_PATH}"
    finally:
        await runner.cleanup()


async def post(app_url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    """POST a raw body with exactly these Slack headers (plus the form content type)."""
    all_headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
    async with (
        aiohttp.ClientSession() as session,
        session.post(app_url, data=body.encode(), headers=all_headers) as response,
    ):
        return response.status, await response.text()


def signed(body: str, *, secret: str = SIGNING_SECRET, stamp: int | None = None) -> dict[str, str]:
    stamp = int(time.time()) if stamp is None else stamp
    return {
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature(secret, stamp, body),
    }


async def slash(
    slack: SlackEmulator, app_url: str, command: str, text: str = "", *, user_id: str = PLAIN
) -> dict[str, Any]:
    """A correctly signed slash command; its one answer."""
    url = slack.response_url()
    body = form_body(slash_command(command, text, response_url=url, user_id=user_id))
    status, _ = await post(app_url, body, signed(body))
    assert status == 200
    [answer] = await slack.wait_responses(url, timeout=10)
    return answer


async def click(
    slack: SlackEmulator, app_url: str, action_id: str, line: str, *, user_id: str = PLAIN
) -> dict[str, Any]:
    """A correctly signed button click whose state names `line`; its first answer."""
    kind = ActionKind.SHARE if action_id == ACTION_SHARE else ActionKind.PAGE
    value = encode_action(kind, 1, line, limit=2000)
    assert value is not None
    url = slack.response_url()
    body = form_body(block_action(action_id, value, response_url=url, user_id=user_id))
    status, _ = await post(app_url, body, signed(body))
    assert status == 200
    return (await slack.wait_responses(url, timeout=10))[0]


def shown(message: Any) -> str:
    return json.dumps(message, ensure_ascii=False)


def commands_answered(platform: str) -> float:
    total = 0.0
    for metric in REGISTRY.collect():
        for sample in metric.samples:
            if sample.name == "briefbot_commands_total" and sample.labels["platform"] == platform:
                total += sample.value
    return total


@pytest.fixture
def feeds() -> Iterator[tuple[FeedServer, str]]:
    with serve() as server:
        url = server.add(
            "/wire.xml", FeedRoute(body=rss("Harbour wire", []), content_type="application/xml")
        )
        yield server, url


def discord_settings(fake: FakeDiscord, tmp_path: Path, token: str = DISCORD_TOKEN) -> Settings:
    return shared_discord_settings(fake, tmp_path, token)


def discord_bot(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> AbstractAsyncContextManager[None]:
    return running_discord_bot(fake, core, tmp_path, DISCORD_TOKEN)


def discord_text(answer: Any) -> str:
    return json.dumps(answer.body, ensure_ascii=False)


# === 1. Slack request signatures ============================================================


def _tampered(body: str) -> tuple[str, dict[str, str]]:
    """Signed as a harmless /sources, sent as /digest subscribe: the body changed after."""
    evil = body.replace("command=%2Fsources", "command=%2Fdigest").replace(
        "text=&", "text=subscribe+at%3A08%3A00&"
    )
    assert evil != body
    return evil, signed(body)


def _tampered_click(body: str) -> tuple[str, dict[str, str]]:
    """A button payload whose state was rewritten after Slack signed it."""
    evil = body.replace("%2Fsources", "%2Fdigest+subscribe+at%3A08%3A00")
    assert evil != body
    return evil, signed(body)


BAD_SIGNATURES = {
    "unsigned": lambda body: (body, {}),
    "no-timestamp": lambda body: (body, {"X-Slack-Signature": signed(body)["X-Slack-Signature"]}),
    "no-signature": lambda body: (
        body,
        {"X-Slack-Request-Timestamp": signed(body)["X-Slack-Request-Timestamp"]},
    ),
    "wrong-secret": lambda body: (body, signed(body, secret="not-the-signing-secret")),
    "empty-secret": lambda body: (body, signed(body, secret="")),
    "other-timestamp": lambda body: (
        body,
        {
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": signed(body, stamp=int(time.time()) - 1)["X-Slack-Signature"],
        },
    ),
    "malformed-signature": lambda body: (
        body,
        {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=zz"},
    ),
    "other-scheme": lambda body: (
        body,
        {
            **signed(body),
            "X-Slack-Signature": signed(body)["X-Slack-Signature"].replace("v0=", "v1="),
        },
    ),
    "stale-timestamp": lambda body: (body, signed(body, stamp=int(time.time()) - 6 * 60)),
    "future-timestamp": lambda body: (body, signed(body, stamp=int(time.time()) + 6 * 60)),
    "timestamp-not-a-number": lambda body: (
        body,
        {
            "X-Slack-Request-Timestamp": "soon",
            "X-Slack-Signature": signed(body)["X-Slack-Signature"],
        },
    ),
    "tampered-command": _tampered,
    "tampered-button": _tampered_click,
}


@pytest.mark.parametrize("case", list(BAD_SIGNATURES))
@pytest.mark.asyncio
async def test_a_request_without_a_valid_signature_is_refused_before_the_core(
    core: BotCore, slack: SlackEmulator, tmp_path: Path, case: str
) -> None:
    async with slack_app(core, slack_settings(slack, tmp_path)) as app:
        answered = commands_answered("slack")
        url = slack.response_url()
        if case == "tampered-button":
            value = encode_action(ActionKind.PAGE, 1, "/sources", limit=2000)
            assert value is not None
            fields = block_action(ACTION_NEXT, value, response_url=url, user_id=WORKSPACE_ADMIN)
        else:
            fields = slash_command("/sources", response_url=url, user_id=WORKSPACE_ADMIN)
        body, headers = BAD_SIGNATURES[case](form_body(fields))
        status, text = await post(app, body, headers)
        await asyncio.sleep(0.2)  # room for a wrongly running listener to answer
    assert slack.all_responses() == []
    assert status == 401
    assert SIGNING_SECRET not in text
    assert slack.api_calls("users.info") == []
    assert commands_answered("slack") == answered
    assert list_subscriptions(core.db) == []


@pytest.mark.asyncio
async def test_the_same_request_correctly_signed_is_answered(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    """The control for the refusals above: only the signature differs."""
    async with slack_app(core, slack_settings(slack, tmp_path)) as app:
        answered = commands_answered("slack")
        answer = await slash(slack, app, "/sources")
    assert "Reuters" in shown(answer)
    assert commands_answered("slack") == answered + 1


# === 2. Admin-only commands on both platforms ===============================================

ADMIN_LINES = [
    ("/digest", "subscribe at:08:00"),
    ("/digest", "unsubscribe"),
    ("/feeds", "add {feed}"),
    ("/feeds", "remove #1"),
    ("/brief", "digest subscribe at:08:00"),  # the umbrella reaches every command
    ("/brief", "feeds add {feed}"),
]


@pytest.mark.asyncio
async def test_slack_admin_commands_are_refused_to_others_and_run_for_admins(
    core: BotCore,
    slack: SlackEmulator,
    tmp_path: Path,
    feeds: tuple[FeedServer, str],
) -> None:
    server, feed = feeds
    async with slack_app(core, slack_settings(slack, tmp_path)) as app:
        refusals = [
            await slash(slack, app, command, text.format(feed=feed), user_id=PLAIN)
            for command, text in ADMIN_LINES
        ]
        # a button's state comes back from Slack as it was sent, but is checked all the same
        refusals.append(await click(slack, app, ACTION_NEXT, f"/feeds add {feed}"))
        refusals.append(await click(slack, app, ACTION_SHARE, "/feeds remove #1"))
        # Slack cannot say whether this user is an admin: not an admin
        slack.users["U0UNKNOWN"] = {"is_admin": True}
        slack.fail("users.info", "fatal_error")
        refusals.append(
            await slash(slack, app, "/digest", "subscribe at:08:00", user_id="U0UNKNOWN")
        )
        nothing_changed = (list_subscriptions(core.db), list_feeds(core.db), server.hits.copy())
        readable = await slash(slack, app, "/digest", "list", user_id=PLAIN)

        subscribed = await slash(
            slack, app, "/digest", "subscribe at:08:00", user_id=WORKSPACE_ADMIN
        )
        added = await slash(slack, app, "/feeds", f"add {feed}", user_id=WORKSPACE_ADMIN)
        listed = await slash(slack, app, "/digest", "subscribe at:09:30", user_id=LISTED)
    for refusal in refusals:
        assert REFUSED in shown(refusal), refusal
        assert refusal["response_type"] == "ephemeral"
    assert nothing_changed == ([], [], {})
    assert REFUSED not in shown(readable)
    assert REFUSED not in shown(subscribed) and REFUSED not in shown(added)
    assert REFUSED not in shown(listed)
    [subscription] = list_subscriptions(core.db)
    assert (subscription.platform, subscription.channel) == ("slack", CHANNEL)
    assert subscription.at.strftime("%H:%M") == "09:30"  # the listed admin's change
    assert [f.url for f in list_feeds(core.db)] == [feed]
    assert server.hits["/wire.xml"] >= 1


@pytest.mark.asyncio
async def test_discord_admin_commands_need_manage_channels(
    core: BotCore, fake: FakeDiscord, tmp_path: Path, feeds: tuple[FeedServer, str]
) -> None:
    server, feed = feeds
    subscribe = {"action": "subscribe", "at": "08:00"}
    add_feed = {"action": "add", "url": feed}
    async with discord_bot(fake, core, tmp_path):
        refused = [
            await fake.slash("digest", subscribe, permissions=MEMBER),
            await fake.slash("digest", {"action": "unsubscribe"}, permissions=MEMBER),
            await fake.slash("feeds", add_feed, permissions=MEMBER),
            await fake.slash("feeds", {"action": "remove", "url": "#1"}, permissions=MEMBER),
        ]
        # a click carries no Manage Channels (the fake's clicks come from a plain member)
        smuggled = f"bb1:page:1:/feeds add {feed}"
        refused.append(await fake.click(fake.message_with_buttons([smuggled]), smuggled))
        refusals = [(await fake.responses(sent))[0] for sent in refused]
        nothing_changed = (list_subscriptions(core.db), list_feeds(core.db), server.hits.copy())

        manager = MEMBER | MANAGE_CHANNELS
        subscribed = await fake.responses(
            await fake.slash("digest", subscribe, permissions=manager)
        )
        added = await fake.responses(await fake.slash("feeds", add_feed, permissions=manager))
    for refusal in refusals:
        assert REFUSED in discord_text(refusal)
        assert refusal.body["data"]["flags"] & EPHEMERAL
    assert nothing_changed == ([], [], {})
    assert REFUSED not in discord_text(subscribed[0]) and REFUSED not in discord_text(added[0])
    [subscription] = list_subscriptions(core.db)
    assert subscription.platform == "discord"
    assert subscription.channel == str(fake.channel_ids[fake.guild_ids[0]])
    assert [f.url for f in list_feeds(core.db)] == [feed]


# === 3. Secrets absent from logs, errors and replies ========================================


@pytest.fixture(params=BACKENDS)
def database_with_password(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[str, TcpProxy | None]]:
    """PostgreSQL reached through a proxy, by a URL with DB_PASSWORD (the proxy lets the
    test take the database away); SQLite, which has no password, without PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'secrets.sqlite3'}", None
        return
    assert POSTGRES_URL
    reset_postgres(POSTGRES_URL)
    target = make_url(POSTGRES_URL)
    with TcpProxy(target.host or "127.0.0.1", target.port or 5432) as proxy:
        yield password_url(proxy.port, target.database or "postgres"), proxy


def test_the_settings_never_show_the_database_url_password(tmp_path: Path) -> None:
    """repr, str and a dump of the settings (a log line, a traceback's locals) and the error
    for a URL that is refused: none of them shows the URL's password."""
    settings = make_settings(password_url(5432), tmp_path)
    assert DB_PASSWORD in make_url(settings.resolved_database_url).password
    shown = f"{settings!r} {settings!s} {settings.model_dump()} {settings.model_dump_json()}"
    assert leaked(shown) == [], shown
    broken = f"nosuchdb://postgres:{quote(DB_PASSWORD, safe='')}@127.0.0.1/briefbot"
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, BRIEFBOT_DATABASE_URL=broken)  # type: ignore[call-arg]
    assert leaked(f"{refused.value!s} {refused.value!r}") == []


def test_a_database_url_password_never_reaches_an_error(tmp_path: Path) -> None:
    """Nobody listens on the port: the error says so, without the URL's password."""
    settings = make_settings(password_url(free_port()), tmp_path)
    assert DB_PASSWORD in settings.secret_values  # the log redactor knows it, decoded
    with pytest.raises(UnavailableError) as raised:
        open_core(settings)
    assert "temporarily unavailable" in raised.value.message
    assert leaked(str(raised.value)) == [] and leaked(repr(raised.value)) == []
    assert raised.value.__cause__ is None or leaked(str(raised.value.__cause__)) == []


@pytest.mark.asyncio
async def test_no_secret_in_logs_errors_or_replies_when_things_fail(
    slack: SlackEmulator,
    fake: FakeDiscord,
    database_with_password: tuple[str, TcpProxy | None],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    url, proxy = database_with_password
    core = make_core(url, tmp_path)
    errors: list[BaseException] = []
    try:
        async with slack_app(core, slack_settings(slack, tmp_path)) as app:
            answer = await slash(slack, app, "/sources")  # ordinary traffic, at DEBUG
            body = form_body(slash_command("/sources", response_url=slack.response_url()))
            forged = await post(app, body, signed(body, secret="forged"))
            assert forged[0] == 401

            # Slack keeps failing the channel post: the card goes through the response_url
            slack.fail("chat.postMessage", "internal_error", status=500, times=3)
            shared = await click(slack, app, ACTION_SHARE, "/sources")
            # ... and then the private copy is removed (before the next fault is set up)
            await slack.wait_for(lambda: {"delete_original": True} in slack.all_responses())
            if proxy is not None:
                proxy.stop()  # the database goes, its URL carrying the password
                down = await slash(slack, app, "/sources")
                assert "temporarily unavailable" in shown(down)
                proxy.start()
            slack.fail("response", "expired_url", status=404)
            url_gone = slack.response_url()
            gone_body = form_body(slash_command("/sources", response_url=url_gone))
            assert (await post(app, gone_body, signed(gone_body)))[0] == 200
            await slack.wait_for(lambda: "response_url answered 404" in caplog.text)

        refused = slack_settings(slack, tmp_path, SLACK_BOT_TOKEN=REVOKED_BOT_TOKEN)
        with pytest.raises(SlackConfigError) as refused_error:
            await run_slack(core, refused, web.Application())
        errors.append(refused_error.value)
        wrong_app = slack_settings(
            slack, tmp_path, BRIEFBOT_SLACK_MODE="socket", SLACK_APP_TOKEN=WRONG_APP_TOKEN
        )
        with pytest.raises(SlackConfigError, match="SLACK_APP_TOKEN") as app_error:
            await run_slack(core, wrong_app, web.Application())
        errors.append(app_error.value)

        # Discord: a wrong token at login, and a channel that refuses a digest
        wrong = discord_settings(fake, tmp_path, token=WRONG_DISCORD_TOKEN)
        with pytest.raises(discord.LoginFailure) as login_error:
            await open_rest_client(wrong)
        errors.append(login_error.value)
        client = await open_rest_client(discord_settings(fake, tmp_path))
        try:
            channel = fake.channel_ids[fake.guild_ids[0]]
            fake.deny_channel(channel)
            sub = Subscription("discord", str(channel), datetime.now(UTC).time(), "UTC")
            post_ = DigestPost(
                sub, Card(title="Digest"), datetime.now(UTC).date(), 1, datetime.now(UTC)
            )
            with pytest.raises(DeliveryError) as delivery_error:
                await DiscordDeliverer(client).deliver(post_)
            errors.append(delivery_error.value)
        finally:
            await client.close()
    finally:
        core.close()

    assert "Reuters" in shown(answer)
    assert shared["response_type"] == "in_channel" and "Reuters" in shown(shared)
    replies = shown([slack.all_responses(), slack.state.messages, [r.body for r in fake.requests]])
    assert leaked(replies) == []
    assert leaked(caplog.text) == [], leaked(caplog.text)
    for error in errors:
        assert leaked(f"{error!s} {error!r} {error.__cause__!s}") == []
    assert leaked(repr(core)) == []  # what a traceback with locals would show
    for wrong in (REVOKED_BOT_TOKEN, WRONG_APP_TOKEN, WRONG_DISCORD_TOKEN):
        assert wrong not in caplog.text + repr(errors)
    # the response_url of a verified request is a credential for 30 minutes (a forged
    # request's body, its URL included, may be logged: it is the sender's own)
    verified = [*slack.state.responses, url_gone.rsplit("/", 1)[-1]]
    assert len(verified) >= 4
    assert [key for key in verified if key in caplog.text] == []


def process_env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_", "DISCORD_"))
    }
    env.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEEDS_DIR=str(SEEDS),
        BRIEFBOT_LOG_LEVEL="DEBUG",
        BRIEFBOT_HTTP_HOST="127.0.0.1",
        BRIEFBOT_HTTP_PORT="0",
        BRIEFBOT_CONSOLE="false",
    )
    env.update(values)
    return env


async def briefbot(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        cwd=PROJECT,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@pytest.mark.asyncio
async def test_briefbot_processes_print_no_secret_at_debug(
    slack: SlackEmulator, fake: FakeDiscord, tmp_path: Path
) -> None:
    dead_database = password_url(free_port())
    sqlite = f"sqlite:///{tmp_path / 'processes.sqlite3'}"
    seeded = make_core(sqlite, tmp_path)
    from briefings.digests.subscriptions import subscribe

    channel = fake.channel_ids[fake.guild_ids[0]]
    for platform, where in (("slack", CHANNEL), ("discord", str(channel))):
        subscribe(
            seeded.db,
            platform=platform,
            channel=where,
            at="08:00",
            zone="UTC",
            post_when_empty=True,
            now=datetime(2024, 1, 1, tzinfo=UTC),
        )
    seeded.close()
    platforms = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "BRIEFBOT_SLACK_MODE": "http",
        "DISCORD_TOKEN": DISCORD_TOKEN,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
    }
    revoked = {**platforms, "SLACK_BOT_TOKEN": REVOKED_BOT_TOKEN}
    # digests that both platforms refuse (Slack: server errors; Discord: no access)
    slack.fail("chat.postMessage", "internal_error", status=500, times=5)
    fake.deny_channel(channel)
    scenarios = {
        # the database is unreachable, with a password in its URL: a one-line refusal
        "run, database down": (
            process_env(tmp_path, BRIEFBOT_DATABASE_URL=dead_database, **platforms),
            ["run"],
        ),
        # Slack refuses the bot token at start-up
        "run, token refused": (
            process_env(tmp_path, BRIEFBOT_DATABASE_URL=sqlite, **revoked),
            ["run"],
        ),
        "digest run-due, platforms failing": (
            process_env(tmp_path, BRIEFBOT_DATABASE_URL=sqlite, **platforms),
            ["digest", "run-due", "--now", "2025-06-02T08:00Z"],
        ),
    }
    results = await asyncio.gather(*(briefbot(env, *args) for env, args in scenarios.values()))
    runs = dict(zip(scenarios, results, strict=True))

    code, out, err = runs["run, database down"]
    assert code == 1 and "Traceback" not in err
    assert [line for line in err.splitlines() if "temporarily unavailable" in line]
    code, out, err = runs["run, token refused"]
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[-1] == "briefbot: Slack refused SLACK_BOT_TOKEN (invalid_auth)."
    code, out, err = runs["digest run-due, platforms failing"]
    assert code == 1 and "failed" in out
    assert len(slack.api_calls("chat.postMessage")) >= 1  # the run did reach the platforms
    assert [r for r in fake.requests if r.path == f"/channels/{channel}/messages"]
    for name, (_, out, err) in runs.items():
        assert err.strip() or out.strip(), name
        assert leaked(out + err) == [], (name, leaked(out + err))
        assert REVOKED_BOT_TOKEN not in out + err, name
