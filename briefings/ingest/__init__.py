"""Ingest: article text (plain, Markdown or HTML) in; a clean, split, fingerprinted `Article` out.

Page furniture is removed by rules kept as data (`briefings/data/furniture.yaml`), outlets are
recognised from `briefings/data/outlets.yaml`, and sentence splitting uses the word lists in
`briefings/data/abbreviations.yaml`.
"""

from briefings.ingest.article import ArticleMeta, build_article, fingerprint
from briefings.ingest.metadata import known_outlets, lookup_outlet
from briefings.ingest.reader import iter_article_files, read_text_file

__all__ = [
    "ArticleMeta",
    "build_article",
    "fingerprint",
    "iter_article_files",
    "known_outlets",
    "lookup_outlet",
    "read_text_file",
]
