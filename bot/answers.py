"""Answers that depend on the code alone, kept between `briefbot ask` processes.

`/help` (and `/help COMMAND`) is worked out from the command registry: the same text until
the code changes, and the only thing it needs the whole registry, the database and SQLAlchemy
loaded for. `briefbot ask` prints such an answer from the cache folder (`compiled_cache`,
keyed by the code of `briefings/` and `bot/`) when an earlier run stored it, and otherwise
answers as usual and stores it. Error answers are never stored, and a stored answer is used
only with the database it was first given with (by a hash of its URL; an embedded database
must still exist): a configuration that cannot open its database is still refused, as it
always was, by its first `briefbot ask /help`.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from briefings.compiled_cache import read_cached, write_cached

STATIC_COMMANDS = frozenset({"help"})
_NAME = "answers"
_BOT = (Path(__file__).resolve().parent,)
_MOST = 256  # answers kept (each is a few kilobytes)
_PASSWORD = re.compile(r"(://[^/:@]*):[^/]*@")


def is_static(line: str) -> bool:
    """Whether `line` runs a command whose answer depends on the code alone."""
    words = line.split(maxsplit=1)
    return bool(words) and words[0].lstrip("/").lower() in STATIC_COMMANDS


def _key(database: str, line: str, form: str, quotes: bool) -> str:
    # a hash of the URL without its password: neither is kept in the cache
    place = hashlib.sha256(_PASSWORD.sub(r"\1@", database).encode()).hexdigest()[:16]
    return f"{place}\0{form}\0{int(quotes)}\0{line}"


def _embedded_file_gone(database: str) -> bool:
    if not database.startswith("sqlite:///"):
        return False
    path = database.removeprefix("sqlite:///").split("?", 1)[0]
    return bool(path) and path != ":memory:" and not os.path.exists(path)


def cached_answer(database: str, line: str, form: str, quotes: bool) -> str | None:
    if not is_static(line) or _embedded_file_gone(database):
        return None
    answers = read_cached(_NAME, dict, _BOT)
    found = answers.get(_key(database, line, form, quotes)) if answers else None
    return found if isinstance(found, str) else None


def remember_answer(database: str, line: str, form: str, quotes: bool, text: str) -> None:
    if not is_static(line):
        return
    answers = read_cached(_NAME, dict, _BOT) or {}
    if len(answers) >= _MOST:
        answers = {}
    answers[_key(database, line, form, quotes)] = text
    write_cached(_NAME, answers, _BOT)
