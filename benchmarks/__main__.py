"""`make bench`: extraction throughput and in-process command latency, as a table and JSON.

Figures, not assertions: medians and percentiles over repeated runs, written to
bench-results/bench-<time>.json whose path is printed last.
"""

from __future__ import annotations

import json
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.app import open_core
from bot.config import Settings
from briefings.extract.pipeline import extract
from briefings.ingest import build_article, read_text_file
from briefings.seeds import load_manifest

PROJECT = Path(__file__).resolve().parent.parent
COMMANDS = [
    "/brief",
    "/timeline",
    "/timeline actor:Armenia from:2023",
    "/actor Russia",
    "/source cnn",
    "/sources",
    "/claims",
    "/figures",
    "/search peacekeepers",
]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def extraction_throughput(rounds: int = 30) -> float:
    """Words per second for clean+split+extract over the seed texts, one process."""
    seeds = load_manifest(PROJECT / "seeds")
    texts = [(read_text_file(seed.path), seed.meta) for seed in seeds]
    words = sum(len(text.split()) for text, _ in texts) * rounds
    started = time.perf_counter()
    for _ in range(rounds):
        for text, meta in texts:
            extract(build_article(text, meta))
    return words / (time.perf_counter() - started)


def command_latency(repeats: int = 200) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            BRIEFBOT_DATA_DIR=tmp,
            BRIEFBOT_SEEDS_DIR=str(PROJECT / "seeds"),
            BRIEFBOT_DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        )
        started = time.perf_counter()
        core = open_core(settings)
        ready = time.perf_counter() - started
        results: dict[str, dict[str, float]] = {"_ready": {"seconds": ready}}
        for line in COMMANDS:
            core.ask(line)  # warm caches once
            samples = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                core.ask(line)
                samples.append((time.perf_counter() - t0) * 1000)
            results[line] = {
                "p50_ms": statistics.median(samples),
                "p95_ms": percentile(samples, 95),
                "p99_ms": percentile(samples, 99),
            }
        core.close()
    return results


def main() -> None:
    words_per_second = extraction_throughput()
    latency = command_latency()
    ready = latency.pop("_ready")["seconds"]
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'measure':<40} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9}")
    for line, figures in latency.items():
        print(
            f"{line:<40} "
            + " ".join(f"{figures[key]:>9.2f}" for key in ("p50_ms", "p95_ms", "p99_ms"))
        )
    print(f"extraction (seeds, one process): {words_per_second:,.0f} words/s")
    print(f"cold start to ready (seeding an empty SQLite): {ready:.2f} s")
    print(f"peak RSS: {peak_rss_mb:.0f} MB")
    out = PROJECT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(
        json.dumps(
            {
                "corpus": "seeds",
                "commands": {"seeds": latency},
                "extraction_words_per_second": words_per_second,
                "peak_rss_mb": peak_rss_mb,
                "ready_seconds": ready,
            },
            indent=2,
        )
    )
    print(path)


if __name__ == "__main__":
    main()
