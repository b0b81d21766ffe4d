"""Reading a command line: `/timeline actor:Russia from:2023-09 page:2`, `/actor Nikol Pashinyan`.

Options are `key:value`, `key=value` or `--key value`; everything else is free text for the
command's positional parameter. Quotes group words (`source:"NBC News"`); an unbalanced quote
is read literally rather than rejected, because chat users type them by accident.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from briefings.errors import InputError

MAX_LINE = 2000
MAX_OPTIONS = 20
_OPTION = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]{0,30})[:=](.*)$", re.DOTALL)
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Invisible format characters a user cannot see they typed (pasted zero-width spaces, byte-order
# marks, direction marks) and bidirectional overrides that make an echoed name read backwards:
# removed, not turned into spaces, so "Rus<ZWSP>sia" is still one word. Zero-width (non-)joiners
# stay: emoji and some scripts need them.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass
class ParsedLine:
    name: str
    options: dict[str, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    raw_options: dict[str, str] = field(default_factory=dict)  # key -> the token as typed


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def parse_line(line: str) -> ParsedLine:
    """Split a command line into its name, options and free words."""
    line = _INVISIBLE.sub("", _CONTROL.sub(" ", line)).strip()
    if not line:
        raise InputError("Type a command, for example /timeline or /help.")
    if len(line) > MAX_LINE:
        raise InputError(f"That command is too long (over {MAX_LINE} characters).")
    head, _, rest = line.partition(" ")
    name = head.lstrip("/").lower()
    if not _NAME.match(name):
        raise InputError("Commands start with a name such as /timeline; try /help.")
    parsed = ParsedLine(name=name)
    tokens = _split(rest)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.startswith("--") and len(token) > 2:
            key, sep, value = token[2:].partition("=")
            if not sep:
                if index >= len(tokens):
                    raise InputError(f"--{key[:30]} needs a value.")
                value = tokens[index]
                index += 1
            _add_option(parsed, key, value, f"--{key} {value}")
            continue
        match = _OPTION.match(token)
        if match and not token.startswith("http"):
            _add_option(parsed, match.group(1), match.group(2), token)
            continue
        parsed.words.append(token)
    return parsed


def _add_option(parsed: ParsedLine, key: str, value: str, raw: str) -> None:
    key = key.lower().replace("-", "_")
    if key in parsed.options:
        raise InputError(f"The option {key[:30]} is given twice.")
    if len(parsed.options) >= MAX_OPTIONS:
        raise InputError(f"Too many options (at most {MAX_OPTIONS}).")
    parsed.options[key] = value.strip()
    parsed.raw_options[key] = raw
