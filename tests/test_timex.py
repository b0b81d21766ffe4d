"""Temporal expressions (TIMEX3): finding, typing and anchoring them against the publication
date and the text's own dates; durations and sets are expressions but never dates.

Most sentences are written for these tests in several outlets' styles (AP "Sept. 19",
BBC "19 September", Reuters "said on Wednesday") and about several topics; a few come from
the seed articles. Spans follow TimeML (TimeBank): determiners and modifiers such as "the",
"late", "last" belong to the expression, prepositions do not. Publication dates used:

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

from briefings.extract.analyse import analyse
from briefings.extract.time import TimeTagger, Timex
from briefings.models import Precision

THU = date(2023, 9, 21)
MON = date(2024, 2, 5)
MAR = date(2024, 3, 14)


def mentions(sentence: str, published: date | None = THU) -> list[Timex]:
    return TimeTagger(published)(analyse(sentence))


def dates(sentence: str, published: date | None = THU) -> list[Timex]:
    """The expressions that place something on the calendar (no durations or sets)."""
    return [t for t in mentions(sentence, published) if t.type in {"DATE", "TIME"}]


def only(sentence: str, published: date | None = THU) -> Timex:
    found = dates(sentence, published)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


def summary(found: list[Timex]) -> list[tuple[str, str | None]]:
    return [(m.text, m.point.edtf if m.point else None) for m in found]


class Article:
    """Sentences read in order by one tagger, as the pipeline reads an article."""

    def __init__(self, published: date | None) -> None:
        self.tagger = TimeTagger(published)

    def read(self, sentence: str) -> list[tuple[str, str | None]]:
        return summary([t for t in self.tagger(analyse(sentence)) if t.type != "DURATION"])


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
    (  # "was set for": a plan, whatever the past tense of its telling
        THU,
        "The run-off was set for Sunday, the commission said.",
        "Sunday",
        "2023-09-24",
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
        "1 p.m. (local time) on Wednesday",
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


@pytest.mark.parametrize("published, sentence, text, edtf, _relation, future", WEEKDAY_CASES)
def test_weekdays(
    published: date, sentence: str, text: str, edtf: str, _relation: str, future: bool
) -> None:
    found = only(sentence, published)
    assert found.text == text
    assert found.point is not None and found.point.edtf == edtf
    assert found.point.precision is Precision.DAY
    assert found.future is future


def test_future_cue_governs_only_its_clause() -> None:
    found = dates("The talks, which will resume on Monday, collapsed on Tuesday.")
    assert summary(found) == [("Monday", "2023-09-25"), ("Tuesday", "2023-09-19")]
    assert [m.future for m in found] == [True, False]


def test_reporting_verb_ends_a_future_clause() -> None:
    found = only("Officials who will attend the summit said on Tuesday it was vital.")
    assert found.point is not None and found.point.edtf == "2023-09-19"


def test_verb_before_a_date_governs_it() -> None:
    found = only("The company told investors on Tuesday it would cut 2,000 jobs.")
    assert found.point is not None and found.point.edtf == "2023-09-19"
    found = only("Shelling continued until Tuesday night.")
    assert found.point is not None and found.point.edtf == "2023-09-19"


def test_present_progressive_looks_ahead() -> None:
    found = only("Leaders are meeting on Sunday to discuss the crisis.")
    assert found.point is not None and found.point.edtf == "2023-09-24"


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
    assert dates(sentence) == []


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
    (MAR, "Ministers met on March 3-4 in Riyadh.", "March 3", "2024-03-03", True),
    (
        THU,
        "The Federal Reserve held rates at its July 25-26 meeting.",
        "July 25",
        "2023-07-25",
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
    (MAR, "The council adopted the text on 5 March.", "5 March", "2024-03-05", True),
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
]


@pytest.mark.parametrize("published, sentence, text, edtf, _relative", MONTH_DAY_CASES)
def test_month_and_day(
    published: date, sentence: str, text: str, edtf: str, _relative: bool
) -> None:
    found = dates(sentence, published)
    assert found, sentence
    assert found[0].point is not None and found[0].point.edtf == edtf
    assert found[0].text == text


def test_month_day_just_ahead_is_upcoming() -> None:
    ahead = only("The deadline for bids is March 31.", MAR)
    assert ahead.future is True
    assert ahead.point is not None and ahead.point.edtf == "2024-03-31"


def test_leap_day_goes_back_to_the_last_leap_year() -> None:
    found = only("The law was passed on 29 February.", THU)
    assert found.point is not None and found.point.edtf == "2020-02-29"


@pytest.mark.parametrize(
    "sentence",
    ["The report is dated February 30.", "He was born on 31 April.", "It rained on 32 May."],
)
def test_impossible_days_are_not_dates(sentence: str) -> None:
    assert [t for t in dates(sentence) if t.point is not None] == []


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


@pytest.mark.parametrize("published, sentence, text, edtf, _relation, future", MONTH_CASES)
def test_months(
    published: date, sentence: str, text: str, edtf: str, _relation: str, future: bool
) -> None:
    found = only(sentence, published)
    assert found.point is not None and found.point.edtf == edtf
    assert found.point.precision is Precision.MONTH
    assert found.future is future
    assert text in found.text


def test_month_pairs_and_ranges() -> None:
    found = dates("India will vote in April and May in seven phases.", MAR)
    assert summary(found) == [("April", "2024-04"), ("May", "2024-05")]
    assert all(m.future for m in found)
    found = dates("Temperatures soared between June and August.")
    assert summary(found) == [("June", "2023-06"), ("August", "2023-08")]


def test_a_month_without_a_year_is_past_unless_the_clause_looks_ahead() -> None:
    assert summary(dates("Protests began in February.", date(2024, 10, 5))) == [
        ("February", "2024-02")
    ]
    assert summary(dates("Parliament will vote in February.", date(2024, 10, 5))) == [
        ("February", "2025-02")
    ]


def test_a_far_cue_yields_to_the_nearer_month_and_a_clause_opening_date_to_its_verb() -> None:
    # "said" is four words and more away and November 2023 eleven months back: the coming one
    found = dates("The company said it expects to release results in mid-November.", OCT_30)
    assert summary(found) == [("mid-November", "2024-11")]
    # the clause's own verb right after the date settles it, however far the month lies
    assert summary(dates("In January, the firm brought in new advisers.", OCT_30)) == [
        ("January", "2024-01")
    ]


def test_a_quarter_is_the_last_one_unless_the_next_is_meant() -> None:
    found = dates("The bank is increasing its loan-loss reserves for the third quarter.", OCT_30)
    assert summary(found) == [("the third quarter", "2024-07-01/2024-09-30")]
    found = dates("The company will report its results for the first quarter.", OCT_30)
    assert summary(found) == [("the first quarter", "2025-01-01/2025-03-31")]


OCT_30 = date(2024, 10, 30)


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
    assert dates(sentence) == []


def test_may_needs_a_date_context() -> None:
    assert summary(dates("May 5 was calm, but since May the town has emptied.")) == [
        ("May 5", "2023-05-05"),
        ("May", "2023-05"),
    ]
    assert summary(dates("May 2023 was the wettest on record.")) == [("May 2023", "2023-05")]


def test_a_month_inside_a_name_is_not_a_date() -> None:
    assert dates("The manager, Third January Maritime, said 23 crew were aboard.") == []


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


@pytest.mark.parametrize("sentence, text, edtf, precision, _relation", YEAR_CASES)
def test_years_and_decades(
    sentence: str, text: str, edtf: str, precision: Precision, _relation: str
) -> None:
    found = dates(sentence)
    assert found, sentence
    assert found[0].point is not None
    assert found[0].point.precision is precision or found[0].point.edtf.startswith(edtf)
    assert text in found[0].text


def test_year_ranges() -> None:
    found = dates("Output fell from 1992 to 1994 and again between 2008 and 2009.")
    assert summary(found) == [
        ("1992", "1992"),
        ("1994", "1994"),
        ("2008", "2008"),
        ("2009", "2009"),
    ]


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
        "The year 2101 is out of range, as is 12,2020.",
        "She ran route 2021 twice.",
        "The 2,000-strong force crossed the river.",
    ],
)
def test_numbers_that_are_not_dates(sentence: str) -> None:
    assert [t.text for t in dates(sentence) if t.point is not None and t.type == "DATE"] == []


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
    (THU, "The reform takes effect this year.", "this year", "2023", True),
    (THU, "Elections are due next year.", "next year", "2024", True),
    (THU, "The firm filed for bankruptcy late last year.", "late last year", "2022", False),
    (THU, "Protests erupted again three days ago.", "three days ago", "2023-09-18", False),
    (THU, "Two years ago, the country defaulted on its debt.", "Two years ago", "2021", False),
    (THU, "The deal was signed a week ago in Doha.", "a week ago", "2023-09-11/2023-09-17", False),
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
    assert found.point is not None and found.point.edtf == edtf
    assert found.future is future
    assert text.lower() in found.text.lower()


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
    assert [t for t in dates(sentence) if t.point is not None] == []


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
    article = Article(published)
    assert [article.read(sentence) for sentence in sentences] == expected


def test_anchor_is_per_article() -> None:
    Article(THU).read("Fighting began on 1 June 2014.")
    assert only("The following day, a truce held.").point is None


# --- deadlines and plans -------------------------------------------------------------------


def test_deadline_in_the_future() -> None:
    found = only("All troops must withdraw by 1 January 2024, the resolution says.")
    assert (found.text, found.future) == ("1 January 2024", True)
    assert found.point is not None and found.point.edtf == "2024-01-01"


def test_deadline_already_passed_is_not_future() -> None:
    assert only("The government pledged to act by 1 January 2024.", MAR).future is False


def test_by_weekday_in_a_future_sentence_looks_ahead() -> None:
    found = only("By Friday, all foreign nationals must leave the country.")
    assert found.future is True
    assert found.point is not None and found.point.edtf == "2023-09-22"


@pytest.mark.parametrize(
    "sentence, edtf, future",
    [
        ("Armenia's parliament is set to vote on Oct. 3.", "2023-10-03", True),
        ("Elections are planned for 2025.", "2025", True),
        ("The plant was closed in 2019.", "2019", False),
    ],
)
def test_future_flag(sentence: str, edtf: str, future: bool) -> None:
    found = only(sentence)
    assert found.point is not None and found.point.edtf == edtf
    assert found.future is future


# --- durations and sets: expressions, never dates -----------------------------------------

DURATIONS = [
    ("Nagorno-Karabakh has been under blockade for nine months.", "nine months", "P9M"),
    ("Azerbaijan won a landslide victory in just 44 days.", "44 days", "P44D"),
    ("During a six-week war in 2020, Azerbaijan reclaimed land.", "six-week", "P6W"),
    ("Two days of heavy fighting followed.", "Two days", "P2D"),
    ("The strike will last 24 hours.", "24 hours", "PT24H"),
    ("Cases doubled in the last two weeks.", "the last two weeks", "P2W"),
    ("The empire lasted half a century.", "half a century", "P50Y"),
    ("The talks ran for an hour and a half.", "an hour and a half", "PT1H30M"),
    ("The siege lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("Fighting raged for two decades.", "two decades", "P20Y"),
    ("The drought has lasted several years.", "several years", "PXY"),
]


@pytest.mark.parametrize("sentence, text, value", DURATIONS)
def test_durations_are_typed_and_valued(sentence: str, text: str, value: str) -> None:
    found = [t for t in mentions(sentence) if t.type == "DURATION"]
    assert [(t.text, t.value, t.point) for t in found] == [(text, value, None)]


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The council meets weekly in the capital.", "P1W"),
        ("Prices are reviewed annually.", "P1Y"),
        ("Aid convoys cross every day.", "P1D"),
    ],
)
def test_sets(sentence: str, value: str) -> None:
    found = mentions(sentence)
    assert [(t.type, t.value, t.point) for t in found] == [("SET", value, None)]


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The situation is now calm.", "PRESENT_REF"),
        ("The town was recently shelled.", "PAST_REF"),
        ("Talks will resume in the near future.", "FUTURE_REF"),
    ],
)
def test_references_to_present_past_and_future_are_not_dates(sentence: str, value: str) -> None:
    found = mentions(sentence)
    assert [(t.value, t.point) for t in found] == [(value, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kopp, a 44-year-old protester, was arrested.",
        "It will be a second betrayal, she said.",
        "Iraq imports about three-quarters of its food.",
    ],
)
def test_ages_ordinals_and_fractions_are_not_times(sentence: str) -> None:
    assert mentions(sentence) == []


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The blast came at 10:35 a.m. on Friday.", "2023-09-15T10:35"),
        ("Polls close at 8 p.m. Wednesday.", "2023-09-20T20:00"),
        ("The offer expires at 5 p.m. EST, Oct. 6.", "2023-10-06T17:00"),
    ],
)
def test_clock_times(sentence: str, value: str) -> None:
    assert [t.value for t in mentions(sentence) if t.type == "TIME"] == [value]


def test_fiscal_quarters_follow_the_quarter_named() -> None:
    article = TimeTagger(date(1989, 11, 2))
    first = article(analyse("Profit rose in the third quarter."))
    later = article(analyse("A year earlier, the company lost money."))
    assert [t.value for t in first] == ["1989-Q3"]
    assert [t.value for t in later] == ["1988-Q3"]


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


@pytest.mark.parametrize("sentence, text, edtf, _relation", NO_PUBLISHED_CASES)
def test_without_publication_date(
    sentence: str, text: str, edtf: str | None, _relation: str
) -> None:
    found = only(sentence, None)
    assert text.lower() in found.text.lower()
    assert (found.point.edtf if found.point else None) == edtf


def test_without_publication_anchor_from_absolute_date() -> None:
    article = Article(None)
    article.read("The deal was signed on 5 May 2021.")
    assert article.read("The following day, markets rose.") == [("The following day", "2021-05-06")]


# --- seeds ---------------------------------------------------------------------------------


def test_seed_newsweek_paragraph() -> None:
    article = Article(THU)
    first = article.read(
        "A U.S. military spokesperson said Wednesday that American troops would complete a "
        "joint-military exercise as planned with Armenian forces in the country, which houses "
        "a Russian military base that was set up following an interstate agreement between "
        "Moscow and Yerevan in 1995."
    )
    assert first == [("Wednesday", "2023-09-20"), ("1995", "1995")]
    second = article.read(
        "The spokesperson said the the 10-day Eagle Partner 2023 exercise involving 85 U.S. "
        "soldiers and 175 Armenians, which began on September 11, had not been affected by "
        'Azerbaijan\'s decision on Tuesday to launch "anti-terrorist activities".'
    )
    assert second == [("September 11", "2023-09-11"), ("Tuesday", "2023-09-19")]


def test_seed_nbc_paragraph() -> None:
    found = Article(date(2022, 9, 15)).read(
        "Armenian Prime Minister Nikol Pashinyan said Wednesday that 105 of his country's "
        "soldiers had been killed since fighting erupted early Tuesday, while Azerbaijan's "
        "Defense Ministry said Thursday it lost 71."
    )
    assert found == [
        ("Wednesday", "2022-09-14"),
        ("early Tuesday", "2022-09-13"),
        ("Thursday", "2022-09-15"),
    ]


def test_seed_cnn_blockade() -> None:
    found = dates(
        "Despite Russia's peacekeeping presence, Nagorno-Karabakh has been under blockade for "
        "nine months. In December 2022, Azerbaijani-backed activists set up a checkpoint."
    )
    assert summary(found) == [("December 2022", "2022-12")]


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


def check_mentions(sentence: str, found: list[Timex]) -> None:
    previous_end = 0
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(sentence)
        assert mention.start >= previous_end
        assert mention.text == sentence[mention.start : mention.end]
        assert mention.type in {"DATE", "TIME", "DURATION", "SET"}
        assert mention.value
        if mention.point is not None:
            assert mention.point.start <= mention.point.end
            assert mention.type in {"DATE", "TIME"}
        previous_end = mention.end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([THU, MON, None]))
def test_random_text_never_raises(sentence: str, published: date | None) -> None:
    check_mentions(sentence, mentions(sentence, published))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(DATEISH_WORDS), max_size=25), min_size=1, max_size=4),
    st.sampled_from([THU, MON, date(2020, 2, 29), None]),
)
def test_date_like_word_salad_is_well_formed(
    sentences: list[list[str]], published: date | None
) -> None:
    tagger = TimeTagger(published)
    for words in sentences:
        sentence = " ".join(words)
        check_mentions(sentence, tagger(analyse(sentence)))


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
        check_mentions(text, mentions(text))
    assert time.perf_counter() - started < 10.0


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The third flight departs each Thursday from the capital.", "XXXX-WXX-4"),
        ("Orangemen march each July from their church.", "XXXX-07"),
    ],
)
def test_a_weekday_or_month_that_repeats_is_a_set(sentence: str, value: str) -> None:
    assert [(t.type, t.value) for t in mentions(sentence)] == [("SET", value)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The offer had been due to expire Friday evening.",
        "The offer previously had been scheduled to expire at midnight Friday.",
    ],
)
def test_a_plan_told_in_the_past_perfect_looks_back(sentence: str) -> None:
    found = only(sentence, published=date(1989, 10, 30))  # a Monday
    assert found.value.startswith("1989-10-27")


def test_a_past_perfect_reporting_verb_leaves_the_plan_ahead() -> None:
    found = only("He had said he will meet the envoy on Friday.", published=date(1989, 10, 30))
    assert found.value == "1989-11-03"


@pytest.mark.parametrize(
    "sentence", ["Mr Isah, who was in his fifties, had been ill.", "She is in her 60s."]
)
def test_an_age_is_not_a_decade(sentence: str) -> None:
    assert [t for t in mentions(sentence) if t.value.startswith(("195", "196"))] == []


def test_a_clock_time_takes_the_day_its_sentence_gives() -> None:
    found = mentions("The crash, at about 19:00 local time on Friday, killed 288.", MON)
    assert next(t.value for t in found if t.type == "TIME") == "2024-02-02T19:00"


def test_a_clock_time_alone_takes_the_last_day_the_text_gave() -> None:
    tagger = TimeTagger(MON)
    tagger(analyse("A train derailed on Friday evening."))
    (clock,) = tagger(analyse("The accident took place at around 6.55 p.m."))
    assert clock.value == "2024-02-02T18:55"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # the verb right after the date is its own; the plan lies across a comma
        (
            "Just ahead of the minister's trip, the ministry on Sunday issued a warning.",
            "1998-08-16",
        ),
        # a finite verb right after the date outranks a participle of plans before it
        ("A memorial service planned at the university for Saturday was cancelled.", "1998-08-15"),
        # without either, the plan still looks ahead
        ("A memorial service is planned at the university for Saturday.", "1998-08-22"),
        ("The minister is due to visit Kyiv on Friday accompanied by aides.", "1998-08-21"),
    ],
)
def test_the_verb_right_after_a_date_can_outrank_a_cue_further_back(
    sentence: str, value: str
) -> None:
    assert only(sentence, published=date(1998, 8, 17)).value == value  # a Monday


def test_the_past_verb_of_a_happening_places_its_month_in_the_past() -> None:
    found = only(
        "He removed Damiba, who had himself seized power in a coup in January.",
        published=date(2022, 10, 1),
    )
    assert found.value == "2022-01"


def test_a_deadline_month_still_looks_ahead_after_a_past_verb() -> None:
    found = only("The parent asked the unit to respond by Oct. 31.", published=date(1989, 10, 26))
    assert found.value == "1989-10-31"


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack happened on the night of December 20.",
        "The fighting began in the early hours of December 21.",
    ],
)
def test_a_part_of_the_day_between_a_past_verb_and_its_date_keeps_it_past(sentence: str) -> None:
    assert only(sentence, date(2024, 9, 19)).value.startswith("2023-12-")
