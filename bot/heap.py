"""Keeping the garbage collector's full passes off the answer path.

A full (oldest-generation) collection walks every tracked object: in a process that has
loaded the actor dictionary, the vocabularies, SQLAlchemy and pydantic that is ~50 ms, and
it lands inside whichever answer happens to allocate past the threshold: the p99 of every
command (measured with `make bench`). Objects that live as long as the process are moved
out of the collector's sight (`gc.freeze`) once start-up is done, and again after the first
answer of each command, which imports that command's modules and fills its caches.
Reference counting still frees them; only cycles among frozen objects would stay.
"""

from __future__ import annotations

import gc
import threading


def settle_heap() -> None:
    """Collect what start-up left behind, then freeze what remains (it is long-lived)."""
    gc.collect()
    gc.freeze()


class HeapSettler:
    """Freezes the heap after the first answer of each command name (thread-safe)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def answered(self, command: str) -> None:
        if command in self._seen:
            return
        with self._lock:
            if command in self._seen:
                return
            self._seen.add(command)
        gc.collect(1)  # the answer's own young garbage is not frozen with the modules
        gc.freeze()
