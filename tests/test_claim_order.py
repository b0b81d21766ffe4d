"""Revision 0011: the claim's date on `claim_subjects` and the claims' own full-text index,
filled by the migration from claims already stored, kept by the writer for new ones, and
gone again after a downgrade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import func, inspect, select

from briefings.ingest.article import ArticleMeta
from briefings.queries.facts import claims_matching
from briefings.service import ingest_paths, ingest_text
from briefings.store.database import Database, alembic_config, current_revision, head_revision
from briefings.store.fulltext import CLAIMS_FTS
from briefings.store.schema import ClaimRow, ClaimSubjectRow

CORPUS = Path(__file__).parent / "corpora" / "stories"


def _subject_dates(db: Database) -> list[tuple[date | None, date | None]]:
    """(the subject row's date, its claim's date) for every subject row."""
    with db.session() as session:
        rows = session.execute(
            select(ClaimSubjectRow.date_start, ClaimRow.date_start).join(
                ClaimRow, ClaimRow.id == ClaimSubjectRow.claim_id
            )
        )
        return [(subject, claim) for subject, claim in rows]


def _claims_fts_exists(db: Database) -> bool:
    return CLAIMS_FTS in inspect(db.engine).get_table_names()


def test_the_writer_copies_each_claims_date_to_its_subjects(db: Database) -> None:
    text = (
        "Talks stall\n\n"
        "Armenia said on Tuesday, March 5, 2024, that Azerbaijan had broken the ceasefire. "
        "Russia claimed that Azerbaijan and Armenia had agreed to new talks."
    )
    assert ingest_text(db, text, ArticleMeta(outlet="Wire One", published=date(2024, 3, 7))).stored
    pairs = _subject_dates(db)
    assert pairs and all(subject == claim for subject, claim in pairs)
    assert any(subject is not None for subject, _ in pairs)
    with db.session() as session:
        found = claims_matching(session, ("ceasefire",))
    assert [claim.citation.sentence for claim in found] == [
        "Armenia said on Tuesday, March 5, 2024, that Azerbaijan had broken the ceasefire."
    ]


def test_the_migration_fills_the_claims_dates_and_index_from_stored_claims(db: Database) -> None:
    ingest_paths(db, [CORPUS])
    with db.session() as session:
        before = [(c.citation.article_id, c.text) for c in claims_matching(session, ("said",))]
    assert before
    config = alembic_config(db.engine)

    command.downgrade(config, "0010")
    assert current_revision(db.engine) == "0010"
    columns = {column["name"] for column in inspect(db.engine).get_columns("claim_subjects")}
    assert "date_start" not in columns
    indexes = {index["name"] for index in inspect(db.engine).get_indexes("claim_subjects")}
    assert "ix_claim_subjects_order" not in indexes
    assert not _claims_fts_exists(db)

    command.upgrade(config, "head")
    assert current_revision(db.engine) == head_revision()
    pairs = _subject_dates(db)
    assert len(pairs) > 5
    assert all(subject == claim for subject, claim in pairs)
    assert sum(subject is not None for subject, _ in pairs) > 3
    assert _claims_fts_exists(db)
    with db.session() as session:
        after = [(c.citation.article_id, c.text) for c in claims_matching(session, ("said",))]
        subjects = session.scalar(select(func.count()).select_from(ClaimSubjectRow))
    assert after == before
    assert subjects == len(pairs)


def test_claims_stored_after_the_migration_are_indexed(db: Database) -> None:
    """The index's triggers come back with an upgrade after a downgrade."""
    config = alembic_config(db.engine)
    command.downgrade(config, "0010")
    command.upgrade(config, "head")
    ingest_paths(db, [CORPUS])
    pairs = _subject_dates(db)
    assert pairs and all(subject == claim for subject, claim in pairs)
    with db.session() as session:
        assert claims_matching(session, ("said",))
