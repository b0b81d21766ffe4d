"""Offsets into the file as given: the cleaned article text mapped back to the document."""

from __future__ import annotations

from briefings.ingest import build_article
from briefings.ingest.alignment import Alignment

PAGE = (
    "Flood talks stall\r\n\r\n"
    "By Jane Doe\r\n"
    "Published On 2 Mar 2024\r\n\r\n"
    "Officials  met on **Monday** in the capital to discuss the flood defences that\r\n"
    "failed last winter, the ministry said in a statement released that evening.\r\n\r\n"
    "Photo: Ann Lee/AFP\r\n"
    "Rescuers search the river bank on Sunday\r\n"
)


def test_every_sentence_maps_to_its_place_in_the_file() -> None:
    article = build_article(PAGE)
    alignment = Alignment.build(article.text, PAGE)
    for sentence in article.sentences:
        span = alignment.span(sentence.start, sentence.end)
        assert span is not None
        assert PAGE[span[0] : span[1]].split() == sentence.text.replace("**", "").split() or (
            "**" in PAGE[span[0] : span[1]]
        )


def test_words_map_exactly_even_across_joined_lines_and_markdown() -> None:
    article = build_article(PAGE)
    alignment = Alignment.build(article.text, PAGE)
    at = article.text.index("Monday")
    span = alignment.span(at, at + len("Monday"))
    assert span is not None and PAGE[span[0] : span[1]] == "Monday"
    at = article.text.index("capital")
    span = alignment.span(at, at + len("capital"))
    assert span is not None and PAGE[span[0] : span[1]] == "capital"


def test_what_cleaning_set_aside_is_reported_uncovered() -> None:
    article = build_article(PAGE)
    alignment = Alignment.build(article.text, PAGE)
    aside = " ".join(PAGE[a:b] for a, b in alignment.uncovered(PAGE))
    assert "Published On 2 Mar 2024" in aside
    assert "Officials" not in aside
