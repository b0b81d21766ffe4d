"""Every temporal expression of a document, placed in the document as given (the `timexes`
of `briefbot extract --json`).

The article's own sentences were tagged by the pipeline; their offsets are moved from the
cleaned article text to the file. What cleaning set aside — headers, date lines, bylines —
is tagged here too, so a date in "Issued on: 03/11/2022 - 08:15" is an expression of the
document even though it is not a sentence of the story.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from briefings.extract.analyse import analyse
from briefings.extract.time import TimeTagger
from briefings.ingest.alignment import Alignment
from briefings.ingest.sentences import split_sentences
from briefings.models import Extraction

_LINE = re.compile(r"[^\n]+")


def _entry(text: str, start: int | None, end: int | None, kind: str, value: str) -> dict[str, Any]:
    return {"text": text, "start": start, "end": end, "type": kind, "value": value}


def _set_aside(source: str, alignment: Alignment, published: date | None) -> list[dict[str, Any]]:
    """Timexes in the stretches of the file that are not in the article."""
    tagger = TimeTagger(published)
    found: list[dict[str, Any]] = []
    for stretch_start, stretch_end in alignment.uncovered(source):
        for line in _LINE.finditer(source, stretch_start, stretch_end):
            for start, end in split_sentences(line.group()):
                offset = line.start() + start
                for timex in tagger(analyse(line.group()[start:end])):
                    found.append(
                        _entry(
                            timex.text,
                            offset + timex.start,
                            offset + timex.end,
                            timex.type,
                            timex.value,
                        )
                    )
    return found


def document_timexes(
    extraction: Extraction, source: str, alignment: Alignment | None = None
) -> list[dict[str, Any]]:
    """TIMEX3 dictionaries (text, start, end, type, value) with offsets into `source`, in
    document order; `start`/`end` are None for an expression the file does not hold as is."""
    alignment = alignment or Alignment.build(extraction.article.text, source)
    found: list[dict[str, Any]] = []
    for timex in extraction.timexes:
        span = alignment.span(timex.start, timex.end)
        if span is not None and source[span[0] : span[1]].split() == timex.text.split():
            found.append(_entry(source[span[0] : span[1]], *span, timex.type, timex.value))
        else:
            found.append(_entry(timex.text, None, None, timex.type, timex.value))
    found += _set_aside(source, alignment, extraction.article.published)
    return sorted(found, key=lambda item: (item["start"] is None, item["start"] or 0))


def timexes_of_text(text: str, published: date | None) -> list[dict[str, Any]]:
    """The timexes `briefbot extract FILE --published D --json` prints for a file's text."""
    from briefings.ingest import ArticleMeta
    from briefings.service import extract_text

    extraction = extract_text(text, ArticleMeta(published=published))
    return document_timexes(extraction, text)
