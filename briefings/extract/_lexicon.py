"""Shared loading of the word lists in `briefings/data/` for the extractors.

The lists live in YAML so that a non-programmer can extend them; this module turns them into
compiled patterns once per process (with the helpers in `briefings.textpatterns`).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from briefings.compiled_cache import load_or_build

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML mapping; a file that is not a mapping is a data error. The files of
    `briefings/data/` are parsed once and then read from the disk cache (`compiled_cache`):
    building the objects costs more than reading the pickle."""
    if path.parent == DATA_DIR:
        return load_or_build(f"yaml-{path.stem}", lambda: _parse_yaml(path), dict)
    return _parse_yaml(path)


def _parse_yaml(path: Path) -> dict[str, Any]:
    # imported here: a process whose data files are all in the disk cache never parses YAML
    import yaml

    # libyaml's parser when PyYAML has it (several times faster), else the pure-Python one;
    # both are safe loaders and read these files identically
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping at the top level")
    return data


def str_list(data: dict[str, Any], key: str, where: str) -> list[str]:
    """`data[key]` as a list of strings (missing → empty)."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def fold(text: str) -> str:
    """Strip accents: "Erdoğan" → "Erdogan", "Türkiye" → "Turkiye"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
