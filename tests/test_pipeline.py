"""The whole extraction pipeline on short articles written for these tests."""

from __future__ import annotations

from datetime import date

from briefings.ingest import ArticleMeta
from briefings.models import Extraction
from briefings.service import extract_text

HARBOUR = """Port strike spreads to second city

By Tomas Lindqvist

Dock workers in Valparaiso walked out on Monday, and workers in San Antonio joined the
strike the following day, the union said.

Chile's Interior Ministry said on Wednesday that police had detained at least 45 protesters.

"We will not return until wages rise," union leader Marta Rojas said.

Riot police face protesters near the port gates on Tuesday. (Photo: Ana Vidal/Reuters)
"""


def run(text: str, **meta: object) -> Extraction:
    return extract_text(text, ArticleMeta(**meta))  # type: ignore[arg-type]


def test_every_citation_points_into_the_article_text() -> None:
    _check_citations(run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9)))


def test_headline_and_passage_citations_point_where_they_say() -> None:
    text = (
        "Flood toll rises to 112 as governor warns it will climb\n\n"
        "The toll from the floods rose to 112 on Sunday, officials said.\n\n"
        '"We were told to stay inside. If they had told us to leave, my mother would be '
        'alive," Mohammed Jaber, a shopkeeper, told reporters.\n'
    )
    extraction = run(text, outlet="Reuters", published=date(2024, 5, 9))
    assert any(f.citation.headline for f in extraction.figures)
    assert any(c.citation.sentence.count(".") > 1 for c in extraction.claims)
    _check_citations(extraction)


def _check_citations(extraction: Extraction) -> None:
    text = extraction.article.text
    citations = [
        *(e.citation for e in extraction.events),
        *(c.citation for c in extraction.claims),
        *(f.citation for f in extraction.figures),
    ]
    assert citations
    for citation in citations:
        if citation.headline:  # offsets into the headline, which the text does not hold
            title = extraction.article.title or ""
            assert citation.sentence == title
            assert 0 <= citation.start < citation.end <= len(title)
            continue
        sentence = extraction.article.sentences[citation.sentence_index]
        assert citation.sentence.startswith(sentence.text)  # a passage runs on
        end = sentence.start + len(citation.sentence)
        assert sentence.start <= citation.start < citation.end <= end
        assert text[citation.start : citation.end] in citation.sentence


def test_dates_resolve_against_publication_and_earlier_dates() -> None:
    extraction = run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9))  # a Thursday
    dated = {(e.date.edtf if e.date else None) for e in extraction.events}
    assert "2024-05-06" in dated  # Monday
    assert "2024-05-07" in dated  # the following day
    assert "2024-05-08" in dated  # Wednesday (the ministry's statement)


def test_captions_yield_events_marked_as_captions() -> None:
    extraction = run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9))
    captions = [e for e in extraction.events if e.caption]
    assert captions and all(e.citation.caption for e in captions)
    assert any(e.date and e.date.edtf == "2024-05-07" for e in captions)


def test_bylines_and_credits_are_never_actors() -> None:
    extraction = run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9))
    names = {a.name for a in extraction.actors}
    assert "Chile" in names
    assert not names & {"Tomas Lindqvist", "Ana Vidal", "Reuters"}


def test_figures_carry_who_gives_them() -> None:
    extraction = run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9))
    detained = [f for f in extraction.figures if f.value == 45]
    assert detained and detained[0].qualifier == "at least"
    assert detained[0].source == "Chile"


def test_without_a_date_relative_facts_are_kept_unresolved() -> None:
    extraction = run(HARBOUR.replace("By Tomas Lindqvist", ""), outlet="Reuters")
    assert extraction.article.published is None
    weekday_events = [e for e in extraction.events if e.date_text and "Monday" in e.date_text]
    assert weekday_events and all(e.unresolved and e.date is None for e in weekday_events)


def test_the_same_text_gives_the_same_facts() -> None:
    first = run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9))
    second = run(HARBOUR, outlet="Reuters", published=date(2024, 5, 9))
    assert first.model_dump() == second.model_dump()
