"""Alerts go out promptly from the running bot (`briefbot run`'s schedule), not only from a
cron `briefbot alerts run`: the feed poll job that stores an article delivers the alert it
queued in the same round, and the delivery job — scheduled every ≤ 30 s — delivers what
another process (a CLI ingest) queued. The jobs are the real ones, built as `briefbot run`
builds them, and called directly: no waiting on the scheduler's clock."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.alerts.delivery import ConsoleAlertDeliverer
from bot.alerts.jobs import ALERT_JOB, alert_jobs
from bot.app import BotCore, open_core
from bot.digests.scheduler import DigestScheduler
from bot.feeds.jobs import FEED_JOB
from bot.runtime import schedule_service
from briefings.alerts.rules import subscribe
from briefings.feeds import FetchPolicy, follow_feed
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings
from tests.feedserver import Route, page, rss, serve

# Written for this test: a story the seeds do not tell.
OMDURMAN = [
    "KHARTOUM, March 14, 2024 — The Sudanese army launched an offensive against Rapid Support "
    "Forces positions in Omdurman on Wednesday, military sources said.",
    "Residents reported heavy shelling around the city's central market through the night, "
    "and several families fled towards the north of the city.",
]
MARKET = """Fighting closes El Fasher market

EL FASHER, March 15, 2024 - The Rapid Support Forces launched an offensive on the outskirts \
of El Fasher on Thursday, local officials said.

Traders said the city's main market stayed shut for a second day.
"""


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    settings = make_settings(database_url, tmp_path, BRIEFBOT_FETCH_ALLOW_PRIVATE="true")
    opened = open_core(settings, seed=False)
    with opened.db.session() as session:
        subscribe(session, platform="console", channel="newsroom", kinds=["offensive"])
    yield opened
    opened.close()


def test_a_feed_poll_that_stores_an_article_delivers_its_alert_in_the_same_round(
    core: BotCore, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve() as server:
        server.add("/a/omdurman", Route(page("Army offensive in Omdurman", OMDURMAN)))
        item = {
            "title": "Army launches offensive in Omdurman",
            "link": server.url("/a/omdurman"),
            "guid": "sudan-omdurman",
            "date": "Thu, 14 Mar 2024 08:00:00 GMT",
            "summary": "<p>Army launches offensive in Omdurman.</p>",
        }
        feed_url = server.add("/sudan.rss", Route(rss("Nile Wire — Sudan", [item])))
        follow_feed(
            core.db, feed_url, now=datetime.now(UTC), policy=FetchPolicy(allow_private=True)
        )
        service = schedule_service(core, core.settings, console=True)  # as `briefbot run`
        _, poll = service.periodic[FEED_JOB]
        assert asyncio.run(poll()) == 1  # one article stored …
    out = capsys.readouterr().out
    assert "--- alert console:newsroom entry:" in out  # … and its alert posted, in one round
    assert "Alert — New offensive" in out and "Omdurman" in out
    _, deliver = service.periodic[ALERT_JOB]
    assert asyncio.run(deliver()) == 0  # nothing left for the delivery job
    assert capsys.readouterr().out == ""


def test_the_delivery_job_posts_what_another_process_queued_and_runs_every_30_s_at_most(
    core: BotCore,
) -> None:
    meta = ArticleMeta(outlet="Radio Dabanga", published=datetime(2024, 3, 15).date())
    assert ingest_text(core.db, MARKET, meta).stored  # as `briefbot ingest` would
    stream = io.StringIO()
    fixed = datetime(2099, 1, 1, 12, 0, tzinfo=UTC)
    jobs = alert_jobs(core, {"console": ConsoleAlertDeliverer(stream)}, clock=lambda: fixed)
    interval, deliver = jobs[ALERT_JOB]
    assert asyncio.run(deliver()) == 1
    assert "El Fasher" in stream.getvalue()
    assert asyncio.run(deliver()) == 0

    async def scheduled() -> timedelta:
        """The interval the running bot's scheduler really gives the delivery job."""
        service = schedule_service(core, core.settings, console=True)
        scheduler = DigestScheduler(
            core, {}, periodic=service.periodic, sweep_every=None, resync_every=None
        )
        await scheduler.start()
        try:
            job = scheduler.scheduler.get_job(ALERT_JOB)
            return timedelta(seconds=job.trigger.interval.total_seconds())
        finally:
            scheduler.shutdown()

    assert interval == asyncio.run(scheduled()) <= timedelta(seconds=30)
