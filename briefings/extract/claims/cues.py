"""Cues: the words that make an attribution — a reporting verb, a reporting noun with its
owner ("the senator's claim that"), a source phrase ("according to"), or the colon of a
"NAME: …" line — found outside quotation marks in the analysed tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.extract.claims.phrases import POSSESSIVES, determiners, owners
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary
from briefings.models import Stance

VERB = "verb"
NOUN = "noun"
SOURCE = "source"
COLON = "colon"
SIGNED = "signed"  # '“…” ― Jane Doe': a quote signed with a dash and a name
EVIDENCE = "evidence"  # "in a CNN poll"
_LABEL_WORDS = 12  # a longer run before a colon is not a "NAME: …" label
_LABEL_JOINERS = frozenset(
    {"to", "on", "at", "of", "for", "in", "the", "and", "about", "with", "'s", "from"}
)
_DASHES = frozenset({"-", "—", "–", "--", "―"})
SIGNATURE_DASHES = _DASHES
_SIGNATURE_WORDS = 5  # "― Julie A. Diaz Martinez"


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue at tokens first..last (inclusive)."""

    kind: str
    first: int
    last: int
    stance: Stance
    frame: str = "say"
    label: str = ""
    takes: frozenset[str] = frozenset()
    phrase: tuple[int, int] | None = None  # the source phrase a label or a poll cue names

    def text(self, view: SentenceView) -> str:
        return view.span_text(self.first, self.last)


def may_have_cues(norms: list[str], vocabulary: AttributionVocabulary) -> bool:
    """Whether any token could open a cue (most sentences: none, and nothing more is done)."""
    return not vocabulary.triggers.isdisjoint(norms)


def find_cues(view: SentenceView) -> list[Cue]:
    """Every cue of the sentence, in order."""
    vocabulary = view.vocabulary
    triggers = vocabulary.triggers
    norms = view.norms
    quoted = view.quoted
    tokens = view.tokens
    cues: list[Cue] = []
    n = len(norms)
    i = 0
    while i < n:
        norm = norms[i]
        if norm not in triggers or (quoted[i] and not (norm == ":" and _opens_turn(view, i))):
            i += 1
            continue
        if norm in _DASHES:
            i += 1  # only a signature's dash (checked once, below)
            continue
        if norm == ":":
            if not any(c.kind == COLON for c in cues):
                colon = _colon(view, i)
                if colon is not None:
                    cues.append(colon)
            i += 1
            continue
        if tokens[i].kind != "word":
            i += 1
            continue
        if norm == "in":
            evidence = _evidence(view, i) if not cues else None
            if evidence is not None:
                cues.append(evidence)
            i += 1
            continue
        source = vocabulary.source_phrases.match(norms, i)
        if source:
            cues.append(Cue(SOURCE, i, i + source - 1, Stance.ASSERTS, label="according to"))
            i += source
            continue
        verb = vocabulary.verb_at(norms, i)
        if verb is not None and not _noun_use(view, i):
            word, length = verb
            cues.append(Cue(VERB, i, i + length - 1, word.stance, word.frame, word.label))
            i += length
            continue
        noun = vocabulary.nouns.get(norm)
        if noun is not None and i + 1 < n and norms[i + 1] in noun.takes:
            cues.append(Cue(NOUN, i, i, noun.stance, "say", noun.lemma, noun.takes))
        i += 1
    signature = _signature(view)
    if signature is not None:
        cues.append(signature)
    return cues


def _opens_turn(view: SentenceView, colon: int) -> bool:
    """'"WALLACE: If I may …' — a transcript turn inside a quotation that opens the
    paragraph and is never closed: the label's colon is a cue although it is quoted."""
    return (
        view.quote_mark(0)
        and colon <= _LABEL_WORDS
        and not any(view.quote_mark(j) for j in range(1, colon))
    )


def _signature(view: SentenceView) -> Cue | None:
    """'“We are afraid.” ― Krystal Correa': a closing quote, a dash and a short name end
    the sentence; the name signs the quote."""
    last = view.n - 1
    while last >= 0 and view.punct(last, "."):
        last -= 1
    first = last
    while (
        first > 0
        and last - first < _SIGNATURE_WORDS
        and (view.title_case(first) or (view.punct(first, ".") and view.title_case(first - 1)))
    ):
        first -= 1
    dash = first
    first += 1
    if (
        first > last
        or dash < 1
        or not view.punct(dash, SIGNATURE_DASHES)
        or not view.quote_mark(dash - 1)
        or view.quoted[dash - 1]
        or not view.title_case(first)
    ):
        return None
    return Cue(SIGNED, dash, dash, Stance.ASSERTS, label="said", phrase=(first, last))


def _noun_use(view: SentenceView, index: int) -> bool:
    """ "the claims", "his call for", "Smith's support", "United States", "the state of":
    a noun, not a verb."""
    if view.title_case(index) and not view.sentence_initial(index):
        return True
    norm = view.norms[index]
    vocabulary = view.vocabulary
    following = view.norm(index + 1)
    if norm in vocabulary.ambiguous and (
        following in {"of", "'s", "and", "or", ",", ".", "-"}
        or following in vocabulary.media_heads  # "Iranian state television said"
        or following in vocabulary.roles
        or following in vocabulary.titles
        or not _subject_ends_at(view, index - 1)
    ):
        return True  # "press secretary", "the state of", "his plans"
    before = view.norm(index - 1)
    if (
        norm in vocabulary.ambiguous
        and view.norm(index - 2) in {"a", "an"}
        and view.word(index - 1)
        and not view.titles[index - 1]
    ):
        return True  # "to hold a video call", "a phone call": a singular noun's compound
    if before.endswith("ly") and norm.endswith("ed") and view.norm(index - 2) in owners():
        return True  # "Yemen's internationally recognised government": an adjective
    if before in view.vocabulary.prepositions and view.word(index - 1):
        return not view.norms[index].endswith("ing")  # "after saying" is a gerund
    return (
        before in determiners()
        or before in POSSESSIVES
        or (before in vocabulary.quantities and norm in vocabulary.ambiguous)  # "most state laws"
        or before == "'s"
        or (
            (norm in vocabulary.nouns or norm in vocabulary.ambiguous)
            and view.word(index - 1)
            and not view.title_case(index - 1)
            and before not in vocabulary.between
            and before.endswith(("al", "ive", "ous", "ful", "ent", "ant", "ic"))
            and view.norm(index - 2) in owners()
        )
    )


def _subject_ends_at(view: SentenceView, index: int) -> bool:
    """A word that can end a subject right before an ambiguous verb form: a pronoun, a name,
    a role or group noun ("officials report"), a modal or adverb ("also supports")."""
    if view.punct(index, ",)"):
        return True  # "A Fox News poll, conducted …, shows"; "(R-Ky.) claims"
    if index < 0 or not view.word(index):
        return False
    norm = view.norms[index]
    vocabulary = view.vocabulary
    opener = view.sentence_initial(index) and (norm.endswith("ing") or norm in vocabulary.openers)
    return not opener and (
        norm in {"he", "she", "they", "it", "we", "who", "which", "that"}
        or view.title_case(index)
        or norm in vocabulary.roles
        or norm.rstrip("s") in vocabulary.roles
        or norm in vocabulary.documents
        or norm in vocabulary.between
        or norm.endswith("ly")
    )


def _colon(view: SentenceView, colon: int) -> Cue | None:
    """ "PENCE: …", "Smith on the deal: it is done", "… - Jane Doe: “…”": a short label
    naming someone, at the start of the sentence or after a dash, then what they said."""
    if colon + 1 >= view.n or not any(view.word(j) for j in range(colon + 1, view.n)):
        return None
    first = colon - 1
    while (
        first >= 0
        and colon - first <= _LABEL_WORDS
        and not (view.punct(first, _DASHES) or view.quote_mark(first))
    ):
        first -= 1
    if first >= 0 and not (view.punct(first, _DASHES) or view.quote_mark(first)):
        return None
    first += 1
    while first < colon and (view.quote_mark(first) or view.punct(first, _DASHES)):
        first += 1
    if first >= colon or not view.title_case(first):
        return None
    for j in range(first, colon):
        if not (
            view.title_case(j)
            or view.punct(j, ".")
            or view.norm(j) in _LABEL_JOINERS
            or view.tokens[j].kind == "num"
        ):
            return None
    if view.norms[first] in view.vocabulary.openers:
        return None
    end = label_end(view, first, colon)
    if not _speaker_label(view, first, end):
        return None
    return Cue(COLON, colon, colon, Stance.ASSERTS, label="said", phrase=(first, end))


def _speaker_label(view: SentenceView, first: int, last: int) -> bool:
    """A label that names someone: an actor the registry knows, a transcript's capitals
    ("PENCE", "JAKE TAPPER"), a full name ("Carl Bialik") or a surname ("Graham") — not
    "Note", "Answer", "The Latest" or a show's title."""
    start, end = view.tokens[first].start, view.tokens[last].end
    if any(start <= m.start and m.end <= end for m in view.mentions):
        return True
    words = [view.tokens[j] for j in range(first, last + 1) if view.word(j)]
    label = " ".join(t.norm for t in words)
    if not words or label in view.vocabulary.not_speaker_labels:
        return False
    if all(t.is_upper for t in words):
        return True
    if len(words) == 1:  # "Graham: …" heads an article about Lindsey Graham
        return words[0].norm not in view.vocabulary.openers and words[0].text[:1].isupper()
    return words[0].norm in view.vocabulary.given_names


def label_end(view: SentenceView, first: int, colon: int) -> int:
    """The end of the name that opens a colon label ("Clinton to Planned Parenthood" →
    "Clinton")."""
    end = first
    while end + 1 < colon and (
        view.title_case(end + 1) or view.punct(end + 1, ".") or view.norm(end + 1) == "'s"
    ):
        end += 1
    return end


def _evidence(view: SentenceView, index: int) -> Cue | None:
    """ "In a CNN poll released Monday, …", "… in the latest polls": a poll or survey as the
    source of the clause."""
    from briefings.extract.claims.phrases import np_right

    end = np_right(view, index + 1)
    if end is None:
        return None
    evidence = view.vocabulary.evidence
    head = next((j for j in range(end, index, -1) if view.norms[j] in evidence), None)
    if head is None:
        return None
    if any(view.norms[j] in {"of", "for"} for j in range(index + 1, head)):
        return None  # "in the wake of the poll": the poll is not the source
    return Cue(
        EVIDENCE, index, index, Stance.ASSERTS, label="according to", phrase=(index + 1, end)
    )
