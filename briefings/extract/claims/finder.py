"""The claim finder of one article: cues → speakers → contents, sentence after sentence.

Article state lives here: the discourse (who "she" is), a quotation still open at the end of
a sentence (its content starts there), and the last claim whose content may run on — a quote
left open ('She said: "We will stay. We will not be moved."'), the sentences of quotation
that follow a quote-final attribution in its paragraph, and the turns of a "NAME: …"
transcript — so that a quote over several sentences is one claim, attributed once.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

from briefings.extract.actors import ActorMention
from briefings.extract.analysis import SentenceAnalysis
from briefings.extract.claims import content as contents
from briefings.extract.claims.content import Content
from briefings.extract.claims.cues import (
    COLON,
    EVIDENCE,
    NOUN,
    SIGNED,
    SOURCE,
    VERB,
    Cue,
    find_cues,
    may_have_cues,
)
from briefings.extract.claims.discourse import PERSON, Discourse
from briefings.extract.claims.lines import claim_line
from briefings.extract.claims.model import ClaimMatch, Speaker
from briefings.extract.claims.phrases import clause_start, is_verbish, skip_adjuncts
from briefings.extract.claims.resolver import SpeakerResolver
from briefings.extract.claims.speakers import (
    Phrase,
    after_source_phrase,
    clause_subject,
    past_reader,
    possessor,
    subject_after,
    subject_before,
)
from briefings.extract.claims.stance import refine_stance
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary, default_vocabulary
from briefings.extract.lexicon import default_lexicon
from briefings.models import Actor, ActorKind

_BREAKS = frozenset({",", ";", "—", "–", "--", ":"})
_JOINERS = frozenset({"and", "but", "while", "whereas", "as", "although", "though", "yet"})
_OPENING_DOUBLE = frozenset('“"«„')
_CLOSING_DOUBLE = frozenset('”"»“')
_DOUBLE_QUOTES = _OPENING_DOUBLE | _CLOSING_DOUBLE
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
    borrowed: bool = False  # the speaker is the clause's subject (", saying …", "and said")
    partners: tuple[Speaker, ...] = ()  # "Russia, China and Iran condemned …": the others


@dataclass
class SentenceClaims:
    """New claims of a sentence, and earlier claims whose content now reaches further
    (index into the claims returned so far → the claim as it now is)."""

    new: list[ClaimMatch] = field(default_factory=list)
    extended: dict[int, ClaimMatch] = field(default_factory=dict)


def _opens_sentence(analysis: SentenceAnalysis, mention: ActorMention) -> bool:
    """The mention is the sentence's subject at its start, after a title at most ("Prime
    Minister Narendra Modi visited …"), not inside a quotation."""
    token = analysis.token_at(mention.start)
    if token is None or token.i > 3:
        return False
    before = analysis.tokens[: token.i]
    return all(t.kind == "word" and t.text[:1].isupper() for t in before)


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
        self._cues: list[Cue] = []  # the cues of the sentence being read
        # a quote that ended the previous sentence with no attribution: '"Who are they?"
        # Trump said of Apple.' is split after the question mark
        self._last_quote: tuple[int, int] | None = None
        self._paragraph_start = 0  # article offset where the current paragraph starts

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
            if opens_quote and self._running is None and self._quote_paragraph(start):
                self._continue_quote(self._paragraph_start)
            self._paragraph_start = start
            if self._run == NEXT_RUN and not self.claims[self._running or 0].content:
                self._run = TURN_RUN  # the paragraph after "He said:" is what he said
        elif opens_quote and self._running is None and _all_quotation(analysis.text):
            # '"…," Sheinbaum told supporters. "I will not fail you."': the same speaker
            self._continue_quote(self._paragraph_start)
        for mention in mentions:
            self.discourse.note(
                mention.actor,
                start + mention.start,
                role=self._role_before(analysis, mention),
                nationality=self._describes_people(analysis, mention),
            )
        self._note_people(analysis, start)
        norms = [token.norm for token in analysis.tokens]
        if not self.vocabulary.issuing_verbs.isdisjoint(norms):
            author = _document_author(analysis, mentions, self.vocabulary)
            if author is not None:
                self.discourse.issued(author.actor, start + author.start)
        if mentions and _opens_sentence(analysis, mentions[0]):
            self.discourse.opened(mentions[0].actor, start + mentions[0].start)
        if self._running is None and not may_have_cues(norms, self.vocabulary):
            self._last_quote = _final_quote(analysis, start, self._open_quote)
            self._track_open_quote(analysis, start)  # most sentences: nothing to attribute
            return out
        view = SentenceView(
            analysis,
            mentions,
            self.vocabulary,
            start,
            starts_in_quote=self._open_quote is not None or self._run == QUOTE_RUN,
        )
        # inside a "NAME: …" turn, the sentences are the speaker's until the paragraph ends
        candidates = [] if self._run == TURN_RUN else self._candidates(view)
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
        final = _final_quote(analysis, start, self._open_quote)
        self._last_quote = None if out.new or out.extended else final
        self._track_open_quote(analysis, start)
        return out

    def _note_people(self, analysis: SentenceAnalysis, start: int) -> None:
        """Names that open with a given name ("Ana Silva") are people, whatever the registry
        knows: "she" may refer to them later."""
        given = self.vocabulary.given_names
        tokens = analysis.tokens
        for name in analysis.names:
            if name.end - name.start < 2 or tokens[name.start].norm not in given:
                continue
            if (
                name.start > 0
                and tokens[name.start - 1].kind == "word"
                and tokens[name.start - 1].text[:1].isupper()
            ):
                continue  # inside a longer name ("Ana Silva Foundation" is checked whole)
            end = name.start
            while end < name.end and tokens[end].text[:1].isupper():
                end += 1  # "Ana Silva on Monday" → "Ana Silva"
            if end - name.start < 2:
                continue
            text = analysis.text[name.char_start : tokens[end - 1].end]
            actor = self.discourse.entities.get(text)
            self.discourse.note(
                actor.actor if actor else Actor(name=text, kind=ActorKind.UNKNOWN),
                start + name.char_start,
                kind=PERSON,
            )

    def _describes_people(self, analysis: SentenceAnalysis, mention: ActorMention) -> bool:
        """A demonym naming people, not their state: "Egyptians", "Syrian survivors"."""
        if mention.via != "demonym":
            return False
        if mention.text.endswith("s"):
            return True
        token = analysis.token_at(mention.end - 1)
        following = analysis.tokens[token.i + 1] if token is not None else None
        return following is not None and following.norm in self.vocabulary.group_roles

    def _role_before(self, analysis: SentenceAnalysis, mention: ActorMention) -> str | None:
        """Role words right before a person's name ("opposition candidate Venancio
        Mondlane"), so that "the candidate" later refers back to them."""
        if mention.actor.kind not in (ActorKind.PERSON, ActorKind.UNKNOWN):
            return None
        token = analysis.token_at(mention.start)
        if token is None:
            return None
        vocabulary = self.vocabulary
        words = []
        for j in range(token.i - 1, max(-1, token.i - 4), -1):
            norm = analysis.tokens[j].norm
            if norm in vocabulary.person_roles or norm in vocabulary.titles:
                words.append(norm)
            elif analysis.tokens[j].text != ".":
                break
        return " ".join(reversed(words)) or None

    def full_names(self) -> dict[str, str]:
        """Speakers named by one word whose full name the article gives (anywhere): their
        full name, for a last pass over the claims."""
        out: dict[str, str] = {}
        for claim in self.claims:
            name = claim.speaker.name
            if " " in name or not name[:1].isupper():
                continue
            if claim.speaker.kind not in (ActorKind.PERSON, ActorKind.UNKNOWN):
                continue  # "Kenya" is a state, not the surname of "Law Society of Kenya"
            entity = self.discourse.surname(name)
            if entity is not None and entity.name != name:
                out[name] = entity.name
        return out

    # --- run-on contents ------------------------------------------------------------------

    def headline(
        self, start: int, analysis: SentenceAnalysis, mentions: list[ActorMention]
    ) -> list[ClaimMatch]:
        """The claims of the headline, read after the body (whose people it may name by
        surname) at article offset `start` past the text; nothing carries into or out of
        it."""
        self._stop()
        self._open_quote = self._last_quote = self._previous_end = None
        body = self.text
        # contents are read from the text by offset: the headline sits past the body
        self.text = body.ljust(start - 1) + "\n" + analysis.text
        self.resolver.headline = True
        try:
            found = self.sentence(start, analysis, mentions)
        finally:
            self.text = body
            self.resolver.headline = False
            self._stop()
        return found.new

    def _stop(self) -> None:
        self._running, self._run = None, ""

    def _run_on(self, view: SentenceView, out: SentenceClaims) -> None:
        """Extend the running claim's content over this sentence, if it continues it."""
        assert self._running is not None
        n = view.n
        if n == 0:
            return
        last = n - 1
        if self._run == AFTER_RUN and not view.quote_mark(0):
            self._stop()  # the next sentence is no more quotation
            return
        if self._run in (QUOTE_RUN, AFTER_RUN):
            closing = next((q for q in view.analysis.quotes if not q.opened), None)
            quotes = view.analysis.quotes
            if closing is not None:
                last = contents.token_before(view, closing.char_end)
                self._run = AFTER_RUN
            elif quotes and quotes[-1].closed and self._run == AFTER_RUN:
                last = contents.token_before(view, quotes[-1].char_end)
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

    def _quote_paragraph(self, start: int) -> bool:
        """The paragraph at `start` is one quotation and nothing else: no attribution of its
        own, so (as news style has it) it goes on with the speaker quoted just before."""
        end = self.text.find("\n", start)
        return _all_quotation(self.text[start : end if end >= 0 else len(self.text)])

    def _continue_quote(self, previous_paragraph: int) -> None:
        """Let the previous paragraph's last claim run on when its content was a quotation
        ('“…,” Viguerie tells Breitbart News.' then a paragraph that is all quotation)."""
        if not self.claims:
            return
        claim = self.claims[-1]
        if claim.content_end < previous_paragraph or not claim.content:
            return
        before = self.text[max(0, claim.content_start - 2) : claim.content_start]
        if any(char in _DOUBLE_QUOTES for char in before):
            self._running, self._run = len(self.claims) - 1, AFTER_RUN

    def _with_pieces(self, claim: ClaimMatch, pieces: tuple[tuple[int, int], ...]) -> ClaimMatch:
        pieces = _merged(self.text, tuple(p for p in pieces if p[1] > p[0]))
        line = claim.line
        if claim.content and not line.endswith("…"):
            line += " …"  # the quote goes on past the line's sentence
        elif not claim.content:
            line = f"{line.rstrip(':')}: “{self.text[pieces[0][0] : pieces[0][1]]}”"
        return dataclasses.replace(
            claim,
            line=line,
            content=" … ".join(self.text[a:b] for a, b in pieces),
            content_start=pieces[0][0],
            content_end=pieces[-1][1],
            pieces=pieces if len(pieces) > 1 else (),
        )

    def _track_open_quote(self, analysis: SentenceAnalysis, offset: int) -> None:
        """Where a quote left open at the end of the sentence starts (None once closed)."""
        quotes = analysis.quotes
        if not quotes:
            return
        last = quotes[-1]
        if not last.closed:
            if last.opened or self._open_quote is None:
                self._open_quote = offset + last.char_start
            return
        self._open_quote = None

    # --- candidates -------------------------------------------------------------------------

    def _candidates(self, view: SentenceView) -> list[_Candidate]:
        found: list[_Candidate] = []
        cues = find_cues(view)
        self._cues = cues
        self._cue_starts = {cue.first for cue in cues}
        for cue in cues:
            candidate = self._candidate(view, cue, found)
            if candidate is not None:
                found.append(candidate)
        settled = _settle(view, found)
        out: list[_Candidate] = []
        for candidate in settled:
            out.append(candidate)
            for partner in candidate.partners:  # one claim for each speaker of a list
                out.append(dataclasses.replace(candidate, speaker=partner, partners=(), run=""))
        return out

    def _candidate(
        self, view: SentenceView, cue: Cue, earlier: list[_Candidate]
    ) -> _Candidate | None:
        if cue.kind == VERB:
            return self._verb(view, cue, earlier)
        if cue.kind == NOUN:
            phrase = possessor(view, cue.first)
            if phrase is None:
                return None
            in_subject = not any(view.word(j) for j in range(phrase.first))
            content = contents.nominal(view, cue.last + 2, in_subject=in_subject)
            return self._made(view, cue, phrase, content)
        if cue.kind == SOURCE:
            phrase = after_source_phrase(view, cue.last + 1)
            if phrase is None:
                return None
            end = phrase.apposition[1] if phrase.apposition else past_reader(view, phrase.last)
            return self._made(view, cue, phrase, contents.source_content(view, cue.first, end))
        if cue.kind == EVIDENCE and cue.phrase is not None:
            phrase = Phrase(*cue.phrase)
            return self._made(view, cue, phrase, contents.around(view, cue.first, phrase.last))
        if cue.kind == SIGNED and cue.phrase is not None:
            content = contents.before_speaker(view, cue.first, shortest=1)
            return self._made(view, cue, Phrase(*cue.phrase), content)
        if cue.kind == COLON and cue.phrase is not None and not self._later_verb(view, cue):
            phrase = Phrase(*cue.phrase)
            content = contents.to_clause_end(view, cue.last + 1)
            if content is not None and _topic_label(view, phrase, content):
                return None  # "Kazakhstan: Tokayev turns on Nazarbayev's legacy"
            candidate = self._made(view, cue, phrase, content)
            if candidate is not None:
                candidate.run = QUOTE_RUN if content and content.runs_on else TURN_RUN
            return candidate
        return None

    def _later_verb(self, view: SentenceView, cue: Cue) -> bool:
        """A reporting verb after a "LABEL:" cue ("Wayanad: Four people were pulled out …,
        the Army said"): the sentence names its own source, the label is a place or topic."""
        return any(
            other.kind == VERB
            and other.frame in ("say", "listener")
            and other.first > cue.last
            and not view.quoted[other.first]
            for other in self._cues
        )

    def _verb(self, view: SentenceView, cue: Cue, earlier: list[_Candidate]) -> _Candidate | None:
        if view.norms[cue.first] in _QUOTING and _quoted_as(view, cue.last + 1) is not None:
            return None  # "X quoted Y as saying …": Y's claim, taken at "saying"
        if view.norms[cue.first].endswith("ing") and view.norm(cue.first - 1) == "as":
            source = _quoted_source(view, cue.first - 1)
            if source is not None:
                content = contents.after_cue(view, cue.last + 1, cue.frame)
                return self._made(view, cue, source, content)
        lenient = cue.frame in ("say", "listener")
        phrase, how = subject_before(view, cue.first, lenient=lenient)
        if how == "skip":
            return None
        participle = view.norms[cue.first].endswith("ing")
        if participle and phrase is not None and _object_of_preposition(view, phrase.first):
            phrase = None  # "protesters gathered outside parliament demanding …": theirs
        if participle and how == "apposition":
            phrase = None  # "X, a senator of Y heritage, conceded …, saying": the clause's
        if phrase is not None:
            candidate = self._with_subject(view, cue, phrase, relative=how == "relative")
            if candidate is not None or not participle:
                return candidate
        if how == "comma":
            inverted = subject_after(view, cue.last)
            if inverted is not None and cue.frame in ("say", "listener") and not participle:
                found = self._inverted(view, cue, inverted)
                if found is not None:
                    return found
        if how == "and":
            # "as Boric declared two days of mourning and warned …": the verb before's subject
            # — unless that verb is inside what the sentence's speaker said ("Pashinyan said
            # Armenia would not join … and added": Pashinyan added)
            verb = _joined_verb(view, cue)
            reported = earlier and verb is not None and _inside(earlier[-1].content, verb)
            shared = None if verb is None or reported else _subject_of(view, verb)
            if shared is not None:
                content = contents.after_cue(view, cue.last + 1, cue.frame)
                candidate = self._made(view, cue, shared, content)
                if candidate is not None:
                    candidate.borrowed = True
                    return candidate
        if participle or how in ("and", "comma"):
            return self._from_clause(view, cue, earlier)  # "…, saying", "X wins Y, vows Z"
        return None

    def _with_subject(
        self, view: SentenceView, cue: Cue, phrase: Phrase, *, relative: bool = False
    ) -> _Candidate | None:
        """ "X said …", "'…,' X said", "A, X said, B", "X said: …". With `relative`, the
        subject is the antecedent of "who"/"which": what stands before it was not said."""
        after = cue.last + 1
        right = contents.after_cue(view, after, cue.frame)
        if right is not None and (
            _modifier_after_comma(view, right)
            or (
                view.punct(right.first - 1, ",")
                and not view.quoted[right.first]
                and view.norms[right.first].endswith("ing")
                and cue.frame in ("say", "listener")
            )
        ):
            right = None  # 'Boluarte said, flanked by her ministers.', '…, saying …'
        if relative and right is not None and view.punct(right.first - 1, ","):
            right = None  # "X, who conceded on Sunday, said …": the relative clause is over
        if right is not None and view.norms[right.first] in _RELATIVE_OPENERS:
            right = None  # '"…," she told supporters who packed the square': about them
        opening = phrase.first
        if phrase.apposition is not None and phrase.apposition[0] < opening:
            opening = phrase.apposition[0]  # "…, his lawyer, Stefanos P., told reporters"
        left = contents.before_speaker(view, opening) if opening > 0 and not relative else None
        if left is not None:
            left = contents.with_lead_in(view, left)
        if right is not None and left is not None:
            set_off = view.punct(_first_after_adjuncts(view, after), ",")
            if set_off and self._continues(view, right):
                candidate = self._made(view, cue, phrase, _joined(left, right))  # "A, he said, B"
                if candidate is not None:
                    candidate.run = QUOTE_RUN if right.runs_on else AFTER_RUN
                return candidate
            if set_off or (
                _quoted(view, left)
                and not _quoted(view, right)
                and view.norm(right.first - 1) not in {"that", ":"}
                and (
                    right.last - right.first < 5
                    or view.norm(right.first) in view.vocabulary.prepositions
                    or view.norm(right.first) == "to"
                    or not view.word(right.first)
                    or view.norm(right.first) == "'s"  # "CNN’s “State of the Union”"
                )
            ):
                # '"…," Trump told ABC.', '"…," he said, adding …', '"…," he joked with
                # reporters after a town hall': the quote is what was said
                right = None
        if right is None and left is None and self._last_quote and _opens(view, phrase.first):
            left = Content(phrase.first, phrase.first, previous_quote=True)
        if right is None and left is None and _ends_with_colon(view, after):
            candidate = self._made(view, cue, phrase, Content(view.n - 1, view.n - 1, pending=True))
            if candidate is not None:
                candidate.run = NEXT_RUN
            return candidate
        if right is None and left is None and phrase.first > 0 and not relative:
            short = contents.before_speaker(view, phrase.first, shortest=1)
            more = contents.continues_after(view, after) if short is not None else None
            if short is not None and more is not None:
                left, right = short, more  # "The museum, Mr. Obama said, would make …"
                return self._made(view, cue, phrase, _joined(left, right))
        if right is None and left is not None:
            more = contents.continues_after(view, after)
            if more is not None and (not view.quoted[left.first] or view.quoted[more.first]):
                return self._made(view, cue, phrase, _joined(left, more))  # "A, he said, until B"
            candidate = self._made(view, cue, phrase, left)
            if candidate is not None:
                candidate.run = AFTER_RUN
            return candidate
        if (
            right is not None
            and left is None
            and phrase.first > 0
            and not relative
            and view.punct(phrase.first - 1, ",")
            and view.punct(_first_after_adjuncts(view, after), ",")
            and not view.quoted[right.first]
        ):
            short = contents.before_speaker(view, phrase.first, shortest=1)
            if short is not None:  # "The deal, officials said, is worth billions."
                return self._made(view, cue, phrase, _joined(short, right))
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
        return not (first in self._cue_starts or view.norm(first) in {"and", "but", "as", "while"})

    def _inverted(self, view: SentenceView, cue: Cue, inverted: Phrase) -> _Candidate | None:
        """'"…," said Jane Doe, a spokeswoman.' (and '"A," said Doe. "B."')."""
        left = contents.before_speaker(view, cue.first)
        if left is None:
            return None
        opening = left.first - 1
        if view.quote_mark(opening) and opening - 1 in self._cue_starts:
            return None  # 'Manafort, citing "the magic of Trump," said …': not inverted
        left = contents.with_lead_in(view, left)
        end = inverted.apposition[1] if inverted.apposition else inverted.last
        more = contents.continues_after(view, end + 1)
        candidate = self._made(view, cue, inverted, _joined(left, more) if more else left)
        if candidate is not None:
            candidate.run = QUOTE_RUN if more and more.runs_on else AFTER_RUN
        return candidate

    def _from_clause(
        self, view: SentenceView, cue: Cue, earlier: list[_Candidate]
    ) -> _Candidate | None:
        """ ", saying …" / "… and added …": the speaker is the clause's subject."""
        content = contents.after_cue(view, cue.last + 1, cue.frame)
        if content is None:
            return None
        phrase = clause_subject(view, cue.first)
        if phrase is not None:
            candidate = self._made(view, cue, phrase, content)
            if candidate is not None:
                candidate.borrowed = True
                return candidate
        if earlier:
            return _Candidate(cue, earlier[-1].speaker, content, None, borrowed=True)
        return None

    def _made(
        self, view: SentenceView, cue: Cue, phrase: Phrase, content: Content | None
    ) -> _Candidate | None:
        if content is None or (not content.pending and _empty(view, cue, content)):
            return None
        lenient = (cue.kind == VERB and cue.frame in ("say", "listener")) or cue.kind == SOURCE
        speaker = self.resolver.resolve(view, phrase, lenient=lenient)
        if speaker is None and cue.kind == SOURCE:
            speaker = self.resolver.as_written(view, phrase)  # "according to media trackers"
        if speaker is None:
            return None
        partners = self.resolver.conjoined(view, phrase, speaker) if cue.kind == VERB else ()
        reciprocal = content is not None and view.norm(content.first) in {"each", "one"}
        if cue.kind == VERB and not partners and not reciprocal:  # not "accused each other"
            pair = self._two_sources(view, phrase)
            if pair is not None:  # "witnesses and rights groups said": one claim each
                speaker, partners = pair[0], (pair[1],)
        if cue.kind == VERB:
            content = _inside_relative(view, phrase, cue, content)
        return _Candidate(cue, speaker, content, phrase, partners=partners)

    def _two_sources(self, view: SentenceView, phrase: Phrase) -> tuple[Speaker, Speaker] | None:
        """The two speakers of "witnesses and rights groups", "the opposition and
        Zourabichvili": each side a source of its own (a registry actor or an unnamed group),
        so that "Freedom and Solidarity" or "religious and community leaders" stay one."""
        pair = self._the_two_states(view, phrase)
        if pair is not None:
            return pair
        joints = [j for j in range(phrase.first + 1, phrase.last) if view.norms[j] == "and"]
        if len(joints) != 1 or view.punct(joints[0] - 1, ","):
            return None
        joint = joints[0]
        left = view.norms[joint - 1]
        plural = left.endswith("s") and not left.endswith(("ous", "ss", "us", "is"))
        if not (view.title_case(joint - 1) or plural or view.vocabulary.role_noun(left)):
            return None  # "railway and subway unions", "religious and community leaders"
        sides = []
        for first, last in ((phrase.first, joint - 1), (joint + 1, phrase.last)):
            found = self.resolver.resolve(view, Phrase(first, last), lenient=True)
            if found is None or not _a_source_of_its_own(found):
                return None
            sides.append(found)
        if sides[0].actor.name == sides[1].actor.name:
            return None
        return sides[0], sides[1]

    def _the_two_states(self, view: SentenceView, phrase: Phrase) -> tuple[Speaker, Speaker] | None:
        """ "The two countries said", "both governments": the two states named last."""
        norms = view.norms[phrase.first : phrase.last + 1]
        counted = len(norms) == 3 and norms[0] in {"the", "both"} and norms[1] == "two"
        if not (counted or (len(norms) == 2 and norms[0] == "both")):
            return None
        if norms[-1] not in _STATE_PAIRS:
            return None
        position = view.offset + view.tokens[phrase.first].start
        states = self.discourse.recent_states(position)
        if len(states) != 2:
            return None
        text = view.span_text(phrase.first, phrase.last)
        newer, older = states
        return (
            Speaker(actor=older.actor, text=text, role=None),
            Speaker(actor=newer.actor, text=text, role=None),
        )

    # --- the claim ----------------------------------------------------------------------------

    def _claim(self, view: SentenceView, candidate: _Candidate) -> ClaimMatch:
        cue, content, speaker = candidate.cue, candidate.content, candidate.speaker
        offset = view.offset
        tokens = view.tokens
        pieces = [(offset + tokens[a].start, offset + tokens[b].end) for a, b in content.pieces]
        if content.previous_quote and self._last_quote is not None:
            pieces = [self._last_quote]
        if content.pending:
            pieces = [(pieces[0][1], pieces[0][1])]
        if content.from_earlier and self._open_quote is not None:
            pieces[0] = (min(pieces[0][0], self._open_quote), pieces[0][1])
        if content.runs_on and not candidate.run:
            candidate.run = QUOTE_RUN
        cue_start, cue_end = view.chars(cue.first, cue.last)
        local = [
            view.tokens[content.first].start,
            view.tokens[content.last].end,
            cue_start,
            cue_end,
        ]
        if candidate.phrase is not None:
            local.append(tokens[candidate.phrase.first].start)
            local.append(tokens[candidate.phrase.last].end)
        position = offset + cue_start
        self.discourse.note(speaker.actor, position)
        self.discourse.spoke(speaker.actor, position, speaker.role)
        if content.first > cue.last and view.norms[content.first] in {"he", "she"}:
            # "Gálvez said she would …": most often the speaker's own pronoun
            self.discourse.learn_gender(speaker.actor, view.norms[content.first])
        merged = _merged(self.text, tuple(pieces))
        text = " … ".join(self.text[a:b] for a, b in merged if b > a)
        single = len(content.pieces) == 1 and not (
            content.previous_quote or content.pending or content.from_earlier
        )
        right = (content.first, content.last) if single and content.first > cue.last else None
        explicit = speaker.explicit and candidate.phrase is not None
        line = claim_line(view, cue, speaker.display or speaker.actor.name, explicit, text, right)
        return ClaimMatch(
            speaker=speaker.actor,
            speaker_text=speaker.text,
            speaker_role=speaker.role,
            speaks_for=speaker.speaks_for,
            stance=refine_stance(cue.stance, text),
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
            line=line,
        )


def _object_of_preposition(view: SentenceView, first: int) -> bool:
    """The phrase before a participle is a preposition's object, or opens with one: the
    participle tells what the clause's subject did."""
    prepositions = view.vocabulary.prepositions - _AGENTS
    if first > 0 and is_verbish(view, first - 1) and not view.titles[first]:
        return True  # "signed a protocol pledging …": the verb's object, not who pledged
    return view.norms[first] in prepositions or (
        first > 0 and view.norms[first - 1] in prepositions
    )


# prepositions whose object is who does the participle's deed: "with Armenian authorities
# accusing Baku", "a statement by the opposition declaring", "leaders of the union saying"
_AGENTS = frozenset({"with", "by", "of", "among", "including"})


def _first_after_adjuncts(view: SentenceView, index: int) -> int:
    return skip_adjuncts(view, index)


def _ends_with_colon(view: SentenceView, index: int) -> bool:
    """Only a colon (after a few words: "told reporters:", "wrote on Twitter:") ends the
    sentence after the cue."""
    n = view.n
    if n == 0 or not view.punct(n - 1, ":"):
        return False
    return n - 1 - index <= 8 and not any(view.punct(j, ",;") for j in range(index, n - 1))


def _opens(view: SentenceView, index: int) -> bool:
    return all(view.quote_mark(j) or view.punct(j, "—–-") for j in range(index))


def _final_quote(
    analysis: SentenceAnalysis, offset: int, opened_before: int | None
) -> tuple[int, int] | None:
    """The article span of a quote that closes the sentence (only a stop may follow); one
    opened in an earlier sentence starts there (`opened_before`)."""
    quotes = analysis.quotes
    if not quotes or not quotes[-1].closed:
        return None
    quote = quotes[-1]
    text = analysis.text
    tail = text[quote.outer_end :].strip()
    if tail and tail not in {".", "!", "?"}:
        return None
    if text[: quote.outer_start].strip() and quote.opened:
        return None
    first = analysis.token_at(quote.char_start)
    start = quote.char_start if first is None else first.start
    end = quote.char_end
    while end > start and text[end - 1] in " ,.;:!?":
        end -= 1
    if end <= start:
        return None
    if not quote.opened and opened_before is not None:
        return opened_before, offset + end
    return offset + start, offset + end


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


def _empty(view: SentenceView, cue: Cue, content: Content) -> bool:
    """Reported words that make no claim: "asked not to be named", "declined to comment",
    an act rather than a statement ("declared independence")."""
    if content.previous_quote:
        return False
    norms = view.norms[content.first : content.last + 1]
    vocabulary = view.vocabulary
    for phrase in vocabulary.empty_contents:
        if tuple(norms[: len(phrase)]) == phrase:
            return True
    word = vocabulary.verb_at(view.norms, cue.first) if cue.kind == VERB else None
    if word is not None and word[0].acts and content.first > cue.last:
        return any(_act_at(tuple(norms), act) for act in word[0].acts)
    return False


_ACT_ARTICLES = frozenset({"a", "an", "the"})
_ACT_MODIFIERS = 4  # words between the article and the act ("a 72-hour state of emergency")


def _act_at(norms: tuple[str, ...], act: tuple[str, ...]) -> bool:
    """The act opens what follows the verb, its article maybe followed by modifiers."""
    if norms[: len(act)] == act:
        return True
    if norms and _act_modifier(norms[0]) and norms[1 : 1 + len(act)] == act:
        return True  # "declared two days of national mourning"
    if len(act) < 2 or act[0] not in _ACT_ARTICLES or not norms or norms[0] not in _ACT_ARTICLES:
        return False
    tail = act[1:]
    for k in range(2, min(len(norms), _ACT_MODIFIERS + 2)):
        if not _act_modifier(norms[k - 1]):
            return False  # "called the largest election": a description, not an act
        if norms[k : k + len(tail)] == tail:
            return True
    return False


_ACT_ADJECTIVES = frozenset(
    {"indefinite", "nationwide", "national", "general", "snap", "early", "new", "fresh",
     "hour", "day", "week", "month", "partial", "total", "full", "one", "two", "three"}
)  # fmt: skip


def _act_modifier(norm: str) -> bool:
    """A word that may stand between an act's article and its noun: "a 72-hour state of
    emergency", "an indefinite general strike"."""
    return norm.isdigit() or norm == "-" or norm in _ACT_ADJECTIVES


def _modifier_after_comma(view: SentenceView, content: Content) -> bool:
    """What follows ", " after the cue is a participle phrase with no verb of its own."""
    first = content.first
    return (
        view.punct(first - 1, ",")
        and not view.quoted[first]
        and view.norms[first].endswith(("ed", "ing"))
        and not clause_start(view, first + 1)
    )


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
    verbs = [c for c in found if c.cue.kind == VERB and c.cue.frame in ("say", "listener")]
    for candidate in sorted(found, key=lambda c: c.cue.first):
        if candidate.cue.kind == SOURCE and any(
            _overlap(candidate.content, other.content) for other in verbs
        ):
            continue  # "he said, according to statements quoted by X": he said it
        boundary = candidate.cue.first
        if (
            candidate.phrase is not None
            and not candidate.borrowed
            and candidate.phrase.first < boundary
        ):
            boundary = candidate.phrase.first
        nested = False
        for index, other in enumerate(kept):
            content = other.content
            if not (content.first <= candidate.cue.first <= content.last):
                continue
            if len(content.pieces) > 1 and not any(
                a <= candidate.cue.first <= b for a, b in content.pieces
            ):
                nested = True  # '"A," he said, referring to X, "B."': an aside between pieces
                break
            if content.first > boundary:
                continue
            if _inner_coordination(view, candidate, other):
                nested = True
                break
            if _own_clause_inside(view, candidate, other):
                continue  # "X said A and he feels B": both claims, A's content kept whole
            cut = _break_before(view, boundary, content.first)
            if (
                cut is not None
                and view.norms[cut + 1] in {"where", "which", "who"}
                and candidate.speaker.actor.name == other.speaker.actor.name
            ):
                cut = None  # "blasted the system, which he said runs …": one claim of his
            if cut is None:
                nested = True
                break
            last = cut - 1
            while last > content.first and (
                view.norms[last] in _BREAKS
                or view.norms[last] in _JOINERS
                or (view.quote_mark(last) and not view.quoted[last])
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


_STATE_PAIRS = frozenset(
    {"countries", "nations", "states", "governments", "neighbours", "neighbors", "capitals"}
)


_RELATIVE_OPENERS = frozenset({"who", "whom", "whose", "which", "where"})


_SHARED_REACH = 12  # words back from "and" to the verb it joins


def _joined_verb(view: SentenceView, cue: Cue) -> int | None:
    """The verb that "and <cue>" is joined to, in the same clause (no comma or clause word
    between): "declared" in "Boric declared two days of mourning and warned …"."""
    joint = cue.first - 1
    while joint >= 0 and view.norms[joint] != "and":
        joint -= 1
    for k in range(joint - 1, max(-1, joint - _SHARED_REACH), -1):
        if view.punct(k, ",;:") or view.norms[k] in _CLAUSE_OPENERS or view.quoted[k]:
            return None
        if is_verbish(view, k) or view.vocabulary.verb_at(view.norms, k) is not None:
            return k
    return None


def _subject_of(view: SentenceView, verb: int) -> Phrase | None:
    phrase, how = subject_before(view, verb)
    return phrase if how == "subject" else None


def _inside(content: Content | None, index: int) -> bool:
    return content is not None and any(a <= index <= b for a, b in content.pieces)


_CLAUSE_OPENERS = frozenset({"that", "who", "which", "when", "while", "as", "but", "because"})


def _all_quotation(sentence: str) -> bool:
    """A sentence that is one quotation and nothing else ('"I will not fail you."')."""
    text = sentence.strip()
    return (
        len(text) > 2
        and text[0] in _OPENING_DOUBLE
        and text[-1] in _CLOSING_DOUBLE
        and not any(char in _DOUBLE_QUOTES for char in text[1:-1])
    )


def _a_source_of_its_own(speaker: Speaker) -> bool:
    """A registry actor, or an unnamed group written in lower case ("witnesses")."""
    actor = speaker.actor
    return actor.kind is not ActorKind.UNKNOWN or actor.name[:1].islower()


def _inner_coordination(view: SentenceView, candidate: _Candidate, outer: _Candidate) -> bool:
    """ "Police say he posed a threat and refused to drop the gun": a verb joined by a bare
    "and" inside a reported clause goes on with that clause — unless it is itself a verb of
    saying ("… and added that …"), which goes with the outer cue."""
    cue = candidate.cue
    if not candidate.borrowed or cue.kind != VERB:
        return False
    if outer.cue.kind != VERB or view.norm(cue.first - 1) not in {"and", "but", "or"}:
        return False
    if cue.frame in ("say", "listener"):
        # "says he'd sit Putin down and tell him …": a bare verb under the clause's own modal
        return _under_modal(view, cue, outer.content) and not view.punct(cue.first - 2, ",;")
    if view.norm(outer.content.first) in {"he", "she"} and outer.speaker.actor.kind in (
        ActorKind.PERSON,
        ActorKind.UNKNOWN,
    ):
        return False  # "Zelensky said he understood … but condemned …": he did both
    return not view.punct(cue.first - 2, ",;")


_MODALS = frozenset({"'d", "would", "will", "'ll", "could", "can", "should", "must", "might",
                     "may", "to"})  # fmt: skip


def _under_modal(view: SentenceView, cue: Cue, content: Content) -> bool:
    """The cue is a bare verb ("tell", not "tells") and a modal of the reported clause comes
    before it with no clause break between."""
    word = view.vocabulary.verb_at(view.norms, cue.first)
    if word is None or word[0].lemma.split()[0] != view.norms[cue.first]:
        return False
    for j in range(cue.first - 2, content.first - 1, -1):
        if view.punct(j, ",;:") or view.quote_mark(j):
            return False
        if view.norms[j] in _MODALS:
            return True
    return False


def _own_clause_inside(view: SentenceView, candidate: _Candidate, outer: _Candidate) -> bool:
    """A belief with its own subject joined by a bare "and" inside a reported clause
    ("Trump said the system is complex and he feels he can win"): still what was said."""
    cue = candidate.cue
    phrase = candidate.phrase
    if candidate.borrowed or phrase is None or cue.kind != VERB or cue.frame != "mind":
        return False
    if outer.cue.kind != VERB or outer.cue.frame not in ("say", "listener"):
        return False
    joiner = phrase.first - 1
    return view.norm(joiner) in {"and", "but"} and not view.punct(joiner - 1, ",;")


def _overlap(one: Content, other: Content) -> bool:
    return one.first <= other.last and other.first <= one.last


@functools.cache
def _approximators() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split()) for p in default_lexicon().words("approximators"))


def _before_approximator(view: SentenceView, j: int, floor: int) -> int:
    """The token before an approximator ending at `j` ("…, and more than 4 in 10 said"), else
    `j`: a count's own qualifier belongs to the speaker, not to a clause break."""
    for length in (4, 3, 2, 1):
        start = j - length + 1
        if start > floor and tuple(view.norms[start : j + 1]) in _approximators():
            return start - 1
    return j


def _break_before(view: SentenceView, boundary: int, floor: int) -> int | None:
    """The clause break right before `boundary` (a comma, a dash or a joiner), if any."""
    j = boundary - 1
    if view.tokens[boundary].kind == "num":
        j = _before_approximator(view, j, floor)
    while j > floor and view.quote_mark(j):
        j -= 1
    if j <= floor:
        return None
    if view.norms[j] in {"where", "which", "who"} and j - 1 > floor and view.punct(j - 1, ","):
        return j - 1  # "…in Githurai, where residents said …": the relative clause is theirs
    if view.norms[j] in _JOINERS:
        # "… and said", ", but B said", "… after B said": cut before the joiner
        before = j - 1
        while before > floor and view.quote_mark(before):
            before -= 1
        return before if view.norms[before] in _BREAKS else j
    return j if view.norms[j] in _BREAKS else None


_RELATIVES = frozenset({"which", "who", "whom", "where", "that"})


def _inside_relative(view: SentenceView, phrase: Phrase, cue: Cue, content: Content) -> Content:
    """ "The war, which diplomats warned may draw in neighbours, entered …", "Opposition
    parties, which say the vote was rigged, have …": a cue inside a relative clause set off
    by commas reports only up to the clause's closing comma."""
    first = phrase.first if phrase.first < cue.first else cue.first
    if view.norm(cue.first - 1) in _RELATIVES:
        first = cue.first  # the subject is the relative pronoun: the antecedent speaks
    if (
        first < 2
        or view.norms[first - 1] not in _RELATIVES
        or not view.punct(first - 2, ",")
        or content.parts
        or content.pending
        or content.from_earlier
    ):
        return content
    for k in range(content.first + 1, content.last + 1):
        if view.quoted[k] or view.quote_mark(k):
            return content  # a quotation: its own bounds hold
        if view.punct(k, ","):
            if sum(view.word(j) for j in range(content.first, k)) < 3:
                return content  # "who said that, if elected, …": an aside, not the end
            return dataclasses.replace(content, last=k - 1, runs_on=False)
    return content


_QUOTING = frozenset({"quoted", "quotes", "quoting", "cited", "cites", "citing"})
_QUOTED_REACH = 12  # words of the quoted source between "quoted" and "as saying"


def _quoted_as(view: SentenceView, first: int) -> int | None:
    """The "as" of "quoted <source> as saying", the source starting at token `first`."""
    for j in range(first + 1, min(view.n - 1, first + _QUOTED_REACH)):
        if view.punct(j, ",;:") or view.quoted[j]:
            return None
        if view.norms[j] == "as" and view.norms[j + 1].endswith("ing"):
            return j
    return None


def _quoted_source(view: SentenceView, as_index: int) -> Phrase | None:
    """The source quoted in "State media quoted him as saying …": the words between the
    quoting verb and "as"."""
    for j in range(as_index - 2, max(-1, as_index - _QUOTED_REACH - 1), -1):
        if view.norms[j] in _QUOTING:
            return Phrase(j + 1, as_index - 1) if _quoted_as(view, j + 1) == as_index else None
    return None


_DOCUMENT_REACH = 4  # words from the issuing verb to its document ("issued a brief statement")


def _document_author(
    analysis: SentenceAnalysis, mentions: list[ActorMention], vocabulary: AttributionVocabulary
) -> ActorMention | None:
    """The actor right before "issued a statement", "released a report": its author."""
    tokens = analysis.tokens
    for index, token in enumerate(tokens):
        if token.norm not in vocabulary.issuing_verbs:
            continue
        reach = tokens[index + 1 : index + 1 + _DOCUMENT_REACH]
        if not any(t.norm in vocabulary.documents for t in reach):
            continue
        before = [m for m in mentions if m.end <= token.start]
        return before[-1] if before else None
    return None


def _topic_label(view: SentenceView, phrase: Phrase, content: Content) -> bool:
    """A place named before a colon over words that are not quoted: the topic of a headline
    or a paragraph ("Kazakhstan: Tokayev turns on …"), not a speaker."""
    if any(view.quoted[j] or view.quote_mark(j) for j in range(content.first, content.last + 1)):
        return False
    mentions = [
        view.mention_at[j] for j in range(phrase.first, phrase.last + 1) if j in view.mention_at
    ]
    return bool(mentions) and all(
        m.actor.kind in (ActorKind.STATE, ActorKind.TERRITORY) for m in mentions
    )
