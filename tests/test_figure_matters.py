"""Rival counts of one matter side by side, through the real store (SQLite and PostgreSQL).

Two outlets report one landslide: three authorities give four tolls, one of them revised
later; a flood in another town the same week, the same province's toll a year before and the
bodies recovered so far are other matters. Texts written for these tests.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.app import BotCore, open_core
from briefings.figure_groups import (
    FigureGroup,
    MatterGrouper,
    default_rules,
    group_figures,
)
from briefings.ingest.article import ArticleMeta
from briefings.models import Citation
from briefings.queries.facts import FigureView, figures
from briefings.service import ingest_text
from tests.conftest import BACKENDS, POSTGRES_URL, make_settings, reset_postgres

FIRST_REPORT = """Landslide buries villages in Tarvo province

A landslide buried several villages in Tarvo province early on Friday, officials said.

The Tarvo Disaster Centre said on Saturday that more than 300 people were feared dead there.

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
def core(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotCore]:
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


# --- the rule on figures as the store hands them (invented values) ----------------------------


def _figure(
    value: float,
    *,
    article: str,
    outlet: str = "Reuters",
    day: int = 10,
    places: str | None = None,
    setting: str | None = None,
    source: str | None = None,
    part: bool = False,
    number: int = 0,
) -> FigureView:
    when = date(2024, 5, day)
    return FigureView(
        value=value,
        value_high=None,
        qualifier=None,
        unit="killed",
        text=f"{value:g} killed",
        source=source,
        date=None,
        citation=Citation(
            article_id=article,
            outlet=outlet,
            sentence_index=number,
            start=0,
            end=5,
            sentence=f"{value:g} people were killed.",
        ),
        id=number,
        part=part,
        places=places,
        setting=setting,
        published=when,
        as_of=when,
    )


def _values(groups: list[FigureGroup]) -> list[list[float]]:
    return [[f.value for f in group.figures] for group in groups]


def test_strikes_in_two_towns_stay_apart() -> None:
    rafah = _figure(12, article="a", places="Rafah|", setting="Gaza|", number=1)
    jabalia = _figure(20, article="b", places="Jabalia|", setting="Gaza|", number=2)
    assert len(group_figures([rafah, jabalia])) == 2


def test_a_toll_without_a_place_meets_one_in_its_articles_place() -> None:
    province = _figure(2000, article="a", places="Enga|", setting="Enga|Papua New Guinea")
    agency = _figure(670, article="b", setting="Enga|Papua New Guinea", number=2)
    assert sorted(map(sorted, _values(group_figures([province, agency])))) == [[670, 2000]]


def test_counts_weeks_apart_or_of_another_order_stay_apart() -> None:
    first = _figure(30, article="a", setting="|Sudan", number=1, day=1)
    later = _figure(35, article="b", setting="|Sudan", number=2, day=25)
    war = _figure(4000, article="c", setting="|Sudan", number=3, day=2)
    assert len(group_figures([first, war, later])) == 3


def test_within_an_article_only_different_sources_are_rivals() -> None:
    ministry = _figure(12, article="a", setting="|Peru", source="Health Ministry", number=1)
    ombudsman = _figure(20, article="a", setting="|Peru", source="Ombudsman", number=2)
    part = _figure(4, article="a", setting="|Peru", part=True, number=3)
    unsourced = _figure(30, article="a", setting="|Peru", number=4)
    groups = group_figures([ministry, ombudsman, part, unsourced])
    assert sorted(map(sorted, _values(groups))) == [[4], [12, 20], [30]]


def test_a_matter_is_settled_once_the_reading_is_a_window_past_it() -> None:
    early = _figure(10, article="a", setting="|Chad", number=1, day=1)
    late = _figure(90, article="b", setting="|Mali", number=2, day=20)
    grouper = MatterGrouper()
    grouper.add([early, late])
    assert grouper.settled(late) == 1  # day 1 is more than 14 days before day 20
    assert grouper.settled(early) == 0


def _weekly(weeks: int) -> list[FigureView]:
    """A count a week in one place from different outlets, each close to the last."""
    start = date(2024, 1, 1)
    return [
        dataclasses.replace(
            _figure(40 + week, article=f"w{week}", places="Kismayo|", number=week + 1),
            published=start + timedelta(weeks=week),
            as_of=start + timedelta(weeks=week),
        )
        for week in range(weeks)
    ]


def test_weekly_counts_over_months_are_a_series_of_matters_not_one_chain() -> None:
    rules = default_rules()
    groups = group_figures(_weekly(30), rules)
    assert len(groups) > 1
    for group in groups:
        dates = [f.as_of for f in group.figures if f.as_of is not None]
        assert (max(dates) - min(dates)).days <= rules.span("killed")
    assert sorted(f.id for g in groups for f in g.figures) == list(range(1, 31))


def test_a_revision_joins_its_matter_whatever_the_span() -> None:
    weekly = _weekly(12)
    revision = dataclasses.replace(
        weekly[-1], id=99, value=2000, revises_id=weekly[0].id, citation=weekly[0].citation
    )
    groups = group_figures([*weekly, revision])
    assert any({f.id for f in g.figures} >= {weekly[0].id, 99} for g in groups)


def test_figures_fed_in_windows_group_as_one_reading_and_settle_alike() -> None:
    weekly = _weekly(30)
    whole = group_figures(weekly)
    grouper = MatterGrouper()
    settled_counts: list[int] = []
    for start in range(0, len(weekly), 7):
        window = weekly[start : start + 7]
        grouper.add(window)
        done = grouper.settled(window[-1])
        # settled means final: no figure read later changes those matters
        assert _values(grouper.groups(done)) == _values(whole)[:done]
        settled_counts.append(done)
    assert _values(grouper.groups()) == _values(whole)
    assert settled_counts == sorted(settled_counts) and settled_counts[-1] > 0
    assert grouper.settled(weekly[-1]) < len(whole)  # the last matter can still grow
    assert _values(grouper.groups(2)) == _values(whole)[:2]
