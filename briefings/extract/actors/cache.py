"""Compile the registry once and keep it on disk, keyed by what it was compiled from.

The key is a hash of the data files, the reporting verbs and the source of the modules that
shape the compiled form, so an edited data file (or rule module) is never matched against a
stale compilation: the next load compiles afresh and replaces the old file. The cache lives in
`$BRIEFBOT_CACHE_DIR`, else `$XDG_CACHE_HOME/briefbot`, else `~/.cache/briefbot`; where it
cannot be written the registry is simply compiled in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from briefings.compiled_cache import read_pickle
from briefings.extract._lexicon import DATA_DIR
from briefings.extract.actors import compiled as compiled_module
from briefings.extract.actors.compiled import COMPILED_VERSION, Compiled

_SHAPING_MODULES = ("data.py", "compiled.py", "gazetteer.py", "phrases.py")
_PREFIX = "actors-"


def cache_dir() -> Path:
    configured = os.environ.get("BRIEFBOT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefbot"


def cache_key(paths: list[Path]) -> str:
    """Hash of everything the compiled registry is derived from."""
    digest = hashlib.sha256(f"v{COMPILED_VERSION}".encode())
    package = Path(compiled_module.__file__).parent
    sources = [
        *paths,
        DATA_DIR / "attribution.yaml",
        DATA_DIR / "outlets.yaml",
        DATA_DIR / "regions.yaml",
        *(package / m for m in _SHAPING_MODULES),
    ]
    for path in sources:
        digest.update(path.name.encode())
        with contextlib.suppress(FileNotFoundError):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _install_prefix() -> str:
    """`actors-<this installed copy>-`: two checkouts sharing a cache folder (a worktree
    beside the main one, two virtualenvs) each replace only their own older files instead
    of evicting each other's on every run."""
    package = str(Path(compiled_module.__file__).resolve().parent)
    return f"{_PREFIX}{hashlib.sha256(package.encode()).hexdigest()[:8]}-"


def cache_path(paths: list[Path]) -> Path:
    return cache_dir() / f"{_install_prefix()}{cache_key(paths)}.pickle"


def load_or_compile(paths: list[Path], build: Callable[[], Compiled]) -> Compiled:
    """The cached compilation of `paths`, else `build()` (then stored for the next process)."""
    target = cache_path(paths)
    try:
        with target.open("rb") as handle:
            cached = read_pickle(handle)
        if isinstance(cached, Compiled):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass  # missing, unreadable or from other code: compile afresh
    compiled = build()
    _store(target, compiled)
    return compiled


def _store(target: Path, compiled: Compiled) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".actors-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(compiled, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        return  # a read-only home: compile in memory every time
    legacy = [p for p in target.parent.glob(f"{_PREFIX}*.pickle") if len(p.stem) == 31]
    for old in [*target.parent.glob(f"{_install_prefix()}*.pickle"), *legacy]:
        if old != target:  # (legacy: "actors-<key>", before files were named per copy)
            with contextlib.suppress(OSError):
                old.unlink()
