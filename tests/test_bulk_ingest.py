"""Ingesting a folder on every core (issue 20): a process pool extracts, one writer stores in
batches. Real files, real SQLite and PostgreSQL; the rate itself is the benchmark's
(`ingest.articles_per_second`), never a test's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select

from benchmarks import corpus
from briefings.bulk import ingest_files
from briefings.ingest import iter_article_files
from briefings.store.database import Database, open_database
from tests.conftest import POSTGRES_URL, SEEDS, reset_postgres

GENERATED = 14


def article_folder(root: Path) -> Path:
    """Seeds, generated articles, a copy of one of them, a binary file and an empty one."""
    folder = root / "articles"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for index in range(GENERATED):
        text, _ = corpus.article(index)
        (folder / f"gen-{index:03}.txt").write_text(text, encoding="utf-8")
    shutil.copy(folder / "gen-003.txt", folder / "gen-003-copy.txt")
    (folder / "gen-005-binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "gen-007-empty.txt").write_text("", encoding="utf-8")
    return folder


def stored_facts(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the time of ingest left out), in a stable order."""
    metadata = MetaData()
    metadata.reflect(db.engine)
    facts: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            if name == "alembic_version":
                continue
            columns = [c for c in table.columns if c.name != "ingested_at"]
            rows = connection.execute(select(*columns)).all()
            facts[name] = sorted((tuple(row) for row in rows), key=repr)
    return facts


def test_parallel_and_serial_ingest_store_the_same_facts(database_url: str, tmp_path: Path) -> None:
    folder = article_folder(tmp_path)
    files = iter_article_files([folder])

    def ingest(url: str, workers: int) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
        database = open_database(url)
        try:
            outcomes = ingest_files(database, files, workers=workers, batch=4)
            return [o.describe() for o in outcomes], stored_facts(database)
        finally:
            database.dispose()

    serial = ingest(database_url, 1)
    if database_url.startswith("sqlite"):
        other = f"sqlite:///{tmp_path / 'parallel.sqlite3'}"
    else:
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        other = POSTGRES_URL
    parallel = ingest(other, 2)

    assert parallel[0] == serial[0]  # the same outcomes, in the files' order
    assert parallel[1] == serial[1]
    assert len(parallel[1]["articles"]) == len(list(SEEDS.glob("*.txt"))) + GENERATED
    described = "\n".join(parallel[0])
    assert described.count(": already stored as") == 1  # gen-003 and its copy: one stored
    assert "gen-005-binary.txt: rejected" in described
    assert "gen-007-empty.txt: rejected" in described


def test_ingest_again_stores_nothing_new(db: Database, tmp_path: Path) -> None:
    files = iter_article_files([article_folder(tmp_path)])
    first = ingest_files(db, files, workers=2, batch=5)
    again = ingest_files(db, files, workers=2, batch=5)
    assert sum(o.stored for o in first) == len(list(SEEDS.glob("*.txt"))) + GENERATED
    assert not any(o.stored for o in again)
    assert [o.error for o in again] == [o.error for o in first]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_"))
    }
    values.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEEDS_DIR=str(tmp_path / "no-seeds"),
        BRIEFBOT_LOG_LEVEL="ERROR",
    )
    return values


def test_cli_ingests_a_folder_on_every_core_and_reports_the_bad_files(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = article_folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", str(folder), "--jobs", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1  # some files were rejected
    assert "Traceback" not in result.stderr
    expected = len(list(SEEDS.glob("*.txt"))) + GENERATED
    assert result.stdout.strip().splitlines()[-1] == f"ingested {expected} new of {expected + 3}"
    rejected = [line for line in result.stderr.splitlines() if "rejected" in line]
    assert len(rejected) == 2, result.stderr
    assert any("gen-005-binary.txt" in line for line in rejected)
    assert any("gen-007-empty.txt" in line for line in rejected)

    listed = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "/sources"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr


def test_cli_refuses_a_bad_jobs_value(env: dict[str, str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", str(tmp_path), "--jobs", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not a number of processes" in result.stderr
