"""Hooks for whoever hosts the core to count what it does, without the core knowing how.

The core emits plain events ("article-stored", with numbers); the process that hosts it
(`bot/metrics.py`) turns them into Prometheus metrics. Keeping the metrics library out of the
core keeps `briefings/` usable as a library and its tests free of global registries.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

Observer = Callable[[str, dict[str, float]], None]

log = logging.getLogger("briefbot.telemetry")
_observers: list[Observer] = []


def add_observer(observer: Observer) -> None:
    if observer not in _observers:
        _observers.append(observer)


def remove_observer(observer: Observer) -> None:
    if observer in _observers:
        _observers.remove(observer)


def emit(event: str, **values: float) -> None:
    """Tell every observer; an observer's failure never disturbs the core's work."""
    for observer in list(_observers):
        try:
            observer(event, values)
        except Exception:
            log.exception("telemetry observer failed on %s", event)
