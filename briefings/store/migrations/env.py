"""Alembic environment: runs against the engine handed over in `config.attributes`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import briefings.store.digest_schema  # noqa: F401  (registers the digest tables on Base)
from briefings.store import feed_schema  # noqa: F401  (registers the feed tables on Base)
from briefings.store.schema import Base

config = context.config
engine: Engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
