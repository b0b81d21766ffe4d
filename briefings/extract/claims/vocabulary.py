"""The attribution vocabulary of `briefings/data/attribution.yaml`, loaded and checked once.

The finder decides where a speaker, a cue and a content are from the sentence analysis;
these lists only say what a word is (a reporting verb and its stance, a title, a listener,
a document that can speak). Verb forms are generated from lemmas, so a lemma added to the
file brings its "-s", "-ed" and "-ing" forms with it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefings.extract._lexicon import DATA_DIR, load_yaml
from briefings.models import Stance

FRAMES = frozenset({"say", "listener", "mind", "intent", "object"})
_SIBILANT_ENDS = ("s", "x", "z", "ch", "sh", "o")
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class CueWord:
    """A reporting verb (any form): its lemma, stance, frame and the past form cards use."""

    lemma: str
    stance: Stance
    frame: str
    label: str
    needs: frozenset[str] = frozenset()  # one must follow within four words
    acts: tuple[tuple[str, ...], ...] = ()  # objects that make it an act ("independence")


@dataclass(frozen=True, slots=True)
class NounCue:
    """A reporting noun ("claim", "call") and the words that introduce its content."""

    lemma: str
    stance: Stance
    takes: frozenset[str]
    verb: str  # how a card line reads it ("claimed", "called")


_QUOTE_NORMS = frozenset({'"', "“", "”", "'", "‘", "’"})


def _matched(norms: list[str], index: int, form: tuple[str, ...]) -> int | None:
    """Where `form` ends when it is written from token `index` on, quotation marks allowed
    between its words ('expressed "concern over …'); None when it is not there."""
    j = index
    for number, part in enumerate(form):
        while number and j < len(norms) and norms[j] in _QUOTE_NORMS:
            j += 1
        if j >= len(norms) or norms[j] != part:
            return None
        j += 1
    return j


def _third_person(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(_SIBILANT_ENDS):
        return word + "es"
    return word + "s"


def _past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        return word[:-1] + "ied"
    return word + "ed"


def _gerund(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    return word + "ing"


def regular_forms(lemma: str) -> list[str]:
    """ "criticize" → criticize, criticizes, criticized, criticizing; a lemma of several
    words inflects its first ("point out" → pointed out)."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    return [f"{form}{tail}" for form in (head, _third_person(head), _past(head), _gerund(head))]


def _words(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: '{key}' must be a list of words")
    return tuple(" ".join(str(item).lower().replace("’", "'").split()) for item in value)


def _stance(spec: dict[str, Any], where: str) -> Stance:
    try:
        return Stance(spec.get("stance", "asserts"))
    except ValueError as exc:
        raise ValueError(f"{where}: unknown stance {spec.get('stance')!r}") from exc


class Phrases:
    """Word sequences found by token norms: `match(norms, i)` is the longest entry starting at
    token i, as a number of tokens (0 when none)."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            parts = tuple(phrase.split())
            if parts:
                self._by_first.setdefault(parts[0], []).append(parts)
        for entries in self._by_first.values():
            entries.sort(key=len, reverse=True)
        self.singles = frozenset(p for p in phrases if " " not in p)
        self.phrases = phrases

    def match(self, norms: list[str], index: int) -> int:
        for parts in self._by_first.get(norms[index], ()):
            end = index + len(parts)
            if end <= len(norms) and tuple(norms[index:end]) == parts:
                return len(parts)
        return 0

    def ends_at(self, norms: list[str], end: int) -> int:
        """The longest entry ending just before token `end` (its length, 0 when none)."""
        best = 0
        for start in range(max(0, end - 4), end):
            length = self.match(norms, start)
            if start + length == end:
                best = max(best, length)
        return best

    def __contains__(self, word: object) -> bool:
        return word in self.singles


@dataclass(frozen=True, eq=False)
class AttributionVocabulary:
    """Every list of attribution.yaml (and the given names), ready for token lookups."""

    verbs: dict[tuple[str, ...], CueWord]
    stance_verbs: dict[Stance, str]
    verb_heads: dict[str, list[tuple[str, ...]]]  # first word → forms, longest first
    nouns: dict[str, NounCue]
    source_phrases: Phrases
    documents: frozenset[str]
    issuing_verbs: frozenset[str]
    account_nouns: frozenset[str]
    media: Phrases
    media_heads: frozenset[str]  # "state television": "state" is no verb before these
    listeners: Phrases
    between: frozenset[str]
    np_stops: frozenset[str]
    np_inner: frozenset[str]
    openers: frozenset[str]
    titles: Phrases
    state_roles: frozenset[str]
    not_for_state: frozenset[str]  # role words that rule out speaking for the state
    org_roles: frozenset[str]
    group_roles: frozenset[str]
    person_roles: frozenset[str]
    org_name_endings: frozenset[str]
    before_to: frozenset[str]
    prepositions: frozenset[str]
    ambiguous: frozenset[str]
    evidence: frozenset[str]
    title_forms: dict[str, str]
    state_institutions: frozenset[str]
    named_institution_heads: frozenset[str]  # "Ministry of Agriculture": the home state's
    personal_institutions: frozenset[str]
    state_body_heads: frozenset[str]
    state_body_markers: frozenset[str]
    state_forces: frozenset[str]
    state_force_pairs: frozenset[tuple[str, str]]  # ("civil", "defense"): a force's name
    state_force_modifiers: frozenset[str]
    state_force_tails: frozenset[str]
    local_police_states: frozenset[str]  # lower case
    person_suffixes: tuple[str, ...]
    org_kinds: dict[str, frozenset[str]]  # "group" → the actor kinds "the group" refers to
    empty_contents: tuple[tuple[str, ...], ...]
    not_yet: frozenset[str]
    quantities: frozenset[str]
    phrase_adjectives: frozenset[str]
    ly_not_adverbs: frozenset[str]
    not_speaker_labels: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    family_first: frozenset[str] = frozenset()  # "lin": "Lin Jian" is then "Lin"

    def names_state_body(self, norms: Sequence[str]) -> bool:
        """ "the national forensic service", "the country's electoral body", "state media":
        a public body named as the state's own, with no name of its own."""
        bare = [w for w in norms if w not in ("the", "a")]
        if len(bare) >= 3 and bare[0] in _DEPARTMENTS and bare[1] == "of":
            return True  # "the Department of Disaster Management Affairs": a state's own
        cut = next((i for i, w in enumerate(norms) if w in _NAME_LINKS and i > 0), len(norms))
        norms = norms[:cut]  # "the National Center for Hydro-meteorological Forecasting"
        if not norms or norms[-1] not in self.state_body_heads:
            return False
        for index, word in enumerate(norms[:-1]):
            if word == "country":
                if index + 1 < len(norms) and norms[index + 1] == "'s":
                    return True
            elif word in self.state_body_markers:
                return True
        return False

    def names_state_force(self, norms: Sequence[str]) -> bool:
        """ "police", "the national police", "National Police Service": a state's own forces
        with no name of their own, which speak for the state ("Arakan Army" is a group)."""
        words = [w for w in norms if w not in {".", ",", "'s"}]
        allowed = self.state_forces | self.state_force_modifiers | self.state_force_tails
        pairs = {pair for pair in itertools.pairwise(words) if pair in self.state_force_pairs}
        if pairs:  # "the state Civil Defense", "the National Civil Protection Coordination"
            allowed = allowed | {word for pair in pairs for word in pair} | self.state_body_heads
            allowed |= {"coordination", "coordinator", "system", "secretariat"}
            return all(w in allowed for w in words)
        return any(w in self.state_forces for w in words) and all(w in allowed for w in words)

    def org_name(self, name: str) -> bool:
        """A name of several words ending as an organisation's does ("… Police Service",
        "… of Trade Unions"), not a person's."""
        words = name.lower().split()
        if len(words) < 2:
            return False
        for index, word in enumerate(words[1:], start=1):
            if word in {"of", "for", "to", "on", "in", "against"}:
                words = words[:index]  # "Coalition for Change": the head is before "for"
                break
        last = words[-1]
        return last in self.org_name_endings or (
            last.endswith("s") and last[:-1] in self.org_name_endings
        )

    def role_noun(self, norm: str) -> bool:
        """A noun for who speaks: a listed role ("analysts", "minister") or a word with a
        person's ending ("hydrologist", "historians")."""
        return (
            norm in self.roles
            or norm.rstrip("s") in self.roles
            or (norm.endswith("ies") and norm[:-3] + "y" in self.roles)  # "parties"
            or (len(norm) > 6 and norm.isalpha() and norm.endswith(self.person_suffixes))
        )

    def adverb(self, norm: str) -> bool:
        """An "-ly" adverb ("quickly"), not "family" or "yearly"."""
        return norm.endswith("ly") and len(norm) > 4 and norm not in self.ly_not_adverbs

    def verb_at(self, norms: list[str], index: int) -> tuple[CueWord, int] | None:
        """The reporting verb starting at token `index` and its length in tokens."""
        for form in self.verb_heads.get(norms[index], ()):
            end = _matched(norms, index, form)
            if end is None:
                continue
            word = self.verbs[form]
            if word.needs and word.needs.isdisjoint(norms[end : end + 4]):
                return None
            return word, end - index
        return None

    @functools.cached_property
    def roles(self) -> frozenset[str]:
        return self.state_roles | self.org_roles | self.group_roles

    @functools.cached_property
    def adverbs(self) -> frozenset[str]:
        """Words set off by commas between a subject and its verb (", however,")."""
        return self.between | self.openers

    @functools.cached_property
    def clause_openers(self) -> frozenset[str]:
        """Words opening an adverbial before a clause's subject ("On Tuesday, …")."""
        return self.openers | self.np_stops

    @functools.cached_property
    def given_names(self) -> frozenset[str]:
        """Given names and gendered words (lower case), the openers of a person's name."""
        return self.male | self.female

    @functools.cached_property
    def triggers(self) -> frozenset[str]:
        """Token norms that may open a cue: a verb form's first word, a reporting noun, the
        first word of a source phrase, "in" (a poll) and the colon of a label."""
        firsts = {phrase.split()[0] for phrase in self.source_phrases.phrases}
        dashes = {"-", "—", "–", "--", "―"}  # a quote signed "― Jane Doe"
        return frozenset(self.verb_heads) | frozenset(self.nouns) | firsts | {"in", ":"} | dashes


def _verbs(data: dict[str, Any], where: str) -> dict[tuple[str, ...], CueWord]:
    verbs = data.get("verbs")
    if not isinstance(verbs, dict):
        raise ValueError(f"{where}: 'verbs' must be a mapping")
    found: dict[tuple[str, ...], CueWord] = {}
    for lemma, spec in verbs.items():
        here = f"{where}: verb '{lemma}'"
        if not isinstance(spec, dict):
            raise ValueError(f"{here} needs a mapping")
        frame = spec.get("frame", "say")
        if frame not in FRAMES:
            raise ValueError(f"{here}: unknown frame {frame!r}")
        irregular = list(_words(spec, "forms", here))
        forms = irregular + list(_words(spec, "also", here))
        if spec.get("regular", True):
            forms += regular_forms(str(lemma))
        label = str(spec.get("label") or (irregular[0] if irregular else _past_label(lemma)))
        needs = frozenset(_words(spec, "needs", here))
        acts = tuple(_act_norms(act) for act in _words(spec, "acts", here))
        word = CueWord(str(lemma), _stance(spec, here), frame, label, needs, acts)
        for form in forms:
            found.setdefault(tuple(form.split()), word)
    return found


def _past_label(lemma: object) -> str:
    head, _, rest = str(lemma).partition(" ")
    return _past(head) + (f" {rest}" if rest else "")


def _stance_verbs(data: dict[str, Any], where: str) -> dict[Stance, str]:
    verbs = data.get("stance_verbs") or {}
    if not isinstance(verbs, dict):
        raise ValueError(f"{where}: 'stance_verbs' must be a mapping")
    out = {_stance({"stance": stance}, where): str(verb) for stance, verb in verbs.items()}
    missing = set(Stance) - set(out)
    if missing:
        raise ValueError(f"{where}: 'stance_verbs' lacks {sorted(s.value for s in missing)}")
    return out


def _nouns(data: dict[str, Any], where: str, verbs: dict[Stance, str]) -> dict[str, NounCue]:
    nouns = data.get("nouns") or {}
    if not isinstance(nouns, dict):
        raise ValueError(f"{where}: 'nouns' must be a mapping")
    out: dict[str, NounCue] = {}
    for noun, spec in nouns.items():
        here = f"{where}: noun '{noun}'"
        if not isinstance(spec, dict):
            raise ValueError(f"{here} needs a mapping")
        stance = _stance(spec, here)
        out[str(noun).lower()] = NounCue(
            str(noun),
            stance,
            frozenset(_words(spec, "takes", here)),
            str(spec.get("verb") or verbs[stance]),
        )
    return out


def _org_kinds(data: dict[str, Any], where: str) -> dict[str, frozenset[str]]:
    spec = data.get("definite_kinds") or {}
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: 'definite_kinds' must be a mapping")
    out: dict[str, frozenset[str]] = {}
    for kind, heads in spec.items():
        for head in heads or []:
            out[str(head).lower()] = out.get(str(head).lower(), frozenset()) | {str(kind)}
    return out


def load_vocabulary(path: Path | None = None, names: Path | None = None) -> AttributionVocabulary:
    path = path or DATA_DIR / "attribution.yaml"
    data = load_yaml(path)
    given = load_yaml(names or DATA_DIR / "given_names.yaml")
    where = path.name
    verbs = _verbs(data, where)
    stance_verbs = _stance_verbs(data, where)
    heads: dict[str, list[tuple[str, ...]]] = {}
    for form in verbs:
        heads.setdefault(form[0], []).append(form)
    for forms in heads.values():
        forms.sort(key=len, reverse=True)
    words = functools.partial(_words, data, where=where)
    return AttributionVocabulary(
        verbs=verbs,
        stance_verbs=stance_verbs,
        verb_heads=heads,
        nouns=_nouns(data, where, stance_verbs),
        source_phrases=Phrases(words("source_phrases")),
        documents=frozenset(words("documents")),
        issuing_verbs=frozenset(words("issuing_verbs")),
        account_nouns=frozenset(words("account_nouns")),
        media=Phrases(words("media")),
        media_heads=frozenset(words("media_heads")),
        listeners=Phrases(words("listeners")),
        between=frozenset(words("between")),
        np_stops=frozenset(words("np_stops")),
        np_inner=frozenset(words("np_inner")),
        openers=frozenset(words("openers")),
        titles=Phrases(words("titles")),
        state_roles=frozenset(words("state_roles")),
        not_for_state=frozenset(words("not_for_state")),
        org_roles=frozenset(words("org_roles")),
        group_roles=frozenset(words("group_roles")),
        person_roles=frozenset(words("person_roles")),
        org_name_endings=frozenset(words("org_name_endings")),
        before_to=frozenset(words("before_to")),
        prepositions=frozenset(words("prepositions")),
        ambiguous=frozenset(words("ambiguous")),
        evidence=frozenset(words("evidence")),
        state_institutions=frozenset(words("state_institutions")),
        named_institution_heads=frozenset(words("named_institution_heads")),
        personal_institutions=frozenset(words("personal_institutions")),
        state_body_heads=frozenset(words("state_body_heads")),
        state_body_markers=frozenset(words("state_body_markers")),
        state_forces=frozenset(words("state_forces")),
        state_force_pairs=frozenset(
            (pair[0], pair[1]) for pair in (w.lower().split() for w in words("state_force_pairs"))
        ),
        state_force_modifiers=frozenset(words("state_force_modifiers")),
        state_force_tails=frozenset(words("state_force_tails")),
        local_police_states=frozenset(words("local_police_states")),
        person_suffixes=tuple(words("person_suffixes")),
        org_kinds=_org_kinds(data, where),
        empty_contents=tuple(tuple(p.split()) for p in words("empty_contents")),
        not_yet=frozenset(words("not_yet")),
        quantities=frozenset(words("quantities")),
        phrase_adjectives=frozenset(words("phrase_adjectives")),
        ly_not_adverbs=frozenset(words("ly_not_adverbs")),
        not_speaker_labels=frozenset(words("not_speaker_labels")),
        title_forms={
            str(k).lower(): str(v).lower() for k, v in (data.get("title_forms") or {}).items()
        },
        male=frozenset(words("male_words")) | frozenset(_words(given, "male", "given_names")),
        female=frozenset(words("female_words")) | frozenset(_words(given, "female", "given_names")),
        family_first=frozenset(_words(given, "family_first", "given_names")),
    )


@functools.cache
def default_vocabulary() -> AttributionVocabulary:
    return load_vocabulary()


def stance_verb(stance: str) -> str:
    """How a line reads a stance ("denies" → "denied"), for claims stored without a line."""
    try:
        return default_vocabulary().stance_verbs[Stance(stance)]
    except ValueError:
        return stance.replace("_", " ")


def _act_norms(act: str) -> tuple[str, ...]:
    """An act's words as the analysis reads them ("a 24-hour strike": "24", "-", "hour")."""
    from briefings.extract.analyse import tokenize  # the tokenizer, not a split on spaces

    return tuple(token.norm for token in tokenize(act))


_DEPARTMENTS = frozenset({"department", "directorate"})  # "Department of …": a state's
_NAME_LINKS = frozenset({"for"})  # "National Center for …": the name goes on after its head
