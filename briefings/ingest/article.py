"""The ingest pipeline for one document: raw text or HTML plus what the caller knows → `Article`."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date

from briefings.collector import collector_paused
from briefings.errors import InputError
from briefings.ingest.cleaner import Paragraph, clean_document
from briefings.ingest.htmltext import html_to_text, looks_like_html
from briefings.ingest.metadata import lookup_outlet, outlet_from_url
from briefings.ingest.published import publication_date
from briefings.ingest.reader import normalise_text
from briefings.ingest.sentences import split_sentences
from briefings.models import Article, Sentence

MAX_ARTICLE_CHARS = 1_000_000
# The articles table's column sizes (briefings/store/schema.py): PostgreSQL refuses longer
# values (SQLite keeps them), so metadata from a page, a feed or a user is fitted here.
MAX_OUTLET = 200
MAX_TITLE = 500
MAX_AUTHOR = 300
MAX_URL = 2000
MAX_SOURCE = 2000
PARAGRAPH_BREAK = "\n\n"

_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
    }
)


@dataclass(frozen=True)
class ArticleMeta:
    """What the caller knows about a document; every field is optional."""

    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None  # path or URL


def fingerprint(text: str) -> str:
    """A 16-hex-digit content id that ignores case, spacing, quote and dash styles."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE).casefold()
    folded = " ".join(folded.split())  # whitespace runs as one space, ends trimmed
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def _clean_field(value: str | None) -> str | None:
    """One line of metadata without control characters (PostgreSQL refuses a NUL in text)."""
    if value is None:
        return None
    value = " ".join(normalise_text(value).split())
    return value or None


def _fit(value: str | None, limit: int, *, keep_end: bool = False) -> str | None:
    """`value` within `limit` characters, visibly shortened ("…") when it is longer; a path
    keeps its end (the file name), anything else its start."""
    if value is None or len(value) <= limit:
        return value
    if keep_end:
        return "…" + value[len(value) - limit + 1 :].lstrip()
    return value[: limit - 1].rstrip() + "…"


def _assemble(paragraphs: list[Paragraph]) -> tuple[str, list[Sentence]]:
    """The article text (paragraphs joined by blank lines) and its sentences with offsets."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph in paragraphs:
        for start, end in split_sentences(paragraph.text):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=paragraph.text[start:end],
                    start=offset + start,
                    end=offset + end,
                    caption=paragraph.caption,
                )
            )
        offset += len(paragraph.text) + len(PARAGRAPH_BREAK)
    return PARAGRAPH_BREAK.join(p.text for p in paragraphs), sentences


@collector_paused()
def build_article(raw_text: str, meta: ArticleMeta | None = None) -> Article:
    """Clean one document, split it into sentences, fingerprint it and fill in its metadata.

    Raises `InputError` for text over 1,000,000 characters and for a document with no
    usable body text once page furniture, headings and captions are set aside.
    """
    meta = meta or ArticleMeta()
    if len(raw_text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"article is too long ({len(raw_text):,} characters; the limit is 1,000,000)"
        )
    text = normalise_text(raw_text)
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise InputError("the article is empty")
    cleaned = clean_document(text)

    article_text, sentences = _assemble(cleaned.paragraphs)
    if not any(not sentence.caption for sentence in sentences):
        raise InputError(
            "no article text found: only headings, captions or page furniture"
            if cleaned.paragraphs or cleaned.title
            else "no article text found in the input"
        )

    if meta.outlet and meta.outlet.strip():
        outlet: str | None = lookup_outlet(meta.outlet) or _clean_field(meta.outlet)
        outlet_inferred = False
    else:
        outlet = (outlet_from_url(meta.url) if meta.url else None) or cleaned.outlet.best()
        outlet_inferred = outlet is not None
    published_note: str | None = None
    if meta.published is not None:
        published: date | None = meta.published
        published_inferred = False
    else:
        found = publication_date(cleaned, outlet, meta.url)
        published, published_note = found.value, found.note
        published_inferred = published is not None

    url = _clean_field(meta.url)
    if url is not None and len(url) > MAX_URL:
        raise InputError(f"the article URL is too long (over {MAX_URL:,} characters)")
    return Article(
        id=fingerprint(PARAGRAPH_BREAK.join(p.text for p in cleaned.paragraphs if not p.caption)),
        outlet=_fit(outlet, MAX_OUTLET),
        outlet_inferred=outlet_inferred,
        agency=_fit(cleaned.outlet.agency(), MAX_OUTLET),
        title=_fit(_clean_field(meta.title) or cleaned.title, MAX_TITLE),
        author=_fit(_clean_field(meta.author) or cleaned.author or cleaned.bio_author, MAX_AUTHOR),
        published=published,
        published_inferred=published_inferred,
        published_note=published_note,
        url=url,
        source=_fit(_clean_field(meta.source), MAX_SOURCE, keep_end=True),
        text=article_text,
        sentences=sentences,
    )
