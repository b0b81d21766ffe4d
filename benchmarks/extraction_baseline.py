"""Equivalence guard and throughput meter for extraction (clean + split + extract).

Speed work on the extractors must not change a single output. `record` extracts a fixed
set of documents and writes a canonical, type-exact dump (one JSON line per document);
`--compare` re-extracts the same set and reports the first differences. `--bench` measures
words per second on one core, median of several runs over the same articles.

    python -m benchmarks.extraction_baseline                  # record the baseline
    python -m benchmarks.extraction_baseline --compare        # diff against it
    python -m benchmarks.extraction_baseline --bench 1000     # words/s, median of 5 runs
    python -m benchmarks.extraction_baseline --regex-check    # gated regexes vs originals

The set: the first 3,000 generated articles (benchmarks/corpus.py), the seeds and the gold
articles (tests/gold), the latter also without metadata, in lower and upper case, dressed as
Markdown and hard-wrapped, so that rarer paths (no publication date, no capitals, Markdown
syntax) are covered too; every tenth generated article is dressed as Markdown as well.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import statistics
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from benchmarks.corpus import article
from briefings.ingest import ArticleMeta, build_article, read_text_file
from briefings.seeds import load_manifest
from briefings.service import extract_text

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DUMP = Path("/tmp/briefbot_extraction_baseline.jsonl")
CORPUS_SIZE = 3000

Document = tuple[str, str, ArticleMeta | None]


def _gold_documents() -> Iterator[Document]:
    # Imported here: tests/ is only needed for recording and comparing, not for --bench.
    from tests.gold.scoring import load_gold

    for gold in load_gold():
        text = read_text_file(PROJECT / gold.spec["file"])
        yield f"gold:{gold.name}", text, gold.meta()


def _seed_documents() -> Iterator[Document]:
    for seed in load_manifest(PROJECT / "seeds"):
        yield f"seed:{seed.path.name}", read_text_file(seed.path), seed.meta


_DRESSINGS = ("> ", "- ", "* ", "+ ", "1. ", "12) ", "## ", "", ">> ", "# ")


def _markdown(text: str) -> str:
    """The text dressed in the Markdown the cleaner strips: quotes, lists, headings, rules,
    emphasis, links, images, runs of spaces and tabs."""
    out = []
    for index, paragraph in enumerate(text.split("\n\n")):
        words = paragraph.split(" ")
        if len(words) > 6:
            words[1] = f"**{words[1]}**"
            words[2] = f"[{words[2]}](https://x.example/{index})"
            words[3] = f"*{words[3]}* ![photo](p.jpg)"
            words[4] = f"__{words[4]}__\t"
            words[5] += "  "
        out.append(_DRESSINGS[index % len(_DRESSINGS)] + " ".join(words))
        if index % 5 == 4:
            out.append("* * *" if index % 2 else "---")
    return "\n\n".join(out)


def _wrapped(text: str) -> str:
    """The text hard-wrapped at 72 columns, as plain-text mail and saved pages are."""
    return "\n\n".join(textwrap.fill(p, 72) for p in text.split("\n\n"))


def documents(corpus_size: int = CORPUS_SIZE) -> Iterator[Document]:
    """Every document of the equivalence set, each with a stable key."""
    for index in range(corpus_size):
        text, meta = article(index)
        yield f"corpus:{index}", text, meta
    for key, text, meta in [*_seed_documents(), *_gold_documents()]:
        yield key, text, meta
        yield f"{key}:nometa", text, None
        yield f"{key}:lower", text.lower(), meta
        yield f"{key}:upper", text.upper(), meta
        yield f"{key}:markdown", _markdown(text), meta
        yield f"{key}:wrapped", _wrapped(text), meta
    for index in range(0, corpus_size, 10):
        text, meta = article(index)
        yield f"corpus:{index}:markdown", _markdown(text), meta


def canon(value: Any) -> Any:
    """A JSON-able form that keeps every type apart (enum vs str, tuple vs list, date,
    int vs float) and records which model fields were set, so that building a model another
    way (e.g. without validation) cannot pass unnoticed."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return {
            "__model__": type(value).__name__,
            "set": sorted(value.model_fields_set),
            "fields": {name: canon(getattr(value, name)) for name in fields},
            "extra": sorted(value.__dict__.keys() - fields.keys()),
        }
    if isinstance(value, Enum):
        return {"__enum__": type(value).__name__, "value": canon(value.value)}
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind is float:
        return {"__float__": repr(value)}
    if kind is date:
        return {"__date__": value.isoformat()}
    if kind is list:
        return [canon(item) for item in value]
    if kind is tuple:
        return {"__tuple__": [canon(item) for item in value]}
    if kind is dict:
        return {"__dict__": [[canon(k), canon(v)] for k, v in value.items()]}
    raise TypeError(f"no canonical form for {kind.__name__}: {value!r}")


def dump_line(key: str, text: str, meta: ArticleMeta | None) -> str:
    return json.dumps({"key": key, "extraction": canon(extract_text(text, meta))})


def record(path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for key, text, meta in documents():
            out.write(dump_line(key, text, meta) + "\n")
            count += 1
    print(f"recorded {count} documents to {path}")
    return 0


def _first_difference(old: Any, new: Any, where: str = "") -> str | None:
    if type(old) is not type(new):
        return f"{where}: {old!r} != {new!r}"
    if isinstance(old, dict):
        for name in sorted(old.keys() | new.keys()):
            if name not in old or name not in new:
                return f"{where}.{name}: only in {'old' if name in old else 'new'}"
            found = _first_difference(old[name], new[name], f"{where}.{name}")
            if found:
                return found
        return None
    if isinstance(old, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            found = _first_difference(a, b, f"{where}[{index}]")
            if found:
                return found
        if len(old) != len(new):
            return f"{where}: {len(old)} items != {len(new)} items"
        return None
    return None if old == new else f"{where}: {old!r} != {new!r}"


def compare(path: Path, show: int = 5) -> int:
    differences = 0
    count = 0
    with path.open(encoding="utf-8") as baseline:
        lines = iter(baseline)
        for key, text, meta in documents():
            count += 1
            expected = next(lines, None)
            current = dump_line(key, text, meta)
            if expected is not None and expected.rstrip("\n") == current:
                continue
            differences += 1
            if differences <= show:
                if expected is None:
                    print(f"{key}: missing from the baseline")
                    continue
                old, new = json.loads(expected), json.loads(current)
                print(f"{key}: {_first_difference(old, new)}")
        if next(lines, None) is not None:
            differences += 1
            print("the baseline has more documents than the set")
    print(f"compared {count} documents: {differences} differ")
    return 1 if differences else 0


# --- regex equivalence ----------------------------------------------------------------------
#
# Some speed-ups put a cheap necessary condition (a "gate") in front of a big regex, or match a
# lower-cased text instead of using IGNORECASE. Each is checked here against the original, at
# every position of real sentences, of random text built from the pattern's own words in every
# case (plus the characters that case-insensitive matching folds: long s, dotless and dotted i,
# Kelvin sign; and other non-ASCII words) and from numbers, and of random strings shaped like
# the pattern itself.

_ODD_CASE = str.maketrans({"s": "ſ", "i": "ı", "k": "K", "I": "İ"})
_SEPARATORS = (" ", " ", " ", "  ", "\n", ", ", ". ", "-", "–", "/", "'", "’s ", ": ", '"', "(")
_EXTRA_TOKENS = ("1", "9", "11", "19th", "31st", "2023", "1990s", "'90s", "’90s", "2100", "٣")
_EXTRA_TOKENS += ("24", "Noël", "İmamoğlu", "ΟΔΟΣ", "“", "”", "‘", "’")

Finder = Callable[[str], list[Any]]


def _every_match(pattern: re.Pattern[str]) -> Finder:
    """What `pattern` matches at each position of a text (groups included)."""

    def find(text: str) -> list[Any]:
        found = (pattern.match(text, position) for position in range(len(text) + 1))
        return [(m.start(), m.lastgroup, m.regs) for m in found if m is not None]

    return find


def _checks() -> list[tuple[str, Finder, Finder, str]]:
    """(name, finder in use, the original finder, the pattern whose words make the soup)."""
    from briefings.extract import claims, figures  # claims' patterns join GATED
    from briefings.extract import timex_calendar as calendar
    from briefings.extract import timex_patterns as pat
    from briefings.extract._lexicon import speech_lexicon
    from briefings.extract.actors import _AGE_AFTER
    from briefings.extract.events import default_vocabulary
    from briefings.extract.timex_context import may_hold_duration
    from briefings.ingest.cleaner import _fold as fold
    from briefings.ingest.furniture import furniture_rules
    from briefings.textpatterns import GATED

    original = re.compile(r"(?<!\w)(?:" + "|".join(pat._ALTERNATIVES) + ")")
    number = figures.number_regex(figures._lexicon().vague, gated=False)
    lexicon = speech_lexicon()
    events = default_vocabulary()
    registry = _registry()
    furniture = furniture_rules()
    said, verbs, titles = registry._unknown_cues  # as one alternation, as it was:
    unknown_cues = re.compile(
        "|".join(p.pattern for p in (said, registry._according_cue, verbs, titles))
    )
    return [
        ("timex CANDIDATE", _every_match(pat.CANDIDATE), _every_match(original), original.pattern),
        (
            "figures number",
            _every_match(figures._lexicon().number),
            _every_match(number),
            number.pattern,
        ),
        *[
            (f"timex {name}", _every_match(fast), _every_match(re.compile(source, re.I)), source)
            for name, fast, source in (
                ("FUTURE_CUE", pat.FUTURE_CUE, pat._FUTURE_CUE),
                ("DURATION", pat.DURATION, pat._DURATION),
            )
        ],
        (
            "timex duration hint",
            lambda text: [may_hold_duration(text)],
            lambda text: [pat.DURATION_HINT.search(text) is not None],
            pat.DURATION_HINT.pattern,
        ),
        *[
            (
                f"gated {source[:40]!r}",
                _every_match(fast),
                _every_match(re.compile(source, flags)),
                source,
            )
            for _name, fast, source, flags in GATED
        ],
        (
            "claims article before",
            lambda text: [_article_before(claims, head) for head in _heads(text)],
            lambda text: [bool(_ARTICLE_BEFORE.search(head)) for head in _heads(text)],
            _ARTICLE_BEFORE.pattern,
        ),
        (
            "claims boundary before",
            lambda text: [_boundary(claims, text, end) for end in range(len(text) + 1)],
            lambda text: [_last_boundary(claims, text, end) for end in range(len(text) + 1)],
            claims._BOUNDARY.pattern,
        ),
        (
            "figures range end",
            lambda text: [_span(figures._RANGE_END.match(text, at)) for at in _ends(text)],
            lambda text: [_shifted(_range_end(text[at:]), at) for at in _ends(text)],
            figures._RANGE_END.pattern,
        ),
        (
            "actors unknown-actor cues",
            lambda text: [registry._may_name_unknown(text)],
            lambda text: [bool(unknown_cues.search(text) or _AGE_AFTER.search(text))],
            unknown_cues.pattern,
        ),
        *[
            (
                f"furniture {name}",
                lambda text, rules=patterns: [rules.matches(text)],
                lambda text, rules=patterns: [_plain_matches(rules, text)],
                "|".join(p.pattern for p in (patterns.anchored, patterns.floating) if p),
            )
            for name, patterns in (
                ("lines", furniture.lines),
                ("contributors", furniture.contributors),
                ("block headings", furniture.block_headings),
                ("tail headings", furniture.tail_headings),
            )
        ],
        (
            "cleaner fold",
            lambda text: [fold.__wrapped__(text)],
            lambda text: [re.sub(r"\W+", " ", text.casefold()).strip()],
            r"\w+\W+",
        ),
        (
            "calendar month-day",
            lambda text: [_month_days(calendar._nearby.__wrapped__, text)],
            lambda text: [_month_days(_nearby_list, text)],
            r"\d",
        ),
        (
            "furniture labelled credit",
            lambda text: [furniture._labelled_credit(text)],
            lambda text: [_start(furniture.label_credit.search(text), "credit")],
            furniture.label_credit.pattern,
        ),
        (
            "actors organ before",
            lambda text: [_span(registry._organ_before_at(text, 0, end)) for end in _ends(text)],
            lambda text: [
                _span(registry._organ_before.search(text, 0, end)) for end in _ends(text)
            ],
            registry._organ_before.pattern,
        ),
        (
            "event triggers",
            _every_match(events._pattern),
            _every_match(re.compile(events._caseless.pattern)),
            events._caseless.pattern,
        ),
        (
            "speech verbs",
            lambda text: list(lexicon.spans(text)),
            lambda text: [m.span() for m in lexicon.pattern.finditer(text)],
            lexicon.pattern.pattern,
        ),
    ]


_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "0123456789٣",
    "CATEGORY_NOT_DIGIT": "a ,.-",
    "CATEGORY_SPACE": "  \n\t",
    "CATEGORY_NOT_SPACE": "ab1.,",
    "CATEGORY_WORD": "abcXY19_é",
    "CATEGORY_NOT_WORD": " ,.-'’",
}


def _sample(items: Any, rng: random.Random) -> str:
    """A random string shaped like the parsed regex `items` (lookarounds left out), so that
    every alternative of a pattern, and long chains of its words, occur in the test texts."""
    out = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "NOT_LITERAL":
            out.append(rng.choice([c for c in "a ,1" if ord(c) != av]))
        elif name == "ANY":
            out.append(rng.choice("ab ,1"))
        elif name == "IN":
            out.append(_sample_class(av, rng))
        elif name == "BRANCH":
            out.append(_sample(rng.choice(av[1]), rng))
        elif name == "SUBPATTERN":
            out.append(_sample(av[3], rng))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = av
            times = rng.randint(low, min(high, low + 2))
            out.extend(_sample(inner, rng) for _ in range(times))
        elif name == "ATOMIC_GROUP":
            out.append(_sample(av, rng))
    return "".join(out)


def _sample_class(items: Any, rng: random.Random) -> str:
    if items and str(items[0][0]) == "NEGATE":
        return rng.choice("a ,1")
    op, av = rng.choice(items)
    if str(op) == "LITERAL":
        return chr(av)
    if str(op) == "RANGE":
        return chr(rng.randint(av[0], min(av[1], av[0] + 30)))
    return rng.choice(_CATEGORY_CHARS.get(str(av).replace("_UNI", ""), "a"))


def _shaped(source: str, rng: random.Random, count: int) -> list[str]:
    """Strings shaped by the pattern, in every case, inside a little random context."""
    from re import _parser

    parsed = _parser.parse(source, re.IGNORECASE)
    texts = []
    for _ in range(count):
        core = _sample(parsed, rng)
        core = rng.choice(
            (core, core.lower(), core.upper(), core.title(), core.translate(_ODD_CASE))
        )
        texts.append(
            rng.choice(("", "x", "The ", "said ", ", ", "(")) + core + rng.choice(_SEPARATORS)
        )
    return texts


def _boundary(claims: Any, text: str, end: int) -> int:
    """The clause boundary the claim finder finds before `end`."""
    return int(claims._ClaimFinder(text, [], None, _registry())._boundary_before(end))


def _last_boundary(claims: Any, text: str, end: int) -> int:
    """The same, as it was computed: the last match of one 300-character scan."""
    boundary = 0
    for match in claims._BOUNDARY.finditer(text, max(0, end - 300), end):
        boundary = match.end()
    return boundary


def _range_end(rest: str) -> re.Match[str] | None:
    """As the figure finder matched a range's end: on the rest of the sentence."""
    from briefings.extract import figures

    source = r"\s*(?:-|–|to|and)\s*(?P<n>" + figures._DIGITS + r"|" + figures._WORDS + r")(?![\w])"
    return re.match(source, rest, re.IGNORECASE)


def _shifted(found: re.Match[str] | None, offset: int) -> tuple[int, int] | None:
    return (found.start() + offset, found.end() + offset) if found else None


def _nearby_list(year: int, month: int, day: int) -> list[date]:
    """The calendar's month-day candidates as they were built (a list, uncached)."""
    found = []
    for offset in range(-8, 9):
        with contextlib.suppress(ValueError):
            found.append(date(year + offset, month, day))
    return found


def _month_days(nearby: Callable[[int, int, int], Any], text: str) -> list[Any]:
    """Candidates for a few month-days picked by the text (the soup drives the choice)."""
    seed = sum(map(ord, text))
    return [list(nearby(1990 + (seed + k) % 60, 1 + k % 12, 1 + (seed * k) % 31)) for k in range(5)]


def _plain_matches(patterns: Any, text: str) -> bool:
    """A furniture pattern set's answer as it was: both alternations, no prefilter."""
    anchored, floating = patterns.anchored, patterns.floating
    return bool((anchored and anchored.match(text)) or (floating and floating.search(text)))


def _start(found: re.Match[str] | None, group: str) -> int | None:
    return found.start(group) if found else None


def _ends(text: str) -> range:
    return range(len(text) + 1)


def _span(found: re.Match[str] | None) -> tuple[int, int] | None:
    return found.span() if found else None


# The claim finder's article test as it was: the whole phrase searched.
_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|so-called)|[’']s)$",
    re.IGNORECASE,
)


def _heads(text: str) -> list[str]:
    """Every beginning of the text without trailing space, as the claim finder's phrases are."""
    return [text[:end].rstrip() for end in _ends(text)]


def _article_before(claims: Any, head: str) -> bool:
    width = claims._ARTICLE_WIDTH
    return bool(claims._ARTICLE_BEFORE.search(head, max(0, len(head) - width)))


def _registry() -> Any:
    from briefings.extract.actors import default_registry

    return default_registry()


def _soup(source: str, rng: random.Random, count: int) -> list[str]:
    words = sorted(set(re.findall(r"[A-Za-z]+", re.sub(r"\\[A-Za-z]", " ", source))))
    variants = [
        variant
        for word in words
        for variant in {word, word.lower(), word.title(), word.upper(), word.translate(_ODD_CASE)}
    ]
    variants += _EXTRA_TOKENS
    texts = []
    for _ in range(count):
        tokens = [rng.choice(variants) for _ in range(rng.randint(1, 8))]
        texts.append("".join(token + rng.choice(_SEPARATORS) for token in tokens))
    return texts


def regex_check(soup_size: int = 20000) -> int:
    sentences = [
        sentence.text
        for _, text, meta in list(documents(300))
        for sentence in build_article(text, meta).sentences
    ]
    failures = 0
    for name, fast, reference, source in _checks():
        rng = random.Random(name)
        texts = sentences + _soup(source, rng, soup_size) + _shaped(source, rng, soup_size)
        differing = [t for t in texts if fast(t) != reference(t)]
        failures += len(differing)
        print(f"{name}: {len(texts)} texts, {len(differing)} differ {differing[:3]}")
    return 1 if failures else 0


def bench(count: int, runs: int) -> int:
    """Median words/s of `runs` passes over `count` generated articles plus the seeds."""
    texts = [article(index) for index in range(count)]
    texts += [(text, meta) for _, text, meta in _seed_documents()]
    words = sum(len(text.split()) for text, _ in texts)
    extract_text(*texts[0])  # load registries and vocabularies outside the timing
    rates, cpu_rates = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        for text, meta in texts:
            extract_text(text, meta)
        rates.append(words / (time.perf_counter() - started))
        cpu_rates.append(words / (time.process_time() - cpu_started))
    print(f"{len(texts)} documents, {words} words")
    for label, values in (("wall", rates), ("cpu", cpu_rates)):
        runs_text = ", ".join(f"{rate:,.0f}" for rate in values)
        print(f"{label}: median {statistics.median(values):,.0f} words/s ({runs_text})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, default=DEFAULT_DUMP)
    parser.add_argument("--compare", action="store_true", help="diff against the dump")
    parser.add_argument("--bench", type=int, metavar="N", help="words/s over N articles")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regex-check", action="store_true", help="gated regexes vs originals")
    args = parser.parse_args(argv)
    if args.regex_check:
        return regex_check()
    if args.bench:
        return bench(args.bench, args.runs)
    if args.compare:
        return compare(args.dump)
    return record(args.dump)


if __name__ == "__main__":
    sys.exit(main())
