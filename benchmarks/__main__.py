"""`make bench`: extraction throughput, command latency at 1k/10k/100k articles on SQLite and
100k on PostgreSQL, Slack end to end with 50 concurrent requests, memory, size, cold start,
alerts (rule matching with 1,000 channels' rules, stored → delivered; `benchmarks.alerts`) and
digest fan-out (1,000 channels due at one minute; `benchmarks.digests`).

Figures, not assertions. Prints a table and, last, the path of the JSON file it wrote
(bench-results/bench-<time>.json). Environment:
  BENCH_SIZES=1000,10000      corpus sizes on SQLite (default 1000,10000,100000)
  BENCH_POSTGRES_URL=…        PostgreSQL for the largest size (default: local briefbot_bench;
                              BENCH_POSTGRES_URL= (empty) skips it)
  BENCH_WORKERS=2             processes for building corpora and all-core extraction
  BENCH_BUDGET=3              seconds per command line and database (at least 30 samples)
  BENCH_REBUILD=1             rebuild cached corpora
  BENCH_INGEST_ARTICLES=2000  files for ingest against extraction alone (`ingest.*`)
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from benchmarks import alerts, corpus, digests
from benchmarks.build import (
    default_workers,
    file_size_mb,
    postgres_corpus,
    postgres_size_mb,
    sqlite_corpora,
)
from benchmarks.ingest import cli_seconds, ingest_rates
from benchmarks.slack_load import run_load
from briefings.service import extract_text
from briefings.store.database import make_engine

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/briefbot_bench"
EXTRACTION_ARTICLES = 600


def _words(start: int, count: int) -> int:
    return sum(len(text.split()) for text, _ in corpus.articles(count, start))


def _extract_range(bounds: tuple[int, int]) -> int:
    start, count = bounds
    for text_, meta in corpus.articles(count, start):
        extract_text(text_, meta)
    return count


def extraction(workers: int) -> dict[str, float]:
    """Words per second for clean + split + extract of generated articles never seen before
    by this process (one process, then `workers` processes on disjoint articles)."""
    start = 1_000_000  # beyond any corpus size: no article the corpora hold
    _extract_range((start - 20, 20))  # imports and compiled patterns
    words = _words(start, EXTRACTION_ARTICLES)
    t0 = time.perf_counter()
    _extract_range((start, EXTRACTION_ARTICLES))
    one = words / (time.perf_counter() - t0)
    share = EXTRACTION_ARTICLES
    chunks = [(start + i * share, share) for i in range(workers)]
    all_words = sum(_words(s, c) for s, c in chunks)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_extract_range, [(start - 20, 20)] * workers)  # warm every worker
        t0 = time.perf_counter()
        pool.map(_extract_range, chunks)
        every = all_words / (time.perf_counter() - t0)
    return {
        "extraction_words_per_second": one,
        "extraction_words_per_second_all_cores": every,
        "workers": workers,
    }


def latency(url: str, budget: float) -> dict[str, Any]:
    """Command latency in a fresh process (so that its peak RSS is this database's alone)."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.latency", url, "--budget", str(budget)],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def _postgres_url() -> str | None:
    url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    if not url:
        return None
    name = url.rsplit("/", 1)[-1]
    admin = make_engine(url.rsplit("/", 1)[0] + "/postgres")
    try:
        with admin.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"PostgreSQL skipped: {type(error).__name__}", file=sys.stderr)
        return None
    finally:
        admin.dispose()
    return url


def _table(results: dict[str, Any]) -> None:
    sizes = results["databases"]
    names = list(next(iter(sizes.values()))["commands"]) if sizes else []
    header = f"{'command':<12}" + "".join(f"{label:>26}" for label in sizes)
    print("\np50 / p95 / p99 ms, in-process")
    print(header)
    for name in names:
        cells = []
        for figures in sizes.values():
            f = figures["commands"][name]
            cells.append(f"{f['p50_ms']:.1f} / {f['p95_ms']:.1f} / {f['p99_ms']:.1f}")
        print(f"{name:<12}" + "".join(f"{cell:>26}" for cell in cells))
    columns = ("articles", "size MB", "RSS MB", "ready s", "build s")
    print(f"\n{'database':<18}" + "".join(f"{c:>10}" for c in columns))
    for label, figures in sizes.items():
        print(
            f"{label:<18}{figures['articles']:>10,}{figures['db_size_mb']:>10.0f}"
            f"{figures['peak_rss_mb']:>10.0f}{figures['ready_seconds']:>10.2f}"
            f"{figures['build_seconds']:>10.0f}"
        )
    worst = (
        max(
            (v["p99_ms"], label, line)
            for label, figures in sizes.items()
            for line, v in figures["variants"].items()
        )
        if sizes
        else None
    )
    if worst:
        print(f"slowest variant p99: {worst[0]:.1f} ms ({worst[2]}, {worst[1]})")
    cli = results["cli"]
    print(
        f"\ncommand line (median of 5): --version {cli['version_seconds']:.2f} s, "
        f"ask /help {cli['help_seconds']:.2f} s, ask /timeline {cli['timeline_seconds']:.2f} s, "
        f"extract {cli['extract_seconds']:.2f} s"
    )
    ing = results["ingest"]
    line = (
        f"ingest of {ing['articles']:,} files on {ing['workers']}: "
        f"{ing['articles_per_second']:,.1f} articles/s on SQLite "
        f"({ing['sqlite_share_of_extraction']:.0%} of extraction alone, "
        f"{ing['extraction_only_articles_per_second']:,.1f}/s)"
    )
    if "postgres_articles_per_second" in ing:
        line += (
            f", {ing['postgres_articles_per_second']:,.1f}/s on PostgreSQL "
            f"({ing['postgres_share_of_extraction']:.0%})"
        )
    print(line)
    ex = results["extraction"]
    print(
        f"\nextraction: {ex['extraction_words_per_second']:,.0f} words/s on one process, "
        f"{ex['extraction_words_per_second_all_cores']:,.0f} on {ex['workers']}"
    )
    if results.get("slack"):
        s = results["slack"]
        print(
            f"Slack HTTP, {s['concurrent']} concurrent ({s['requests']} requests, "
            f"{s['database']}): ack p50/p95/p99 {s['ack_p50_ms']:.0f}/{s['ack_p95_ms']:.0f}/"
            f"{s['ack_p99_ms']:.0f} ms; answer {s['answer_p50_ms']:.0f}/"
            f"{s['answer_p95_ms']:.0f}/{s['answer_p99_ms']:.0f} ms; "
            f"cold start to ready {s['ready_seconds']:.2f} s"
        )


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",") if s]
    workers = int(os.environ.get("BENCH_WORKERS", default_workers()))
    budget = float(os.environ.get("BENCH_BUDGET", "3"))
    results: dict[str, Any] = {"generated_at": datetime.now(UTC).isoformat(), "databases": {}}
    print(f"extraction throughput ({workers} workers) …", flush=True)
    results["extraction"] = extraction(workers)
    print("command line, whole processes …", flush=True)
    results["cli"] = cli_seconds()
    count = int(os.environ.get("BENCH_INGEST_ARTICLES", "2000"))
    print(f"ingest of {count:,} files against extraction alone …", flush=True)
    results["ingest"] = ingest_rates(count, workers, _postgres_url())
    print(f"corpora {sizes} …", flush=True)
    built = sqlite_corpora(sizes, workers)
    for size in sorted(sizes):
        item = built[size]
        print(f"latency on SQLite, {size:,} articles …", flush=True)
        measured = latency(f"sqlite:///{item.path}", budget)
        results["databases"][f"sqlite-{size}"] = {
            "backend": "sqlite",
            "articles": size,
            "db_size_mb": file_size_mb(item.path),
            "build_seconds": item.build_seconds,
            **measured,
        }
    largest = max(sizes)
    postgres = _postgres_url()
    if postgres:
        print(f"PostgreSQL, {largest:,} articles (COPY from SQLite) …", flush=True)
        seconds = postgres_corpus(built[largest], postgres)
        measured = latency(postgres, budget)
        results["databases"][f"postgres-{largest}"] = {
            "backend": "postgresql",
            "articles": largest,
            "db_size_mb": postgres_size_mb(postgres),
            "build_seconds": seconds,
            **measured,
        }
    print(f"Slack HTTP end to end on SQLite, {largest:,} articles …", flush=True)
    biggest = results["databases"][f"sqlite-{largest}"]
    values = {
        "actor": biggest["commands"]["actor"]["line"].split(" ", 1)[1],
        "outlet": biggest["commands"]["source"]["line"].split(" ", 1)[1],
    }
    slack = asyncio.run(run_load(f"sqlite:///{built[largest].path}", values))
    results["slack"] = {"database": f"sqlite-{largest}", **slack}
    results["peak_rss_mb"] = max(d["peak_rss_mb"] for d in results["databases"].values())
    results["ready_seconds"] = slack["ready_seconds"]
    results["extraction_words_per_second"] = results["extraction"]["extraction_words_per_second"]
    print(f"alerts: matching with {alerts.CHANNELS:,} channels' rules, delivery …", flush=True)
    results["alerts"] = alerts.run()
    print(f"digests: {digests.CHANNELS:,} channels due at one minute …", flush=True)
    results["digests"] = digests.run()
    _table(results)
    for key in ("alerts_match_ms", "alerts_delivered_ms"):
        cell = results["alerts"][key]
        print(f"{key}: p50 {cell['p50']:.1f} / p99 {cell['p99']:.1f}")
    print(f"digests.fanout_1000_seconds: {results['digests']['fanout_1000_seconds']:.2f}")
    out = PROJECT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(path)


if __name__ == "__main__":
    main()
