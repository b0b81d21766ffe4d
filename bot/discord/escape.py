"""Article text is data: make it render literally in Discord, and shorten it without breaking
an escape.

Everything a card carries comes from articles and users, so before it reaches Discord its
markdown must not format, its links must not mask, and its mentions must not ping. Our own
formatting (bold dates, quote bars) is added after escaping.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"  # zero-width space: splits `@everyone`, `<@123>` without a visible trace
ELLIPSIS = "…"

# Control characters that Discord shows as boxes or uses to reorder text (bidi overrides can
# make a quote read differently from what was said); line breaks are normalised to "\n".
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029\x85]")

# Inline markdown (bold, italics, underline, strike, code, spoiler, masked links) is escaped
# wherever it appears; `@` and `<` get a zero-width space so no mention, channel, role,
# slash-command or timestamp syntax can form. (Chained `str.replace` is several times faster
# than `str.translate` with a mapping, which matters for 50 KB texts.)
_INLINE_MARKS = "*_~`|[]"


def _break_mentions(text: str) -> str:
    return text.replace("@", "@" + ZWSP).replace("<", "<" + ZWSP)


def _escape_inline(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for mark in _INLINE_MARKS:
        if mark in text:
            text = text.replace(mark, "\\" + mark)
    return _break_mentions(text)


# Block markdown only counts at the start of a line: headings, subtext (`-#`), quotes, lists.
_LINE_START = re.compile(r"(?m)^([ \t]*)([#>+\-]|\d+\.)")


def _clean(text: str) -> str:
    if text.isprintable():  # no controls, line breaks or format characters: the usual case
        return text
    text = _LINE_BREAK.sub("\n", text).replace("\t", " ")
    return _CONTROL.sub("", text)


def escape_discord(text: str) -> str:
    """`text` as inert Discord markdown: it renders as written and pings nobody.

    The start of `text` is treated as a line start, so the result is safe wherever it is put.
    """
    escaped = _escape_inline(_clean(text))
    if "\n" not in escaped and not _LINE_START.match(escaped):
        return escaped
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[-1] == ".":
        return f"{indent}{marker[:-1]}\\."
    return f"{indent}\\{marker}"


def plain_discord(text: str) -> str:
    """Text for places Discord shows literally (footers): no markdown there, so no backslashes,
    but mentions are still broken and control characters dropped."""
    return _break_mentions(_clean(text))


def one_line(text: str) -> str:
    """All whitespace runs (line breaks included) as single spaces: one item, one line."""
    return " ".join(_clean(text).split())


def discord_length(text: str) -> int:
    """Length as counted against Discord's limits, in UTF-16 code units.

    That is never less than the code-point count, so a text within it is within the limit
    whichever way Discord counts (an emoji outside the BMP counts twice here).
    """
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _prefix_within(text: str, units: int) -> str:
    """The longest prefix of `text` that is at most `units` long."""
    if units <= 0:
        return ""
    head = text[:units]
    if discord_length(head) <= units:
        return head
    low, high = 0, len(head)
    while low < high:
        middle = (low + high + 1) // 2
        if discord_length(head[:middle]) <= units:
            low = middle
        else:
            high = middle - 1
    return head[:low]


def _safe_end(text: str) -> str:
    """Drop a dangling escape character, so a cut never escapes what follows it, and an `@` or
    `<` whose zero-width space was cut off, so none can meet what follows it."""
    if text.endswith(("@", "<")):
        text = text[:-1]
    trailing = len(text) - len(text.rstrip("\\"))
    return text[:-1] if trailing % 2 else text


def shorten(escaped: str, limit: int) -> str:
    """`escaped` cut to `limit` with a visible "…" — only when it is longer than `limit`."""
    if discord_length(escaped) <= limit:
        return escaped
    if limit < 1:
        return ""
    return _safe_end(_prefix_within(escaped, limit - 1)).rstrip() + ELLIPSIS


def split_escaped(escaped: str, size: int) -> list[str]:
    """`escaped` in pieces of at most `size`, cut at a space where one is near, never inside an
    escape; joined together they give back `escaped` exactly."""
    pieces: list[str] = []
    rest = escaped
    while discord_length(rest) > size:
        piece = _prefix_within(rest, size)
        space = piece.rfind(" ")
        if space > len(piece) // 2:
            piece = piece[: space + 1]
        piece = _safe_end(piece)
        if not piece:  # `size` < 2 cannot hold an escape pair; take what fits as is
            piece = rest[: max(size, 1)]
        pieces.append(piece)
        rest = rest[len(piece) :]
    pieces.append(rest)
    return pieces
