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

from briefings.extract.analysis import Quote
from briefings.extract.claims.phrases import (
    POSSESSIVES,
    clause_start,
    determiners,
    finite_ahead,
    listener_end,
    no_verb_after,
    np_right,
    skip_adjuncts,
)
from briefings.extract.claims.view import SentenceView
from briefings.extract.lexicon import default_lexicon

_TRAILING = frozenset({".", "!", "?", ",", ";", ":", "—", "–", "--", "-", "…", "...", "("})
_SKIP_AFTER_CUE = frozenset({"that", ":", ","})
_CONCERN_LEADS = frozenset({"over", "about", "at", "regarding", "on"})


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
    n = view.n
    j = skip_adjuncts(view, index, commas=True)
    if frame == "listener":
        heard = listener_end(view, j)
        if heard == j:
            end = np_right(view, j)
            if end is not None:  # "told Britain's ITV in an interview": ITV heard it
                end = next(
                    (k - 1 for k in range(j + 1, end + 1) if view.norms[k] in {"in", "on", "at"}),
                    end,
                )
                if end - j <= 6 and view.norm(end + 1) in view.vocabulary.prepositions:
                    return _after_listener_aside(view, end + 1)
            rest = skip_adjuncts(view, end + 1, commas=True) if end is not None else j
            if (
                end is not None
                and end - j <= 6
                and (rest >= n or view.norm(rest) in _subordinators() or view.punct(rest, ".;"))
            ):
                return None  # "told his closest advisers as he …": nothing reported after
        j = skip_adjuncts(view, heard, commas=True)
    if j >= n:
        return None
    norm = view.norm(j)
    if frame == "mind" and (norm == "to" or not clause_start(view, j)):
        return None  # "continues to grow", "saw the film": no reported clause
    if frame == "intent" and norm != "to" and not clause_start(view, j):
        return None
    if norm == "that" and view.punct(j + 1, ","):
        return to_clause_end(view, j + 2)  # "say that, after the floods, she …"
    while j < n and view.norm(j) in _SKIP_AFTER_CUE:
        j += 1
    if j >= n:
        return None
    if frame == "listener" and view.quote_mark(j) and _quoted_title(view, j):
        return None  # 'Fiorina told “Fox and Friends,” reminding …': the show heard it
    if (
        frame in ("say", "listener")
        and view.norm(j) == "about"
        and view.tokens[j + 1 if j + 1 < n else j].kind != "num"
        and not _phrase_opens(view, j + 1)
    ):
        return None  # "told Tapper about extending his support": a topic, not the words
    if (
        frame in ("say", "listener")
        and view.norm(j) in _ASIDE_PREPOSITIONS
        and _phrase_opens(view, j + 1)
    ):
        # "says of Clinton, “…”", "said to the nominee, who …": an aside, then the content
        end = np_right(view, j + 1)
        if end is not None:
            k = end + 1
            relative = view.norm(k + 1) in {"who", "which", "whose", "whom", "where"}
            if view.punct(k, ",:") and (
                view.quote_mark(k + 1) or (clause_start(view, k + 1) and not relative)
            ):
                return to_clause_end(view, k + 1)
            if view.norm(k) == "that":
                return to_clause_end(view, k + 1)
            if k >= n or view.punct(k, ",.;") or view.norm(k) in _subordinators():
                return None
            if view.norm(j) in {"about", "of"}:
                return None  # "said about McCain's effort to …": the topic, not the words
    if view.norm(j) in view.vocabulary.prepositions:
        # "said in an interview with a local radio station that …": what follows "that"
        that = next((k for k in range(j + 1, min(n, j + 12)) if view.norms[k] == "that"), None)
        if that is not None and not any(
            view.punct(k, ",;:") or view.quote_mark(k) for k in range(j, that)
        ):
            j = that
        elif frame == "listener" and no_verb_after(view, j):
            return None  # "told Al Jazeera by phone from …": the quote before is what he said
        elif (
            frame in ("say", "listener")
            and view.norm(j) in _WHERE_WHEN
            and _phrase_opens(view, j + 1)
        ):
            end = np_right(view, j + 1)
            if end is not None and (
                end + 1 >= n
                or view.punct(end + 1, ".;")
                or (view.punct(end + 1, ",") and view.norm(end + 2).endswith("ing"))
            ):
                return None  # "…, Hollande said Tuesday in Paris, noting …": where, not what
    if view.norm(j) in _CONCERN_LEADS and _concern(view, index):
        j += 1  # "expressed concern over the escalation": the escalation
    quantity = (  # "said as many as six people …": a count opens the reported clause
        view.norm(j) == "as" and view.norm(j + 2) == "as" and view.norm(j + 1) in _AS_AMOUNTS
    )
    if view.norm(j) in _subordinators() and frame != "object" and not quantity:
        # "said in August after Nabisco announced …": an adverbial clause, not what was said
        that = next(
            (
                k
                for k in range(j + 1, min(n, j + 14))
                if view.norm(k) == "that" and not view.quoted[k]
            ),
            None,
        )
        if that is None or any(view.punct(k, ",;") for k in range(j, that)):
            return None
        j = that + 1
    if view.norm(j) == "that" or (norm == "that" and not view.word(j)):
        j += 1
    if 0 < j < n and view.norm(j) == "'s":
        if not view.timed[j - 1]:
            return None  # "said during an interview on CNN's …": the rest of a phrase
        j -= 1  # "condemned Friday's test": the possessor was skipped as a time adjunct
    return to_clause_end(view, j)


_AS_AMOUNTS = frozenset({"many", "much", "few", "little", "high", "low", "large"})
_ASIDE_PREPOSITIONS = frozenset({"to", "of", "at", "during", "from", "about"})
_WHERE_WHEN = frozenset({"in", "at", "during", "on", "after", "before"})  # a setting, not a topic


def _after_listener_aside(view: SentenceView, index: int) -> Content | None:
    """What "told X <prepositional phrases>" reports: after "that", a quote or a colon, or
    a clause right after the phrases; None when the sentence goes on with something else
    ("told ITV in an interview aired on Monday when asked …")."""
    if no_verb_after(view, index):
        return None  # "told Al Jazeera by phone from a relative's house": where, not what
    k = index
    for _ in range(3):  # "in Moscow", "at a rally in Ohio"
        if view.norm(k) not in view.vocabulary.prepositions:
            break
        end = np_right(view, k + 1)
        if end is None:
            break
        # "in Moscow the war would end": a new phrase starts at the next article
        end = next((m - 1 for m in range(k + 2, end + 1) if view.norms[m] in determiners()), end)
        k = skip_adjuncts(view, end + 1, commas=False)
    if k < view.n and view.word(k) and view.norm(k) not in _subordinators():
        if view.norm(k) == "that":
            return to_clause_end(view, k + 1)
        if clause_start(view, k) and view.norm(k) not in {"who", "which", "when", "where"}:
            return to_clause_end(view, k)  # "told the council in Moscow the war would end"
    for k in range(index, view.n):
        if view.quote_mark(k) and not view.quoted[k]:
            return to_clause_end(view, k)
        if view.norms[k] in {"that", ":"} and not view.quoted[k]:
            return to_clause_end(view, k + 1)
        if view.punct(k, ",;"):
            return None
    return None


def _quoted_title(view: SentenceView, index: int) -> bool:
    """A short capitalised quotation followed by a comma or the end: a show's or a paper's
    title ('told “Fox and Friends,”'), not reported words."""
    quote = _quote_opening_at(view, index)
    if quote is None or not quote.closed:
        return False
    inside = [t for t in view.tokens if quote.char_start <= t.start < quote.char_end]
    words = [t for t in inside if t.kind == "word"]
    if not words or len(words) > 6 or not words[0].text[:1].isupper():
        return False
    after = next((t for t in view.tokens if t.start >= quote.outer_end), None)
    return after is None or after.text in {",", ".", ";"} or inside[-1].text == ","


def _phrase_opens(view: SentenceView, index: int) -> bool:
    """A noun phrase starts at `index`: an article, a possessive or a name."""
    norm = view.norm(index)
    return view.word(index) and (
        norm in determiners() or norm in POSSESSIVES or view.title_case(index)
    )


def _concern(view: SentenceView, index: int) -> bool:
    """The cue before `index` ends with "concern" ("expressed concern over …")."""
    j = index - 1
    while j > 0 and view.quote_mark(j):
        j -= 1
    return view.norm(j) in {"concern", "concerns", "alarm"}


def to_clause_end(view: SentenceView, first: int) -> Content | None:
    """From `first` to the end of the sentence, or to the end of the quote it opens."""
    n = view.n
    if first >= n:
        return None
    if view.quote_mark(first):
        quote = _quote_opening_at(view, first)
        if quote is not None:
            last = token_before(view, quote.outer_end)
            runs_on = not quote.closed
            # '“A,” “B.”' or '“A,” he said, “B”': the quote goes on after a comma
            follow = last + 1
            while follow < n and (view.punct(follow, ",") or view.quote_mark(follow)):
                follow += 1
            if quote.closed and follow < n and view.quoted[follow] and follow == last + 2:
                return to_clause_end(view, last + 1)
            if (
                quote.closed
                and view.word(last + 2)
                and not view.quoted[last + 2]
                and not view.punct(last, ",.!?")
            ):
                return _trimmed(view, first, n - 1, False)  # '"violent groups" financed by …'
            return _trimmed(view, first, last if quote.closed else n - 1, runs_on)
    last = next(
        (
            k - 1
            for k in range(first + 1, n)
            if not view.quoted[k] and (view.punct(k, ";") or _writers_aside(view, k))
        ),
        n - 1,
    )  # "declared three days of mourning; at least 74 were among the dead, according to …"
    return _trimmed(view, first, last, False)


def _writers_aside(view: SentenceView, comma: int) -> bool:
    """ ", in what analysts called …", ", in a move that …": the writer's comment on what
    was said, not more of it."""
    if not view.punct(comma, ","):
        return False
    following = (view.norm(comma + 1), view.norm(comma + 2))
    return following in {("in", "what"), ("in", "a")} and (
        following[1] == "what" or view.norm(comma + 3) in {"move", "sign", "step", "bid"}
    )


def _quote_opening_at(view: SentenceView, index: int) -> Quote | None:
    start = view.tokens[index].start
    for quote in view.analysis.quotes:
        if quote.outer_start == start and quote.opened:
            return quote
    return None


def token_before(view: SentenceView, char: int) -> int:
    """The last token ending at or before `char`."""
    j = view.n - 1
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


def before_speaker(view: SentenceView, speaker_first: int, shortest: int = 3) -> Content | None:
    """The quote or clause ending right before a quote-final attribution (an unquoted one
    of at least `shortest` tokens: "The museum, Mr. Obama said, would …" allows two)."""
    j = speaker_first - 1
    while j >= 0 and (view.punct(j, ",—–-") or (view.quote_mark(j) and not view.quoted[j])):
        if view.quote_mark(j):
            quote = _quote_closing_at(view, j)
            if quote is not None:
                first = _token_after(view, quote.char_start) if quote.opened else 0
                last = token_before(view, quote.char_end)
                content = _trimmed(view, first, last, False)
                if content is None:
                    return None
                return Content(content.first, content.last, from_earlier=not quote.opened)
        j -= 1
    if j < 0:
        return None
    if view.quoted[j]:
        quote = next(
            (q for q in view.analysis.quotes if q.char_start <= view.tokens[j].start < q.char_end),
            None,
        )
        first = 0 if quote is None or not quote.opened else _token_after(view, quote.char_start)
        content = _trimmed(view, first, j, False)
        if content is None:
            return None
        return Content(content.first, j, from_earlier=quote is not None and not quote.opened)
    if not view.punct(speaker_first - 1, ",—–-"):
        return None  # "… as polls show …": not a quote-final attribution
    content = _trimmed(view, 0, j, False)
    if content is None or content.last - content.first < shortest - 1:
        return None
    return content


def with_lead_in(view: SentenceView, content: Content) -> Content:
    """'The party, held every four years, "allows us to get our message out," said X':
    a quote that opens in lower case mid-sentence finishes the words before it, which are
    part of what was said."""
    opening = content.first - 1
    if (
        content.from_earlier
        or not view.quote_mark(opening)
        or not view.quoted[content.first]
        or not view.tokens[content.first].text[:1].islower()
        or opening < 3
        or any(view.quote_mark(k) for k in range(opening))
    ):
        return content
    first = 0
    while first < opening and not view.word(first):
        first += 1
    return Content(first, content.last, runs_on=content.runs_on)


def _quote_closing_at(view: SentenceView, index: int) -> Quote | None:
    end = view.tokens[index].end
    for quote in view.analysis.quotes:
        if quote.outer_end == end and quote.closed:
            return quote
    return None


def _token_after(view: SentenceView, char: int) -> int:
    for token in view.tokens:
        if token.start >= char:
            return token.i
    return view.n - 1


def continues_after(view: SentenceView, index: int) -> Content | None:
    """What follows a parenthetical attribution ('"A," he said, "B."' / "A, he said, B")."""
    n = view.n
    j = skip_adjuncts(view, index, commas=False)
    if j >= n or not view.punct(j, ",:"):
        return None
    j += 1
    if j >= n:
        return None
    if view.quote_mark(j) or view.quoted[j]:
        return to_clause_end(view, j)
    norm = view.norm(j)
    if norm.endswith("ing") and not view.quoted[j]:
        # '"A," Tester said, referring to Stumpf, "B."': past the participle, the quote goes on
        for k in range(j + 1, min(n - 1, j + 16)):
            if view.punct(k, ",") and view.quote_mark(k + 1) and not view.quoted[k + 1]:
                return to_clause_end(view, k + 1)
            if view.quote_mark(k) or view.punct(k, ";:"):
                break
    if norm in view.vocabulary.verb_heads and norm.endswith("ing"):
        return None  # ", adding …": a claim of its own
    if norm == "as" and view.title_case(j + 1):
        return None  # "…, the service said, as President Vell declared …": the writer's
    if norm in {"and", "but"} or norm in _subordinators():
        # "A, he said, until B" / "A, the agency said, and B": the sentence goes on
        return to_clause_end(view, j) if finite_ahead(view, j + 1, 8) else None
    if norm == "as" or norm in view.vocabulary.verb_heads:
        return None
    if norm in {"a", "an"} or any(
        view.norm(k) in {"who", "whose"} for k in range(j, min(n, j + 7))
    ):
        return None  # ', said Ana Ruiz, a teacher who fled …': who the speaker is
    if finite_ahead(view, j, 5):
        return to_clause_end(view, j)
    return None


def nominal(view: SentenceView, index: int, *, in_subject: bool = False) -> Content | None:
    """The content of a nominal cue after its introducer ("claims that …", "call for …"):
    to the next comma, semicolon or the end. A cue in the sentence's subject ("Survivors'
    testimonies that a rope was attached have raised questions") ends its clause before the
    sentence's own verb: the second finite auxiliary of the clause."""
    n = view.n
    first = index
    if view.norm(first) == "that":
        first += 1
    last = first
    finite = 0
    while (
        last + 1 < n
        and not view.punct(last + 1, ",;:()—–")
        and not (view.quote_mark(last + 1) and not view.quoted[last + 1] and last + 1 > first)
    ):
        following = view.norms[last + 1]
        if in_subject and following in _FINITE and not view.quoted[last + 1]:
            finite += 1
            if finite >= 2 and view.norms[last] not in _CLAUSE_JOINERS | {"that", "not"}:
                break
        last += 1
    return _trimmed(view, first, last, False)


_FINITE = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
     "might", "must", "should", "did", "does", "do"}
)  # fmt: skip


_CLAUSE_JOINERS = frozenset(
    {"but", "and", "while", "whereas", "as", "though", "although", "which", "who", "when", "yet"}
)


def source_content(view: SentenceView, phrase_first: int, source_last: int) -> Content | None:
    """The content of "according to X": the rest of the sentence, either side."""
    n = view.n
    before = phrase_first - 1
    while before >= 0 and view.punct(before, ",—–("):
        before -= 1
    after = source_last + 1
    while after < n and (
        view.punct(after, ",—–)") or (not view.word(after) and not view.quote_mark(after))
    ):
        after += 1
    start = next(  # "X declared mourning; 74 were among the dead, according to Y"
        (k + 1 for k in range(before, -1, -1) if view.punct(k, ";") and not view.quoted[k]), 0
    )
    left = _trimmed(view, start, before, False) if before >= start else None
    right = _trimmed(view, after, n - 1, False) if after < n else None
    if left and right and view.norm(right.first) in _CLAUSE_JOINERS:
        right = None  # "A according to X, but B": B is a clause of its own
    if left and right:
        return Content(left.first, right.last, parts=(*left.pieces, *right.pieces))
    return left or right


def around(view: SentenceView, first: int, last: int) -> Content | None:
    """The clause a phrase at tokens first..last is attached to ("In a CNN poll released
    Monday, X leads" → "X leads"; "X leads in the latest polls" → "X leads")."""
    n = view.n
    if view.sentence_initial(first):
        comma = next((j for j in range(last + 1, min(n, last + 10)) if view.punct(j, ",")), None)
        if comma is None:
            return None
        return _trimmed(view, comma + 1, n - 1, False)
    start = 1 if view.norm(0) in _subordinators() else 0  # "While he is running third …"
    left = _trimmed(view, start, first - 1, False)
    if left is None:
        return None
    j = skip_adjuncts(view, last + 1)
    right = _trimmed(view, j, n - 1, False) if j < n and not view.punct(j, ",;") else None
    if right is not None:
        return Content(left.first, right.last, parts=(*left.pieces, *right.pieces))
    return left
