"""Discord options → the command line the core reads.

A slash command arrives as typed options; the core answers command lines. Turning options back
into a line (`/timeline actor:"Nagorno Karabakh" from:2023`) keeps one code path for every
surface, and the line is what paging buttons store and re-run, so it must read back exactly:
`briefings.commands.parsing.parse_line` (shlex, `key:value`) is the reader it is written for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from briefings.commands.registry import Command

_BARE = re.compile(r"^[^\s\"'\\]+$")
_OPTION_LIKE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,30}[:=]")


def quote_value(value: str) -> str:
    """A value as one shlex token: bare when safe, else double-quoted with `\\` and `"` escaped."""
    if _BARE.match(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_words(value: str) -> list[str] | None:
    """The words of free text when each reads back as a plain word (not an option, no quotes)."""
    words = value.split()
    if not words:
        return None
    for word in words:
        if not _BARE.match(word) or _OPTION_LIKE.match(word) or word.startswith("--"):
            return None
    return words


def command_line(command: Command, values: Mapping[str, object]) -> str:
    """The line for `command` with the given option values (keyed by the registry's option
    names; None means not given). The positional parameter goes in as free text when it reads
    back unchanged, otherwise as a quoted `name:"…"` option."""
    parts = [f"/{command.name}"]
    options: list[str] = []
    for info in command.param_info():
        value = values.get(info.name)
        if value is None:
            continue
        text = str(value)
        if info.name == command.positional:
            words = _plain_words(text)
            if words is not None:
                parts.extend(words)
                continue
        options.append(f"{info.name}:{quote_value(text)}")
    return " ".join(parts + options)
