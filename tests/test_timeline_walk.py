"""The timeline read a chunk at a time equals the whole history merged at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import BotCore
from briefings.extract.events import default_vocabulary
from briefings.merge import merge_events
from briefings.queries import timeline as timeline_queries
from briefings.queries.timeline import (
    TimelineFilter,
    dated_events,
    iter_entries,
    outlet_entries,
    timeline_page,
)
from tests.conftest import make_settings


def _key(entries: list) -> list[tuple]:
    return [
        (e.date.edtf, e.kind, e.text, tuple(e.actors), tuple(c.sentence_index for c in e.citations))
        for e in entries
    ]


@pytest.mark.parametrize("chunk", [1, 3, 7, 400])
def test_walking_in_chunks_gives_the_whole_merge(
    seeded_core: BotCore, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(timeline_queries, "CHUNK", chunk)
    family = default_vocabulary().family
    with seeded_core.db.session() as session:
        for where in (TimelineFilter(), TimelineFilter(actor="Armenia")):
            whole = merge_events(dated_events(session, where), family)
            walked = list(iter_entries(session, where))
            assert len(whole) > 5
            assert _key(walked) == _key(whole)


def test_a_page_reads_only_a_few_pages_ahead_and_says_there_is_more(
    seeded_core: BotCore,
) -> None:
    with seeded_core.db.session() as session:
        everything = list(iter_entries(session, TimelineFilter()))
        first = timeline_page(session, TimelineFilter(), page=1, size=2, ahead=1)
        third = timeline_page(session, TimelineFilter(), page=3, size=2, ahead=1)
        past_end = timeline_page(session, TimelineFilter(), page=10_000, size=2, ahead=1)
    assert not first.complete and len(first.counted) == 4
    assert _key(first.entries) == _key(everything[:2])
    assert _key(third.entries) == _key(everything[4:6])
    assert past_end.complete and past_end.page == past_end.pages
    assert _key(past_end.entries) == _key(everything[(past_end.page - 1) * 2 :][:2])


def test_the_card_says_more_than_when_it_did_not_count_everything(
    seeded_core: BotCore, tmp_path: Path
) -> None:
    with seeded_core.db.session() as session:
        total = len(list(iter_entries(session, TimelineFilter())))
    whole = seeded_core.ask("/timeline")
    assert whole.lead.startswith(f"{total} dated entries") and whole.chart is not None
    # One entry per page: eleven pages are read, the rest is "more than".
    small = BotCore(
        settings=make_settings(
            seeded_core.settings.resolved_database_url, tmp_path, BRIEFBOT_PAGE_SIZE=1
        ),
        db=seeded_core.db,
        commands=seeded_core.commands,
    )
    card = small.ask("/timeline")
    assert total > 11
    assert card.lead.startswith("More than 11 dated entries")
    assert card.footer == "11+ entries · page 1 of 11+"
    assert card.pages == 12 and card.chart is None


def test_an_outlets_exclusive_entries_match_the_whole_merge(seeded_core: BotCore) -> None:
    with seeded_core.db.session() as session:
        everything = list(iter_entries(session, TimelineFilter()))
        for outlet in ("CNN", "NBC News", "Newsweek"):
            whole = [e for e in everything if set(e.outlets) == {outlet}]
            split = outlet_entries(session, outlet, page=1, size=100)
            assert split.complete and split.exclusive.complete
            assert _key(split.exclusive.counted) == _key(whole), outlet
            assert split.shared >= 1
