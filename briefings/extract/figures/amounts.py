"""Amounts: the numbers of a sentence that could count something, with range and qualifier.

Reads the analysis' `numbers` (digits and number words with their values) and `times`
(years, dates, durations such as "44 days" are timexes, so never amounts), and adds what a
count needs beyond a number: vague quantities ("dozens of" = 24, per tests/gold/GUIDELINES),
"a dozen", "half a million", ranges ("between 4,000 and 5,000", "20-30"), the qualifier
before ("at least", "up to"). What is plainly not a count is left out here: percentages,
money, measures, ages, labels ("Resolution 2334"), and years the time layer did not claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.extract.analysis import SentenceAnalysis, Token
from briefings.extract.figures.lexicon import FigureLexicon

# Vague quantities and "a dozen", "half a million" all hold one of these words.
_NUMBER_WORDS = ("dozen", "hundred", "thousand", "million", "billion", "scores")
_SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_RANGE_JOINERS = frozenset({"-", "–", "to", "or"})
_RANGE_OPENERS = frozenset({"between", "from"})
_YEAR_CUES = frozenset(
    {"in", "since", "of", "by", "until", "till", "from", "after", "before", "during", "year",
     "summer", "spring", "autumn", "fall", "winter", "early", "late", "mid", "between",
     "and", "to", "through", "circa", "c.", "the", "'s", "in-"}
)  # fmt: skip
_PRONOUN_ONE = frozenset(
    {"no", "not", "any", "every", "some", "each", "the", "this", "that", "which", "someone"}
)
_CHANGE_VERBS = frozenset(
    {"rose", "risen", "rising", "rises", "increased", "increasing", "decreased", "fell",
     "falling", "dropped", "climbed", "jumped", "grew", "reduced", "cut", "raised", "revised",
     "went", "up", "down", "soared", "doubled", "swelled", "shrank", "declined"}
)  # fmt: skip


@dataclass(slots=True)
class Amount:
    """A number that may count something: value (and upper bound), qualifier, and where it
    is — `start`/`end` are its tokens, `first` the first token of the phrase (qualifier,
    "between")."""

    value: float
    value_high: float | None
    qualifier: str | None
    vague: bool
    first: int
    start: int
    end: int
    from_words: bool = False


def find_amounts(analysis: SentenceAnalysis, lex: FigureLexicon) -> list[Amount]:
    """The sentence's amounts in order, ranges joined, non-counts left out."""
    lowered = analysis.text.lower()
    wordy = any(word in lowered for word in _NUMBER_WORDS)
    if not analysis.numbers and not wordy:
        return []  # most sentences: no number, no "dozens", "a thousand"
    tokens = analysis.tokens
    raw = _raw_amounts(analysis, lex, wordy=wordy)
    amounts: list[Amount] = []
    index = 0
    while index < len(raw):
        amount = raw[index]
        index += 1
        if amount.vague:
            blocked = lex.not_after.at(tokens, amount.end)
            noun = lex.nouns.at(tokens, amount.end) if blocked is not None else None
            if blocked is not None and (noun is None or noun.end <= blocked.end):
                continue  # "hundreds of trucks"; not "hundreds of members of the security forces"
        elif _not_a_count(analysis, lex, amount):
            continue
        if index < len(raw) and not amount.vague:
            high = raw[index]
            if _joins_range(tokens, amount, high) and not _not_a_count(analysis, lex, high):
                amount.value_high = high.value
                amount.end = high.end
                index += 1
        _qualify(tokens, lex, amount)
        amounts.append(amount)
    return amounts


def _raw_amounts(analysis: SentenceAnalysis, lex: FigureLexicon, *, wordy: bool) -> list[Amount]:
    tokens = analysis.tokens
    found: list[Amount] = []
    covered: set[int] = set()
    # vague quantities first: "several hundred" must not read as the number "hundred"
    starts = lex.vague.starts
    for index, token in enumerate(tokens if wordy else ()):
        if token.norm not in starts or index in covered:
            continue
        hit = lex.vague.at(tokens, index)
        if hit is None:
            continue
        end = hit.end
        phrase = " ".join(t.norm for t in tokens[hit.start : hit.end])
        has_of = end < len(tokens) and tokens[end].norm == "of"
        if phrase == "scores" and not has_of:
            continue  # "scores" alone is a verb or a tally
        if has_of:
            end += 1
        qualifier = phrase + (" of" if has_of else "")
        found.append(Amount(hit.value, None, qualifier, True, index, index, end, True))
        covered.update(range(index, end))
    for number in analysis.numbers:
        span = number.span
        if any(i in covered for i in range(span.start, span.end)):
            continue
        articled = span.start > 0 and tokens[span.start - 1].norm in {"a", "an"}
        if articled and tokens[span.start].norm == "hundred":
            continue  # "a hundred": read with its article below
        found.append(
            Amount(
                number.value, None, None, False, span.start, span.start, span.end,
                tokens[span.start].kind == "word",
            )
        )  # fmt: skip
        covered.update(range(span.start, span.end))
    if wordy:
        found += _articled(tokens, covered)
    found.sort(key=lambda amount: amount.start)
    _extend(tokens, found)
    return found


def _articled(tokens: list[Token], covered: set[int]) -> list[Amount]:
    """ "a dozen", "a thousand", "half a million": counts the analysis' numbers leave out."""
    found = []
    for index, token in enumerate(tokens[:-1]):
        if token.norm not in {"a", "an", "half"} or index in covered:
            continue
        nxt = tokens[index + 1]
        if token.norm == "half" and nxt.norm == "a" and index + 2 < len(tokens):
            scale = _SCALE_WORDS.get(tokens[index + 2].norm)
            if scale and scale >= 1000:
                found.append(Amount(scale / 2, None, None, False, index, index, index + 3, True))
                covered.update(range(index, index + 3))
            continue
        if token.norm == "half":
            continue
        value = 12.0 if nxt.norm == "dozen" else _SCALE_WORDS.get(nxt.norm)
        if value is None or index + 1 in covered:
            continue
        found.append(Amount(float(value), None, None, False, index, index, index + 2, True))
        covered.update(range(index, index + 2))
    return found


def _extend(tokens: list[Token], found: list[Amount]) -> None:
    """ "two dozen" → 24; "one hundred and fifty" → 150 (merging the two numbers)."""
    merged: list[Amount] = []
    for amount in found:
        end = amount.end
        if end < len(tokens) and tokens[end].norm == "dozen" and not amount.vague:
            amount.value *= 12
            amount.end = end + 1
        if merged and amount.from_words and merged[-1].from_words and not merged[-1].vague:
            last = merged[-1]
            joined_by_and = (
                last.value % 100 == 0
                and amount.value < 100
                and amount.start == last.end + 1
                and tokens[last.end].norm == "and"
            )
            tens_units = (  # "thirty four"
                amount.start == last.end and last.value % 10 == 0 and amount.value < 10
            )
            if joined_by_and or tens_units:
                last.value += amount.value
                last.end = amount.end
                continue
        merged.append(amount)
    found[:] = merged


def _joins_range(tokens: list[Token], low: Amount, high: Amount) -> bool:
    """ "20-30", "20 to 30", "two or three", "between 20 and 30" (not "rose from 20 to 30")."""
    if high.vague or high.value <= low.value or high.start != low.end + 1:
        return False
    joiner = tokens[low.end].norm
    opener = tokens[low.start - 1].norm if low.start else ""
    if joiner == "and":
        return opener == "between"
    if joiner not in _RANGE_JOINERS:
        return False
    if opener == "from" and low.start >= 2 and tokens[low.start - 2].norm in _CHANGE_VERBS:
        return False  # a change, two counts: "rose from 20 to 30"
    # "20 - 30" with spaces is rarely a range in news text
    return joiner != "-" or tokens[low.end].start == tokens[low.end - 1].end


def _not_a_count(analysis: SentenceAnalysis, lex: FigureLexicon, amount: Amount) -> bool:
    tokens = analysis.tokens
    first, last = tokens[amount.start], tokens[amount.end - 1]
    for time in analysis.times:
        if time.start < last.end and time.end > first.start:
            return True  # a date, time or duration ("44 days", "1 p.m.", "1994")
    if amount.value != int(amount.value):
        return True  # "3.5": a measure, not a head count
    end = amount.end
    blocked = lex.not_after.at(tokens, end)
    if blocked is not None:
        noun = lex.nouns.at(tokens, end)  # "14 members of my family" is a count of people
        if noun is None or noun.end <= blocked.end:
            return True  # "30 percent", "5 km", "$20 million dollars", "20 trucks"
    if (
        end + 1 < len(tokens)
        and tokens[end].norm in {"-", "–"}
        and tokens[end + 1].is_word
        and tokens[end].start == last.end
        and tokens[end + 1].norm not in GROUP_SIZES
    ):
        return True  # "10-day", "20-year-old", "two-state"; not "the 25-member crew"
    if lex.not_before.ending_at(tokens, amount.start) is not None:
        return True  # "Resolution 2334", "aged 45", "$20"
    if first.kind == "num" and _year(analysis, lex, amount):
        return True
    if _proportion(analysis, amount):
        return True
    if _age_apposition(tokens, amount):
        return True
    # "no one was injured", "the one who ..."; not "said that one person had been killed"
    if first.norm != "one" or amount.start == 0:
        return False
    before = tokens[amount.start - 1].norm
    if before == "that" and lex.nouns.at(tokens, amount.end) is not None:
        return False
    return before in _PRONOUN_ONE


def _year(analysis: SentenceAnalysis, lex: FigureLexicon, amount: Amount) -> bool:
    """A four-digit number from 1500 to 2099 the time layer did not take: a year unless a
    unit noun follows and no year cue precedes ("in 2020 soldiers" is a year)."""
    tokens = analysis.tokens
    token = tokens[amount.start]
    if amount.end != amount.start + 1 or "," in token.text or len(token.text) != 4:
        return False
    if not 1500 <= amount.value <= 2099:
        return False
    before = tokens[amount.start - 1].norm if amount.start else ""
    if before in _YEAR_CUES:
        return True
    return lex.nouns.at(tokens, amount.end) is None


_PROPORTION_LINKS = frozenset({"of", "in", "out"})
GROUP_SIZES = frozenset({"member", "strong", "man", "person", "woman"})  # "a 25-member crew"
_ROUND_WHOLES = frozenset({10.0, 100.0, 1000.0})


def _proportion(analysis: SentenceAnalysis, amount: Amount) -> bool:
    """ "eight of 10 voters", "one in five", "one of every nine": a share, not a count."""
    tokens = analysis.tokens
    values = {number.span.start: number.value for number in analysis.numbers}
    end = amount.end
    if end + 1 < len(tokens) and tokens[end].norm in _PROPORTION_LINKS:
        after = end + 2 if tokens[end].norm == "out" else end + 1
        if after < len(tokens) and tokens[after].norm in {"every", "each"}:
            return True
        if after in values:
            # "eight of 10 voters" is a share; "two of 12 crew members" counts a part
            return tokens[end].norm != "of" or values[after] in _ROUND_WHOLES
    link = amount.start - 1
    bare_of = amount.value not in _ROUND_WHOLES  # "two of 12 crew": 12 is the whole's count
    if link >= 0 and tokens[link].norm in {"every", "each"}:
        link, bare_of = link - 1, False
    if link >= 1 and tokens[link].norm == "of" and tokens[link - 1].norm == "out":
        link, bare_of = link - 1, False
    ends = {number.span.end - 1 for number in analysis.numbers}
    if link < 1 or tokens[link].norm not in _PROPORTION_LINKS or link - 1 not in ends:
        return False
    return not (bare_of and tokens[link].norm == "of")


def _age_apposition(tokens: list[Token], amount: Amount) -> bool:
    """ "Marie-Ange Dorval, 52, fled": a number between commas after a name is an age."""
    start, end = amount.start, amount.end
    if start < 2 or amount.value >= 120 or end - start != 1:
        return False
    after = tokens[end].norm if end < len(tokens) else ","
    return tokens[start - 1].norm == "," and tokens[start - 2].is_title and after in {",", "."}


def _qualify(tokens: list[Token], lex: FigureLexicon, amount: Amount) -> None:
    """The qualifier before the number ("at least", "some"), and "between"/"from" of a range
    as the phrase's first word."""
    hit = lex.qualifiers.ending_at(tokens, amount.start)
    if hit is not None:
        qualifier = hit.value
        amount.first = hit.start
        amount.qualifier = f"{qualifier} {amount.qualifier}" if amount.qualifier else qualifier
    if amount.value_high is not None and amount.first:
        opener = tokens[amount.first - 1].norm
        if opener in _RANGE_OPENERS:
            amount.first -= 1
