"""Equivalence guard and throughput meter for extraction (clean + split + extract).

Speed work on the extractors must not change a single output. `record` extracts a fixed
set of documents and writes a canonical, type-exact dump (one JSON line per document);
`--compare` re-extracts the same set and reports the first differences. `--bench` measures
words per second on one core, median of several runs over the same articles.

    python -m benchmarks.extraction_baseline                  # record the baseline
    python -m benchmarks.extraction_baseline --compare        # diff against it
    python -m benchmarks.extraction_baseline --bench 1000     # words/s, median of 5 runs

The set: the first 3,000 generated articles (benchmarks/corpus.py), the seeds and the gold
articles (tests/gold), the latter also without metadata, in lower and upper case, dressed as
Markdown and hard-wrapped, so that rarer paths (no publication date, no capitals, Markdown
syntax) are covered too; every tenth generated article is dressed as Markdown as well.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from benchmarks.corpus import article
from briefings.ingest import ArticleMeta, read_text_file
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
    """Documents whose extraction differs from the dump's, matched by key: documents added to
    the set since the dump (new gold articles) are counted apart, not as differences."""
    with path.open(encoding="utf-8") as baseline:
        recorded = {json.loads(line)["key"]: line.rstrip("\n") for line in baseline}
    differences = count = added = 0
    for key, text, meta in documents():
        count += 1
        expected = recorded.pop(key, None)
        if expected is None:
            added += 1
            continue
        current = dump_line(key, text, meta)
        if expected == current:
            continue
        differences += 1
        if differences <= show:
            print(f"{key}: {_first_difference(json.loads(expected), json.loads(current))}")
    print(
        f"compared {count - added} documents: {differences} differ"
        f" ({added} not in the dump, {len(recorded)} in the dump only)"
    )
    return 1 if differences or recorded else 0


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
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    args = parser.parse_args(argv)
    if args.bench:
        return bench(args.bench, args.runs)
    if args.compare:
        return compare(args.dump, args.show)
    return record(args.dump)


if __name__ == "__main__":
    sys.exit(main())
