"""claim attribution: cue and who the speaker speaks for

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:00:00

Placeholder kept in the chain so that later revisions have a fixed parent; it changes nothing
until the columns it names are added here.
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
