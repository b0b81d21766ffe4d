"""Temporal expressions: finding, resolving against publication and anchors, durations.

Most sentences are written for these tests in several outlets' styles (AP "Sept. 19",
BBC "19 September", Reuters "said on Wednesday") and about several topics; a few come from
the seed articles. Publication dates used:

- THU = Thursday 2023-09-21 (Mon 18, Tue 19, Wed 20, Fri 22, Sat 23, Sun 24)
- MON = Monday 2024-02-05
- MAR = Thursday 2024-03-14
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.extract.timex import (
    TemporalResolver,
    TimeMention,
    find_durations,
    parse_dateline,
)
from briefings.models import Precision

THU = date(2023, 9, 21)
MON = date(2024, 2, 5)
MAR = date(2024, 3, 14)


def mentions(sentence: str, published: date | None = THU) -> list[TimeMention]:
    return TemporalResolver(published).resolve(sentence)


def only(sentence: str, published: date | None = THU) -> TimeMention:
    found = mentions(sentence, published)
    assert len(found) == 1, [(m.text, m.point) for m in found]
    return found[0]


def summary(found: list[TimeMention]) -> list[tuple[str, str | None]]:
    return [(m.text, m.point.edtf if m.point else None) for m in found]


# --- weekdays --------------------------------------------------------------------------------

WEEKDAY_CASES = [
    # (published, sentence, text, edtf, relation, future)
    (THU, "Azerbaijan launched an offensive on Tuesday.", "Tuesday", "2023-09-19", "on", False),
    (THU, "The ceasefire took effect on Thursday.", "Thursday", "2023-09-21", "on", False),
    (THU, "Both delegations will start talks on Friday.", "Friday", "2023-09-22", "on", True),
    (
        THU,
        "Despite the tensions, Tuesday's escalation was sudden.",
        "Tuesday",
        "2023-09-19",
        "on",
        False,
    ),
    (THU, "Rebels attacked the town late Monday.", "late Monday", "2023-09-18", "on", False),
    (
        THU,
        "A U.S. military spokesperson said Wednesday that troops would stay.",
        "Wednesday",
        "2023-09-20",
        "on",
        False,
    ),
    (
        THU,
        "Talks resumed on Thursday morning in Geneva.",
        "Thursday morning",
        "2023-09-21",
        "on",
        False,
    ),
    (
        THU,
        "The truce took hold Wednesday evening, officials said.",
        "Wednesday evening",
        "2023-09-20",
        "on",
        False,
    ),
    (THU, "Shelling continued until Tuesday night.", "Tuesday night", "2023-09-19", "until", False),
    (
        THU,
        "The summit is scheduled for Saturday in Brussels.",
        "Saturday",
        "2023-09-23",
        "on",
        True,
    ),
    (
        THU,
        "Leaders are meeting on Sunday to discuss the crisis.",
        "Sunday",
        "2023-09-24",
        "on",
        True,
    ),
    (THU, "The vote is due to take place on Monday.", "Monday", "2023-09-25", "on", True),
    (
        THU,
        "Police said the suspect was arrested last Thursday.",
        "last Thursday",
        "2023-09-14",
        "on",
        False,
    ),
    (
        THU,
        "The minister will travel to Kyiv next Thursday.",
        "next Thursday",
        "2023-09-28",
        "on",
        True,
    ),
    (
        THU,
        "The result is planned for Friday, the commission said.",
        "Friday",
        "2023-09-22",
        "on",
        True,
    ),
    (
        THU,
        "Wall Street closed higher on Friday as oil prices fell.",
        "Friday",
        "2023-09-15",
        "on",
        False,
    ),
    (THU, "The league said on Sunday that the match is off.", "Sunday", "2023-09-17", "on", False),
    (
        THU,
        "Since Monday, 40 people have died in the floods.",
        "Monday",
        "2023-09-18",
        "since",
        False,
    ),
    (
        THU,
        "Protests are expected to continue until Saturday.",
        "Saturday",
        "2023-09-23",
        "until",
        True,
    ),
    (
        THU,
        "On Saturday, rescuers pulled survivors from the rubble.",
        "Saturday",
        "2023-09-16",
        "on",
        False,
    ),
    (
        date(2022, 9, 15),
        "Fighting erupted early Tuesday along the border.",
        "early Tuesday",
        "2022-09-13",
        "on",
        False,
    ),
    (
        THU,
        "The ceasefire came into effect at 1 p.m. (local time) on Wednesday.",
        "Wednesday",
        "2023-09-20",
        "on",
        False,
    ),
    (
        THU,
        "Refugee children during the bombing of Stepanakert on Tuesday night.",
        "Tuesday night",
        "2023-09-19",
        "on",
        False,
    ),
    (MON, "The president spoke to reporters on Monday.", "Monday", "2024-02-05", "on", False),
    (MON, "The strikes hit the port on Sunday.", "Sunday", "2024-02-04", "on", False),
    (MON, "The chancellor will visit the plant on Monday.", "Monday", "2024-02-05", "on", True),
    (MON, "Union leaders meet again next Monday.", "next Monday", "2024-02-12", "on", True),
    (MON, "The storm made landfall on Tuesday.", "Tuesday", "2024-01-30", "on", False),
    (
        THU,
        "Ukraine said Russia launched 40 drones before Wednesday's talks.",
        "Wednesday",
        "2023-09-20",
        "before",
        False,
    ),
    (
        THU,
        "The company told investors on Tuesday it would cut 2,000 jobs.",
        "Tuesday",
        "2023-09-19",
        "on",
        False,
    ),
]


@pytest.mark.parametrize("published, sentence, text, edtf, relation, future", WEEKDAY_CASES)
def test_weekdays(
    published: date, sentence: str, text: str, edtf: str, relation: str, future: bool
) -> None:
    found = only(sentence, published)
    assert found.text == text
    assert found.point is not None and found.point.edtf == edtf
    assert found.point.precision is Precision.DAY
    assert found.relation == relation
    assert found.future is future
    assert found.relative is True


def test_future_cue_governs_only_its_clause() -> None:
    found = mentions("The talks, which will resume on Monday, collapsed on Tuesday.")
    assert summary(found) == [("Monday", "2023-09-25"), ("Tuesday", "2023-09-19")]
    assert [m.future for m in found] == [True, False]


def test_reporting_verb_ends_a_future_clause() -> None:
    found = only("Officials who will attend the summit said on Tuesday it was vital.")
    assert found.point is not None and found.point.edtf == "2023-09-19"


def test_weekday_with_written_date_is_one_mention() -> None:
    found = only("On Monday, Sept. 18, the leaders met in New York.", MAR)
    assert found.text == "Monday, Sept. 18"
    assert found.point is not None and found.point.edtf == "2023-09-18"


@pytest.mark.parametrize(
    "sentence",
    [
        "Bloody Sunday is remembered every year in Derry.",
        "The Sunday Times published the leaked memo.",
        "The Good Friday Agreement ended decades of violence.",
        "Super Tuesday results are still coming in.",
        "The editor of Russia Today called the news tragic.",
        "USA Today reported the figures first.",
    ],
)
def test_weekday_names_are_not_dates(sentence: str) -> None:
    assert mentions(sentence) == []


# --- month and day -------------------------------------------------------------------------

MONTH_DAY_CASES = [
    # (published, sentence, text, edtf, relative)
    (THU, "The exercise began on September 11 near Yerevan.", "September 11", "2023-09-11", True),
    (
        date(2023, 1, 5),
        "Protesters gathered on December 28 outside parliament.",
        "December 28",
        "2022-12-28",
        True,
    ),
    (
        THU,
        "Police detain a protester in Yerevan on September 20, 2023.",
        "September 20, 2023",
        "2023-09-20",
        False,
    ),
    (
        THU,
        "YEREVAN — The ministry said Sept. 13 that two soldiers died.",
        "Sept. 13",
        "2023-09-13",
        True,
    ),
    (THU, "The ministry said on Sep 13 that two soldiers died.", "Sep 13", "2023-09-13", True),
    (
        THU,
        "Azerbaijan launched its operation on 19 September 2023.",
        "19 September 2023",
        "2023-09-19",
        False,
    ),
    (
        THU,
        "The operation was launched on the 19th of September.",
        "the 19th of September",
        "2023-09-19",
        True,
    ),
    (MAR, "Ministers met on March 3-4 in Riyadh.", "March 3-4", "2024-03-03/2024-03-04", True),
    (
        THU,
        "The Federal Reserve held rates at its July 25-26 meeting.",
        "July 25-26",
        "2023-07-25/2023-07-26",
        True,
    ),
    (THU, "The new law will take effect on Jan. 1.", "Jan. 1", "2024-01-01", True),
    (
        THU,
        "Russia's full-scale invasion began on February 24, 2022.",
        "February 24, 2022",
        "2022-02-24",
        False,
    ),
    (MAR, "The deadline for bids is March 31.", "March 31", "2024-03-31", True),
    (MAR, "The council adopted the text on 25 March.", "25 March", "2023-03-25", True),
    (THU, "Parliamentary elections will be held on 5 November.", "5 November", "2023-11-05", True),
    (THU, "The law was passed on 29 February.", "29 February", "2020-02-29", True),
    (THU, "ON SEPTEMBER 19 THE ARMY ATTACKED.", "SEPTEMBER 19", "2023-09-19", True),
    (THU, "Israel's war began on Oct. 7 when Hamas attacked.", "Oct. 7", "2022-10-07", True),
    (
        date(2024, 1, 10),
        "Israel's war began on Oct. 7 when Hamas attacked.",
        "Oct. 7",
        "2023-10-07",
        True,
    ),
    (THU, "The tournament final is on 1st October.", "1st October", "2023-10-01", True),
    (
        THU,
        "The BBC reported on 2 Dec 2019 that the plant had closed.",
        "2 Dec 2019",
        "2019-12-02",
        False,
    ),
    (THU, "Shares were listed on 2023-06-30 in Frankfurt.", "2023-06-30", "2023-06-30", False),
    (THU, "The 12 September 2023 decree was annulled.", "12 September 2023", "2023-09-12", False),
    (THU, "The Sept. 11 attacks changed US foreign policy.", "Sept. 11", "2001-09-11", False),
]


@pytest.mark.parametrize("published, sentence, text, edtf, relative", MONTH_DAY_CASES)
def test_month_and_day(
    published: date, sentence: str, text: str, edtf: str, relative: bool
) -> None:
    found = only(sentence, published)
    assert found.text == text
    assert found.point is not None and found.point.edtf == edtf
    assert found.point.precision is Precision.DAY
    assert found.relative is relative


def test_month_day_just_ahead_is_upcoming_only_without_past_tense() -> None:
    ahead = only("The deadline for bids is March 31.", MAR)
    assert ahead.future is True
    back = only("The council adopted the text on 25 March.", MAR)
    assert back.future is False


@pytest.mark.parametrize(
    "sentence",
    ["The report is dated February 30.", "He was born on 31 April.", "It rained on 32 May."],
)
def test_impossible_days_are_not_dates(sentence: str) -> None:
    assert mentions(sentence) == []


# --- months --------------------------------------------------------------------------------

MONTH_CASES = [
    # (published, sentence, text, edtf, relation, future)
    (
        THU,
        "The region has been cut off since December, when the corridor was blocked.",
        "December",
        "2022-12",
        "since",
        False,
    ),
    (
        THU,
        "Pashinyan acknowledged in April this year that peace is possible.",
        "April this year",
        "2023-04",
        "in",
        False,
    ),
    (
        THU,
        "In December 2022, activists set up a checkpoint.",
        "December 2022",
        "2022-12",
        "in",
        False,
    ),
    (THU, "In a speech in May, Aliyev issued a veiled threat.", "May", "2023-05", "in", False),
    (THU, "Parliamentary elections are due in October.", "October", "2023-10", "in", True),
    (THU, "The blockade began in mid-December.", "mid-December", "2022-12", "in", False),
    (THU, "Inflation peaked last October at 11%.", "last October", "2022-10", "on", False),
    (THU, "Troops withdrew in early September.", "early September", "2023-09", "in", False),
    (THU, "The ruling was issued in March 2022.", "March 2022", "2022-03", "in", False),
    (THU, "Turnout fell sharply in June last year.", "June last year", "2022-06", "in", False),
    (
        THU,
        "Sudan's war, which erupted in mid-April last year, goes on.",
        "mid-April last year",
        "2022-04",
        "in",
        False,
    ),
    (
        date(2024, 1, 10),
        "Since November, the Houthis have attacked ships.",
        "November",
        "2023-11",
        "since",
        False,
    ),
    (THU, "Troops must leave by the end of September.", "September", "2023-09", "by", True),
    (THU, "The trial opens in January next year.", "January next year", "2024-01", "in", True),
    (THU, "The BBC's figures for August show a rise.", "August", "2023-08", "on", False),
    (THU, "The unrest began in Sept. and spread.", "Sept.", "2023-09", "in", False),
    (MAR, "Finland joined Nato last April.", "last April", "2023-04", "on", False),
    (THU, "Azerbaijan's December blockade cut off food.", "December", "2022-12", "on", False),
]


@pytest.mark.parametrize("published, sentence, text, edtf, relation, future", MONTH_CASES)
def test_months(
    published: date, sentence: str, text: str, edtf: str, relation: str, future: bool
) -> None:
    found = only(sentence, published)
    assert found.text == text
    assert found.point is not None and found.point.edtf == edtf
    assert found.point.precision is Precision.MONTH
    assert found.relation == relation
    assert found.future is future


def test_month_pairs_and_ranges() -> None:
    found = mentions("India will vote in April and May in seven phases.", MAR)
    assert summary(found) == [("April", "2024-04"), ("May", "2024-05")]
    assert [m.relation for m in found] == ["in", "in"]
    assert all(m.future for m in found)
    found = mentions("Temperatures soared between June and August.")
    assert summary(found) == [("June", "2023-06"), ("August", "2023-08")]
    assert [m.relation for m in found] == ["from", "until"]


@pytest.mark.parametrize(
    "sentence",
    [
        "However, the latest violence may constitute a fracture.",
        "May they rest in peace, the priest said.",
        "Theresa May met Brian May backstage.",
        "The October Revolution reshaped Russia.",
        "April Ryan asked the first question.",
        "Thousands joined the march on parliament.",
        "MAY DAY PROTESTS TURN VIOLENT",
        "March is often the wettest month.",
        "Investors may sell if rates rise in the euro area.",
    ],
)
def test_month_words_that_are_not_dates(sentence: str) -> None:
    assert mentions(sentence) == []


def test_may_needs_a_date_context() -> None:
    assert summary(mentions("May 5 was calm, but since May the town has emptied.")) == [
        ("May 5", "2023-05-05"),
        ("May", "2023-05"),
    ]
    assert summary(mentions("May 2023 was the wettest on record.")) == [("May 2023", "2023-05")]


# --- years and decades ---------------------------------------------------------------------

YEAR_CASES = [
    # (sentence, text, edtf, precision, relation)
    ("Moscow and Yerevan signed an agreement in 1995.", "1995", "1995", Precision.YEAR, "in"),
    (
        "After the 2020 war exposed Armenia's weakness, talks began.",
        "2020",
        "2020",
        Precision.YEAR,
        "after",
    ),
    ("The 2020 war exposed Armenia's weakness.", "2020", "2020", Precision.YEAR, "on"),
    (
        "Ethnic Armenian forces have held the region since 1994.",
        "1994",
        "1994",
        Precision.YEAR,
        "since",
    ),
    (
        "In 1988, the Karabakh authorities passed a resolution.",
        "1988",
        "1988",
        Precision.YEAR,
        "in",
    ),
    ("Large-scale conflicts broke out in the 1990s.", "1990s", "199X", Precision.DECADE, "in"),
    ("The 1980s were a decade of upheaval.", "1980s", "198X", Precision.DECADE, "on"),
    (
        "He has lived in exile since the late 1990s.",
        "late 1990s",
        "199X",
        Precision.DECADE,
        "since",
    ),
    (
        "Growth was strong during the early 2000s.",
        "early 2000s",
        "200X",
        Precision.DECADE,
        "during",
    ),
    ("Grunge music defined the '90s.", "'90s", "199X", Precision.DECADE, "on"),
    ("Output recovered by mid-2022.", "mid-2022", "2022", Precision.YEAR, "by"),
    ("The 2024 Paris Olympics drew record crowds.", "2024", "2024", Precision.YEAR, "on"),
    ("City won the 2022-23 Champions League.", "2022", "2022", Precision.YEAR, "on"),
    (
        "The floods were the worst since the summer of 2007.",
        "2007",
        "2007",
        Precision.YEAR,
        "since",
    ),
    ("Nato was founded in 1949 in Washington.", "1949", "1949", Precision.YEAR, "in"),
    ("Prior to 2014, Crimea was part of Ukraine.", "2014", "2014", Precision.YEAR, "before"),
    ("The firm's fiscal 2023 profit fell by a third.", "2023", "2023", Precision.YEAR, "on"),
    ("The census of 1801 counted every household.", "1801", "1801", Precision.YEAR, "other"),
    ("Targets for 2100 were discussed.", "2100", "2100", Precision.YEAR, "on"),
    ("Russia's 2022 invasion upended European security.", "2022", "2022", Precision.YEAR, "on"),
    ("Beyond 2030, the plan is unfunded.", "2030", "2030", Precision.YEAR, "on"),
]


@pytest.mark.parametrize("sentence, text, edtf, precision, relation", YEAR_CASES)
def test_years_and_decades(
    sentence: str, text: str, edtf: str, precision: Precision, relation: str
) -> None:
    found = only(sentence)
    assert found.text == text
    assert found.point is not None and found.point.edtf == edtf
    assert found.point.precision is precision
    assert found.relation == relation
    assert found.relative is False


def test_year_ranges() -> None:
    found = mentions("Output fell from 1992 to 1994 and again between 2008 and 2009.")
    assert summary(found) == [
        ("1992", "1992"),
        ("1994", "1994"),
        ("2008", "2008"),
        ("2009", "2009"),
    ]
    assert [m.relation for m in found] == ["from", "until", "from", "until"]
    found = mentions("Millions died during 1914-1918.")
    assert [m.relation for m in found] == ["during", "until"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 2,000 Russian peacekeepers were reportedly involved.",
        "More than 6,700 people died in the fighting.",
        "The 10-day Eagle Partner 2023 exercise involved 85 U.S. soldiers.",
        "Saudi Arabia's Vision 2030 plan aims to diversify the economy.",
        "Delegates gathered for COP28 in Dubai.",
        "Fans are excited about Euro 2024 in Germany.",
        "He spoke at the 78th session of the General Assembly.",
        "Turkey fought alongside Germany in World War I.",
        "Nato's Article 5 commits members to collective defence.",
        "Resolution 2334 condemned the settlements.",
        "The ceasefire came into effect at 1 p.m. local time.",
        "The curfew starts at 1800 GMT.",
        "The company employs 1800 people and plans to hire 2000 more.",
        "Flight 2020 landed safely in Doha.",
        "The startup raised $2020 from friends.",
        "Windows 2000 is no longer supported.",
        "Tickets rose 2019% in a decade, the report claimed.",
        "The year 1799 and the year 2101 are out of range, as is 12,2020.",
        "She ran route 2021 twice.",
        "The 2,000-strong force crossed the river.",
    ],
)
def test_numbers_that_are_not_dates(sentence: str) -> None:
    assert mentions(sentence) == []


# --- relative to publication ---------------------------------------------------------------

RELATIVE_CASES = [
    # (published, sentence, text, edtf, future)
    (
        THU,
        "Troops from both countries were in Armenia this week.",
        "this week",
        "2023-09-18/2023-09-21",
        False,
    ),
    (THU, "Talks stalled last week in Brussels.", "last week", "2023-09-11/2023-09-17", False),
    (THU, "The envoy will return next week.", "next week", "2023-09-25/2023-10-01", True),
    (
        THU,
        "The bank raised rates earlier this week.",
        "earlier this week",
        "2023-09-18/2023-09-20",
        False,
    ),
    (
        THU,
        "A verdict is expected later this week.",
        "later this week",
        "2023-09-21/2023-09-24",
        True,
    ),
    (MON, "Markets fell sharply this week.", "this week", "2024-02-05", False),
    (THU, "The minister resigned yesterday.", "yesterday", "2023-09-20", False),
    (THU, "The strike continues today in Paris.", "today", "2023-09-21", False),
    (THU, "The president addresses the nation tonight.", "tonight", "2023-09-21", False),
    (THU, "Results are due tomorrow.", "tomorrow", "2023-09-22", True),
    (THU, "Gunfire was heard late last night in Khartoum.", "late last night", "2023-09-20", False),
    (THU, "This month, Armenia sent humanitarian aid to Ukraine.", "This month", "2023-09", False),
    (THU, "Exports fell last month, data showed.", "last month", "2023-08", False),
    (THU, "The new rules apply from next month.", "next month", "2023-10", True),
    (THU, "Prices rose earlier this month.", "earlier this month", "2023-09", False),
    (
        THU,
        "Earlier this year, the army reshuffled its command.",
        "Earlier this year",
        "2023",
        False,
    ),
    (THU, "Sales collapsed last year.", "last year", "2022", False),
    (THU, "The reform takes effect this year.", "this year", "2023", False),
    (THU, "Elections are due next year.", "next year", "2024", True),
    (THU, "The firm filed for bankruptcy late last year.", "late last year", "2022", False),
    (THU, "Protests erupted again three days ago.", "three days ago", "2023-09-18", False),
    (THU, "Two years ago, the country defaulted on its debt.", "Two years ago", "2021", False),
    (THU, "The deal was signed a week ago in Doha.", "a week ago", "2023-09-14", False),
    (THU, "Six months ago, the lira hit a record low.", "Six months ago", "2023-03", False),
    (THU, "A decade ago, the port was a fishing village.", "A decade ago", "2013", False),
    (
        THU,
        "At least 30 people were killed over the weekend.",
        "the weekend",
        "2023-09-16/2023-09-17",
        False,
    ),
    (
        THU,
        "Fans will gather this weekend in Lisbon.",
        "this weekend",
        "2023-09-23/2023-09-24",
        True,
    ),
    (THU, "Storms hit the coast last weekend.", "last weekend", "2023-09-16/2023-09-17", False),
]


@pytest.mark.parametrize("published, sentence, text, edtf, future", RELATIVE_CASES)
def test_relative_to_publication(
    published: date, sentence: str, text: str, edtf: str, future: bool
) -> None:
    found = only(sentence, published)
    assert found.text == text
    assert found.point is not None and found.point.edtf == edtf
    assert found.future is future
    assert found.relative is True


@pytest.mark.parametrize(
    "sentence",
    [
        "His rhetoric has become increasingly aggressive in recent months.",
        "Markets have been volatile over the past year.",
        "Fighting over the last week has displaced thousands.",
        "In the past 24 hours, 12 people were killed.",
        "The election will take place in the next month or so.",
        "Prices have risen for three consecutive months.",
    ],
)
def test_vague_windows_are_not_dates(sentence: str) -> None:
    assert mentions(sentence) == []


# --- anchors: relative to the last resolved date -------------------------------------------

ANCHOR_STORIES = [
    # (published, sentences, expected (text, edtf) per sentence)
    (
        THU,
        [
            "Fighting began on September 19.",
            "The following day, a ceasefire took hold.",
            "Two days later, talks started in Yevlakh.",
            "A week later the corridor opened.",
        ],
        [
            [("September 19", "2023-09-19")],
            [("The following day", "2023-09-20")],
            [("Two days later", "2023-09-22")],
            [("A week later", "2023-09-29")],
        ],
    ),
    (
        THU,
        [
            "Azerbaijan launched its offensive on Tuesday.",
            "Twenty-four hours later, the separatists agreed to disarm.",
        ],
        [[("Tuesday", "2023-09-19")], [("Twenty-four hours later", "2023-09-20")]],
    ),
    (
        THU,
        ["The attack happened on 3 March 2022.", "The day before, troops massed at the border."],
        [[("3 March 2022", "2022-03-03")], [("The day before", "2022-03-02")]],
    ),
    (
        THU,
        [
            "The war began in 2020.",
            "A year later, talks resumed.",
            "Two days later, Turkey offered help.",
        ],
        [[("2020", "2020")], [("A year later", "2021")], [("Two days later", None)]],
    ),
    (
        THU,
        [
            "In 1988, the Karabakh authorities passed a resolution.",
            "Later that year, fighting broke out.",
        ],
        [[("1988", "1988")], [("Later that year", "1988")]],
    ),
    (
        THU,
        ["The ceasefire collapsed on Tuesday.", "48 hours after, shelling resumed."],
        [[("Tuesday", "2023-09-19")], [("48 hours after", "2023-09-21")]],
    ),
    (
        MAR,
        ["He was arrested on 3 March.", "He was released the next day."],
        [[("3 March", "2024-03-03")], [("the next day", "2024-03-04")]],
    ),
    (
        THU,
        [
            "The protests began in March 2023.",
            "The following month, the government fell.",
            "The previous year, it had survived a vote.",
        ],
        [
            [("March 2023", "2023-03")],
            [("The following month", "2023-04")],
            [("The previous year", "2022")],
        ],
    ),
    (
        THU,
        ["Troops moved in this week.", "The following day, the mayor fled."],
        [[("this week", "2023-09-18/2023-09-21")], [("The following day", None)]],
    ),
    (
        THU,
        [
            "The dam burst on 10 September.",
            "Rescuers arrived the same day.",
            "Aid arrived the following week.",
            "12 hours later, more rain fell.",
        ],
        [
            [("10 September", "2023-09-10")],
            [("the same day", "2023-09-10")],
            [("the following week", "2023-09-11/2023-09-17")],
            [("12 hours later", None)],
        ],
    ),
    (
        THU,
        ["Rebels took the town on 2 June 2014 and the army retook it two days later."],
        [[("2 June 2014", "2014-06-02"), ("two days later", "2014-06-04")]],
    ),
]


@pytest.mark.parametrize("published, sentences, expected", ANCHOR_STORIES)
def test_anchors_follow_the_last_resolved_date(
    published: date, sentences: list[str], expected: list[list[tuple[str, str | None]]]
) -> None:
    resolver = TemporalResolver(published)
    assert [summary(resolver.resolve(s)) for s in sentences] == expected


def test_forward_anchor_without_earlier_date_is_unresolved() -> None:
    found = only("The following day, talks began.")
    assert found.point is None and found.relative is True


def test_backward_anchor_without_earlier_date_looks_back_from_publication() -> None:
    found = only("The previous day, the army shelled the town.")
    assert found.point is not None and found.point.edtf == "2023-09-20"


def test_unresolved_mention_breaks_the_anchor_chain() -> None:
    resolver = TemporalResolver(None)
    resolver.resolve("The treaty was signed on 5 May 2021.")
    assert summary(resolver.resolve("On Tuesday, troops withdrew.")) == [("Tuesday", None)]
    assert summary(resolver.resolve("The next day, they returned.")) == [("The next day", None)]


def test_anchor_is_per_article() -> None:
    TemporalResolver(THU).resolve("Fighting began on 1 June 2014.")
    assert only("The following day, a truce held.").point is None


def test_anchor_inside_a_window_is_a_duration() -> None:
    assert mentions("Within 24 hours after the attack, troops had left.") == []
    assert find_durations("Within 24 hours after the attack, troops had left.") == [(0, 15)]


# --- deadlines and plans -------------------------------------------------------------------


def test_deadline_in_the_future() -> None:
    found = only("All troops must withdraw by 1 January 2024, the resolution says.")
    assert (found.text, found.relation, found.future) == ("1 January 2024", "by", True)
    assert found.point is not None and found.point.edtf == "2024-01-01"


def test_deadline_already_passed_is_not_future() -> None:
    found = only("The government pledged to act by 1 January 2024.", MAR)
    assert (found.relation, found.future) == ("by", False)


def test_by_weekday_in_a_future_sentence_looks_ahead() -> None:
    found = only("By Friday, all foreign nationals must leave the country.")
    assert found.relation == "by" and found.future is True
    assert found.point is not None and found.point.edtf == "2023-09-22"


@pytest.mark.parametrize(
    "sentence, edtf, future",
    [
        ("Armenia's parliament is set to vote on Oct. 3.", "2023-10-03", True),
        ("Elections are planned for 2025.", "2025", True),
        ("The plant was closed in 2019.", "2019", False),
        ("He said the plant will reopen in 2019 conditions.", "2019", False),
    ],
)
def test_future_flag(sentence: str, edtf: str, future: bool) -> None:
    found = only(sentence)
    assert found.point is not None and found.point.edtf == edtf
    assert found.future is future


# --- relations -----------------------------------------------------------------------------

RELATION_CASES = [
    ("The border stayed shut until Friday.", "until"),
    ("Officials met before Tuesday's vote.", "before"),
    ("Clashes resumed after Monday's talks.", "after"),
    ("Growth slowed during 2019.", "during"),
    ("As of Monday, 300 people had registered.", "other"),
    ("Following Tuesday's attack, flights were grounded.", "after"),
    ("The reforms date from 1992.", "from"),
    ("Prices peaked in the summer of 2022.", "in"),
    ("The ban runs through 2025.", "until"),
    ("Tensions rose ahead of Sunday's election.", "before"),
]


@pytest.mark.parametrize("sentence, relation", RELATION_CASES)
def test_relations(sentence: str, relation: str) -> None:
    assert only(sentence).relation == relation


def test_pair_of_weekdays_shares_the_preposition() -> None:
    found = mentions("Strikes hit the capital on Monday and Tuesday.")
    assert summary(found) == [("Monday", "2023-09-18"), ("Tuesday", "2023-09-19")]
    assert [m.relation for m in found] == ["on", "on"]


# --- durations -----------------------------------------------------------------------------

DURATION_CASES = [
    ("Nagorno-Karabakh has been under blockade for nine months.", ["for nine months"]),
    ("Azerbaijan won a landslide victory in just 44 days.", ["in just 44 days"]),
    ("The 10-day Eagle Partner 2023 exercise began.", ["10-day"]),
    ("During a six-week war in 2020, Azerbaijan reclaimed land.", ["six-week"]),
    ("Two days of heavy fighting followed.", ["Two days"]),
    ("Armenia has for decades relied on Russia.", ["for decades"]),
    ("They are locked in a decades-old conflict.", ["decades-old"]),
    ("It was the worst fighting in nearly two years.", ["in nearly two years"]),
    ("The strike will last 24 hours.", ["24 hours"]),
    ("Markets have been volatile over the past year.", ["over the past year"]),
    ("Cases doubled in the last two weeks.", ["in the last two weeks"]),
    ("It ended a years-long dispute.", ["years-long"]),
    ("Twenty-four hours of rain flooded the valley.", ["Twenty-four hours"]),
    ("The empire lasted half a century.", ["half a century"]),
    ("After a week-long pause, the talks resumed.", ["After a week-long"]),
    ("The score was 1-0 after 90 minutes.", ["after 90 minutes"]),
    ("Two days later, talks began.", []),
    ("Shelling resumed 24 hours after the truce.", []),
    ("Three years ago, the mine closed.", []),
    ("A year later the mine reopened.", []),
    ("The following day the mine reopened.", []),
    ("Over the following days, the mine reopened.", ["Over the following days"]),
]


@pytest.mark.parametrize("sentence, expected", DURATION_CASES)
def test_find_durations(sentence: str, expected: list[str]) -> None:
    assert [sentence[a:b] for a, b in find_durations(sentence)] == expected


@pytest.mark.parametrize("sentence, _expected", DURATION_CASES)
def test_durations_never_become_dates(sentence: str, _expected: list[str]) -> None:
    spans = find_durations(sentence)
    for mention in mentions(sentence):
        assert all(mention.end <= a or b <= mention.start for a, b in spans)


# --- without a publication date ------------------------------------------------------------

NO_PUBLISHED_CASES = [
    ("On Tuesday, the army advanced.", "Tuesday", None, "on"),
    ("In March 2022, Russia's forces withdrew from Kyiv.", "March 2022", "2022-03", "in"),
    ("The region has been cut off since December.", "December", None, "since"),
    ("This month, Armenia sent aid.", "This month", None, "on"),
    ("The following day they left.", "The following day", None, "on"),
    ("The exercise began on September 11.", "September 11", None, "on"),
    ("Russia opened a base in 1995.", "1995", "1995", "in"),
    ("Azerbaijan attacked on 19 September 2023.", "19 September 2023", "2023-09-19", "on"),
    ("The minister resigned yesterday.", "yesterday", None, "on"),
    ("Conflict broke out in the 1990s.", "1990s", "199X", "in"),
    ("The deal was signed two days ago.", "two days ago", None, "on"),
    ("Talks stalled last week.", "last week", None, "on"),
    ("The previous day, the army shelled the town.", "The previous day", None, "on"),
]


@pytest.mark.parametrize("sentence, text, edtf, relation", NO_PUBLISHED_CASES)
def test_without_publication_date(
    sentence: str, text: str, edtf: str | None, relation: str
) -> None:
    found = only(sentence, None)
    assert found.text == text
    assert (found.point.edtf if found.point else None) == edtf
    assert found.relation == relation


def test_without_publication_anchor_from_absolute_date() -> None:
    resolver = TemporalResolver(None)
    resolver.resolve("The deal was signed on 5 May 2021.")
    assert summary(resolver.resolve("The following day, markets rose.")) == [
        ("The following day", "2021-05-06")
    ]


def test_future_cue_without_publication() -> None:
    found = only("The summit will be held on 5 May 2030.", None)
    assert found.future is True


# --- seeds ---------------------------------------------------------------------------------


def test_seed_newsweek_paragraph() -> None:
    resolver = TemporalResolver(THU)
    first = resolver.resolve(
        "A U.S. military spokesperson said Wednesday that American troops would complete a "
        "joint-military exercise as planned with Armenian forces in the country, which houses "
        "a Russian military base that was set up following an interstate agreement between "
        "Moscow and Yerevan in 1995."
    )
    assert summary(first) == [("Wednesday", "2023-09-20"), ("1995", "1995")]
    second = resolver.resolve(
        "The spokesperson said the the 10-day Eagle Partner 2023 exercise involving 85 U.S. "
        "soldiers and 175 Armenians, which began on September 11, had not been affected by "
        'Azerbaijan\'s decision on Tuesday to launch "anti-terrorist activities".'
    )
    assert summary(second) == [("September 11", "2023-09-11"), ("Tuesday", "2023-09-19")]


def test_seed_nbc_paragraph() -> None:
    resolver = TemporalResolver(date(2022, 9, 15))
    found = resolver.resolve(
        "Armenian Prime Minister Nikol Pashinyan said Wednesday that 105 of his country's "
        "soldiers had been killed since fighting erupted early Tuesday, while Azerbaijan's "
        "Defense Ministry said Thursday it lost 71."
    )
    assert summary(found) == [
        ("Wednesday", "2022-09-14"),
        ("early Tuesday", "2022-09-13"),
        ("Thursday", "2022-09-15"),
    ]


def test_seed_cnn_blockade() -> None:
    found = mentions(
        "Despite Russia's peacekeeping presence, Nagorno-Karabakh has been under blockade for "
        "nine months. In December 2022, Azerbaijani-backed activists set up a checkpoint."
    )
    assert summary(found) == [("December 2022", "2022-12")]


# --- datelines -----------------------------------------------------------------------------

DATELINE_CASES = [
    ("YEREVAN, Sept. 13 (AP) — Armenia said", 2023, (date(2023, 9, 13), True)),
    ("MOSCOW, March 3, 2022 (Reuters) - Russia said", 2023, (date(2022, 3, 3), False)),
    ("KYIV, Ukraine (AP) — Russia launched drones", 2023, (None, False)),
    ("YEREVAN, Sept. 13 (AP) — Armenia said", None, (None, False)),
    ("WASHINGTON, Sept. 19 — The Senate voted", 2023, (date(2023, 9, 19), True)),
    ("LONDON, 5 May (Reuters) - Shares rose", 2024, (date(2024, 5, 5), True)),
    ("BEIRUT, Lebanon, Oct. 9, 2024 (AP) — Israeli strikes", None, (date(2024, 10, 9), False)),
    ("(CNN) -- Ethnic Armenian fighters agreed", 2023, (None, False)),
    ("The United States and Russia both had troops", 2023, (None, False)),
    ("GENEVA, Feb. 29 (Reuters) - Talks ended", 2023, (None, False)),
    ("GENEVA, Feb. 29 (Reuters) - Talks ended", 2024, (date(2024, 2, 29), True)),
    ("NEW YORK, SEPT. 31 (AP) — Stocks fell", 2023, (None, False)),
    ("NAIROBI, Kenya, JUNE 3 (AP) — Protesters marched", 2024, (date(2024, 6, 3), True)),
]


@pytest.mark.parametrize("text, year, expected", DATELINE_CASES)
def test_parse_dateline(text: str, year: int | None, expected: tuple[date | None, bool]) -> None:
    assert parse_dateline(text, year) == expected


# --- properties and robustness -------------------------------------------------------------

DATEISH_WORDS = [
    "on",
    "since",
    "by",
    "the",
    "following",
    "day",
    "Tuesday",
    "late",
    "next",
    "last",
    "week",
    "May",
    "may",
    "September",
    "Sept.",
    "19",
    "19th",
    "of",
    "2023",
    "1990s",
    "'90s",
    "2,000",
    "two",
    "days",
    "later",
    "after",
    "24",
    "hours",
    "ago",
    "this",
    "month",
    "year",
    "will",
    "in",
    "for",
    "decades",
    "-",
    ",",
    "Eagle",
    "Partner",
    "mid-",
    "early",
    "that",
    "weekend",
    "yesterday",
    "31",
    "February",
    "29",
    "2024-02-30",
    "(AP)",
    "—",
    "Monday,",
    "a",
    "earlier",
]


def check_mentions(sentence: str, found: list[TimeMention]) -> None:
    previous_end = 0
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(sentence)
        assert mention.start >= previous_end
        assert mention.text == sentence[mention.start : mention.end]
        if mention.point is not None:
            assert mention.point.start <= mention.point.end
        previous_end = mention.end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([THU, MON, None]))
def test_random_text_never_raises(sentence: str, published: date | None) -> None:
    check_mentions(sentence, TemporalResolver(published).resolve(sentence))
    for start, end in find_durations(sentence):
        assert 0 <= start < end <= len(sentence)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(DATEISH_WORDS), max_size=25), min_size=1, max_size=4),
    st.sampled_from([THU, MON, date(2020, 2, 29), None]),
)
def test_date_like_word_salad_is_well_formed(
    sentences: list[list[str]], published: date | None
) -> None:
    resolver = TemporalResolver(published)
    for words in sentences:
        sentence = " ".join(words)
        found = resolver.resolve(sentence)
        check_mentions(sentence, found)
        spans = find_durations(sentence)
        for mention in found:
            assert all(mention.end <= a or b <= mention.start for a, b in spans)


def test_pathological_input_is_fast() -> None:
    junk = [
        "1 " * 5000,
        "the following " * 2000,
        "May " * 3000 + "5",
        "for nearly about some " * 1500 + "days",
        "September, " * 3000,
        "a" * 20000,
    ]
    started = time.perf_counter()
    for text in junk:
        check_mentions(text, TemporalResolver(THU).resolve(text))
        find_durations(text)
    assert time.perf_counter() - started < 5.0


# --- "a day after X" set right after a date: the complement counted back ---------------------

SIDE_EVENT_CASES = [
    # THU = Thursday 2023-09-21
    (
        "The union called off the strike on Friday, two days after the pay offer.",
        [("Friday", "2023-09-15"), ("two days after", "2023-09-13")],
    ),
    (
        "Markets fell on Sept. 12, just a day after the central bank's decision.",
        [("Sept. 12", "2023-09-12"), ("a day after", "2023-09-11")],
    ),
    (
        "The museum reopened on Tuesday, the day after the storm passed.",
        [("Tuesday", "2023-09-19"), ("the day after", "2023-09-18")],
    ),
    (
        "Shares rallied on Monday, a day before the budget speech.",
        [("Monday", "2023-09-18"), ("a day before", "2023-09-19")],
    ),
    # negative: not set right after the date, so counted forward from it as before
    (
        "The bridge closed on Monday and, two days after the flood, it reopened.",
        [("Monday", "2023-09-18"), ("two days after", "2023-09-20")],
    ),
    # negative: "later" takes no complement
    (
        "The bridge closed on Monday, two days later it reopened.",
        [("Monday", "2023-09-18"), ("two days later", "2023-09-20")],
    ),
]


@pytest.mark.parametrize("sentence, expected", SIDE_EVENT_CASES)
def test_count_after_a_date_places_its_complement_before_it(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert summary(mentions(sentence)) == expected


def test_side_event_does_not_move_the_anchor() -> None:
    resolver = TemporalResolver(THU)
    resolver.resolve("The union called off the strike on Friday, two days after the pay offer.")
    found = resolver.resolve("The following day, workers returned to the factory.")
    assert summary(found) == [("The following day", "2023-09-16")]


def test_side_event_of_a_planned_date_is_planned_too() -> None:
    found = mentions("The leaders will meet on Saturday, a day after the election.")
    assert summary(found) == [("Saturday", "2023-09-23"), ("a day after", "2023-09-22")]
    assert found[1].future
