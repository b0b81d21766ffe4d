"""Alembic environment: runs against the engine handed over in `config.attributes`."""

from __future__ import annotations

import hashlib

from alembic import context
from sqlalchemy import Connection, Engine, text

import briefings.store.digest_schema  # noqa: F401  (registers the digest tables on Base)
from briefings.store import (
    alert_schema,  # noqa: F401  (registers the alert tables on Base)
    feed_schema,  # noqa: F401  (registers the feed tables on Base)
)
from briefings.store.fulltext import include_name
from briefings.store.schema import Base

config = context.config
engine: Engine = config.attributes["engine"]

# Replicas starting together would race to migrate; on PostgreSQL the first takes this lock
# for its transaction and the others wait, then find the schema at head and do nothing.
MIGRATION_LOCK = int.from_bytes(
    hashlib.sha256(b"briefbot:migrations").digest()[:8], "big", signed=True
)


def _migrate(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
    )
    context.run_migrations()


with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations copy a table and drop the old one: with foreign keys enforced, that
        # drop would cascade into the rows referencing it. The pragma only takes effect
        # outside a transaction, and the pooled connection gets it back afterwards.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        with connection.begin():
            _migrate(connection)
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
