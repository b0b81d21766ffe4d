"""Where a timeline's recent period ends: on its newest entry not after the newest article.
Articles written for these tests, stored through the real pipeline, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.app import BotCore, open_core
from briefings.ingest import ArticleMeta
from briefings.queries.recent import recent_window
from briefings.queries.timeline import TimelineFilter
from briefings.service import ingest_text
from tests.conftest import make_settings

TALKS = """Talks in Geneva

Armenia and Azerbaijan held talks in Geneva on 3 March 2024, officials said.

A ceasefire was agreed on 1 March 2024 after days of clashes, the ministry said.

The two sides will hold a new round of talks on 5 June 2031, the mediators announced.
"""
HISTORY = """Thirty years on

The war of 1994 left deep scars in the region, historians said.
"""


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    opened = open_core(make_settings(database_url, tmp_path), seed=False)
    yield opened
    opened.close()


def store(core: BotCore, text: str, published: date) -> None:
    outcome = ingest_text(core.db, text, ArticleMeta(outlet="Reuters", published=published))
    assert outcome.stored, outcome.error


def dates(card_items: list[str | None]) -> list[str]:
    return [d or "" for d in card_items]


def test_a_forecast_does_not_move_the_recent_period_into_the_future(core: BotCore) -> None:
    store(core, TALKS, date(2024, 3, 4))
    with core.db.session() as session:
        window = recent_window(session, TimelineFilter(), 14)
    assert window is not None
    assert window.end == date(2024, 3, 3) and window.start == date(2024, 2, 19)
    card = core.ask("/timeline")
    shown = dates([item.date for item in card.sections[0].items])
    assert shown[0] == "2031-06-05", "announced for later: it leads the latest weeks"
    assert "2024-03-03" in shown and "2024-03-01" in shown
    latest = dates([item.date for item in core.ask("/brief").sections[0].items])
    assert "2031-06-05" not in latest and latest[0] == "2024-03-03"


def test_an_article_recalling_only_history_leaves_the_news_where_it_was(
    core: BotCore,
) -> None:
    store(core, TALKS, date(2024, 3, 4))
    store(core, HISTORY, date(2024, 6, 1))  # the newest article, about 1994
    card = core.ask("/timeline")
    assert card.lead is not None and "(19 Feb – 3 Mar 2024)" in card.lead
    assert card.lead.endswith("· 1 earlier.")
    background = core.ask("/timeline period:background")
    assert [item.date for item in background.sections[0].items] == ["1994"]


def test_a_story_inside_its_recent_period_has_no_background(core: BotCore) -> None:
    store(core, TALKS, date(2024, 3, 4))
    card = core.ask("/timeline")
    assert card.lead is not None and card.lead.endswith("nothing earlier.")
    assert card.links == []
    background = core.ask("/timeline period:background")
    assert background.kind == "answer" and background.sections == []
    assert background.lead is not None and background.lead.startswith("Nothing before 19 Feb")


def test_an_empty_corpus_answers_plainly(core: BotCore) -> None:
    for line in ("/timeline", "/timeline period:background", "/timeline period:all", "/brief"):
        card = core.ask(line)
        assert card.kind == "answer" and card.chart is None, line
    assert core.ask("/timeline").lead == "No dated events match."


def test_the_window_is_as_long_as_asked(core: BotCore) -> None:
    store(core, TALKS, date(2024, 3, 4))
    with core.db.session() as session:
        for days in (1, 7, 90):
            window = recent_window(session, TimelineFilter(), days)
            assert window is not None
            assert window.end - window.start == timedelta(days=days - 1)
