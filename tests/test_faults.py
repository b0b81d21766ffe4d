"""Faults the bot must ride out (issue 9, "hostile input and faults"), end to end.

Nothing of ours is mocked: real PostgreSQL and SQLite, the real slack-bolt / slack_sdk and
discord.py clients against the emulators on 127.0.0.1, real `briefbot` processes. The
checklist, one section per item:

1. The database unreachable mid-command. PostgreSQL sits behind a TCP proxy the test takes
   down (every connection cut, new ones refused) between two commands (Slack) and in the
   middle of one (Discord): the user reads "temporarily unavailable", never a traceback, and
   the next command after the database returns answers normally. Connections the server
   itself kills (`pg_terminate_backend`) are replaced without anyone noticing. SQLite: a
   file another writer keeps locked (as another process would) past the busy timeout gives
   the same message for writes while reads go on; once released, the write works. (An
   unreadable file is not tested: these tests run as root, which reads any file.)
2. Platform 429 and 5xx. Slack (response_url and chat.postMessage) and Discord (the
   interaction callback): a 429 is retried after its Retry-After, a 500/502/503 is retried,
   and the message arrives exactly once. Digests: a server error is a transient failure that
   the next run retries, after looking for the post, so the digest arrives exactly once on
   both platforms (discord.py itself already retries 500/502). Also covered elsewhere:
   tests/test_slack_app.py (429 on a share and on a chart upload), test_discord_client.py
   (429 on an edit), test_digest_deliverers.py (429 on digests, a post accepted but never
   answered).
3. The process killed during ingest. `briefbot ingest` of three articles (the seed stories,
   some hundred rows each) into SQLite and PostgreSQL is SIGKILLed while the second
   article's transaction is open (a test-only trigger holds that transaction at its first
   figure row, so the kill lands mid-write every time): the first article is complete,
   nothing of the second or third is stored, and a re-run stores the rest, each article
   with exactly its sentences, actors, events, claims and figures.
4. A replayed Slack request. A correctly signed request sent again byte for byte (same body,
   same timestamp) is acknowledged but answered once, for commands and for buttons; one whose
   timestamp is more than five minutes old (or ahead) is refused with 401.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from bot.actions import ActionKind, encode_action
from bot.app import BotCore, open_core
from bot.config import Settings
from bot.digests.deliverers import cli_deliverers
from bot.digests.run_due import run_due
from bot.metrics import REGISTRY
from bot.slack.app import SORRY
from bot.slack.dedupe import REMEMBER_SECONDS
from bot.slack.render import ACTION_NEXT, ACTION_SHARE
from bot.slack.runner import SLACK_EVENTS_PATH, run_slack
from briefings.cards import CardKind
from briefings.digests.ledger import deliveries
from briefings.digests.subscriptions import list_subscriptions, subscribe
from briefings.extract.pipeline import extract
from briefings.ingest import ArticleMeta, build_article, read_text_file
from briefings.models import Extraction
from briefings.service import ingest_text
from briefings.store.database import open_database
from briefings.store.schema import (
    ArticleActorRow,
    ArticleRow,
    ClaimRow,
    ClaimSubjectRow,
    EventActorRow,
    EventRow,
    FigureRow,
    SentenceRow,
)
from tests.conftest import BACKENDS, POSTGRES_URL, PROJECT, SEEDS, make_settings, reset_postgres
from tests.emulators.discord import CHANNEL_MESSAGE, EPHEMERAL, FakeDiscord
from tests.emulators.discord_bot import discord_settings as shared_discord_settings
from tests.emulators.discord_bot import running_discord_bot
from tests.emulators.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackEmulator,
    block_action,
    form_body,
    post_signed,
    signature,
    slash_command,
)
from tests.emulators.tcpproxy import TcpProxy

UNAVAILABLE = "temporarily unavailable"
CHANNEL = "C0GENERAL"
ADMIN = "U0LISTEDADMIN"  # named in BRIEFBOT_SLACK_ADMINS: no users.info lookup needed
DISCORD_TOKEN = "MTIz.faults-discord-token"
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)
SLOT = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
STORY = """Harbour strike ends after talks in Rotterdam

ROTTERDAM, May 3, 2025 (Reuters) - Dock workers ended a nine-day strike on Saturday after the
port authority agreed to new shift rules, the union said.

"We have an agreement that protects our members," union leader Marta de Vries said.

At least 40 ships had been waiting outside the port, according to the port authority.
"""

needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="set BRIEFBOT_TEST_DATABASE_URL to test PostgreSQL"
)


# --- shared harness -------------------------------------------------------------------------


def small_core(url: str, tmp_path: Path) -> BotCore:
    """A core holding one short story: quick to build, enough for /sources to read."""
    core = open_core(make_settings(url, tmp_path), seed=False)
    assert ingest_text(core.db, STORY, ArticleMeta(outlet="Reuters")).stored
    return core


@dataclass
class ProxiedPostgres:
    core: BotCore
    proxy: TcpProxy


@pytest.fixture
def proxied_postgres(tmp_path: Path) -> Iterator[ProxiedPostgres]:
    """A PostgreSQL core that reaches the server only through a proxy the test controls."""
    if not POSTGRES_URL:
        pytest.skip("set BRIEFBOT_TEST_DATABASE_URL to test PostgreSQL")
    reset_postgres(POSTGRES_URL)
    target = make_url(POSTGRES_URL)
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432).start()
    url = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    core = small_core(url, tmp_path)
    try:
        yield ProxiedPostgres(core, proxy)
    finally:
        proxy.stop()
        core.close()


def slack_settings(slack: SlackEmulator, tmp_path: Path, **extra: object) -> Settings:
    return make_settings(
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        tmp_path,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.api_url,
        BRIEFBOT_SLACK_MODE="http",
        BRIEFBOT_SLACK_ADMINS=ADMIN,
        **extra,
    )


@asynccontextmanager
async def slack_app(core: BotCore, settings: Settings) -> AsyncIterator[str]:
    """The process's web app with Slack's HTTP mode mounted, on a free loopback port."""
    web_app = web.Application()
    await run_slack(core, settings, web_app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}{SLACK_EVENTS_PATH}"
    finally:
        await runner.cleanup()


async def slash(
    slack: SlackEmulator, app_url: str, command: str, text: str = "", *, user_id: str = "U0ASKER"
) -> list[dict[str, Any]]:
    """Run a slash command as Slack would and return what reached its response_url."""
    url = slack.response_url()
    fields = slash_command(command, text, response_url=url, user_id=user_id)
    delivery = await post_signed(app_url, fields)
    assert delivery.status == 200
    return await slack.wait_responses(url, timeout=10)


def shown(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False)


def slack_commands_answered() -> float:
    """How many commands the core answered for Slack (the process-wide metric)."""
    total = 0.0
    for metric in REGISTRY.collect():
        for sample in metric.samples:
            if sample.name == "briefbot_commands_total" and sample.labels["platform"] == "slack":
                total += sample.value
    return total


async def settle(seconds: float = 0.4) -> None:
    """Room for a wrong second answer to show up before the test says there was none."""
    await asyncio.sleep(seconds)


def discord_settings(fake: FakeDiscord, tmp_path: Path, token: str = DISCORD_TOKEN) -> Settings:
    return shared_discord_settings(fake, tmp_path, token)


def discord_bot(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> AbstractAsyncContextManager[None]:
    return running_discord_bot(fake, core, tmp_path, DISCORD_TOKEN)


def tracebacks_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Our log records that carry a traceback (an expected outage should not)."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith(("bot.", "briefbot")) and r.exc_info
    ]


def embed_text(payload: dict[str, Any]) -> str:
    return json.dumps(payload.get("embeds") or [], ensure_ascii=False)


# === 1. The database unreachable mid-command ================================================


@needs_postgres
@pytest.mark.asyncio
async def test_postgres_gone_between_commands_is_a_clear_message_then_recovers(
    proxied_postgres: ProxiedPostgres, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    core, proxy = proxied_postgres.core, proxied_postgres.proxy
    async with SlackEmulator() as slack, slack_app(core, slack_settings(slack, tmp_path)) as app:
        [before] = await slash(slack, app, "/sources")
        assert UNAVAILABLE not in shown(before) and "Reuters" in shown(before)
        assert proxy.open_connections >= 1  # the pool keeps a connection through the proxy

        proxy.stop()  # the network to the database goes: open connections cut, new refused
        [down] = await slash(slack, app, "/sources")
        assert UNAVAILABLE in shown(down)
        assert down["response_type"] == "ephemeral"  # an error is shown only to the asker
        assert "Traceback" not in shown(down) and "psycopg" not in shown(down)

        proxy.start()  # the database is back on the same address
        [after] = await slash(slack, app, "/sources")
    assert after["blocks"] == before["blocks"]
    assert proxy.cuts == 1
    assert not tracebacks_logged(caplog)


@needs_postgres
@pytest.mark.asyncio
async def test_postgres_gone_in_the_middle_of_a_command_is_a_clear_message_then_recovers(
    proxied_postgres: ProxiedPostgres,
    fake: FakeDiscord,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    core, proxy = proxied_postgres.core, proxied_postgres.proxy
    async with discord_bot(fake, core, tmp_path):
        (before,) = await fake.responses(await fake.slash("sources"))
        # the pool's liveness check (one round trip) still passes; the command's own
        # statements then find the network gone
        proxy.cut_after(1)
        (down,) = await fake.responses(await fake.slash("sources"))
        assert proxy.cut_in_flight.is_set() and not proxy.running
        proxy.start()
        (after,) = await fake.responses(await fake.slash("sources"))
    assert down.body["type"] == CHANNEL_MESSAGE
    assert down.body["data"]["flags"] & EPHEMERAL
    assert UNAVAILABLE in embed_text(down.body["data"])
    assert "Traceback" not in json.dumps(down.body)
    assert embed_text(after.body["data"]) == embed_text(before.body["data"])
    assert UNAVAILABLE not in embed_text(after.body["data"])
    assert not tracebacks_logged(caplog)


@needs_postgres
def test_connections_the_server_kills_are_replaced_unnoticed(tmp_path: Path) -> None:
    assert POSTGRES_URL
    reset_postgres(POSTGRES_URL)
    core = small_core(POSTGRES_URL, tmp_path)
    admin = open_database(POSTGRES_URL)
    try:
        before = core.ask("/sources")
        with admin.engine.connect() as connection:
            killed = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar()
        assert killed and killed >= 1
        after = core.ask("/sources")
    finally:
        admin.dispose()
        core.close()
    assert after.kind == before.kind and after.model_dump() == before.model_dump()


@pytest.mark.asyncio
async def test_sqlite_write_locked_by_another_process_is_a_clear_message_then_works(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locked.sqlite3"
    # SQLite's own `timeout` (seconds) in the URL shortens the 10 s wait for a writer
    core = small_core(f"sqlite:///{path}?timeout=0.3", tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        async with (
            SlackEmulator() as slack,
            slack_app(core, slack_settings(slack, tmp_path)) as app,
        ):
            holder.execute("BEGIN IMMEDIATE")  # e.g. a long import in another process
            [read] = await slash(slack, app, "/sources")
            [write] = await slash(slack, app, "/digest", "subscribe at:08:00", user_id=ADMIN)
            holder.execute("ROLLBACK")
            [written] = await slash(slack, app, "/digest", "subscribe at:08:00", user_id=ADMIN)
    finally:
        holder.close()
        subscriptions = list_subscriptions(core.db)
        core.close()
    assert UNAVAILABLE not in shown(read) and "Reuters" in shown(read)  # readers go on (WAL)
    assert UNAVAILABLE in shown(write) and "Traceback" not in shown(write)
    assert UNAVAILABLE not in shown(written)
    assert [(s.platform, s.channel) for s in subscriptions] == [("slack", CHANNEL)]


@pytest.mark.asyncio
async def test_a_corrupt_sqlite_file_is_a_clear_message_not_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The file overwritten with garbage while the bot runs (a bad restore, a broken disk):
    the user reads the same message as for a database that cannot be reached; the log says
    the file is unreadable. Starting on such a file says so in one line, too."""
    path = tmp_path / "corrupt.sqlite3"
    core = small_core(f"sqlite:///{path}", tmp_path)
    garbage = bytes(range(256)) * 64
    try:
        async with (
            SlackEmulator() as slack,
            slack_app(core, slack_settings(slack, tmp_path)) as app,
        ):
            [before] = await slash(slack, app, "/sources")
            core.db.dispose()
            for file in tmp_path.glob("corrupt.sqlite3*"):
                file.write_bytes(garbage)
            [after] = await slash(slack, app, "/sources")
        card = core.ask("/sources")
    finally:
        core.close()
    assert "Reuters" in shown(before)
    assert UNAVAILABLE in shown(after) and "Traceback" not in shown(after)
    assert card.kind == CardKind.ERROR and UNAVAILABLE in (card.lead or card.title)
    assert "unreadable" in caplog.text
    started = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "/sources"],
        cwd=PROJECT,
        env={**os.environ, "BRIEFBOT_DATABASE_URL": f"sqlite:///{path}", "BRIEFBOT_SEED": "false"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 1
    assert UNAVAILABLE in started.stderr and "Traceback" not in started.stderr


# === 2. Platform 429 and 5xx ================================================================


@pytest.fixture
def core(tmp_path: Path) -> Iterator[BotCore]:
    opened = small_core(f"sqlite:///{tmp_path / 'faults.sqlite3'}", tmp_path)
    yield opened
    opened.close()


@pytest.mark.asyncio
async def test_slack_answer_rate_limited_is_sent_after_retry_after_once(
    core: BotCore, tmp_path: Path
) -> None:
    async with SlackEmulator() as slack, slack_app(core, slack_settings(slack, tmp_path)) as app:
        slack.rate_limit("response", retry_after=1)
        url = slack.response_url()
        await post_signed(app, slash_command("/sources", response_url=url))
        await slack.wait_responses(url, timeout=10)
        await settle()
        limited, sent = slack.response_calls(url)
        assert (limited.status, sent.status) == (429, 200)
        assert sent.at - limited.at >= 1.0  # waited for Retry-After
        [answer] = slack.responses(url)
        assert "Reuters" in shown(answer) and SORRY not in shown(answer)


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.asyncio
async def test_slack_server_errors_are_retried_and_each_message_arrives_once(
    core: BotCore, tmp_path: Path, status: int
) -> None:
    async with SlackEmulator() as slack, slack_app(core, slack_settings(slack, tmp_path)) as app:
        # a slash command's private answer, through its response_url
        slack.fail("response", "server_error", status=status)
        url = slack.response_url()
        await post_signed(app, slash_command("/sources", response_url=url))
        await slack.wait_responses(url, timeout=10)
        # a card shared in the channel, through chat.postMessage
        slack.fail("chat.postMessage", "server_error", status=status)
        value = encode_action(ActionKind.SHARE, 1, "/sources", limit=2000)
        assert value is not None
        click = slack.response_url()
        await post_signed(app, block_action(ACTION_SHARE, value, response_url=click))
        await slack.wait_responses(click, timeout=10)  # the private copy removed last
        await settle()
    assert [c.status for c in slack.response_calls(url)] == [status, 200]
    [answer] = slack.responses(url)
    assert "Reuters" in shown(answer) and SORRY not in shown(answer)  # the card, no apology
    assert [c.status for c in slack.api_calls("chat.postMessage")] == [status, 200]
    assert len(slack.channel_messages(CHANNEL)) == 1
    assert slack.responses(click) == [{"delete_original": True}]


@pytest.mark.asyncio
async def test_discord_answer_rate_limited_is_sent_after_retry_after_once(
    core: BotCore, fake: FakeDiscord, tmp_path: Path
) -> None:
    fake.fail_next("POST", r"/callback$", status=429, retry_after=0.3)
    async with discord_bot(fake, core, tmp_path):
        sent = await fake.slash("sources")
        limited, answer = await fake.responses(sent, 2)
        await settle()
        assert len(fake.requests_for(sent)) == 2
    assert (limited.status, answer.status) == (429, 200)
    assert answer.at - limited.at >= 0.3
    assert answer.body == limited.body
    assert "Reuters" in embed_text(fake.original(sent))


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.asyncio
async def test_discord_server_errors_are_retried_and_the_answer_arrives_once(
    core: BotCore, fake: FakeDiscord, tmp_path: Path, status: int
) -> None:
    fake.fail_next("POST", r"/callback$", status=status)
    async with discord_bot(fake, core, tmp_path):
        sent = await fake.slash("sources")
        failed, answer = await fake.responses(sent, 2)
        await settle()
        assert len(fake.requests_for(sent)) == 2
    assert (failed.status, answer.status) == (status, 200)
    assert answer.body == failed.body
    channel = fake.channel_ids[fake.guild_ids[0]]
    assert len(fake.channel_messages(channel)) == 1


def digest_core(tmp_path: Path, platform: str, channel: str) -> BotCore:
    """A core whose one channel gets a digest at 08:00 UTC, posted even on a quiet day."""
    core = small_core(f"sqlite:///{tmp_path / 'digest.sqlite3'}", tmp_path)
    subscribe(
        core.db,
        platform=platform,
        channel=channel,
        at="08:00",
        zone="UTC",
        post_when_empty=True,
        now=LONG_AGO,
    )
    return core


async def deliver_twice(core: BotCore, settings: Settings) -> list[str]:
    """Two scheduled runs five minutes apart (the second retries what the first failed)."""
    statuses = []
    async with cli_deliverers(settings) as deliverers:
        for now in (SLOT, SLOT + timedelta(minutes=5)):
            statuses += [o.status for o in await run_due(core, now, deliverers)]
    return statuses


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.asyncio
async def test_slack_digest_after_a_server_error_arrives_once(tmp_path: Path, status: int) -> None:
    digest_channel = "C0DIGESTS"
    core = digest_core(tmp_path, "slack", digest_channel)
    try:
        async with SlackEmulator() as slack:
            settings = make_settings(
                core.settings.resolved_database_url,
                tmp_path,
                SLACK_BOT_TOKEN=BOT_TOKEN,
                SLACK_API_URL=slack.api_url,
            )
            slack.fail("chat.postMessage", "server_error", status=status)
            outcomes = await deliver_twice(core, settings)
            posts = [c.status for c in slack.api_calls("chat.postMessage")]
            messages = slack.channel_messages(digest_channel)
        [ledger] = deliveries(core.db, "slack", digest_channel)
    finally:
        core.close()
    assert outcomes == ["failed", "sent"]  # transient: retried by the next run
    assert posts == [status, 200]
    assert len(messages) == 1
    assert (ledger["status"], ledger["attempts"]) == ("sent", 2)


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.asyncio
async def test_discord_digest_after_a_server_error_arrives_once(
    fake: FakeDiscord, tmp_path: Path, status: int
) -> None:
    channel = fake.channel_ids[fake.guild_ids[0]]
    core = digest_core(tmp_path, "discord", str(channel))
    try:
        settings = make_settings(
            core.settings.resolved_database_url,
            tmp_path,
            DISCORD_TOKEN=DISCORD_TOKEN,
            DISCORD_API_URL=fake.api_url,
        )
        fake.fail_next("POST", rf"^/channels/{channel}/messages$", status=status)
        outcomes = await deliver_twice(core, settings)
        [ledger] = deliveries(core.db, "discord", str(channel))
    finally:
        core.close()
    posts = [
        r.status for r in fake.requests if r.method == "POST" and r.path.startswith("/channels/")
    ]
    assert posts == [status, 200]
    assert len(fake.channel_messages(channel)) == 1
    assert ledger["status"] == "sent"
    # discord.py retries 500 and 502 itself (after a second); a 503 waits for the next run
    assert outcomes == (["failed", "sent"] if status == 503 else ["sent"])


# === 3. The process killed during ingest ====================================================


def write_articles(folder: Path, count: int) -> list[Path]:
    """`count` distinct articles of some length (the seed stories)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    assert count <= len(seeds)
    folder.mkdir()
    paths = []
    for n, seed in enumerate(seeds[:count]):
        path = folder / f"{n:02d}.txt"
        path.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
    return paths


def expected_extraction(path: Path) -> Extraction:
    """What `briefbot ingest` extracts from the file (the same code, in this process)."""
    return extract(build_article(read_text_file(path), ArticleMeta(source=str(path))))


Shape = tuple[int, int, int, int, int, int, int]


def expected_shape(extraction: Extraction) -> Shape:
    return (
        len(extraction.article.sentences),
        len(extraction.mention_counts),
        len(extraction.events),
        sum(len(dict.fromkeys(event.actors)) for event in extraction.events),
        len(extraction.claims),
        sum(len({n for n in c.subjects if n != c.speaker}) for c in extraction.claims),
        len(extraction.figures),
    )


def stored_shapes(url: str) -> dict[str, Shape]:
    """Each stored article's rows per table; rows of unknown articles fail the test."""
    db = open_database(url)
    try:
        with db.session() as session:
            ids = set(session.scalars(select(ArticleRow.id)))

            def per_article(column: Any, *joins: tuple[Any, Any]) -> dict[str, int]:
                query = select(column, func.count()).select_from(column.class_)
                for table, on in joins:
                    query = query.join(table, on)
                counts = {key: n for key, n in session.execute(query.group_by(column))}
                assert set(counts) <= ids, f"rows of an article that is not stored: {column}"
                return counts

            tables = [
                per_article(SentenceRow.article_id),
                per_article(ArticleActorRow.article_id),
                per_article(EventRow.article_id),
                per_article(
                    EventRow.article_id, (EventActorRow, EventActorRow.event_id == EventRow.id)
                ),
                per_article(ClaimRow.article_id),
                per_article(
                    ClaimRow.article_id,
                    (ClaimSubjectRow, ClaimSubjectRow.claim_id == ClaimRow.id),
                ),
                per_article(FigureRow.article_id),
            ]
    finally:
        db.dispose()
    return {
        article: tuple(table.get(article, 0) for table in tables)  # type: ignore[misc]
        for article in ids
    }


def ingest_env(tmp_path: Path, url: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_", "DISCORD_"))
    }
    env.update(
        BRIEFBOT_DATABASE_URL=url,
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEED="false",
        BRIEFBOT_LOG_LEVEL="WARNING",
    )
    return env


def briefbot_ingest(env: dict[str, str], folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ingest", str(folder)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"ingest ended before {what}: {process.communicate()[1]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


class SecondArticleStall:
    """Holds the second article's transaction open at its first figure row (test only).

    SQLite: a trigger that runs a query too long to finish, so the writer keeps its lock;
    seen from outside as "BEGIN IMMEDIATE is refused". PostgreSQL: a trigger that waits for
    an advisory lock the test holds; seen in pg_stat_activity. The first article has no
    stall: it commits, so the kill finds one complete article and one open transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite_path = make_url(url).database if url.startswith("sqlite") else None
        self.db = open_database(url)
        self._holder: Any = None
        self._stalled_pid: int | None = None

    def install(self) -> None:
        with self.db.engine.begin() as connection:
            if self.sqlite_path:
                connection.execute(text("CREATE TABLE test_stall (n INTEGER)"))
                connection.execute(
                    text("INSERT INTO test_stall VALUES (:n)"), [{"n": n} for n in range(2000)]
                )
                connection.execute(
                    text(
                        "CREATE TRIGGER test_stall BEFORE INSERT ON figures "
                        "WHEN (SELECT count(*) FROM articles) >= 2 BEGIN "
                        "SELECT count(*) FROM test_stall a, test_stall b, test_stall c; END"
                    )
                )
                return
            connection.execute(
                text(
                    "CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "IF (SELECT count(*) FROM articles) >= 2 THEN "
                    "PERFORM pg_advisory_xact_lock(4242); END IF; RETURN NEW; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER test_stall BEFORE INSERT ON figures "
                    "FOR EACH ROW EXECUTE FUNCTION test_stall()"
                )
            )
        self._holder = self.db.engine.connect()
        self._holder.execute(text("SELECT pg_advisory_lock(4242)"))
        self._holder.commit()

    def committed_articles(self) -> int:
        with self.db.engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM articles")).scalar() or 0)

    def writer_stalled(self) -> bool:
        """Whether a writer sits inside the second article's transaction right now."""
        if self.sqlite_path:
            if self.committed_articles() < 1:
                return False  # a lock now would be the first article's
            probe = sqlite3.connect(self.sqlite_path, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError as error:
                return "locked" in str(error)
            finally:
                probe.close()
        with self.db.engine.connect() as connection:
            self._stalled_pid = connection.execute(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                )
            ).scalar()
        return self._stalled_pid is not None

    def release(self) -> None:
        """Let the dead writer's server session run on: it finds its client gone and rolls
        back; wait for that, then remove the trigger."""
        if self._holder is not None:
            self._holder.execute(text("SELECT pg_advisory_unlock(4242)"))
            self._holder.commit()
            self._holder.close()
            self._holder = None
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with self.db.engine.connect() as connection:
                    alive = connection.execute(
                        text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                        {"pid": self._stalled_pid},
                    ).scalar()
                if not alive:
                    break
                time.sleep(0.02)
            else:
                raise AssertionError("the killed writer's session never ended")
        with self.db.engine.begin() as connection:
            connection.execute(text("DROP TRIGGER IF EXISTS test_stall" + self._on_figures()))
            if self.sqlite_path:
                connection.execute(text("DROP TABLE IF EXISTS test_stall"))
            else:
                connection.execute(text("DROP FUNCTION IF EXISTS test_stall()"))

    def _on_figures(self) -> str:
        return "" if self.sqlite_path else " ON figures"

    def close(self) -> None:
        if self._holder is not None:
            self._holder.close()
        self.db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_killed_mid_write_leaves_no_partial_article_and_a_rerun_completes(
    backend: str, tmp_path: Path
) -> None:
    if backend == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path / 'ingest.sqlite3'}"
    open_database(url).dispose()  # migrated beforehand: the child's only writes are articles
    paths = write_articles(tmp_path / "articles", 3)
    expected = {e.article.id: expected_shape(e) for e in map(expected_extraction, paths)}
    assert len(expected) == 3 and all(shape[-1] > 0 for shape in expected.values())

    env = ingest_env(tmp_path, url)
    stall = SecondArticleStall(url)
    try:
        stall.install()
        doomed = briefbot_ingest(env, tmp_path / "articles")
        try:
            wait_until(stall.writer_stalled, doomed, "the second article's transaction")
            doomed.send_signal(signal.SIGKILL)
            doomed.communicate(timeout=30)
        finally:
            if doomed.poll() is None:
                doomed.kill()
        assert doomed.returncode == -signal.SIGKILL
        stall.release()
    finally:
        stall.close()

    after_kill = stored_shapes(url)
    for article, shape in after_kill.items():
        assert shape == expected[article], f"article {article} is stored in part"
    assert len(after_kill) == 1, "only the first article was committed"

    rerun = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", str(tmp_path / "articles")],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.splitlines()[-1] == "ingested 2 new of 3"
    assert "Traceback" not in rerun.stderr
    assert stored_shapes(url) == expected


# === 4. A replayed Slack request ============================================================


@pytest.mark.asyncio
async def test_a_replayed_signed_request_is_answered_once(core: BotCore, tmp_path: Path) -> None:
    async with SlackEmulator() as slack, slack_app(core, slack_settings(slack, tmp_path)) as app:
        answered = slack_commands_answered()
        url = slack.response_url()
        command = form_body(slash_command("/sources", response_url=url))
        stamp = int(time.time())
        first = await post_signed(app, {}, body=command, timestamp=stamp)
        replayed = [await post_signed(app, {}, body=command, timestamp=stamp) for _ in range(3)]

        value = encode_action(ActionKind.PAGE, 1, "/sources", limit=2000)
        assert value is not None
        click_url = slack.response_url()
        click = form_body(block_action(ACTION_NEXT, value, response_url=click_url))
        clicked = await post_signed(app, {}, body=click, timestamp=stamp)
        reclicked = await post_signed(app, {}, body=click, timestamp=stamp)

        await slack.wait_responses(url)
        await slack.wait_responses(click_url)
        await settle()
        assert [d.status for d in (first, *replayed, clicked, reclicked)] == [200] * 6
        assert len(slack.responses(url)) == 1
        assert len(slack.responses(click_url)) == 1
        assert slack_commands_answered() - answered == 2  # one command, one click
    # a replay is remembered for longer than Slack's timestamps stay acceptable
    assert REMEMBER_SECONDS > 5 * 60


@pytest.mark.parametrize(
    ("age", "status"),
    [(4 * 60, 200), (5 * 60 + 30, 401), (30 * 60, 401), (-(5 * 60 + 30), 401)],
    ids=["4-min-old", "5.5-min-old", "30-min-old", "5.5-min-ahead"],
)
@pytest.mark.asyncio
async def test_a_request_signed_more_than_five_minutes_away_is_refused(
    core: BotCore, tmp_path: Path, age: int, status: int
) -> None:
    async with SlackEmulator() as slack, slack_app(core, slack_settings(slack, tmp_path)) as app:
        answered = slack_commands_answered()
        url = slack.response_url()
        stamp = int(time.time()) - age
        body = form_body(slash_command("/sources", response_url=url))
        raw_signature = signature(SIGNING_SECRET, stamp, body)
        delivery = await post_signed(app, {}, body=body, timestamp=stamp)
        if status == 200:
            await slack.wait_responses(url)
        await settle()
    assert delivery.status == status
    assert raw_signature not in delivery.text
    assert len(slack.responses(url)) == (1 if status == 200 else 0)
    assert slack_commands_answered() - answered == (1 if status == 200 else 0)
