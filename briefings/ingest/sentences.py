"""A fast, regex-driven sentence splitter for news prose.

One regular expression proposes every place a sentence could end (a run of `.`, `!`, `?` or
`…`, any closing quotes or brackets, then whitespace); a few cheap checks on the word before
and the word after reject the false ends news text is full of: titles and ranks ("Gen."),
months ("Sept. 13"), initials ("Joe R. Biden"), acronyms ("U.S. troops"), clock times
("1 p.m. (local time)") and ellipses inside a quotation ("weapons... preparing"). Decimals
never match because a boundary needs whitespace after the stop. The word lists live in
`briefings/data/abbreviations.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefings.ingest._data import load_data, string_list

Span = tuple[int, int]

_BOUNDARY = re.compile(r"(?:[.!?]+|…)[\"'”’)\]»]*\s+")
_OPENERS = "\"'“‘([«"
_INITIAL = re.compile(r"[A-HJ-Z]\.")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
_HAS_WORD = re.compile(r"[^\W_]")
_QUOTE_CLOSERS = frozenset("\"”’'»")
# After a quotation: its speaker and a reporting verb ("Trump said", "she asked", "the
# minister told reporters") continue the sentence the quotation belongs to.
_ATTRIBUTION_AFTER = re.compile(
    r"(?:(?:he|she|they|we|I|it)|(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,4}?)\s*"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|tweeted|replied|replies|"
    r"shouted|declared|insisted|warned|argued|explained|continued|recalled|noted)\b"
)


# '“He scares me.” ― Krystal Correa': the dash and name that sign a quotation end its sentence
_SIGNATURE = re.compile(r"[―—–-]{1,2}\s*[A-Z][\w.'’ -]{1,60}$")


@dataclass(frozen=True)
class _Lexicon:
    never_final: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_data("abbreviations.yaml")
    return _Lexicon(
        never_final=frozenset(string_list(data, "never_final")),
        may_end=frozenset(string_list(data, "may_end")),
        starters=frozenset(string_list(data, "sentence_starters")),
    )


def _is_boundary(text: str, match: re.Match[str], lexicon: _Lexicon) -> bool:
    start, end = match.span()
    # What follows: skip opening quotes and brackets to the first real character.
    following = end
    while following < len(text) and text[following] in _OPENERS:
        following += 1
    if following >= len(text):
        return True
    first = text[following]
    if first.islower():
        return False  # "weapons... preparing", "1 p.m. (local time) on", "U.S. military"
    if first in "―—–-" and text[start:end].rstrip()[-1:] in _QUOTE_CLOSERS:
        return _SIGNATURE.match(text, following) is None
    stop = text[start]
    if stop != ".":
        # ? ! and … before a capital or a digit — unless a quotation's end is followed by
        # who said it ("…?” Trump said), which belongs to the quote's sentence
        closed = text[start:end].rstrip()[-1:] in _QUOTE_CLOSERS
        return not (closed and _ATTRIBUTION_AFTER.match(text, following))
    # The word the period belongs to, without opening punctuation.
    word_start = text.rfind(" ", 0, start) + 1
    word = text[word_start : start + 1].lstrip(_OPENERS)
    if match.group().startswith("..."):
        return True  # an ellipsis before a capital: a trailing-off end
    bare = word[:-1]
    if bare in lexicon.never_final or bare.rpartition("-")[2] in lexicon.never_final:
        return False  # "Gen.", and "then-Sen." too
    if _INITIAL.fullmatch(word):
        return False  # "Joe R. Biden"; "I." is left to end sentences ("World War I.")
    if bare in lexicon.may_end or _DOTTED.fullmatch(word):
        next_end = following
        while next_end < len(text) and (text[next_end].isalnum() or text[next_end] in "'’"):
            next_end += 1
        return text[following:next_end] in lexicon.starters
    return True


def split_sentences(text: str) -> list[Span]:
    """Spans (start, end) of the sentences of one paragraph, trimmed of surrounding spaces.

    Spans never overlap, follow the text in order, and every one contains a letter or digit;
    stretches between them are only whitespace or stray punctuation.
    """
    lexicon = _lexicon()
    spans: list[Span] = []
    begin = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match, lexicon):
            cut = match.end()
            _add_span(text, begin, cut, spans)
            begin = cut
    _add_span(text, begin, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if _HAS_WORD.search(text, start, end) is None:
        if spans:  # a stray "…" or "—" joins the sentence before it
            spans[-1] = (spans[-1][0], end)
        return
    spans.append((start, end))
