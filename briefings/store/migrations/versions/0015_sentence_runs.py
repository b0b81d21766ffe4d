"""sentence runs: a full-text hit's article and sentence index without reading the sentence

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 18:00:00

SQLite only (see briefings.store.fulltext): `sentences_fts_runs` holds one narrow row per
run of an article's consecutive sentences, kept by a trigger on `sentences`, so that a
story's search keeps its hits by a seek into it rather than a read of each hit's sentence
row (20,000 hits for a page and a count at 100,000 articles across 20 stories: ~50 ms →
~30 ms). Filled from the sentences already stored. PostgreSQL has nothing to do.
"""

from __future__ import annotations

from alembic import op

from briefings.store import fulltext

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    fulltext.create_sqlite_runs(op.get_bind())


def downgrade() -> None:
    fulltext.drop_sqlite_runs(op.get_bind())
