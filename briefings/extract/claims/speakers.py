"""Who makes a claim: where the speaker phrase is for a cue (which actor it names is the
`resolver`'s job).

Before the cue ("the minister said"), across appositions ("Ana Ruiz, the army's
spokeswoman, said"), after it in an inverted quote frame ('"…," said Ana Ruiz'), after
"according to", before a possessive nominal cue ("the senator's claim that"), or, for ",
saying …" and "… and added", the subject of the clause. A negated, passive or infinitive
verb ("did not say", "was asked", "voted to condemn") has no speaker: no claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.extract.actors import ActorMention
from briefings.extract.claims.discourse import (
    PRONOUNS,
)
from briefings.extract.claims.phrases import (
    NAME_PARTICLES,
    POSSESSIVES,
    determiners,
    is_dash,
    is_verbish,
    name_like,
    name_run,
    np_left,
    np_right,
    owners,
    plural_possessive,
)
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary
from briefings.models import ActorKind

_PARTICIPLE = ("ed", "ld", "wn", "en", "nt", "ught", "aid")
_ACCUSED = frozenset({"accused", "charged", "suspected", "convicted", "cleared"})
_NAMING = frozenset({"called", "known", "named", "dubbed", "labeled", "labelled", "titled"})
SPOKESPEOPLE = frozenset({"spokespeople", "spokesmen"})
# who a state sends to a body or a place: the phrase goes on past "to"/"for" ("Iran's
# mission to the United Nations", "the US envoy for Sudan")
_ENVOYS = frozenset(
    {"mission", "delegation", "ambassador", "envoy", "representative", "embassy", "consulate"}
)
_LOCATIVES = frozenset({"from", "in", "at", "near", "to", "into", "across", "outside"})
# participles that make the agent after "by" a reader of a document, not its author
_READERS = frozenset({"seen", "obtained", "reviewed", "viewed", "read", "received", "heard"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
RELATIVES = frozenset({"who", "which", "that"})
_NEGATIONS = frozenset({"not", "never", "n't", "'t", "no"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"})
PERSON_TITLE_HEADS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "adm",
        "brig",
        "prof",
        "rev",
    }
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase: tokens first..last, and an apposition that describes it."""

    first: int
    last: int
    apposition: tuple[int, int] | None = None


# --- where the speaker phrase is ----------------------------------------------------------


_RELATIVE_REACH = 20  # tokens a ", which …," clause may run between a subject and its verb


def _before_relative_clause(view: SentenceView, comma: int) -> Phrase | None:
    """ "France, which has a military base in the capital, Libreville, said …": the name
    that opens the sentence before a ", which/who …," clause ending right before the verb."""
    for k in range(comma - 1, max(0, comma - _RELATIVE_REACH), -1):
        if view.tokens[k].kind == "quote" or view.punct(k, ".;:"):
            return None
        if view.norms[k] in {"which", "who"} and view.punct(k - 1, ","):
            end = k - 2
            if end < 0 or not (
                view.title_case(end) or speaking_noun(view.vocabulary, view.norms[end])
            ):  # "France, which …," / "One resident, who gave only his first name, …,"
                return None
            start = np_left(view, end)
            if start is not None and _named_after_opening_description(view, start):
                return Phrase(start, end)  # "Sheinbaum's main rival, Xóchitl Gálvez, who …"
            if start is None or (start > 0 and not view.quote_mark(start - 1)):
                return None  # "a ferry captain from Visby, who …": inside an apposition
            return Phrase(start, end)
    return None


def _named_after_opening_description(view: SentenceView, start: int) -> bool:
    """A name in apposition to the description that opens the sentence: "Sheinbaum's main
    rival, Xóchitl Gálvez, who …" (the name, not the description, is the subject)."""
    if start < 2 or not view.punct(start - 1, ","):
        return False
    opening = np_left(view, start - 2)
    if opening is None or (opening > 0 and not view.quote_mark(opening - 1)):
        return False
    return not view.title_case(start - 2) and _named(view, start, start)


def subject_before(
    view: SentenceView, cue_first: int, *, lenient: bool = False
) -> tuple[Phrase | None, str]:
    """The subject of the verb cue at `cue_first`, and how it was found: "subject",
    "apposition", "relative", "none" (nothing there), "skip" (negated, passive or an
    infinitive: no claim), "comma" (a comma or quote right before: maybe quote-final or
    inverted), "and" (a verb coordinated with an earlier one)."""
    vocabulary = view.vocabulary
    j = cue_first - 1
    skipped: list[str] = []
    while j >= 0:
        norm = view.norms[j]
        if view.timed[j] and view.word(j):
            j -= 1
            continue
        if (
            view.word(j)
            and not view.title_case(j)
            and (norm in vocabulary.between or vocabulary.adverb(norm))
        ):
            if norm == "to" and view.norm(j - 1) not in vocabulary.before_to:
                return None, "skip"  # "voted to condemn": the verb is an infinitive
            skipped.append(norm)
            j -= 1
            continue
        if norm in _NEGATIONS and view.word(j):
            return None, "skip"
        if norm == "," and (_parenthetical_adverb(view, j) or _participle_aside(view, j)):
            j -= 2
            while j >= 0 and view.norms[j] != ",":
                j -= 1
            j -= 1
            continue
        if norm == ")" and not skipped:
            opening = next(
                (k for k in range(j - 1, max(-1, j - 30), -1) if view.norms[k] == "("), None
            )
            if opening is not None and opening > 0:
                named = _parenthetical_name(view, opening, j)
                if named is not None:
                    return named, "apposition"  # "The ombudsman's office (Defensoría …)"
                j = opening - 1  # "Sen. Rand Paul (R-Ky.) said"
                continue
        break
    if any(n in _NEGATIONS for n in skipped):
        return None, "skip"
    if any(n in vocabulary.not_yet for n in skipped):
        return None, "skip"  # "the Kremlin is expected to announce": not said yet
    if any(n in _BE for n in skipped) and view.norms[cue_first].endswith(_PARTICIPLE):
        return None, "skip"  # "was asked", "were told", "is widely seen": passive
    if _participle_modifier(view, cue_first, skipped):
        return None, "skip"  # "soldiers accused of …", "a federation called G9"
    if j < 0:
        return None, "none"
    norm = view.norms[j]
    if view.tokens[j].kind == "quote" or norm in {",", ":"} or is_dash(view, j):
        if norm == ",":
            phrase = (
                _before_relative_clause(view, j)
                or _apposition_subject(view, j)
                or _initial_name_subject(view, j)
            )
            if phrase is not None and view.tokens[phrase.first].kind != "num":
                return phrase, "apposition"  # (not "60 people killed, 231 injured, says X")
        return None, "comma"
    if norm in {"and", "but", "or"}:
        return None, "and"
    if norm in RELATIVES:
        antecedent = _antecedent(view, j)
        return (antecedent, "relative") if antecedent else (None, "none")
    if not (view.word(j) or view.punct(j, ".")):
        return None, "none"
    start = np_left(view, j)
    if start is None:
        return _relative_gap(view, j)
    phrase = Phrase(start, j)
    if view.norm(start - 1) in {"to", "for"} and view.norm(start - 2) in _ENVOYS:
        envoy = np_left(view, start - 2)  # "Iran's mission to the United Nations said": Iran's
        if envoy is not None:
            phrase = Phrase(envoy, j)
    if view.norm(start - 1) in _LOCATIVES and phrase.first == start:
        gap = _relative_gap(view, j)  # "A man who had travelled from Isfahan told …": the man
        if gap[0] is not None:
            return gap
    bare_plural = start == j and view.norms[j].endswith("s") and view.punct(cue_first + 1, ",")
    if _verb_phrase_after_comma(view, start, j) and not bare_plural:
        return None, "none"  # "X, surrounded by officers, read a declaration … saying"
    if (
        view.norm(start - 1) in RELATIVES
        and not view.titles[start]
        and view.norms[start] not in owners() | PRONOUNS
        and not speaking_noun(view.vocabulary, view.norms[start])
        and not speaking_noun(view.vocabulary, view.norms[j])  # "which local officials say"
    ):
        # "gangs that control most of the capital demanded": the relative's antecedent
        antecedent = _antecedent(view, start - 1)
        return (antecedent, "relative") if antecedent else (None, "none")
    if not plausible(view, phrase, lenient=lenient):
        return _relative_gap(view, j)
    return phrase, "subject"


def _verb_phrase_after_comma(view: SentenceView, start: int, end: int) -> bool:
    """A phrase opening with a lower-case word that is no determiner, right after a comma,
    and not headed by a noun that can speak: the predicate of a subject set off before it
    ("X, surrounded by officers, read a declaration"), not a subject ("…, local health
    authorities said")."""
    if not view.punct(start - 1, ","):
        return False
    head = view.norms[end]
    if view.titles[end] or speaking_noun(view.vocabulary, head):
        return False
    norm = view.norms[start]
    if view.title_case(start) or not view.word(start) or view.tokens[start].kind == "num":
        return False
    vocabulary = view.vocabulary
    return not (
        norm in determiners()
        or norm in POSSESSIVES
        or norm in PRONOUNS
        or norm in vocabulary.roles
        or norm in vocabulary.documents
        or norm.rstrip("s") in vocabulary.roles
    )


def speaking_noun(vocabulary: AttributionVocabulary, norm: str) -> bool:
    """A noun that can head a speaker phrase: a role, a group, a document."""
    return (
        norm in vocabulary.roles
        or norm.rstrip("s") in vocabulary.roles
        or norm in vocabulary.documents
        or norm in vocabulary.titles
    )


def first_person(view: SentenceView, index: int) -> bool:
    """ "I", "we", "you" — not "US" (the country)."""
    token = view.tokens[index]
    return (token.norm in FIRST_PERSON or token.norm == "you") and not token.is_upper


def _parenthetical_name(view: SentenceView, opening: int, closing: int) -> Phrase | None:
    """A name in brackets after a description: "the ombudsman's office (Defensoría del
    Pueblo)" — the name is the speaker, the description its role."""
    first, last = opening + 1, closing - 1
    if last < first or last - first > 6 or not (view.titles[first] and view.titles[last]):
        return None
    if any(view.tokens[k].is_upper for k in range(first, last + 1)) and first == last:
        return None  # an acronym repeats the name before it: "the Committee (TCY)"
    end = opening - 1
    if end < 0 or not view.word(end):
        return None
    start = np_left(view, end)
    if start is None or names_someone(view, start, end):
        return None
    return Phrase(first, last, (start, end))


def _participle_modifier(view: SentenceView, cue: int, skipped: list[str]) -> bool:
    """A passive participle after a noun, not a verb of that noun: "backed by its ally",
    "known as SYNAPOHA", "a group called G9", "people accused of murder"."""
    norm = view.norms[cue]
    if skipped or not norm.endswith(_PARTICIPLE):
        return False
    after = view.norm(cue + 1)
    if (
        norm.endswith("ed")
        and view.punct(cue - 1, ",")
        and after in _WHEN_AFTER_PARTICIPLE
        and _reduced_relative(view, cue)
    ):
        return True  # "The outbreak, declared on September 27, saw …"
    if after == "by":
        gerund = view.norm(cue + 2)  # "responded by using": active ("right-wing" is no verb)
        return not (gerund.endswith("ing") and "-" not in gerund)
    agent = next((k for k in range(cue + 2, min(view.n, cue + 8)) if view.norms[k] == "by"), None)
    if (
        agent is not None
        and norm.endswith("ed")
        and all(view.word(k) and view.norms[k] not in _CLAUSE_WORDS for k in range(cue + 1, agent))
    ):
        # "the 5,500 deaths confirmed earlier in the week by the administration"
        owner = view.norms[cue - 1]
        return (
            view.word(cue - 1)
            and not view.titles[cue - 1]
            and cue - 1 not in view.mention_at
            and owner not in PRONOUNS | RELATIVES
            and not speaking_noun(view.vocabulary, owner)
        )
    if norm == "known" and after == "as":
        return True
    vocabulary = view.vocabulary
    before = cue - 1
    noun_before = (
        view.word(before)
        and not view.titles[before]
        and view.norms[before] not in PRONOUNS | RELATIVES | vocabulary.roles
    )
    if norm in _ACCUSED and after == "of":
        # "a man accused of being a jihadist": the active verb takes its object first
        # ("accused the army of …"), so "accused of" right after a word is always passive
        return noun_before or view.word(before)
    return (
        norm in _NAMING and noun_before and (view.title_case(cue + 1) or view.quote_mark(cue + 1))
    )


def _reduced_relative(view: SentenceView, cue: int) -> bool:
    """A participle set off by commas that only says when ("declared on September 27,"):
    the clause closes within a few words, with no "that" and no phrasal particle, and a
    finite verb follows (not "…, saying")."""
    verb = view.vocabulary.verb_at(view.norms, cue)
    if verb is not None and verb[1] > 1:
        return False  # "called on the government": a phrasal verb, the clause's own
    for j in range(cue + 1, min(view.n - 1, cue + 8)):
        if view.norms[j] == "that":
            return False
        if view.punct(j, ","):
            following = view.norms[j + 1]
            return view.word(j + 1) and not following.endswith("ing") and not view.titles[j + 1]
    return False


_WHEN_AFTER_PARTICIPLE = frozenset({"on", "in", "at", "last", "earlier", "this", "late"})
# words that start a clause of their own between a participle and "by" ("said it had been
# brought under control by …"): the "by" is not the participle's agent
_CLAUSE_WORDS = frozenset(
    {"had", "has", "have", "been", "was", "were", "is", "are", "be", "that", "it", "he", "she",
     "they", "we", "to"}
)  # fmt: skip


def _parenthetical_adverb(view: SentenceView, comma: int) -> bool:
    """ ", however," / ", in turn," before the verb."""
    j = comma - 1
    words = 0
    while j >= 0 and view.word(j) and not view.title_case(j) and words < 3:
        j -= 1
        words += 1
    return 0 < words < 3 and view.punct(j, ",") and view.norm(comma - 1) in view.vocabulary.adverbs


_ASIDE_REACH = 8  # words of ", citing his sources," between a subject and its verb


def _participle_aside(view: SentenceView, comma: int) -> bool:
    """ ", citing his sources," / ", speaking on condition of anonymity," before the verb:
    an aside that opens with a participle, set off by commas after a subject."""
    opening = next(
        (k for k in range(comma - 1, max(-1, comma - _ASIDE_REACH - 1), -1) if view.punct(k, ",")),
        None,
    )
    if opening is None or opening < 1 or not view.word(opening - 1):
        return False
    first = view.norm(opening + 1)
    if not (first.endswith("ing") and len(first) > 4 and not view.title_case(opening + 1)):
        return False
    start = np_left(view, opening - 1)
    # "Ingrid Sol, 61, a retired teacher, appearing on …, said": an apposition's, not this
    return start is not None and not view.punct(start - 1, ",")


def _apposition_subject(view: SentenceView, comma: int) -> Phrase | None:
    """ "NAME, <apposition>, said": the phrase before the apposition (two appositions
    allowed: "NAME, a former deputy, the party's leader, said")."""
    closing = comma
    described: tuple[int, int] | None = None
    for _ in range(3):
        opening = _opening_comma(view, closing)
        if opening is None:
            if described is None or closing < 1 or not view.word(closing - 1):
                return None
            # "Milan Radoičić, a former vice-president of X, the party of Y, has said"
            start = np_left(view, closing - 1)
            if start is None or not _named(view, start, closing - 1):
                return None
            return Phrase(start, closing - 1, described)
        named = _name_after_description(view, opening, closing)
        if named is not None:
            return named
        if not _looks_apposition(view, opening + 1, closing - 1):
            return None
        end = opening - 1
        if view.punct(end, ")"):  # "the Centre for Public Integrity (CIP), a watchdog, said"
            end = (
                next(
                    (k for k in range(end - 1, max(-1, end - 12), -1) if view.norms[k] == "("), end
                )
                - 1
            )
        if end >= 0 and (view.word(end) or view.punct(end, ".")):
            start = np_left(view, end)
            if start is not None and _named(view, start, end):
                if view.punct(start - 1, ",") and _looks_apposition(view, start, end):
                    closing = start - 1  # "X, a former deputy of Y, the party of Z, said"
                    described = (start, end)
                    continue
                return Phrase(start, end, (opening + 1, closing - 1))
        if end >= 0 and view.punct(end, ","):
            closing = end
            continue
        return None
    return None


_LONG_APPOSITION = 40  # tokens between a sentence-opening name and its verb


def _initial_name_subject(view: SentenceView, comma: int) -> Phrase | None:
    """ "Paul Porter, a truck driver from Ava, Mo., who is a member of the union, said":
    a person's name opens the sentence and a long description set off by commas (with its
    own commas and relative clause) ends right before the verb."""
    if comma > _LONG_APPOSITION or not view.title_case(0):
        return None
    end = 0
    while end + 1 < comma and (
        view.title_case(end + 1)
        or (view.punct(end + 1, ".") and view.title_case(end + 2))
        or view.norms[end + 1] in NAME_PARTICLES
    ):
        end += 1
    if not view.punct(end + 1, ",") or end + 2 >= comma:
        return None
    words = [j for j in range(0, end + 1) if view.word(j)]
    name_end = view.tokens[end].end
    person = any(
        m.actor.kind == ActorKind.PERSON and m.start < name_end for m in view.mentions
    ) or (len(words) >= 2 and any(view.norms[j] in view.vocabulary.given_names for j in words))
    if not person:
        return None
    if any(view.quote_mark(k) or view.punct(k, ";:") for k in range(end + 1, comma)):
        return None
    pieces = [k + 1 for k in range(end + 1, comma) if view.punct(k, ",")]
    if not all(_description_opens(view, k) for k in pieces):
        return None  # "Smith, 45, was arrested …": a clause of its own, not a description
    return Phrase(0, end, (end + 2, comma - 1))


def _description_opens(view: SentenceView, index: int) -> bool:
    """A piece of a long apposition starts here: "a truck driver", "R-Fla.", "who is …",
    "appearing on Fox News", "from Ava", "45"."""
    norm = view.norm(index)
    vocabulary = view.vocabulary
    return (
        view.title_case(index)
        or view.tokens[index].kind == "num"
        or norm in determiners()
        or norm in POSSESSIVES
        or norm in RELATIVES
        or norm in vocabulary.prepositions
        or norm in vocabulary.roles
        or norm in vocabulary.person_roles
        or (norm.endswith("ing") and len(norm) > 4)
        or norm in {"former", "then", "now", "also", "both", "once", "himself", "herself"}
    )


def _name_after_description(view: SentenceView, opening: int, closing: int) -> Phrase | None:
    """ "One pastor supporting the senator, Ana Diaz of Grace Church, said": the name set
    off after a description is the speaker; the description is their role."""
    first, last = opening + 1, closing - 1
    if last < first or not view.title_case(first) or view.sentence_initial(first):
        return None
    run_end = first
    while run_end + 1 <= last and (
        name_like(view, run_end + 1)
        or view.punct(run_end + 1, ".")
        or (view.norms[run_end + 1] in NAME_PARTICLES and name_like(view, run_end + 2))
    ):
        run_end += 1
    known_body = run_end == first and _known_body(view, first)  # "…'s agency, Unicef, said"
    if (run_end - first < 1 and not known_body) or run_end - first > 4:
        return None  # one capitalised word ("R-Texas") is no full name
    if run_end < last and view.norm(run_end + 1) not in {"of", "from", "at", "with"}:
        return None
    start = opening - 1
    if view.punct(start, ")"):  # "The head of the … Office (BKA), Holger Münch, told"
        paren = next((k for k in range(start - 1, max(0, start - 8), -1) if view.punct(k, "(")), 0)
        start = paren - 1 if paren > 1 else start
    while start > 0 and not (
        view.punct(start - 1, ",;:()") or view.quote_mark(start - 1) or is_dash(view, start - 1)
    ):
        start -= 1
    possessive = any(  # "Porto Alegre's mayor, Sebastiao Melo, …"
        view.titles[k - 1] and view.norm(k) in {"'s", "'"} for k in range(start + 1, opening)
    )
    if opening - start < 2 or not (
        possessive or view.norms[start] in determiners() | {"one", "another"}
    ):
        return None  # a description opens with "a", "the", "one": "One pastor …"
    if known_body:
        return Phrase(first, last)  # the body speaks; its description names no one
    return Phrase(first, last, (start, opening - 1))


def _known_body(view: SentenceView, index: int) -> bool:
    """A registry organisation or armed group named by the one word at `index`."""
    mention = view.mention_at.get(index)
    return mention is not None and mention.actor.kind in (
        ActorKind.ORGANISATION,
        ActorKind.ARMED_GROUP,
    )


def _opening_comma(view: SentenceView, closing: int) -> int | None:
    j = closing - 1
    while j >= 0 and closing - j <= 30:
        if view.punct(j, ","):
            return j
        if view.quote_mark(j) or view.punct(j, ";:") or view.quoted[j]:
            return None
        j -= 1
    return None


def _looks_apposition(view: SentenceView, first: int, last: int) -> bool:
    """ "the party's leader", "a former deputy of X", "who visited the area", "I-Vt.",
    "surrounded by officers": a description, not a clause of its own."""
    if last < first:
        return False
    norm = view.norms[first]
    if norm in {"and", "but", "or", "however", "though", "although", "meanwhile"}:
        return False
    if norm in RELATIVES or norm in determiners() or norm in POSSESSIVES:
        return True
    if is_verbish(view, first) and (view.norm(first + 1) in owners() or view.title_case(first + 1)):
        return False  # "X, rejected the accusations, saying …": a predicate, not a description
    if view.word(first) and not view.title_case(first):
        return True  # "surrounded by officers", "former deputy of …"
    # a capitalised description: "Republican of Ohio", "I-Vt.", "Kremlin spokesman"
    return last - first <= 6


def _named(view: SentenceView, first: int, last: int) -> bool:
    """A phrase that names someone: an actor mention, a capitalised word or a role noun."""
    vocabulary = view.vocabulary
    for j in range(first, last + 1):
        if j in view.mention_at or (view.title_case(j) and not view.sentence_initial(j)):
            return True
        if view.norms[j] in vocabulary.roles or view.norms[j] in PRONOUNS:
            return True
    return view.title_case(first)


def _antecedent(view: SentenceView, relative: int) -> Phrase | None:
    """ "X, who said" / "officials who said": the phrase before the relative pronoun."""
    j = relative - 1
    if view.punct(j, ","):
        j -= 1
    if j < 0 or not (view.word(j) or view.punct(j, ".")):
        return None
    start = np_left(view, j)
    if start is None:
        return None
    phrase = Phrase(start, j)
    named = _named_before_apposition(view, start)
    if named is not None:
        return named  # "said Ana Ruiz, a teacher, who said …": Ana Ruiz
    return phrase if plausible(view, phrase) else None


def _named_before_apposition(view: SentenceView, start: int) -> Phrase | None:
    """The name an apposition opened by an article at `start` describes: "Ana Ruiz" in
    "Ana Ruiz, a 34-year-old teacher"."""
    if view.norm(start) not in {"a", "an", "the"} or not view.punct(start - 1, ","):
        return None
    end = start - 2
    if end < 0 or end not in view.mention_at or not view.title_case(end):
        return None
    first = end
    while (
        first - 1 >= 0
        and first - 1 in view.mention_at
        and view.mention_at[first - 1] is view.mention_at[end]
    ):
        first -= 1
    return Phrase(first, end)


def _relative_gap(view: SentenceView, end: int) -> tuple[Phrase | None, str]:
    """ "officials who asked not to be named said": the phrase before "who"."""
    for j in range(end, max(-1, end - 10), -1):
        if view.punct(j, ",.;:") or view.quote_mark(j):
            break
        if view.norms[j] == "who":
            antecedent = _antecedent(view, j)
            if antecedent is not None:
                return antecedent, "relative"
            break
    return None, "none"


def plausible(view: SentenceView, phrase: Phrase, *, lenient: bool = False) -> bool:
    """A phrase that can speak: a name, a pronoun, a role, a group or a document — not "the
    economy" or "the bill". `lenient` (the subject of a speech verb: "the airline said")
    accepts any short noun phrase opened by a determiner."""
    vocabulary = view.vocabulary
    if lenient and lenient_phrase(view, phrase.first, phrase.last):
        return True
    for j in range(phrase.first, phrase.last + 1):
        if j in view.mention_at:
            return True
        if view.title_case(j) and not (
            view.sentence_initial(j) and view.norms[j] in vocabulary.openers
        ):
            return True
    head = head_of(view, phrase.first, phrase.last)
    norm = view.norms[head]
    if norm in PRONOUNS:
        return phrase.first == phrase.last
    return (
        norm in vocabulary.roles
        or norm in vocabulary.documents
        or norm.rstrip("s") in vocabulary.roles
        or norm in vocabulary.titles
    )


def lenient_phrase(view: SentenceView, first: int, last: int) -> bool:
    """A short noun phrase opened by a determiner, a possessive or a number ("the airline",
    "his lawyers", "two witnesses"), a bare plural ("pollsters") or "those close to him"."""
    if view.norms[first] in {"those", "people", "sources", "some", "officials"} and (
        view.norm(first + 1) in view.vocabulary.phrase_adjectives
        or (view.norm(first + 1) == "with" and "knowledge" in view.norms[first + 2 : first + 5])
    ):
        return last - first <= 10  # "those close to him", "people with knowledge of …"
    if first == last and view.norms[first] in view.vocabulary.quantities:
        return True  # "Several said", "Many say"
    if last - first > 6 or not view.word(last) or view.norms[last] in PRONOUNS:
        return False
    opener = view.norms[first]
    if (
        opener in determiners()
        or opener in POSSESSIVES
        or opener in view.vocabulary.quantities
        or view.tokens[first].kind == "num"
    ):
        return first < last
    return first == last and opener.endswith("s") and len(opener) > 3


def head_of(view: SentenceView, first: int, last: int) -> int:
    """The head word: the last word before "of"/"for"/"at"/"from"/"in" — after "of" when
    the phrase opens with a quantity ("thousands of angry protesters")."""
    vocabulary = view.vocabulary
    start = first
    while start < last and view.norms[start] in determiners():
        start += 1
    if view.norms[start] in vocabulary.quantities and view.norm(start + 1) == "of":
        first = start + 2
        while first < last and view.norms[first] in determiners():
            first += 1
    for j in range(first + 1, last + 1):
        if view.norms[j] in vocabulary.np_inner and view.norms[j] not in {"&", "and"}:
            return j - 1
    return last


def subject_after(view: SentenceView, cue_last: int) -> Phrase | None:
    """The speaker of an inverted frame ('"…," said Jane Doe, a spokeswoman.')."""
    first = cue_last + 1
    if first >= view.n or not view.word(first) or view.norms[first] in {"that", "it"}:
        return None
    end = np_right(view, first)
    if end is None:
        return None
    if (is_verbish(view, end + 1) or _past_form(view, end)) and not view.punct(end + 1, ","):
        return None  # "…, said Obama failed to …": Obama is the reported clause's subject
    phrase = Phrase(first, end, _apposition_after(view, end))
    return phrase if plausible(view, phrase) else None


def _past_form(view: SentenceView, end: int) -> bool:
    """The phrase ends in a lower-case past form after a name ("Obama failed")."""
    return (
        end > 0
        and view.norms[end].endswith("ed")
        and not view.title_case(end)
        and view.title_case(end - 1)
    )


def _apposition_after(view: SentenceView, end: int) -> tuple[int, int] | None:
    """ ", a spokeswoman for the Red Crescent" after an inverted speaker."""
    if not view.punct(end + 1, ","):
        return None
    first = end + 2
    if first >= view.n or not view.word(first):
        return None
    last = np_right(view, first)
    if last is None or not _looks_apposition(view, first, last):
        return None
    if (
        last + 1 < view.n
        and not view.punct(last + 1, ",.;:)!?—–")
        and not view.quote_mark(last + 1)
    ):
        return None  # "According to X, 40 people were killed": a clause, not an apposition
    return first, last


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
# words opening a time adverbial before the subject: "Hours before the announcement, …"
_TIME_OPENERS = frozenset(
    {"hours", "days", "minutes", "weeks", "months", "moments", "years", "shortly", "soon"}
)


def clause_subject(view: SentenceView, before: int) -> Phrase | None:
    """The subject of the sentence's main clause, for ", saying …" and "… and added".

    The first phrase after any opening adverbial ("On Tuesday, …", "In a statement, …")."""
    j = 0
    if view.quoted[0] or view.quote_mark(0):
        return None  # the sentence opens with a quote: its speaker comes later
    while j < before and view.punct(j, "—–-("):
        j += 1
    if j < before and (
        view.norm(j) in view.vocabulary.clause_openers
        or view.norm(j) in _TIME_OPENERS
        or view.timed[j]
    ):  # "In a statement, …", "Hours before the announcement, …", "On Monday, …"
        comma = next((k for k in range(j, min(before, j + 15)) if view.punct(k, ",")), None)
        if comma is None:
            return None
        j = comma + 1
    if j >= before or not view.word(j):
        return None
    if view.norms[j] in _SUBJECT_PRONOUNS:  # "He presented himself …, and voiced support"
        return Phrase(j, j)
    end = np_right(view, j, before)
    if end is None:
        return None
    if view.punct(end + 1, ","):  # "the group's leader, Abdul-Malik al-Houthi, said …"
        closing = next(
            (k for k in range(end + 2, min(before, end + 12)) if view.punct(k, ",")), None
        )
        if closing is not None:
            named = _name_after_description(view, end + 1, closing)
            if named is not None:
                return named
    phrase = Phrase(j, end)
    return phrase if plausible(view, phrase) else None


def after_source_phrase(view: SentenceView, first: int) -> Phrase | None:
    """The source after "according to", with its agent ("a letter signed by the army
    chief, Gen. Y", "a statement from the ministry")."""
    if first >= view.n:
        return None
    end = np_right(view, first)
    if end is None and view.norms[first] in view.vocabulary.ambiguous and first + 1 < view.n:
        end = np_right(view, first + 1)  # "according to state officials": no verb there
    if end is None:
        return None
    read_by = next(
        (
            j
            for j in range(first + 1, min(end + 2, view.n))
            if view.norms[j] in _READERS and view.norm(j + 1) == "by"
        ),
        None,
    )
    if read_by is not None:
        end = read_by - 1  # "a notification seen by Reuters": Reuters read it, not wrote it
    by = end + 1
    if view.word(by) and view.norms[by].endswith("ed") and view.norm(by + 1) in {"by", "from"}:
        by += 1
    if read_by is None and view.norm(by) in {"by", "from"} and view.word(by + 1):
        agent_end = np_right(view, by + 1)
        if agent_end is not None:
            end = agent_end
    named = end + 2
    if view.punct(end + 1, ",") and _known_body(view, named):
        mention = view.mention_at[named]
        last = named
        while last + 1 < view.n and view.tokens[last + 1].end <= mention.end:
            last += 1
        if last + 1 >= view.n or view.punct(last + 1, ",.;"):
            return Phrase(named, last)  # "according to the UN agency for refugees, UNRWA"
    apposition = _apposition_after(view, end)
    if apposition is not None and _opens_sentence(view, first - 2) and _ends(view, apposition[1]):
        apposition = None  # "According to officials, the levees gave way": the rest is said
    return Phrase(first, end, apposition)


def _opens_sentence(view: SentenceView, index: int) -> bool:
    return not any(view.word(j) for j in range(index))


def _ends(view: SentenceView, last: int) -> bool:
    """Nothing but punctuation after token `last`."""
    return not any(view.word(j) for j in range(last + 1, view.n))


def possessor(view: SentenceView, noun: int) -> Phrase | None:
    """The owner of a nominal cue: "the senator's claim", "his call", "Smith's repeated
    calls"."""
    j = noun - 1
    adjectives = 0
    if j > 0 and plural_possessive(view, j):  # "Survivors' testimonies that …"
        start = np_left(view, j - 1)
        phrase = Phrase(start, j - 1) if start is not None else None
        return phrase if phrase is not None and plausible(view, phrase) else None
    while j >= 0 and view.word(j) and not view.title_case(j) and adjectives < 2:
        if view.norms[j] in POSSESSIVES or view.norms[j] == "'s":
            break
        if view.norms[j] in view.vocabulary.np_stops or view.norms[j] in determiners():
            return None
        j -= 1
        adjectives += 1
    if j < 0:
        return None
    if view.norms[j] in POSSESSIVES:
        return Phrase(j, j)
    if view.norms[j] == "'s" and j > 0:
        start = np_left(view, j - 1)
        if start is None:
            return None
        phrase = Phrase(start, j - 1)
        return phrase if plausible(view, phrase) else None
    return None


def names_someone(view: SentenceView, first: int, last: int) -> bool:
    """A person or a name in the phrase (not only a role: "the army chief", "Porto Alegre's
    mayor": a name that owns the role is not the one who holds it)."""
    owner_end = max((j for j in range(first, last) if view.norms[j] in ("'s", "'")), default=None)
    if owner_end is not None and not any(view.titles[j] for j in range(owner_end + 1, last + 1)):
        return False
    for mention in mentions_in(view, first, last):
        if mention.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN):
            return True
    run = name_run(view, first, last)
    if run is None:
        return False
    start, end = run
    mentioned = any(
        m.start <= view.tokens[start].start < m.end for m in mentions_in(view, first, last)
    )
    return not mentioned and not (start == end and view.sentence_initial(start))


def mentions_in(view: SentenceView, first: int, last: int) -> list[ActorMention]:
    start = view.tokens[first].start
    end = view.tokens[last].end
    return [m for m in view.mentions if start <= m.start and m.end <= end]


def past_reader(view: SentenceView, last: int) -> int:
    """The end of "seen by Reuters" right after a source phrase ending at `last` (who read
    the document is no part of what it says); `last` when there is none."""
    if view.norm(last + 1) in _READERS and view.norm(last + 2) == "by":
        end = np_right(view, last + 3)
        return end if end is not None else last
    return last
