"""The benchmark's corpus generator: deterministic per (seed, index), varied like a news
feed, and read by the real pipeline into facts of every kind (so `make bench` measures
answers over realistic rows, not empty cards)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import delete, select

from benchmarks import corpus
from benchmarks.latency import SCOPED
from benchmarks.stories import spread_stories, story_slug
from briefings.cards import CardKind
from briefings.service import extract_text
from briefings.store.story_schema import StoryArticleRow


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


def test_the_corpus_spreads_over_stories_and_every_scoped_variant_answers(
    tmp_path: Path,
) -> None:
    """`make bench`'s scoped variants: every article in exactly one of the ~20 stories (again
    after the corpus grew), and each scoped line answered for that story, not as an error."""
    from bot.app import open_core
    from tests.conftest import make_settings

    core = open_core(make_settings(f"sqlite:///{tmp_path / 'bench.sqlite3'}", tmp_path))
    try:
        with core.db.session() as session:
            seeded = set(session.scalars(select(StoryArticleRow.article_id)))
            session.execute(delete(StoryArticleRow))  # as a corpus built without stories
        slug = spread_stories(core.db, stories=3)
        assert spread_stories(core.db, stories=3) == slug == story_slug(1)
        with core.db.session() as session:
            rows = session.execute(select(StoryArticleRow.article_id, StoryArticleRow.story_id))
            filed = Counter(article for article, _ in rows)
        assert set(filed) == seeded and set(filed.values()) == {1}
        values = {"actor": "Armenia", "outlet": "CNN", "year": "2020", "story": story_slug(0)}
        for line in SCOPED:
            card = core.ask(line.format(**values), admin=True)
            assert card.kind != CardKind.ERROR, (line, card.lead)
            assert card.footer is not None and f"({story_slug(0)})" in card.footer
    finally:
        core.close()
