"""Article text reaches Discord inert (no formatting, no links, no pings), and the limit checker
names every payload Discord would refuse."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.discord.escape import (
    ZWSP,
    discord_length,
    escape_discord,
    one_line,
    plain_discord,
    shorten,
    split_escaped,
)
from bot.discord.limits import discord_limit_violations

ESCAPABLE = set("\\*_~`|[]#>-+.")
INLINE_MARKDOWN = set("*_~`|[]")
BLOCK_START = re.compile(r"[#>+\-]|\d+\.")
MENTION_SEQUENCES = ("@everyone", "@here", "<@", "<#", "</", "<t:", "<:", "<a:")


def assert_inert(escaped: str) -> None:
    """No markdown can form in `escaped` and no mention can ping: every markdown character is
    backslash-escaped, every block marker at a line start escaped, every `@`/`<` split."""
    index = 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            assert escaped[index + 1 : index + 2] in ESCAPABLE, escaped
            index += 2
            continue
        assert char not in INLINE_MARKDOWN, escaped
        if char in "@<":
            assert escaped[index + 1 : index + 2] == ZWSP, escaped
        index += 1
    for line in escaped.split("\n"):
        assert not BLOCK_START.match(line.lstrip(" ")), line
    for sequence in MENTION_SEQUENCES:
        assert sequence not in escaped


def unescape(escaped: str) -> str:
    """What Discord shows for an escaped text (backslash escapes and mention breaks removed)."""
    out: list[str] = []
    index = 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            out.append(escaped[index + 1])
            index += 2
            continue
        if not (char == ZWSP and out and out[-1] in "@<"):
            out.append(char)
        index += 1
    return "".join(out)


INJECTION = "@everyone **bold** <@&123> [click](http://x) ||spoiler||"


def test_the_injection_example_is_inert_and_reads_as_written() -> None:
    escaped = escape_discord(INJECTION)
    assert escaped == (
        f"@{ZWSP}everyone \\*\\*bold\\*\\* <{ZWSP}@{ZWSP}&123> "
        "\\[click\\](http://x) \\|\\|spoiler\\|\\|"
    )
    assert_inert(escaped)
    assert unescape(escaped) == INJECTION


@pytest.mark.parametrize(
    "text",
    [
        "@everyone",
        "@here",
        "<@123>",
        "<@!123>",
        "<@&123>",
        "<#123>",
        "</timeline:1>",
        "<t:1700000000:R>",
        "<:party:123>",
        "<a:party:123>",
        "mail me at a@b.example",
        f"<{ZWSP}@123> already split",
    ],
)
def test_mentions_and_timestamps_cannot_form(text: str) -> None:
    escaped = escape_discord(text)
    assert_inert(escaped)
    assert plain_discord(text).count(ZWSP) >= text.count("@") + text.count("<")
    for sequence in MENTION_SEQUENCES:
        assert sequence not in plain_discord(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading", "\\# Heading"),
        ("### h3", "\\### h3"),
        ("-# subtext", "\\-# subtext"),
        ("> quote", "\\> quote"),
        (">>> all quoted", "\\>>> all quoted"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("  - nested", "  \\- nested"),
        ("1. first", "1\\. first"),
        ("one\n# two\n> three", "one\n\\# two\n\\> three"),
        ("a > b - c # d 1. e", "a > b - c # d 1. e"),
        ("`code` ```block```", "\\`code\\` \\`\\`\\`block\\`\\`\\`"),
        ("~~strike~~ __under__ _it_", "\\~\\~strike\\~\\~ \\_\\_under\\_\\_ \\_it\\_"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_is_escaped(text: str, expected: str) -> None:
    assert escape_discord(text) == expected
    assert_inert(expected)


def test_control_characters_and_bidi_overrides_are_dropped_line_breaks_normalised() -> None:
    text = "a\x00b\x07c\u202ed\r\ne\rf\tg\u2028h\x85i\ufeff"
    assert escape_discord(text) == "abcd\ne\nf g\nh\ni"
    assert plain_discord(text) == "abcd\ne\nf g\nh\ni"


def test_plain_text_keeps_markdown_characters_but_breaks_mentions() -> None:
    assert plain_discord("@here *x* <#1>") == f"@{ZWSP}here *x* <{ZWSP}#1>"


def test_one_line_collapses_all_whitespace() -> None:
    assert one_line("  a\n\n b\t c  ") == "a b c"


def test_length_counts_utf16_units() -> None:
    assert discord_length("abc") == 3
    assert discord_length("😀") == 2
    assert discord_length("é…") == 2


PRINTABLE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("*_~`|[]()<>@#-+.:/\\!&0123456789 \n")),
        st.characters(exclude_categories=["C", "Z"]),
    ),
    max_size=200,
)


@given(PRINTABLE)
def test_escaped_text_is_inert_and_reads_as_written(text: str) -> None:
    escaped = escape_discord(text)
    assert_inert(escaped)
    assert unescape(escaped) == text


@given(st.text(max_size=300))
def test_any_text_escapes_inert(text: str) -> None:
    assert_inert(escape_discord(text))
    for sequence in MENTION_SEQUENCES:
        assert sequence not in plain_discord(text)


@given(PRINTABLE, st.integers(min_value=2, max_value=120))
def test_shorten_cuts_visibly_and_never_inside_an_escape(text: str, limit: int) -> None:
    escaped = escape_discord(text)
    short = shorten(escaped, limit)
    assert discord_length(short) <= limit
    if discord_length(escaped) <= limit:
        assert short == escaped
    else:
        assert short.endswith("…")
        kept = short[:-1]
        assert escaped.startswith(kept)
        assert_inert(kept)


@given(PRINTABLE, st.integers(min_value=2, max_value=60))
def test_split_keeps_everything_in_pieces_that_fit(text: str, size: int) -> None:
    escaped = escape_discord(text)
    pieces = split_escaped(escaped, size)
    assert "".join(pieces) == escaped
    for index, piece in enumerate(pieces):
        assert discord_length(piece) <= size
        assert_inert("…" + piece if index else piece)  # continuations are shown after "…"


# --- the limit checker ----------------------------------------------------------------------


def payload(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "content": "",
        "embeds": [{"title": "t", "description": "d", "footer": {"text": "f"}}],
        "components": [],
        "allowed_mentions": {"parse": []},
    }
    base.update(overrides)
    return base


def button(custom_id: str = "bb1:page:2:/timeline", label: str = "Next") -> dict[str, Any]:
    return {"type": 2, "style": 2, "label": label, "custom_id": custom_id}


def test_a_payload_within_all_limits_passes() -> None:
    fields = [{"name": "n", "value": "v" * 100} for _ in range(25)]
    rows = [{"type": 1, "components": [button(f"id{r}{b}") for b in range(5)]} for r in range(5)]
    full = payload(
        content="c" * 2000,
        embeds=[{"title": "t" * 256, "description": "d" * 3000, "fields": fields}],
        components=rows,
    )
    assert discord_limit_violations(full) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"content": "x" * 2001}, "content is 2001"),
        ({"embeds": [{"title": "x" * 257}]}, "title is 257"),
        ({"embeds": [{"description": "x" * 4097}]}, "description is 4097"),
        ({"embeds": [{"description": "😀" * 2049}]}, "description is 4098"),
        ({"embeds": [{"footer": {"text": "x" * 2049}}]}, "footer is 2049"),
        ({"embeds": [{"author": {"name": "x" * 257}}]}, "author name is 257"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, "26 fields"),
        ({"embeds": [{"fields": [{"name": "x" * 257, "value": "v"}]}]}, "name is 257"),
        ({"embeds": [{"fields": [{"name": "n", "value": "x" * 1025}]}]}, "value is 1025"),
        ({"embeds": [{"fields": [{"name": "", "value": "v"}]}]}, "name is empty"),
        ({"embeds": [{"fields": [{"name": "n", "value": " "}]}]}, "value is empty"),
        ({"embeds": [{"description": "x" * 3001}] * 2}, "total 6002"),
        (
            {
                "embeds": [
                    {"title": "x" * 256, "description": "y" * 4096, "footer": {"text": "z" * 1649}}
                ]
            },
            "total 6001",
        ),
        ({"embeds": [{"description": "x"}] * 11}, "11 embeds"),
        ({"embeds": [{}]}, "embed 1 is empty"),
        ({"embeds": []}, "message is empty"),
        ({"allowed_mentions": {"parse": ["everyone"]}}, "allowed_mentions"),
        ({"allowed_mentions": None}, "allowed_mentions"),
        (
            {"components": [{"type": 1, "components": [button(f"{i}")]} for i in range(6)]},
            "6 action rows",
        ),
        (
            {"components": [{"type": 1, "components": [button(f"{i}") for i in range(6)]}]},
            "6 components",
        ),
        ({"components": [{"type": 1, "components": [button(label="x" * 81)]}]}, "label is 81"),
        ({"components": [{"type": 1, "components": [button("x" * 101)]}]}, "custom_id must be"),
        ({"components": [{"type": 1, "components": [button("")]}]}, "custom_id must be"),
        ({"components": [{"type": 1, "components": [button(), button()]}]}, "used twice"),
        ({"components": [{"type": 1, "components": []}]}, "row 1 is empty"),
        ({"components": [button()]}, "not an action row"),
        ({"components": [{"type": 1, "components": [{"type": 99}]}]}, "unknown type"),
        ({"embeds": ["nope"]}, "not an object"),
        ({"content": 5}, "content is not a string"),
    ],
)
def test_each_broken_limit_is_named(change: dict[str, Any], expected: str) -> None:
    violations = discord_limit_violations(payload(**change))
    assert any(expected in violation for violation in violations), violations


def test_link_buttons_need_a_url_not_a_custom_id() -> None:
    link = {"type": 2, "style": 5, "label": "Open", "url": "https://example.org"}
    assert discord_limit_violations(payload(components=[{"type": 1, "components": [link]}])) == []
    del link["url"]
    assert discord_limit_violations(payload(components=[{"type": 1, "components": [link]}]))
