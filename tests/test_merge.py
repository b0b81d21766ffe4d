"""Cross-outlet merge rules, on events built by hand."""

from __future__ import annotations

from datetime import date

from briefings.merge import DatedEvent, merge_events
from briefings.models import Citation, TimePoint

FAMILIES = {
    "offensive": "violence",
    "attack": "violence",
    "ceasefire": "agreement",
    "protest": "protest",
}


def event(
    event_id: int,
    kind: str,
    when: TimePoint,
    actors: set[str],
    outlet: str,
    text: str = "x",
    article: str | None = None,
) -> DatedEvent:
    citation = Citation(
        article_id=article or f"a{event_id}",
        outlet=outlet,
        sentence_index=0,
        start=0,
        end=1,
        sentence=text,
    )
    return DatedEvent(event_id, kind, when, frozenset(actors), text, citation)


def family(kind: str) -> str:
    return FAMILIES.get(kind, kind)


def test_three_outlets_one_entry() -> None:
    day = TimePoint.day(date(2023, 9, 19))
    entries = merge_events(
        [
            event(1, "offensive", day, {"Azerbaijan", "Nagorno-Karabakh"}, "CNN"),
            event(2, "attack", day, {"Azerbaijan"}, "Newsweek"),
            event(3, "offensive", day, {"Azerbaijan"}, "Reuters", "A shorter sentence."),
        ],
        family,
    )
    assert len(entries) == 1
    assert entries[0].outlets == ["CNN", "Newsweek", "Reuters"]
    assert len(entries[0].citations) == 3
    assert entries[0].kind == "offensive"


def test_same_day_different_year_never_merges() -> None:
    entries = merge_events(
        [
            event(1, "ceasefire", TimePoint.day(date(2022, 9, 14)), {"Armenia"}, "AP"),
            event(2, "ceasefire", TimePoint.day(date(2023, 9, 14)), {"Armenia"}, "CNN"),
        ],
        family,
    )
    assert [e.date.edtf for e in entries] == ["2022-09-14", "2023-09-14"]


def test_precision_family_and_actors_must_agree() -> None:
    day = TimePoint.day(date(2023, 9, 20))
    entries = merge_events(
        [
            event(1, "ceasefire", day, {"Armenia"}, "AP"),
            event(2, "ceasefire", TimePoint.month(2023, 9), {"Armenia"}, "CNN"),
            event(3, "protest", day, {"Armenia"}, "BBC"),
            event(4, "ceasefire", day, {"Sudan"}, "BBC"),
        ],
        family,
    )
    assert len(entries) == 4


def test_chronological_order() -> None:
    entries = merge_events(
        [
            event(1, "protest", TimePoint.day(date(2023, 1, 2)), {"A"}, "X"),
            event(2, "protest", TimePoint.year(1995), {"A"}, "X"),
            event(3, "protest", TimePoint.decade(1990), {"A"}, "X"),
        ],
        family,
    )
    assert [e.date.edtf for e in entries] == ["199X", "1995", "2023-01-02"]


def test_statements_merge_only_when_they_read_alike() -> None:
    day = TimePoint.day(date(2023, 9, 19))
    said = "Pashinyan on Tuesday criticized Russia for failing to alert his government."
    entries = merge_events(
        [
            event(1, "statement", day, {"Armenia", "Russia"}, "CNN", said),
            event(2, "statement", day, {"Russia"}, "AP", "Moscow on Tuesday said talks were off."),
            event(3, "statement", day, {"Armenia"}, "BBC", said.replace("Tuesday ", "")),
        ],
        family,
    )
    assert sorted(len(e.citations) for e in entries) == [1, 2]


def test_one_line_per_sentence_and_date_under_the_specific_kind() -> None:
    day = TimePoint.day(date(2023, 9, 19))
    text = "On Tuesday X demanded the withdrawal of all troops."
    statement = event(1, "statement", day, {"X"}, "CNN", text, article="same")
    withdrawal = event(2, "withdrawal", day, {"X", "Y"}, "CNN", text, article="same")
    entries = merge_events([statement, withdrawal], family)
    assert len(entries) == 1
    assert entries[0].kind == "withdrawal"
    assert set(entries[0].actors) == {"X", "Y"}
