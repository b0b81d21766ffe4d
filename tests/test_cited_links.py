"""Articles read from the web are cited by title, date and link: `briefbot ingest URL` and a
polled feed against the local page server, then the cards as Discord and Slack receive
them, on SQLite and PostgreSQL. Titles and URLs from pages are untrusted: a hostile title is
escaped, a URL too long or unsafe to link is left out, and no card breaks a limit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import BotCore, open_core
from bot.discord.limits import discord_limit_violations
from bot.discord.render import render_discord, render_discord_quotes
from bot.slack.limits import slack_limit_violations
from bot.slack.render import render_slack, render_slack_quotes
from briefings.feeds import FetchPolicy, follow_feed, ingest_urls
from briefings.feeds.poll import poll_due_feeds
from tests.conftest import make_settings
from tests.feedserver import FeedServer, Route, page, rss, serve

LOCAL = FetchPolicy(allow_private=True)
STORY = [
    "GENEVA, April 2, 2025 — Negotiators for Armenia and Azerbaijan agreed on Wednesday to "
    "extend a local ceasefire around the village of Tegh for another 30 days, the Swiss "
    "foreign ministry said.",
    '"Both sides asked for more time," Swiss mediator Claudia Berger said after the talks.',
]
EXCHANGE = [
    "BAKU, April 4, 2025 — Azerbaijan released six Armenian detainees on Friday in exchange "
    "for two Azerbaijani soldiers held since last October, both governments said.",
    "The exchange took place at a crossing point on the border at about 11:00 local time.",
]
HOSTILE_TITLE = "@everyone <!channel> **Breaking** [click](http://evil.example) `x` ||y||"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as running:
        running.add("/news/ceasefire", Route(page("Ceasefire extended", STORY)))
        yield running


def briefbot(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env,
        cwd=cwd,  # away from any .env of the checkout
        capture_output=True,
        text=True,
        timeout=120,
    )


def process_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    values = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_"))
    }
    values.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_DATABASE_URL=database_url,
        BRIEFBOT_SEED="false",
        BRIEFBOT_LOG_LEVEL="ERROR",
        BRIEFBOT_FETCH_ALLOW_PRIVATE="true",  # the page server is on 127.0.0.1
    )
    return values


def slack_context_texts(message: dict[str, Any]) -> list[str]:
    return [
        element["text"]
        for block in message["blocks"]
        if block["type"] == "context"
        for element in block["elements"]
    ]


def discord_sources(payload: dict[str, Any]) -> list[str]:
    return [
        line
        for embed in payload["embeds"]
        for field in embed.get("fields", [])
        if field["name"].startswith("Sources")
        for line in field["value"].split("\n")
    ]


def test_an_article_ingested_from_a_url_is_cited_with_that_url_on_both_platforms(
    database_url: str, tmp_path: Path, server: FeedServer
) -> None:
    env = process_env(database_url, tmp_path)
    url = server.url("/news/ceasefire")
    stored = briefbot(env, tmp_path, "ingest", url)
    assert stored.returncode == 0, stored.stderr

    slack = briefbot(env, tmp_path, "ask", "/timeline", "--format", "slack")
    assert slack.returncode == 0, slack.stderr
    message = json.loads(slack.stdout)
    assert slack_limit_violations(message) == []
    footnote = f'[1] Caucasus Ledger, 2 Apr 2025 — <{url}|"Ceasefire extended" ↗>'
    assert footnote in slack_context_texts(message)

    discord = briefbot(env, tmp_path, "ask", "/timeline", "--format", "discord")
    assert discord.returncode == 0, discord.stderr
    payload = json.loads(discord.stdout)
    assert discord_limit_violations(payload) == []
    assert discord_sources(payload) == [
        f'[1] Caucasus Ledger, 2 Apr 2025 — ["Ceasefire extended" ↗]({url})'
    ]

    text = briefbot(env, tmp_path, "ask", "/search Claudia Berger")
    assert f'[1] Caucasus Ledger, 2 Apr 2025 — "Ceasefire extended" ↗ {url}' in text.stdout

    card = json.loads(briefbot(env, tmp_path, "ask", "/timeline", "--format", "json").stdout)
    citation = card["sections"][0]["items"][0]["citations"][0]
    assert citation["url"] == url and citation["title"] == "Ceasefire extended"
    assert citation["published"] == "2025-04-02" and len(citation["article_id"]) == 16


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    opened = open_core(make_settings(database_url, tmp_path), seed=False)
    yield opened
    opened.close()


def test_a_polled_feeds_articles_are_cited_with_their_links(
    core: BotCore, server: FeedServer
) -> None:
    server.add("/news/exchange", Route(page("Detainees released", EXCHANGE)))
    items = [
        {"title": "Detainees released", "link": server.url("/news/exchange"), "guid": "1"},
        {"title": "Ceasefire extended", "link": server.url("/news/ceasefire"), "guid": "2"},
    ]
    feed_url = server.add("/feed.xml", Route(rss("Ledger", items), "application/rss+xml"))
    now = datetime(2025, 4, 5, tzinfo=UTC)
    follow_feed(core.db, feed_url, now=now, policy=LOCAL)
    poll_due_feeds(core.db, now, policy=LOCAL)
    card = core.ask("/timeline period:all")
    links = {c.url for c in card.citations}
    assert links == {item["link"] for item in items}
    texts = "\n".join(t for m in render_slack(card) for t in slack_context_texts(m))
    sources = "\n".join(line for p in render_discord(card) for line in discord_sources(p))
    for item in items:
        assert f'<{item["link"]}|"{item["title"]}" ↗>' in texts
        assert f'["{item["title"]}" ↗]({item["link"]})' in sources


def assert_fits_and_inert(card: Any) -> None:
    for message in [*render_slack(card, shareable=True), *render_slack_quotes(card)]:
        assert slack_limit_violations(message) == []
        shown = json.dumps(message, ensure_ascii=False)
        assert "<!channel>" not in shown and "*Breaking*" not in shown
    for payload in [*render_discord(card), *render_discord_quotes(card)]:
        assert discord_limit_violations(payload) == []
        shown = json.dumps(payload["embeds"], ensure_ascii=False)
        assert "@everyone" not in shown and "**Breaking**" not in shown
        assert "[click](" not in shown


def test_a_hostile_title_and_a_two_thousand_character_url_never_break_a_card(
    core: BotCore, server: FeedServer
) -> None:
    path = "/news/" + "long-story-" * 179  # the URL is just under the 2,000 stored at most
    long_url = server.add(path, Route(page(HOSTILE_TITLE, EXCHANGE)))
    odd_url = server.add("/news/(draft)@everyone", Route(page("Ceasefire extended", STORY)))
    assert 1990 <= len(long_url) <= 2000
    outcomes = ingest_urls(core.db, [long_url, odd_url], None, policy=LOCAL)
    assert [outcome.stored for outcome in outcomes] == [True, True], outcomes
    card = core.ask("/timeline period:all")
    assert {c.url for c in card.citations} == {long_url, odd_url}  # the JSON keeps both
    assert_fits_and_inert(card)
    slack = "\n".join(t for m in render_slack(card) for t in slack_context_texts(m))
    discord = "\n".join(line for p in render_discord(card) for line in discord_sources(p))
    assert long_url not in slack and long_url not in discord  # too long to link: dropped
    odd_target = server.url("/news/(draft)@everyone").replace("(", "%28")
    odd_target = odd_target.replace(")", "%29").replace("@", "%40")
    assert f"<{odd_target}|" in slack and f"]({odd_target})" in discord
    assert "@\u200beveryone" in discord  # the title's mention is broken, its text kept


def test_a_file_saved_from_the_web_is_cited_with_the_address_given(
    database_url: str, tmp_path: Path
) -> None:
    env = process_env(database_url, tmp_path)
    saved = tmp_path / "exchange.txt"
    saved.write_text("\n\n".join(EXCHANGE), encoding="utf-8")
    url = "https://ledger.example/2025/04/04/exchange?ref=rss&lang=en"
    args = ("--title", "Detainees released", "--url", url, "--outlet", "Caucasus Ledger")
    stored = briefbot(env, tmp_path, "ingest", str(saved), *args)
    assert stored.returncode == 0, stored.stderr
    slack = json.loads(briefbot(env, tmp_path, "ask", "/timeline", "--format", "slack").stdout)
    escaped = url.replace("&", "&amp;")
    footnote = f'[1] Caucasus Ledger, 4 Apr 2025 — <{escaped}|"Detainees released" ↗>'
    assert footnote in slack_context_texts(slack)
    refused = briefbot(env, tmp_path, "ingest", str(saved), "--url", "javascript:alert(1)")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().startswith("briefbot: --url: Only http:// and https://")
