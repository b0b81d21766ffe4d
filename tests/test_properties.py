"""Properties over generated input, beyond the ones the per-module tests check already.

- The command parser reads back every line it is given in its own syntax (three spellings of
  an option, case and hyphens in names, invisible and control characters), and the registry's
  parse path raises nothing but our user-facing errors, short and free of Python internals.
- Any command line, run through a seeded core by a user who manages nothing, answers with a
  card (never an exception), leaves the database as it was, and renders within Slack's and
  Discord's limits.
- The temporal resolver, given any publication date the calendar holds (year 1 to 9999) and
  date-like text, never fails, returns well-formed points, and places weekdays, "N days ago",
  written-out dates and "N days later" exactly.
- Both renderers accept any Unicode (lone surrogates, controls, bidirectional overrides,
  unassigned code points) without changing the card, return the same payload every time, and
  send nothing that is not valid UTF-8 or that a client would draw as a box or reorder.

Every property is derandomized (the same examples on every run, so CI is reproducible) and
kept small; the module runs in well under a minute.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, func, select

from bot.app import BotCore, open_core
from bot.discord.limits import discord_limit_violations
from bot.discord.render import render_discord, render_discord_quotes
from bot.slack.limits import MAX_MESSAGE_TEXT, slack_limit_violations, text_objects
from bot.slack.render import render_slack, render_slack_quotes
from briefings.cards import Card, CardField, CardItem, CardKind, CardSection, page_command
from briefings.commands import default_commands
from briefings.commands.parsing import MAX_LINE, MAX_OPTIONS, parse_line
from briefings.commands.registry import ChatPlace
from briefings.errors import BriefbotError
from briefings.extract.analyse import analyse
from briefings.extract.time import TimeTagger, Timex
from briefings.models import Citation, Precision, TimePoint
from briefings.store.database import Database
from tests.conftest import make_settings


def prop(examples: int) -> settings:
    """Reproducible (derandomized) and modest; no deadline, the machine may be busy."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


SHORT = 300
INTERNALS = re.compile(
    r"Traceback|File \"|\b[A-Z]\w*(?:Error|Exception)\b|Error:|Value error|validation error"
)
# What a renderer must never send: C0/C1 controls except newline and tab, lone surrogates,
# bidirectional embeddings/overrides/isolates.
UNSENDABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")

# --- the command parser -----------------------------------------------------------------------

REGISTRY = default_commands()
OPTION_LIKE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,30}[:=]")

# Text a user can type as a value: no control, surrogate or format (invisible) characters,
# which the parser drops on purpose, and no spaces at either end, which it trims.
TYPED = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf"))
VALUE = st.text(TYPED, max_size=25).filter(lambda v: v == v.strip())
WORD = (
    st.text(TYPED, min_size=1, max_size=15)
    .filter(lambda w: w == w.strip() and " " not in w and w.split() == [w])
    .filter(lambda w: not OPTION_LIKE.match(w) or w.startswith("http"))
    .filter(lambda w: not (w.startswith("--") and len(w) > 2))
)
KEY = st.from_regex(r"[a-z_][a-z0-9_]{0,20}", fullmatch=True).filter(
    lambda k: not k.startswith("http")
)
NAME = st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True)


def spelled_key(key: str, style: int) -> str:
    """The same option name as a user might type it: any case, `-` for `_`."""
    hyphens = key[0] + key[1:].replace("_", "-")  # an option name starts with a letter or _
    return [key, key.upper(), hyphens, hyphens.title()][style]


def option_tokens(key: str, value: str, spelling: int) -> list[str]:
    """`key:value`, `key=value` or `--key value`, each quoted as one shell word."""
    if spelling == 0:
        return [shlex.quote(f"{key}:{value}")]
    if spelling == 1:
        return [shlex.quote(f"{key}={value}")]
    return [shlex.quote(f"--{key}"), shlex.quote(value)]


@st.composite
def typed_lines(draw: st.DrawFn) -> tuple[str, str, dict[str, str], list[str]]:
    """A command line in the documented syntax and what it must read back as."""
    name = draw(NAME)
    keys = draw(st.lists(KEY, max_size=MAX_OPTIONS, unique=True))
    options = {key: draw(VALUE) for key in keys}
    words = draw(st.lists(WORD, max_size=6))
    tokens: list[list[str]] = [[shlex.quote(word)] for word in words]
    for key, value in options.items():
        shown = spelled_key(key, draw(st.integers(0, 3)))
        tokens.append(option_tokens(shown, value, draw(st.integers(0, 2))))
    order = draw(st.permutations(range(len(tokens))))
    slash = draw(st.sampled_from(["/", ""]))
    head = slash + draw(st.sampled_from([name, name.upper()]))
    line = " ".join([head, *(token for i in order for token in tokens[i])])
    assume(len(line) <= MAX_LINE)
    expected_words = [words[i] for i in order if i < len(words)]
    return line, name, options, expected_words


@prop(250)
@given(typed_lines())
def test_parser_reads_back_what_was_typed(
    typed: tuple[str, str, dict[str, str], list[str]],
) -> None:
    line, name, options, words = typed
    parsed = parse_line(line)
    assert parsed.name == name
    assert parsed.options == options
    assert parsed.words == words


INVISIBLE = st.sampled_from(["\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\u2069", "\ufeff"])
CONTROL = st.sampled_from([chr(c) for c in [*range(0x01, 0x09), *range(0x0B, 0x20), 0x7F]])


@prop(200)
@given(typed_lines(), st.data())
def test_invisible_characters_change_nothing_and_controls_are_spaces(
    typed: tuple[str, str, dict[str, str], list[str]], data: st.DataObject
) -> None:
    line = typed[0]
    expected = parse_line(line)
    positions = data.draw(st.lists(st.integers(0, len(line)), max_size=5))
    noisy = line
    for position in sorted(positions, reverse=True):
        noisy = noisy[:position] + data.draw(INVISIBLE) + noisy[position:]
    assert parse_line(noisy) == expected
    spaces = [i for i, char in enumerate(line) if char == " "]
    swapped = list(line)
    for index in data.draw(st.lists(st.sampled_from(spaces), max_size=4)) if spaces else []:
        swapped[index] = data.draw(CONTROL)
    assert parse_line("".join(swapped)) == expected


# Values that reach deeper than random text: dates (possible and not), numbers of every size,
# names with look-alikes, markup, quotes, huge and empty.
HOSTILE_VALUE = st.one_of(
    st.sampled_from(
        [
            "2023",
            "2023-09",
            "2023-09-19",
            "2023-02-30",
            "2024-13-01",
            "0000",
            "99999",
            "-1",
            "0",
            "1",
            "10000",
            "10001",
            str(10**30),
            "1.5",
            "1e3",
            "٣",
            "１",
            "+2",
            "0x10",
            "Russia",
            "Rusia",
            "Rоssiya",
            "Moscow",
            "cnn",
            "ap",
            "CNN",
            "NBC News",
            "offensive",
            "ceasefire",
            "killed",
            "UTC",
            "Europe/Berlin",
            "Mars/Olympus",
            "07:00",
            "25:99",
            "yes",
            "no",
            "list",
            "add",
            "remove",
            "subscribe",
            "preview",
            "#1",
            "#0",
            "#-1",
            "#²",
            "#99999999999999999999",
            "http://127.0.0.1/feed",
            "@everyone",
            "<!channel>",
            "<@U123>",
            "**bold**",
            "[x](http://evil)",
            "%",
            "_",
            "' OR 1=1 --",
            '"',
            "'",
            "\\",
            "",
            " ",
            "🇷🇺",
            "👨\u200d👩\u200d👧",
        ]
    ),
    st.text(max_size=12),
    st.integers().map(str),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "é", "🙂", " "]), st.integers(1, 400)),
)


@st.composite
def command_lines(draw: st.DrawFn) -> str:
    """Lines aimed at the real commands: their names (or typos), their options (or near
    misses), in any spelling, with hostile values and free words."""
    command = draw(st.sampled_from(list(REGISTRY)))
    name = draw(st.sampled_from([command.name, command.name.upper(), command.name[:-1] + "x"]))
    params = [info.name for info in command.param_info()]
    parts = ["/" + name]
    for _ in range(draw(st.integers(0, 5))):
        key = draw(st.sampled_from([*params, "actr", "bogus", "page", "from", "to", "x-y"]))
        value = draw(HOSTILE_VALUE)
        parts.extend(option_tokens(key, value, draw(st.integers(0, 2))))
    actions = [choice for info in command.param_info() for choice in info.choices]
    action_first = draw(st.booleans())  # `/feeds remove #3`, `/digest subscribe …`
    if actions and action_first:
        parts.append(draw(st.sampled_from(actions)))
    parts.extend(shlex.quote(draw(HOSTILE_VALUE)) for _ in range(draw(st.integers(0, 3))))
    if draw(st.booleans()):  # sometimes not shell-quoted at all: unbalanced quotes and all
        return " ".join(part.strip("'") for part in parts)
    return " ".join(parts)


def assert_user_message(message: str) -> None:
    assert message and len(message) <= SHORT, message[:SHORT]
    assert not INTERNALS.search(message), message


@prop(400)
@given(st.one_of(command_lines(), st.text(max_size=80)))
def test_the_parse_path_raises_only_short_user_errors(line: str) -> None:
    """`parse_line` and `bind` (names, options, pydantic validation) on any line: an answer
    or one of our errors, never another exception."""
    try:
        REGISTRY.bind(parse_line(line))
    except BriefbotError as error:
        assert_user_message(error.message)


@prop(200)
@given(
    st.lists(KEY.filter(lambda k: k != "page"), max_size=4, unique=True),
    st.lists(WORD.filter(lambda w: "page" not in w.lower()), max_size=3),
    st.integers(1, 10_000),
    st.sampled_from(["page:{}", "page={}", "--page {}", "--page={}", ""]),
    st.data(),
)
def test_page_command_replaces_the_page_and_keeps_the_rest(
    keys: list[str], words: list[str], page: int, given_page: str, data: st.DataObject
) -> None:
    options = {key: data.draw(VALUE) for key in keys}
    tokens = [shlex.quote(f"{k}:{v}") for k, v in options.items()] + [shlex.quote(w) for w in words]
    if given_page:
        tokens.append(given_page.format(data.draw(st.integers(1, 99))))
    line = " ".join(["/timeline", *tokens])
    again = parse_line(page_command(line, page))
    assert again.options == {**options, "page": str(page)}
    assert again.words == words


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('/timeline actor:"Nikol Pashinyan" --page 3', "/timeline 'actor:Nikol Pashinyan' page:4"),
        ("/search source:'page: six' page=2", "/search 'source:page: six' page:4"),
        ("/actor Russia --page=9", "/actor Russia page:4"),
        ("/timeline", "/timeline page:4"),
        ('/claims "unbalanced Russia', "/claims '\"unbalanced' Russia page:4"),
    ],
)
def test_page_command_keeps_quoted_values_whole(line: str, expected: str) -> None:
    assert page_command(line, 4) == expected


# --- any line through the core ----------------------------------------------------------------


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp: Path = tmp_path_factory.mktemp("properties")
    opened = open_core(make_settings(f"sqlite:///{tmp / 'core.sqlite3'}", tmp))
    yield opened
    opened.close()


@cache
def tables(db: Database) -> MetaData:
    metadata = MetaData()
    metadata.reflect(db.engine)
    return metadata


def fingerprint(db: Database) -> dict[str, tuple[int, Any]]:
    """Row count and largest key of every table: equal means nothing stored or removed."""
    metadata = tables(db)
    with db.engine.connect() as connection:
        return {
            table.name: (
                connection.scalar(select(func.count()).select_from(table)) or 0,
                connection.scalar(select(func.max(next(iter(table.primary_key.columns)))))
                if table.primary_key.columns
                else None,
            )
            for table in metadata.sorted_tables
        }


def assert_sendable(card: Card) -> None:
    """Within every limit of both platforms, inert (no `<` in Slack text, no mention sequence
    in Discord text), and nothing unsendable."""
    slack = render_slack(card, shareable=True) + render_slack_quotes(card)
    for message in slack:
        assert slack_limit_violations(message) == []
        shown = [message["text"], *(str(o["text"]) for o in text_objects(message["blocks"]))]
        assert sum(len(text) for text in shown[1:]) <= MAX_MESSAGE_TEXT
        for text in shown:
            assert "<" not in text and not UNSENDABLE.search(text), ascii(text[:120])
    discord = render_discord(card, chart_attached=card.chart is not None)
    discord += render_discord_quotes(card)
    for payload in discord:
        assert discord_limit_violations(payload) == []
        assert payload["allowed_mentions"] == {"parse": []}
    displayed = json.dumps([{**p, "components": []} for p in discord], ensure_ascii=False)
    for live in ("@everyone", "@here", "<@", "<#", "<!", "<t:"):
        assert live not in displayed


@prop(80)
@given(command_lines(), st.booleans())
def test_any_line_answers_a_card_that_renders_and_changes_nothing_it_may_not(
    core: BotCore, line: str, admin: bool
) -> None:
    if admin and "add" in line.lower():  # `/feeds add` would fetch from the network
        admin = False
    before = fingerprint(core.db)
    card = core.ask(line, admin=admin, place=ChatPlace("slack", "C-PROP", "U-PROP"))
    if not admin:
        assert fingerprint(core.db) == before, "a user who manages nothing changed the data"
    if card.kind == CardKind.ERROR:
        assert_user_message(card.lead or "")
    assert_sendable(card)


FEED_REFERENCE = st.one_of(
    HOSTILE_VALUE,
    st.from_regex(r"#?-?[0-9²³¹٠-٩０-９]{1,25}", fullmatch=True),  # IDs, any digits, any size
)


@prop(100)
@given(FEED_REFERENCE)
def test_removing_any_feed_reference_is_an_answer_never_a_crash(core: BotCore, ref: str) -> None:
    """No feed is followed in this core, so every removal is refused, in words."""
    before = fingerprint(core.db)
    card = core.ask(f"/feeds remove {shlex.quote(ref)}", admin=True)
    assert card.kind == CardKind.ERROR
    assert_user_message(card.lead or "")
    assert fingerprint(core.db) == before


# --- the temporal resolver -------------------------------------------------------------------

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
EDGES = [date(1, 1, 1), date(1, 1, 7), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 31)]
PUBLISHED = st.one_of(st.sampled_from(EDGES), st.dates())
DATE_WORDS = [
    *WEEKDAYS, *MONTHS, "Sept.", "Jan.", "yesterday", "today", "tomorrow", "ago", "later",
    "earlier", "before", "after", "next", "last", "this", "coming", "past", "following",
    "previous", "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years",
    "decade", "decades", "the", "a", "on", "in", "since", "until", "by", "will", "was", "of",
    "two", "three", "twelve", "fifteen", "1", "7", "31", "999", "1999", "2023", "9999", "0001",
    "1990s", "2023-09-19", "9999-12-31", "0001-01-01", "2024-02-29", "2023-02-29", ",", ".",
]  # fmt: skip
SALAD = st.lists(st.sampled_from(DATE_WORDS), max_size=14).map(" ".join)


def assert_well_formed(point: TimePoint) -> None:
    """The EDTF string, the precision and the interval say the same thing."""
    assert point.start <= point.end
    if point.precision == Precision.DAY:
        if "/" in point.edtf:
            first, last = point.edtf.split("/")
            assert (first, last) == (point.start.isoformat(), point.end.isoformat())
            assert 1 <= (point.end - point.start).days <= 6  # a weekend or a week
        else:
            assert point.edtf == point.start.isoformat() and point.start == point.end
    elif point.precision == Precision.MONTH:
        assert point.edtf == f"{point.start.year:04d}-{point.start.month:02d}"
        assert point.start.day == 1 and (point.end + timedelta(days=1)).day == 1
        assert (point.start.year, point.start.month) == (point.end.year, point.end.month)
    elif point.precision == Precision.YEAR:
        assert point.edtf == f"{point.start.year:04d}"
        assert (point.start, point.end) == (
            date(point.start.year, 1, 1),
            date(point.start.year, 12, 31),
        )
    else:
        assert point.precision == Precision.DECADE
        assert point.start.year % 10 == 0 and point.end.year == point.start.year + 9
        assert point.edtf == f"{point.start.year // 10:03d}X"


@prop(300)
@given(st.lists(st.one_of(SALAD, st.text(max_size=60)), min_size=1, max_size=4), PUBLISHED)
def test_any_text_and_any_publication_date_resolve_to_well_formed_points(
    sentences: list[str], published: date
) -> None:
    """Relative dates near the ends of the calendar ("three days ago" in year 1, "next year"
    in 9999) must be dropped, not crash; a relative date resolved from the publication date
    lies no further from it than the largest count written allows (999 decades)."""
    tagger = TimeTagger(published)
    for sentence in sentences:
        for mention in tagger(analyse(sentence)):
            assert mention.text == sentence[mention.start : mention.end]
            if mention.point is None:
                continue
            assert_well_formed(mention.point)
            written = 1000 <= mention.point.start.year <= mention.point.end.year <= 2100
            # counted: at most 999 of the largest unit (decades) from its anchor
            assert written or abs(mention.point.start.year - published.year) <= 9990 + 300


SAFE_PUBLISHED = st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31))


class TemporalResolver:
    """One article's time tagger, read a sentence at a time."""

    def __init__(self, published: date | None) -> None:
        self.tagger = TimeTagger(published)

    def resolve(self, sentence: str) -> list[Timex]:
        return self.tagger(analyse(sentence))


def only_point(resolver: TemporalResolver, sentence: str) -> TimePoint:
    found = [m for m in resolver.resolve(sentence) if m.point is not None]
    assert len(found) == 1, (sentence, found)
    assert found[0].point is not None
    return found[0].point


@prop(150)
@given(SAFE_PUBLISHED, st.integers(0, 6))
def test_a_weekday_is_the_last_one_and_next_weekday_the_coming_one(
    published: date, weekday: int
) -> None:
    name = WEEKDAYS[weekday]
    past = only_point(TemporalResolver(published), f"Officials met on {name}.")
    assert past.precision == Precision.DAY and past.start.weekday() == weekday
    assert 0 <= (published - past.start).days <= 6
    coming = only_point(TemporalResolver(published), f"Officials will meet next {name}.")
    assert coming.start.weekday() == weekday
    assert 1 <= (coming.start - published).days <= 7


@prop(150)
@given(SAFE_PUBLISHED, st.integers(1, 999))
def test_days_ago_and_words_for_days_count_from_publication(published: date, days: int) -> None:
    assume(published - timedelta(days=days) >= date(1, 1, 1))
    resolver = TemporalResolver(published)
    assert only_point(resolver, f"The shelling began {days} days ago.").start == published - (
        timedelta(days=days)
    )
    for word, offset in (("yesterday", -1), ("today", 0), ("tomorrow", 1)):
        point = only_point(TemporalResolver(published), f"Talks resume {word}.")
        assert point.start == published + timedelta(days=offset)


# The resolver reads years 1800 to 2100 as years (news is about the last two centuries; a
# four-digit number outside them is a count, a code or an address).
NEWS_DAYS = st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))


@prop(100)
@given(
    NEWS_DAYS,
    st.none() | SAFE_PUBLISHED,
    st.sampled_from(["{month} {day}, {year}", "{day} {month} {year}", "{iso}"]),
)
def test_a_written_out_date_resolves_to_itself(
    written: date, published: date | None, style: str
) -> None:
    text = style.format(
        month=MONTHS[written.month - 1], day=written.day, year=written.year, iso=written
    )
    point = only_point(TemporalResolver(published), f"The agreement was signed on {text}.")
    assert (point.precision, point.start, point.end) == (Precision.DAY, written, written)


@prop(150)
@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 1)),
    st.integers(1, 12),
    SAFE_PUBLISHED,
)
def test_days_later_counts_from_the_date_before(start: date, later: int, published: date) -> None:
    resolver = TemporalResolver(published)
    first = only_point(resolver, f"Talks began on {start.isoformat()}.")
    assert first.start == start
    words = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    count = words[later] if later < len(words) else str(later)
    second = only_point(resolver, f"{count.capitalize()} days later, they ended.")
    assert second.start == start + timedelta(days=later)


# --- the renderers on any Unicode -------------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
LONG_TEXT = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(50, 900))
TEXT = st.one_of(ANY_TEXT, ANY_TEXT, LONG_TEXT)
CITATION = st.builds(
    Citation,
    article_id=ANY_TEXT,
    outlet=TEXT,
    sentence_index=st.integers(0, 10**6),
    start=st.just(0),
    end=st.just(1),
    sentence=TEXT,
    caption=st.booleans(),
)
ITEM = st.builds(
    CardItem,
    text=TEXT,
    date=st.none() | ANY_TEXT,
    detail=st.none() | TEXT,
    citations=st.lists(CITATION, max_size=3),
)


@st.composite
def unicode_cards(draw: st.DrawFn) -> Card:
    pages = draw(st.integers(1, 50))
    return Card(
        kind=draw(st.sampled_from(CardKind)),
        title=draw(TEXT),
        lead=draw(st.none() | TEXT),
        fields=draw(st.lists(st.builds(CardField, name=ANY_TEXT, value=TEXT), max_size=4)),
        sections=draw(
            st.lists(
                st.builds(
                    CardSection,
                    title=TEXT,
                    items=st.lists(ITEM, max_size=5),
                    empty_text=st.none() | TEXT,
                ),
                max_size=3,
            )
        ),
        footer=draw(st.none() | TEXT),
        command=draw(st.one_of(ANY_TEXT, ANY_TEXT.map(lambda s: "/timeline actor:" + s))),
        page=draw(st.integers(1, pages)),
        pages=pages,
        suggestions=draw(st.lists(ANY_TEXT, max_size=3)),
    )


def strings(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every string in a payload, except under the keys in `skip`."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from strings(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, skip)


def renderings(card: Card) -> list[list[dict[str, Any]]]:
    return [
        render_slack(card, shareable=True),
        render_slack_quotes(card),
        render_discord(card, chart_attached=True),
        render_discord_quotes(card),
    ]


@prop(150)
@given(unicode_cards())
def test_any_unicode_renders_the_same_every_time_as_valid_utf8_without_changing_the_card(
    card: Card,
) -> None:
    before = card.model_dump()
    first = renderings(card)
    assert card.model_dump() == before, "rendering changed the card"
    assert renderings(card) == first, "the same card rendered differently"
    slack, slack_quotes, discord, discord_quotes = first
    for message in slack + slack_quotes:
        assert slack_limit_violations(message) == []
    for payload in discord + discord_quotes:
        assert discord_limit_violations(payload) == []
    for payloads in first:
        json.dumps(payloads, ensure_ascii=False).encode("utf-8")  # strict: no lone surrogate
        # Button ids and values are state the client never shows; everything else is shown.
        for text in strings(payloads, frozenset({"custom_id", "value", "action_id"})):
            assert not UNSENDABLE.search(text), ascii(text[:120])
