"""What an amount counts: its unit, read from the words around it.

Four places can name the unit, tried on the tokens around the number:
- the predicate after it or its noun ("32 people had reportedly been killed"), which wins;
- a verb or phrase right before it ("killing two civilians", "arrested 150");
- a tally named earlier in the clause ("the death toll rose to 45", "put the number of dead
  at 18");
- the head noun after it ("2,000 Russian peacekeepers", "78 killings", "175 Armenians").
A number with none of these is kept as *bare*: the sentence may still lend it a unit
(`briefings.extract.figures.links`: "including four police officers", "three of them").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from briefings.extract.analysis import Token
from briefings.extract.figures.amounts import GROUP_SIZES, Amount
from briefings.extract.figures.lexicon import FigureLexicon

MAX_MODIFIERS = 3  # "30 heavily armed Serb gunmen"
MAX_TALLY_DISTANCE = 22  # tokens from a tally noun to its link word ("the death toll from
# the wave of attacks that began last weekend rose to 16")
_PLACEHOLDERS = frozenset({"others", "more", "other"})
_OF_PLACEHOLDERS = frozenset({"them", "whom", "those", "which", "us", "these"})
_DETERMINERS = frozenset(
    {"the", "its", "his", "her", "their", "our", "these", "those", "whom", "my", "your"}
)
_COORDINATORS = frozenset({"and", "or", "&"})
_STOPS = frozenset({".", ";", ":", "?", "!", "(", ")"})


@dataclass(slots=True)
class Reading:
    """An amount with what the words around it say it counts."""

    amount: Amount
    unit: str | None
    noun_unit: str | None
    event_unit: str | None
    nationality: bool
    placeholder: bool
    start: int  # first token of the figure phrase
    end: int  # token after it
    revision: bool = False
    part: bool = False


@dataclass(slots=True)
class _Noun:
    unit: str | None
    end: int
    nationality: bool = False
    placeholder: bool = False
    unknown: bool = False  # an unknown lower-case word follows the number
    part: bool = False


@dataclass(slots=True)
class _Choice:
    """Which clue gave the unit, and the phrase it makes."""

    unit: str | None
    event_unit: str | None
    start: int
    end: int
    own_losses: bool = False


def read_unit(tokens: list[Token], amount: Amount, lex: FigureLexicon) -> Reading | None:
    """The reading of one amount; None when it plainly counts something else."""
    if _an_age(tokens, amount.first):
        return None  # "those arrested, aged between 19 and 64, were charged"
    start = _past_quote_mark(tokens, amount.end)
    if amount.vague and start + 1 < len(tokens) and tokens[start].norm == "the":
        start += 1  # "dozens of the wounded"
    noun = _noun(tokens, start, lex)
    # "three of his neighbours had died": past the group a part is counted of
    grouped = noun.unit or noun.placeholder or noun.nationality or noun.part
    tail = noun.end if grouped else amount.end
    after_unit, after_end, revised = _predicate(tokens, tail, noun.unit is not None, lex)
    whole = _whole_of_a_part(tokens, amount.first, lex)
    if after_unit is None and noun.unit is None and noun.unknown and not whole:
        after_unit, after_end, revised = _predicate(tokens, noun.end, True, lex)
        if after_unit is not None:
            noun.unknown = False  # "three crew were killed": the predicate decides
    if after_unit is not None and whole:
        after_unit, after_end = None, amount.end  # "five of its six crew were killed"
    tally = _tally(tokens, amount.first, lex)
    # "freed 27 of the guards taken hostage": a participle right after the noun describes
    # the noun; the verb the number is the object of says what happened to the 27
    described = after_unit is not None and lex.after.at(tokens, tail) is not None
    if described:
        # "130 pupils abducted from a school earlier this month have been released": the
        # participle describes the pupils; the clause's own verb says what happened now
        main = _main_predicate(tokens, after_end, lex)
        if main is not None:
            after_unit, after_end = main
            described = False
    choice = _choose(tokens, amount, noun, (after_unit, after_end), tally, lex, described)
    if choice is None:
        return None
    possessed = _possessive_unit(tokens, amount, noun, lex)
    if possessed is not None and choice.unit == noun.unit and choice.event_unit is None:
        choice.unit = possessed
    if choice.unit is None and (
        (noun.unknown and not amount.vague) or (noun.part and not noun.placeholder)
    ):
        return None
    revision_before = lex.revision_before.ending_at(tokens, amount.first) is not None
    reading = Reading(
        amount=amount,
        unit=choice.unit,
        noun_unit=noun.unit,
        event_unit=choice.event_unit,
        nationality=noun.nationality,
        placeholder=noun.placeholder,
        start=choice.start,
        end=choice.end,
        revision=revised or revision_before or (tally is not None and tally.revision),
        part=noun.part or choice.own_losses,
    )
    if _reference(tokens, reading, lex):
        return None
    return reading


_PART_DETERMINERS = frozenset({"its", "the", "their", "his", "her", "our"})


def _whole_of_a_part(tokens: list[Token], first: int, lex: FigureLexicon) -> bool:
    """The whole in "five of its six crew members were killed": the predicate tells what
    happened to the part before "of", the whole is counted by its noun."""
    owner = first >= 4 and tokens[first - 1].norm == "'s" and tokens[first - 2].is_title
    if owner:
        first -= 1  # "30,000 of Derna's 100,000 residents": "Derna's" stands for "its"
    elif first >= 2 and tokens[first - 1].norm == "of":
        return _is_number(tokens[first - 2], lex)  # "five of some 40", "104 of an estimated 750"
    elif first < 3 or tokens[first - 1].norm not in _PART_DETERMINERS:
        return False
    return tokens[first - 2].norm == "of" and _is_number(tokens[first - 3], lex)


_AGE_WORDS = frozenset({"aged", "ages", "age"})
_AGE_LINKS = frozenset({"between", "and", "to", "from", "of", "-", "–"})


def _an_age(tokens: list[Token], first: int) -> bool:
    """An age, not a count: "aged 19", "aged between 19 and 64", "ages 5 to 12"."""
    for index in range(first - 1, max(-1, first - 5), -1):
        token = tokens[index]
        if token.norm in _AGE_WORDS:
            return True
        if token.kind != "num" and token.norm not in _AGE_LINKS:
            return False
    return False


_AUXILIARIES = frozenset({"have", "has", "had", "were", "was", "are", "is"})
_CLAUSE_BREAKS = frozenset({"and", "but", "or", "while", "whereas", "as", "when", "after", ","})
MAX_MAIN_VERB_DISTANCE = 14  # tokens from a describing participle to the clause's own verb


def _main_predicate(tokens: list[Token], start: int, lex: FigureLexicon) -> tuple[str, int] | None:
    """The unit and end of the clause's own predicate after a describing participle: an
    auxiliary ("have been", "were also") and a unit's predicate, before the clause ends."""
    for index in range(start, min(len(tokens), start + MAX_MAIN_VERB_DISTANCE)):
        token = tokens[index]
        if token.norm in _STOPS or token.norm in _CLAUSE_BREAKS or token.kind == "num":
            return None  # "1,100 people died and thousands were displaced": another clause
        if token.norm in _AUXILIARIES:
            unit, end, _ = _predicate(tokens, index, False, lex)
            return (unit, end) if unit is not None else None
        if index > start and token.text[:1].islower():
            # a headline drops the auxiliary: "137 students kidnapped in Kaduna freed"
            hit = lex.after.at(tokens, index)
            if hit is not None and (lex.units[hit.value].event or lex.units[hit.value].over):
                return hit.value, hit.end
    return None


def _possessive_unit(
    tokens: list[Token], amount: Amount, noun: _Noun, lex: FigureLexicon
) -> str | None:
    """The unit a capitalised possessive before the number gives its head noun: "Sudan's 46
    million people" counts Sudan's population, not people something happened to."""
    if noun.unit is None or noun.end <= amount.end or amount.first < 2:
        return None
    unit = lex.after_possessive.get(tokens[noun.end - 1].norm)
    if unit is None or tokens[amount.first - 1].norm not in {"'s", "’s"}:
        return None
    owner = tokens[amount.first - 2]
    return unit if owner.is_word and owner.text[:1].isupper() else None


def _choose(
    tokens: list[Token],
    amount: Amount,
    noun: _Noun,
    after: tuple[str | None, int],
    tally: _Tally | None,
    lex: FigureLexicon,
    described: bool = False,
) -> _Choice | None:
    """The unit by the clues' precedence: an apposition's noun ("the attackers, numbering
    about 50"), the predicate, a verb before (events over nouns), a side's losses, a tally,
    the noun. None: a verb of counting people before something else ("killing 5 cows")."""
    after_unit, after_end = after
    start, end = amount.first, max(noun.end, amount.end)
    if tally is not None and tally.apposition and noun.unit is None:
        return _Choice(tally.unit, None, tally.start, end)
    before = lex.before.ending_at(tokens, amount.first)
    if (
        after_unit is not None
        and noun.unit not in lex.units[after_unit].keeps
        and not (described and before is not None and noun.unit is not None)
    ):
        event = after_unit if lex.units[after_unit].event else None
        return _Choice(after_unit, event, start, after_end)
    if before is not None:
        spec = lex.units[before.value]
        if noun.unit is None and noun.unknown and not noun.placeholder:
            return None
        if spec.event or noun.unit is None or noun.unit in spec.over:
            return _Choice(before.value, before.value if spec.event else None, before.start, end)
        return _Choice(noun.unit, None, start, end)
    weak = lex.weak_before.ending_at(tokens, amount.first)
    if weak is not None and ((noun.unit is None and not noun.unknown) or noun.unit in _PERSONS):
        return _Choice(weak.value, weak.value, weak.start, end, own_losses=True)
    if tally is not None and noun.unit is None:
        event = tally.unit if lex.units[tally.unit].event else None
        return _Choice(tally.unit, event, tally.start, end)
    return _Choice(noun.unit, None, start, end)


def _past_quote_mark(tokens: list[Token], position: int) -> int:
    """Past a quote mark around a word the writer distances themself from ('"bandits"')."""
    if position < len(tokens) and tokens[position].kind == "quote":
        return position + 1
    return position


def before_quote_mark(tokens: list[Token], first: int) -> int:
    """Where the words before a quoted count end ('the toll at "around 100"', 'up from the
    "more than 200"'): the quote mark opening it, else the count's first token."""
    if first > 0 and tokens[first - 1].kind == "quote":
        return first - 1
    return first


_PERSONS = frozenset({"people", "soldiers", "civilians", "fighters", "children"})


def _noun(tokens: list[Token], position: int, lex: FigureLexicon) -> _Noun:
    """The noun the number counts: "85 U.S. soldiers", "105 of his country's soldiers",
    "three of them", "200 others", "175 Armenians"."""
    count = len(tokens)
    if (
        position + 2 < count
        and tokens[position].norm == "-"
        and tokens[position + 1].norm in (GROUP_SIZES)
    ):
        position += 2  # "the 25-member crew", "a 2,500-strong force"
    if position >= count:
        return _Noun(None, position)
    token = tokens[position]
    if token.norm == "others" or (
        token.norm in _PLACEHOLDERS
        and not (position + 1 < count and lex.nouns.at(tokens, position + 1))
    ):
        return _Noun(None, position + 1, placeholder=True)
    if token.norm == "of":
        after = position + 1
        if after < count and tokens[after].norm in _OF_PLACEHOLDERS:
            return _Noun(None, after + 1, placeholder=True, part=True)
        while after < count and tokens[after].norm in _DETERMINERS | {"an", "a"}:
            after += 1
        qualifier = lex.qualifiers.at(tokens, after)
        if (
            qualifier is not None
            and qualifier.end < count
            and _is_number(tokens[qualifier.end], lex)
        ):
            after = qualifier.end  # "104 of the estimated 750 passengers"
        if after + 1 < count and tokens[after + 1].norm == "'s":
            after += 2  # "of his country's soldiers"
        if after + 1 < count and _is_number(tokens[after], lex):
            after += 1  # "11 of the 13 plotters": the group is the plotters
        found = _walk(tokens, after, lex)
        found.part = True
        found.unknown = False
        if found.unit is None and not found.nationality:
            group_end = _group_end(tokens, after, lex)
            return _Noun(None, group_end, part=True)
        return found
    return _walk(tokens, position, lex)


def _is_number(token: Token, lex: FigureLexicon) -> bool:
    return token.kind == "num" or token.norm in lex.number_words


def _mixed_group(tokens: list[Token], unit: str, end: int, lex: FigureLexicon) -> tuple[str, int]:
    """ "1,300 military personnel and volunteers": nouns of two units joined count people."""
    if end + 1 < len(tokens) and tokens[end].norm in {"and", "or"}:
        other = lex.nouns.at(tokens, end + 1)
        if other is not None and other.value != unit and "people" in (unit, other.value):
            return "people", other.end
    return unit, end


def _walk(tokens: list[Token], position: int, lex: FigureLexicon) -> _Noun:
    """A unit noun at most MAX_MODIFIERS words further on."""
    count = len(tokens)
    unknown = False
    for step in range(MAX_MODIFIERS + 1):
        index = position + step
        if index >= count:
            break
        hit = lex.nouns.at(tokens, index)
        if hit is not None:
            return _Noun(*_mixed_group(tokens, hit.value, hit.end, lex))
        predicate = lex.after.at(tokens, index)
        if predicate is not None and predicate.end - predicate.start > 1:
            inner = lex.nouns.at(tokens, predicate.end - 1)
            if inner is None or inner.value != predicate.value:
                return _Noun(None, position)  # "hundreds feared dead": a predicate, not "dead"
        if step and lex.not_after.at(tokens, index) is not None:
            return _Noun(None, index, unknown=True)  # "48 Kuwaiti jet fighters"
        token = tokens[index]
        if token.is_title and _is_nationality(token.text):
            if not _adjective_use(tokens, index + 1, lex):
                return _Noun("people", index + 1, nationality=True)
            continue  # "1,850 French francs", "five Kenyan employees"
        if token.kind != "word" or (
            token.norm in lex.not_modifiers and token.norm not in lex.noun_modifiers
        ):
            break
        if token.norm in lex.number_words:
            break  # "from 968 two days earlier": another count starts, not a noun
        superlative = any(t.norm.endswith("est") for t in tokens[position:index])
        if token.text[:1].islower() and not superlative and _role_plural(token.norm):
            return _Noun("people", index + 1)  # "13 airmen", "40 bishops": a role's plural
        if step == 0 and token.text[:1].islower() and token.norm not in lex.noun_modifiers:
            unknown = not token.norm.endswith("ly") and token.norm not in _ADJECTIVE_HINTS
    return _Noun(None, position + 1 if unknown else position, unknown=unknown)


@functools.cache
def _role_plural(word: str) -> bool:
    """A plural of a person's role the actor registry knows ("airmen", "backpackers")."""
    from briefings.extract.actors import default_registry  # loaded by then: no cycle

    return default_registry().person_noun(word)


def _adjective_use(tokens: list[Token], index: int, lex: FigureLexicon) -> bool:
    """Whether a demonym is followed by the noun it qualifies (a lower-case word that is no
    predicate: "French francs"), rather than standing for people ("40 Palestinians killed")."""
    if index >= len(tokens):
        return False
    token = tokens[index]
    if token.kind != "word" or not token.text[:1].islower():
        return False
    if token.norm in lex.not_modifiers or lex.after.at(tokens, index) is not None:
        return False
    return lex.fillers.at(tokens, index) is None


_ADJECTIVE_HINTS = frozenset({"armed", "wounded", "injured", "ethnic", "unarmed", "innocent"})


def _group_end(tokens: list[Token], position: int, lex: FigureLexicon) -> int:
    """The end of "the attackers" in "three of the attackers": up to three words, and not
    into what happened to them ("three of his neighbours had died")."""
    end = position
    while end < len(tokens) and end < position + 3 and tokens[end].kind == "word":
        if end > position and (
            tokens[end].norm in _AUXILIARIES or lex.after.at(tokens, end) is not None
        ):
            break
        end += 1
    return end


@functools.cache
def _is_nationality(word: str) -> bool:
    """ "Armenians", "Palestinians", "Haitians": a demonym plural from the actor registry."""
    from briefings.extract.actors import default_registry

    if not word.endswith(("s", "ese", "ch", "sh")):
        return False
    actor = default_registry().get(word)
    return actor is not None and word in actor.aliases


def _predicate(
    tokens: list[Token], position: int, has_noun: bool, lex: FigureLexicon
) -> tuple[str | None, int, bool]:
    """(unit, end, says the count is an update) of the predicate after a noun or number:
    "were killed", "had now died", "in Gaza had been displaced", ", most of them women, were
    killed", "killed, injured or kidnapped" (two event units: the joint unit)."""
    count = len(tokens)
    position = _past_quote_mark(tokens, position)  # '20,000 "bandits" had attacked'
    index = _skip_attachment(tokens, position, lex)
    if index == position:
        index = _skip_place(tokens, position, lex)
    index = _skip_apposition(tokens, index, lex)
    if index < count and tokens[index].norm == ",":
        index += 1
    if has_noun:
        index = _skip_coordinated_noun(tokens, index, lex)
        index = _skip_place(tokens, index, lex)
    revised = False
    for _ in range(6):
        if index >= count or lex.after.at(tokens, index) is not None:
            break  # "still being held" is a predicate, not fillers before "held"
        filler = lex.fillers.at(tokens, index)
        if filler is not None:
            revised = revised or lex.revision_in_predicate.at(tokens, index) is not None
            index = filler.end
            continue
        token = tokens[index]
        if token.kind == "word" and len(token.norm) > 4 and token.norm.endswith("ly"):
            index += 1
            continue
        break
    hit = lex.after.at(tokens, index)
    if hit is None or _done_by_the_count(tokens, position, index, hit.end, lex):
        return None, position, False
    units = {hit.value}
    end = hit.end
    while end + 1 < count:
        step = end
        if tokens[step].norm == ",":
            step += 1
        if step < count and tokens[step].norm in _COORDINATORS:
            step += 1
        if step == end:
            break
        other = lex.after.at(tokens, step)
        if other is None or not lex.units[other.value].event:
            break
        if other.end < count and tokens[other.end].kind == "num":
            break  # "left 5,000 homeless and killed 11": the verb has a count of its own
        units.add(other.value)
        end = other.end
    unit = hit.value if len(units) == 1 else lex.joint_unit
    return unit, end, revised


_PASSIVE = frozenset({"were", "was", "been", "be", "being", "are", "is", "got", "get", "gets"})


def _done_by_the_count(
    tokens: list[Token], start: int, verb: int, end: int, lex: FigureLexicon
) -> bool:
    """'"dozens" of its fighters had killed hundreds': an active verb with its object after
    it says what the counted did, not what happened to them."""
    if end - verb != 1 or tokens[verb].norm not in lex.agent_verbs or end >= len(tokens):
        return False
    if any(token.norm in _PASSIVE for token in tokens[start:verb]):
        return False
    after = tokens[end]
    if lex.not_objects.at(tokens, end) is not None:
        return False  # "40 people killed the day before": when, not whom
    return (
        after.kind == "num"
        or after.norm in lex.number_words
        or lex.vague.at(tokens, end) is not None
        or lex.object_openers.at(tokens, end) is not None
    )


_ATTACHMENTS = frozenset({"from", "of", "at", "with", "in", "among"})
MAX_ATTACHMENT = 5  # words of "from state television", "of the same family"


def _skip_attachment(tokens: list[Token], position: int, lex: FigureLexicon) -> int:
    """Past a short prepositional phrase that says who the people are ("journalists from
    state television", "members of the same family") when an auxiliary and a predicate
    follow it; `position` otherwise."""
    if position >= len(tokens):
        return position
    norm = tokens[position].norm
    describing = norm.endswith("ing") and len(norm) > 4 and tokens[position].text.islower()
    if norm not in _ATTACHMENTS and not describing:  # "people working at a quarry were …"
        return position
    for end in range(position + 2, min(len(tokens), position + MAX_ATTACHMENT + 2)):
        token = tokens[end - 1]
        if token.kind not in ("word", "num") or token.norm in _CLAUSE_BREAKS:
            return position  # (a number inside: "people from 2,704 families")
        if end < len(tokens) and tokens[end].norm == ",":
            # "nine men among the survivors, aged between 20 and 40, were arrested"
            beyond = _skip_apposition(tokens, end, lex)
            if beyond > end and beyond < len(tokens) and tokens[beyond].norm in _AUXILIARIES:
                return end
        if end < len(tokens) and tokens[end].norm in _AUXILIARIES:
            nxt = end + 1
            while nxt < len(tokens) and (filler := lex.fillers.at(tokens, nxt)) is not None:
                nxt = filler.end
            if lex.after.at(tokens, nxt) is not None:
                return end
        elif end < len(tokens) and lex.after.at(tokens, end) is not None:
            hit = lex.after.at(tokens, end)
            if hit is not None and lex.units[hit.value].event:
                return end  # "ten soldiers from the elite unit died"
    return position


def _skip_place(tokens: list[Token], position: int, lex: FigureLexicon) -> int:
    """Past "in Gaza", "from Bulgaria, Mexico and the Philippines", "in the northern city of
    Nampula", "across the country"; `position` itself when no place follows."""
    count = len(tokens)
    index = position
    while index < count and tokens[index].norm in lex.place_prepositions:
        start = index + 1
        if start < count and tokens[start].norm == "the":
            start += 1
        end = _names(tokens, start)
        if end == start:
            end = _names_after_modifiers(tokens, start, lex)
        if end > start and end < count:
            named_place = lex.place_nouns.at(tokens, end)  # "of Batken region"
            if named_place is not None:
                end = named_place.end
        if end == start:
            scan = start
            while scan < count and scan < start + 2 and tokens[scan].text[:1].islower():
                if lex.place_nouns.at(tokens, scan) is not None:
                    break
                scan += 1
            hit = lex.place_nouns.at(tokens, scan) if scan < count else None
            if hit is None:
                return index
            end = hit.end
            if end + 1 < count and tokens[end].norm == "of" and tokens[end + 1].is_title:
                end = _names(tokens, end + 1)
        index = end
    return index


def _names_after_modifiers(tokens: list[Token], start: int, lex: FigureLexicon) -> int:
    """The end of names after one or two lower-case words ("of the ruling Movement for
    Socialism", "of the main opposition Civic Platform"); `start` when there are none."""
    index = start
    while index < min(len(tokens), start + 2):
        token = tokens[index]
        if token.kind != "word" or not token.text[:1].islower():
            break
        if token.norm in lex.not_modifiers or lex.after.at(tokens, index) is not None:
            return start
        index += 1
        end = _names(tokens, index)
        if end > index:
            return end
    return start


_NAME_LINKS = frozenset({",", "and", "of", "the", "-", "for"})  # "Movement for Socialism"


def _names(tokens: list[Token], start: int) -> int:
    """The end of a run of names, lists included ("Bulgaria, Mexico and the Philippines")."""
    count = len(tokens)
    index = start
    end = start
    while index < count:
        token = tokens[index]
        if token.is_title or (token.kind == "word" and token.norm == "'s" and end > start):
            index += 1
            end = index
            continue
        if end > start and token.norm in _NAME_LINKS and index + 1 < count:
            nxt = tokens[index + 1]
            if nxt.is_title or (nxt.norm == "the" and index + 2 < count):
                index += 1
                continue
        break
    return end


_APPOSITION_OPENERS = frozenset(
    {"most", "many", "all", "some", "half", "mostly", "nearly", "almost", "among", "the",
     "mainly", "largely", "several", "both", "none", "including", "aged", "ages", "a", "an",
     "one", "from"}
)  # fmt: skip


def _skip_apposition(tokens: list[Token], position: int, lex: FigureLexicon) -> int:
    """Past ", most of them Kosovo Albanians," (to the closing comma, within 12 words), or
    past a listing apposition to the comma before the predicate (", most of them elderly
    people, the sick and mothers with children, were released")."""
    count = len(tokens)
    if position + 1 >= count or tokens[position].norm != ",":
        return position
    if tokens[position + 1].norm not in _APPOSITION_OPENERS:
        return position
    first_comma = None
    for index in range(position + 2, min(count - 1, position + _LISTING_REACH)):
        norm = tokens[index].norm
        if norm in _STOPS:
            break
        if norm != ",":
            continue
        if first_comma is None:
            first_comma = index + 1
        following = tokens[index + 1]
        if following.norm in _AUXILIARIES or lex.after.at(tokens, index + 1) is not None:
            return index + 1
    if first_comma is not None and first_comma - position <= _APPOSITION_REACH:
        return first_comma
    return position


_APPOSITION_REACH = 14  # tokens of a short apposition, to its closing comma
_LISTING_REACH = 28  # tokens of a listing apposition, to the comma before the predicate


def _skip_coordinated_noun(tokens: list[Token], position: int, lex: FigureLexicon) -> int:
    """Past "and civilians" in "70 soldiers and civilians were killed"."""
    count = len(tokens)
    if position >= count or tokens[position].norm not in _COORDINATORS:
        return position
    start = position + 1
    if start < count and tokens[start].norm in {"a", "an"}:
        start += 1  # "two men and a woman died"
    if start + 2 < count and tokens[start].kind == "num" and tokens[start + 2].norm == "year-old":
        start += 3  # "and a 56-year-old woman": an age, not another count
    for index in range(start, min(count, start + 3)):
        hit = lex.nouns.at(tokens, index)
        if hit is not None:
            return hit.end
        token = tokens[index]
        if token.kind != "word" or token.norm in lex.not_modifiers:
            break
        if token.norm in lex.number_words:
            break  # "two soldiers and three civilians": another count
    return position


@dataclass(frozen=True, slots=True)
class _Tally:
    unit: str
    start: int  # first token of the tally noun
    revision: bool
    apposition: bool = False  # "the attackers, numbering about 50": the noun's count


_APPOSITION_LINKS = frozenset({"numbering", "totalling", "totaling", "numbered"})


def _tally(tokens: list[Token], first: int, lex: FigureLexicon) -> _Tally | None:
    """A tally linked to the number, and whether the wording updates it: "the death toll
    rose to 45", "put the nationwide toll at 44", "the number of soldiers in the area from
    about 8,000", "the number injured topped 2,200"."""
    first = before_quote_mark(tokens, first)  # 'put the death toll at "around 100"'
    link = lex.tally_links.ending_at(tokens, first)
    if link is None:
        return None
    revision = lex.revision_before.ending_at(tokens, first) is not None
    floor = max(0, link.start - MAX_TALLY_DISTANCE)
    for end in range(link.start, floor, -1):
        token = tokens[end - 1]
        if token.kind == "num" or token.norm in _STOPS:
            break
        hit = lex.tallies.ending_at(tokens, end, floor)
        if hit is not None:
            return _Tally(hit.value, hit.start, revision)
        if token.norm not in {"number", "numbers", "total", "count", "tally"}:
            continue
        if end < len(tokens) and tokens[end].norm == "of":
            noun = _walk(tokens, end + 1, lex)
            if noun.unit is not None:
                # "the number of Kyrgyz citizens killed": what happened to them decides
                done = lex.after.at(tokens, noun.end) if noun.end < len(tokens) else None
                if done is not None and lex.units[done.value].event:
                    return _Tally(done.value, end - 1, revision)
                return _Tally(noun.unit, end - 1, revision)
        participle = lex.after.at(tokens, end) if end < len(tokens) else None
        if participle is not None and lex.units[participle.value].event:
            return _Tally(participle.value, end - 1, revision)
    if tokens[link.start].norm in _APPOSITION_LINKS:
        for index in range(link.start - 1, floor - 1, -1):
            head = lex.nouns.ending_at(tokens, index + 1)
            if head is not None:
                return _Tally(head.value, head.start, revision, apposition=True)
            if tokens[index].kind == "num" or tokens[index].norm in _STOPS:
                break
    return None


def _reference(tokens: list[Token], reading: Reading, lex: FigureLexicon) -> bool:
    """ "the two men", "both leaders": people named before, not a count (unless something
    happened to them: "the three soldiers were killed")."""
    amount = reading.amount
    if reading.event_unit is not None or amount.value > 10 or reading.noun_unit is None:
        return False
    return lex.definite_before.ending_at(tokens, amount.first) is not None
