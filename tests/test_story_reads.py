"""Reads scoped to a story that take a window of the story's newest articles (read off
`story_articles` (story, published, article)) instead of sorting all of its rows: whatever
the window, their answer is the one sorting every row of the story gives, on SQLite and
PostgreSQL. Texts written for these tests: two stories interleaved in time, some articles
undated, several with the same date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text

from bot.app import BotCore, open_core
from briefings.ingest.article import ArticleMeta
from briefings.queries import facts
from briefings.queries.facts import FigureView, figures, latest_claims
from briefings.service import ingest_text
from briefings.store.database import alembic_config
from briefings.store.story_schema import StoryArticleRow
from briefings.stories.scope import story_scope
from briefings.stories.store import StoryChange, create_story
from tests.conftest import BACKENDS, POSTGRES_URL, make_settings, reset_postgres

TOWNS = ("Aldmoor", "Brisk", "Corvale", "Dunmere", "Elsted", "Fenwick")


def _article(number: int, story: str) -> str:
    day = 1 + number % 27
    lines = [
        f"Officials in {TOWNS[(number + k) % len(TOWNS)]} said {10 + number + k} people were "
        f"killed on March {day}, 2021, in the {story} shelling."
        for k in range(1 + number % 3)
    ]
    if number % 4 == 0:
        lines.append(f"About {1000 + number} people were displaced by the {story} fighting.")
    if number % 5 == 0:
        lines.append(f"Nikol Pashinyan said {number} soldiers were wounded near {story}.")
    if number % 3 == 0:
        lines.append(f"Azerbaijan denied on March {day}, 2021, that it had shelled {story}.")
    if number % 6 == 1:
        lines.append(f"Russia warned that the {story} truce could collapse.")
    return f"{story.title()} report {number}\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module", params=BACKENDS)
def stories_core(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[BotCore, int]]:
    """80 articles, every other one in the story `north` (explicitly), every seventh
    undated, dates shared by pairs; returns the core and north's id."""
    tmp: Path = tmp_path_factory.mktemp("story-reads")
    url = f"sqlite:///{tmp / 'reads.sqlite3'}"
    if request.param == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    core = open_core(make_settings(url, tmp), seed=False)
    north, _ = create_story(core.db, "north", StoryChange())
    south, _ = create_story(core.db, "south", StoryChange())
    for number in range(80):
        story = north if number % 2 == 0 else south
        published = None if number % 7 == 3 else date(2021, 1, 1) + timedelta(days=number // 4)
        meta = ArticleMeta(outlet=("Reuters", "BBC News")[number % 2], published=published)
        outcome = ingest_text(core.db, _article(number, story.slug), meta, stories=(story.id,))
        assert outcome.stored
    yield core, north.id
    core.close()


def _sorted(found: list[FigureView]) -> list[FigureView]:
    """Newest article first (undated last), then by figure id: the order asked for."""
    return sorted(
        found,
        key=lambda f: (f.published is None, -(f.published or date.min).toordinal(), f.id),
    )


@pytest.mark.parametrize("window", [1, 2, 16])
@pytest.mark.parametrize("limit", [1, 7, 30, 500])
def test_a_storys_newest_figures_are_those_of_sorting_all_of_them(
    stories_core: tuple[BotCore, int], monkeypatch: pytest.MonkeyPatch, window: int, limit: int
) -> None:
    core, north = stories_core
    monkeypatch.setattr(facts, "STORY_WINDOW", window)
    monkeypatch.setattr(facts, "WINDOW_FROM", 1)  # every word is common: walked by date
    walks = []
    walk = facts._story_figures_newest

    def counted(*args: object, **kwargs: object) -> list[FigureView]:
        walks.append(1)
        return walk(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facts, "_story_figures_newest", counted)
    with core.db.session() as session, story_scope(north):
        every = figures(session, limit=10_000)
        assert every and all("north" in f.citation.sentence for f in every)
        for unit in (None, "killed", "displaced"):
            expected = _sorted([f for f in every if unit is None or f.unit == unit])[:limit]
            found = figures(session, unit, limit, newest_first=True)
            assert [f.id for f in found] == [f.id for f in expected], (unit, limit)
        expected = _sorted([f for f in every if "Pashinyan" in f.citation.sentence])[:limit]
        found = figures(session, limit=limit, words=("Pashinyan",), newest_first=True)
        assert [f.id for f in found] == [f.id for f in expected]
    # each read above took the story's windows (of a word too on SQLite; PostgreSQL calls a
    # word common by its statistics, which a database this young has none of)
    assert len(walks) >= 3


@pytest.mark.parametrize("bound", ["as counted", "none", "one row", "every row"])
@pytest.mark.parametrize("limit", [1, 7, 30, 500])
def test_a_storys_latest_claims_are_those_of_every_claim_kept_to_the_story(
    stories_core: tuple[BotCore, int], monkeypatch: pytest.MonkeyPatch, bound: str, limit: int
) -> None:
    """Walked by date and kept to the story (up to a bound, past which the story's own
    claims are sorted), read from the story's claims, or cut short: the same claims."""
    core, north = stories_core
    forced = {"none": None, "one row": 1, "every row": 10_000}
    if bound in forced:
        monkeypatch.setattr(facts, "walk_bound", lambda *_: forced[bound])
    with core.db.session() as session:
        members = set(
            session.scalars(
                select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == north)
            )
        )
        every = [c for c in latest_claims(session, 10_000) if c.citation.article_id in members]
        assert any(c.date is None for c in every) and any(c.date for c in every)
        with story_scope(north):
            found = latest_claims(session, limit)
    assert found == every[:limit]


def test_every_sentence_is_found_in_its_run(
    stories_core: tuple[BotCore, int], tmp_path: Path
) -> None:
    """SQLite: a sentence's rowid, looked up in `sentences_fts_runs`, gives its article and
    index (what a story's search reads instead of the sentence), as kept by the trigger and
    as the migration fills it from stored sentences."""
    core, _ = stories_core
    if core.db.engine.dialect.name != "sqlite":
        pytest.skip("the runs are SQLite's")
    lookup = text(
        "SELECT s.article_id, s.idx, r.article_id, r.first_idx + s.rowid - r.first "
        "FROM sentences s JOIN sentences_fts_runs r ON r.first = "
        "(SELECT MAX(first) FROM sentences_fts_runs WHERE first <= s.rowid)"
    )

    def mismatches() -> list[Any]:
        with core.db.engine.connect() as connection:
            rows = connection.execute(lookup).all()
            assert len(rows) == connection.execute(text("SELECT COUNT(*) FROM sentences")).scalar()
        return [row for row in rows if (row[0], row[1]) != (row[2], row[3])]

    assert mismatches() == []
    config = alembic_config(core.db.engine)
    command.downgrade(config, "0014")
    command.upgrade(config, "head")
    assert mismatches() == []
