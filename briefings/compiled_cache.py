"""Compiled data kept on disk between processes: time rules, event vocabulary.

Compiling the data files (expanding the time rules, analysing what each rule needs, building
the event triggers' pattern) costs most of a one-shot command's time (`briefbot extract`), and
gives the same result every time until the data or the code changes. `load_or_build` keeps
the result as a pickle in the cache folder (`briefings.extract.actors.cache.cache_dir`, shared
with the actor registry's), keyed by the Python version and the size and modification time of
every file under `briefings/` (code and data), as Python's own bytecode cache is: an edited
rule file or module never meets a stale compilation. Where the folder cannot be written, the
data is simply compiled in memory.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = (".py", ".yaml", ".yml", ".txt", ".json")


@functools.cache
def code_key(*others: Path) -> str:
    """A hash of the Python version and of every code and data file's path, size and time,
    in this package and in `others` (packages whose code the cached value depends on too)."""
    digest = hashlib.sha256(sys.version.encode())
    for root, dirs, files in (entry for top in (_PACKAGE, *others) for entry in os.walk(top)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(_SUFFIXES):
                continue
            path = os.path.join(root, name)
            with contextlib.suppress(OSError):
                stat = os.stat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def read_pickle(handle: BinaryIO) -> object:
    """Unpickle with the cyclic collector paused: a compiled registry is hundreds of thousands
    of objects, and collections triggered while they are created only cost time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if collecting:
            gc.enable()


def _cache_dir() -> Path:
    from briefings.extract.actors.cache import cache_dir

    return cache_dir()


def load_or_build(name: str, build: Callable[[], T], kind: type[T]) -> T:
    """The cached `name` (an instance of `kind`), else `build()`, then stored for the next
    process. Any failure to read or write the cache falls back to `build()`."""
    cached = read_cached(name, kind)
    if cached is not None:
        return cached
    built = build()
    write_cached(name, built)
    return built


def _target(name: str, others: tuple[Path, ...]) -> tuple[Path, str, Path]:
    folder = _cache_dir()
    # one file per name and installed copy (two checkouts sharing a cache never evict each
    # other's), replaced when the code or data changes
    name = f"{name}-{hashlib.sha256(str(_PACKAGE).encode()).hexdigest()[:8]}"
    return folder, name, folder / f"{name}-{code_key(*others)}.pickle"


def read_cached(name: str, kind: type[T], others: tuple[Path, ...] = ()) -> T | None:
    """The value stored as `name` by this code (and `others`' code), or None."""
    _, _, target = _target(name, others)
    try:
        with target.open("rb") as handle:
            cached = read_pickle(handle)
        if isinstance(cached, kind):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass  # missing, unreadable or from other code
    return None


def write_cached(name: str, value: object, others: tuple[Path, ...] = ()) -> None:
    """Keep `value` as `name` for the next process (silently not, where the cache cannot be
    written); older versions of it are removed."""
    folder, name, target = _target(name, others)
    _store(folder, target, name, value)


def _store(folder: Path, target: Path, name: str, value: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        return  # a read-only home: compile in memory every time
    for old in folder.glob(f"{name}-*.pickle"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
