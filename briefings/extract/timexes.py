"""Every temporal expression of a text as TIMEX3 dictionaries (the `timexes` of
`briefbot extract --json`)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from briefings.extract.time import tag_sentences
from briefings.ingest.sentences import split_sentences

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def timexes_of_text(text: str, published: date | None) -> list[dict[str, Any]]:
    pieces: list[tuple[int, str]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        for start, end in split_sentences(paragraph.group()):
            pieces.append((paragraph.start() + start, paragraph.group()[start:end]))
    return [
        {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
        for t in tag_sentences(pieces, published)
    ]
