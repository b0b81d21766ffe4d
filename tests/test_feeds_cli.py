"""`briefbot ingest URL` and `briefbot feeds …` as operators run them (real processes), and
the leader's periodic feed job with the settings it is given."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import open_core
from bot.feeds.jobs import FEED_JOB, feed_jobs, feed_poll_job
from briefings.feeds import NOT_PUBLIC_MESSAGE, FetchPolicy, follow_feed, list_feeds
from tests.conftest import make_settings
from tests.feedserver import FeedServer, Route, page, rss, serve

CEASEFIRE = [
    "GENEVA, April 2, 2025 — Negotiators for Armenia and Azerbaijan agreed on Wednesday to "
    "extend a local ceasefire around the village of Tegh for another 30 days, the Swiss "
    "foreign ministry said.",
    '"Both sides asked for more time, and more time is what we can give," Swiss mediator '
    "Claudia Berger said after the talks, which began on March 31.",
    "At least 14 families who left the village in January have since returned, according "
    "to the International Committee of the Red Cross.",
]
PRISONERS = [
    "BAKU, April 4, 2025 — Azerbaijan released six Armenian detainees on Friday in exchange "
    "for two Azerbaijani soldiers held since last October, both governments said.",
    '"This is a step that builds trust," Armenian Foreign Minister Ararat Mirzoyan wrote on '
    "social media, thanking the mediators.",
    "The exchange took place at a crossing point on the border at about 11:00 local time.",
]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as running:
        running.add("/news/ceasefire", Route(page("Ceasefire extended", CEASEFIRE)))
        running.add("/news/prisoners", Route(page("Detainees released", PRISONERS)))
        yield running


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_"))
    }
    values.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEED="false",
        BRIEFBOT_LOG_LEVEL="ERROR",
        BRIEFBOT_FETCH_ALLOW_PRIVATE="true",  # the test server is on 127.0.0.1
        BRIEFBOT_FEED_POLL_MINUTES="20",
    )
    return values


def briefbot(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env,
        cwd=cwd,  # away from any .env of the checkout
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_error_line(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and fragment in lines[0], result.stderr


def test_ingest_fetches_urls_and_reads_files(
    env: dict[str, str], tmp_path: Path, server: FeedServer
) -> None:
    url = server.url("/news/ceasefire")
    first = briefbot(env, tmp_path, "ingest", url)
    assert first.returncode == 0, first.stderr
    out = first.stdout.strip().splitlines()
    assert out[0].startswith(f"{url}: stored ") and out[-1] == "ingested 1 new of 1"

    again = briefbot(env, tmp_path, "ingest", url)
    assert again.returncode == 0 and "already stored" in again.stdout
    assert again.stdout.strip().endswith("ingested 0 new of 1")
    assert server.hits["/news/ceasefire"] == 1

    saved = tmp_path / "prisoners.txt"
    saved.write_text("\n\n".join(PRISONERS), encoding="utf-8")
    mixed = briefbot(env, tmp_path, "ingest", str(saved), "ftp://127.0.0.1/story")
    assert mixed.returncode == 1
    assert "ingested 1 new of 2" in mixed.stdout
    one_error_line(mixed, "ftp://127.0.0.1/story: rejected — Only http:// and https://")

    shown = briefbot(env, tmp_path, "ask", "/search Claudia Berger")
    assert shown.returncode == 0 and "1 sentence(s) contain" in shown.stdout
    assert "Caucasus Ledger" in shown.stdout  # the outlet the page names


def test_feeds_add_list_poll_remove(
    env: dict[str, str], tmp_path: Path, server: FeedServer
) -> None:
    feed = server.add(
        "/feed.xml",
        Route(
            rss(
                "Alpine Wire",
                [
                    {
                        "title": "Ceasefire around Tegh extended",
                        "link": server.url("/news/ceasefire"),
                        "guid": "c1",
                        "date": "Wed, 02 Apr 2025 15:00:00 GMT",
                    },
                    {
                        "title": "Six detainees released",
                        "link": server.url("/news/prisoners"),
                        "guid": "p1",
                        "date": "Fri, 04 Apr 2025 13:00:00 GMT",
                    },
                ],
            ),
            content_type="application/rss+xml",
        ),
    )
    added = briefbot(env, tmp_path, "feeds", "add", feed)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added #1 Alpine Wire <") and "2 item(s)" in added.stdout
    assert added.stdout.strip().endswith("polled every 20 minutes")

    one_error_line(
        briefbot(env, tmp_path, "feeds", "add", server.url("/news/ceasefire")),
        "not an RSS or Atom feed",
    )
    one_error_line(briefbot(env, tmp_path, "feeds", "add", "file:///etc/passwd"), "Only http")

    polled = briefbot(env, tmp_path, "feeds", "poll")
    assert polled.returncode == 0, polled.stderr
    lines = polled.stdout.strip().splitlines()
    assert lines[-1] == "ingested 2" and len(lines) == 3
    assert lines[0].startswith("feed #1 Alpine Wire: stored ")
    assert lines[0].endswith("Ceasefire around Tegh extended")

    assert briefbot(env, tmp_path, "feeds", "poll").stdout.strip() == "ingested 0"  # not due

    listed = briefbot(env, tmp_path, "feeds", "list")
    assert listed.stdout.startswith("#1 Alpine Wire <") and "2 article(s)" in listed.stdout

    sources = briefbot(env, tmp_path, "ask", "/source Alpine Wire")
    assert sources.returncode == 0 and "Six detainees released" in sources.stdout

    assert (
        briefbot(env, tmp_path, "feeds", "remove", "1").stdout.strip() == "removed #1 Alpine Wire"
    )
    one_error_line(briefbot(env, tmp_path, "feeds", "remove", "1"), "No followed feed")
    assert briefbot(env, tmp_path, "feeds", "list").stdout.strip() == "no feeds followed"


def test_private_addresses_need_the_setting(
    env: dict[str, str], tmp_path: Path, server: FeedServer
) -> None:
    feed = server.add("/feed.xml", Route(rss("Intranet", []), content_type="application/rss+xml"))
    public_only = {**env, "BRIEFBOT_FETCH_ALLOW_PRIVATE": "false"}

    page_url = server.url("/news/ceasefire")
    refused = briefbot(public_only, tmp_path, "ingest", page_url)
    assert refused.returncode == 1 and refused.stdout.strip() == "ingested 0 new of 1"
    one_error_line(refused, f"{page_url}: rejected — the address is not on the public internet")
    one_error_line(
        briefbot(public_only, tmp_path, "feeds", "add", feed), "not on the public internet"
    )
    one_error_line(briefbot(public_only, tmp_path, "ask", f"/feeds add {feed}"), NOT_PUBLIC_MESSAGE)
    assert sum(server.hits.values()) == 0  # nothing was fetched
    assert briefbot(public_only, tmp_path, "feeds", "list").stdout.strip() == "no feeds followed"

    added = briefbot(env, tmp_path, "ask", f"/feeds add {feed}")  # allowed by the setting
    assert added.returncode == 0, added.stdout + added.stderr
    assert "new articles arrive within 20 minutes" in added.stdout
    failed = briefbot(public_only, tmp_path, "feeds", "poll")  # the setting turned off again
    assert failed.returncode == 1 and failed.stdout.strip() == "ingested 0"
    one_error_line(failed, "feed #1 Intranet: failed — the address is not on the public internet")


@pytest.mark.parametrize("allowed", [True, False])
def test_the_poll_job_follows_the_settings(
    database_url: str, tmp_path: Path, server: FeedServer, allowed: bool
) -> None:
    settings = make_settings(
        database_url,
        tmp_path,
        BRIEFBOT_FETCH_ALLOW_PRIVATE=allowed,
        BRIEFBOT_FEED_POLL_MINUTES=7,
    )
    core = open_core(settings, seed=False)
    try:
        assert FEED_JOB in feed_jobs(core, settings)
        now = datetime(2025, 4, 5, 8, 0, tzinfo=UTC)
        entry = {
            "title": "Ceasefire around Tegh extended",
            "link": server.url("/news/ceasefire"),
            "guid": "c1",
            "date": "Wed, 02 Apr 2025 15:00:00 GMT",
        }
        url = server.add("/job.rss", Route(rss("Alpine Wire", [entry])))
        follow_feed(core.db, url, now=now, policy=FetchPolicy(allow_private=True))
        stored = asyncio.run(feed_poll_job(core, settings, clock=lambda: now)())
        [feed] = list_feeds(core.db)
    finally:
        core.close()
    if allowed:
        assert stored == 1 and feed.failures == 0
        assert feed.next_poll_at == now + timedelta(minutes=7)  # the setting's interval
    else:
        assert stored == 0 and feed.failures == 1 and server.hits["/news/ceasefire"] == 0
        assert "not on the public internet" in (feed.last_error or "")
        assert feed.next_poll_at == now + timedelta(minutes=14)  # backed off from 7
