"""Article text is data in Slack: escaping, cleaning and visible shortening."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack.escape import (
    ELLIPSIS,
    escape_mrkdwn,
    escape_plain,
    fit_mrkdwn,
    fit_plain,
    inline,
    split_mrkdwn,
    units,
)

INJECTION = "<!everyone> *bold* <@U123> <http://x|click> ~strike~ `code` > quote & co"
FORMATTING = set("*_~`<>")


def test_injection_renders_inert() -> None:
    assert escape_mrkdwn(INJECTION) == (
        "&lt;!everyone&gt; ∗bold∗ &lt;@U123&gt; &lt;http://x|click&gt; ∼strike∼ ˋcodeˋ "
        "&gt; quote &amp; co"
    )


def test_every_special_token_is_broken() -> None:
    for token in ("<!here>", "<!channel>", "<#C1>", "<!subteam^S1>", "<!date^1|x>", "_it_"):
        escaped = escape_mrkdwn(token)
        assert not FORMATTING & set(escaped), escaped


def test_leading_quote_marker_becomes_a_look_alike_on_every_line() -> None:
    escaped = escape_mrkdwn("> one\n  >>> two\r\nthree > four\u2028> five")
    lines = escaped.split("\n")
    assert lines == ["˃ one", "  ˃˃˃ two", "three &gt; four", "˃ five"]
    assert escape_mrkdwn("\u200b> six\n\u00a0>seven") == "\u200b˃ six\n\u00a0˃seven"


def test_entities_in_data_stay_literal() -> None:
    # "&lt;!here&gt;" typed in an article must not turn into "<!here>" in Slack.
    assert escape_mrkdwn("&lt;!here&gt;") == "&amp;lt;!here&amp;gt;"


def test_control_characters_and_overrides_are_dropped() -> None:
    assert inline("a\x00b\x07c\u202ed\ud800e\tf\n\ng\x0ch") == "abcde f g h"
    assert escape_mrkdwn("a\x00\n>b") == "a\n˃b"


def test_plain_text_keeps_ampersands_and_breaks_angle_brackets() -> None:
    assert escape_plain("R&D <!everyone> > x") == "R&D ‹!everyone> > x"


def test_units_count_utf16() -> None:
    assert units("abc") == 3
    assert units("😀") == 2


def test_fit_shortens_visibly_without_cutting_an_entity() -> None:
    text = "a&b " * 100
    fitted = fit_mrkdwn(text, 50)
    assert units(fitted) <= 50
    assert fitted.endswith(ELLIPSIS)
    assert escape_mrkdwn(inline(text)).startswith(fitted[:-1])
    assert "&am" + ELLIPSIS not in fitted and not fitted[:-1].endswith(("&", "&a", "&amp"))


def test_fit_leaves_short_text_alone() -> None:
    assert fit_mrkdwn("  two\nlines  ", 100) == "two lines"
    assert fit_plain("A < B", 100) == "A ‹ B"
    assert fit_mrkdwn(None, 10) == ""


def test_split_keeps_the_whole_text_in_pieces() -> None:
    text = " ".join(f"word{n}" for n in range(400))
    pieces = split_mrkdwn(text, 100, max_pieces=100)
    assert all(units(piece) <= 100 for piece in pieces)
    assert " ".join(pieces) == text


def test_split_ends_in_an_ellipsis_when_out_of_pieces() -> None:
    pieces = split_mrkdwn("x" * 1000, 100, max_pieces=3)
    assert len(pieces) == 3
    assert pieces[-1].endswith(ELLIPSIS)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=5, max_value=400))
def test_escaped_text_never_formats_and_fits(text: str, limit: int) -> None:
    for escaped in (escape_mrkdwn(text), fit_mrkdwn(text, limit)):
        assert not FORMATTING & set(escaped)
        assert "\x00" not in escaped
    fitted = fit_mrkdwn(text, limit)
    assert units(fitted) <= limit
    full = escape_mrkdwn(inline(text))
    assert fitted == full or (fitted.endswith(ELLIPSIS) and full.startswith(fitted[:-1]))
    for piece in split_mrkdwn(text, limit, max_pieces=4):
        assert units(piece) <= limit
        assert not FORMATTING & set(piece)
