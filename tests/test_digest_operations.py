"""Digests in operation: chat management, failing channels, leadership, replicas, metrics.

Everything runs on the real core and real databases (SQLite and PostgreSQL); the platform is
replaced only by a recording deliverer here — the Slack and Discord deliverers are tested
against their emulators in test_digest_deliverers.py and test_digest_platforms.py.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import ClientSession
from sqlalchemy import text

from bot.app import BotCore, open_core
from bot.digests.fanout import RateLimiter
from bot.digests.leader import Leadership
from bot.digests.run_due import DeliveryPolicy, run_due
from bot.digests.scheduler import DigestScheduler
from bot.digests.service import ScheduleService
from bot.http import Health, build_web_app, start_web_app
from briefings.cards import CardKind
from briefings.commands.registry import ChatPlace
from briefings.digests.ledger import deliveries
from briefings.digests.subscriptions import get_subscription, resume, subscribe
from briefings.store.database import open_database
from tests.conftest import POSTGRES_URL, SEEDS, make_settings, reset_postgres
from tests.test_digests import LONG_AGO, Recorder, berlin

ROOM = ChatPlace(platform="slack", channel="C0ROOM", user="U0OWNER")


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    opened = open_core(make_settings(database_url, tmp_path), seed=False)
    yield opened
    opened.close()


def add(core: BotCore, channel: str, **extra: object) -> None:
    subscribe(
        core.db,
        platform="console",
        channel=channel,
        at="08:00",
        zone="Europe/Berlin",
        post_when_empty=True,
        now=LONG_AGO,
        **extra,  # type: ignore[arg-type]
    )


# --- /digest in chat ----------------------------------------------------------------------


def test_only_channel_managers_subscribe_but_anyone_lists_and_previews(core: BotCore) -> None:
    refused = core.ask("/digest subscribe at:08:00 tz:Europe/Berlin", place=ROOM)
    assert refused.kind == CardKind.ERROR and "channel managers" in (refused.lead or "")
    assert get_subscription(core.db, "slack", "C0ROOM") is None

    none_yet = core.ask("/digest", place=ROOM)
    assert none_yet.kind == CardKind.ERROR and "/digest subscribe" in (none_yet.lead or "")

    topics: list[str] = []
    core.listeners.append(topics.append)
    done = core.ask(
        "/digest subscribe at:07:30 tz:America/New_York kinds:ceasefire empty:yes",
        place=ROOM,
        admin=True,
    )
    assert done.kind != CardKind.ERROR, done.lead
    stored = get_subscription(core.db, "slack", "C0ROOM")
    assert stored is not None
    assert (stored.zone, f"{stored.at:%H:%M}", stored.kinds) == (
        "America/New_York",
        "07:30",
        ("ceasefire",),
    )
    assert stored.post_when_empty and stored.subscribed_by == "U0OWNER"
    assert topics == ["digest-subscriptions"]

    listing = core.ask("/digest list", place=ROOM)
    assert {f.name: f.value for f in listing.fields}["Time"] == "07:30 America/New_York"
    preview = core.ask("/digest preview", place=ROOM)
    assert preview.kind != CardKind.ERROR and "(preview)" in preview.title
    # the preview sends and records nothing
    assert deliveries(core.db, "slack", "C0ROOM") == []

    assert core.ask("/digest unsubscribe", place=ROOM).kind == CardKind.ERROR
    assert core.ask("/digest unsubscribe", place=ROOM, admin=True).kind != CardKind.ERROR
    assert get_subscription(core.db, "slack", "C0ROOM") is None
    assert topics == ["digest-subscriptions"] * 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/digest subscribe", "Say when"),
        ("/digest subscribe at:25:00", "not a time of day"),
        ("/digest subscribe at:08:00 tz:Mars/Olympus", "not a known time zone"),
        ("/digest subscribe at:08:00 actors:Atlantis", "Atlantis"),
        ("/digest subscribe at:08:00 kinds:picnic", "not an event kind"),
        ("/digest list at:08:00", "takes no at"),
        ("/digest sideways", "action"),
    ],
)
def test_bad_digest_input_is_one_clear_message_and_changes_nothing(
    core: BotCore, line: str, message: str
) -> None:
    card = core.ask(line, place=ROOM, admin=True)
    assert card.kind == CardKind.ERROR
    assert message in (card.lead or "")
    assert get_subscription(core.db, "slack", "C0ROOM") is None


def test_each_channel_manages_only_itself(core: BotCore) -> None:
    other = ChatPlace(platform="discord", channel="123456789", user="42")
    core.ask("/digest subscribe at:08:00", place=ROOM, admin=True)
    core.ask("/digest subscribe at:09:00 tz:Asia/Yerevan", place=other, admin=True)
    core.ask("/digest unsubscribe", place=other, admin=True)
    assert get_subscription(core.db, "slack", "C0ROOM") is not None
    assert get_subscription(core.db, "discord", "123456789") is None


# --- a channel that keeps failing ---------------------------------------------------------


def test_a_failing_channel_is_paused_after_three_failures_and_its_subscriber_told(
    core: BotCore,
) -> None:
    add(core, "broken", subscribed_by="U1")
    failing = Recorder(fail=True)
    at = berlin(2025, 6, 2, 8, 0)
    statuses = []
    for attempt in range(4):
        outcomes = asyncio.run(
            run_due(core, at + timedelta(minutes=10 * attempt), {"console": failing})
        )
        statuses.append([o.status for o in outcomes if o.channel == "broken"])
    assert statuses == [["failed"], ["failed"], ["paused"], []]
    assert failing.notices == [("console:broken", "ConnectionError")]
    paused = get_subscription(core.db, "console", "broken")
    assert paused is not None and paused.paused and paused.paused_reason == "ConnectionError"
    assert "PAUSED" in paused.describe()
    add(core, "fine")
    # the next day nothing is attempted for the paused channel
    next_day = asyncio.run(run_due(core, berlin(2025, 6, 3, 8, 0), {"console": Recorder()}))
    assert [o.channel for o in next_day] == ["fine"]

    assert resume(core.db, "console", "broken")
    working = Recorder()
    again = asyncio.run(run_due(core, berlin(2025, 6, 3, 8, 5), {"console": working}))
    assert [(o.channel, o.status) for o in again] == [("broken", "sent")]


def test_a_permanent_error_pauses_sooner_and_a_success_resets_the_count(core: BotCore) -> None:
    add(core, "gone")
    at = berlin(2025, 6, 2, 8, 0)
    gone = Recorder(permanent=True)
    first = asyncio.run(run_due(core, at, {"console": gone}))
    second = asyncio.run(run_due(core, at + timedelta(minutes=10), {"console": gone}))
    assert [o.status for o in first + second] == ["failed", "paused"]
    assert first[0].detail == "test: channel_not_found"

    add(core, "flaky")
    flaky = Recorder(fail=True)
    asyncio.run(run_due(core, at, {"console": flaky}))
    asyncio.run(run_due(core, at + timedelta(minutes=10), {"console": flaky}))
    asyncio.run(run_due(core, at + timedelta(minutes=20), {"console": Recorder()}))
    # two failures, then a success: the streak is over, so two more failures do not pause
    day2 = berlin(2025, 6, 3, 8, 0)
    for minutes in (0, 10):
        outcome = asyncio.run(run_due(core, day2 + timedelta(minutes=minutes), {"console": flaky}))
        assert [o.status for o in outcome if o.channel == "flaky"] == ["failed"]


def test_subscribing_again_lifts_a_pause(core: BotCore) -> None:
    add(core, "gone")
    gone = Recorder(permanent=True)
    for minutes in (0, 10):
        asyncio.run(run_due(core, berlin(2025, 6, 2, 8, minutes), {"console": gone}))
    assert get_subscription(core.db, "console", "gone").paused  # type: ignore[union-attr]
    add(core, "gone")
    assert not get_subscription(core.db, "console", "gone").paused  # type: ignore[union-attr]


def test_retries_tell_the_deliverer_an_earlier_attempt_may_have_posted(core: BotCore) -> None:
    add(core, "retry")
    at = berlin(2025, 6, 2, 8, 0)
    flaky = Recorder(fail=True)
    asyncio.run(run_due(core, at, {"console": flaky}))
    recorder = Recorder()
    asyncio.run(run_due(core, at + timedelta(minutes=10), {"console": recorder}))
    first, second = flaky.attempts[0], recorder.attempts[0]
    assert (first.attempt, second.attempt) == (1, 2)
    assert first.marker == second.marker == "digest console:retry 2025-06-02"
    assert first.nonce == second.nonce and len(first.nonce) <= 25
    assert first.since <= at


# --- the schedule follows changes ---------------------------------------------------------


def test_a_subscribe_in_chat_reaches_the_running_schedule_at_once(tmp_path: Path) -> None:
    opened = open_core(make_settings(f"sqlite:///{tmp_path}/s.sqlite3", tmp_path), seed=False)

    async def main() -> set[str]:
        service = ScheduleService(
            opened, {"console": Recorder()}, retry_every=timedelta(seconds=0.05)
        )
        task = asyncio.create_task(service.run())
        for _ in range(100):
            if service.leading:
                break
            await asyncio.sleep(0.02)
        assert service.scheduler is not None
        assert service.scheduler.digest_jobs() == []
        await asyncio.to_thread(
            opened.ask, "/digest subscribe at:06:00 tz:Asia/Tokyo", admin=True, place=ROOM
        )
        for _ in range(100):
            jobs = {job.id for job in service.scheduler.digest_jobs()}
            if jobs:
                break
            await asyncio.sleep(0.02)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert not service.leading and opened.listeners == []
        return jobs

    assert asyncio.run(main()) == {"digest:slack:C0ROOM"}
    opened.close()


def test_the_resync_picks_up_changes_made_elsewhere(tmp_path: Path) -> None:
    opened = open_core(make_settings(f"sqlite:///{tmp_path}/r.sqlite3", tmp_path), seed=False)
    scheduler = DigestScheduler(opened, {"console": Recorder()}, sweep_every=None)

    async def main() -> tuple[bool, bool, set[str]]:
        scheduler.rebuild()
        add(opened, "from-cli")  # another process (the CLI) wrote this
        changed = await scheduler.resync()
        unchanged = await scheduler.resync()
        return changed, unchanged, {job.id for job in scheduler.digest_jobs()}

    assert asyncio.run(main()) == (True, False, {"digest:console:from-cli"})
    opened.close()


# --- leadership ---------------------------------------------------------------------------


@pytest.mark.skipif(not POSTGRES_URL, reason="needs BRIEFBOT_TEST_DATABASE_URL")
def test_one_leader_among_replicas_and_a_successor_when_it_goes() -> None:
    assert POSTGRES_URL
    reset_postgres(POSTGRES_URL)
    databases = [open_database(POSTGRES_URL) for _ in range(3)]
    try:
        replicas = [Leadership(db, name="briefbot:test-leader") for db in databases]
        assert [r.try_acquire() for r in replicas] == [True, False, False]
        assert replicas[0].try_acquire() and replicas[0].still_held()
        replicas[0].release()
        assert [r.try_acquire() for r in replicas[1:]] == [True, False]
        assert replicas[1].still_held()  # re-entrant: checking does not lose it
        # the leader's session is cut (network, server restart): the lock goes with it,
        # a follower takes over, and the old leader learns it no longer leads
        with databases[2].engine.connect() as admin:
            pid = replicas[1]._connection.execute(text("SELECT pg_backend_pid()")).scalar()
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        deadline = time.monotonic() + 5
        while not replicas[2].try_acquire():
            assert time.monotonic() < deadline, "no successor took over"
            time.sleep(0.05)
        assert not replicas[1].still_held()
        assert not replicas[1].try_acquire()
    finally:
        for replica in replicas:
            replica.release()
        for db in databases:
            db.dispose()


def test_sqlite_always_leads(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path}/l.sqlite3")
    assert Leadership(db).try_acquire()
    db.dispose()


# --- three replica processes, twenty channels, one instant --------------------------------


@pytest.mark.skipif(not POSTGRES_URL, reason="needs BRIEFBOT_TEST_DATABASE_URL")
def test_three_replicas_at_the_same_instant_post_each_of_twenty_digests_once(
    tmp_path: Path,
) -> None:
    assert POSTGRES_URL
    reset_postgres(POSTGRES_URL)
    opened = open_core(make_settings(POSTGRES_URL, tmp_path), seed=True)
    for n in range(20):
        add(opened, f"room-{n:02d}")
    opened.close()
    env = {
        **os.environ,
        "BRIEFBOT_DATABASE_URL": POSTGRES_URL,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "BRIEFBOT_SEEDS_DIR": str(SEEDS),
    }
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)

    async def replicas() -> list[tuple[int, str]]:
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "digest",
                "run-due",
                "--now",
                "2025-06-02T08:00:00+02:00",
                env=env,
                cwd=tmp_path,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for _ in range(3)
        ]
        results = []
        for process in processes:
            out, err = await asyncio.wait_for(process.communicate(), timeout=120)
            assert process.returncode == 0, err.decode()
            results.append((process.returncode, out.decode()))
        return results

    outputs = [out for _, out in asyncio.run(replicas())]
    posted = [line for out in outputs for line in out.splitlines() if line.startswith("--- digest")]
    assert len(posted) == 20
    assert len({line.split()[2] for line in posted}) == 20  # twenty different channels
    delivered = sum(int(out.strip().splitlines()[-1].split()[-1]) for out in outputs)
    assert delivered == 20
    check = open_database(POSTGRES_URL)
    statuses = [deliveries(check, "console", f"room-{n:02d}")[0]["status"] for n in range(20)]
    check.dispose()
    assert statuses == ["sent"] * 20


# --- pacing and metrics -------------------------------------------------------------------


def test_the_rate_limiter_lets_a_burst_through_then_paces() -> None:
    async def main() -> list[float]:
        limiter = RateLimiter(rate=50.0, burst=3)
        start = time.monotonic()
        stamps = []
        for _ in range(8):
            await limiter.acquire()
            stamps.append(time.monotonic() - start)
        return stamps

    stamps = asyncio.run(main())
    assert stamps[2] < 0.02  # the burst is immediate
    assert stamps[-1] >= 5 / 50 * 0.9  # five more at 50/s take at least ~0.1 s
    with pytest.raises(ValueError):
        RateLimiter(rate=0, burst=1)


def test_metrics_count_deliveries_and_pauses(core: BotCore, tmp_path: Path) -> None:
    add(core, "metered")
    asyncio.run(run_due(core, berlin(2025, 6, 2, 8, 0), {"console": Recorder()}))

    async def scrape() -> str:
        runner = await start_web_app(build_web_app(Health(core)), "127.0.0.1", 0)
        port = runner.addresses[0][1]
        try:
            async with (
                ClientSession() as session,
                session.get(f"http://127.0.0.1:{port}/metrics") as response,
            ):
                assert response.status == 200
                assert response.headers["Content-Type"].startswith("text/plain")
                return await response.text()
        finally:
            await runner.cleanup()

    text = asyncio.run(scrape())
    sent = [
        line
        for line in text.splitlines()
        if line.startswith('briefbot_digest_deliveries_total{platform="console",status="sent"}')
    ]
    assert sent and float(sent[0].split()[-1]) >= 1
    assert "briefbot_scheduler_leader" in text


def test_policy_comes_from_settings(tmp_path: Path) -> None:
    from bot.digests.service import policy_from

    settings = make_settings(
        f"sqlite:///{tmp_path}/p.sqlite3",
        tmp_path,
        BRIEFBOT_DIGEST_GRACE_HOURS="2",
        BRIEFBOT_DIGEST_PAUSE_AFTER="5",
    )
    policy = policy_from(settings)
    assert policy == DeliveryPolicy(
        grace=timedelta(hours=2), stale_after=timedelta(minutes=15), pause_after=5
    )
