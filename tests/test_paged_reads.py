"""Cards that read a page's worth, not the corpus: /figures reads growing windows of figures,
/actor shows five claims per list with counts taken in SQL. Texts written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.app import BotCore, open_core
from briefings.figure_groups import group_figures
from briefings.ingest.article import ArticleMeta
from briefings.queries.facts import FigureView, count_claims_about, count_claims_by, figures
from briefings.queries.names import resolve_actor
from briefings.service import ingest_text
from tests.conftest import BACKENDS, POSTGRES_URL, make_settings, reset_postgres

TOWNS = ("Aldmoor", "Brisk", "Corvale", "Dunmere", "Elsted", "Fenwick", "Galloway", "Harrow")
OUTLETS = ("Reuters", "Associated Press", "BBC News")


def _article(number: int, outlet: str) -> str:
    """Three tolls in three places per article; each place and week is its own matter."""
    day = 1 + number % 27
    lines = [
        f"Officials in {TOWNS[(number + k) % len(TOWNS)]}{number} said {10 + number + k} "
        f"people were killed on March {day}, 2021, in shelling of the town."
        for k in range(3)
    ]
    lines.append(
        f"Armenian Prime Minister Nikol Pashinyan said on March {day}, 2021, that Azerbaijan "
        f"had violated the truce near {TOWNS[number % len(TOWNS)]}{number}."
    )
    return f"Shelling report {number}\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module", params=BACKENDS)
def paged_core(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotCore]:
    tmp: Path = tmp_path_factory.mktemp("paged")
    url = f"sqlite:///{tmp / 'paged.sqlite3'}"
    if request.param == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    core = open_core(make_settings(url, tmp, BRIEFBOT_PAGE_SIZE=2), seed=False)
    for number in range(24):
        meta = ArticleMeta(outlet=OUTLETS[number % 3], published=date(2021, 3, 28))
        ingest_text(core.db, _article(number, OUTLETS[number % 3]), meta)
    yield core
    core.close()


def test_figures_pages_walk_every_matter_once_and_say_when_more_exist(paged_core: BotCore) -> None:
    with paged_core.db.session() as session:
        everything = figures(session, limit=10_000)
    assert len(everything) >= 60  # more than the first window (25 figures per page × 2)
    expected = {
        tuple(sorted(f.citation.sentence for f in g.figures)) for g in group_figures(everything)
    }
    seen: list[tuple[str, ...]] = []
    first = paged_core.ask("/figures")
    assert first.footer is not None and "+" in first.footer  # not every figure was read
    page = 1
    while True:
        card = paged_core.ask(f"/figures page:{page}")
        seen += [
            tuple(sorted(c.sentence for c in item.citations))
            for s in card.sections
            for item in s.items
        ]
        if page >= card.pages:
            break
        page += 1
    assert card.footer is not None and "+" not in card.footer  # the last page read everything
    assert len(seen) == len(set(seen)) and set(seen) == expected


def test_figure_walk_resumed_window_by_window_reads_as_one_walk(paged_core: BotCore) -> None:
    with paged_core.db.session() as session:
        everything = figures(session, limit=10_000)
        walked: list[FigureView] = []
        while True:
            more = figures(session, limit=7, after=walked[-1] if walked else None)
            walked += more
            if len(more) < 7:
                break
        killed = figures(session, "killed", limit=10_000)
        resumed = figures(session, "killed", limit=5) + figures(
            session, "killed", limit=10_000, after=killed[4]
        )
    assert [f.id for f in walked] == [f.id for f in everything]
    assert [f.id for f in resumed] == [f.id for f in killed]


def test_actor_card_counts_its_claims_and_shows_five(paged_core: BotCore) -> None:
    card = paged_core.ask("/actor Pashinyan")
    said = next(s for s in card.sections if s.title == "What it said")
    assert len(said.items) == 5
    assert card.lead is not None and "24 statement(s)" in card.lead
    assert card.footer is not None and "19 more statements" in card.footer
    with paged_core.db.session() as session:
        resolved = resolve_actor(session, paged_core.context().actors, "Pashinyan")
        assert resolved.actor_id is not None
        assert count_claims_by(session, resolved.actor_id, most=10) == 11  # "more than 10"
        assert count_claims_about(session, resolved.actor_id, most=10) == 0
