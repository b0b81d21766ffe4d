"""One sentence, analysed once: tokens with offsets, quotes, clauses, names, numbers — and the
layers the extractors add (times, actors, cues).

Every extractor reads this instead of rescanning the raw sentence with patterns of its own
(the shape spaCy's `Doc` gives a pipeline). Offsets are character offsets into the sentence
text; the sentence's own `start` places them in the article text. Data classes only: the
analysis is built by `briefings.extract.analyse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from briefings.extract.time.model import Timex


# An Arabic name's article written in lower case before a capital ("al-Sour", "el-Sisi",
# "bin-Salman"): the word is still part of a name.
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu)-[^\W\d_]")


# "Oslo-based", "Moscow-headquartered": where a body or person sits, never their name
LOCATED_SUFFIXES = ("-based", "-headquartered")


def capitalised(text: str) -> bool:
    """Starts as a name's word does: a capital, or "al-Sour" (an article, then a capital)."""
    first = text[:1]
    if first.isupper():
        return True
    if not first or first not in "aebi" or "-" not in text or _PARTICLE_NAME.match(text) is None:
        return False
    return text[text.index("-") + 1].isupper()


class Token(NamedTuple):
    """A word, number or punctuation mark. `norm` is the lookup form: lower case, curly
    apostrophes straightened. (Tuples: a sentence makes dozens, and tuples are built and
    read faster than any class.)"""

    i: int
    start: int
    end: int
    text: str
    norm: str
    kind: str  # word | num | punct | quote

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_title(self) -> bool:
        """Starts with a capital letter (a name, a sentence opener, an acronym)."""
        text = self.text
        return self.kind == "word" and (text[:1].isupper() or ("-" in text and capitalised(text)))

    @property
    def is_upper(self) -> bool:
        return self.kind == "word" and self.text.isupper() and len(self.text) > 1


class Span(NamedTuple):
    """Tokens `start` to `end` (exclusive) and the characters they cover."""

    start: int
    end: int
    char_start: int
    char_end: int

    def holds(self, char: int) -> bool:
        """Whether character `char` lies in the span."""
        return self.char_start <= char < self.char_end


class Quote(NamedTuple):
    """Quoted words: the content between the marks, and the marks' extent (`outer`). A quote
    left open runs to the end of the sentence; one closed without opening began before it."""

    char_start: int
    char_end: int
    outer_start: int
    outer_end: int
    opened: bool  # the opening mark is in this sentence
    closed: bool  # the closing mark is in this sentence


class Number(NamedTuple):
    """A count written in digits or words, with the value it stands for."""

    span: Span
    text: str
    value: float


@dataclass
class SentenceAnalysis:
    """The shared analysis of one sentence; components add their layers in pipeline order."""

    text: str
    tokens: list[Token]
    quotes: list[Quote] = field(default_factory=list)
    clauses: list[Span] = field(default_factory=list)
    names: list[Span] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    layers: dict[str, Any] = field(default_factory=dict)  # named layers of later components

    def span_text(self, span: Span) -> str:
        return self.text[span.char_start : span.char_end]

    def token_at(self, char: int) -> Token | None:
        """The token covering character `char` (binary search)."""
        tokens = self.tokens
        lo, hi = 0, len(tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if tokens[mid].end <= char:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(tokens) and tokens[lo].start <= char:
            return tokens[lo]
        return None

    def clause_of(self, char: int) -> Span:
        """The clause holding character `char` (the whole sentence when there is none)."""
        for clause in self.clauses:
            if clause.char_start <= char < clause.char_end:
                return clause
        return Span(0, len(self.tokens), 0, len(self.text))

    def in_quote(self, char: int) -> Quote | None:
        for quote in self.quotes:
            if quote.char_start <= char < quote.char_end:
                return quote
        return None
