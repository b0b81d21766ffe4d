"""Live ingestion against a real HTTP server on 127.0.0.1: feeds, pages, back-off, dedupe.

The articles below were written for these tests: a few paragraphs of plausible news with
dated events and a quote each, served as pages with the chrome real sites have.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from briefings.cards import CardKind
from briefings.commands import CommandContext, default_commands
from briefings.commands.registry import ChatPlace
from briefings.errors import InputError, NotFoundError
from briefings.extract.actors import default_registry
from briefings.feeds import (
    FetchPolicy,
    PollSchedule,
    follow_feed,
    get_feed,
    ingest_url,
    list_feeds,
    poll_due_feeds,
    remove_feed,
)
from briefings.feeds.addresses import checked_addresses, is_public_address, parse_address
from briefings.feeds.errors import NOT_PUBLIC_MESSAGE, FetchError, NotPublicError
from briefings.feeds.fetch import fetch, make_client
from briefings.feeds.items import MAX_ATTEMPTS
from briefings.feeds.meta import feed_outlet
from briefings.feeds.transport import CheckedBackend
from briefings.feeds.urls import check_url, display_url
from briefings.store.database import Database
from briefings.store.feed_schema import FeedItemRow, FeedRow
from briefings.store.schema import ArticleRow, Base
from tests.feedserver import FeedServer, Route, atom, page, rss, serve

T0 = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
SCHEDULE = PollSchedule(interval=timedelta(minutes=15), backoff_cap=timedelta(hours=6))
# The test server is on 127.0.0.1: these tests opt in to private addresses, as an operator
# with internal feeds would (BRIEFBOT_FETCH_ALLOW_PRIVATE).
LOCAL = FetchPolicy(allow_private=True)
FAST = FetchPolicy(connect_timeout=2.0, read_timeout=0.5, total_seconds=3.0, allow_private=True)

BORDER = [
    "TBILISI, March 11, 2025 — Delegations from Armenia and Azerbaijan agreed on Tuesday on "
    "the principles for describing the northern section of their shared border, officials "
    "said after a day of talks in the Georgian capital.",
    '"We have a common map for the first 12 kilometres, and that was unthinkable a year '
    'ago," Armenian Deputy Prime Minister Mher Grigoryan told reporters after the meeting.',
    "The joint commission first met on February 20 and will meet again in April, according "
    "to a statement from Azerbaijan's Foreign Ministry.",
    "Some 300 residents of villages near the line have asked both governments for guarantees "
    "that their pastures will remain accessible.",
]
RESERVOIR = [
    "YEREVAN, March 10, 2025 — Armenia's Ministry of Environment warned on Monday that "
    "irrigation water from the Akhuryan reservoir could run short by July after the driest "
    "winter in two decades.",
    '"Farmers in the Shirak region should expect rationing from June," deputy minister Anna '
    "Petrosyan said at a briefing, adding that the reservoir held about 40 percent of its "
    "usual volume.",
    "The ministry said it had opened talks with Georgian officials on March 4 about sharing "
    "water from the river that forms part of the border between the two countries.",
]
MONITORS = [
    "BRUSSELS, March 9, 2025 — The European Union's monitoring mission in Armenia reported a "
    "quiet week along the border, with no exchanges of fire recorded since February 27.",
    '"Our patrols have seen new fortifications on both sides, but no shooting," the mission '
    "said in its weekly bulletin, which was published on Sunday.",
    "The mission, which has about 200 staff, has been deployed since February 2023 and its "
    "mandate was extended in January until early 2027.",
]
SUMMARY_ONLY = (
    "<p>STEPANAKERT, March 8, 2025 — Azerbaijani authorities said on Saturday that "
    "reconstruction of the road between Shusha and Lachin would be completed by September.</p>"
    '<p>"The route will be open to civilian traffic before winter," an official of the '
    "transport ministry told the state news agency.</p>"
)


def items(server: FeedServer, *names: str) -> list[dict[str, str]]:
    """Feed items for the articles served at /a/<name>."""
    known = {
        "border": ("Border commission agrees on northern section", "Tue, 11 Mar 2025 16:00:00 GMT"),
        "reservoir": ("Reservoir may run short by July", "Mon, 10 Mar 2025 12:30:00 GMT"),
        "monitors": ("EU monitors report a quiet week", "Sun, 09 Mar 2025 18:00:00 GMT"),
    }
    return [
        {
            "title": known[name][0],
            "link": server.url(f"/a/{name}"),
            "guid": f"ledger-{name}",
            "date": known[name][1],
            "summary": f"<p>{known[name][0]}.</p>",
        }
        for name in names
    ]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as running:
        running.add("/a/border", Route(page("Border talks", BORDER)))
        running.add("/a/reservoir", Route(page("Reservoir", RESERVOIR)))
        running.add("/a/monitors", Route(page("Monitors", MONITORS)))
        yield running


def article_rows(db: Database) -> list[ArticleRow]:
    with db.session() as session:
        return list(session.scalars(select(ArticleRow).order_by(ArticleRow.published)))


def poll(db: Database, now: datetime, policy: FetchPolicy = LOCAL):
    return poll_due_feeds(db, now, schedule=SCHEDULE, policy=policy)


# ------------------------------------------------------------------------ polling


def test_new_items_are_ingested_once_with_the_feed_metadata(
    db: Database, server: FeedServer
) -> None:
    feed_url = server.add(
        "/world.rss",
        Route(rss("Caucasus Ledger — World", items(server, "border", "reservoir", "monitors"))),
    )
    followed = follow_feed(db, feed_url, now=T0, policy=LOCAL)
    assert followed.items == 3 and followed.feed.outlet == "Caucasus Ledger"

    [outcome] = poll(db, T0)
    assert outcome.status == "ok" and len(outcome.new_articles) == 3
    lines = outcome.lines()
    assert len(lines) == 3 and all("stored" in line for line in lines)

    rows = article_rows(db)
    assert [row.title for row in rows] == [
        "EU monitors report a quiet week",
        "Reservoir may run short by July",
        "Border commission agrees on northern section",
    ]
    assert [row.published for row in rows] == [
        date(2025, 3, 9),
        date(2025, 3, 10),
        date(2025, 3, 11),
    ]
    assert {row.outlet for row in rows} == {"Caucasus Ledger"}
    assert rows[-1].url == server.url("/a/border")
    border_text = rows[-1].text
    assert "Mher Grigoryan" in border_text and "Sign up" not in border_text
    assert "Home" not in border_text.split()

    # The next poll gets the same feed (this server ignores validators): nothing new, and
    # no article page is downloaded again.
    [again] = poll(db, T0 + timedelta(minutes=16))
    assert again.status == "ok" and again.new_articles == [] and again.lines() == []
    assert len(article_rows(db)) == 3
    assert server.hits["/world.rss"] == 3  # follow, first poll, second poll
    assert all(server.hits[f"/a/{name}"] == 1 for name in ("border", "reservoir", "monitors"))
    feed = get_feed(db, feed_url)
    assert feed is not None and feed.articles == 3 and feed.failures == 0
    assert feed.next_poll_at == T0 + timedelta(minutes=31)


def test_a_feed_not_yet_due_is_not_polled(db: Database, server: FeedServer) -> None:
    feed_url = server.add("/due.rss", Route(rss("Ledger", items(server, "border"))))
    follow_feed(db, feed_url, now=T0, policy=LOCAL)
    assert len(poll(db, T0)) == 1
    assert poll(db, T0 + timedelta(minutes=14)) == []
    assert server.hits["/due.rss"] == 2  # follow and the first poll
    assert len(poll(db, T0 + timedelta(minutes=15))) == 1


def test_conditional_get_304_is_honoured(db: Database, server: FeedServer) -> None:
    feed_url = server.add(
        "/cond.rss",
        Route(
            rss("Caucasus Ledger", items(server, "border", "reservoir")),
            content_type="application/rss+xml",
            etag='"v1"',
            last_modified="Wed, 12 Mar 2025 08:00:00 GMT",
            conditional=True,
        ),
    )
    follow_feed(db, feed_url, now=T0, policy=LOCAL)
    assert server.conditional_hits["/cond.rss"] == 0  # adding asks unconditionally

    [first] = poll(db, T0)
    assert first.status == "ok" and len(first.new_articles) == 2
    assert server.conditional_hits["/cond.rss"] == 0  # the first poll must get the items
    feed = get_feed(db, feed_url)
    assert feed is not None and feed.etag == '"v1"'
    assert feed.last_modified == "Wed, 12 Mar 2025 08:00:00 GMT"

    [second] = poll(db, T0 + timedelta(minutes=15))
    assert second.status == "not-modified" and second.new_articles == []
    assert server.conditional_hits["/cond.rss"] == 1 and server.not_modified["/cond.rss"] == 1
    sent = server.last_headers["/cond.rss"]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Wed, 12 Mar 2025 08:00:00 GMT"
    assert "briefbot" in sent["user-agent"]
    assert server.hits["/a/border"] == 1 and server.hits["/a/reservoir"] == 1
    feed = get_feed(db, feed_url)
    assert feed is not None and feed.next_poll_at == T0 + timedelta(minutes=30)

    # The feed changes: a new ETag, a new item; only the new page is fetched.
    route = server.routes["/cond.rss"]
    route.body = rss("Caucasus Ledger", items(server, "monitors", "border", "reservoir"))
    route.etag = '"v2"'
    route.last_modified = "Wed, 12 Mar 2025 09:20:00 GMT"
    [third] = poll(db, T0 + timedelta(minutes=30))
    assert third.status == "ok" and [a.title for a in third.new_articles] == [
        "EU monitors report a quiet week"
    ]
    assert server.hits["/a/border"] == 1 and server.hits["/a/monitors"] == 1
    feed = get_feed(db, feed_url)
    assert feed is not None and feed.etag == '"v2"'


def test_broken_feeds_back_off_and_the_others_are_still_polled(
    db: Database, server: FeedServer
) -> None:
    good = server.add("/good.rss", Route(rss("Caucasus Ledger", items(server, "border"))))
    for path in ("/down.rss", "/garbage.rss", "/slow.rss"):
        server.add(path, Route(rss("Soon broken", [])))
    down = server.url("/down.rss")
    garbage = server.url("/garbage.rss")
    slow = server.url("/slow.rss")
    for url in (down, garbage, slow, good):
        follow_feed(db, url, now=T0, policy=LOCAL)
    server.routes["/down.rss"] = Route(b"oops", status=500, content_type="text/plain")
    server.routes["/garbage.rss"] = Route(
        b"\x00\x01 this is <<< not xml >>", content_type="application/xml"
    )
    server.routes["/slow.rss"] = Route(rss("Slow", []), delay=2.0)

    outcomes = {o.feed_id: o for o in poll(db, T0, FAST)}
    by_url = {feed.url: feed for feed in list_feeds(db)}
    assert outcomes[by_url[good].id].status == "ok"
    assert len(outcomes[by_url[good].id].new_articles) == 1
    errors = {url: outcomes[by_url[url].id].error for url in (down, garbage, slow)}
    assert errors[down] == "HTTP 500: server error"
    assert errors[garbage] == "not an RSS or Atom feed"
    assert errors[slow] == "timed out"
    for url in (down, garbage, slow):
        feed = by_url[url]
        assert feed.failures == 1 and feed.last_error == errors[url]
        assert feed.next_poll_at == T0 + timedelta(minutes=30)  # twice the interval
        assert outcomes[feed.id].lines() == [f"feed #{feed.id} {feed.name}: failed — {errors[url]}"]

    # Polled again when due: the broken ones wait longer each time, the good one stays on
    # its interval.
    later = T0 + timedelta(minutes=30)
    outcomes = {o.feed_id: o for o in poll(db, later, FAST)}
    assert len(outcomes) == 4
    by_url = {feed.url: feed for feed in list_feeds(db)}
    assert by_url[good].failures == 0 and by_url[good].next_poll_at == later + timedelta(minutes=15)
    assert by_url[down].failures == 2
    assert by_url[down].next_poll_at == later + timedelta(minutes=60)

    # It recovers: back on the normal interval, failures forgotten.
    server.routes["/down.rss"] = Route(rss("Back", items(server, "reservoir")))
    [recovered] = [
        o for o in poll(db, later + timedelta(minutes=60), FAST) if o.feed_id == by_url[down].id
    ]
    assert recovered.status == "ok" and len(recovered.new_articles) == 1
    back = get_feed(db, down)
    assert back is not None and back.failures == 0 and back.last_error is None


def test_back_off_doubles_up_to_its_cap() -> None:
    delays = [SCHEDULE.retry_delay(n) for n in range(1, 10)]
    assert delays[:4] == [timedelta(minutes=m) for m in (30, 60, 120, 240)]
    assert delays[4:] == [timedelta(hours=6)] * 5
    assert PollSchedule.every(60).retry_delay(100) == timedelta(hours=6)


def test_failures_keep_credentials_out_of_errors_and_listings(
    db: Database, server: FeedServer
) -> None:
    secret_url = server.url("/private.rss?token=s3cr3t-value&lang=en").replace(
        "http://", "http://reader:hunter2@"
    )
    server.add("/private.rss?token=s3cr3t-value&lang=en", Route(rss("Private", [])))
    follow_feed(db, secret_url, now=T0, policy=LOCAL)
    server.routes["/private.rss?token=s3cr3t-value&lang=en"] = Route(b"", status=503)
    [outcome] = poll(db, T0)
    assert outcome.status == "failed"
    [feed] = list_feeds(db)
    shown = " ".join([feed.describe(), *outcome.lines(), feed.last_error or ""])
    assert "s3cr3t" not in shown and "hunter2" not in shown
    assert "lang=en" in feed.describe() and "token=…" in feed.describe()


def test_the_same_article_at_two_urls_is_stored_once(db: Database, server: FeedServer) -> None:
    server.add("/mirror/border-talks", Route(page("Border talks (mirror)", BORDER, site="Mirror")))
    entries = items(server, "border")
    entries.append(
        {
            "title": "Border commission agrees on northern section (syndicated)",
            "link": server.url("/mirror/border-talks"),
            "guid": "mirror-border",
            "date": "Tue, 11 Mar 2025 17:00:00 GMT",
        }
    )
    follow_feed(
        db, server.add("/two.rss", Route(rss("Caucasus Ledger", entries))), now=T0, policy=LOCAL
    )
    [outcome] = poll(db, T0)
    assert len(outcome.new_articles) == 1 and outcome.duplicates == 1
    assert len(article_rows(db)) == 1
    # An item whose URL is already stored is not even downloaded, whichever feed lists it.
    follow_feed(
        db,
        server.add("/other.rss", Route(rss("Other", items(server, "border")))),
        now=T0,
        policy=LOCAL,
    )
    [other] = poll(db, T0)
    assert other.duplicates == 1 and server.hits["/a/border"] == 1
    with db.session() as session:
        statuses = sorted(session.scalars(select(FeedItemRow.status)))
    assert statuses == ["duplicate", "duplicate", "stored"]


def test_bad_items_fall_back_or_are_rejected_without_stopping_the_feed(
    db: Database, server: FeedServer
) -> None:
    server.add("/a/report.pdf", Route(b"%PDF-1.7 binary", content_type="application/pdf"))
    server.add("/a/empty", Route(b"   ", content_type="text/html"))
    server.add("/a/huge", Route(content_type="text/html", endless=True))
    server.add("/a/loop", Route(status=302, location="/a/loop"))
    server.add("/a/gone", Route(b"gone", status=410, content_type="text/plain"))
    entries = [
        {  # the page is a PDF, the summary carries the story
            "title": "Road to be rebuilt by September",
            "link": server.url("/a/report.pdf"),
            "guid": "road",
            "date": "Sat, 08 Mar 2025 10:00:00 GMT",
            "summary": SUMMARY_ONLY,
        },
        {"title": "Empty", "link": server.url("/a/empty"), "guid": "empty"},
        {"title": "Huge", "link": server.url("/a/huge"), "guid": "huge"},
        {"title": "Loop", "link": server.url("/a/loop"), "guid": "loop"},
        {"title": "Gone", "link": server.url("/a/gone"), "guid": "gone"},
        *items(server, "monitors"),
    ]
    feed_url = server.add("/mixed.rss", Route(rss("Caucasus Ledger", entries)))
    follow_feed(db, feed_url, now=T0, policy=LOCAL)
    [outcome] = poll(db, T0)
    assert outcome.status == "ok"
    assert sorted(a.title or "" for a in outcome.new_articles) == [
        "EU monitors report a quiet week",
        "Road to be rebuilt by September",
    ]
    assert outcome.rejected == 4
    with db.session() as session:
        errors = {
            url: error for url, error in session.execute(select(FeedItemRow.url, FeedItemRow.error))
        }
        road = session.scalar(select(ArticleRow).where(ArticleRow.title.like("Road%")))
    assert road is not None and "Shusha" in road.text and road.published == date(2025, 3, 8)
    assert errors[server.url("/a/empty")] == "the page is empty"
    assert errors[server.url("/a/huge")] == "too large (over 5,000,000 bytes)"
    assert errors[server.url("/a/loop")] == "too many redirects"
    assert errors[server.url("/a/gone")] == "HTTP 410: not found"
    assert errors[server.url("/a/report.pdf")] is None  # stored from its summary

    hits = dict(server.hits)
    poll(db, T0 + timedelta(minutes=15))
    assert {path: server.hits[path] for path in hits if path.startswith("/a/")} == {
        path: count for path, count in hits.items() if path.startswith("/a/")
    }  # rejected entries are not fetched again


def test_an_entry_failing_for_a_passing_reason_is_retried_a_few_times(
    db: Database, server: FeedServer
) -> None:
    server.add("/a/flaky", Route(b"busy", status=503, content_type="text/plain"))
    entry = {"title": "Flaky", "link": server.url("/a/flaky"), "guid": "flaky"}
    feed_url = server.add(
        "/flaky.rss",
        Route(rss("Ledger", [entry]), etag='"f1"', conditional=True),
    )
    follow_feed(db, feed_url, now=T0, policy=LOCAL)
    for round_ in range(MAX_ATTEMPTS + 2):
        poll(db, T0 + timedelta(minutes=15 * round_))
    assert server.hits["/a/flaky"] == MAX_ATTEMPTS
    assert server.not_modified["/flaky.rss"] >= 1  # validators kept once nothing is retried
    with db.session() as session:
        row = session.scalar(select(FeedItemRow))
    assert row is not None and row.status == "failed" and row.attempts == MAX_ATTEMPTS


def test_atom_feeds_with_content_and_no_pages(db: Database, server: FeedServer) -> None:
    entries = [
        {
            "title": "Road to be rebuilt by September",
            "id": "urn:ledger:road",
            "updated": "2025-03-08T10:00:00Z",
            "content": SUMMARY_ONLY,
        }
    ]
    feed_url = server.add(
        "/atom.xml", Route(atom("Ledger Atom", entries), content_type="application/atom+xml")
    )
    follow_feed(db, feed_url, now=T0, policy=LOCAL)
    [outcome] = poll(db, T0)
    assert [a.title for a in outcome.new_articles] == ["Road to be rebuilt by September"]
    [row] = article_rows(db)
    assert row.url is None and row.published == date(2025, 3, 8)


def test_a_feed_removed_keeps_its_articles(db: Database, server: FeedServer) -> None:
    feed_url = server.add("/rm.rss", Route(rss("Ledger", items(server, "border"))))
    feed = follow_feed(db, feed_url, now=T0, policy=LOCAL).feed
    poll(db, T0)
    assert remove_feed(db, f"#{feed.id}").id == feed.id
    assert list_feeds(db) == [] and len(article_rows(db)) == 1
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(FeedItemRow)) == 0
    with pytest.raises(NotFoundError):
        remove_feed(db, feed_url)


# ------------------------------------------------------------------------ adding feeds


def test_following_checks_the_url_and_the_feed_first(db: Database, server: FeedServer) -> None:
    for bad, fragment in [
        ("file:///etc/passwd", "Only http:// and https://"),
        ("ftp://127.0.0.1/feed.xml", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("http://", "no host"),
        ("http://127.0.0.1:99999/feed", "not a valid URL"),
        (server.url("/missing.rss"), "HTTP 404: not found"),
        (server.add("/page.html", Route(page("Not a feed", BORDER))), "not an RSS or Atom feed"),
        (server.add("/dead.rss", Route(b"", status=500)), "HTTP 500"),
    ]:
        with pytest.raises(InputError) as error:
            follow_feed(db, bad, now=T0, policy=LOCAL)
        assert fragment in error.value.message, (bad, error.value.message)
    assert list_feeds(db) == []
    url = server.add("/ok.rss", Route(rss("Ledger", [])))
    follow_feed(db, url, now=T0, policy=LOCAL)
    with pytest.raises(InputError, match="already followed"):
        follow_feed(db, url, now=T0, policy=LOCAL)


def test_the_outlet_comes_from_the_feed_title_or_host() -> None:
    assert feed_outlet("CNN.com - RSS Channel - World", "https://feeds.test/cnn") == "CNN"
    assert feed_outlet("Top stories - Newsweek", "https://feeds.test/nw") == "Newsweek"
    assert feed_outlet("World News", "https://www.reuters.com/world/rss") == "Reuters"
    assert feed_outlet("Caucasus Ledger | World RSS", "https://ledger.test/") == "Caucasus Ledger"
    assert feed_outlet(None, "https://ledger.test/rss") is None


def test_urls_are_checked_and_shown_without_secrets() -> None:
    assert check_url(" https://Example.com/feed#top ") == "https://Example.com/feed"
    assert check_url("http://example.com") == "http://example.com/"
    assert check_url("<https://example.com/rss|example.com/rss>") == "https://example.com/rss"
    with pytest.raises(InputError):
        check_url("http://exa mple.com/")
    with pytest.raises(InputError):
        check_url("http://example.com/" + "a" * 2000)
    assert display_url("https://u:p@example.com:8443/f?api_key=1&q=x") == (
        "https://example.com:8443/f?api_key=…&q=x"
    )


def test_downloads_are_bounded(server: FeedServer) -> None:
    server.add("/to-ftp", Route(status=302, location="ftp://127.0.0.1/x"))
    server.add("/hop1", Route(status=301, location="/hop2"))
    server.add("/hop2", Route(status=302, location="/final"))
    server.add("/final", Route(b"<p>arrived</p>"))
    server.add("/slow", Route(b"late", delay=2.0))
    server.add("/big", Route(b"x" * 2_000, content_type="text/plain"))
    with make_client(FAST) as client:
        with pytest.raises(FetchError, match="not http or https"):
            fetch(client, server.url("/to-ftp"), policy=FAST)
        arrived = fetch(client, server.url("/hop1"), policy=FAST)
        assert arrived.url == server.url("/final") and arrived.body == b"<p>arrived</p>"
        with pytest.raises(FetchError, match="timed out") as slow:
            fetch(client, server.url("/slow"), policy=FAST)
        assert slow.value.transient
        with pytest.raises(FetchError, match="too large") as big:
            fetch(client, server.url("/big"), max_bytes=1_000, policy=FAST)
        assert not big.value.transient
    assert "briefbot" in server.last_headers["/final"]["user-agent"]


# ------------------------------------------------------------------------ private addresses

NOT_PUBLIC = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "::1",
    "10.0.0.1",  # RFC 1918
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",  # link-local: cloud metadata
    "100.100.100.200",  # shared address space (another cloud's metadata)
    "0.0.0.0",  # unspecified
    "::",
    "224.0.0.1",  # multicast
    "ff02::1",
    "240.0.0.1",  # reserved
    "fc00::1",  # unique local
    "fd12:3456::1",
    "fe80::1",  # link-local
    "fe80::1%lo",
    "fec0::1",  # site-local
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "2002:a00:1::",  # 6to4 of 10.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "192.0.2.10",  # documentation
]
PUBLIC = ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.215.14"]


def test_addresses_off_the_public_internet_are_recognised() -> None:
    assert [a for a in NOT_PUBLIC if is_public_address(parse_address(a))] == []
    assert all(is_public_address(parse_address(a)) for a in PUBLIC)


def test_every_connection_checks_where_it_goes() -> None:
    """The check redirects pass through: each new connection (a redirect to another host
    opens one) resolves the host and refuses before connecting unless every address is
    public. Literal addresses and a name resolving to loopback, no network needed."""
    backend = CheckedBackend()
    for host in ("169.254.169.254", "10.0.0.1", "::1", "::ffff:127.0.0.1", "localhost", "0"):
        with pytest.raises(NotPublicError) as refused:
            backend.connect_tcp(host, 80, timeout=1.0)
        assert not refused.value.transient
        assert refused.value.message == (
            "the address is not on the public internet; briefbot does not fetch it"
        )
    with pytest.raises(NotPublicError):
        checked_addresses("localhost", 80)
    assert set(checked_addresses("localhost", 80, allow_private=True)) & {"127.0.0.1", "::1"}


def test_private_addresses_are_refused_unless_allowed(db: Database, server: FeedServer) -> None:
    feed_url = server.add("/internal.rss", Route(rss("Intranet", items(server, "border"))))
    port = server.port
    with make_client() as client:
        for url in (
            feed_url,
            f"http://localhost:{port}/internal.rss",
            f"http://[::ffff:127.0.0.1]:{port}/internal.rss",
            "http://[::1]/latest",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/feed.xml",
        ):
            with pytest.raises(NotPublicError):
                fetch(client, url)
    assert sum(server.hits.values()) == 0  # refused before connecting

    with pytest.raises(InputError) as error:
        follow_feed(db, feed_url, now=T0)
    assert error.value.message == NOT_PUBLIC_MESSAGE
    page_outcome = ingest_url(db, server.url("/a/border"))
    assert page_outcome.error is not None and "not on the public internet" in page_outcome.error
    assert list_feeds(db) == [] and article_rows(db) == []
    assert sum(server.hits.values()) == 0

    # A feed followed while private addresses were allowed, polled after they no longer are:
    # it fails for good reason and backs off; its pages are not fetched.
    follow_feed(db, feed_url, now=T0, policy=LOCAL)
    [outcome] = poll(db, T0, FetchPolicy())
    assert outcome.status == "failed" and outcome.error is not None
    assert "not on the public internet" in outcome.error
    assert server.hits["/internal.rss"] == 1 and server.hits["/a/border"] == 0

    # Allowed, redirects within the internal network are followed as ever.
    server.add("/moved.rss", Route(status=301, location=f"http://localhost:{port}/internal.rss"))
    with make_client(LOCAL) as client:
        moved = fetch(client, server.url("/moved.rss"), policy=LOCAL)
    assert moved.url == f"http://localhost:{port}/internal.rss" and b"Intranet" in moved.body


# ------------------------------------------------------------------------ single pages


def test_ingest_url_stores_a_page_once(db: Database, server: FeedServer) -> None:
    url = server.url("/a/reservoir")
    outcome = ingest_url(db, url, policy=LOCAL)
    assert outcome.stored and outcome.error is None, outcome.describe()
    [row] = article_rows(db)
    assert row.url == url and row.outlet == "Caucasus Ledger" and row.title == "Reservoir"
    assert "Anna Petrosyan" in row.text
    again = ingest_url(db, url, policy=LOCAL)
    assert not again.stored and again.article_id == row.id
    assert "already stored" in again.describe() and server.hits["/a/reservoir"] == 1

    for bad, reason in [
        ("ftp://127.0.0.1/x", "Only http:// and https://"),
        (
            server.add("/bin", Route(b"\x89PNG\r\n\x1a\n...", content_type="image/png")),
            "not a web page",
        ),
        (server.add("/blank", Route(b"\n\n", content_type="text/plain")), "the page is empty"),
        (
            server.add("/nav-only", Route(b"<html><body><nav>Home</nav></body></html>")),
            "no article text",
        ),
    ]:
        result = ingest_url(db, bad, policy=LOCAL)
        assert result.error is not None and reason in result.error, (bad, result.error)
    assert len(article_rows(db)) == 1


# ------------------------------------------------------------------------ chat


def context(
    db: Database, *, admin: bool, user: str = "U1", allow_private: bool = True
) -> CommandContext:
    return CommandContext(
        db=db,
        actors=default_registry(),
        today=date(2025, 3, 12),
        commands=default_commands(),
        place=ChatPlace(platform="slack", channel="C1", user=user),
        admin=admin,
        allow_private_urls=allow_private,
        feed_poll_minutes=20,
    )


def ask(
    db: Database,
    line: str,
    *,
    admin: bool,
    notified: list[str] | None = None,
    allow_private: bool = True,
):
    ctx = context(db, admin=admin, allow_private=allow_private)
    if notified is not None:
        ctx.changed = notified.append
    return default_commands().run(line, ctx, admin=admin)


def test_feeds_command_add_list_remove(db: Database, server: FeedServer) -> None:
    url = server.add(
        "/chat.rss", Route(rss("Caucasus Ledger — World", items(server, "border", "monitors")))
    )
    refused = ask(db, f"/feeds add {url}", admin=False)
    assert refused.kind == CardKind.ERROR and "Only channel managers" in (refused.lead or "")
    assert list_feeds(db) == []

    notified: list[str] = []
    added = ask(db, f"/feeds add {url}", admin=True, notified=notified)
    assert added.kind != CardKind.ERROR, added.lead
    assert added.lead is not None and added.lead.startswith(
        "Added feed «Caucasus Ledger — World» — 2 item(s); new articles arrive within 20 minutes."
    )
    assert notified == ["feeds"]
    [feed] = list_feeds(db)
    assert feed.added_by == "U1" and feed.outlet == "Caucasus Ledger"

    other = server.add("/other.rss", Route(rss("Wire digest", items(server, "reservoir"))))
    credited = ask(db, f'/feeds add {other} outlet:"Alpine Wire"', admin=True)
    assert credited.kind != CardKind.ERROR, credited.lead
    assert [f.outlet for f in list_feeds(db)] == ["Caucasus Ledger", "Alpine Wire"]
    assert remove_feed(db, other).outlet == "Alpine Wire"
    assert ask(db, "/feeds list outlet:Reuters", admin=True).kind == CardKind.ERROR

    listed = ask(db, "/feeds", admin=False)  # reading is for everyone
    assert listed.kind != CardKind.ERROR
    assert f"#{feed.id} Caucasus Ledger — World" in listed.sections[0].items[0].text

    assert ask(db, f"/feeds remove #{feed.id}", admin=False).kind == CardKind.ERROR
    removed = ask(db, f"/feeds remove {url}", admin=True)
    assert removed.kind != CardKind.ERROR and "No longer following" in (removed.lead or "")
    assert list_feeds(db) == []


def test_feeds_command_refuses_bad_urls_and_stores_nothing(
    db: Database, server: FeedServer
) -> None:
    html = server.add("/index.html", Route(page("Front page", BORDER)))
    for line, fragment in [
        ("/feeds add file:///etc/passwd", "Only http:// and https://"),
        ("/feeds add url:gopher://127.0.0.1/feed", "Only http:// and https://"),
        (f"/feeds add {html}", "not an RSS or Atom feed"),
        (f"/feeds add {server.url('/nothing.xml')}", "HTTP 404"),
        ("/feeds add", "Say which feed"),
        ("/feeds remove #999", "No followed feed"),
    ]:
        card = ask(db, line, admin=True)
        assert card.kind == CardKind.ERROR and fragment in (card.lead or ""), (line, card.lead)
    assert list_feeds(db) == []


def test_feeds_command_refuses_private_addresses_unless_allowed(
    db: Database, server: FeedServer
) -> None:
    internal = server.add("/chat.rss", Route(rss("Intranet", items(server, "border"))))
    for url in ("http://169.254.169.254/latest", internal):
        card = ask(db, f"/feeds add {url}", admin=True, allow_private=False)
        assert card.kind == CardKind.ERROR and card.lead == NOT_PUBLIC_MESSAGE, card.lead
    assert list_feeds(db) == [] and server.hits["/chat.rss"] == 0
    allowed = ask(db, f"/feeds add {internal}", admin=True, allow_private=True)
    assert allowed.kind != CardKind.ERROR, allowed.lead
    assert [feed.url for feed in list_feeds(db)] == [internal]


# ------------------------------------------------------------------------ schema


def test_the_migration_matches_the_tables(db: Database) -> None:
    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    feed_tables = {FeedRow.__tablename__, FeedItemRow.__tablename__}
    mine = [diff for diff in diffs if feed_tables & {str(part) for part in _names(diff)}]
    assert mine == []


def _names(diff: Any) -> list[object]:
    """Table names mentioned by one autogenerate diff entry (tuples nest one level)."""
    entries = diff if isinstance(diff, list) else [diff]
    names: list[object] = []
    for entry in entries:
        for part in entry:
            names.append(getattr(part, "name", part))
            names.append(getattr(getattr(part, "table", None), "name", None))
    return names
