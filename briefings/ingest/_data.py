"""Loading the YAML rule files that ingest reads from `briefings/data/`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse one data file once per process; a malformed file is a packaging bug, not input."""
    text = resources.files("briefings.data").joinpath(name).read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise RuntimeError(f"briefings/data/{name} must hold a mapping at the top level")
    return data


def string_list(data: dict[str, Any], key: str) -> list[str]:
    """The list of strings under `key` (empty when absent); anything else is a packaging bug."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RuntimeError(f"data key {key!r} must be a list of strings")
    return list(value)
