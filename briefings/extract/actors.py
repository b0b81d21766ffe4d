"""Actors: a registry kept as data (`briefings/data/actors.yaml`) and a fast mention finder.

`ActorRegistry.find` reports, for one sentence, every mention of a known actor — by name,
alias, demonym ("Azerbaijani"), metonym ("the Kremlin", "Baku") or institution ("Armenia's
Foreign Ministry") — plus people and organisations that are not in the registry but plainly
act or speak ("Armen Grigoryan, the secretary of Armenia's Security Council, said").

Speed: all surface forms (a few thousand) are compiled into one case-sensitive regex factored
as a character trie, so a sentence is scanned once; the rules for institutions and unknown
actors only run at the few places they can apply. News outlets and agencies are matched too,
so that "Russia Today" or "the Washington Post" never yield Russia or the United States, but
they are never reported as actors (`find_outlets` lists them for claim attribution).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process

from briefings.extract._lexicon import DATA_DIR, WEEKDAYS, fold, load_yaml, speech_lexicon, str_list
from briefings.models import Actor, ActorKind
from briefings.textpatterns import trie_regex

Via = Literal["name", "alias", "demonym", "metonym", "organisation", "unknown"]

DEFAULT_PATH = DATA_DIR / "actors.yaml"

SECTIONS: dict[str, ActorKind] = {
    "states": ActorKind.STATE,
    "territories": ActorKind.TERRITORY,
    "organisations": ActorKind.ORGANISATION,
    "armed_groups": ActorKind.ARMED_GROUP,
    "people": ActorKind.PERSON,
}
CONTEXT_RULES = frozenset({"first_name", "us_state", "standalone", "needs_verb"})

SUGGEST_CUTOFF = 80.0
RESOLVE_CUTOFF = 88.0


@dataclass(frozen=True)
class ActorMention:
    """One actor mention: the span in the sentence, the text, the actor and how it was found."""

    start: int
    end: int
    text: str
    actor: Actor
    via: Via


@dataclass(frozen=True)
class OutletMention:
    """A news outlet or agency named in a sentence (a source, never an actor)."""

    start: int
    end: int
    text: str
    name: str


@dataclass(frozen=True)
class _Surface:
    actor: Actor | None  # None: an outlet
    via: Via
    context: str | None
    outlet: str | None = None


# --- regex building blocks -----------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽƏ"
_LOWER = "a-zß-öø-ÿāăąćčďđēėęěğīįıķĺļľłńņňōőœŕřśşšţťūůűųźżžə"
_TOKEN = (
    rf"(?:[{_UPPER}][’'][{_UPPER}][{_LOWER}]+"  # O'Brien
    rf"|[{_UPPER}][{_LOWER}][\w-]*"  # Grigoryan, McDonald, Jean-Yves
    rf"|(?:al|el|ad|ash|as|az|an|ar|bin|ibn)-[{_UPPER}][\w-]*"  # al-Burhan
    rf"|[{_UPPER}]\.)"  # initials
)
_PARTICLE = r"(?:van|von|de|der|den|del|della|da|dos|das|di|du|la|le|bin|ibn|abu|Abu|Al|El|al|el)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_TOKEN}){{0,3}}"
_DAY = "(?:" + "|".join(WEEKDAYS) + ")"
_AUX = (
    r"(?:has|have|had|also|later|earlier|previously|reportedly|again|then|would|will|recently|"
    r"publicly|repeatedly|initially|first|further|separately|not|never|"
    rf"on\s+{_DAY}|{_DAY}|last\s+week|this\s+week)"
)
_APPOSITION = r"[^,;:\"“”()\n]{2,160}?"
_FOR_ORG = re.compile(
    rf"\b(?:for|of|at|with|to|from|in)\s+(?:the\s+)?(?P<org>[{_UPPER}][\w’'-]*"
    rf"(?:\s+(?:of\s+|for\s+|and\s+)?[{_UPPER}][\w’'-]*)*)"
)
_THE_BEFORE = re.compile(r"(?:the|The)\s+$")
_POSSESSIVE_AFTER = re.compile(r"[’']s\b")
_PREPOSITION_BEFORE = re.compile(
    r"(?:^|\b)(?:in|to|from|of|and|with|by|between|including|against|visited|visit|"
    r"neighbouring|neighboring|for|on|across|into|via|through|toward|towards|near|like|as|"
    r"than|nor|or|both|at|over|under|within|outside)\s+$",
    re.IGNORECASE,
)
_AND_NAME_AFTER = re.compile(r",?\s+and\s+(?:the\s+)?[A-Z]")
_VERB_AFTER = re.compile(
    r"\s+(?:International\s+)?(?:has\s+|have\s+|also\s+|had\s+)?(?:said|says|reported|reports|"
    r"called|calls|urged|urges|warned|warns|documented|accused|accuses|criticised|criticized|"
    r"condemned|demanded|noted|found|described|released|published|estimated|added)\b"
)
_CAPITALISED_BEFORE = re.compile(rf"[{_UPPER}][\w.’'-]*\s+$")
_US_STATE_BEFORE = re.compile(
    r"(?:(?:Atlanta|Savannah|Augusta|Macon|Columbus|Athens|Marietta|Albany),\s+|state\s+of\s+)$"
)
_US_STATE_AFTER = re.compile(
    r"^(?:\s+(?:state\b|State\b|Senate|Senator|Sen\.|Gov\.|Governor|governor|Republicans|"
    r"Democrats|voters|Tech|Bulldogs|Power|Secretary of State)"
    r"|,\s+(?:USA|U\.S\.|US\b|United States))"
)
_BYLINE_BEFORE = re.compile(
    r"(?:^|\n)\s*(?:By|BY|Photo:|Photos:|Credit:|Reporting by|Written by)\s+$"
)
_CREDIT_LINE = re.compile(
    r"^\s*(?:Contributing|Contributors?|Additional\s+reporting|Reporting|Editing|Writing|"
    r"Photo|Photos|Photograph|Credit|Image|Video|Copyright|©|Read\s+more|Related)\b\s*(?:by\b|:)",
    re.IGNORECASE,
)
_STAFF_AFTER = re.compile(
    r"^\s+(?:reported|reports|reporting|contributed|wrote)\s+(?:from|to|for|this)\b"
)
_CAP_WORD = rf"[{_UPPER}][\w&.-]*(?:[’'](?!s\b)[\w-]+)?"  # not a possessive "Ukraine's"
_ORG_HEAD = re.compile(rf"(?:{_CAP_WORD}\s+(?:(?:of|for|and|on|de|du)\s+(?:the\s+)?)?)+$")
_ORG_TAIL = re.compile(
    rf"\s+(?:of|for)\s+(?:the\s+)?(?!{_DAY}\b){_CAP_WORD}(?:\s+(?:and\s+)?{_CAP_WORD})*"
)
_SOCIETY_NAMES = frozenset({"Red Cross", "Red Crescent", "Red Crescent Society"})
_LINK_AFTER = re.compile(r",?\s+(?:of|for|from|at|with)\s+(?:the\s+)?")
_NAME_BEFORE = re.compile(rf"(?<![\w’'.-])(?P<name>{_NAME})\s*$")
_AGE_AFTER = re.compile(r",\s+\d{1,3},")
_PREFIX_BEFORE = re.compile(r"(?:^|[^\w-])(?:ex|post|pre|non|former)-$", re.IGNORECASE)


def _word_list_regex(words: list[str]) -> str:
    return trie_regex(words, space=r"\s+")


class ActorRegistry:
    """Known actors, their surface forms, and the rules to find them in text."""

    def __init__(self, data: dict[str, Any], source: str = "actors.yaml") -> None:
        self._actors: list[Actor] = []
        self._surfaces: dict[str, _Surface] = {}
        self._index: dict[str, Actor] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_names: list[str] = []
        self._outlet_names: set[str] = set()
        # the outlets of the sentence `find` scanned last, for `find_outlets` right after it
        self._last_outlets: tuple[str, tuple[OutletMention, ...]] | None = None

        for place in str_list(data, "places", source):
            for variant in _variants(place):
                self._surfaces.setdefault(variant, _Surface(None, "name", None))
        for outlet in str_list(data, "outlets", source):
            for variant in _variants(outlet):
                self._surfaces.setdefault(variant, _Surface(None, "name", None, outlet))
            self._outlet_names.add(_normalise(outlet))

        by_name: dict[str, Actor] = {}
        for section, kind in SECTIONS.items():
            entries = data.get(section) or []
            if not isinstance(entries, list):
                raise ValueError(f"{source}: '{section}' must be a list")
            for position, raw in enumerate(entries):
                actor = self._add_entry(raw, kind, f"{source}: {section}[{position}]")
                if actor.name in by_name:
                    raise ValueError(f"{source}: actor {actor.name!r} is listed twice")
                by_name[actor.name] = actor
        self._by_name = by_name

        self._titles = str_list(data, "titles", source)
        name_parts = str_list(data, "place_name_parts", source)
        self._name_part_after = re.compile(
            r"[\s-]+(?:" + _word_list_regex(name_parts) + r")(?![\w-])"
        )
        self._not_names = frozenset(str_list(data, "not_names", source))
        self._org_words = frozenset(str_list(data, "org_words", source))
        self._org_never_alone = frozenset(str_list(data, "org_words_never_alone", source))
        self._generic_org_words = frozenset(str_list(data, "generic_org_words", source))
        self._outlet_words = frozenset(str_list(data, "outlet_words", source))
        self._title_words = frozenset(t for t in self._titles if " " not in t)
        org_heads = sorted(self._org_words - self._org_never_alone)
        generic = _word_list_regex(sorted(self._generic_org_words))
        institutions = _word_list_regex(str_list(data, "state_institution_words", source))
        self._possessive_organ = re.compile(  # "Ukraine's State Emergency Service"
            rf"[’']s\s+(?:(?:{generic})\s+){{0,3}}(?:{institutions})(?![\w-])"
        )
        self._org_word = re.compile(rf"(?<![\w-])(?:{_word_list_regex(org_heads)})(?![\w’'-])")
        organs = str_list(data, "organs", source)
        areas = str_list(data, "ministry_areas", source)
        action_verbs = str_list(data, "action_verbs", source)

        self._pattern = re.compile(r"(?<![\w])(?:" + trie_regex(self._surfaces) + r")(?![\w])")
        area = "(?:" + _word_list_regex(areas) + rf"|[{_UPPER}][{_LOWER}]+)"
        organ = _word_list_regex(organs)
        area_any_case = "(?i:" + _word_list_regex(areas) + ")"
        self._organ_after = re.compile(
            rf"(?:[’']s)?\s+(?:{area}\s+Ministry|{area_any_case}\s+ministry|"
            rf"Ministry\s+of\s+(?:the\s+)?{area}|{organ})(?![\w-])"
        )
        self._organ_before = re.compile(
            rf"(?:(?:the|The)\s+)?(?:Ministry\s+of\s+(?:the\s+)?{area}|{area}\s+Ministry|{organ})"
            r"\s+of\s+(?:the\s+)?$"
        )

        lexicon = speech_lexicon()
        verbs = trie_regex(
            {form.lower() for form in lexicon.forms} | {v.lower() for v in action_verbs},
            space=r"\s+[\"“‘']?",
        )
        self._name_verb = re.compile(
            rf"(?<![\w’'.-])(?P<name>{_NAME})(?:,\s+(?P<role>{_APPOSITION}(?:,\s+{_APPOSITION})?),)?"
            rf"\s+(?:{_AUX}\s+){{0,3}}(?P<verb>{verbs})(?![\w-])"
        )
        titles = _word_list_regex(self._titles)
        self._title_name = re.compile(
            rf"(?<![\w-])(?P<title>{titles}(?:\s+{titles})*)\s+(?P<name>{_NAME})"
        )
        self._appositive_name = re.compile(  # "The U.N. envoy for Sudan, Volker Perthes, said"
            rf"(?<=,\s)(?P<name>{_NAME}),\s+(?:{_AUX}\s+){{0,3}}(?P<verb>{verbs})(?![\w-])"
        )
        # "Ana Vidal of the Eastbrook Housing Authority said": found from "of", then the name
        # before it is looked for (starting at the preposition keeps the scan cheap)
        self._org_then_verb = re.compile(
            rf"(?<=\s)(?:of|from|at)\s+(?:the\s+)?{_CAP_WORD}"
            rf"(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?{_CAP_WORD}){{0,6}}"
            rf"\s+(?:{_AUX}\s+){{0,3}}(?:{verbs})(?![\w-])"
        )
        self._said_name = re.compile(
            r"(?:[,\"”’]\s*)(?:said|says|added|wrote|asked|continued|explained|noted|told\s+\w+)"
            rf"\s+(?P<name>{_NAME})(?:,\s+(?P<role>[^,.;\"“”()\n]{{2,160}}))?(?=\s*[.,;!?]|\s*$)"
        )
        self._according_name = re.compile(rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<name>{_NAME})")
        # Where an actor not in the registry may be named: a reporting verb or title, an
        # inverted "..., said" or "according to". One alternation of the four, searched
        # separately: the quote frame has a plain first character, "according to" needs its
        # letters, and the first hit ends the search (`_may_name_unknown`).
        self._unknown_cues = (
            re.compile(r"[,\"”’]\s*(?:said|says|added|wrote|asked)\s"),
            re.compile(rf"(?<![\w-])(?:{verbs})(?![\w-])"),
            re.compile(rf"(?<![\w-])(?:{_word_list_regex(self._titles)})\s+[{_UPPER}]"),
        )
        self._according_cue = re.compile(r"\b[Aa]ccording to\s")

    # --- loading ---------------------------------------------------------------------------

    def _add_entry(self, raw: object, kind: ActorKind, where: str) -> Actor:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise ValueError(f"{where}: each entry needs a 'name'")
        name: str = raw["name"].strip()
        aliases = str_list(raw, "aliases", where)
        demonyms = str_list(raw, "demonyms", where)
        metonyms = str_list(raw, "metonyms", where)
        affiliation = raw.get("affiliation")
        role = raw.get("role")
        context = raw.get("context")
        if context is not None and context not in CONTEXT_RULES:
            raise ValueError(f"{where}: unknown context rule {context!r}")
        ambiguous = set(str_list(raw, "ambiguous", where)) or {name}
        all_forms = [*aliases, *demonyms, *metonyms]
        actor = Actor(
            name=name,
            kind=kind,
            affiliation=str(affiliation) if affiliation else None,
            role=str(role) if role else None,
            aliases=tuple(dict.fromkeys(f for f in all_forms if f != name)),
        )
        self._actors.append(actor)
        groups: list[tuple[Via, list[str]]] = [
            ("name", [name]),
            ("alias", aliases),
            ("demonym", demonyms),
            ("metonym", metonyms),
        ]
        for via, forms in groups:
            for form in forms:
                rule = context if form in ambiguous else None
                for variant in _variants(form):
                    self._surfaces.setdefault(variant, _Surface(actor, via, rule))
                key = _normalise(form)
                if key and key not in self._index:
                    self._index[key] = actor
                    self._fuzzy_keys.append(key)
                    self._fuzzy_names.append(actor.name)
        return actor

    @classmethod
    def load(cls, path: Path | None = None) -> ActorRegistry:
        """Read a registry file (default: `briefings/data/actors.yaml`)."""
        target = path or DEFAULT_PATH
        return cls(load_yaml(target), target.name)

    # --- look-ups --------------------------------------------------------------------------

    def actors(self) -> list[Actor]:
        """Every known actor, in file order."""
        return list(self._actors)

    def get(self, name: str) -> Actor | None:
        """Exact look-up by canonical name or any alias, demonym or metonym (any case)."""
        key = _normalise(name)
        if not key:
            return None
        return self._index.get(key)

    def is_outlet(self, name: str) -> bool:
        """True for a news outlet or agency name ("CNN", "Armenpress", "Russia Today")."""
        return _normalise(name) in self._outlet_names

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Canonical names closest to `name` (rapidfuzz ratio ≥ 80 on normalised forms)."""
        key = _normalise(name)
        if not key or limit <= 0:
            return []
        found: list[str] = []
        for canonical, _score in self._ranked(key, SUGGEST_CUTOFF):
            if canonical not in found:
                found.append(canonical)
            if len(found) >= limit:
                break
        return found

    def resolve(self, name: str) -> Actor | None:
        """`get`, else one confident fuzzy match (ratio ≥ 88, no close rival)."""
        exact = self.get(name)
        if exact is not None:
            return exact
        key = _normalise(name)
        if len(key) < 4:
            return None
        ranked = self._ranked(key, RESOLVE_CUTOFF)
        if not ranked:
            return None
        best, best_score = ranked[0]
        for other, score in ranked[1:]:
            if other != best and best_score - score < 3:
                return None
        return self._by_name[best]

    def _ranked(self, key: str, cutoff: float) -> list[tuple[str, float]]:
        """(canonical name, best score) pairs, best first, one per actor."""
        hits = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=50
        )
        best: dict[str, float] = {}
        for _choice, score, index in hits:
            canonical = self._fuzzy_names[index]
            best[canonical] = max(best.get(canonical, 0.0), float(score))
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))

    # --- finding mentions --------------------------------------------------------------------

    def find_outlets(self, sentence: str) -> list[OutletMention]:
        """News outlets and agencies named in the sentence (never actors)."""
        last = self._last_outlets
        if last is not None and last[0] is sentence:
            return list(last[1])  # `find` has just scanned this very sentence
        found: list[OutletMention] = []
        for match in self._pattern.finditer(sentence):
            surface = self._surfaces.get(match.group())
            if surface is not None and surface.outlet is not None:
                found.append(
                    OutletMention(match.start(), match.end(), match.group(), surface.outlet)
                )
        return found

    def find(self, sentence: str) -> list[ActorMention]:
        """Actor mentions in one sentence: non-overlapping, longest first, sorted by start."""
        if _CREDIT_LINE.match(sentence):
            return []  # "Reporting by ...", "Photo: ...", "Contributing: ..."
        mentions, blocked = self._find_known(sentence)
        if self._may_name_unknown(sentence):
            mentions = self._add_unknown(sentence, mentions, blocked)
        if "Red C" in sentence:
            mentions = _national_societies(mentions)
        if self._org_word.search(sentence):
            outlets = self._last_outlets[1] if self._last_outlets is not None else ()
            spans = [(o.start, o.end) for o in outlets]  # a place may be part of the name
            mentions = self._add_organisations(sentence, mentions, spans)
        return mentions

    def _may_name_unknown(self, sentence: str) -> bool:
        """Whether some cue for an unknown actor (or an age: "Fatima Sweidan, 52,") is there."""
        if any(cue.search(sentence) for cue in self._unknown_cues):
            return True
        if "ccording" in sentence and self._according_cue.search(sentence):
            return True
        return _AGE_AFTER.search(sentence) is not None

    def _find_known(self, sentence: str) -> tuple[list[ActorMention], list[tuple[int, int]]]:
        raw: list[tuple[int, int, _Surface]] = []
        blocked: list[tuple[int, int]] = []  # outlet spans
        outlets: list[OutletMention] = []
        for match in self._pattern.finditer(sentence):
            surface = self._surfaces.get(match.group())
            if surface is None:
                continue
            start, end = match.span()
            if surface.actor is None:
                blocked.append((start, end))
                if surface.outlet is not None:
                    outlets.append(OutletMention(start, end, match.group(), surface.outlet))
                continue
            if surface.context and not _context_ok(surface.context, sentence, start, end):
                continue
            if surface.via == "metonym" and self._name_part_after.match(sentence, end):
                continue  # "Rome Statute", "Minsk agreements", "Astana format"
            if surface.via == "demonym" and _PREFIX_BEFORE.search(
                sentence, max(0, start - 8), start
            ):
                continue  # "ex-Soviet countries", "post-Soviet states": a period, not an actor
            raw.append((start, end, surface))

        self._last_outlets = (sentence, tuple(outlets))
        mentions: list[ActorMention] = []
        last_end = 0
        for position, (start, end, surface) in enumerate(raw):
            if start < last_end:
                continue
            actor = surface.actor
            assert actor is not None
            via: Via = surface.via
            if actor.kind in (ActorKind.STATE, ActorKind.TERRITORY):
                next_start = raw[position + 1][0] if position + 1 < len(raw) else len(sentence)
                after = self._organ_after.match(sentence, end) or self._possessive_organ.match(
                    sentence, end
                )
                if after is not None and after.end() <= next_start:
                    end = after.end()
                    via = "organisation"
                    the = _THE_BEFORE.search(sentence, max(0, start - 4), start)
                    if the is not None and the.start() >= last_end:
                        start = the.start()
                else:
                    before = self._organ_before_at(sentence, max(last_end, start - 90), start)
                    if before is not None:
                        start = before.start()
                        via = "organisation"
            mentions.append(ActorMention(start, end, sentence[start:end], actor, via))
            last_end = end
        return mentions, blocked

    def _organ_before_at(self, sentence: str, window: int, start: int) -> re.Match[str] | None:
        """ "the Ministry of Foreign Affairs of" right before `start`: `_organ_before` ends in
        "of" or "of the" and whitespace, so the scan is spared when the text does not."""
        head = sentence[window:start].rstrip()
        if not head.endswith(("of", "the")):
            return None
        return self._organ_before.search(sentence, window, start)

    # --- actors not in the registry ------------------------------------------------------------

    def _add_unknown(
        self, sentence: str, known: list[ActorMention], blocked: list[tuple[int, int]]
    ) -> list[ActorMention]:
        taken = [(m.start, m.end) for m in known] + blocked
        extra: list[ActorMention] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        def add(start: int, end: int, role: str | None, affiliation: str | None) -> None:
            span = self._clean_name(sentence, start, end)
            if span is None:
                return
            start, end = span
            if not free(start, end) or _BYLINE_BEFORE.search(sentence, 0, start):
                return
            if _STAFF_AFTER.match(sentence, end) or self._after_outlet(sentence, start, blocked):
                return
            text = sentence[start:end]
            is_org = any(token in self._org_words for token in text.split())
            actor = Actor(
                name=text,
                kind=ActorKind.UNKNOWN,
                affiliation=affiliation,
                role=None if is_org else role,
            )
            extra.append(ActorMention(start, end, text, actor, "unknown"))
            taken.append((start, end))

        for match in self._title_name.finditer(sentence):
            title = match.group("title")
            if any(token in self._org_words for token in match.group("name").split()):
                continue  # "General Assembly", "Prime Minister's Office": not a person
            affiliation = self._affiliation_before(sentence, match.start(), known)
            add(match.start("name"), match.end("name"), title, affiliation)
        for match in self._name_verb.finditer(sentence):
            role_text, affiliation = self._apposition(sentence, match, known)
            if role_text is None and not self._enough_tokens(match.group("name"), 2):
                continue
            add(match.start("name"), match.end("name"), role_text, affiliation)
        for match in self._said_name.finditer(sentence):
            role_text, affiliation = self._apposition(sentence, match, known)
            add(match.start("name"), match.end("name"), role_text, affiliation)
        for match in self._appositive_name.finditer(sentence):
            if self._enough_tokens(match.group("name"), 2):
                add(match.start("name"), match.end("name"), None, None)
        for match in self._org_then_verb.finditer(sentence):
            before = _NAME_BEFORE.search(sentence, max(0, match.start() - 60), match.start())
            if before is None:
                continue
            name = before.group("name")
            if self._enough_tokens(name, 2) and not any(w in self._org_words for w in name.split()):
                add(before.start("name"), before.end("name"), None, None)
        for match in _AGE_AFTER.finditer(sentence):  # "Fatima Sweidan, 52, set off ..."
            before = _NAME_BEFORE.search(sentence, max(0, match.start() - 60), match.start())
            if before is not None and self._enough_tokens(before.group("name"), 2):
                add(before.start("name"), before.end("name"), None, None)
        for match in self._according_name.finditer(sentence) if "ccording" in sentence else ():
            if self._enough_tokens(match.group("name"), 2):
                add(match.start("name"), match.end("name"), None, None)

        if not extra:
            return known
        return sorted([*known, *extra], key=lambda m: m.start)

    def _add_organisations(
        self, sentence: str, known: list[ActorMention], blocked: list[tuple[int, int]]
    ) -> list[ActorMention]:
        """Organisations not in the registry, named by a capitalised run that ends in an
        organisation word: "the Save Our Homes Coalition", "Riverton City Council"."""
        taken = [(m.start, m.end) for m in known if m.via != "unknown"] + blocked
        guesses = [m for m in known if m.via == "unknown"]  # a longer name may replace them
        extra: list[ActorMention] = []
        for match in self._org_word.finditer(sentence):
            head = _ORG_HEAD.search(sentence, max(0, match.start() - 80), match.start())
            if head is None:
                continue
            end = match.end()
            tail = _ORG_TAIL.match(sentence, end)
            if tail is not None:
                end = tail.end()
            span = self._organisation_span(sentence, head.start(), end)
            if span is None:
                continue
            start, end = span
            if any(start < e and s < end for s, e in taken):
                continue
            if _BYLINE_BEFORE.search(sentence, 0, start):
                continue
            overlapping = [m for m in guesses if start < m.end and m.start < end]
            for guess in overlapping:
                link = _LINK_AFTER.match(sentence, guess.end, match.start())
                if link is not None and guess.start <= start:  # "John Smith of the X Union"
                    start = link.end()
            overlapping = [m for m in overlapping if m.end > start]
            if any(m.start < start or m.end > end for m in overlapping):
                continue  # a person's name running into it: keep the person
            if len(sentence[start:end].split()) < 2:
                continue
            known = [m for m in known if m not in overlapping]
            text = sentence[start:end]
            actor = Actor(name=text, kind=ActorKind.UNKNOWN)
            extra.append(ActorMention(start, end, text, actor, "unknown"))
            taken.append((start, end))
        if not extra:
            return known
        return sorted([*known, *extra], key=lambda m: m.start)

    def _organisation_span(self, sentence: str, start: int, end: int) -> tuple[int, int] | None:
        """Trim an organisation name's run; None unless one of its words is distinctive."""
        tokens = list(re.finditer(r"\S+", sentence[start:end]))
        while tokens and (
            tokens[0].group() in self._not_names
            or tokens[0].group().islower()
            or tokens[0].group() in self._title_words
        ):
            tokens.pop(0)
        segment_start = 0
        for index, token in enumerate(tokens):
            if token.group().islower() and token.group() != "the":
                segment = [t.group() for t in tokens[segment_start:index]]
                if not any(w in self._org_words or w in self._generic_org_words for w in segment):
                    segment_start = index + 1  # "John Smith of (the Riverton Tenants Union)"
        tokens = tokens[segment_start:]
        while tokens and tokens[0].group() in ("the", "The"):
            tokens.pop(0)
        if len(tokens) < 2:
            return None
        words = [t.group() for t in tokens]
        if any(w in self._outlet_words for w in words):
            return None  # "the Daily Planet News Service": a newsroom, not an actor
        if not any(
            w[:1].isupper() and w not in self._org_words and w not in self._generic_org_words
            for w in words
        ):
            return None  # "National Security Council", "Supreme Court": a body named elsewhere
        return start + tokens[0].start(), start + tokens[-1].end()

    def _enough_tokens(self, name: str, minimum: int) -> bool:
        tokens = [t for t in name.split() if t not in self._not_names]
        return len(tokens) >= minimum

    def _clean_name(self, sentence: str, start: int, end: int) -> tuple[int, int] | None:
        """Trim sentence openers and weekdays from a capitalised run; None if nothing is left."""
        tokens = list(re.finditer(r"\S+", sentence[start:end]))
        while tokens and (
            tokens[0].group() in self._not_names or tokens[0].group() in self._title_words
        ):
            tokens.pop(0)
        while tokens and (tokens[-1].group() in self._not_names or tokens[-1].group().islower()):
            tokens.pop()
        if not tokens:
            return None
        if any(t.group() in self._not_names for t in tokens):
            return None
        if len(tokens) == 1 and len(tokens[0].group()) < 3:
            return None
        return start + tokens[0].start(), start + tokens[-1].end()

    def _after_outlet(self, sentence: str, start: int, blocked: list[tuple[int, int]]) -> bool:
        """ "CNN's Jane Doe": newsroom staff, not an actor."""
        for _s, e in blocked:
            between = sentence[e:start]
            if 0 <= start - e <= 4 and re.fullmatch(r"[’']s\s+|\s+", between):
                return True
        return False

    def _affiliation_before(
        self, sentence: str, title_start: int, known: list[ActorMention]
    ) -> str | None:
        """The actor named right before a title ("Russian Foreign Ministry spokeswoman")."""
        for mention in reversed(known):
            if mention.start >= title_start:
                continue
            if mention.end > title_start:  # "Kosovo police" + "police chief"
                return _affiliation_of(mention.actor)
            if re.fullmatch(r"(?:[’']s)?\s*", sentence[mention.end : title_start]):
                return _affiliation_of(mention.actor)
            return None
        return None

    def _apposition(
        self, sentence: str, match: re.Match[str], known: list[ActorMention]
    ) -> tuple[str | None, str | None]:
        """Role and affiliation from ", the secretary of Armenia's Security Council,"."""
        if match.group("role") is None:
            return None, None
        start, end = match.span("role")
        role = match.group("role").strip()
        role = re.sub(r"^(?:the|a|an)\s+", "", role)
        inside = [m for m in known if start <= m.start and m.end <= end]
        org = _FOR_ORG.search(sentence, start, end)
        if org is not None:
            o_start, o_end = org.span("org")
            covering = [m for m in inside if m.start <= o_start and m.end >= o_end]
            if covering:
                return role, _affiliation_of(covering[0].actor)
            if not any(m.start >= o_start and m.end <= o_end for m in inside) or (
                o_end - o_start > max((m.end - m.start) for m in inside) + 1
            ):
                # "head of the Norwegian Refugee Council": the named body, not Norway
                return role, org.group("org")
        if inside:
            return role, _affiliation_of(inside[0].actor)
        return role, None


def _national_societies(mentions: list[ActorMention]) -> list[ActorMention]:
    """ "the Canadian Red Cross": a national society of its own, not Canada and the ICRC."""
    out: list[ActorMention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        if (
            previous is not None
            and mention.text in _SOCIETY_NAMES
            and previous.actor.kind is ActorKind.STATE
            and previous.via in ("name", "alias", "demonym")
            and mention.start == previous.end + 1
        ):
            text = f"{previous.text} {mention.text}"
            actor = Actor(name=text, kind=ActorKind.UNKNOWN, affiliation=previous.actor.name)
            out[-1] = ActorMention(previous.start, mention.end, text, actor, "unknown")
            continue
        out.append(mention)
    return out


def _affiliation_of(actor: Actor) -> str:
    return actor.name


def _context_ok(rule: str, sentence: str, start: int, end: int) -> bool:
    """Whether an ambiguous surface form ("Jordan", "Georgia") stands for the actor here."""
    before = sentence[max(0, start - 40) : start]
    if rule == "first_name":
        if _POSSESSIVE_AFTER.match(sentence, end) or _AND_NAME_AFTER.match(sentence, end):
            return not _CAPITALISED_BEFORE.search(before)
        return bool(_PREPOSITION_BEFORE.search(before))
    if rule == "needs_verb":
        after = sentence[end : end + 40]
        return bool(
            _POSSESSIVE_AFTER.match(after)
            or _VERB_AFTER.match(after)
            or re.search(r"\b(?:according\s+to|by|from|with|told)\s+$", before)
        )
    if rule == "us_state":
        return not (
            _US_STATE_BEFORE.search(before) or _US_STATE_AFTER.match(sentence[end : end + 40])
        )
    if rule == "standalone":
        return not _CAPITALISED_BEFORE.search(before)
    return True


def _variants(form: str) -> list[str]:
    """Spelling variants of a surface form: apostrophes, accents, hyphens, a leading "the"."""
    form = form.strip()
    form = re.sub(r"^(?:the|The)\s+", "", form)
    out = [form]
    if "'" in form:
        out.append(form.replace("'", "’"))
    if "’" in form:
        out.append(form.replace("’", "'"))
    out.extend([fold(v) for v in out])
    # "Nagorno-Karabakh" → "Nagorno Karabakh"; not "Ben-Gvir" or "Port-au-Prince"
    long_compound = form.count("-") == 1 and len(form) > 8
    if "-" in form and (" " in form or long_compound):
        out.extend([v.replace("-", " ") for v in out])
    return [v for v in dict.fromkeys(out) if v]


@lru_cache(maxsize=16384)
def _normalise(name: str) -> str:
    """Key for case-insensitive look-up: no accents, dots, "the", possessive or extra space.
    Cached: the same few hundred names recur in every article."""
    text = fold(name).replace("’", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    text = text.replace(".", "")
    return " ".join(text.split())


@functools.cache
def default_registry() -> ActorRegistry:
    """The registry of `briefings/data/actors.yaml`, loaded once per process."""
    return ActorRegistry.load()


__all__ = [
    "DEFAULT_PATH",
    "ActorMention",
    "ActorRegistry",
    "OutletMention",
    "Via",
    "default_registry",
]
