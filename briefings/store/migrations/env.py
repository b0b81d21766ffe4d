"""Alembic environment: runs against the engine handed over in `config.attributes`."""

from __future__ import annotations

import hashlib

from alembic import context
from sqlalchemy import Engine, text

import briefings.store.digest_schema  # noqa: F401  (registers the digest tables on Base)
from briefings.store import feed_schema  # noqa: F401  (registers the feed tables on Base)
from briefings.store.fulltext import include_name
from briefings.store.schema import Base

config = context.config
engine: Engine = config.attributes["engine"]

# Replicas starting together would race to migrate; on PostgreSQL the first takes this lock
# for its transaction and the others wait, then find the schema at head and do nothing.
MIGRATION_LOCK = int.from_bytes(
    hashlib.sha256(b"briefbot:migrations").digest()[:8], "big", signed=True
)

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
    )
    context.run_migrations()
