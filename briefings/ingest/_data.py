"""Loading the YAML rule files that ingest reads from `briefings/data/`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from briefings.compiled_cache import load_or_build


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse one data file once per process (and once for all processes, through the disk
    cache of `compiled_cache`); a malformed file is a packaging bug, not input."""
    return load_or_build(f"yaml-{name.removesuffix('.yaml')}", lambda: _parse(name), dict)


def _parse(name: str) -> dict[str, Any]:
    import yaml  # here: with the disk cache warm, no process parses YAML

    text = resources.files("briefings.data").joinpath(name).read_text("utf-8")
    # libyaml's parser where installed: the same mappings, several times faster to read
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    if not isinstance(data, dict):
        raise RuntimeError(f"briefings/data/{name} must hold a mapping at the top level")
    return data


def string_list(data: dict[str, Any], key: str) -> list[str]:
    """The list of strings under `key` (empty when absent); anything else is a packaging bug."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RuntimeError(f"data key {key!r} must be a list of strings")
    return list(value)
