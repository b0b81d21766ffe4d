"""One sentence as the claim finder reads it: the shared analysis plus what attribution
needs to know of each token (inside a quote? inside a time expression? part of an actor
mention?), computed once per sentence from the analysis layers, never from the raw text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.extract.actors import ActorMention
from briefings.extract.analysis import SentenceAnalysis, Token, capitalised
from briefings.extract.claims.vocabulary import AttributionVocabulary


@dataclass
class SentenceView:
    """Tokens of one sentence with per-token flags; `offset` places it in the article."""

    analysis: SentenceAnalysis
    mentions: list[ActorMention]
    vocabulary: AttributionVocabulary
    offset: int
    starts_in_quote: bool = False  # the sentence opens inside a quote begun earlier
    tokens: list[Token] = field(init=False)
    text: str = field(init=False)
    n: int = field(init=False)  # the number of tokens
    norms: list[str] = field(init=False)
    words: list[bool] = field(init=False)  # a word or a number
    titles: list[bool] = field(init=False)  # a word starting with a capital
    quoted: list[bool] = field(init=False)
    timed: list[bool] = field(init=False)
    mention_at: dict[int, ActorMention] = field(init=False)  # token index → mention

    def __post_init__(self) -> None:
        tokens = self.analysis.tokens
        self.tokens = tokens
        self.text = self.analysis.text
        self.n = len(tokens)
        self.norms = [t.norm for t in tokens]
        self.words = [t.kind in {"word", "num"} for t in tokens]
        self.titles = [
            t.kind == "word" and (t.text[:1].isupper() or ("-" in t.text and capitalised(t.text)))
            for t in tokens
        ]
        self.quoted = self._quote_mask()
        self.timed = [False] * len(tokens)
        for time in self.analysis.times:
            if time.type not in {"DATE", "TIME"}:
                continue  # "each year of education" may be what is said, not when
            for index in self._indexes(time.start, time.end):
                self.timed[index] = True
        self.mention_at = {}
        for mention in self.mentions:
            for index in self._indexes(mention.start, mention.end):
                self.mention_at.setdefault(index, mention)

    def __len__(self) -> int:
        return self.n

    def _indexes(self, start: int, end: int) -> range:
        first = self.analysis.token_at(start)
        if first is None:
            return range(0)
        last = first.i
        tokens = self.analysis.tokens
        while last + 1 < len(tokens) and tokens[last + 1].start < end:
            last += 1
        return range(first.i, last + 1)

    def _quote_mask(self) -> list[bool]:
        tokens = self.analysis.tokens
        mask = [False] * len(tokens)
        quotes = self.analysis.quotes
        if self.starts_in_quote and not quotes and not any(t.kind == "quote" for t in tokens):
            return [True] * len(tokens)
        for quote in quotes:
            start = 0 if (self.starts_in_quote and not quote.opened) else quote.char_start
            for token in tokens:
                if start <= token.start and token.end <= quote.char_end:
                    mask[token.i] = True
        return mask

    # --- token predicates ------------------------------------------------------------------

    def word(self, index: int) -> bool:
        return 0 <= index < self.n and self.words[index]

    def punct(self, index: int, marks: str | frozenset[str]) -> bool:
        return 0 <= index < self.n and self.tokens[index].text in marks

    def quote_mark(self, index: int) -> bool:
        return 0 <= index < self.n and self.tokens[index].kind == "quote"

    def norm(self, index: int) -> str:
        return self.norms[index] if 0 <= index < self.n else ""

    def title_case(self, index: int) -> bool:
        return 0 <= index < self.n and self.titles[index]

    def sentence_initial(self, index: int) -> bool:
        """The first word of the sentence (after any quote marks or dashes)."""
        j = index - 1
        while j >= 0 and (self.tokens[j].kind == "quote" or self.tokens[j].text in "—–-("):
            j -= 1
        return j < 0

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Character span (sentence-local) of tokens first..last inclusive."""
        return self.tokens[first].start, self.tokens[last].end

    def span_text(self, first: int, last: int) -> str:
        start, end = self.chars(first, last)
        return self.text[start:end]
