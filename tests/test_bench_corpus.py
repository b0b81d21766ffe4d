"""The benchmark's corpus generator: deterministic per (seed, index), varied like a news
feed, and read by the real pipeline into facts of every kind (so `make bench` measures
answers over realistic rows, not empty cards)."""

from __future__ import annotations

from collections import Counter

from benchmarks import corpus
from briefings.service import extract_text


def test_an_article_depends_only_on_seed_and_index() -> None:
    assert corpus.article(41) == corpus.article(41)
    assert list(corpus.articles(3, start=40)) == [corpus.article(i) for i in (40, 41, 42)]
    assert corpus.article(41) != corpus.article(42)
    assert corpus.article(41, seed=1) != corpus.article(41)


def test_articles_vary_in_outlet_date_and_length() -> None:
    sample = list(corpus.articles(200))
    outlets = Counter(meta.outlet for _, meta in sample)
    years = {meta.published.year for _, meta in sample if meta.published}
    lengths = sorted(len(text.split()) for text, _ in sample)
    assert len(outlets) >= 10 and outlets.most_common(1)[0][1] > 200 / len(outlets)  # skewed
    assert len(years) >= 5
    assert lengths[0] < lengths[-1] / 2
    assert len({meta.url for _, meta in sample}) == 200


def test_the_pipeline_finds_every_kind_of_fact_in_generated_articles() -> None:
    found = Counter[str]()
    for text, meta in corpus.articles(40, start=500):
        extraction = extract_text(text, meta)
        found["events"] += len(extraction.events)
        found["claims"] += len(extraction.claims)
        found["figures"] += len(extraction.figures)
        found["actors"] += len(extraction.actors)
        found["captions"] += sum(1 for s in extraction.article.sentences if s.caption)
    assert all(found[kind] >= 10 for kind in ("events", "claims", "figures", "actors")), found
    assert found["captions"] >= 1, found
