"""A card's footnotes: one per cited article, named as a reader names an article.

A reader follows a citation to an article — its outlet, date, headline and link — not to a
sentence number, so a card numbers the articles it cites in order of first use, and each
line's markers name the articles behind it. The sentences themselves (the evidence) are what
the Sources view quotes, grouped under the same header. Every surface renders these
footnotes (console text, Discord, Slack) with its own escaping and link syntax; what a
footnote says is decided here once:

    [1] CNN, 21 Sep 2023 — "Azerbaijan launches operation against Armenian forces in…" ↗
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefings.cards import Card, CardItem
from briefings.daytext import day_text
from briefings.models import Citation

MAX_TITLE = 100  # characters of a headline in a footnote; longer ones end in "…"
MAX_OUTLET = 60
LINK_MARK = "↗"
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str | None) -> str:
    """Untrusted text as one tidy line: no control or bidi-override characters, single spaces."""
    if not text:
        return ""
    return " ".join(_UNSHOWABLE.sub(" ", text).split())


def shorten(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word where one is near, ending in "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"


@dataclass(frozen=True)
class Footnote:
    """One cited article and the sentences of it a card page cites."""

    number: int
    citations: tuple[Citation, ...]  # distinct sentences, in order of first use

    @property
    def first(self) -> Citation:
        return self.citations[0]

    @property
    def article_id(self) -> str:
        return self.first.article_id

    @property
    def url(self) -> str | None:
        return self.first.url

    @property
    def source(self) -> str:
        """`CNN, 21 Sep 2023` (the outlet alone when the date is unknown)."""
        outlet = shorten(one_line(self.first.outlet), MAX_OUTLET) or "Unattributed"
        published = self.first.published
        return f"{outlet}, {day_text(published)}" if published else outlet

    @property
    def headline(self) -> str:
        """`"Title"` shortened, or `untitled article 78924c2be562efbe` when none is known."""
        title = one_line(self.first.title)
        if title:
            return f'"{shorten(title, MAX_TITLE)}"'
        return f"untitled article {shorten(one_line(self.article_id), 40)}"

    @property
    def plain(self) -> str:
        """The footnote as plain text, without its number and link."""
        return f"{self.source} — {self.headline}"


def _sentence_key(citation: Citation) -> tuple[int, bool, str]:
    return (citation.sentence_index, citation.caption, citation.sentence)


def footnotes_of(citations: Iterable[Citation]) -> list[Footnote]:
    """The articles of `citations` numbered from 1 in order of first use, each with its
    distinct cited sentences."""
    grouped: dict[str, dict[tuple[int, bool, str], Citation]] = {}
    for citation in citations:
        grouped.setdefault(citation.article_id, {}).setdefault(_sentence_key(citation), citation)
    return [
        Footnote(number, tuple(sentences.values()))
        for number, sentences in enumerate(grouped.values(), start=1)
    ]


def footnotes(card: Card) -> list[Footnote]:
    """The card page's footnotes."""
    return footnotes_of(card.citations)


def footnote_numbers(card: Card) -> dict[str, int]:
    """Article id → its footnote number on the card page."""
    return {note.article_id: note.number for note in footnotes(card)}


def item_numbers(item: CardItem, numbers: dict[str, int]) -> list[int]:
    """The footnote numbers of one line, each once, in citation order."""
    return list(dict.fromkeys(numbers[c.article_id] for c in item.citations))
