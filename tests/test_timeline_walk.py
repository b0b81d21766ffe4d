"""Stored timeline entries: merged when events are stored, equal to merging at read time,
paged by index ranges, and rebuilt for databases that predate them."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from bot.app import BotCore
from briefings.extract.events import default_vocabulary
from briefings.ingest.article import ArticleMeta
from briefings.merge import TimelineEntry, merge_events
from briefings.queries.timeline import (
    TimelineFilter,
    counted_entries,
    dated_events,
    latest_entries,
    outlet_entries,
    timeline,
    timeline_page,
)
from briefings.service import ingest_text
from briefings.store.database import Database, alembic_config, open_database
from briefings.store.schema import EntryRow, EntrySourceRow, EventRow
from tests.conftest import make_settings


def _groups(entries: list[TimelineEntry]) -> set[frozenset[tuple[str, int]]]:
    """Entries as sets of the reports they hold (order and summary aside)."""
    return {frozenset((c.article_id, c.sentence_index) for c in e.citations) for e in entries}


def _key(entries: list[TimelineEntry]) -> list[tuple[object, ...]]:
    return [(e.date.edtf, e.kind, e.text, tuple(e.actors), len(e.citations)) for e in entries]


def test_stored_entries_equal_merging_every_event_at_read_time(seeded_core: BotCore) -> None:
    family = default_vocabulary().family
    with seeded_core.db.session() as session:
        stored = timeline(session)
        merged = merge_events(dated_events(session, TimelineFilter()), family)
    assert len(stored) > 20
    assert _groups(stored) == _groups(merged)
    assert [e.date.start for e in stored] == sorted(e.date.start for e in stored)


def _shape(entries: list[TimelineEntry]) -> list[tuple[object, ...]]:
    return [(e.date.edtf, e.kind, tuple(e.actors), tuple(e.outlets)) for e in entries]


def test_an_actors_timeline_is_the_whole_timeline_narrowed_to_the_actor(
    seeded_core: BotCore,
) -> None:
    with seeded_core.db.session() as session:
        everything = timeline(session)
        armenia = timeline(session, TimelineFilter(actor="Armenia"))
        cnn = timeline(session, TimelineFilter(outlet="CNN"))
    assert armenia and _shape(armenia) == _shape([e for e in everything if "Armenia" in e.actors])
    assert cnn and _shape(cnn) == _shape([e for e in everything if "CNN" in e.outlets])
    # Each reads in its own words: a report naming the actor, the outlet's own citations.
    assert all(
        "Armenia" in e.text or any("Armenia" in c.sentence for c in e.citations)
        for e in armenia[:5]
    )
    assert {c.outlet for e in cnn for c in e.citations} == {"CNN"}


def test_a_page_reads_only_a_few_pages_ahead_and_says_there_is_more(
    seeded_core: BotCore,
) -> None:
    with seeded_core.db.session() as session:
        everything = timeline(session)
        first = timeline_page(session, TimelineFilter(), page=1, size=2, ahead=1)
        third = timeline_page(session, TimelineFilter(), page=3, size=2, ahead=1)
        past_end = timeline_page(session, TimelineFilter(), page=10_000, size=2, ahead=1)
        newest = latest_entries(session, TimelineFilter(), 3)
    assert not first.complete and first.count == 4
    assert _key(first.entries) == _key(everything[:2])
    assert _key(third.entries) == _key(everything[4:6])
    assert past_end.complete and past_end.page == past_end.pages
    assert _key(past_end.entries) == _key(everything[(past_end.page - 1) * 2 :][:2])
    assert _key(newest) == _key(everything[::-1][:3])


def test_the_card_says_more_than_when_it_did_not_count_everything(
    seeded_core: BotCore, tmp_path: Path
) -> None:
    with seeded_core.db.session() as session:
        total = len(timeline(session))
    whole = seeded_core.ask("/timeline period:all")
    assert whole.lead.startswith(f"{total} dated entries") and whole.chart is not None
    # One entry per page: eleven pages are read, the rest is "more than".
    small = BotCore(
        settings=make_settings(
            seeded_core.settings.resolved_database_url, tmp_path, BRIEFBOT_PAGE_SIZE=1
        ),
        db=seeded_core.db,
        commands=seeded_core.commands,
    )
    card = small.ask("/timeline period:all")
    assert total > 11
    assert card.lead.startswith("More than 11 dated entries")
    assert card.footer == "11+ entries · page 1 of 11+ · All stories"
    assert card.pages == 12 and card.chart is None
    # The recent weeks and the background count the same way, each read a page's worth.
    recent = small.ask("/timeline")
    assert recent.lead.startswith("More than 11 entries in the last 14 days")
    assert "more than 10 earlier" in recent.lead  # the other part: ten pages counted
    assert recent.pages == 12 and recent.chart is None
    background = small.ask("/timeline period:background")
    assert background.lead.startswith("More than 11 earlier entries")


def test_an_outlets_exclusive_entries_are_those_no_other_outlet_reports(
    seeded_core: BotCore,
) -> None:
    with seeded_core.db.session() as session:
        everything = timeline(session)
        for outlet in ("CNN", "NBC News", "Newsweek"):
            whole = [e for e in everything if set(e.outlets) == {outlet}]
            split = outlet_entries(session, outlet, page=1, size=100)
            assert split.complete and split.exclusive.complete
            assert split.exclusive.pages == 1
            assert _key(split.exclusive.entries) == _key(whole), outlet
            assert split.shared == sum(
                1 for e in everything if outlet in e.outlets and len(e.outlets) > 1
            )
            assert split.shared >= 1


# Three reports of one attack: the first two share no actor, the third names both.
REPORTS = {
    "Alpha Times": "Azerbaijan launched an attack on the village of Talish on 3 March 2024, "
    "officials said. The fighting lasted for hours and damaged several homes in the area.",
    "Beta News": "Iran condemned what it called an attack near the border on 3 March 2024. "
    "Tehran urged calm and asked both sides to respect the truce in the region.",
    "Gamma Wire": "On 3 March 2024 Azerbaijan and Iran traded accusations after an attack near "
    "the border, witnesses said. Residents fled the villages close to the front line.",
}


def _store(db: Database, outlets: tuple[str, ...]) -> None:
    for outlet in outlets:
        outcome = ingest_text(
            db, REPORTS[outlet], ArticleMeta(outlet=outlet, published=date(2024, 3, 5))
        )
        assert outcome.stored


def _attack_entries(db: Database) -> list[TimelineEntry]:
    with db.session() as session:
        return timeline(session, TimelineFilter(kind="attack"))


def test_a_report_naming_both_sides_joins_two_entries_into_one(db: Database) -> None:
    _store(db, ("Alpha Times", "Beta News"))
    before = _attack_entries(db)
    assert [sorted(e.outlets) for e in before] == [["Alpha Times"], ["Beta News"]]
    _store(db, ("Gamma Wire",))
    (after,) = _attack_entries(db)
    assert after.outlets == ["Alpha Times", "Beta News", "Gamma Wire"]
    assert set(after.actors) == {"Azerbaijan", "Iran"} and after.reports == 3
    with db.session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(EntrySourceRow).where(EntrySourceRow.sole)
            )
            == 0
        )
        dangling = select(EventRow.id).where(
            EventRow.date_start.is_not(None), EventRow.entry_id.not_in(select(EntryRow.id))
        )
        assert session.execute(dangling).first() is None
        split = outlet_entries(session, "Gamma Wire", page=1, size=10)
        exclusive = counted_entries(session, split.exclusive.ids)
    assert split.shared >= 1 and all("Gamma Wire" in e.outlets for e in exclusive)


@pytest.mark.parametrize("order", list(itertools.permutations(REPORTS))[1:])
def test_the_entries_do_not_depend_on_the_order_articles_arrive(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    reference = open_database(f"sqlite:///{tmp_path / 'reference.sqlite3'}")
    shuffled = open_database(f"sqlite:///{tmp_path / 'shuffled.sqlite3'}")
    try:
        _store(reference, tuple(REPORTS))
        _store(shuffled, order)
        with reference.session() as a, shuffled.session() as b:
            assert _key(timeline(a)) == _key(timeline(b))
    finally:
        reference.dispose()
        shuffled.dispose()


def test_upgrading_a_database_that_predates_entries_files_every_event(db: Database) -> None:
    _store(db, tuple(REPORTS))
    with db.session() as session:
        before = _key(timeline(session))
    config = alembic_config(db.engine)
    command.downgrade(config, "0004")
    command.upgrade(config, "head")
    with db.session() as session:
        assert _key(timeline(session)) == before


def _attack_report(number: int, *, short: bool = False) -> str:
    """One of many reports of one attack, each worded differently (distinct articles)."""
    if short:
        return f"Azerbaijan launched an attack on 3 March 2024. Report {number} ends here."
    return (
        f"In report number {number}, officials said Azerbaijan launched an attack on the village "
        f"of Talish on 3 March 2024, with {number + 2} homes damaged. Residents were evacuated."
    )


def test_a_big_entry_cites_each_outlet_once_and_keeps_the_best_wording(db: Database) -> None:
    for number in range(16):
        meta = ArticleMeta(outlet=f"Outlet {number % 5}", published=date(2024, 3, 5))
        assert ingest_text(db, _attack_report(number), meta).stored
    with db.session() as session:
        (entry,) = timeline(session, TimelineFilter(kind="attack"))
        (focused,) = timeline(session, TimelineFilter(kind="attack", actor="Azerbaijan"))
        (own,) = timeline(session, TimelineFilter(kind="attack", outlet="Outlet 3"))
    assert entry.reports == 16 and len(entry.outlets) == 5
    assert sorted(c.outlet for c in entry.citations) == [f"Outlet {n}" for n in range(5)]
    assert [c.outlet for c in own.citations] == ["Outlet 3"]
    assert "report number 3," in own.text  # Outlet 3's first and shortest report (3, 8, 13)
    # A shorter report arriving later becomes the wording everywhere.
    late = ArticleMeta(outlet="Outlet 9", published=date(2024, 3, 6))
    assert ingest_text(db, _attack_report(99, short=True), late).stored
    with db.session() as session:
        (entry,) = timeline(session, TimelineFilter(kind="attack"))
        (focused_after,) = timeline(session, TimelineFilter(kind="attack", actor="Azerbaijan"))
    assert entry.text == focused_after.text == "Azerbaijan launched an attack on 3 March 2024."
    assert focused.text != focused_after.text
