"""Build a `SentenceAnalysis`: tokens, quote spans, clauses, name chunks and numbers.

Non-destructive: every token keeps its offsets into the sentence, so whatever an extractor
finds can be cited in the text as given. The word lists come from `lexicon.yaml`; the grammar
here is small and general (it does not know any story).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from briefings.extract.analysis import Number, Quote, SentenceAnalysis, Span, Token
from briefings.extract.analysis import capitalised as is_capitalised
from briefings.extract.lexicon import Lexicon, default_lexicon

# Each match skips the whitespace before its token (`\s*`): in one step of the scan rather
# than after every alternative has failed at each space. The token is the named group's span.
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:[.,:/]\d+)*[^\W_]*)"
    r"|(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<clitic>(?<=[^\W\d_])[’'](?:s|d|ll|re|ve|m|t)\b|n[’']t\b)"
    r"|(?P<word>[^\W\d_]+(?:[’'](?=[^\W\d_]{2}|[^\W\d_sdmtSDMT]\b)[^\W\d_]+|-[\w]+)*)"
    r"|(?P<quote>''(?!')|[\"“”«»‘’'])"
    r"|(?P<punct>\.{3}|--|[^\w\s]))",
)
_OPENING = frozenset("“«‘")
_CLOSING = frozenset("”»’")
_HARD_BREAKS = frozenset({";", ":", "(", ")", "—", "–", "--", "[", "]"})
_NUMBER_WORD = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|million|billion)?$")
_SUFFIX_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9}


@dataclass(frozen=True)
class _Words:
    """The lexicon lists the analysis needs, as folded sets."""

    subordinators: frozenset[str]
    relatives: frozenset[str]
    coordinators: frozenset[str]
    determiners: frozenset[str]
    connectors: frozenset[str]
    time_heads: frozenset[str]
    cardinals: dict[str, int]
    scales: dict[str, int]
    tens: frozenset[str]
    clause_words: frozenset[str] = frozenset()  # relatives | subordinators | coordinators


@functools.cache
def _words(lexicon: Lexicon | None = None) -> _Words:
    lexicon = lexicon or default_lexicon()
    cardinals = {
        key: int(value)
        for key, value in lexicon["cardinals"].values.items()
        if " " not in key and key not in {"a", "an", "single"}
    }
    scales = {key: int(value) for key, value in lexicon["scales"].values.items()}
    time_heads = (
        lexicon.words("units")
        | lexicon.words("weekdays")
        | lexicon.words("months")
        | lexicon.words("parts_of_day")
        | lexicon.words("seasons")
    )
    return _Words(
        subordinators=lexicon.words("subordinators"),
        relatives=lexicon.words("relatives"),
        coordinators=lexicon.words("coordinators"),
        determiners=lexicon.words("determiners"),
        connectors=frozenset(
            {
                "of",
                "for",
                "the",
                "de",
                "du",
                "des",
                "la",
                "le",
                "al",
                "el",
                "bin",
                "ibn",
                "van",
                "von",
                "der",
                "da",
                "dos",
                "del",
                "den",
                "los",
                "las",
                "on",
                "&",
            }
        ),
        time_heads=time_heads,
        cardinals=cardinals,
        scales=scales,
        tens=lexicon.words("tens"),
        clause_words=lexicon.words("relatives")
        | lexicon.words("subordinators")
        | lexicon.words("coordinators"),
    )


_KINDS = {"num": "num", "abbr": "word", "clitic": "word", "word": "word", "quote": "quote"}
_new_token = tuple.__new__  # Token's fields in order, without the Python-level __new__


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    kinds = _KINDS
    for index, match in enumerate(_TOKEN.finditer(text)):
        group = match.lastgroup or "punct"
        start, end = match.span(group)
        value = text[start:end]
        norm = value.lower()
        if "’" in norm:
            norm = norm.replace("’", "'")
        append(_new_token(Token, (index, start, end, value, norm, kinds.get(group, "punct"))))
    return tokens


def _quote_role(tokens: list[Token], index: int, text: str) -> str:
    """'open', 'close' or 'none' for the quote mark at `index`."""
    token = tokens[index]
    mark = token.text
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    if mark in _OPENING and mark != "‘":
        return "open"
    if mark in _CLOSING and mark != "’":
        return "close"
    if mark in "‘’'":  # single marks double as apostrophes
        if before.isalnum() and after.isalnum():
            return "none"
        if mark == "‘" or (not before.isalnum() and after.isalnum()):
            return "open" if not before.isalnum() else "none"
        if before.isalnum() or before in ".,!?":
            return "close" if not after.isalnum() else "none"
        return "none"
    # a straight double quote: opens after a space or at the start, closes otherwise
    if before.isspace() or before in "([{—–-" or token.start == 0:
        return "open"
    return "close"


def find_quotes(tokens: list[Token], text: str) -> list[Quote]:
    """Quote spans; double marks pair first, single marks only inside no double quote."""
    quotes: list[Quote] = []
    opened: Token | None = None
    pending_single: Token | None = None
    first_close_done = False
    for index, token in enumerate(tokens):
        if token.kind != "quote":
            continue
        role = _quote_role(tokens, index, text)
        single = token.text in "‘’'"
        if single and opened is not None:
            continue  # a nested quote belongs to its outer one
        if role == "open":
            if single:
                pending_single = token
            else:
                opened = token
        elif role == "close":
            start_token = pending_single if single else opened
            if start_token is None:
                if not single and not first_close_done and not quotes:
                    # a quote that began in an earlier sentence
                    quotes.append(Quote(0, token.start, 0, token.end, False, True))
                first_close_done = True
                continue
            quotes.append(
                Quote(start_token.end, token.start, start_token.start, token.end, True, True)
            )
            if single:
                pending_single = None
            else:
                opened = None
        first_close_done = True
    if opened is not None:
        quotes.append(Quote(opened.end, len(text), opened.start, len(text), True, False))
    return [q for q in quotes if q.char_end > q.char_start]


def _clause_breaks(tokens: list[Token], words: _Words, quotes: list[Quote]) -> list[int]:
    """Token indexes where a new clause starts. A quotation is one piece of its sentence:
    nothing inside it starts a clause of the sentence around it."""
    breaks: list[int] = []
    count = len(tokens)
    in_relative = False  # ", which …," is closed by its next comma
    quoted = [(q.outer_start, q.outer_end) for q in quotes if q.opened and q.closed]
    linking = words.clause_words
    for index, token in enumerate(tokens):
        if quoted and any(start < token.start < end for start, end in quoted):
            continue
        if in_relative and token.norm == ",":
            breaks.append(index + 1)
            in_relative = False
            continue
        if token.kind == "punct" and token.text in _HARD_BREAKS:
            breaks.append(index + 1 if token.text != "(" else index)
            continue
        norm = token.norm
        if norm not in linking or token.kind != "word" or index == 0:
            continue  # most words: no relative, subordinator or coordinator
        after = tokens[index + 1].norm if index + 1 < count else ""
        previous = tokens[index - 1]
        if norm in words.relatives:
            if norm == "that" and (after in words.time_heads or previous.norm in {"so", "such"}):
                continue
            if norm in {"when", "where"} and previous.norm not in {","}:
                continue
            breaks.append(index)
            in_relative = previous.norm == "," and norm in {"which", "who", "whom", "whose"}
        elif norm in words.subordinators:
            if after in words.time_heads or previous.norm in {"as", "so", "even", "just"}:
                continue
            if norm in {"as", "since", "until", "following", "despite", "before", "after"} and (
                previous.norm != ","
            ):
                continue
            breaks.append(index)
        elif norm in words.coordinators and previous.norm == ",":
            breaks.append(index)
    return breaks


def find_clauses(
    tokens: list[Token], text: str, words: _Words, quotes: list[Quote] | None = None
) -> list[Span]:
    if not tokens:
        return []
    breaks = _clause_breaks(tokens, words, quotes or [])
    starts = sorted({0, *(b for b in breaks if 0 < b < len(tokens))})
    clauses: list[Span] = []
    for number, first in enumerate(starts):
        last = starts[number + 1] if number + 1 < len(starts) else len(tokens)
        if last <= first:
            continue
        clauses.append(Span(first, last, tokens[first].start, tokens[last - 1].end))
    return clauses


# particles of family names, which may come two in a row ("de la", "van der"), unlike the
# connectors of bodies' names ("Institute of the …" after a person is a second name)
NAME_PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "le",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "dos",
        "das",
        "du",
        "bin",
        "ibn",
        "al",
        "el",
    }
)


def _connector_width(tokens: list[Token], at: int) -> int:
    """One connector, or two name particles in a row ("de la", "van der"), from token `at`."""
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    if (
        following is not None
        and tokens[at].norm in NAME_PARTICLES
        and following.norm in NAME_PARTICLES
        and following.text.islower()
    ):
        return 2
    return 1


def find_names(tokens: list[Token], words: _Words) -> list[Span]:
    """Runs of capitalised words, joined over connectors ("Bank of England", "al-Burhan");
    leading determiners are left out."""
    names: list[Span] = []
    count, taken = len(tokens), 0  # tokens before `taken` belong to a name found already
    capitalised = [
        t.kind == "word" and (t.text[:1].isupper() or ("-" in t.text and is_capitalised(t.text)))
        for t in tokens
    ]  # `is_title`
    for index in [at for at, title in enumerate(capitalised) if title]:
        token = tokens[index]
        if index < taken or token.norm in words.determiners:
            continue  # inside the name before, or "The"
        end = index + 1
        while end < count:
            if capitalised[end]:
                end += 1
                continue
            nxt = tokens[end]
            if nxt.norm in words.connectors and nxt.text.islower():
                width = _connector_width(tokens, end)
                if end + width < count and capitalised[end + width]:
                    end += width + 1  # "Bank of England", "Mario Marcel de la Fuente"
                    continue
            break
        names.append(Span(index, end, token.start, tokens[end - 1].end))
        taken = end
    return names


def find_numbers(tokens: list[Token], words: _Words, text: str) -> list[Number]:
    """Counts in digits ("4,000", "1.5 million") or words ("twenty-four", "two thousand")."""
    numbers: list[Number] = []
    count, taken = len(tokens), 0  # tokens before `taken` belong to a number read already
    cardinals = words.cardinals
    # most tokens can start no number: only these are read
    starts = [
        at
        for at, t in enumerate(tokens)
        if t.kind == "num" or (t.kind == "word" and (t.norm in cardinals or "-" in t.norm))
    ]
    for index in starts:
        if index < taken:
            continue
        token = tokens[index]
        value: float | None = None
        end = index + 1
        glued = _NUMBER_WORD.match(token.norm) if token.kind == "num" else None
        if glued is not None:  # "4,000", "1.5", and "3,800m", "2bn" with a glued scale
            try:
                value = float(glued.group(1).replace(",", ""))
            except ValueError:
                value = None
            if value is not None and glued.group(2):
                value *= _SUFFIX_SCALE[glued.group(2)]
        elif token.kind == "word":
            value = _word_number(token.norm, words)
        if value is None:
            continue
        while end < count and tokens[end].norm in words.scales:
            value *= words.scales[tokens[end].norm]
            end += 1
        span = Span(index, end, token.start, tokens[end - 1].end)
        numbers.append(Number(span, text[span.char_start : span.char_end], value))
        taken = end
    return numbers


def _word_number(norm: str, words: _Words) -> float | None:
    if norm in words.cardinals:
        return float(words.cardinals[norm])
    if "-" in norm:
        head, _, tail = norm.partition("-")
        if head in words.tens and tail in words.cardinals and words.cardinals[tail] < 10:
            return float(words.cardinals[head] + words.cardinals[tail])
    return None


def analyse(text: str, lexicon: Lexicon | None = None) -> SentenceAnalysis:
    """The analysis every extractor reads (times and later layers are added by components)."""
    words = _words(lexicon)
    tokens = tokenize(text)
    quotes = find_quotes(tokens, text)
    return SentenceAnalysis(
        text=text,
        tokens=tokens,
        quotes=quotes,
        clauses=find_clauses(tokens, text, words, quotes),
        names=find_names(tokens, words),
        numbers=find_numbers(tokens, words, text),
    )
