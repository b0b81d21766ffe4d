"""Hostile input, in one catalogue: what a chat user, an article file or an operator's settings
can throw at briefbot, and what must happen.

Every row of `CASES` is one input and its expected outcome:

- REJECTED: a short message (at most `SHORT` characters) that names the problem (`says`), no
  Python internals in it (traceback, exception class names, "Error:"), and nothing stored:
  the database fingerprint (row count and largest key of every table) is unchanged, or for a
  setting the data folder is not even created.
- ANSWERED (chat) / STORED (ingest) / STARTED (settings): the input is used, and whatever it
  carries (mentions, markdown, links, control characters) reaches Slack and Discord inert.

Chat rows run through the real core (`BotCore.ask`), ingest rows and settings rows through the
real `briefbot` entry point (`bot.cli.main`), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, func, select

from bot.app import BotCore
from bot.cli import main
from bot.discord.limits import discord_limit_violations
from bot.discord.render import render_discord, render_discord_quotes
from bot.slack.limits import slack_limit_violations, text_objects
from bot.slack.render import render_slack, render_slack_quotes
from briefings.cards import Card, CardKind
from briefings.commands.registry import ChatPlace
from briefings.errors import BriefbotError
from briefings.ingest import ArticleMeta
from briefings.ingest.article import MAX_AUTHOR, MAX_OUTLET, MAX_SOURCE, MAX_TITLE, MAX_URL
from briefings.service import ingest_text
from briefings.store.database import Database
from briefings.store.schema import ArticleRow
from tests.conftest import SEEDS

SHORT = 300  # "short": an error a chat user reads at a glance, one line in a terminal
PLACE = ChatPlace(platform="slack", channel="C-HOSTILE", user="U-HOSTILE")

# What must never reach a user: Python's own words for a failure.
INTERNALS = re.compile(
    r"Traceback|File \"|line \d+, in|\b[A-Z]\w*(?:Error|Exception)\b|Error:|Value error"
    r"|validation error|sqlalchemy|psycopg|pydantic|\[SQL:",
)
# Characters that must not come back in a reply: controls (they corrupt terminals and
# messages) and bidirectional overrides (they make an echoed name read backwards).
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Outcome(Enum):
    REJECTED = "rejected"
    ANSWERED = "answered"  # chat: a card, not an error
    STORED = "stored"  # ingest: one new article
    STARTED = "started"  # settings: `briefbot ask /help` runs


REJECTED, ANSWERED, STORED, STARTED = Outcome


@dataclass(frozen=True)
class Upload:
    """What `briefbot ingest` is given: a file with these bytes (or a folder, a FIFO, a URL), or
    text handed straight to the core's ingest function."""

    name: str = "article.txt"
    content: bytes = b""
    kind: str = "file"  # file | dir | fifo | url | missing | text
    args: tuple[str, ...] = ()
    # After storing: chat lines to ask, each with a fragment one of its card's items must
    # show, and fragments no item may show.
    then: tuple[tuple[str, str], ...] = ()
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    surface: str  # chat | ingest | config
    given: Any  # chat: a command line; ingest: an Upload; config: environment variables
    says: str  # a fragment (any case) of the reply: the problem named, or the answer given
    outcome: Outcome = REJECTED
    admin: bool = True  # chat: the asker manages the channel
    marks: tuple[Any, ...] = field(default_factory=tuple)


def chat(id: str, line: str, says: str, outcome: Outcome = REJECTED, **kw: Any) -> Case:
    return Case(id, "chat", line, says, outcome, **kw)


def ingest(id: str, upload: Upload, says: str, outcome: Outcome = REJECTED) -> Case:
    return Case(id, "ingest", upload, says, outcome)


def config(id: str, env: dict[str, str], says: str, outcome: Outcome = REJECTED) -> Case:
    return Case(id, "config", env, says, outcome)


def article(word: str, *, extra: str = "") -> str:
    """A small article that extracts to events and a claim; `word` makes it unique."""
    return (
        f"Envoys from Ruritania and Freedonia met in Geneva on Tuesday to discuss the {word} "
        f"accord, officials said.{extra}\n\n"
        f'"We are ready to sign," Ruritanian foreign minister Anton Weber said on Wednesday.\n'
    )


INJECTION = (
    "@everyone <!channel> <!here> <@U123> <@&456> <#C1> **bold** __under__ ~~gone~~ `code` "
    "[x](http://evil.example) <http://evil.example|click> ||spoiler|| # heading"
)
INJECTED_ARTICLE = (
    f"# {INJECTION}\n\n"
    f"Quixotic envoys from Ruritania met on Tuesday, {INJECTION}, officials said.\n\n"
    f"> quoted @here line\n\n"
    f'"We are ready to sign," Ruritanian foreign minister Anton Weber said on Wednesday.\n'
)
SECRET = "hunter2-s3cret-value"

CASES: list[Case] = [
    # --- chat: empty, huge, binary, control characters ---------------------------------------
    chat("chat-empty", "", "type a command"),
    chat("chat-whitespace-only", " \t \n ", "type a command"),
    chat("chat-100k-characters", "/timeline actor:" + "x" * 100_000, "too long"),
    chat("chat-100k-of-spaces", "/timeline" + " " * 100_000 + "page:2", "too long"),
    chat("chat-nul-only", "\x00\x00", "type a command"),
    chat("chat-nul-in-name", "/actor Rus\x00sia", "did you mean russia", ANSWERED),
    chat(
        "chat-control-characters-are-spaces",
        "/timeline\x01\x02actor:Russia\x1b",
        "actor russia",
        ANSWERED,
    ),
    chat(
        "chat-binary-junk",
        "/search " + bytes(range(256)).decode("latin-1"),
        "at most 200 characters",
    ),
    chat(
        "chat-binary-junk-as-command",
        bytes(range(128, 256)).decode("latin-1"),
        "commands start with a name",
    ),
    # --- chat: markdown and mention injection (echoed back in the error) -------------------
    chat("chat-at-everyone", "/actor @everyone", "don't know an actor"),
    chat("chat-slack-user-mention", "/actor <@U123>", "don't know an actor"),
    chat("chat-slack-channel-ping", "/source <!channel>", "don't know an outlet"),
    chat("chat-discord-role-mention", "/claims <@&456>", "no claims"),
    chat("chat-bold-markdown", "/actor **Russia**", "russia", ANSWERED),
    chat("chat-markdown-link", "/actor [x](http://evil.example)", "don't know an actor"),
    chat("chat-slack-link", "/source <http://evil.example|click>", "don't know an outlet"),
    chat("chat-help-for-a-mention", "/help <!here>", "no command"),
    # --- chat: SQL-looking text ---------------------------------------------------------------
    chat("chat-sql-or-1-1", "/search ' OR 1=1 --", "at least one word"),
    chat("chat-sql-percent", "/search %", "at least one word"),
    chat("chat-sql-underscore", "/search _", "at least one word"),
    chat("chat-sql-drop-table", '/search "; DROP TABLE articles;', "no stored sentence", ANSWERED),
    chat(
        "chat-sql-underscore-inside-a-word", "/search peace_eepers", "no stored sentence", ANSWERED
    ),
    chat("chat-sql-in-actor", "/actor Robert'); DROP TABLE actors;--", "don't know an actor"),
    chat("chat-sql-in-outlet", "/timeline source:%", "don't know an outlet"),
    chat("chat-sql-in-kind", "/timeline kind:'OR'1'='1", "unknown event kind"),
    # --- chat: impossible dates and times ----------------------------------------------------
    chat("chat-february-30", "/timeline from:2023-02-30", "2023-02-30 is not a valid date"),
    chat("chat-month-13", "/timeline from:2024-13-01", "2024-13-01 is not a valid date"),
    chat("chat-month-0", "/timeline from:2023-00", "not a valid date"),
    chat("chat-year-0", "/timeline from:0000", "not a valid date"),
    chat("chat-five-digit-year", "/timeline to:99999", "is not a date"),
    chat("chat-negative-year", "/timeline from:-2023", "is not a date"),
    chat("chat-to-before-from", "/timeline from:2023-10 to:2023-09", "from: must not be after"),
    chat("chat-digest-at-25-99", "/digest subscribe at:25:99", "not a time of day"),
    chat("chat-digest-at-24-00", "/digest subscribe at:24:00", "not a time of day"),
    # --- chat: unknown names, sources, time zones ------------------------------------------------
    chat("chat-misspelt-actor", "/actor Rusia", "did you mean russia", ANSWERED),
    chat("chat-unknown-actor", "/actor Qqqqzzzz", "don't know an actor"),
    chat("chat-unknown-source", "/source Daily Nonesuch", "don't know an outlet"),
    chat("chat-unknown-source-filter", "/timeline source:nosuch", "don't know an outlet"),
    chat("chat-unknown-command", "/timline", "did you mean: /timeline"),
    chat("chat-unknown-time-zone", "/digest subscribe at:07:00 tz:Mars/Olympus", "time zone"),
    chat("chat-path-as-time-zone", "/digest subscribe at:07:00 tz:../../etc/passwd", "time zone"),
    chat("chat-unknown-event-kind", "/digest subscribe at:07:00 kinds:nosuch", "not an event kind"),
    # --- chat: Unicode confusables and invisible characters ----------------------------------
    chat("chat-cyrillic-o-in-rossiya", "/actor Rоssiya", "did you mean: russia"),
    chat("chat-cyrillic-a-in-russia", "/actor Russiа", "did you mean: russia"),
    chat("chat-zero-width-space-inside", "/actor Rus\u200bsia", "russia", ANSWERED),
    chat("chat-zero-width-joiner-inside", "/actor Rus\u200dsia", "russia", ANSWERED),
    chat("chat-only-zero-width-spaces", "/actor \u200b\u200b\ufeff", "missing name"),
    chat("chat-rtl-override", "/actor \u202eaissuR", "called “aissur”"),
    chat("chat-fullwidth-command", "/ｔｉｍｅｌｉｎｅ", "commands start with a name"),
    # --- chat: options: many, unknown, duplicate, empty, long --------------------------------
    chat("chat-1000-options", "/timeline " + " ".join(["actor:x"] * 1000), "too long"),
    chat(
        "chat-21-options",
        "/timeline " + " ".join(f"o{i}:x" for i in range(21)),
        "too many options",
    ),
    chat("chat-unknown-option", "/timeline bogus:1", "has no option “bogus”"),
    chat("chat-misspelt-option", "/timeline actr:Russia", "did you mean: actor:"),
    chat("chat-duplicate-option", "/timeline actor:Russia actor:Armenia", "given twice"),
    chat("chat-duplicate-option-two-spellings", "/timeline from:2023 --from=2024", "given twice"),
    chat("chat-duplicate-positional", "/actor Russia name:Armenia", "given twice"),
    chat("chat-empty-option", "/timeline actor:", "actor: needs a value"),
    chat("chat-empty-quoted-option", '/digest subscribe at:07:00 tz:""', "tz: needs a value"),
    chat("chat-dangling-flag", "/timeline --actor", "needs a value"),
    chat("chat-long-option-value", "/timeline actor:" + "R" * 1900, "too long"),
    chat("chat-long-kind", "/timeline kind:" + "k" * 1900, "unknown event kind"),
    chat("chat-long-search", "/search " + "ab " * 600, "at most"),
    chat("chat-free-text-where-none", "/timeline Russia", "takes no free text"),
    chat("chat-unbalanced-quote", '/actor "Russia', "russia", ANSWERED),
    # --- chat: page numbers -----------------------------------------------------------------
    chat(
        "chat-page-minus-1", "/timeline page:-1", "page: input should be greater than or equal to 1"
    ),
    chat("chat-page-0", "/timeline page:0", "page: input should be greater than or equal to 1"),
    chat("chat-page-10-to-the-30", f"/timeline page:{10**30}", "page: input should be less than"),
    chat("chat-page-not-a-number", "/timeline page:abc", "page: input should be a valid integer"),
    chat("chat-page-fraction", "/timeline page:1.5", "page: input should be a valid integer"),
    chat("chat-page-arabic-digit", "/timeline page:٣", "page: input should be a valid integer"),
    chat("chat-page-beyond-the-last", "/timeline page:9999", "in the last 14 days", ANSWERED),
    chat("chat-period-unknown", "/timeline period:yesterday", "unknown period"),
    chat("chat-period-huge", "/timeline period:" + "x" * 1900, "unknown period"),
    chat("chat-period-and-window", "/timeline period:recent from:2023", "give one of them"),
    chat("chat-period-background", "/timeline period:BACKGROUND", "earlier entries", ANSWERED),
    # --- chat: emoji --------------------------------------------------------------------------
    chat("chat-emoji-flag-actor", "/actor 🇷🇺", "don't know an actor"),
    chat("chat-emoji-search", "/search 🔥🔥🔥", "at least one word"),
    chat("chat-emoji-command", "/💥", "commands start with a name"),
    chat("chat-emoji-option-value", "/timeline actor:👨‍👩‍👧", "don't know an actor"),
    # --- chat: feeds and permissions ------------------------------------------------------------
    chat("chat-feed-id-overflow", "/feeds remove #99999999999999999999", "no followed feed"),
    chat("chat-feed-id-superscript", "/feeds remove #²", "whole number"),
    chat("chat-feed-id-negative", "/feeds remove #-1", "whole number"),
    chat("chat-feed-id-zero", "/feeds remove #0", "no followed feed has the id #0"),
    chat("chat-feed-file-url", "/feeds add file:///etc/passwd", "only http"),
    chat("chat-feed-javascript-url", "/feeds add javascript:alert(1)", "only http"),
    chat("chat-feed-metadata-address", "/feeds add http://169.254.169.254/latest", "public"),
    chat("chat-feed-long-url", "/feeds add http://127.0.0.1/" + "a" * 1950, "public"),
    chat("chat-not-a-manager", "/feeds remove #1", "only channel managers", admin=False),
    # --- ingest: empty, binary, encodings ----------------------------------------------------
    ingest("ingest-empty-file", Upload(content=b""), "is empty"),
    ingest("ingest-whitespace-only", Upload(content=b" \n\t\r\n  \x0c"), "is empty"),
    ingest("ingest-binary-junk", Upload(content=bytes(range(256)) * 80), "binary"),
    ingest("ingest-pdf", Upload("paper.txt", b"%PDF-1.7\n" + bytes(500)), "a pdf"),
    ingest(
        "ingest-nul-in-utf8",
        Upload(content=article("nul").encode().replace(b"ss", b"s\0")),
        "binary",
    ),
    ingest("ingest-control-characters", Upload(content=b"\x01\x02\x03\x1b[31m" * 100), "binary"),
    ingest(
        "ingest-utf16-without-bom",
        Upload(content=article("sixteen").encode("utf-16-le")),
        "binary",
    ),
    ingest(
        "ingest-latin1",
        Upload(content=article("Zürich").encode("latin-1"), then=(("/search Zürich", "Zürich"),)),
        "ingested 1 new",
        STORED,
    ),
    ingest(
        "ingest-utf16-with-bom",
        Upload(
            content=codecs.BOM_UTF16_LE + article("Genève").encode("utf-16-le"),
            then=(("/search Genève", "Genève"),),
        ),
        "ingested 1 new",
        STORED,
    ),
    ingest(
        "ingest-utf8-with-one-latin1-byte",
        Upload(
            content=article("Dvořák", extra=" Café Zürich.").encode() + b"caf\xe9 owners said.\n",
            then=(("/search Dvořák", "Dvořák"),),
        ),
        "ingested 1 new",
        STORED,
    ),
    ingest(
        "ingest-bidi-override-and-terminal-escapes",
        Upload(
            content=("\u202e\x1b[2J\x1b[31m" + article("Vaduz") + "\u2066").encode(),
            then=(("/search Vaduz", "Vaduz"),),
        ),
        "ingested 1 new",
        STORED,
    ),
    # --- ingest: size ---------------------------------------------------------------------------
    ingest(
        "ingest-10-mb-file",
        Upload(content=article("big").encode() * (10_000_000 // len(article("big")) + 1)),
        "too large",
    ),
    ingest(
        "ingest-10-mb-text-to-the-core",
        Upload(kind="text", content=b"word " * 2_000_000),
        "too long",
    ),
    ingest(
        "ingest-3000-character-heading",
        Upload(
            content=("# " + "Headline " * 350 + "\n\n" + article("Tallinn")).encode(),
            args=("--outlet", "Longwinded Herald"),
            then=(("/source Longwinded Herald", "…"),),
        ),
        "ingested 1 new",
        STORED,
    ),
    ingest(
        "ingest-5000-character-outlet",
        Upload(content=article("Riga").encode(), args=("--outlet", "O" * 5000)),
        "--outlet is too long",
    ),
    ingest(
        "ingest-blank-outlet",
        Upload(content=article("Oslo").encode(), args=("--outlet", " ")),
        "must not be empty",
    ),
    ingest(
        "ingest-published-february-30",
        Upload(content=article("Bern").encode(), args=("--published", "2023-02-30")),
        "not a valid date",
    ),
    ingest(
        "ingest-published-last-day-of-the-calendar",
        Upload(
            content=article(
                "Malmo", extra=" Talks resume next year and three days later."
            ).encode(),
            args=("--published", "9999-12-31"),
            then=(("/search Malmo", "Malmo"),),
        ),
        "ingested 1 new",
        STORED,
    ),
    # --- ingest: injection in the article ------------------------------------------------------
    ingest(
        "ingest-mentions-markdown-and-links",
        Upload(
            content=INJECTED_ARTICLE.encode(),
            args=("--outlet", "<!here> **Hostile Wire**"),
            then=(
                ("/search quixotic", "quixotic"),
                ("/source <!here> **Hostile Wire**", "everyone"),
            ),
        ),
        "ingested 1 new",
        STORED,
    ),
    ingest(
        "ingest-html-with-script",
        Upload(
            "page.html",
            f"<html><head><script>alert('pwned')</script></head><body><p>{article('Lisbon')}"
            "</p><img src=x onerror=alert(2)></body></html>".encode(),
            then=(("/search Lisbon", "Lisbon"),),
            absent=("pwned", "alert", "onerror", "<p>"),
        ),
        "ingested 1 new",
        STORED,
    ),
    # --- ingest: what is not a file ------------------------------------------------------------
    ingest("ingest-missing-file", Upload(kind="missing"), "no such file"),
    ingest("ingest-fifo", Upload("pipe.txt", kind="fifo"), "not a regular file"),
    ingest("ingest-empty-folder", Upload("inbox", kind="dir"), "no article files"),
    ingest("ingest-newline-in-file-name", Upload("evil\nname.txt", b""), "is empty"),
    ingest("ingest-escape-in-file-name", Upload("\x1b[31mred.txt", b"   "), "is empty"),
    ingest("ingest-private-url", Upload("http://127.0.0.1:9/article", kind="url"), "public"),
    ingest("ingest-ftp-url", Upload("ftp://example.com/article.txt", kind="url"), "only http"),
    # --- settings: started through `briefbot ask /help` ----------------------------------------
    config(
        "config-database-url-not-a-url",
        {"BRIEFBOT_DATABASE_URL": "not a url"},
        "BRIEFBOT_DATABASE_URL",
    ),
    config(
        "config-database-driver-missing",
        {"BRIEFBOT_DATABASE_URL": f"mysql://briefbot:{SECRET}@db/briefbot"},
        "driver for mysql is not installed",
    ),
    config(
        "config-database-unknown-kind",
        {"BRIEFBOT_DATABASE_URL": "nosuchdb://x/y"},
        "not a database url",
    ),
    config(
        "config-database-unreachable",
        {"BRIEFBOT_DATABASE_URL": f"postgresql://postgres:{SECRET}@127.0.0.1:1/briefbot"},
        "temporarily unavailable",
    ),
    config("config-page-size-not-a-number", {"BRIEFBOT_PAGE_SIZE": "abc"}, "BRIEFBOT_PAGE_SIZE"),
    config("config-page-size-zero", {"BRIEFBOT_PAGE_SIZE": "0"}, "BRIEFBOT_PAGE_SIZE"),
    config("config-page-size-huge", {"BRIEFBOT_PAGE_SIZE": str(10**30)}, "BRIEFBOT_PAGE_SIZE"),
    config("config-page-size-fullwidth-digit", {"BRIEFBOT_PAGE_SIZE": "８"}, "BRIEFBOT_PAGE_SIZE"),
    config("config-port-too-big", {"BRIEFBOT_HTTP_PORT": "70000"}, "BRIEFBOT_HTTP_PORT"),
    config("config-port-negative", {"BRIEFBOT_HTTP_PORT": "-1"}, "BRIEFBOT_HTTP_PORT"),
    config("config-log-level-unknown", {"BRIEFBOT_LOG_LEVEL": "LOUD"}, "BRIEFBOT_LOG_LEVEL"),
    config("config-log-format-unknown", {"BRIEFBOT_LOG_FORMAT": "xml"}, "BRIEFBOT_LOG_FORMAT"),
    config("config-grace-hours-nan", {"BRIEFBOT_DIGEST_GRACE_HOURS": "nan"}, "finite number"),
    config(
        "config-stale-minutes-infinite", {"BRIEFBOT_DIGEST_STALE_MINUTES": "inf"}, "finite number"
    ),
    config(
        "config-poll-minutes-zero",
        {"BRIEFBOT_FEED_POLL_MINUTES": "0"},
        "BRIEFBOT_FEED_POLL_MINUTES",
    ),
    config("config-boolean-maybe", {"BRIEFBOT_AUTO_MIGRATE": "maybe"}, "BRIEFBOT_AUTO_MIGRATE"),
    config("config-slack-mode-unknown", {"BRIEFBOT_SLACK_MODE": "pigeon"}, "BRIEFBOT_SLACK_MODE"),
    config(
        "config-shard-ids-broken-json",
        {"DISCORD_SHARD_IDS": "[0,", "DISCORD_SHARD_COUNT": "2"},
        "DISCORD_SHARD_IDS",
    ),
    config(
        "config-shard-id-out-of-range",
        {"DISCORD_SHARD_IDS": "5", "DISCORD_SHARD_COUNT": "2"},
        "must be below DISCORD_SHARD_COUNT",
    ),
    config(
        "config-shard-ids-without-count", {"DISCORD_SHARD_IDS": "0"}, "needs DISCORD_SHARD_COUNT"
    ),
    config("config-slack-api-url-not-a-url", {"SLACK_API_URL": "not a url"}, "SLACK_API_URL"),
    config(
        "config-discord-api-url-javascript",
        {"DISCORD_API_URL": "javascript:alert(1)"},
        "DISCORD_API_URL",
    ),
    config(
        "config-gateway-url-ftp", {"DISCORD_GATEWAY_URL": "ftp://gateway"}, "DISCORD_GATEWAY_URL"
    ),
    config("config-token-with-a-space", {"DISCORD_TOKEN": f"{SECRET} x"}, "DISCORD_TOKEN"),
    config(
        "config-token-with-an-escape",
        {"SLACK_BOT_TOKEN": f"xoxb-{SECRET}\x1b[2J"},
        "SLACK_BOT_TOKEN",
    ),
    config(
        "config-data-dir-under-a-file",
        {"BRIEFBOT_DATA_DIR": "{tmp}/blocker/data"},
        "not a directory",
    ),
    config("config-token-with-trailing-newline", {"DISCORD_TOKEN": f"{SECRET}\n"}, "", STARTED),
    config("config-log-level-lower-case", {"BRIEFBOT_LOG_LEVEL": "error"}, "", STARTED),
    config("config-blank-database-url", {"BRIEFBOT_DATABASE_URL": "  "}, "", STARTED),
    config("config-page-size-with-spaces", {"BRIEFBOT_PAGE_SIZE": " 8 "}, "", STARTED),
]


def by_surface(surface: str) -> list[Any]:
    return [pytest.param(c, id=c.id, marks=c.marks) for c in CASES if c.surface == surface]


def test_the_catalogue_is_large_and_covers_every_surface() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), "case ids are unique"
    assert len(CASES) >= 60
    counts = {surface: len(by_surface(surface)) for surface in ("chat", "ingest", "config")}
    assert min(counts.values()) >= 20, counts
    allowed = {
        "chat": {REJECTED, ANSWERED},
        "ingest": {REJECTED, STORED},
        "config": {REJECTED, STARTED},
    }
    for case in CASES:
        assert case.id.startswith(case.surface + "-")
        assert case.outcome in allowed[case.surface], case.id


# --- checks shared by every surface ----------------------------------------------------------


def assert_clean(text: str) -> None:
    """No Python internals and nothing unshowable in what the user reads."""
    assert not INTERNALS.search(text), text[:SHORT]
    assert not UNSHOWABLE.search(text), ascii(text[:SHORT])


def assert_short_and_named(message: str, says: str) -> None:
    assert message, "a rejection says why"
    assert len(message) <= SHORT, f"{len(message)} characters: {message[:SHORT]}…"
    assert says.lower() in message.lower(), message
    assert_clean(message)


def fingerprint(db: Database) -> dict[str, tuple[int, Any]]:
    """Row count and largest primary key of every table in the database (reflected, so a table
    added later is counted too): equal before and after means nothing was stored or removed."""
    metadata = MetaData()
    metadata.reflect(db.engine)
    found: dict[str, tuple[int, Any]] = {}
    with db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            keys = list(table.primary_key.columns)
            count = connection.scalar(select(func.count()).select_from(table))
            top = connection.scalar(select(func.max(keys[0]))) if keys else None
            found[table.name] = (count or 0, top)
    assert "articles" in found
    return found


def slack_shown(messages: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """Every text Slack shows, and whether Slack reads it as mrkdwn (plain_text it shows as
    is: formatting characters there format nothing)."""
    return [(m["text"], True) for m in messages] + [
        (str(obj["text"]), obj["type"] == "mrkdwn")
        for m in messages
        for obj in text_objects(m["blocks"])
    ]


def discord_shown(payloads: list[dict[str, Any]]) -> str:
    """Everything Discord displays (button ids are state, not shown)."""
    return json.dumps([{**p, "components": []} for p in payloads], ensure_ascii=False) + "".join(
        b["label"] for p in payloads for row in p["components"] for b in row["components"]
    )


def assert_rendered_inert(card: Card) -> None:
    """The card as Slack and Discord would receive it: within limits, no live mention, no
    ping, no link or formatting that came from the data."""
    slack = render_slack(card, shareable=True) + render_slack_quotes(card)
    for message in slack:
        assert slack_limit_violations(message) == []
        for obj in text_objects(message["blocks"]):
            if obj["type"] == "mrkdwn":
                assert obj.get("verbatim") is True  # no automatic @mention or URL parsing
    for text, mrkdwn in slack_shown(slack):
        assert "<" not in text, text[:200]  # <!everyone>, <@U1>, <#C1>, <http://x|y> need it
        assert not UNSHOWABLE.search(text)
        if mrkdwn:
            assert "**" not in text and "`code`" not in text and "~~" not in text, text[:200]

    discord = render_discord(card) + render_discord_quotes(card)
    for payload in discord:
        assert discord_limit_violations(payload) == []
        assert payload["allowed_mentions"] == {"parse": []}
    shown = discord_shown(discord)
    for live in ("@everyone", "@here", "<@", "<#", "<!", "<http", "[x](", "||spoiler||"):
        assert live not in shown, live
    assert not re.search(r"(?<!\\)\]\((?:https?:)", shown), "a masked link formed"
    assert "**bold**" not in shown and "__under__" not in shown and "~~gone~~" not in shown
    assert not UNSHOWABLE.search(shown)


def reply_of(card: Card) -> str:
    """The card's own words: title, lead, fields and footer (items are checked apart)."""
    fields = [f"{f.name}: {f.value}" for f in card.fields]
    return "\n".join([card.title, card.lead or "", *fields, card.footer or ""])


# --- chat ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", by_surface("chat"))
def test_chat(seeded_core: BotCore, case: Case) -> None:
    before = fingerprint(seeded_core.db)
    card = seeded_core.ask(case.given, admin=case.admin, place=PLACE)
    assert fingerprint(seeded_core.db) == before, "a chat command changed the database"
    if case.outcome is REJECTED:
        assert card.kind == CardKind.ERROR, card.lead
        assert_short_and_named(card.lead or "", case.says)
    else:
        assert card.kind != CardKind.ERROR, card.lead
        assert case.says.lower() in reply_of(card).lower(), reply_of(card)
        assert_clean(reply_of(card))
    assert_rendered_inert(card)


# --- ingest ----------------------------------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A clean environment for `briefbot` run in this process: no settings from the host, no
    `.env`, and the logging set-up `main` installs undone afterwards."""
    for name in list(os.environ):
        if name.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_SEEDS_DIR", str(SEEDS))
    monkeypatch.setenv("BRIEFBOT_SEED", "false")
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "ERROR")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield tmp_path
    root.handlers[:] = handlers
    root.setLevel(level)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`briefbot ARGV` → exit status, standard output, standard error."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def place_upload(upload: Upload, folder: Path) -> str:
    folder.mkdir(exist_ok=True)
    path = folder / upload.name
    if upload.kind == "file":
        path.write_bytes(upload.content)
    elif upload.kind == "dir":
        path.mkdir()
        (path / ".hidden.txt").write_text(article("hidden"), encoding="utf-8")
        (path / "notes.pdf").write_bytes(b"%PDF-1.4")
    elif upload.kind == "fifo":
        os.mkfifo(path)
    elif upload.kind == "url":
        return upload.name
    return str(path)


def ingest_outcome(
    core: BotCore, upload: Upload, folder: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    if upload.kind == "text":  # the core's own ingest function, as feeds and adapters call it
        try:
            outcome = ingest_text(core.db, upload.content.decode())
        except BriefbotError as error:
            return 1, "", error.message
        return (1, "", outcome.error) if outcome.error else (0, outcome.describe(), "")
    path = place_upload(upload, folder)
    return run_cli(capsys, "ingest", path, *upload.args)


@pytest.mark.parametrize("case", by_surface("ingest"))
def test_ingest(
    seeded_core: BotCore,
    case: Case,
    cli_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    upload: Upload = case.given
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", seeded_core.settings.resolved_database_url)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(cli_env / "data"))
    before = fingerprint(seeded_core.db)
    status, out, err = ingest_outcome(seeded_core, upload, cli_env / "inbox", capsys)
    after = fingerprint(seeded_core.db)
    assert not UNSHOWABLE.search(out + err.replace("\n", " ")), ascii(out + err)
    if case.outcome is REJECTED:
        assert status != 0, out
        assert after == before, "a rejected document changed the database"
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err  # one document, one line
        assert_short_and_named(lines[0], case.says)
        return
    assert status == 0, err
    assert case.says.lower() in out.lower(), out
    assert after["articles"][0] == before["articles"][0] + 1
    for line, shows in upload.then:
        card = seeded_core.ask(line, place=PLACE)
        assert card.kind != CardKind.ERROR, card.lead
        items = [item.text for section in card.sections for item in section.items]
        assert any(shows.lower() in text.lower() for text in items), (line, items)
        for text in items:
            assert not any(word in text for word in upload.absent), text
            assert_clean(text)
            assert "Ã" not in text, "mojibake: UTF-8 read as Windows-1252"
            assert "[31m" not in text and "[2J" not in text, "terminal escape left over"
        assert_rendered_inert(card)


def test_article_metadata_fits_the_articles_table() -> None:
    """The lengths ingest fits metadata to are the table's: PostgreSQL refuses longer text."""
    columns = ArticleRow.__table__.c

    def length(name: str) -> int | None:
        return getattr(columns[name].type, "length", None)

    assert length("outlet") == length("agency") == MAX_OUTLET
    assert length("title") == MAX_TITLE
    assert length("author") == MAX_AUTHOR
    assert length("url") == MAX_URL
    assert length("source") == MAX_SOURCE


@pytest.mark.parametrize(
    "meta, says",
    [
        (ArticleMeta(title="T" * 5000, author="A" * 5000, source="/x" * 3000), ""),
        (ArticleMeta(outlet="O" * 5000), ""),
        (
            ArticleMeta(
                title="a\x00b", author="\x00c", outlet="o\x00", url="https://e.example/\x00"
            ),
            "",
        ),
        (ArticleMeta(url="https://e.example/" + "a" * 5000), "URL is too long"),
    ],
    ids=["long-title-author-source", "long-outlet", "nul-in-every-field", "long-url"],
)
def test_core_ingest_metadata_never_overflows_a_column(
    seeded_core: BotCore, meta: ArticleMeta, says: str
) -> None:
    """Feeds and adapters hand metadata straight to the core (no CLI checks in between)."""
    before = fingerprint(seeded_core.db)
    text = article(f"meta{abs(hash(repr(meta))) % 10**8}")
    if says:
        with pytest.raises(BriefbotError, match=says):
            ingest_text(seeded_core.db, text, meta)
        assert fingerprint(seeded_core.db) == before
        return
    outcome = ingest_text(seeded_core.db, text, meta)
    assert outcome.stored and not outcome.error
    with seeded_core.db.session() as session:
        row = session.get(ArticleRow, outcome.article_id)
        assert row is not None
        for value in (row.outlet, row.title, row.author, row.source, row.url):
            assert value is None or "\x00" not in value


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", by_surface("config"))
def test_settings(
    case: Case, cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = cli_env / "data"
    (cli_env / "blocker").write_text("a file where a folder is expected", encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(data))
    for name, value in case.given.items():
        monkeypatch.setenv(name, value.replace("{tmp}", str(cli_env)))
    status, out, err = run_cli(capsys, "ask", "/help")
    assert SECRET not in out + err, "a secret was shown"
    if case.outcome is STARTED:
        assert status == 0, err
        assert "/timeline" in out
        return
    assert status != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("briefbot: ")
    assert_short_and_named(lines[0], case.says)
    assert not data.exists(), "a refused configuration still created the data folder"
