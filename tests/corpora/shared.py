"""Where the shared corpora and scorers are, and loading a scorer module by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared"
CORPORA = SHARED / "corpora"
TOOLS = SHARED / "tools"


def scorer(name: str) -> ModuleType:
    """The shared scorer `name` (score_timex, score_claims) as a module."""
    path = TOOLS / f"{name}.py"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def available() -> bool:
    return (TOOLS / "score_timex.py").exists() and CORPORA.is_dir()
