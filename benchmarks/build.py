"""Building the benchmark databases: N generated articles through the real pipeline.

Extraction runs on every core; one writer stores the results through the real writer, in
transactions of a few hundred articles. Sizes build on each other (the first 1,000 articles
of the 100,000 are the 1,000-article corpus) and finished databases are cached under
bench-results/cache/<signature>/. The signature covers the writer, the data files and the
generator: what decides the shape and scale of the rows the queries read. Later migrations
are applied to a cached database when it is opened, as they would be in production.
Extraction code changes the facts only at the margin and is measured afresh on every run;
`BENCH_REBUILD=1` (or deleting the cache) rebuilds from scratch all the same.
PostgreSQL receives the same rows from the SQLite database by COPY.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from benchmarks import corpus
from briefings.models import Extraction
from briefings.service import extract_text
from briefings.store.database import Database, make_engine, open_database
from briefings.store.writer import save_extraction

PROJECT = Path(__file__).resolve().parent.parent
CACHE = PROJECT / "bench-results" / "cache"
BATCH = 250
WINDOW = 1000  # articles handed to the extraction pool at a time
# Fact tables in foreign-key order, with the id column whose sequence PostgreSQL must resume.
TABLES = (
    ("articles", None),
    ("sentences", None),
    ("actors", "id"),
    ("article_actors", None),
    ("timeline_entries", "id"),
    ("events", "id"),
    ("event_actors", None),
    ("entry_actors", None),
    ("entry_sources", None),
    ("entry_keys", None),
    ("claims", "id"),
    ("claim_subjects", None),
    ("figures", "id"),
    ("outlet_stats", None),
    ("actor_outlets", None),
    ("actor_pairs", None),
    ("actor_stats", None),
    ("unit_stats", None),
)


def signature() -> str:
    """A hash of everything that decides which rows a corpus database holds."""
    digest = hashlib.sha256()
    files = sorted(
        # The store (writer, entries, summaries, full text) and the schema's migrations.
        list((PROJECT / "briefings" / "store").glob("*.py"))
        + list((PROJECT / "briefings" / "store" / "migrations" / "versions").glob("0*.py"))
        + [path for path in (PROJECT / "briefings" / "data").glob("*.yaml")]
        + [PROJECT / "benchmarks" / "corpus.py", PROJECT / "benchmarks" / "corpus.yaml"]
    )
    for path in files:
        digest.update(str(path.relative_to(PROJECT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _extract(index: int) -> Extraction:
    return extract_text(*corpus.article(index))


def extracted(start: int, stop: int, workers: int) -> Iterator[Extraction]:
    """Extractions of articles [start, stop) in order, computed on `workers` processes."""
    if workers <= 1:
        yield from map(_extract, range(start, stop))
        return
    # Two windows in flight at most: `imap` does not wait for its consumer, and a pool that
    # runs ahead of the writer piles up extractions in memory (12 GB and falling throughput,
    # from garbage collection over the pile, at 20k articles into the 100k build).
    windows = [range(low, min(low + WINDOW, stop)) for low in range(start, stop, WINDOW)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = None
        for window in windows:
            started = pool.imap(_extract, window, chunksize=32)
            if pending is not None:
                yield from pending
            pending = started
        if pending is not None:
            yield from pending


@dataclass(frozen=True)
class Built:
    path: Path
    articles: int
    build_seconds: float  # 0 when taken from the cache


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _compact(path: Path) -> None:
    """Fold the write-ahead log into the file so that it can be copied and measured."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def sqlite_corpora(sizes: list[int], workers: int, log: bool = True) -> dict[int, Built]:
    """A cached SQLite database per size, built incrementally from the largest smaller one."""
    folder = CACHE / signature()
    folder.mkdir(parents=True, exist_ok=True)
    built: dict[int, Built] = {}
    previous: Path | None = None
    have = 0
    for size in sorted(sizes):
        path = folder / f"corpus-{size}.sqlite3"
        if path.exists() and not os.environ.get("BENCH_REBUILD"):
            built[size] = Built(path, size, 0.0)
            previous, have = path, size
            continue
        work = folder / f"building-{size}.sqlite3"
        for leftover in folder.glob(f"building-{size}.sqlite3*"):
            leftover.unlink()
        if previous is not None:
            shutil.copyfile(previous, work)
        started = time.perf_counter()
        database = open_database(_sqlite_url(work))
        batch: list[Extraction] = []
        done = have
        for extraction in extracted(have, size, workers):
            batch.append(extraction)
            if len(batch) >= BATCH:
                done += _store(database, batch)
                batch = []
                if log and done % 5000 < BATCH:
                    rate = (done - have) / (time.perf_counter() - started)
                    print(f"  building {size:,}: {done:,} articles ({rate:,.0f}/s)", flush=True)
        done += _store(database, batch)
        database.dispose()
        _compact(work)
        work.rename(path)
        for leftover in folder.glob(f"building-{size}.sqlite3*"):
            leftover.unlink()
        built[size] = Built(path, size, time.perf_counter() - started)
        previous, have = path, size
    return built


def _store(database: Database, batch: list[Extraction]) -> int:
    if not batch:
        return 0
    with database.session() as session:
        for extraction in batch:
            save_extraction(session, extraction)
    return len(batch)


def postgres_corpus(source: Built, url: str) -> float:
    """The same rows in PostgreSQL (a fresh schema, migrated, then COPY); seconds taken, or
    0 when the database already holds this corpus."""
    marker = f"{signature()}:{source.articles}"
    engine = make_engine(url)
    with engine.connect() as connection:
        has_marker = connection.execute(
            text("SELECT to_regclass('public.bench_corpus') IS NOT NULL")
        ).scalar()
        if (
            has_marker
            and connection.execute(
                text("SELECT 1 FROM bench_corpus WHERE marker = :m"), {"m": marker}
            ).first()
        ):
            engine.dispose()
            return 0.0
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    open_database(url).dispose()  # the schema, by the project's migrations
    engine = make_engine(url)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with sqlite3.connect(source.path) as sqlite:
            for table, id_column in TABLES:
                columns = [row[1] for row in sqlite.execute(f"PRAGMA table_info({table})")]
                types = {
                    row[1]: row[2].upper() for row in sqlite.execute(f"PRAGMA table_info({table})")
                }
                quoted = ", ".join(f'"{name}"' for name in columns)
                with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in sqlite.execute(f"SELECT {quoted} FROM {table}"):
                        copy.write_row(
                            [
                                bool(value)
                                if types[name] == "BOOLEAN" and value is not None
                                else value
                                for name, value in zip(columns, row, strict=True)
                            ]
                        )
                if id_column:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', '{id_column}'), "
                        f"COALESCE((SELECT MAX({id_column}) FROM {table}), 1))"
                    )
        cursor.execute("CREATE TABLE bench_corpus (marker text)")
        cursor.execute("INSERT INTO bench_corpus VALUES (%s)", (marker,))
        raw.commit()
        # As autovacuum leaves a database after bulk inserts: statistics, and visibility
        # maps so that index-only scans skip the heap. (Outside a transaction.)
        driver = raw.driver_connection
        assert driver is not None
        driver.autocommit = True
        driver.execute("VACUUM (ANALYZE)")
    finally:
        raw.close()
        engine.dispose()
    return time.perf_counter() - started


def file_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


def postgres_size_mb(url: str) -> float:
    engine = make_engine(url)
    with engine.connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
    engine.dispose()
    return float(size or 0) / 1e6


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))
