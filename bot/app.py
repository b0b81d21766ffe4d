"""Wiring the core for a process: settings → database (migrated, seeded) → command context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.config import Settings
from briefings.cards import Card
from briefings.commands import CommandContext, CommandRegistry, default_commands
from briefings.extract.actors import default_registry
from briefings.queries.complete import complete_names
from briefings.seeds import seed_if_empty
from briefings.store.database import Database, open_database


@dataclass
class BotCore:
    """The one object every adapter holds: it answers command lines with cards."""

    settings: Settings
    db: Database
    commands: CommandRegistry

    def context(self) -> CommandContext:
        return CommandContext(
            db=self.db,
            actors=default_registry(),
            today=date.today(),
            page_size=self.settings.page_size,
            commands=self.commands,
        )

    def ask(self, line: str, *, admin: bool = False) -> Card:
        """Answer a command line (blocking: adapters call it in a worker thread)."""
        return self.commands.run(line, self.context(), admin=admin)

    def complete(self, source: str, prefix: str, limit: int = 25) -> list[str]:
        """Autocomplete names for an option whose source is "actor", "outlet" or "kind"."""
        return complete_names(self.db, default_registry(), source, prefix, limit=limit)

    def close(self) -> None:
        self.db.dispose()


def open_core(settings: Settings, *, seed: bool | None = None) -> BotCore:
    db = open_database(settings.resolved_database_url, auto_migrate=settings.auto_migrate)
    if settings.seed if seed is None else seed:
        seed_if_empty(db, settings.seeds_dir)
    return BotCore(settings=settings, db=db, commands=default_commands())
