"""The Discord adapter end to end: the real discord.py client against a fake Discord on
127.0.0.1 (REST + gateway), answering from a real seeded core."""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field

from bot.actions import decode_action
from bot.app import BotCore, open_core
from bot.config import Settings
from bot.discord.client import build_client, configure_endpoints, intents, run_discord
from bot.discord.limits import discord_limit_violations
from bot.discord.lines import command_line
from bot.discord.render import render_discord, render_discord_quotes
from bot.discord.responder import APOLOGY
from bot.discord.tree import build_tree, to_choices
from briefings.cards import Card
from briefings.commands import CommandRegistry, default_commands
from briefings.commands.parsing import parse_line
from briefings.commands.registry import Command, CommandContext, Permission, is_error
from tests.conftest import make_settings
from tests.emulators.discord import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
    UPDATE_MESSAGE,
    FakeDiscord,
    Recorded,
)

TOKEN = "MTIz.fake-bot-token.SECRET-must-never-be-logged"
MANAGE_CHANNELS = discord.Permissions(manage_channels=True).value
PRIVILEGED = discord.Intents(members=True, presences=True, message_content=True).value
PNG = b"\x89PNG\r\n\x1a\n"


# ---- fixtures --------------------------------------------------------------------------------


class _NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _MuteParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    until: str | None = Field(
        None, description="until this date", json_schema_extra={"kind": "date"}
    )


def _boom(context: CommandContext, params: BaseModel) -> Card:
    raise RuntimeError("kaboom in a handler")


def _mute(context: CommandContext, params: BaseModel) -> Card:
    return Card(title="Digest muted")


EXTRA_COMMANDS = (
    Command(
        name="boom", summary="Always fails (tests the apology)", params=_NoParams, handler=_boom
    ),
    Command(
        name="mute",
        summary="Mute the digest in this channel",
        params=_MuteParams,
        handler=_mute,
        permission=Permission.CHANNEL_ADMIN,
    ),
)


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp = tmp_path_factory.mktemp("discord")
    core = open_core(make_settings(f"sqlite:///{tmp / 'core.sqlite3'}", tmp))
    yield core
    core.close()


@pytest.fixture(scope="module")
def extra_core(core: BotCore) -> BotCore:
    """The same data with two more (real) commands: one that fails, one for channel admins."""
    registry = CommandRegistry()
    for command in (*default_commands(), *EXTRA_COMMANDS):
        registry.add(command)
    return BotCore(settings=core.settings, db=core.db, commands=registry)


@pytest.fixture(autouse=True)
def no_library_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """discord.py logs (rather than raises) failures in dispatch, parsing and callbacks."""
    yield
    errors = [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.get_records("call")
        if r.levelno >= logging.ERROR and r.name.split(".")[0] in {"discord", "aiohttp"}
    ]
    assert not errors


@pytest.fixture
def endpoints() -> Iterator[None]:
    """discord.py's endpoints are class attributes: put them back after every test."""
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    yield
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest_asyncio.fixture
async def fake(endpoints: None) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()
    assert not fake.unhandled, [f"{r.method} {r.path}" for r in fake.unhandled]


def discord_settings(fake: FakeDiscord, tmp_path: Path, **env: object) -> Settings:
    return make_settings(
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        tmp_path,
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_URL=fake.api_url,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        **env,
    )


@asynccontextmanager
async def connected(client: discord.Client, token: str = TOKEN) -> AsyncIterator[discord.Client]:
    """Run the client until the block ends; a crash of its connect task fails the test."""
    task = asyncio.create_task(client.start(token))
    try:
        async with asyncio.timeout(5):
            while not client.is_ready():
                if task.done():
                    task.result()
                    raise AssertionError("the client stopped before it was ready")
                await asyncio.sleep(0.01)
        yield client
        assert not task.done() or task.exception() is None
    finally:
        await client.close()
        with suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


@asynccontextmanager
async def bot(
    fake: FakeDiscord, core: BotCore, tmp_path: Path, **options: Any
) -> AsyncIterator[discord.Client]:
    """A connected bot. Tests that expect a direct answer get a budget of 2.5 s (not 1.5) so
    that a busy test machine does not turn them into deferrals."""
    settings = discord_settings(fake, tmp_path)
    configure_endpoints(settings)
    options.setdefault("answer_budget", 2.5)
    async with connected(build_client(core, settings, guild_ready_timeout=0.05, **options)) as c:
        yield c


def data_of(request: Recorded) -> dict[str, Any]:
    """The message payload of a callback (`data`) or of a webhook request (the body)."""
    body = request.body
    return body["data"] if request.path.endswith("/callback") else body


def embeds(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The payload's embeds without what discord.py adds on the way (`flags: 0`, `type`)."""
    return [
        {k: v for k, v in e.items() if (k, str(v)) not in {("flags", "0"), ("type", "rich")}}
        for e in payload.get("embeds") or []
    ]


def assert_safe(payload: dict[str, Any]) -> None:
    assert discord_limit_violations(payload) == []
    assert payload["allowed_mentions"] == {"parse": []}


def custom_ids(payload: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in payload.get("components", []) for c in row["components"]]


def rendered(core: BotCore, line: str) -> dict[str, Any]:
    card = core.ask(line)
    return render_discord(card, chart_attached=card.chart is not None)[0]


def example_options(core: BotCore, command: Command) -> tuple[str, dict[str, Any]]:
    """A documented example of the command (the last that answers without an error), as the
    options a Discord user would fill in."""
    examples = list(command.examples) or [f"/{command.name}"]
    line = next((e for e in reversed(examples) if not is_error(core.ask(e))), examples[-1])
    parsed = parse_line(line)
    kinds = {info.name: info.kind for info in command.param_info()}
    options: dict[str, Any] = {
        key: int(value) if kinds[key] == "int" else value for key, value in parsed.options.items()
    }
    if parsed.words:
        assert command.positional is not None
        options[command.positional] = " ".join(parsed.words)
    return line, options


# ---- command lines and the tree (no network) -------------------------------------------------


def test_options_become_a_command_line_that_parses_back() -> None:
    registry = default_commands()
    timeline, actor = registry.get("timeline"), registry.get("actor")
    assert (
        command_line(timeline, {"actor": "Nagorno Karabakh", "from": "2023", "page": 2})
        == '/timeline actor:"Nagorno Karabakh" from:2023 page:2'
    )
    assert (
        command_line(timeline, {"actor": None, "kind": "ceasefire"}) == "/timeline kind:ceasefire"
    )
    assert command_line(actor, {"name": "Nikol Pashinyan"}) == "/actor Nikol Pashinyan"
    # free text that would read back as an option or a quote goes in as a quoted option
    assert command_line(actor, {"name": "page:3"}) == "/actor name:page:3"
    assert command_line(actor, {"name": 'the "Kremlin"'}) == r'/actor name:"the \"Kremlin\""'
    assert parse_line(command_line(actor, {"name": "O'Brien's man"})).options == {
        "name": "O'Brien's man"
    }


_VALUES = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
    lambda v: v == v.strip() and v.strip() != ""
)


@settings(max_examples=80, deadline=None)
@given(actor=_VALUES, name=_VALUES)
def test_any_option_value_reads_back_unchanged(actor: str, name: str) -> None:
    registry = default_commands()
    parsed = parse_line(command_line(registry.get("timeline"), {"actor": actor}))
    assert parsed.options == {"actor": actor} and parsed.words == []
    parsed = parse_line(command_line(registry.get("actor"), {"name": name}))
    if parsed.words:  # plain free text: the core joins words with single spaces anyway
        assert " ".join(parsed.words) == " ".join(name.split()) and not parsed.options
    else:
        assert parsed.options == {"name": name}


def test_tree_has_one_command_per_registry_command_within_discord_limits() -> None:
    registry = default_commands()
    client = discord.Client(intents=intents())
    tree = build_tree(client, registry)
    payloads = {c.name: c.to_dict(tree) for c in tree.get_commands()}
    assert set(payloads) == {c.name for c in registry}
    for command in registry:
        payload = payloads[command.name]
        assert payload["name"] == command.name.lower() and len(payload["name"]) <= 32
        assert 1 <= len(payload["description"]) <= 100
        options = {o["name"]: o for o in payload.get("options", [])}
        infos = command.param_info()
        assert set(options) == {i.name for i in infos} and len(options) <= 25
        required = [o["required"] for o in payload.get("options", [])]
        assert required == sorted(required, reverse=True), "required options come first"
        for info in infos:
            option = options[info.name]
            assert 1 <= len(option["description"]) <= 100
            assert option["required"] == info.required
            assert option["type"] == (4 if info.kind == "int" else 3)
            assert option.get("autocomplete", False) == bool(info.autocomplete)
            if info.kind == "date":
                assert "YYYY, YYYY-MM or YYYY-MM-DD" in option["description"]
                assert option["max_length"] == 10


def test_closed_sets_become_choices_and_admin_commands_need_manage_channels() -> None:
    class Params(BaseModel):
        model_config = ConfigDict(extra="forbid")
        size: str = Field(description="how big", json_schema_extra={"choices": ["s", "m", "l"]})
        code: str | None = Field(
            None, description="x" * 300, json_schema_extra={"choices": [f"c{i}" for i in range(40)]}
        )

    registry = CommandRegistry()
    registry.add(
        Command(
            name="pick",
            summary="y" * 150,
            params=Params,
            handler=_mute,
            permission=Permission.CHANNEL_ADMIN,
        )
    )
    tree = build_tree(discord.Client(intents=intents()), registry)
    payload = tree.get_commands()[0].to_dict(tree)
    assert len(payload["description"]) == 100 and payload["description"].endswith("…")
    size, code, story = payload["options"]  # every briefing command takes story:
    assert story["name"] == "story" and story["autocomplete"] is True
    assert size["choices"] == [{"name": c, "value": c} for c in ("s", "m", "l")]
    assert "choices" not in code and code["autocomplete"] is True  # 40 > 25 choices
    assert len(code["description"]) == 100
    assert int(payload["default_member_permissions"]) == MANAGE_CHANNELS
    assert payload["contexts"] == [0]  # guild only: "channel admin" means nothing in a DM


def test_autocomplete_choices_are_capped_and_valid() -> None:
    names = [f"name {i}" for i in range(40)]
    choices = to_choices(["x" * 101, "", *names, "name 0"])
    assert [c.value for c in choices] == names[:25]
    assert all(len(c.name) <= 100 for c in choices)


# ---- the gateway -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_identifies_with_minimal_intents_and_mentions_off(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, core, tmp_path) as client:
        (identify,) = await fake.wait_identified()
        assert identify["token"] == TOKEN
        assert identify["intents"] & PRIVILEGED == 0
        assert identify["intents"] == discord.Intents(guilds=True).value
        assert client.application_id == fake.app_id
        assert client.get_guild(fake.guild_ids[0]) is not None  # GUILD_CREATE was parsed
        assert isinstance(client, discord.Client) and not isinstance(
            client, discord.AutoShardedClient
        )
        assert client.allowed_mentions is not None
        assert client.allowed_mentions.to_dict() == {"parse": []}
    # nothing was synced on start-up
    assert not [r for r in fake.requests if "/commands" in r.path]


@pytest.mark.asyncio
@pytest.mark.parametrize("name", [c.name for c in default_commands()])
async def test_every_command_answers_with_its_card(
    name: str, fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    command = core.commands.get(name)
    line, options = example_options(core, command)
    expected = rendered(core, line)
    async with bot(fake, core, tmp_path):
        sent = await fake.slash(name, options)
        (callback,) = await fake.responses(sent)
    assert callback.body["type"] == CHANNEL_MESSAGE
    payload = data_of(callback)
    assert_safe(payload)
    # error cards are private; the examples should not be errors, but that is the core's call
    assert bool(payload.get("flags", 0) & EPHEMERAL) == is_error(core.ask(line))
    assert embeds(payload) == embeds(expected)
    assert custom_ids(payload) == custom_ids(expected)
    chart = core.ask(line).chart
    if chart is not None:
        (png,) = callback.files
        assert png.filename == chart.filename and png.data.startswith(PNG)
        assert embeds(payload)[0]["image"]["url"] == f"attachment://{chart.filename}"
    else:
        assert callback.files == []


@pytest.mark.asyncio
async def test_slow_answers_are_deferred_then_edited(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, core, tmp_path, answer_budget=0):
        sent = await fake.slash("timeline", {"actor": "Russia"})
        defer, edit = await fake.responses(sent, 2)
    assert defer.body == {"type": DEFERRED_CHANNEL_MESSAGE}
    assert edit.method == "PATCH"
    assert edit.path == f"/webhooks/{fake.app_id}/{sent.token}/messages/@original"
    payload = data_of(edit)
    assert_safe(payload)
    expected = rendered(core, "/timeline actor:Russia")
    assert embeds(payload) == embeds(expected)
    assert custom_ids(payload) == custom_ids(expected)
    assert edit.files and edit.files[0].data.startswith(PNG)


@pytest.mark.asyncio
async def test_user_errors_are_answered_privately(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    expected = rendered(core, "/timeline from:2023-13")
    async with bot(fake, core, tmp_path):
        sent = await fake.slash("timeline", {"from": "2023-13"})
        (callback,) = await fake.responses(sent)
    payload = data_of(callback)
    assert callback.body["type"] == CHANNEL_MESSAGE and payload.get("flags", 0) & EPHEMERAL
    assert embeds(payload) == embeds(expected)
    assert_safe(payload)


@pytest.mark.asyncio
async def test_a_slow_user_error_replaces_the_public_thinking_message(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, core, tmp_path, answer_budget=0):
        sent = await fake.slash("actor", {"name": "Nobody-at-all"})
        defer, delete, followup = await fake.responses(sent, 3)
    assert defer.body == {"type": DEFERRED_CHANNEL_MESSAGE}
    assert delete.method == "DELETE" and delete.path.endswith("/messages/@original")
    assert followup.method == "POST" and followup.body.get("flags", 0) & EPHEMERAL
    assert embeds(followup.body) == embeds(rendered(core, "/actor Nobody-at-all"))


@pytest.mark.asyncio
async def test_autocomplete_answers_at_most_25_matching_names(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, core, tmp_path):
        typed = await fake.autocomplete("timeline", {"actor": "ru"}, "actor")
        everything = await fake.autocomplete("actor", {"name": ""}, "name")
        kinds = await fake.autocomplete("timeline", {"actor": "Russia", "kind": "cea"}, "kind")
        (typed_answer,) = await fake.responses(typed)
        (all_answer,) = await fake.responses(everything)
        (kind_answer,) = await fake.responses(kinds)
    for answer in (typed_answer, all_answer, kind_answer):
        assert answer.body["type"] == AUTOCOMPLETE_RESULT
        choices = answer.body["data"]["choices"]
        assert 1 <= len(choices) <= 25
        assert all(len(c["name"]) <= 100 and c["name"] == c["value"] for c in choices)
    typed_names = [c["value"] for c in typed_answer.body["data"]["choices"]]
    assert typed_names == core.complete("actor", "ru") and "Russia" in typed_names
    assert kind_answer.body["data"]["choices"][0]["value"] == "ceasefire"
    assert len(all_answer.body["data"]["choices"]) == len(core.complete("actor", ""))


# ---- buttons ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_next_page_button_edits_the_message_in_place(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, core, tmp_path):
        sent = await fake.slash("timeline")
        (callback,) = await fake.responses(sent)
        message = fake.original(sent)
        ids = custom_ids(message)
        next_page = next(
            i for i in ids if (s := decode_action(i)) and s.kind == "page" and s.page == 2
        )
        click = await fake.click(message, next_page)
        (update,) = await fake.responses(click)
    assert update.body["type"] == UPDATE_MESSAGE
    payload = data_of(update)
    assert_safe(payload)
    expected = rendered(core, "/timeline page:2")
    assert embeds(payload) == embeds(expected)
    assert custom_ids(payload) == custom_ids(expected)
    assert embeds(payload) != embeds(data_of(callback))
    assert update.files and update.files[0].data.startswith(PNG)  # the chart is re-attached
    assert embeds(message) == embeds(expected)  # the fake applied the edit to the message


@pytest.mark.asyncio
async def test_the_background_button_shows_the_earlier_history_in_place(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, core, tmp_path):
        sent = await fake.slash("timeline")
        await fake.responses(sent)
        message = fake.original(sent)
        (background,) = [
            i for i in custom_ids(message) if (s := decode_action(i)) and "period:" in s.command
        ]
        click = await fake.click(message, background)
        (update,) = await fake.responses(click)
    assert update.body["type"] == UPDATE_MESSAGE
    payload = data_of(update)
    assert_safe(payload)
    expected = rendered(core, "/timeline period:background")
    assert embeds(payload) == embeds(expected)
    assert custom_ids(payload) == custom_ids(expected)
    assert "Background, oldest first" in json.dumps(embeds(payload))


@pytest.mark.asyncio
async def test_buttons_keep_working_after_a_restart(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    """A message sent before this process started: the state is in the custom_id alone."""
    message = fake.message_with_buttons(["bb1:page:1:/timeline", "bb1:page:2:/timeline"])
    async with bot(fake, core, tmp_path):
        click = await fake.click(message, "bb1:page:2:/timeline")
        (update,) = await fake.responses(click)
    assert update.body["type"] == UPDATE_MESSAGE
    assert embeds(data_of(update)) == embeds(rendered(core, "/timeline page:2"))


@pytest.mark.asyncio
async def test_slow_page_is_a_deferred_update_then_an_edit(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    message = fake.message_with_buttons(["bb1:page:3:/timeline"])
    async with bot(fake, core, tmp_path, answer_budget=0):
        click = await fake.click(message, "bb1:page:3:/timeline")
        defer, edit = await fake.responses(click, 2)
    assert defer.body == {"type": DEFERRED_UPDATE_MESSAGE}
    assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
    assert embeds(edit.body) == embeds(rendered(core, "/timeline page:3"))
    assert embeds(message) == embeds(edit.body)


@pytest.mark.asyncio
async def test_sources_button_answers_privately_with_the_quotes(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    message = fake.message_with_buttons(["bb1:quotes:1:/actor Russia"])
    async with bot(fake, core, tmp_path):
        click = await fake.click(message, "bb1:quotes:1:/actor Russia")
        (answer,) = await fake.responses(click)
    payload = data_of(answer)
    assert answer.body["type"] == CHANNEL_MESSAGE and payload.get("flags", 0) & EPHEMERAL
    expected = render_discord_quotes(core.ask("/actor Russia page:1"))[0]
    assert embeds(payload) == embeds(expected)
    assert_safe(payload)
    assert embeds(message) == [{"title": "old"}]  # the card itself is left alone


@pytest.mark.asyncio
async def test_slow_quotes_are_deferred_privately_then_edited(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    message = fake.message_with_buttons(["bb1:quotes:2:/timeline"])
    async with bot(fake, core, tmp_path, answer_budget=0):
        click = await fake.click(message, "bb1:quotes:2:/timeline")
        defer, edit = await fake.responses(click, 2)
    assert defer.body == {"type": DEFERRED_CHANNEL_MESSAGE, "data": {"flags": EPHEMERAL}}
    assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
    expected = render_discord_quotes(core.ask("/timeline page:2"))[0]
    assert embeds(edit.body) == embeds(expected)
    assert fake.original(click)["flags"] & EPHEMERAL


@pytest.mark.asyncio
async def test_share_button_posts_the_page_publicly(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    message = fake.message_with_buttons(["bb1:share:2:/actor Russia"])
    async with bot(fake, core, tmp_path):
        click = await fake.click(message, "bb1:share:2:/actor Russia")
        (answer,) = await fake.responses(click)
    payload = data_of(answer)
    assert answer.body["type"] == CHANNEL_MESSAGE and not payload.get("flags", 0) & EPHEMERAL
    assert embeds(payload) == embeds(rendered(core, "/actor Russia page:2"))
    assert embeds(message) == [{"title": "old"}]


@pytest.mark.asyncio
async def test_a_command_this_version_does_not_know_gets_the_apology(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    """E.g. synced by a newer release while an older replica still runs."""
    async with bot(fake, core, tmp_path):
        sent = await fake.slash("from-the-future")
        (answer,) = await fake.responses(sent)
    assert data_of(answer)["content"] == APOLOGY and data_of(answer)["flags"] & EPHEMERAL


@pytest.mark.asyncio
async def test_unreadable_button_state_gets_the_apology(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    message = fake.message_with_buttons(["bb1:page:x:/timeline"])
    async with bot(fake, core, tmp_path):
        click = await fake.click(message, "bb1:page:x:/timeline")
        (answer,) = await fake.responses(click)
    assert data_of(answer)["content"] == APOLOGY and data_of(answer).get("flags", 0) & EPHEMERAL


# ---- failures, permissions, rate limits, shards ----------------------------------------------


@pytest.mark.asyncio
async def test_a_failure_is_one_private_apology_and_a_log_entry_without_the_token(
    fake: FakeDiscord, extra_core: BotCore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with bot(fake, extra_core, tmp_path):
        sent = await fake.slash("boom")
        (answer,) = await fake.responses(sent)
    payload = data_of(answer)
    assert payload["content"] == APOLOGY and payload.get("flags", 0) & EPHEMERAL
    assert payload.get("embeds", []) == []
    assert "kaboom in a handler" in caplog.text  # the detail is in the log
    for record in caplog.records:
        text = caplog.handler.format(record)
        assert TOKEN not in text, (record.name, record.levelname)
        if record.name.startswith("bot.") or record.levelno >= logging.INFO:
            assert sent.token not in text, (record.name, record.levelname)


@pytest.mark.asyncio
async def test_admin_commands_run_only_for_members_who_manage_the_channel(
    fake: FakeDiscord, extra_core: BotCore, tmp_path: Path
) -> None:
    async with bot(fake, extra_core, tmp_path):
        manager = await fake.slash("mute", permissions=0x400 | MANAGE_CHANNELS)
        member = await fake.slash("mute", permissions=0x400 | 0x800)
        (allowed,) = await fake.responses(manager)
        (refused,) = await fake.responses(member)
    assert embeds(data_of(allowed))[0]["title"] == "Digest muted"
    assert data_of(refused).get("flags", 0) & EPHEMERAL
    assert "Only channel managers" in embeds(data_of(refused))[0]["description"]


@pytest.mark.asyncio
async def test_a_rate_limited_response_is_retried(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    fake.fail_next("PATCH", r"/messages/@original$", retry_after=0.05)
    async with bot(fake, core, tmp_path, answer_budget=0):
        sent = await fake.slash("help")
        defer, limited, edit = await fake.responses(sent, 3)
    assert defer.body["type"] == DEFERRED_CHANNEL_MESSAGE
    assert (limited.method, limited.status) == ("PATCH", 429)
    assert (edit.method, edit.status) == ("PATCH", 200)
    assert edit.body == limited.body
    assert embeds(edit.body) == embeds(rendered(core, "/help"))


@pytest.mark.asyncio
async def test_two_shards_identify_separately_and_both_answer(
    endpoints: None, core: BotCore, tmp_path: Path
) -> None:
    fake = FakeDiscord(TOKEN, guilds=2, shard_count=2)
    await fake.start()
    try:
        settings = discord_settings(fake, tmp_path, DISCORD_SHARD_COUNT=2, DISCORD_SHARD_IDS="0,1")
        configure_endpoints(settings)
        client = build_client(core, settings, guild_ready_timeout=0.05)
        assert isinstance(client, discord.AutoShardedClient)

        async def no_wait(shard_id: int | None, *, initial: bool = False) -> None:
            return None  # Discord wants 5 s between identifies; the fake does not

        client.before_identify_hook = no_wait  # type: ignore[method-assign]
        async with connected(client):
            identifies = await fake.wait_identified(2)
            assert sorted(i["shard"] for i in identifies) == [[0, 2], [1, 2]]
            assert {fake.shard_of(g) for g in fake.guild_ids} == {0, 1}
            answers = []
            for guild in fake.guild_ids:
                sent = await fake.slash("help", guild_id=guild)
                answers.extend(await fake.responses(sent))
        assert [a.body["type"] for a in answers] == [CHANNEL_MESSAGE, CHANNEL_MESSAGE]
        assert not [r for r in fake.requests if r.path == "/gateway/bot"]
    finally:
        await fake.stop()


@pytest.mark.asyncio
async def test_run_discord_connects_answers_and_closes_when_cancelled(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    settings = discord_settings(fake, tmp_path)
    task = asyncio.create_task(run_discord(core, settings))
    try:
        await fake.wait_identified()
        sent = await fake.slash("help", {"command": "timeline"})
        (answer,) = await fake.responses(sent)
        assert embeds(data_of(answer)) == embeds(rendered(core, "/help timeline"))
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    session = fake.sessions[-1]
    await fake.wait_for(lambda: session.ws.closed, 5, "the gateway session to close")
    assert fake.api_url == Route.BASE  # DISCORD_API_URL was applied


def test_shlex_reads_quoted_values_like_the_core() -> None:
    """The quoting in `command_line` relies on shlex's double-quote rules."""
    assert shlex.split(r'name:"a \"b\" \\ c"') == [r'name:a "b" \ c']
