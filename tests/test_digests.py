"""Daily digests: validation, due computation (DST, grace), the exactly-once ledger on SQLite
and PostgreSQL, the "what is new" card, and the scheduler's jobs."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.app import BotCore, open_core
from bot.digests.delivery import DeliveryError, DigestPost
from bot.digests.run_due import run_due
from bot.digests.scheduler import DigestScheduler
from briefings.cards import Card
from briefings.digests.due import plan_due, scheduled_at
from briefings.digests.ledger import SlotStatus, claim_slot, deliveries
from briefings.digests.subscriptions import Subscription, list_subscriptions, subscribe, unsubscribe
from briefings.errors import BriefbotError
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings

BERLIN = ZoneInfo("Europe/Berlin")
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)


class Recorder:
    """A platform stand-in: records what it was asked to post."""

    def __init__(self, fail: bool = False, permanent: bool = False) -> None:
        self.posts: list[tuple[str, Card]] = []
        self.attempts: list[DigestPost] = []
        self.notices: list[tuple[str, str]] = []
        self.fail = fail
        self.permanent = permanent
        self._lock = threading.Lock()

    async def deliver(self, post: DigestPost) -> str:
        with self._lock:
            self.attempts.append(post)
        if self.permanent:
            raise DeliveryError("test: channel_not_found", permanent=True)
        if self.fail:
            raise ConnectionError("platform down")
        with self._lock:
            self.posts.append((post.subscription.label, post.card))
            return f"m{len(self.posts)}"

    async def notify_paused(self, subscription: Subscription, reason: str) -> bool:
        self.notices.append((subscription.label, reason))
        return True


def berlin(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    """An unseeded core on SQLite and PostgreSQL: ledger tests need no articles."""
    opened = open_core(make_settings(database_url, tmp_path), seed=False)
    yield opened
    opened.close()


def add(core: BotCore, channel: str, at: str = "08:00", **extra: object) -> Subscription:
    return subscribe(
        core.db,
        platform="console",
        channel=channel,
        at=at,
        zone="Europe/Berlin",
        post_when_empty=True,
        now=LONG_AGO,
        **extra,  # type: ignore[arg-type]
    )


def sub(at: str = "08:00", zone: str = "Europe/Berlin") -> Subscription:
    hour, minute = map(int, at.split(":"))
    return Subscription("console", "c1", time(hour, minute), zone, created_at=LONG_AGO)


# --- validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("zone", "Mars/Olympus", "not a known time zone"),
        ("zone", "../etc/passwd", "not a known time zone"),
        ("at", "25:00", "not a time of day"),
        ("at", "8 o'clock", "not a time of day"),
        ("platform", "teams", "not a platform; use one of discord, slack, console"),
        ("channel", "has space", "channel ID"),
    ],
)
def test_subscribe_rejects_bad_input_with_one_clear_message(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    opened = open_core(make_settings(f"sqlite:///{tmp_path}/v.sqlite3", tmp_path), seed=False)
    values = {"platform": "console", "channel": "c1", "at": "08:00", "zone": "Europe/Berlin"}
    values[field] = value
    with pytest.raises(BriefbotError, match=message) as raised:
        subscribe(
            opened.db,
            platform=values["platform"],
            channel=values["channel"],
            at=values["at"],
            zone=values["zone"],
        )
    assert "\n" not in raised.value.message
    assert list_subscriptions(opened.db) == []
    opened.close()


# --- due computation (pure) ---------------------------------------------------------------


def test_due_only_once_the_local_time_has_come() -> None:
    subscription = sub("08:00")
    assert plan_due([subscription], berlin(2025, 6, 2, 7, 59), {}).due == []
    plan = plan_due([subscription], berlin(2025, 6, 2, 8, 0), {})
    assert [slot.digest_date for slot in plan.due] == [date(2025, 6, 2)]
    sent = {("console", "c1", date(2025, 6, 2)): SlotStatus.SENT}
    assert plan_due([subscription], berlin(2025, 6, 2, 9, 0), sent).due == []
    claimed = {("console", "c1", date(2025, 6, 2)): SlotStatus.CLAIMED}
    assert len(plan_due([subscription], berlin(2025, 6, 2, 9, 0), claimed).due) == 1


def test_slots_before_the_subscription_existed_are_not_owed() -> None:
    late_subscriber = Subscription(
        "console", "c1", time(8, 0), "Europe/Berlin", created_at=berlin(2025, 6, 2, 9, 0)
    )
    assert plan_due([late_subscriber], berlin(2025, 6, 2, 10, 0), {}).due == []
    assert len(plan_due([late_subscriber], berlin(2025, 6, 3, 8, 0), {}).due) == 1


@pytest.mark.parametrize(
    ("day", "at", "expected_utc"),
    [
        (date(2025, 3, 30), "02:30", datetime(2025, 3, 30, 1, 30, tzinfo=UTC)),  # no 02:30
        (date(2025, 3, 30), "08:00", datetime(2025, 3, 30, 6, 0, tzinfo=UTC)),  # CEST
        (date(2025, 10, 26), "02:30", datetime(2025, 10, 26, 0, 30, tzinfo=UTC)),  # twice
        (date(2025, 10, 26), "08:00", datetime(2025, 10, 26, 7, 0, tzinfo=UTC)),  # CET
    ],
)
def test_daylight_saving_days(day: date, at: str, expected_utc: datetime) -> None:
    subscription = sub(at)
    assert scheduled_at(subscription, day) == expected_utc
    # APScheduler fires the job at that very instant, so the job finds its digest due.
    trigger = CronTrigger(hour=subscription.at.hour, minute=subscription.at.minute, timezone=BERLIN)
    start = datetime.combine(day, time(0, 0), tzinfo=BERLIN)
    assert trigger.get_next_fire_time(None, start).astimezone(UTC) == expected_utc
    assert plan_due([subscription], expected_utc - timedelta(seconds=1), {}).due == []
    assert [s.digest_date for s in plan_due([subscription], expected_utc, {}).due] == [day]


def test_grace_window_crosses_local_midnight() -> None:
    plan = plan_due([sub("23:30")], berlin(2025, 6, 3, 1, 0), {})
    assert [slot.digest_date for slot in plan.due] == [date(2025, 6, 2)]


# --- the ledger through run_due (SQLite and PostgreSQL) -------------------------------------


def test_a_second_run_at_the_same_instant_delivers_nothing(core: BotCore) -> None:
    add(core, "general")
    recorder = Recorder()
    now = berlin(2025, 6, 2, 8, 0)
    first = asyncio.run(run_due(core, now, {"console": recorder}))
    assert [(o.channel, o.status) for o in first] == [("general", "sent")]
    assert asyncio.run(run_due(core, now, {"console": recorder})) == []
    assert asyncio.run(run_due(core, now + timedelta(hours=1), {"console": recorder})) == []
    assert len(recorder.posts) == 1
    assert asyncio.run(run_due(core, berlin(2025, 6, 3, 8, 0), {"console": recorder}))
    assert len(recorder.posts) == 2


def test_fall_back_day_fires_twice_but_posts_once(core: BotCore) -> None:
    add(core, "night", at="02:30")
    recorder = Recorder()
    for fire in (
        datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
        datetime(2025, 10, 26, 1, 30, tzinfo=UTC),
    ):
        asyncio.run(run_due(core, fire, {"console": recorder}))
    assert len(recorder.posts) == 1


def test_grace_window_catch_up_and_skip(core: BotCore) -> None:
    add(core, "late")
    recorder = Recorder()
    caught_up = asyncio.run(run_due(core, berlin(2025, 6, 2, 10, 0), {"console": recorder}))
    assert [o.status for o in caught_up] == ["sent"]
    assert asyncio.run(run_due(core, berlin(2025, 6, 2, 11, 0), {"console": recorder})) == []

    missed = asyncio.run(run_due(core, berlin(2025, 6, 3, 16, 0), {"console": recorder}))
    assert [(o.digest_date, o.status) for o in missed] == [(date(2025, 6, 3), "skipped")]
    assert "missed by 8.0 h" in missed[0].detail
    assert asyncio.run(run_due(core, berlin(2025, 6, 3, 17, 0), {"console": recorder})) == []
    assert len(recorder.posts) == 1


def test_a_stale_claim_is_reclaimed_and_delivered_once(core: BotCore) -> None:
    add(core, "crashy")
    recorder = Recorder()
    at = berlin(2025, 6, 2, 8, 0)
    # A process claimed the slot and died before posting.
    assert claim_slot(core.db, ("console", "crashy", date(2025, 6, 2)), at) is not None
    assert asyncio.run(run_due(core, at + timedelta(minutes=5), {"console": recorder})) == []
    later = at + timedelta(minutes=20)
    outcomes = asyncio.run(run_due(core, later, {"console": recorder}))
    assert [o.status for o in outcomes] == ["sent"]
    assert asyncio.run(run_due(core, later, {"console": recorder})) == []
    assert len(recorder.posts) == 1
    assert deliveries(core.db, "console", "crashy")[0]["attempts"] == 2


def test_a_failure_is_recorded_and_retried(core: BotCore) -> None:
    add(core, "flaky")
    at = berlin(2025, 6, 2, 8, 0)
    failed = asyncio.run(run_due(core, at, {"console": Recorder(fail=True)}))
    assert [(o.status, o.detail) for o in failed] == [("failed", "ConnectionError")]
    assert deliveries(core.db, "console", "flaky")[0]["status"] == "failed"
    recorder = Recorder()
    retried = asyncio.run(run_due(core, at + timedelta(minutes=10), {"console": recorder}))
    assert [o.status for o in retried] == ["sent"]
    assert len(recorder.posts) == 1


def test_a_platform_without_deliverer_is_left_for_another_process(core: BotCore) -> None:
    subscribe(
        core.db,
        platform="slack",
        channel="C1",
        at="08:00",
        zone="UTC",
        now=LONG_AGO,
        post_when_empty=True,
    )
    now = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
    outcomes = asyncio.run(run_due(core, now, {"console": Recorder()}))
    assert [o.status for o in outcomes] == ["no-deliverer"]
    recorder = Recorder()
    assert [o.status for o in asyncio.run(run_due(core, now, {"slack": recorder}))] == ["sent"]


def test_two_concurrent_runs_deliver_each_digest_exactly_once(
    core: BotCore, database_url: str, tmp_path: Path
) -> None:
    for n in range(20):
        add(core, f"room{n}")
    other = open_core(make_settings(database_url, tmp_path), seed=False)  # a second "process"
    recorder = Recorder()
    barrier = threading.Barrier(2)
    now = berlin(2025, 6, 2, 8, 0)
    results: list[list[object]] = []

    def replica(replica_core: BotCore) -> None:
        barrier.wait()
        results.append(list(asyncio.run(run_due(replica_core, now, {"console": recorder}))))

    threads = [threading.Thread(target=replica, args=(c,)) for c in (core, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    other.close()
    assert len(results) == 2
    assert len(recorder.posts) == 20
    assert Counter(label for label, _ in recorder.posts) == {
        f"console:room{n}": 1 for n in range(20)
    }
    assert sum(len(r) for r in results) == 20


# --- the digest card ----------------------------------------------------------------------

NEW_STORY = """Ferry service resumes across the lake

KAZAN, June 2, 2025 - The regional transport ministry said on Monday that ferry crossings
had resumed after a week-long suspension. Officials said at least 40 vessels were back in
service.
"""


def test_the_digest_shows_only_what_is_new_since_the_previous_sent_digest(
    tmp_path: Path,
) -> None:
    seeded = open_core(make_settings(f"sqlite:///{tmp_path}/s.sqlite3", tmp_path))
    add(seeded, "news")
    recorder = Recorder()
    asyncio.run(run_due(seeded, berlin(2025, 6, 1, 8, 0), {"console": recorder}))
    first = recorder.posts[-1][1]
    assert first.sections and all(item.citations for s in first.sections for item in s.items)
    seeded_ids = {c.article_id for c in first.citations}

    outcome = ingest_text(seeded.db, NEW_STORY, ArticleMeta(outlet="Reuters"))
    assert outcome.stored
    asyncio.run(run_due(seeded, berlin(2025, 6, 2, 8, 0), {"console": recorder}))
    second = recorder.posts[-1][1]
    assert {c.article_id for c in second.citations} == {outcome.article_id}
    assert not seeded_ids & {c.article_id for c in second.citations}
    assert second.lead and second.lead.startswith("1 new article")
    assert any("Ferry" in item.text for s in second.sections for item in s.items)

    asyncio.run(run_due(seeded, berlin(2025, 6, 3, 8, 0), {"console": recorder}))
    third = recorder.posts[-1][1]
    assert third.sections == [] and third.lead and third.lead.startswith("Nothing new")
    seeded.close()


def test_filters_and_silent_empty_digests(tmp_path: Path) -> None:
    seeded = open_core(make_settings(f"sqlite:///{tmp_path}/f.sqlite3", tmp_path))
    subscribe(
        seeded.db,
        platform="console",
        channel="cnn",
        at="08:00",
        zone="UTC",
        sources=["cnn"],
        now=LONG_AGO,
    )
    subscribe(
        seeded.db,
        platform="console",
        channel="quiet",
        at="08:00",
        zone="UTC",
        sources=["cnn"],
        actors=["Kremlin"],
        now=datetime.now(UTC) + timedelta(days=2),
    )
    recorder = Recorder()
    first_day = datetime.now(UTC).replace(hour=8, minute=0) + timedelta(days=3)
    asyncio.run(run_due(seeded, first_day, {"console": recorder}))
    by_channel = dict(recorder.posts)
    assert {c.outlet for c in by_channel["console:cnn"].citations} == {"CNN"}
    # "quiet" subscribed after every article was ingested: nothing new, so nothing posted.
    assert "console:quiet" not in by_channel
    assert deliveries(seeded.db, "console", "quiet")[0]["status"] == "empty"
    seeded.close()


# --- the scheduler ------------------------------------------------------------------------


def test_the_scheduler_has_one_job_per_subscription_and_rebuilds(tmp_path: Path) -> None:
    opened = open_core(make_settings(f"sqlite:///{tmp_path}/j.sqlite3", tmp_path), seed=False)
    add(opened, "berlin", at="07:15")
    subscribe(opened.db, platform="slack", channel="C9", at="18:00", zone="America/New_York")
    scheduler = DigestScheduler(opened, {"console": Recorder()}, sweep_every=None)
    jobs = {job.id: job for job in scheduler.rebuild()}
    assert set(jobs) == {"digest:console:berlin", "digest:slack:C9"}
    trigger = jobs["digest:slack:C9"].trigger
    assert trigger.timezone == ZoneInfo("America/New_York")
    assert {f.name: str(f) for f in trigger.fields}["hour"] == "18"
    assert jobs["digest:console:berlin"].misfire_grace_time == 6 * 3600
    assert jobs["digest:console:berlin"].coalesce is True

    unsubscribe(opened.db, "slack", "C9")
    add(opened, "berlin", at="09:45")
    jobs = {job.id: job for job in scheduler.rebuild()}
    assert set(jobs) == {"digest:console:berlin"}
    assert {f.name: str(f) for f in jobs["digest:console:berlin"].trigger.fields}["minute"] == "45"
    opened.close()


def test_the_scheduler_catches_up_at_start(tmp_path: Path) -> None:
    opened = open_core(make_settings(f"sqlite:///{tmp_path}/k.sqlite3", tmp_path), seed=False)
    add(opened, "boot")
    recorder = Recorder()
    scheduler = DigestScheduler(
        opened, {"console": recorder}, clock=lambda: berlin(2025, 6, 2, 9, 0)
    )

    async def main() -> None:
        await scheduler.start()
        assert scheduler.scheduler.get_job("digest-sweep") is not None
        scheduler.shutdown()

    asyncio.run(main())
    assert [label for label, _ in recorder.posts] == ["console:boot"]
    opened.close()
