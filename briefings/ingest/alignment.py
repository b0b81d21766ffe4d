"""Where the cleaned article text sits in the document as given.

Ingest rewrites a page (furniture out, lines joined, Markdown stripped, spaces normalised), so
an offset into `Article.text` is not an offset into the file. `Alignment` walks both texts
once, in order, and maps every article character it can to the file's; what the file holds
and the article does not (headers, bylines, captions' credits) is reported as `uncovered`
stretches, so a time expression in a header can still be found and placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RESYNC_PROBE = 12  # characters of the article looked for in the file after a mismatch
_RESYNC_REACH = 20_000  # how far ahead in the file a lost position is looked for
_EQUIVALENT = str.maketrans({"\u00a0": " ", "\t": " ", "\n": " ", "\r": " "})


def _resync(derived: str, i: int, given: str, j: int) -> int:
    """Where the article's next few words reappear in the file (any white space between
    them), -1 when they do not within reach."""
    words = derived[i : i + _RESYNC_PROBE * 3].split()[:3]
    for count in (len(words), 1):  # then the next word alone: markup may follow it ("**")
        if not words or (count == 1 and len(words[0]) < 4):
            return -1
        probe = re.compile(r"\s+".join(re.escape(word) for word in words[:count]))
        found = probe.search(given, j, j + _RESYNC_REACH)
        if found:
            return found.start()
    return -1


@dataclass
class Alignment:
    """Article offsets → file offsets (-1 where a character has no counterpart)."""

    to_source: list[int]
    source_length: int

    @classmethod
    def build(cls, article_text: str, source: str) -> Alignment:
        derived = article_text.translate(_EQUIVALENT)
        given = source.translate(_EQUIVALENT)
        mapping = [-1] * len(derived)
        i = j = 0
        while i < len(derived) and j < len(given):
            a, b = derived[i], given[j]
            if a == b:
                mapping[i] = j
                i += 1
                j += 1
            elif b == " ":
                j += 1  # extra white space in the file
            elif a == " ":
                i += 1  # a space the cleaning put between joined lines
            else:
                found = _resync(derived, i, given, j)
                if found < 0:
                    i += 1  # a character the cleaning changed: no counterpart
                else:
                    j = max(found, j + 1)
        return cls(mapping, len(source))

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The file span of article characters `start`–`end`, None when its ends are lost."""
        if start >= end or end > len(self.to_source):
            return None
        first = self.to_source[start]
        last = self.to_source[end - 1]
        if first < 0 or last < first:
            return None
        return first, last + 1

    def uncovered(self, source: str) -> list[tuple[int, int]]:
        """Stretches of the file (with letters or digits) that no article character maps to."""
        covered = sorted(j for j in self.to_source if j >= 0)
        stretches: list[tuple[int, int]] = []
        position = 0
        for j in [*covered, len(source)]:
            if j > position and any(c.isalnum() for c in source[position:j]):
                stretches.append((position, j))
            position = max(position, j + 1)
        return stretches
