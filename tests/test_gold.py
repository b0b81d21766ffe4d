"""Extraction quality against the gold files (tests/gold): the dev articles held to floors.

The floors sit a little under what the dev articles reach today, so that a change that
loses ground fails here; `python -m tests.gold.report dev -v` shows every miss. Held-out
articles were written and annotated apart from the tuning work: this test only checks that
they exist and can be scored, and prints nothing of them. Their figures are reported apart,
once, with `python -m tests.gold.report heldout`, never averaged with the dev ones.
"""

from __future__ import annotations

import pytest

from tests.gold.scoring import Report, evaluate, load_gold

# 96 dev articles since the `fresh11_*` to `fresh13_*` ones (eighteen new stories, each batch
# measured before any tuning on it). Floors sit a little under the figures of the third
# session of 2026-12-06 (events 0.952, alignment 0.986, inferred 0.936, actors 0.980, claims
# 0.913, figures 0.956), so that a change that costs recall on stories already learnt fails.
FLOORS = {
    "event_dates_f1": 0.94,
    "alignment": 0.97,
    "inferred_dates_f1": 0.92,
    "actor_recall": 0.97,
    "claim_recall": 0.90,
    "figure_recall": 0.95,
}


@pytest.fixture(scope="module")
def report() -> Report:
    articles = load_gold("dev")
    assert len(articles) >= 96, "the four seeds and our own dev articles"
    total, _ = evaluate(articles)
    print("\n" + total.table())
    return total


def test_event_dates(report: Report) -> None:
    assert report.event_dates.f1 >= FLOORS["event_dates_f1"], report.event_dates.misses
    assert report.alignment.recall >= FLOORS["alignment"], report.alignment.misses


def test_dates_without_a_publication_date(report: Report) -> None:
    assert report.inferred_dates.f1 >= FLOORS["inferred_dates_f1"], report.inferred_dates.misses


def test_actors_found_and_no_bylines_or_credits(report: Report) -> None:
    assert report.actors.recall >= FLOORS["actor_recall"], report.actors.misses
    assert report.leaked == []


def test_claims(report: Report) -> None:
    assert report.claims.recall >= FLOORS["claim_recall"], report.claims.misses


def test_figures(report: Report) -> None:
    assert report.figures.recall >= FLOORS["figure_recall"], report.figures.misses


def test_article_metadata(report: Report) -> None:
    assert report.metadata_errors == []


def test_heldout_articles_exist_and_can_be_scored() -> None:
    heldout = load_gold("heldout")
    assert len(heldout) >= 8
    assert len({article.story for article in heldout}) >= 4
    for article in heldout:  # runs without error; nothing is printed or compared here
        assert article.run().article.sentences
