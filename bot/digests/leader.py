"""Who runs the schedule: one leader among replicas, chosen by a PostgreSQL advisory lock.

APScheduler 3 keeps its schedule in each process, so with several replicas every one would
fire every job. The ledger would still post each digest once, but feed polls and claims would
be repeated for nothing. So only the replica holding a session-level advisory lock runs the
schedule. The lock lives on a connection of its own: if the leader dies, or its connection
breaks, PostgreSQL releases the lock and another replica takes over on its next try.

SQLite is one file on one machine, so its process is always the leader.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from sqlalchemy import text

from briefings.store.database import Database

log = logging.getLogger("briefbot.leader")

LOCK_NAME = "briefbot:scheduler"


def lock_key(name: str = LOCK_NAME) -> int:
    """A stable signed 64-bit key for `pg_try_advisory_lock`, derived from a readable name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class Leadership:
    """Try to become (and check whether still) the leader; blocking calls, run in a thread."""

    def __init__(self, db: Database, name: str = LOCK_NAME) -> None:
        self.db = db
        self.key = lock_key(name)
        self.shared = db.engine.dialect.name == "postgresql"
        self._connection: Any = None

    @property
    def held(self) -> bool:
        return self._connection is not None or not self.shared

    def try_acquire(self) -> bool:
        """True when this process is the leader (now or already)."""
        if not self.shared:
            return True
        if self._connection is not None:
            return self.still_held()
        connection = self.db.engine.connect()
        try:
            got = self._try_lock(connection)
        except Exception:
            connection.invalidate()
            connection.close()
            raise
        if not got:
            connection.close()
            return False
        self._connection = connection
        log.info("this process leads the schedule")
        return True

    def _try_lock(self, connection: Any) -> bool:
        got = bool(
            connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            ).scalar()
        )
        connection.commit()  # no transaction left open while the lock is held
        return got

    def still_held(self) -> bool:
        """Whether this process still holds the lock. Asking for it again is the check: the
        lock is re-entrant within its session, while a session that was cut (and silently
        replaced by a new one) no longer has it — and gets it only if nobody else took it."""
        if not self.shared:
            return True
        if self._connection is None:
            return False
        try:
            if self._try_lock(self._connection):
                return True
            log.warning("another replica holds the scheduler lock now; following")
            self._drop()
        except Exception:
            log.warning("lost the scheduler lock's connection; no longer the leader")
            self._drop(broken=True)
        return False

    def release(self) -> None:
        if self._connection is None:
            return
        try:  # every re-entrant acquisition is released at once
            self._connection.execute(text("SELECT pg_advisory_unlock_all()"))
            self._connection.commit()
        except Exception:
            pass  # the connection is going away, and the lock with it
        self._drop()

    def _drop(self, *, broken: bool = False) -> None:
        connection, self._connection = self._connection, None
        try:
            if broken:
                connection.invalidate()  # never hand a dead connection back to the pool
            connection.close()
        except Exception:
            pass
