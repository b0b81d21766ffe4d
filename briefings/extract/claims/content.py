"""What is reported: the content span of a cue, as token indexes of its sentence.

After the cue: past adverbials ("on Tuesday", "in a statement to reporters"), a listener
("told reporters"), "that" or a colon, to the end of the clause — or, when it opens with a
quotation mark, to where the quote closes. Before the speaker: the quote or clause that a
quote-final attribution ends ('"…," the commander said in a video message' keeps the quote,
not "in a video message").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from briefings.extract.claims.phrases import (
    clause_start,
    finite_ahead,
    listener_end,
    np_right,
    skip_adjuncts,
)
from briefings.extract.claims.view import SentenceView
from briefings.extract.lexicon import default_lexicon

_TRAILING = frozenset({".", "!", "?", ",", ";", ":", "—", "–", "--", "-", "…", "...", "("})
_SKIP_AFTER_CUE = frozenset({"that", ":", ","})


@functools.cache
def _subordinators() -> frozenset[str]:
    """Words opening an adverbial clause; "if" and "whether" open a reported question."""
    return (default_lexicon().words("subordinators") | {"of"}) - {"if", "where"}


@dataclass(frozen=True, slots=True)
class Content:
    """Tokens first..last (inclusive) of the sentence; `runs_on` when the quote it holds is
    still open at the end of the sentence; `from_earlier` when it closes a quote opened in
    an earlier sentence (the content starts there)."""

    first: int
    last: int
    runs_on: bool = False
    from_earlier: bool = False
    parts: tuple[tuple[int, int], ...] = ()  # token ranges when not one run ("A," he said, "B")
    previous_quote: bool = False  # the quote that ended the previous sentence
    pending: bool = False  # none yet: the sentence ends with a colon, the next one is it

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.first, self.last),)


def after_cue(view: SentenceView, index: int, frame: str) -> Content | None:
    """The content after a verb cue ending before token `index`."""
    n = len(view)
    j = skip_adjuncts(view, index, commas=True)
    if frame == "listener":
        heard = listener_end(view, j)
        if heard == j:
            end = np_right(view, j)
            rest = skip_adjuncts(view, end + 1, commas=True) if end is not None else j
            if end is not None and end - j <= 6 and (
                rest >= n or view.norm(rest) in _subordinators() or view.punct(rest, ".;")
            ):
                return None  # "told his closest advisers as he …": nothing reported after
        j = skip_adjuncts(view, heard, commas=True)
    if j >= n:
        return None
    norm = view.norm(j)
    if frame == "mind" and not clause_start(view, j):
        return None
    if frame == "intent" and norm != "to" and not clause_start(view, j):
        return None
    while j < n and view.norm(j) in _SKIP_AFTER_CUE:
        j += 1
    if j >= n:
        return None
    if view.norm(j) in _subordinators() and frame != "object":
        # "said in August after Nabisco announced …": an adverbial clause, not what was said
        that = next((k for k in range(j + 1, min(n, j + 14)) if view.norm(k) == "that"
                     and not view.quoted[k]), None)
        if that is None or any(view.punct(k, ",;") for k in range(j, that)):
            return None
        j = that + 1
    if view.norm(j) == "that" or (norm == "that" and not view.word(j)):
        j += 1
    return _to_clause_end(view, j)


def _to_clause_end(view: SentenceView, first: int) -> Content | None:
    """From `first` to the end of the sentence, or to the end of the quote it opens."""
    n = len(view)
    if first >= n:
        return None
    if view.quote_mark(first):
        quote = _quote_opening_at(view, first)
        if quote is not None:
            last = _token_before(view, quote.outer_end)
            runs_on = not quote.closed
            # '“A,” “B.”' or '“A,” he said, “B”': the quote goes on after a comma
            follow = last + 1
            while follow < n and (view.punct(follow, ",") or view.quote_mark(follow)):
                follow += 1
            if quote.closed and follow < n and view.quoted[follow] and follow == last + 2:
                return _to_clause_end(view, last + 1)
            return _trimmed(view, first, last if quote.closed else n - 1, runs_on)
    return _trimmed(view, first, n - 1, False)


def _quote_opening_at(view: SentenceView, index: int) -> object | None:
    start = view.tokens[index].start
    for quote in view.analysis.quotes:
        if quote.outer_start == start and quote.opened:
            return quote
    return None


def _token_before(view: SentenceView, char: int) -> int:
    """The last token ending at or before `char`."""
    j = len(view) - 1
    while j > 0 and view.tokens[j].end > char:
        j -= 1
    return j


def _trimmed(view: SentenceView, first: int, last: int, runs_on: bool) -> Content | None:
    """Without punctuation at either edge (quote marks kept out too)."""
    while first <= last and (view.tokens[first].text in _TRAILING or view.quote_mark(first)):
        first += 1
    while last >= first and (view.tokens[last].text in _TRAILING or view.quote_mark(last)):
        last -= 1
    if last < first or not any(view.word(j) for j in range(first, last + 1)):
        return None
    return Content(first, last, runs_on=runs_on)


def before_speaker(view: SentenceView, speaker_first: int) -> Content | None:
    """The quote or clause ending right before a quote-final attribution."""
    j = speaker_first - 1
    while j >= 0 and (view.punct(j, ",—–-") or (view.quote_mark(j) and not view.quoted[j])):
        if view.quote_mark(j):
            quote = _quote_closing_at(view, j)
            if quote is not None:
                first = _token_after(view, quote.char_start) if quote.opened else 0
                last = _token_before(view, quote.char_end)
                content = _trimmed(view, first, last, False)
                if content is None:
                    return None
                return Content(content.first, content.last, from_earlier=not quote.opened)
        j -= 1
    if j < 0:
        return None
    if view.quoted[j]:
        quote = next((q for q in view.analysis.quotes if q.char_start <= view.tokens[j].start
                      < q.char_end), None)
        first = 0 if quote is None or not quote.opened else _token_after(view, quote.char_start)
        content = _trimmed(view, first, j, False)
        if content is None:
            return None
        return Content(content.first, j, from_earlier=quote is not None and not quote.opened)
    if not view.punct(speaker_first - 1, ",—–-"):
        return None  # "… as polls show …": not a quote-final attribution
    content = _trimmed(view, 0, j, False)
    if content is None or content.last - content.first < 2:
        return None
    return content


def _quote_closing_at(view: SentenceView, index: int) -> object | None:
    end = view.tokens[index].end
    for quote in view.analysis.quotes:
        if quote.outer_end == end and quote.closed:
            return quote
    return None


def _token_after(view: SentenceView, char: int) -> int:
    for token in view.tokens:
        if token.start >= char:
            return token.i
    return len(view) - 1


def continues_after(view: SentenceView, index: int) -> Content | None:
    """What follows a parenthetical attribution ('"A," he said, "B."' / "A, he said, B")."""
    n = len(view)
    j = skip_adjuncts(view, index, commas=False)
    if j >= n or not view.punct(j, ",:"):
        return None
    j += 1
    if j >= n:
        return None
    if view.quote_mark(j) or view.quoted[j]:
        return _to_clause_end(view, j)
    if view.norm(j) in view.vocabulary.verb_heads or view.norm(j) in {"and", "but", "as"}:
        return None  # ", adding …", ", and …": another clause
    if finite_ahead(view, j, 5):
        return _to_clause_end(view, j)
    return None


def nominal(view: SentenceView, index: int) -> Content | None:
    """The content of a nominal cue after its introducer ("claims that …", "call for …"):
    to the next comma, semicolon or the end."""
    n = len(view)
    first = index
    if view.norm(first) == "that":
        first += 1
    last = first
    while last + 1 < n and not view.punct(last + 1, ",;:()—–") and not (
        view.quote_mark(last + 1) and not view.quoted[last + 1] and last + 1 > first
    ):
        last += 1
    return _trimmed(view, first, last, False)


def source_content(view: SentenceView, phrase_first: int, source_last: int) -> Content | None:
    """The content of "according to X": the rest of the sentence, either side."""
    n = len(view)
    before = phrase_first - 1
    while before >= 0 and view.punct(before, ",—–("):
        before -= 1
    after = source_last + 1
    while after < n and (view.punct(after, ",—–)") or not view.word(after) and not
                         view.quote_mark(after)):
        after += 1
    left = _trimmed(view, 0, before, False) if before >= 0 else None
    right = _trimmed(view, after, n - 1, False) if after < n else None
    if left and right:
        return Content(left.first, right.last, parts=(*left.pieces, *right.pieces))
    return left or right


def around(view: SentenceView, first: int, last: int) -> Content | None:
    """The clause a phrase at tokens first..last is attached to ("In a CNN poll released
    Monday, X leads" → "X leads"; "X leads in the latest polls" → "X leads")."""
    n = len(view)
    if view.sentence_initial(first):
        comma = next((j for j in range(last + 1, min(n, last + 10)) if view.punct(j, ",")), None)
        if comma is None:
            return None
        return _trimmed(view, comma + 1, n - 1, False)
    left = _trimmed(view, 0, first - 1, False)
    if left is None:
        return None
    j = skip_adjuncts(view, last + 1)
    right = _trimmed(view, j, n - 1, False) if j < n and not view.punct(j, ",;") else None
    if right is not None:
        return Content(left.first, right.last, parts=(*left.pieces, *right.pieces))
    return left
