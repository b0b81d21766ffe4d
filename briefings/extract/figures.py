"""Figures: numbers that matter (killed, injured, troops, displaced, population ...).

A number is a figure only when a unit from `briefings/data/figure_units.yaml` attaches to it:
a verb before it ("killing two civilians"), a participle after it or its noun ("32 people had
reportedly been killed"), or a head noun ("2,000 Russian peacekeepers"). Years, dates, times,
ordinals, durations, ages, shares and measures are never figures.

Values: digits with separators and scales ("120,000", "1.2 million"), number words ("two",
"twenty-five", "a dozen", "half a million"), ranges ("between 20 and 30", "20-30" → value and
value_high), and vague plurals, whose value is the order of magnitude they name, with the
phrase kept as qualifier: "hundreds of thousands" → 100000, "thousands of" → 1000, and
"dozens of" → 24 (two dozen, since "a dozen" is already 12).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefings.extract._lexicon import DATA_DIR, MONTHS, load_yaml, str_list
from briefings.extract.numbers import CARDINALS, SCALES
from briefings.textpatterns import gate, gated, trie_regex, word_prefixes


@dataclass(frozen=True)
class FigureMatch:
    """One figure; `text` is the figure phrase as written, `start`/`end` its span."""

    value: float
    value_high: float | None
    qualifier: str | None
    unit: str
    start: int
    end: int
    text: str


_SMALL = CARDINALS
_SCALES = SCALES
_UNIT_WORD = "(?:" + "|".join(sorted(_SMALL, key=len, reverse=True)) + ")"
_NUM_WORD = rf"(?:{_UNIT_WORD}(?:-{_UNIT_WORD})?|hundred|thousand|million|billion|dozen)"
_WORDS = (
    rf"(?:half\s+a\s+million|(?:a\s+(?=(?:hundred|thousand|million|dozen)\b))?{_NUM_WORD}"
    rf"(?:\s+(?:and\s+)?{_NUM_WORD})*)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion)\b|\s*(?:m|bn)\b(?!\.))"

# Compiled once here rather than looked up in re's cache for every number.
_RANGE_END = re.compile(  # "20-30", "20 to 30", "between 20 and 30" (the part after "20")
    r"\s*(?:-|–|to|and)\s*(?P<n>" + _DIGITS + r"|" + _WORDS + r")(?![\w])", re.IGNORECASE
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_BETWEEN_OR_FROM_BEFORE = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")
_WORD_BREAK = re.compile(r"[\s-]+")

_MONTH = (
    "(?:"
    + "|".join(MONTHS)
    + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# The tail patterns ("...$") are tried at every word of a 60-character window: `gated`
# lets most words go after a character test or two (the same matches).
_MONTH_BEFORE = gated(r"\b", rf"{_MONTH}\s+$")
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTH}\b")
_YEAR_CONTEXT = gated(
    r"\b",
    r"(?:in|since|of|by|until|till|from|after|before|during|year|summer|spring|autumn|fall|"
    r"winter|early|late|mid|between|and|to|through|circa|c\.)\s+$",
    re.IGNORECASE,
)
_LABEL_BEFORE = gated(
    r"\b",
    r"(?:Resolution|Article|Section|Chapter|Route|Highway|Flight|Unit|Phase|No\.|Number|"
    r"Protocol|Paragraph|Clause|Point|Item|Grade|Level|Block|Building|Room|Gate|Platform|"
    r"Terminal|Partner|Vision|Agenda|Cup|Games|Summit|Brigade|Battalion|Division|Regiment|"
    r"Squadron|Corps|Page|Vol\.|Volume|Episode|Season|Model|Type|Mk|MiG|Bayraktar|Iskander|"
    r"COVID|Covid)\s*$",
)
_AGE_BEFORE = gated(r"\b", r"(?:aged|age|ages|of\s+age)\s+$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"(?::\d|\.\d{2}\s*(?:a\.m\.|p\.m\.|am|pm)\b)")
_AUX = (
    r"(?:were|was|have|has|had|are|is|been|being|reportedly|allegedly|also|all|now|later|"
    r"subsequently|still|already|since|confirmed|believed|feared|thought|said|known|to|be|"
    r"so|far|initially|eventually|either|were\s+all|in\s+total|altogether|in\s+all|either)"
)
_PLACE = (  # "1.5 million people in Gaza had been displaced"
    r"\s+(?:in|of|from|across|inside|within|near|around|throughout)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}|region|country|city|area|town|village|camp|strip)"
)
_OF = re.compile(
    r"\s+of\s+(?:(?:the|his|her|its|their|our|these|those|whom)\s+)?"
    r"(?:[A-Za-z][\w.-]*[’']s?\s+)?"
)
_THEM = re.compile(
    r"\s+(?:of\s+)?(?:them|whom|those|others|more|other\s+people)(?![\w-])", re.IGNORECASE
)
_TOKEN = re.compile(r"\s+(?P<tok>[\w’'.-]*\w\.?|[\w]+)")
_APPOSITION = (  # "10,000 people, most of them Kosovo Albanians, were killed"
    r"\s*,\s+(?:most|many|all|some|half|mostly|nearly\s+all|almost\s+all|including|"
    r"among\s+them|the\s+majority)\b[^,;.]{0,60},"
)
_OF_GROUP = re.compile(  # "three of its staff (were killed)", "three of the attackers"
    r"\s+of\s+(?:the|its|his|her|their|our|these|those|whom)\s+(?:[\w-]+\s+){0,2}?[\w-]+"
)
_AND_NOUN = re.compile(r"\s+(?:and|or|&)\s+")  # "70 soldiers and (civilians)"
_ADJECTIVE = re.compile(r"[a-z-]+\s+")
_PRONOUN_ONE = re.compile(
    r"\b(?:no|not|any|every|some|each|the|this|that|which|no\s+single)\s+$", re.I
)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|both|The|These|Those|Both)\s+$")
_NUMBER_OF = re.compile(
    r"\b(?:number|numbers|total|strength|size)\s+of\s+(?:(?:its|his|her|their|the|our)\s+)?"
)
_COUNT_LINK = re.compile(  # "...soldiers in the area from (about 8,000)"
    r"^[^.;:\d]{0,60}?\b(?:from|to|at|by|around|about|of|is|was|stood\s+at|stands\s+at|"
    r"rose\s+to|fell\s+to|reached)\s+$"
)
_FROM_TO = re.compile(r"^\s+to\s+(?:the\s+)?(?:(?:usual|current|previous|normal|planned|new)\s+)?$")
_CLAUSE_LINK = re.compile(r"\b(?:before|after|while|and|but|as|when|then|until)\s+$")
_BETWEEN_COORD = re.compile(r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|plus|along\s+with|,)\s*$")
_NATIONALITY = re.compile(
    r"[A-Z][a-z]+(?:[-‑][A-Z][a-z]+)?(?:ans|ians|ese|is|ers|ites|ks|ts|ns|s)(?![\w-])"
)


@dataclass(frozen=True)
class _Lexicon:
    number: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    vague: dict[str, float]
    nouns: re.Pattern[str]
    noun_units: dict[str, str]
    after: re.Pattern[str]
    after_units: dict[str, str]
    before: re.Pattern[str]
    before_units: dict[str, str]
    events: frozenset[str]
    not_after: re.Pattern[str]
    stop_tokens: frozenset[str]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@functools.cache
def _lexicon(path: Path | None = None) -> _Lexicon:
    path = path or DATA_DIR / "figure_units.yaml"
    data = load_yaml(path)
    units = data.get("units")
    if not isinstance(units, dict):
        raise ValueError(f"{path.name}: 'units' must be a mapping")
    noun_units: dict[str, str] = {}
    after_units: dict[str, str] = {}
    before_units: dict[str, str] = {}
    events: set[str] = set()
    for unit, spec in units.items():
        where = f"{path.name}: unit {unit!r}"
        if not isinstance(spec, dict):
            raise ValueError(f"{where} must be a mapping")
        if spec.get("event"):
            events.add(str(unit))
        for word in str_list(spec, "nouns", where):
            noun_units.setdefault(_key(word), str(unit))
        for word in str_list(spec, "after", where):
            after_units.setdefault(_key(word), str(unit))
        for word in str_list(spec, "before", where):
            before_units.setdefault(_key(word), str(unit))
    vague_raw = data.get("vague") or {}
    if not isinstance(vague_raw, dict):
        raise ValueError(f"{path.name}: 'vague' must be a mapping")
    vague = {_key(str(k)): float(v) for k, v in vague_raw.items()}
    qualifiers = [_key(q) for q in str_list(data, "qualifiers", path.name)]
    not_after = str_list(data, "not_after", path.name)

    space = r"\s+"
    number = number_regex(vague)
    qualifier_before = re.compile(
        rf"(?<![\w-])(?P<q>{trie_regex(qualifiers, space=space)})\s+$", re.IGNORECASE
    )
    nouns = re.compile(rf"(?:{trie_regex(noun_units, space=space)})(?![\w-])", re.IGNORECASE)
    after = re.compile(
        rf"(?:{_PLACE})?(?:{_APPOSITION})?(?:\s*,)?\s+(?:(?:who|that|which)\s+)?(?:{_AUX}\s+){{0,4}}"
        rf"(?P<p>{trie_regex(after_units, space=space)})(?![\w-])",
        re.IGNORECASE,
    )
    before = re.compile(
        rf"(?<![\w-])(?P<b>{trie_regex(before_units, space=space)})\s+$", re.IGNORECASE
    )
    not_after_rx = re.compile(
        rf"(?:\s*|-)(?:{trie_regex([w.lower() for w in not_after], space=space)})(?![\w])"
        r"|-(?:day|week|month|year|hour|minute|km|mile|kilometer|kilometre|metre|meter|"
        r"strong|odd|plus|fold|member|seat|point|page|story|storey|inch|foot|ton|tonne)",
        re.IGNORECASE,
    )
    return _Lexicon(
        number=number,
        qualifier_before=qualifier_before,
        vague=vague,
        nouns=nouns,
        noun_units=noun_units,
        after=after,
        after_units=after_units,
        before=before,
        before_units=before_units,
        events=frozenset(events),
        not_after=not_after_rx,
        stop_tokens=frozenset(w.lower() for w in str_list(data, "not_modifiers", path.name)),
    )


# How a number written in words can start (_WORDS): "a" only before "hundred" and the like.
_NUMBER_WORDS = [*_SMALL, "hundred", "thousand", "million", "billion", "dozen", "half", "a hundred"]


def number_regex(vague: Iterable[str], *, gated: bool = True) -> re.Pattern[str]:
    """Numbers in digits, in words, or vague ("dozens of"), each at the start of a word.

    `gated` puts a necessary condition in front (a digit, or how one of the words starts; see
    `textpatterns.gate`): the same matches, found about twice as fast, since most words of a
    sentence are left after a character test. `gated=False` is the plain form, for checks.
    """
    vague = list(vague)
    vague_rx = trie_regex(vague, space=r"\s+")
    body = (
        rf"(?:(?P<vague>{vague_rx})(?P<vague_of>\s+of)?(?![\w-])"
        rf"|(?P<digits>{_DIGITS})(?P<scale>{_SCALE})?(?![\w]|,\d|\.\d)"
        rf"|(?P<words>{_WORDS})(?![\w]))"
    )
    lookbehind = r"(?<![\w.,/$€£¥#-])"
    prefixes = word_prefixes([*vague, *_NUMBER_WORDS])
    if not gated or prefixes is None:
        return re.compile(lookbehind + body, re.IGNORECASE)
    return re.compile(lookbehind + gate(prefixes, also=[r"\d"]) + f"(?i:{body})")


@dataclass
class _Draft:
    value: float
    value_high: float | None
    qualifier: str | None
    unit: str | None
    noun_unit: str | None
    event_unit: str | None
    nationality: bool
    bare: bool  # no unit of its own: may take one from a neighbour ("from 8,000 to 4,000")
    start: int
    number_start: int
    number_end: int
    end: int


def is_vague(qualifier: str | None) -> bool:
    """Whether a qualifier is a vague quantity ("dozens of"), which stands for the number."""
    if not qualifier:
        return False
    return _key(qualifier.removesuffix(" of").removesuffix(" Of")) in _lexicon().vague


def find_figures(sentence: str) -> list[FigureMatch]:
    """Figures in one sentence, in order."""
    if not sentence:
        return []
    lex = _lexicon()
    drafts: list[_Draft] = []
    position = 0
    while True:
        match = lex.number.search(sentence, position)
        if match is None:
            break
        draft = _draft(sentence, match, lex)
        if draft is None:
            position = match.end()
            continue
        drafts.append(draft)
        position = max(draft.number_end, match.end())
    _coordinate(sentence, drafts)
    figures: list[FigureMatch] = []
    for draft in drafts:
        if draft.unit is None:
            continue
        figures.append(
            FigureMatch(
                value=draft.value,
                value_high=draft.value_high,
                qualifier=draft.qualifier,
                unit=draft.unit,
                start=draft.start,
                end=draft.end,
                text=sentence[draft.start : draft.end],
            )
        )
    return figures


# --- one number ------------------------------------------------------------------------------


def _value(match: re.Match[str], lex: _Lexicon) -> tuple[float, str | None] | None:
    """The number's value and, for vague plurals, the phrase as qualifier."""
    if match.group("vague"):
        phrase = _key(match.group("vague"))
        qualifier = phrase + (" of" if match.group("vague_of") else "")
        if phrase == "scores" and not match.group("vague_of"):
            return None
        return lex.vague[phrase], qualifier
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        scale = (match.group("scale") or "").strip().lower()
        if scale:
            value *= {"m": 1_000_000, "bn": 1_000_000_000}.get(scale, _SCALES.get(scale, 1))
        return value, None
    return _parse_words(match.group("words")), None


def _parse_words(text: str) -> float:
    lowered = _key(text)
    if lowered.startswith("half a million"):
        return 500_000.0
    total = 0
    current = 0
    for token in _WORD_BREAK.split(lowered):
        if token in ("and", ""):
            continue
        if token == "a":
            current = max(current, 1)
        elif token in _SMALL:
            current += _SMALL[token]
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
    return float(total + current)


def _draft(sentence: str, match: re.Match[str], lex: _Lexicon) -> _Draft | None:
    parsed = _value(match, lex)
    if parsed is None:
        return None
    value, vague_phrase = parsed
    number_start, number_end = match.span()
    # "Some 2,000": the qualifier "some" is matched as part of nothing else
    before_text = sentence[max(0, number_start - 60) : number_start]

    if match.group("digits"):
        digits = match.group("digits")
        if _MONTH_BEFORE.search(before_text) or _MONTH_AFTER.match(sentence, number_end):
            return None  # a date
        if _TIME_AFTER.match(sentence, number_end) or _AGE_BEFORE.search(before_text):
            return None
        if _LABEL_BEFORE.search(before_text):
            return None  # "Resolution 2334", "Eagle Partner 2023", "Su-25"
        year_like = _YEAR_LIKE.fullmatch(digits) and not match.group("scale")
        if year_like and (
            _YEAR_CONTEXT.search(before_text)
            or not lex.nouns.match(sentence, _skip_space(sentence, number_end))
        ):
            return None  # a year
    if lex.not_after.match(sentence, number_end):
        return None  # "44 days", "10-day", "30 percent", "1 p.m."
    words = match.group("words")
    if words and _key(words) == "one" and _PRONOUN_ONE.search(before_text):
        return None  # "no one was injured", "the one who ..."

    value_high: float | None = None
    range_match = _RANGE_END.match(sentence, number_end)
    if range_match is not None and not vague_phrase:
        joiner = range_match.group().strip()[:1].lower()
        allowed = joiner != "a" or _BETWEEN_BEFORE.search(before_text)
        if allowed:
            high_text = range_match.group("n")
            high = (
                float(high_text.replace(",", ""))
                if high_text[0].isdigit()
                else _parse_words(high_text)
            )
            if high > value:
                value_high = high
                number_end = range_match.end()
                if lex.not_after.match(sentence, number_end):
                    return None

    start = number_start
    qualifier = None
    q = lex.qualifier_before.search(sentence, max(0, number_start - 30), number_start)
    between = _BETWEEN_OR_FROM_BEFORE.search(before_text) if value_high else None
    if between is not None:
        start = number_start - (len(before_text) - between.start())
    elif q is not None:
        qualifier = _key(q.group("q"))
        start = q.start()
    if vague_phrase:
        qualifier = f"{qualifier} {vague_phrase}" if qualifier else vague_phrase

    # a unit-giving verb before: "killing two civilians", "the death toll rose to 40"
    before_match = lex.before.search(sentence, max(0, start - 50), start)
    before_unit = lex.before_units[_key(before_match.group("b"))] if before_match else None

    # the noun: "of his country's soldiers", "Russian peacekeepers", "ethnic Armenians"
    noun_unit, nationality, noun_end, has_placeholder, unknown_word = _noun(
        sentence, number_end, lex
    )
    tail_start = noun_end if noun_end is not None else number_end
    after_match = lex.after.match(sentence, tail_start)
    if after_match is None and noun_end is not None:
        also = _AND_NOUN.match(sentence, noun_end)  # "70 soldiers and civilians were killed"
        second = lex.nouns.match(sentence, also.end()) if also is not None else None
        adjective = _ADJECTIVE.match(sentence, also.end()) if also and not second else None
        if adjective is not None:  # "soldiers and Israeli civilians"
            second = lex.nouns.match(sentence, adjective.end())
        if second is not None:
            after_match = lex.after.match(sentence, second.end())
    if after_match is None and noun_end is None:
        group = _OF_GROUP.match(sentence, number_end)  # "three of its staff were killed"
        if group is not None:
            after_match = lex.after.match(sentence, group.end())
    after_unit = lex.after_units[_key(after_match.group("p"))] if after_match else None
    if after_unit == "displaced" and noun_unit == "refugees":
        after_unit = None  # "50,000 refugees who fled": refugees, already displaced

    event_unit = after_unit or (before_unit if before_unit in lex.events else None)
    unit: str | None
    end = noun_end if noun_end is not None else number_end
    if after_unit is not None and after_match is not None:
        unit = after_unit
        end = after_match.end()
    elif (
        before_unit is not None
        and before_match is not None
        and (before_unit in lex.events or noun_unit is None)
    ):
        if unknown_word and noun_unit is None and not has_placeholder:
            return None  # "killed 5 cows": not a unit we know
        unit = before_unit
        start = before_match.start()
    else:
        unit = noun_unit
    if unit is None and noun_end is None and not has_placeholder:
        unit = _counted_noun(sentence, start, lex)  # "the number of soldiers ... from 8,000"
    bare = False
    if unit is None and not has_placeholder:
        following = sentence[number_end : number_end + 2]
        bare = not following.strip() or following.lstrip()[:1] in ".,;:)!?"
        bare = bare or (vague_phrase is not None and not match.group("vague_of") and unknown_word)
        if not bare:
            return None
    if (
        event_unit is None
        and value <= 10
        and noun_unit is not None
        and _DEFINITE_BEFORE.search(sentence, max(0, start - 10), start)
    ):
        return None  # "the two men": people named before, not a count
    return _Draft(
        value=value,
        value_high=value_high,
        qualifier=qualifier,
        unit=unit,
        noun_unit=noun_unit,
        event_unit=event_unit,
        nationality=nationality,
        bare=bare,
        start=start,
        number_start=number_start,
        number_end=number_end,
        end=end,
    )


def _counted_noun(sentence: str, start: int, lex: _Lexicon) -> str | None:
    """The unit of "the number of soldiers in the area (from) 8,000"."""
    window = max(0, start - 120)
    matches = list(_NUMBER_OF.finditer(sentence, window, start))
    if not matches:
        return None
    found = matches[-1]
    noun = lex.nouns.match(sentence, found.end())
    if noun is None or not _COUNT_LINK.match(sentence[noun.end() : start]):
        return None
    return lex.noun_units[_key(noun.group())]


def _skip_space(sentence: str, position: int) -> int:
    while position < len(sentence) and sentence[position] in " \t\n":
        position += 1
    return position


def _noun(
    sentence: str, number_end: int, lex: _Lexicon
) -> tuple[str | None, bool, int | None, bool, bool]:
    """(unit, is a nationality, noun end, placeholder noun such as "others", unknown word next)."""
    them = _THEM.match(sentence, number_end)
    if them is not None:
        return None, False, them.end(), True, False
    of = _OF.match(sentence, number_end)
    position = of.end() if of is not None else number_end
    unknown_word = False
    for step in range(4):
        start = _skip_space(sentence, position)
        if start == position and step == 0 and of is None:
            return None, False, None, False, False  # no space after the number
        noun = lex.nouns.match(sentence, start)
        if noun is not None:
            return lex.noun_units[_key(noun.group())], False, noun.end(), False, False
        nationality = _NATIONALITY.match(sentence, start)
        if nationality is not None and _is_nationality(nationality.group()):
            return "people", True, nationality.end(), False, False
        token = _TOKEN.match(sentence, position)
        if token is None:
            break
        word = token.group("tok")
        if word.lower() in lex.stop_tokens or any(ch.isdigit() for ch in word):
            break
        if step == 0 and word[:1].islower():
            unknown_word = True
        position = token.end()
    return None, False, None, False, unknown_word


@functools.cache
def _is_nationality(word: str) -> bool:
    """ "Armenians", "Palestinians", "Gazans": a demonym plural from the actor registry."""
    from briefings.extract.actors import default_registry

    if not word.endswith(("s", "ese", "ch", "sh")):
        return False
    actor = default_registry().get(word)
    return actor is not None and word in actor.aliases


def _coordinate(sentence: str, drafts: list[_Draft]) -> None:
    """ "85 U.S. soldiers and 175 Armenians" → both soldiers; "2 soldiers and 3 civilians were
    killed" → both killed."""
    for first, second in itertools.pairwise(drafts):
        between = sentence[first.end : second.start]
        if not _BETWEEN_COORD.match(between):
            continue
        inherits = second.nationality and first.noun_unit not in (None, "people")
        if inherits and first.unit == first.noun_unit:
            second.unit = first.noun_unit
            second.noun_unit = first.noun_unit
        if second.event_unit and first.event_unit is None and first.unit is not None:
            first.unit = second.event_unit
            first.event_unit = second.event_unit
        if second.unit is None and first.noun_unit is not None:
            second.unit = first.noun_unit  # "200 others"
    for index, draft in enumerate(drafts):
        if not draft.bare or draft.unit is not None or index == 0:
            continue
        previous = drafts[index - 1]
        between = sentence[previous.end : draft.start]
        if previous.unit is not None and _FROM_TO.match(between):
            draft.unit = previous.unit  # "from about 8,000 to the usual 4,000"
        elif previous.noun_unit is not None and draft.qualifier and _CLAUSE_LINK.search(between):
            draft.unit = previous.noun_unit  # "200 demonstrators gathered before dozens ..."


__all__ = ["FigureMatch", "find_figures"]
