"""Rival counts of one matter side by side, through the real store (SQLite and PostgreSQL).

Two outlets report one landslide: three authorities give four tolls, one of them revised
later; a flood in another town the same week, the same province's toll a year before and the
bodies recovered so far are other matters. Texts written for these tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.app import BotCore, open_core
from briefings.figure_groups import FigureGroup, group_figures
from briefings.ingest.article import ArticleMeta
from briefings.queries.facts import figures
from briefings.service import ingest_text
from tests.conftest import BACKENDS, POSTGRES_URL, make_settings, reset_postgres

FIRST_REPORT = """Landslide buries villages in Tarvo province

A landslide buried several villages in Tarvo province early on Friday, officials said.

The Tarvo Disaster Centre said on Saturday that more than 300 people were feared dead in Tarvo province.

The International Organization for Migration estimated that 670 people had been killed.

In a separate disaster, floods in the town of Belmora killed 12 people last week.
"""

SECOND_REPORT = """Tarvo landslide toll rises

The government of Tarvo said more than 2,000 people were buried alive in Tarvo province.

The UN migration agency put the toll at 670 on Monday.

Rescuers have recovered only six bodies so far, local officials said.

The toll later rose to 2,100.
"""

LAST_YEAR = """Floods in Tarvo

Floods in Tarvo province killed 400 people on Tuesday, the government said.
"""


@pytest.fixture(scope="module", params=BACKENDS)
def core(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp: Path = tmp_path_factory.mktemp("matters")
    url = f"sqlite:///{tmp / 'matters.sqlite3'}"
    if request.param == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    core = open_core(make_settings(url, tmp), seed=False)
    ingest_text(core.db, FIRST_REPORT, ArticleMeta(outlet="Reuters", published=date(2024, 5, 26)))
    ingest_text(core.db, SECOND_REPORT, ArticleMeta(outlet="BBC News", published=date(2024, 5, 28)))
    ingest_text(core.db, LAST_YEAR, ArticleMeta(outlet="Reuters", published=date(2023, 1, 12)))
    yield core
    core.close()


def _matters(core: BotCore) -> list[FigureGroup]:
    with core.db.session() as session:
        return group_figures(figures(session, "killed"))


def _landslide(groups: list[FigureGroup]) -> FigureGroup:
    return max(groups, key=lambda group: len(group.figures))


def test_the_tolls_of_one_landslide_are_one_matter_latest_first(core: BotCore) -> None:
    landslide = _landslide(_matters(core))
    assert [f.value for f in landslide.figures] == [2100, 2000, 670, 670, 300]
    outlets = {f.citation.outlet for f in landslide.figures}
    assert outlets == {"Reuters", "BBC News"}
    given_by = {f.source for f in landslide.figures if f.source}
    assert {"Tarvo Disaster Centre", "International Organization for Migration"} <= given_by
    assert landslide.differs


def test_other_happenings_stay_apart(core: BotCore) -> None:
    groups = _matters(core)
    assert len(groups) == 4
    apart = [sorted(f.value for f in g.figures) for g in groups if len(g.figures) == 1]
    assert sorted(apart) == [[6], [12], [400]]  # bodies so far, another town, a year before


def test_a_revision_is_linked_to_the_count_it_revises(core: BotCore) -> None:
    landslide = _landslide(_matters(core))
    by_value = {f.value: f for f in landslide.figures}
    assert by_value[2100].revises_id == by_value[2000].id
    assert by_value[2000].revises_id is None


def test_the_source_is_kept_as_written_and_resolved(core: BotCore) -> None:
    landslide = _landslide(_matters(core))
    agency = next(f for f in landslide.figures if f.source_text == "The UN migration agency")
    assert agency.source == "United Nations"
    assert agency.date is not None and agency.date.edtf == "2024-05-27"


def test_the_card_shows_rival_counts_side_by_side(core: BotCore) -> None:
    card = core.ask("/figures killed")
    assert card.lead.startswith("8 figure(s) on 4 matter(s); sources differ on 1.")
    line = next(item for s in card.sections for item in s.items if "2,100" in item.text)
    assert line.text.index("2,100") < line.text.index("more than 2,000") < line.text.index("300")
    assert "per International Organization for Migration, 2024-05-26" in line.text
    assert "sources differ" in line.text
    assert line.date == "2024-05-28"
    assert len(line.citations) == 5
