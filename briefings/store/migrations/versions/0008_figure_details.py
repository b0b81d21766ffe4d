"""figure details: how the source is written, revisions, matters

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00

Placeholder kept in the chain so that later revisions have a fixed parent; it changes nothing
until the columns it names are added here.
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
