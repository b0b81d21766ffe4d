"""Ingesting many files at the speed of extraction: a process pool extracts, one writer stores.

Extraction is pure computation and runs on every core (`workers` processes, each with the
rules and registry read once from the disk cache); storing is one writer in this process,
which keeps the files' order and saves up to `batch` articles per transaction. A batch that fails
(a database error on one article) is stored again one article per transaction, so that a
bad article loses only itself: each article is stored whole or not at all. A file that
cannot be read or extracted is reported and never stops the others; a bounded number of
extractions wait for the writer, so memory stays flat however many files there are. The
workers run at a lower priority than the writer: on busy cores, the one serial step goes
first and extraction takes what is left.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import BriefbotError
from briefings.telemetry import emit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from briefings.ingest import ArticleMeta
    from briefings.models import Extraction
    from briefings.service import IngestOutcome
    from briefings.store.database import Database

log = logging.getLogger("briefbot.bulk")

BATCH = 100  # articles per transaction
CHUNK = 4  # files per task sent to a worker
AHEAD = 8  # tasks in flight per worker, at most
INTERNAL = "could not be extracted (an internal error; the log has the details)"


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Extracted:
    """One file after extraction: its facts, or why there are none."""

    source: str
    extraction: Extraction | None = None
    error: str | None = None
    seconds: float = 0.0


def extract_file(path: str, meta: ArticleMeta | None = None) -> Extracted:
    """Read, clean, split and extract one file (in a worker process); never raises."""
    from briefings.extract.pipeline import extract
    from briefings.ingest import ArticleMeta, build_article, read_text_file

    started = time.perf_counter()
    try:
        file_meta = replace(meta or ArticleMeta(), source=path)
        extraction = extract(build_article(read_text_file(Path(path)), file_meta))
    except BriefbotError as error:
        return Extracted(path, error=error.message)
    except Exception:  # a bug on one file must not stop the others
        log.exception("extracting %s failed", path)
        return Extracted(path, error=INTERNAL)
    return Extracted(path, extraction, seconds=time.perf_counter() - started)


def _extract_one(item: tuple[str, ArticleMeta | None]) -> Extracted:
    return extract_file(*item)


def _worker_start(parent: int) -> None:
    """In each worker: die with the parent (a killed `briefbot ingest` leaves no orphans
    holding its output open) and leave Ctrl-C to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # the writer, the serial step, goes first on busy cores
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _pool(workers: int) -> Executor:
    # fork where there is one: the workers start at once, sharing the parent's loaded modules
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    )


def extract_files(
    paths: Sequence[Path], meta: ArticleMeta | None = None, workers: int = 1
) -> Iterator[Extracted]:
    """Extractions of `paths`, in order, computed on `workers` processes (here when 1).

    Small chunks of files go to the pool as the results are taken, a bounded number ahead
    (`AHEAD` per worker): the workers never wait for a window to drain, and a slow consumer
    never piles extractions up in memory."""
    items = [(str(path), meta) for path in paths]
    if workers <= 1 or len(items) <= 1:
        yield from map(_extract_one, items)
        return
    chunks = deque(items[low : low + CHUNK] for low in range(0, len(items), CHUNK))
    pool = _pool(workers)
    running: deque[tuple[Future[list[Extracted]], list[tuple[str, ArticleMeta | None]]]]
    running = deque()
    try:
        while chunks or running:
            while chunks and len(running) < workers * AHEAD:
                chunk = chunks.popleft()
                running.append((pool.submit(_extract_chunk, chunk), chunk))
            future, chunk = running.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): its files and
                # those queued with it are reported; a fresh pool goes on with the rest
                lost = [chunk] + [queued for _, queued in running]
                running.clear()
                log.error(
                    "an extraction worker died; %d file(s) not extracted", sum(map(len, lost))
                )
                for path, _ in (item for part in lost for item in part):
                    yield Extracted(path, error="could not be extracted (the worker process died)")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers)
    finally:  # the writer gave up (the database went away): drop the work not started
        pool.shutdown(wait=True, cancel_futures=True)


def _extract_chunk(chunk: list[tuple[str, ArticleMeta | None]]) -> list[Extracted]:
    return [extract_file(*item) for item in chunk]


def ingest_files(
    db: Database,
    paths: Sequence[Path],
    meta: ArticleMeta | None = None,
    *,
    workers: int = 1,
    batch: int = BATCH,
    progress: Callable[[IngestOutcome], None] | None = None,
    stories: tuple[int, ...] = (),
) -> list[IngestOutcome]:
    """Extract `paths` on `workers` processes and store them in batches; one outcome per
    file, in order, each article filed in the stories whose rule it meets and in `stories`.
    `progress` hears each outcome as soon as it is known."""
    outcomes: list[IngestOutcome] = []
    pending: list[Extracted] = []
    # Transactions grow 1, 2, 4 … up to `batch` articles: the first articles are readable at
    # once and a handful of files is stored as before, one article per transaction; a
    # backfill soon stores `batch` at a time.
    size = 1

    def flush() -> None:
        nonlocal size
        if not pending:
            return
        for outcome in _store_batch(db, pending, stories):
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        pending.clear()
        size = min(size * 2, max(1, batch))

    for result in extract_files(paths, meta, workers):
        if result.extraction is None:
            flush()  # keep the files' order in the outcomes
            outcome = _outcome(result, stored=False)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
            continue
        emit(
            "article-extracted",
            seconds=result.seconds,
            words=float(result.extraction.article.word_count),
        )
        pending.append(result)
        if len(pending) >= size:
            flush()
    flush()
    return outcomes


def _store_batch(
    db: Database, batch: list[Extracted], stories: tuple[int, ...] = ()
) -> list[IngestOutcome]:
    """Store a batch in one transaction; if that fails, each article in its own."""
    from briefings.service import file_stored
    from briefings.store.writer import save_extraction

    def save(session: Session, item: Extracted) -> bool:
        extraction = _facts(item)
        stored = save_extraction(session, extraction)
        queued = file_stored(session, extraction.article, stored, stories)
        if queued:
            emit("alerts-queued", alerts=float(queued))
        return stored

    if not batch:
        return []
    if len(batch) > 1:
        try:
            with db.session() as session:
                stored = [save(session, item) for item in batch]
            return [_stored(item, flag) for item, flag in zip(batch, stored, strict=True)]
        except BriefbotError:
            raise  # the database is unavailable: no article can be stored
        except Exception:
            log.warning("a batch of %d articles failed; storing them one by one", len(batch))
    outcomes = []
    for item in batch:
        try:
            with db.session() as session:
                flag = save(session, item)
        except BriefbotError:
            raise
        except Exception:
            log.exception("storing %s failed", item.source)
            outcomes.append(_outcome(replace(item, error="could not be stored (see the log)")))
            continue
        outcomes.append(_stored(item, flag))
    return outcomes


def _facts(item: Extracted) -> Extraction:
    assert item.extraction is not None, "only extracted files are stored"
    return item.extraction


def _stored(item: Extracted, stored: bool) -> IngestOutcome:
    extraction = item.extraction
    assert extraction is not None
    if stored:
        emit("article-stored", words=float(extraction.article.word_count))
    return _outcome(item, stored=stored)


def _outcome(item: Extracted, stored: bool = False) -> IngestOutcome:
    from briefings.service import IngestOutcome

    extraction = item.extraction
    if item.error is not None or extraction is None:
        return IngestOutcome(source=item.source, error=item.error)
    return IngestOutcome(
        source=item.source,
        article_id=extraction.article.id,
        stored=stored,
        events=len(extraction.events) if stored else 0,
        claims=len(extraction.claims) if stored else 0,
        figures=len(extraction.figures) if stored else 0,
    )
