"""Ingest: article text (plain, Markdown or HTML) in; a clean, split, fingerprinted `Article` out.

Page furniture is removed by rules kept as data (`briefings/data/furniture.yaml`), outlets are
recognised from `briefings/data/outlets.yaml`, and sentence splitting uses the word lists in
`briefings/data/abbreviations.yaml`.
"""

from typing import TYPE_CHECKING

from briefings.lazy import lazy_exports

if TYPE_CHECKING:
    from briefings.ingest.article import ArticleMeta, build_article, fingerprint
    from briefings.ingest.metadata import known_outlets, lookup_outlet
    from briefings.ingest.reader import iter_article_files, read_text_file

# Loaded on first use (PEP 562): the reader (`briefings.ingest.reader`) is light, the cleaner
# and the sentence splitter behind `build_article` are not, and `briefbot ask` needs only the
# former. `from briefings.ingest import build_article` works as before.
_WHERE = {
    "ArticleMeta": "briefings.ingest.article",
    "build_article": "briefings.ingest.article",
    "fingerprint": "briefings.ingest.article",
    "known_outlets": "briefings.ingest.metadata",
    "lookup_outlet": "briefings.ingest.metadata",
    "iter_article_files": "briefings.ingest.reader",
    "read_text_file": "briefings.ingest.reader",
}

__all__ = [
    "ArticleMeta",
    "build_article",
    "fingerprint",
    "iter_article_files",
    "known_outlets",
    "lookup_outlet",
    "read_text_file",
]


__getattr__ = lazy_exports(__name__, _WHERE)
