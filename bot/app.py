"""Wiring the core for a process: settings → database (migrated, seeded) → command context."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot.config import Settings
from bot.heap import HeapSettler, settle_heap
from bot.metrics import observe_command
from briefings.cards import Card, CardKind
from briefings.commands import CommandContext, CommandRegistry, default_commands
from briefings.commands.registry import ChatPlace
from briefings.extract.actors import default_registry
from briefings.queries.complete import complete_names
from briefings.seeds import seed_if_empty
from briefings.store.database import Database, open_database

log = logging.getLogger("briefbot.app")


@dataclass
class BotCore:
    """The one object every adapter holds: it answers command lines with cards."""

    # not in the repr: the settings hold the database URL, password and all
    settings: Settings = field(repr=False)
    db: Database
    commands: CommandRegistry
    # Called (from a worker thread) with a topic when a command changed stored settings;
    # the digest service listens to rebuild its schedule at once.
    listeners: list[Callable[[str], None]] = field(default_factory=list)
    # Set by a long-running process (`settle`): the heap is frozen after each command's
    # first answer (see bot.heap). Off for one-shot commands and tests.
    heap: HeapSettler | None = None

    def context(self, place: ChatPlace | None = None, story: str | None = None) -> CommandContext:
        return CommandContext(
            db=self.db,
            actors=default_registry(),
            today=date.today(),
            page_size=self.settings.page_size,
            recent_days=self.settings.recent_days,
            commands=self.commands,
            place=place,
            changed=self._changed,
            allow_private_urls=self.settings.fetch_allow_private,
            feed_poll_minutes=self.settings.feed_poll_minutes,
            story=story,
        )

    def _changed(self, topic: str) -> None:
        self.notify_changed(topic)

    def notify_changed(self, topic: str) -> None:
        """Tell the listeners a command changed stored settings (also for a command that ran
        in a worker process, whose own listeners are not these)."""
        for listener in list(self.listeners):
            try:
                listener(topic)
            except Exception:  # a listener's bug must not turn a done change into an error
                log.exception("listener for %s failed", topic)

    def ask(
        self,
        line: str,
        *,
        admin: bool = False,
        place: ChatPlace | None = None,
        story: str | None = None,
    ) -> Card:
        """Answer a command line (blocking: adapters call it in a worker thread). `place` says
        which channel and user asked; `admin` whether that user manages the channel; `story`
        answers as a channel bound to that story would."""
        started = time.perf_counter()
        card = self.commands.run(line, self.context(place, story), admin=admin)
        self.observe(line, place, card, time.perf_counter() - started)
        if self.heap is not None:
            self.heap.answered(self._command_label(line))
        return card

    def settle(self) -> None:
        """Start-up is over: freeze the long-lived heap now and after each command's first
        answer, so that full collections stop landing in answers (bot.heap)."""
        settle_heap()
        self.heap = HeapSettler()

    def observe(self, line: str, place: ChatPlace | None, card: Card, seconds: float) -> None:
        """Count an answered command line in this process's metrics."""
        observe_command(
            self._command_label(line),
            place.platform if place else "console",
            "error" if card.kind == CardKind.ERROR else "ok",
            seconds,
        )

    def _command_label(self, line: str) -> str:
        """The registered command's name, or "unknown": never free text as a label."""
        head = line.strip().split(maxsplit=1)[0].lstrip("/").lower() if line.strip() else ""
        return head if head in self.commands.commands else "unknown"

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
