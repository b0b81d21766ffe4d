"""Topic words: what a free-text topic or search is reduced to before it reaches SQL."""

from __future__ import annotations

import re

from briefings.errors import InputError
from briefings.matter import stopwords

MAX_TOPIC_WORDS = 8
TOKEN = re.compile(r"[\w’'-]+")


def topic_words(text: str) -> tuple[str, ...]:
    """Distinct words worth matching, in order (stopwords dropped unless nothing else is left)."""
    words = [w.strip("'’-") for w in TOKEN.findall(text)]
    words = [w for w in words if w]
    if len(words) > MAX_TOPIC_WORDS * 2:
        raise InputError(f"Please use at most {MAX_TOPIC_WORDS} words.")
    kept = [w for w in words if w.lower() not in stopwords()] or words
    return tuple(dict.fromkeys(kept))[:MAX_TOPIC_WORDS]
