"""The store on real SQLite and PostgreSQL: migrations, all-or-nothing writes, dedup."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select, text

from briefings.errors import InputError
from briefings.extract.pipeline import extract
from briefings.ingest import ArticleMeta, build_article
from briefings.service import article_count, ingest_text
from briefings.store.database import (
    Database,
    current_revision,
    declared_head,
    head_revision,
    open_database,
)
from briefings.store.schema import ArticleRow, EventRow, SentenceRow
from briefings.store.writer import save_extraction
from tests.conftest import PROJECT

STORY = """Flood barriers fail in river town

By Maria Keller

DRESDEN, March 4, 2024 (Reuters) - Rescue teams evacuated some 1,200 residents on Monday
after the Elbe burst its banks, the regional government said.

The interior ministry said on Tuesday that at least three people had died.
"""


def test_migrates_to_head(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 0


def test_the_migrations_build_exactly_the_declared_schema(db: Database) -> None:
    """A column added to a model without a migration (or the reverse) fails here, on both
    backends, before it fails in production."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import briefings.store.digest_schema
    import briefings.store.feed_schema
    from briefings.store.fulltext import include_name
    from briefings.store.schema import Base

    assert briefings.store.digest_schema.SubscriptionRow.__tablename__ in Base.metadata.tables
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_reopening_is_idempotent(database_url: str) -> None:
    open_database(database_url).dispose()
    again = open_database(database_url)
    assert current_revision(again.engine) == head_revision()
    again.dispose()


def test_the_declared_head_is_alembics_head() -> None:
    """The start-up shortcut reads the migration files itself; it must agree with Alembic."""
    assert declared_head() == head_revision()


def test_opening_a_current_database_needs_no_alembic(database_url: str) -> None:
    """At head (the usual start), a process opens the database without importing Alembic
    (any other revision goes through Alembic: see the tests around this one)."""
    open_database(database_url).dispose()
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from briefings.store.database import open_database; "
            f"open_database({database_url!r}).dispose(); print('alembic' in sys.modules)",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == "False"


def test_refuses_a_schema_newer_than_the_code(database_url: str) -> None:
    database = open_database(database_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dface'"))
    database.dispose()
    with pytest.raises(InputError, match="newer than this release"):
        open_database(database_url)


def test_refuses_an_old_schema_without_auto_migrate(database_url: str) -> None:
    with pytest.raises(InputError, match="db upgrade"):
        open_database(database_url, auto_migrate=False)


def test_reingesting_the_same_article_stores_nothing_new(db: Database) -> None:
    meta = ArticleMeta(outlet="Reuters", published=date(2024, 3, 5))
    first = ingest_text(db, STORY, meta)
    assert first.stored and first.events > 0
    again = ingest_text(db, STORY.replace("\n", "\r\n"), meta)
    assert not again.stored and again.article_id == first.article_id
    assert article_count(db) == 1


def test_a_failing_write_leaves_nothing_behind(db: Database) -> None:
    article = build_article(STORY, ArticleMeta(outlet="Reuters", published=date(2024, 3, 5)))
    broken = article.model_copy(
        update={"sentences": [*article.sentences, article.sentences[0]]}  # duplicate key
    )
    extraction = extract(broken)
    with pytest.raises(Exception), db.session() as session:  # noqa: B017 - any DB error
        save_extraction(session, extraction)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 0
        assert session.scalar(select(func.count()).select_from(SentenceRow)) == 0
        assert session.scalar(select(func.count()).select_from(EventRow)) == 0


def test_replicas_starting_together_migrate_once(database_url: str) -> None:
    """Three processes starting at once on an empty database: on PostgreSQL one migrates under
    an advisory lock while the others wait; none fails."""
    import subprocess
    import sys

    script = (
        "import sys; from briefings.store.database import open_database, current_revision; "
        "db = open_database(sys.argv[1]); print(current_revision(db.engine)); db.dispose()"
    )
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", script, database_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [start.communicate(timeout=120) for start in starts]
    assert [start.returncode for start in starts] == [0, 0, 0], results
    assert [out.strip() for out, _ in results] == [head_revision()] * 3
