"""Connecting to the database and keeping its schema current.

SQLite (an embedded file) is the default; any SQLAlchemy URL works, PostgreSQL being the
production path. The schema is owned by Alembic: `migrate()` brings a database to the code's
head revision, and `open_database()` refuses a database whose revision the code does not know
(it was migrated by a newer release).
"""

from __future__ import annotations

import ast
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from briefings.errors import InputError, UnavailableError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
log = logging.getLogger("briefbot.store")


SQLITE_BUSY_SECONDS = 10.0
UNAVAILABLE = "The database is temporarily unavailable; please try again shortly."
# SQLite's answers for a file that is not (or no longer) a readable database: garbage bytes,
# a truncated copy, a damaged page. The user hears "unavailable", as for a server that is
# down; the log says which, since only an operator can restore the file.
_SQLITE_UNREADABLE = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def unreadable_sqlite(error: BaseException) -> bool:
    """Whether `error` is SQLite saying the file is corrupt or not a database at all."""
    original = getattr(error, "orig", error)
    return (
        isinstance(original, sqlite3.DatabaseError)
        and getattr(original, "sqlite_errorcode", None) in _SQLITE_UNREADABLE
    )


def unavailable(error: BaseException) -> bool:
    """Whether `error` means the database cannot be used now (unreachable, locked too long,
    or an unreadable SQLite file), rather than a mistake in what was asked of it."""
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and unreadable_sqlite(error)
    )


def _log_unreadable(error: BaseException) -> None:
    if unreadable_sqlite(error):
        log.error("the SQLite database file is unreadable (corrupt or not a database)")


def _sqlite_pragmas(busy_ms: int) -> Callable[[Any, Any], None]:
    """Foreign keys on (for cascades), WAL for concurrent readers, waiting instead of 'locked'
    while another process writes (up to `busy_ms`; then the database counts as unavailable)."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms:d}")
        cursor.close()

    return on_connect


def _sqlite_busy_ms(parsed: URL) -> int:
    """How long to wait for another writer: SQLite's own `?timeout=` (seconds) in the URL,
    else `SQLITE_BUSY_SECONDS`."""
    value = parsed.query.get("timeout")
    try:
        seconds = float(value if isinstance(value, str) else SQLITE_BUSY_SECONDS)
    except ValueError:
        raise InputError("The database URL is not valid.") from None
    if not 0 <= seconds <= 3600:
        raise InputError("The database URL is not valid.")
    return int(seconds * 1000)


def make_engine(url: str) -> Engine:
    """An engine for `url`; for a SQLite file its folder is created first."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError("The database URL is not valid.") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        busy_ms = _sqlite_busy_ms(parsed)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas(busy_ms))
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _migration_turn(engine: Engine) -> Iterator[None]:
    """One migrating process at a time. PostgreSQL takes an advisory lock inside the migration
    (see migrations/env.py); a SQLite file gets a lock file beside it, because SQLite refuses
    (rather than waits for) a writer whose snapshot went stale while another process
    migrated."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    import fcntl

    lock_path = Path(database).expanduser().with_name(Path(database).name + ".migrate-lock")
    with lock_path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Upgrade the database to the code's head revision (idempotent; replicas take turns)."""
    from alembic import command

    with _migration_turn(engine):
        command.upgrade(alembic_config(engine), "head")


class Database:
    """An engine plus a session factory; the one object the core needs to reach its data."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is one transaction: committed on success, rolled back on error."""
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as error:
            if not unavailable(error):
                raise
            _log_unreadable(error)
            raise UnavailableError(UNAVAILABLE) from error

    def dispose(self) -> None:
        self.engine.dispose()

    def reachable(self) -> bool:
        """Whether a trivial query succeeds now (readiness probes)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True


def _literals(path: Path) -> dict[str, Any]:
    """The module-level `name = <literal>` assignments of a migration file."""
    found: dict[str, Any] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and value is not None:
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                found[target.id] = ValueError
    return found


def declared_head() -> str | None:
    """The head revision as the migration files declare it (`revision`, `down_revision`),
    read without importing Alembic (a fifth of a second at every start); None when anything
    is unusual — branches, dependencies, a value that is not a literal — and Alembic must
    decide."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
            if path.name.startswith("_"):
                continue
            values = _literals(path)
            revision, down = values.get("revision"), values.get("down_revision", ValueError)
            if not isinstance(revision, str) or values.get("depends_on") is not None:
                return None
            if isinstance(down, str):
                parents.add(down)
            elif down is not None:  # a merge (tuple), a missing or computed value
                return None
            revisions.add(revision)
    except (OSError, SyntaxError, ValueError):
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def _at_declared_head(engine: Engine) -> bool:
    """Whether the database records exactly the declared head revision."""
    head = declared_head()
    if head is None:
        return False
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        recorded = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [row[0] for row in recorded] == [head]


def open_database(url: str, *, auto_migrate: bool = True) -> Database:
    """Connect, check the schema revision, and migrate when allowed.

    Raises `UnavailableError` when the server cannot be reached and `InputError` when the
    database was migrated by a newer release than this one.
    """
    engine = make_engine(url)
    try:
        if _at_declared_head(engine):
            return Database(engine)  # nothing changed since the last start: no Alembic needed
        from alembic.script import ScriptDirectory

        revision = current_revision(engine)
        head = head_revision()
        known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
        if revision is not None and revision not in known:
            raise InputError(
                f"The database schema ({revision}) is newer than this release knows; "
                "upgrade briefbot before using this database."
            )
        if revision != head:
            if not auto_migrate:
                raise InputError(
                    "The database schema is out of date; run `briefbot db upgrade` first."
                )
            migrate(engine)
    except (OperationalError, DBAPIError) as error:
        engine.dispose()
        _log_unreadable(error)
        raise UnavailableError(UNAVAILABLE) from error
    return Database(engine)
