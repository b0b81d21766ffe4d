"""A downloaded article page to its main text (trafilatura), refusing what is not a page.

trafilatura finds the article body in a real-world page far better than a tag walk can;
what it returns then goes through the same ingest pipeline as a file (furniture rules,
sentences, fingerprint), so a page and a saved copy of it are the same article. Binary, empty
and non-text responses are refused with the ingest layer's own checks and wording.
"""

from __future__ import annotations

import codecs
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from briefings.errors import InputError
from briefings.feeds.fetch import Fetched
from briefings.ingest.htmltext import looks_like_html
from briefings.ingest.reader import decode_bytes, normalise_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})


@dataclass(frozen=True)
class PageText:
    """The article text of a page and the metadata the page itself declares."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None


def _decode(fetched: Fetched) -> str:
    if not fetched.body.strip():
        raise InputError("the page is empty")
    text = decode_bytes(fetched.body, "the page")  # refuses binary, whatever the charset says
    charset = fetched.charset
    if charset and charset.replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii"):
        with suppress(LookupError, UnicodeDecodeError):  # else keep the detected decoding
            text = fetched.body.decode(codecs.lookup(charset).name)
    text = normalise_text(text)
    if not text.strip():
        raise InputError("the page is empty")
    return text


def _kind(fetched: Fetched, text: str) -> str:
    media = fetched.content_type
    if media in _HTML_TYPES:
        return "html"
    if media in _TEXT_TYPES:
        return "text"
    if not media:
        return "html" if looks_like_html(text) else "text"
    raise InputError(f"not a web page ({media[:60]})")


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clip(value: object, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:limit] or None


def page_text(fetched: Fetched) -> PageText:
    """The main text of a fetched page (paragraphs separated by blank lines) and its metadata.

    Raises `InputError` for an empty or binary body, a non-text media type (PDF, image …)
    and a page in which no article text is found.
    """
    if fetched.content_type.startswith(("image/", "audio/", "video/")) or fetched.content_type in (
        "application/pdf",
        "application/octet-stream",
        "application/zip",
    ):
        raise InputError(f"not a web page ({fetched.content_type})")
    text = _decode(fetched)
    if _kind(fetched, text) == "text":
        return PageText(text=text)
    import trafilatura  # here: a third of a second to import, needed only for fetched pages

    document = trafilatura.bare_extraction(
        text,
        url=fetched.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not isinstance(body, str) or not body.strip():
        raise InputError("no article text found on the page")
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    return PageText(
        text="\n\n".join(paragraphs),
        title=_clip(getattr(document, "title", None), 300),
        author=_clip(getattr(document, "author", None), 300),
        published=_parse_date(getattr(document, "date", None)),
        site=_clip(getattr(document, "sitename", None), 200),
    )
