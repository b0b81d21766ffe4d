"""Events: every dated clause is one, and the vocabulary gives it a kind.

The sentences are written for these tests, on topics away from the gold articles (labour
disputes, storms, elections, trade, sport). Publication: THU = Thursday 2023-09-21.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefings.extract.analyse import analyse
from briefings.extract.events import (
    DatedClause,
    Trigger,
    default_vocabulary,
    find_events,
    statement_trigger,
)
from briefings.extract.time import TimeTagger

THU = date(2023, 9, 21)


def kinds(sentence: str) -> list[tuple[str, str]]:
    """(kind, trigger text) for every trigger in the sentence."""
    return [
        (t.kind.name, sentence[t.start : t.end]) for t in default_vocabulary().triggers(sentence)
    ]


def events(sentence: str, verbs: tuple[str, ...] = ()) -> list[DatedClause]:
    analysis = analyse(sentence)
    TimeTagger(THU)(analysis)
    extra: list[Trigger] = []
    for verb in verbs:
        at = sentence.index(verb)
        extra.append(statement_trigger(at, at + len(verb)))
    return find_events(analysis, extra_triggers=extra, published=THU)


def dated(sentence: str, verbs: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    """(kind, EDTF date) of the dated events."""
    return {(e.kind.name, e.point.edtf) for e in events(sentence, verbs) if e.point is not None}


def texts(sentence: str) -> list[str]:
    return [sentence[e.start : e.end] for e in events(sentence) if e.point is not None]


# --- vocabulary ------------------------------------------------------------------------------

TRIGGER_CASES = [
    # weapons as subject or agent
    ("Two rockets hit the fuel depot overnight.", ("attack", "rockets hit")),
    ("The school was hit by a cruise missile.", ("attack", "hit by a cruise missile")),
    ("Gunmen fired on a police patrol near the port.", ("attack", "fired on")),
    ("Militants kept firing mortars at the camp.", ("attack", "firing mortars")),
    ("Jets struck a weapons depot outside the city.", ("attack", "struck")),
    ("Artillery was pounding the old town.", ("attack", "pounding")),
    # fighting and conflicts
    ("Rival militias fought for the airport.", ("clash", "fought")),
    ("Residents recall a conflict in the 1970s.", ("clash", "conflict")),
    ("Police and smugglers were locked in a fierce battle.", ("clash", "fierce battle")),
    # agreements to be signed, deals
    ("The unions are expected to sign the contract.", ("agreement", "to sign")),
    ("The signing took place in Oslo.", ("agreement", "signing")),
    ("The trade deal lowers tariffs.", ("agreement", "deal")),
    # meetings, visits, diplomatic travel
    ("The ministers will meet in Vienna.", ("talks", "will meet")),
    ("The chancellor visited the shipyard.", ("talks", "visited")),
    ("She is due to travel to Tokyo.", ("talks", "travel to")),
    ("Leaders held two meetings on trade.", ("talks", "meetings")),
    # protests
    ("Hundreds of demonstrators blocked the bridge.", ("protest", "demonstrators")),
    ("Farmers marched on the capital.", ("protest", "marched")),
    # labour strikes
    ("Bus drivers walked out over pay.", ("protest", "walked out")),
    ("Nurses went on strike in three cities.", ("protest", "went on strike")),
    ("Teachers joined the national strike.", ("protest", "joined the national strike")),
    ("A general strike shut the ports.", ("protest", "general strike")),
    # casualties, displacement
    ("Divers recovered two bodies from the lake.", ("casualties", "recovered two bodies")),
    ("Families were forced from their homes by the flood.", ("displacement", "forced from")),
    ("Evacuees returned to their villages.", ("displacement", "returned to their villages")),
    # elections
    ("Voters went to the polls in the provinces.", ("election", "went to the polls")),
    ("The referendum on the new constitution failed.", ("election", "referendum")),
    ("The assembly voted to dissolve itself.", ("election", "voted")),
]


@pytest.mark.parametrize("sentence, expected", TRIGGER_CASES)
def test_trigger(sentence: str, expected: tuple[str, str]) -> None:
    kind, text = expected
    assert any(k == kind and text in found for k, found in kinds(sentence)), kinds(sentence)


NOT_TRIGGER_CASES = [
    ("A strong earthquake struck the coast.", "attack"),
    ("Lightning struck the church tower.", "attack"),
    ("The two firms struck a deal.", "attack"),
    ("The judge struck down the law.", "attack"),
    ("The coach was fired on Monday.", "attack"),
    ("The factory was hit by a strike.", "attack"),
    ("The navy launched a missile strike on the port.", "protest"),
    ("Rebels staged a drone strike on the airfield.", "protest"),
    ("The striker scored twice.", "protest"),
    ("The plant cannot meet demand.", "talks"),
    ("The team wants to meet its targets.", "talks"),
    ("The mayor returned home from the trip.", "displacement"),
    ("There was a conflict of interest.", "clash"),
    ("It took a great deal of effort.", "agreement"),
    ("They need to deal with the backlog.", "agreement"),
    ("He put up a sign by the road.", "agreement"),
]


@pytest.mark.parametrize("sentence, kind", NOT_TRIGGER_CASES)
def test_not_a_trigger(sentence: str, kind: str) -> None:
    assert kind not in {k for k, _ in kinds(sentence)}, kinds(sentence)


# --- every dated clause is an event ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("On 3 March the council gave the envoy a week to leave.", {("other", "2023-03-03")}),
        (
            "The brigade pulled out of Kidal in June 2021 and out of Tessalit in January.",
            {("other", "2021-06"), ("other", "2023-01")},
        ),
        ("The May 14 vote was postponed.", {("election", "2023-05-14")}),
        ("Tuesday's general strike closed every port.", {("protest", "2023-09-19")}),
    ],
)
def test_a_dated_clause_is_an_event_whatever_its_verb(
    sentence: str, expected: set[tuple[str, str]]
) -> None:
    assert dated(sentence) == expected


def test_durations_and_references_date_nothing() -> None:
    assert dated("The siege has lasted nine months and is now easing.") == set()


def test_date_stays_in_its_own_clause() -> None:
    sentence = "Rival gangs fought in the harbour on Monday, pounding warehouses with grenades."
    assert dated(sentence) == {("clash", "2023-09-18")}


def test_fronted_date_still_dates_the_clause_after_the_comma() -> None:
    sentence = "On Monday, rival gangs fought in the harbour."
    assert dated(sentence) == {("clash", "2023-09-18")}


def test_date_before_a_trailing_attribution_dates_the_reported_happening() -> None:
    sentence = "Three hikers were killed in the avalanche on Sunday, rescuers said."
    assert dated(sentence, ("said",)) == {("casualties", "2023-09-17")}


def test_reporting_verb_right_before_its_date_is_dated() -> None:
    sentence = "The league said on Sunday that the final would be replayed."
    assert dated(sentence, ("said",)) == {("statement", "2023-09-17")}


def test_each_date_of_a_sentence_is_its_own_event() -> None:
    sentence = "Dockers marched on Monday, weeks before Tuesday's referendum."
    assert dated(sentence) == {("protest", "2023-09-18"), ("election", "2023-09-19")}


def test_coordinated_days_are_one_happening_over_a_range() -> None:
    sentence = "Dockers marched on Monday and Tuesday in the capital."
    assert dated(sentence) == {("protest", "2023-09-18/2023-09-19")}


def test_since_a_date_dates_the_clause_to_when_it_began() -> None:
    assert dated("Forty people have been killed since Tuesday.") == {("casualties", "2023-09-19")}
    assert dated("The town has been cut off since December, when rebels took the road.") == {
        ("blockade", "2022-12")
    }


def test_event_text_is_the_clause_that_carries_the_date() -> None:
    sentence = (
        "A spokesman said Wednesday that troops would finish an exercise at a base that was "
        "set up after an agreement between the two capitals in 1995."
    )
    assert texts(sentence) == [
        "A spokesman said Wednesday",
        "was set up after an agreement between the two capitals in 1995.",
    ]


def test_a_relative_clause_keeps_the_name_it_describes() -> None:
    sentence = "The talks were chaired by Maria Lund, who took office in 2019."
    assert "Maria Lund, who took office in 2019." in texts(sentence)


def test_undated_triggers_give_one_undated_event_per_kind() -> None:
    found = events("Militias attacked the depot and attacked the convoy.")
    assert [(e.kind.name, e.point) for e in found] == [("attack", None)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The union called off the strike on Friday, two days after the pay offer.",
            ("2023-09-15", "2023-09-13"),
        ),
        (
            "Markets fell on Sept. 12, just a day after the central bank's decision.",
            ("2023-09-12", "2023-09-11"),
        ),
        (  # the date's own clause runs on to the comma before the count
            "Police cleared a camp on Monday and detained some 1,200 people there, a day "
            "after rioters stormed Congress.",
            ("2023-09-18", "2023-09-17"),
        ),
    ],
)
def test_a_count_set_right_after_a_date_dates_its_complement(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert set(expected) <= {edtf for _, edtf in dated(sentence)}


def test_a_count_after_another_clause_is_not_counted_from_the_date() -> None:
    found = dated(
        "The general will be sworn in on Monday, the junta has announced, a day after "
        "officers seized power."
    )
    assert "2023-09-17" not in {edtf for _, edtf in found}


def test_a_count_not_set_after_a_date_dates_nothing_of_its_own() -> None:
    found = dated("The bridge closed on Monday and the roads, two days after the flood, reopened.")
    assert found == {("other", "2023-09-18")}


def test_a_calendar_date_restating_a_counted_one_is_the_date() -> None:
    found = dated("The president, who took office a week earlier, on Sept. 14, toured the site.")
    assert ("other", "2023-09-14") in found
    assert not any("/" in edtf for _, edtf in found)
