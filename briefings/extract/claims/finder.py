"""The claim finder of one article: cues → speakers → contents, sentence after sentence.

Article state lives here: the discourse (who "she" is), a quotation still open at the end of
a sentence (its content starts there), and the last claim whose content may run on — a quote
left open ('She said: "We will stay. We will not be moved."'), the sentences of quotation
that follow a quote-final attribution in its paragraph, and the turns of a "NAME: …"
transcript — so that a quote over several sentences is one claim, attributed once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from briefings.extract.actors import ActorMention
from briefings.extract.analysis import SentenceAnalysis
from briefings.extract.claims import content as contents
from briefings.extract.claims.content import Content
from briefings.extract.claims.cues import COLON, EVIDENCE, NOUN, SOURCE, VERB, Cue, find_cues
from briefings.extract.claims.discourse import Discourse
from briefings.extract.claims.model import ClaimMatch, Speaker
from briefings.extract.claims.speakers import (
    Phrase,
    SpeakerResolver,
    after_source_phrase,
    clause_subject,
    possessor,
    subject_after,
    subject_before,
)
from briefings.extract.claims.stance import refine_stance
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary, default_vocabulary

_BREAKS = frozenset({",", ";", "—", "–", "--", ":"})
_JOINERS = frozenset({"and", "but", "while", "whereas", "as", "although", "though", "yet"})
QUOTE_RUN = "quote"  # the content is a quote still open
AFTER_RUN = "after"  # quotation sentences after a quote-final attribution
TURN_RUN = "turn"  # a "NAME:" turn: the paragraph is the content
NEXT_RUN = "next"  # "He said:" ends the sentence: the next one is the content


@dataclass
class _Candidate:
    cue: Cue
    speaker: Speaker
    content: Content
    phrase: Phrase | None
    run: str = ""


@dataclass
class SentenceClaims:
    """New claims of a sentence, and earlier claims whose content now reaches further
    (index into the claims returned so far → the claim as it now is)."""

    new: list[ClaimMatch] = field(default_factory=list)
    extended: dict[int, ClaimMatch] = field(default_factory=dict)


class ClaimFinder:
    """Reads one article's sentences in order (`sentence`) and returns their claims."""

    def __init__(self, text: str, vocabulary: AttributionVocabulary | None = None) -> None:
        self.text = text
        self.vocabulary = vocabulary or default_vocabulary()
        self.discourse = Discourse(self.vocabulary)
        self.resolver = SpeakerResolver(self.discourse)
        self.claims: list[ClaimMatch] = []
        self._open_quote: int | None = None  # article offset where an open quote's words start
        self._running: int | None = None  # index of the claim whose content may run on
        self._run = ""
        self._previous_end: int | None = None
        self._cue_starts: set[int] = set()
        # a quote that ended the previous sentence with no attribution: '"Who are they?"
        # Trump said of Apple.' is split after the question mark
        self._last_quote: tuple[int, int] | None = None

    def sentence(
        self, start: int, analysis: SentenceAnalysis, mentions: list[ActorMention]
    ) -> SentenceClaims:
        """The claims of the sentence at article offset `start`."""
        out = SentenceClaims()
        new_paragraph = self._previous_end is None or "\n" in self.text[self._previous_end : start]
        self._previous_end = start + len(analysis.text)
        opens_quote = bool(analysis.tokens) and analysis.tokens[0].kind == "quote"
        if new_paragraph:
            self._last_quote = None
            if not opens_quote:
                self._open_quote = None
            if self._run in (AFTER_RUN, TURN_RUN) or (self._run == QUOTE_RUN and not opens_quote):
                self._stop()
            if self._run == NEXT_RUN and not self.claims[self._running or 0].content:
                self._run = TURN_RUN  # the paragraph after "He said:" is what he said
        view = SentenceView(
            analysis,
            mentions,
            self.vocabulary,
            start,
            starts_in_quote=self._open_quote is not None or self._run == QUOTE_RUN,
        )
        for mention in mentions:
            self.discourse.note(mention.actor, start + mention.start)
        candidates = self._candidates(view)
        if candidates:
            self._stop()
            for candidate in candidates:
                claim = self._claim(view, candidate)
                out.new.append(claim)
                self.claims.append(claim)
                if candidate.run:
                    self._running, self._run = len(self.claims) - 1, candidate.run
        elif self._running is not None:
            self._run_on(view, out)
        self._track_open_quote(view)
        self._last_quote = None if out.new or out.extended else _final_quote(view)
        return out

    # --- run-on contents ------------------------------------------------------------------

    def _stop(self) -> None:
        self._running, self._run = None, ""

    def _run_on(self, view: SentenceView, out: SentenceClaims) -> None:
        """Extend the running claim's content over this sentence, if it continues it."""
        assert self._running is not None
        n = len(view)
        if n == 0:
            return
        last = n - 1
        if self._run == AFTER_RUN:
            if not view.quote_mark(0):
                self._stop()
                return
        if self._run in (QUOTE_RUN, AFTER_RUN):
            closing = next((q for q in view.analysis.quotes if not q.opened), None)
            quotes = view.analysis.quotes
            if closing is not None:
                last = contents._token_before(view, closing.char_end)
                self._run = AFTER_RUN
            elif quotes and quotes[-1].closed and self._run == AFTER_RUN:
                last = contents._token_before(view, quotes[-1].char_end)
            elif quotes and not quotes[-1].closed:
                self._run = QUOTE_RUN
        while last > 0 and (view.quote_mark(last) or view.punct(last, ".,;:!?")):
            last -= 1
        first = 0
        while first < last and (view.quote_mark(first) or view.punct(first, "—–-")):
            first += 1
        piece = (view.offset + view.tokens[first].start, view.offset + view.tokens[last].end)
        claim = self.claims[self._running]
        if piece[1] <= claim.content_end:
            return
        if self._run == NEXT_RUN:
            self._run = TURN_RUN
        known = _pieces(claim) if claim.content else ()
        if not claim.content and view.analysis.quotes and not view.analysis.quotes[-1].closed:
            self._run = QUOTE_RUN
        grown = self._with_pieces(claim, (*known, piece))
        self.claims[self._running] = grown
        out.extended[self._running] = grown

    def _with_pieces(self, claim: ClaimMatch, pieces: tuple[tuple[int, int], ...]) -> ClaimMatch:
        pieces = _merged(self.text, tuple(p for p in pieces if p[1] > p[0]))
        return dataclasses.replace(
            claim,
            content=" … ".join(self.text[a:b] for a, b in pieces),
            content_start=pieces[0][0],
            content_end=pieces[-1][1],
            pieces=pieces if len(pieces) > 1 else (),
        )

    def _track_open_quote(self, view: SentenceView) -> None:
        quotes = view.analysis.quotes
        if quotes:
            last = quotes[-1]
            if not last.closed:
                if last.opened or self._open_quote is None:
                    self._open_quote = view.offset + last.char_start
                return
            self._open_quote = None
        elif self._open_quote is None and self._run != QUOTE_RUN:
            return

    # --- candidates -------------------------------------------------------------------------

    def _candidates(self, view: SentenceView) -> list[_Candidate]:
        found: list[_Candidate] = []
        cues = find_cues(view)
        self._cue_starts = {cue.first for cue in cues}
        for cue in cues:
            candidate = self._candidate(view, cue, found)
            if candidate is not None:
                found.append(candidate)
        return _settle(view, found)

    def _candidate(
        self, view: SentenceView, cue: Cue, earlier: list[_Candidate]
    ) -> _Candidate | None:
        if cue.kind == VERB:
            return self._verb(view, cue, earlier)
        if cue.kind == NOUN:
            phrase = possessor(view, cue.first)
            if phrase is None:
                return None
            content = contents.nominal(view, cue.last + 2)
            return self._made(view, cue, phrase, content)
        if cue.kind == SOURCE:
            phrase = after_source_phrase(view, cue.last + 1)
            if phrase is None:
                return None
            end = phrase.apposition[1] if phrase.apposition else phrase.last
            return self._made(view, cue, phrase, contents.source_content(view, cue.first, end))
        if cue.kind == EVIDENCE and cue.phrase is not None:
            phrase = Phrase(*cue.phrase)
            return self._made(view, cue, phrase, contents.around(view, cue.first, phrase.last))
        if cue.kind == COLON and cue.phrase is not None:
            phrase = Phrase(*cue.phrase)
            content = contents._to_clause_end(view, cue.last + 1)
            candidate = self._made(view, cue, phrase, content)
            if candidate is not None:
                candidate.run = QUOTE_RUN if content and content.runs_on else TURN_RUN
            return candidate
        return None

    def _verb(self, view: SentenceView, cue: Cue, earlier: list[_Candidate]) -> _Candidate | None:
        lenient = cue.frame in ("say", "listener")
        phrase, how = subject_before(view, cue.first, lenient=lenient)
        if how == "skip":
            return None
        participle = view.norms[cue.first].endswith("ing")
        if phrase is not None:
            candidate = self._with_subject(view, cue, phrase)
            if candidate is not None or not participle:
                return candidate
        if how == "comma":
            inverted = subject_after(view, cue.last)
            if inverted is not None and cue.frame in ("say", "listener") and not participle:
                return self._inverted(view, cue, inverted)
        if participle or how in ("and", "comma"):
            return self._from_clause(view, cue, earlier)  # "…, saying", "X wins Y, vows Z"
        return None

    def _with_subject(self, view: SentenceView, cue: Cue, phrase: Phrase) -> _Candidate | None:
        """"X said …", "'…,' X said", "A, X said, B", "X said: …"."""
        after = cue.last + 1
        right = contents.after_cue(view, after, cue.frame)
        left = contents.before_speaker(view, phrase.first) if phrase.first > 0 else None
        if right is not None and left is not None:
            set_off = view.punct(_first_after_adjuncts(view, after), ",")
            if set_off and self._continues(view, right):
                candidate = self._made(view, cue, phrase, _joined(left, right))  # "A, he said, B"
                if candidate is not None:
                    candidate.run = QUOTE_RUN if right.runs_on else AFTER_RUN
                return candidate
            if set_off or (_quoted(view, left) and not _quoted(view, right)
                           and right.last - right.first < 4):
                right = None  # '"…," Trump told ABC.', '"…," he said, adding …'
        if right is None and left is None and self._last_quote and _opens(view, phrase.first):
            left = Content(phrase.first, phrase.first, previous_quote=True)
        if right is None and left is None and _ends_with_colon(view, after):
            candidate = self._made(view, cue, phrase, Content(len(view) - 1, len(view) - 1,
                                                              pending=True))
            if candidate is not None:
                candidate.run = NEXT_RUN
            return candidate
        if right is None and left is not None:
            candidate = self._made(view, cue, phrase, left)
            if candidate is not None:
                candidate.run = AFTER_RUN
            return candidate
        candidate = self._made(view, cue, phrase, right)
        if candidate is None or right is None:
            return candidate
        if right.runs_on:
            candidate.run = QUOTE_RUN
        elif cue.frame in ("say", "listener") and view.punct(right.first - 1, ":"):
            candidate.run = TURN_RUN
        return candidate

    def _continues(self, view: SentenceView, right: Content) -> bool:
        """Whether what follows ", he said," goes on with the reported words (a quote, a
        clause) rather than starting a clause of its own (", adding …", ", and …")."""
        first = right.first
        if view.quoted[first]:
            return True
        if first in self._cue_starts or view.norm(first) in {"and", "but", "as", "while"}:
            return False
        return True

    def _inverted(self, view: SentenceView, cue: Cue, inverted: Phrase) -> _Candidate | None:
        """'"…," said Jane Doe, a spokeswoman.' (and '"A," said Doe. "B."')."""
        left = contents.before_speaker(view, cue.first)
        if left is None:
            return None
        end = inverted.apposition[1] if inverted.apposition else inverted.last
        more = contents.continues_after(view, end + 1)
        candidate = self._made(view, cue, inverted, _joined(left, more) if more else left)
        if candidate is not None:
            candidate.run = QUOTE_RUN if more and more.runs_on else AFTER_RUN
        return candidate

    def _from_clause(
        self, view: SentenceView, cue: Cue, earlier: list[_Candidate]
    ) -> _Candidate | None:
        """", saying …" / "… and added …": the speaker is the clause's subject."""
        content = contents.after_cue(view, cue.last + 1, cue.frame)
        if content is None:
            return None
        if earlier:
            previous = earlier[-1]
            return _Candidate(cue, previous.speaker, content, None)
        phrase = clause_subject(view, cue.first)
        if phrase is None:
            return None
        return self._made(view, cue, phrase, content)

    def _made(
        self, view: SentenceView, cue: Cue, phrase: Phrase, content: Content | None
    ) -> _Candidate | None:
        if content is None:
            return None
        lenient = cue.kind == VERB and cue.frame in ("say", "listener")
        speaker = self.resolver.resolve(view, phrase, lenient=lenient)
        if speaker is None:
            return None
        return _Candidate(cue, speaker, content, phrase)

    # --- the claim ----------------------------------------------------------------------------

    def _claim(self, view: SentenceView, candidate: _Candidate) -> ClaimMatch:
        cue, content, speaker = candidate.cue, candidate.content, candidate.speaker
        offset = view.offset
        tokens = view.tokens
        pieces = [
            (offset + tokens[a].start, offset + tokens[b].end) for a, b in content.pieces
        ]
        if content.previous_quote and self._last_quote is not None:
            pieces = [self._last_quote]
        if content.pending:
            pieces = [(pieces[0][1], pieces[0][1])]
        if content.from_earlier and self._open_quote is not None:
            pieces[0] = (min(pieces[0][0], self._open_quote), pieces[0][1])
        if content.runs_on and not candidate.run:
            candidate.run = QUOTE_RUN
        cue_start, cue_end = view.chars(cue.first, cue.last)
        local = [view.tokens[content.first].start, view.tokens[content.last].end, cue_start,
                 cue_end]
        if candidate.phrase is not None:
            local.append(tokens[candidate.phrase.first].start)
            local.append(tokens[candidate.phrase.last].end)
        position = offset + cue_start
        self.discourse.note(speaker.actor, position)
        merged = _merged(self.text, tuple(pieces))
        text = " … ".join(self.text[a:b] for a, b in merged if b > a)
        return ClaimMatch(
            speaker=speaker.actor,
            speaker_text=speaker.text,
            speaker_role=speaker.role,
            speaks_for=speaker.speaks_for,
            stance=refine_stance(cue.stance, text, self.vocabulary),
            verb=view.span_text(cue.first, cue.last),
            label=cue.label or view.span_text(cue.first, cue.last),
            cue_start=offset + cue_start,
            cue_end=offset + cue_end,
            content=text,
            content_start=merged[0][0],
            content_end=merged[-1][1],
            start=min(local),
            end=max(local),
            pieces=merged if len(merged) > 1 else (),
        )


def _first_after_adjuncts(view: SentenceView, index: int) -> int:
    from briefings.extract.claims.phrases import skip_adjuncts

    return skip_adjuncts(view, index)


def _ends_with_colon(view: SentenceView, index: int) -> bool:
    """Only a colon (after a few words: "told reporters:", "wrote on Twitter:") ends the
    sentence after the cue."""
    n = len(view)
    if n == 0 or not view.punct(n - 1, ":"):
        return False
    return n - 1 - index <= 8 and not any(view.punct(j, ",;") for j in range(index, n - 1))


def _opens(view: SentenceView, index: int) -> bool:
    return all(view.quote_mark(j) or view.punct(j, "—–-") for j in range(index))


def _final_quote(view: SentenceView) -> tuple[int, int] | None:
    """The article span of a quote that closes the sentence (only a stop may follow)."""
    quotes = view.analysis.quotes
    if not quotes or not quotes[-1].closed:
        return None
    quote = quotes[-1]
    tail = view.text[quote.outer_end :].strip()
    if tail and tail not in {".", "!", "?"}:
        return None
    head = view.text[: quote.outer_start].strip()
    if head and quote.opened:
        return None
    first = view.analysis.token_at(quote.char_start)
    start = quote.char_start if first is None else first.start
    end = quote.char_end
    while end > start and view.text[end - 1] in " ,.;:!?":
        end -= 1
    if end <= start:
        return None
    return view.offset + start, view.offset + end


def _pieces(claim: ClaimMatch) -> tuple[tuple[int, int], ...]:
    return claim.pieces or ((claim.content_start, claim.content_end),)


def _merged(text: str, pieces: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Pieces in order, those separated by nothing but spaces made one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if out and (start <= out[-1][1] or not text[out[-1][1] : start].strip()):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def _quoted(view: SentenceView, content: Content) -> bool:
    return view.quoted[content.first]


def _joined(left: Content, right: Content | None) -> Content:
    if right is None:
        return left
    return Content(
        min(left.first, right.first),
        max(left.last, right.last),
        runs_on=right.runs_on,
        from_earlier=left.from_earlier,
        parts=(*left.pieces, *right.pieces),
    )


def _settle(view: SentenceView, found: list[_Candidate]) -> list[_Candidate]:
    """Claims of one sentence that overlap: a later claim set off by a comma or a joiner
    ("A said X, but B said Y"; "…, adding Y") cuts the content of the earlier one; a cue
    inside another claim's reported clause ("A said B thinks X") is part of that claim."""
    kept: list[_Candidate] = []
    for candidate in sorted(found, key=lambda c: c.cue.first):
        boundary = candidate.cue.first
        if candidate.phrase is not None and candidate.phrase.first < boundary:
            boundary = candidate.phrase.first
        nested = False
        for index, other in enumerate(kept):
            content = other.content
            if not (content.first <= candidate.cue.first <= content.last):
                continue
            if content.first > boundary:
                continue
            cut = _break_before(view, boundary, content.first)
            if cut is None:
                nested = True
                break
            last = cut - 1
            while last > content.first and (
                view.norms[last] in _BREAKS or view.norms[last] in _JOINERS
                or view.quote_mark(last) and not view.quoted[last]
            ):
                last -= 1
            parts = tuple((a, min(b, last)) for a, b in content.pieces if a <= last)
            kept[index] = dataclasses.replace(
                other,
                content=dataclasses.replace(content, last=last, runs_on=False, parts=parts),
            )
        if not nested:
            kept.append(candidate)
    return kept


def _break_before(view: SentenceView, boundary: int, floor: int) -> int | None:
    """The clause break right before `boundary` (a comma, a dash or a joiner), if any."""
    j = boundary - 1
    while j > floor and view.norms[j] in _JOINERS:
        j -= 1
    if j > floor and (view.norms[j] in _BREAKS or view.norms[boundary - 1] in _JOINERS):
        return j if view.norms[j] in _BREAKS else boundary - 1
    return None
