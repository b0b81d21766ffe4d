"""Ingestion against the extraction limit, and the command line as a whole process (issue 20).

`ingest_rates`: the same N generated article files, on the same cores, side by side in one
run: extraction alone (the pool of `briefings.bulk`, results dropped), then `ingest_files`
into a fresh SQLite database and, when given, a fresh PostgreSQL one. Articles per second.

`cli_seconds`: `briefbot --version`, `ask /help`, `ask /timeline` (on the seeds) and
`extract FILE --json` (a short article), each the median wall time of 5 runs after a
warm-up, as an operator runs them. The processes may write bytecode (as an installed package
has it), whatever PYTHONDONTWRITEBYTECODE says in this environment.

`python -m benchmarks.ingest` prints both as JSON; `make bench` adds them to its file.
Environment: BENCH_INGEST_ARTICLES (default 2000), BENCH_WORKERS, BENCH_POSTGRES_URL.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from benchmarks import corpus
from briefings.bulk import default_workers, extract_files, ingest_files
from briefings.store.database import make_engine, open_database

PROJECT = Path(__file__).resolve().parent.parent
FIRST_INDEX = 500_000  # articles the corpus databases do not hold
SHORT_ARTICLE = PROJECT / "seeds" / "002_6db05cc30eb6dfa1.txt"


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(FIRST_INDEX, FIRST_INDEX + count):
        text_, _ = corpus.article(index)
        path = folder / f"{index}.txt"
        path.write_text(text_, encoding="utf-8")
        paths.append(path)
    return paths


def _fresh_postgres(url: str) -> str:
    """`url`'s server with a database of its own for this measurement, emptied."""
    base, name = url.rsplit("/", 1)
    target = f"{name}_ingest"
    admin = make_engine(f"{base}/postgres")
    with admin.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target}"'))
    admin.dispose()
    engine = make_engine(f"{base}/{target}")
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return f"{base}/{target}"


def _ingest_rate(url: str, paths: list[Path], workers: int) -> tuple[float, int]:
    database = open_database(url)  # migrated before the clock starts
    try:
        started = time.perf_counter()
        outcomes = ingest_files(database, paths, workers=workers)
        seconds = time.perf_counter() - started
    finally:
        database.dispose()
    stored = sum(1 for o in outcomes if o.stored)
    return len(paths) / seconds, stored


def ingest_rates(count: int, workers: int, postgres: str | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        folder = Path(scratch)
        paths = write_articles(folder / "articles", count)
        # the parent reads the rules and registry first: forked workers start with them, in
        # both measurements alike
        list(extract_files(paths[:1]))
        started = time.perf_counter()
        extracted = sum(1 for r in extract_files(paths, workers=workers) if r.extraction)
        extraction_only = count / (time.perf_counter() - started)
        sqlite_rate, stored = _ingest_rate(f"sqlite:///{folder / 'ingest.sqlite3'}", paths, workers)
        result: dict[str, Any] = {
            "articles": count,
            "workers": workers,
            "extracted": extracted,
            "stored": stored,
            "extraction_only_articles_per_second": extraction_only,
            "articles_per_second": sqlite_rate,
            "sqlite_articles_per_second": sqlite_rate,
            "sqlite_share_of_extraction": sqlite_rate / extraction_only,
        }
        if postgres:
            rate, _ = _ingest_rate(_fresh_postgres(postgres), paths, workers)
            result["postgres_articles_per_second"] = rate
            result["postgres_share_of_extraction"] = rate / extraction_only
        return result


def _median_seconds(command: list[str], env: dict[str, str], runs: int = 5) -> float:
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cli_seconds() -> dict[str, float]:
    briefbot = str(Path(sys.executable).parent / "briefbot")
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as scratch:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_"))
            and k != "PYTHONDONTWRITEBYTECODE"
        }
        env.update(
            BRIEFBOT_DATA_DIR=str(Path(scratch) / "data"),
            BRIEFBOT_SEEDS_DIR=str(PROJECT / "seeds"),
            BRIEFBOT_LOG_LEVEL="WARNING",
        )
        return {
            "version_seconds": _median_seconds([briefbot, "--version"], env),
            "help_seconds": _median_seconds([briefbot, "ask", "/help"], env),
            "timeline_seconds": _median_seconds([briefbot, "ask", "/timeline"], env),
            "extract_seconds": _median_seconds(
                [briefbot, "extract", str(SHORT_ARTICLE), "--json"], env
            ),
        }


def main() -> None:
    count = int(os.environ.get("BENCH_INGEST_ARTICLES", "2000"))
    workers = int(os.environ.get("BENCH_WORKERS", default_workers()))
    postgres = os.environ.get("BENCH_POSTGRES_URL") or None
    results = {"cli": cli_seconds(), "ingest": ingest_rates(count, workers, postgres)}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
