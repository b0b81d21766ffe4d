"""Whether two facts concern the same matter: shared distinctive words.

Words are stemmed crudely by prefix, so "troops"/"troop" and "deployed"/"deployment" meet;
stopwords (a data file) never count. Used to group contradictions and differing figures.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "stopwords.yaml"
STEM = 5
MIN_SHARED = 2
MIN_OVERLAP = 0.34
WORD = re.compile(r"[^\W\d_]{3,}")


@cache
def stopwords() -> frozenset[str]:
    import yaml  # here: only the verbs that compare matters read this file

    loaded = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return frozenset(str(word).lower() for word in loaded["stopwords"])


def matter(text: str) -> frozenset[str]:
    """The distinctive word stems of a text."""
    stop = stopwords()
    return frozenset(
        word[:STEM] for word in (w.lower() for w in WORD.findall(text)) if word not in stop
    )


def same_matter(first: frozenset[str], second: frozenset[str]) -> bool:
    shared = len(first & second)
    smaller = min(len(first), len(second)) or 1
    return shared >= MIN_SHARED and shared / smaller >= MIN_OVERLAP
