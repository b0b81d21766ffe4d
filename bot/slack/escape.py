"""Article text is data: make it inert in Slack mrkdwn, tidy in plain_text, and shorten it
visibly rather than silently.

Slack parses `&`, `<` and `>` in mrkdwn (`<!everyone>`, `<@U123>`, `<#C1>`, `<http://x|y>`), and
formats `*bold*`, `_italic_`, `~strike~`, `` `code` `` and a line that starts with `>` (a quote).
The three control characters become the HTML entities Slack documents (`&amp;`, `&lt;`,
`&gt;`). Slack has no backslash escape, so the formatting characters become look-alikes that
are not formatting characters: ∗ ˍ ∼ ˋ, and ˃ for a `>` opening a line (even after spaces or
zero-width characters). A zero-width space next to the character was the other candidate, but
whether it stops formatting is undocumented — users report the opposite trick, zero-width
spaces around `*…*` to bold part of a word — while a character that is not a formatting
character cannot format on any client. The cost, `*` in article text shown as `∗`, is small.

plain_text (headers, button labels) is not parsed for mentions, links or formatting, so Slack
needs no entities there (they could show literally); `<` alone becomes `‹` so that no `<` from
the data reaches Slack at all, even in a field a later change turns into mrkdwn.

Not touched: `:emoji:` shortcodes (harmless), and bare `@here` / URLs, which only become
mentions or links through Slack's automatic parsing; every mrkdwn object the renderer builds
sets `verbatim: true`, which turns that parsing off.

Control characters (NUL included), lone surrogates and bidirectional overrides are dropped:
Slack may reject the first two, and an override in article text could visually reorder our
citation markers. Lengths are counted in UTF-16 code units (`units`), never less than the
code-point count slack_sdk checks, so a text that fits here fits every limit we know of.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ELLIPSIS = "…"

# `&` first, so that the entities written for `<` and `>` are not escaped again.
_MRKDWN = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ("*", "\u2217"),  # ∗ ASTERISK OPERATOR
    ("_", "\u02cd"),  # ˍ MODIFIER LETTER LOW MACRON
    ("~", "\u223c"),  # ∼ TILDE OPERATOR
    ("`", "\u02cb"),  # ˋ MODIFIER LETTER GRAVE ACCENT
)
_QUOTE_LOOKALIKE = "\u02c3"  # ˃ MODIFIER LETTER RIGHT ARROWHEAD
_LEADING_QUOTE = re.compile(r"^((?:[^\S\n]|[\u200b-\u200d\u2060\ufeff])*)(>+)", re.MULTILINE)
_PLAIN_LT = "\u2039"  # ‹ SINGLE LEFT-POINTING ANGLE QUOTATION MARK
# Everything a client might draw as a line break becomes "\n", so that the leading-`>` rule
# sees every line start.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
_UNCLEAN = re.compile(f"{_LINE_BREAKS.pattern}|{_DROPPED.pattern}")


def units(text: str) -> int:
    """Length as limits counted in JavaScript strings may count it: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def clean(text: str) -> str:
    """The text with line breaks as `\\n`, tabs kept, and other control characters, lone
    surrogates and bidirectional overrides removed."""
    if text.isprintable() or not _UNCLEAN.search(text):  # the common case: nothing to do
        return text
    return _DROPPED.sub("", _LINE_BREAKS.sub("\n", text))


def inline(text: str | None) -> str:
    """One tidy line: `clean`, then every run of whitespace (line breaks included) as one space."""
    if not text:
        return ""
    return " ".join(clean(text).split())


def _escape(text: str) -> str:
    """`escape_mrkdwn` for text that is clean already."""
    if ">" in text:
        text = _LEADING_QUOTE.sub(
            lambda match: match.group(1) + _QUOTE_LOOKALIKE * len(match.group(2)), text
        )
    for char, replacement in _MRKDWN:
        if char in text:
            text = text.replace(char, replacement)
    return text


def escape_mrkdwn(text: str) -> str:
    """`text` as inert mrkdwn: no mention, link, bold, italic, strike, code or quote can form.

    Line structure is kept; our own formatting is added around the result.
    """
    return _escape(clean(text))


def escape_line(text: str | None) -> str:
    """`text` as one inert mrkdwn line (`inline`, then `escape_mrkdwn`), never shortened."""
    return _escape(inline(text))


def escape_plain(text: str) -> str:
    """`text` for a plain_text object: Slack needs no entities there, so only `<` becomes a
    look-alike (see the module docstring)."""
    return clean(text).replace("<", _PLAIN_LT)


def _prefix_length(text: str, limit: int, escape: Callable[[str], str]) -> int:
    """The longest prefix of `text` whose escaped form fits `limit` units. Escaping maps a
    prefix of the text to a prefix of the result, so a binary search finds it."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if units(escape(text[:middle])) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _fit(text: str, limit: int, escape: Callable[[str], str]) -> str:
    # Every character is at least one unit, so only the first `limit + 1` can matter.
    if len(text) <= limit:
        full = escape(text)
        if units(full) <= limit:
            return full
    kept = text[: _prefix_length(text[: limit + 1], limit - 1, escape)]
    return escape(kept).rstrip() + ELLIPSIS


def fit_mrkdwn(text: str | None, limit: int) -> str:
    """`text` as one inert mrkdwn line of at most `limit` units, ending in "…" when shortened."""
    return _fit(inline(text), limit, _escape)


def fit_plain(text: str | None, limit: int) -> str:
    """`text` as one plain_text line of at most `limit` units, ending in "…" when shortened."""
    return _fit(inline(text), limit, escape_plain)


def split_mrkdwn(text: str | None, limit: int, *, max_pieces: int) -> list[str]:
    """`text` as at most `max_pieces` inert mrkdwn lines of at most `limit` units each, cut at a
    space where one is near, the last ending in "…" if even that is not enough: for a quote
    that must be shown whole when it is longer than one element, but not without end."""
    rest = inline(text)
    pieces: list[str] = []
    while rest:
        if len(pieces) == max_pieces - 1:
            pieces.append(_fit(rest, limit, _escape))
            break
        taken = _prefix_length(rest[: limit + 1], limit, _escape)
        if taken == len(rest):
            pieces.append(_escape(rest))
            break
        taken = max(1, taken)
        space = rest.rfind(" ", 0, taken + 1)
        if space > taken // 2:
            taken = space
        pieces.append(_escape(rest[:taken].rstrip()))
        rest = rest[taken:].lstrip()
    return pieces
