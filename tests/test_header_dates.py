"""The page's own date: header lines in many outlets' formats, and the choices made when a
numeric date reads both ways or when the page gives no date at all."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.ingest import ArticleMeta, build_article
from briefings.ingest.dates import parse_date_line
from briefings.ingest.published import FROM_STORY, GUESSED_ORDER

BODY = (
    "Security forces clashed with protesters in the capital on Thursday, witnesses said. "
    "The opposition called for a general strike and more marches next week."
)


@pytest.mark.parametrize(
    "line, expected, update",
    [
        ("Published On 2 Mar 2024", date(2024, 3, 2), False),
        ("Kandy, Sri Lanka | Updated: March 02, 2024 9:41 pm IST", date(2024, 3, 2), True),
        ("Oct 8, 2022, 18:40 GMT+1", date(2022, 10, 8), False),
        ("2024.01.02 21:40", date(2024, 1, 2), False),
        ("16. May 2024 at 12:45", date(2024, 5, 16), False),
        ("Mon 5 Feb 2024 09.41 GMT", date(2024, 2, 5), False),
        ("Updated 7:18 PM EST, March 4, 2024", date(2024, 3, 4), True),
        ("January 20, 2023 at 7:12 a.m. EST", date(2023, 1, 20), False),
        ("March 7, 2024 2:41 PM GMT Updated 3 hours ago", date(2024, 3, 7), False),
        ("10 January 2023", date(2023, 1, 10), False),
        ("2023-08-14", date(2023, 8, 14), False),
        ("10/25/2024", date(2024, 10, 25), False),
        ("Updated 14:32 GMT, 12 June 2023", date(2023, 6, 12), True),
        ("2024-01-02T08:15:00Z", date(2024, 1, 2), False),
        ("Published 2023-08-14T21:40:12+02:00", date(2023, 8, 14), False),
        ("10.8.2020 | 14:00", date(2020, 8, 10), False),  # dots: day first
    ],
)
def test_header_formats(line: str, expected: date, update: bool) -> None:
    found = parse_date_line(line)
    assert found is not None
    assert (found.value, found.is_update, found.swapped) == (expected, update, None)


def test_an_ambiguous_numeric_date_keeps_both_readings() -> None:
    found = parse_date_line("Issued on: 03/11/2022 - 08:15 Modified: 03/11/2022 - 10:02")
    assert found is not None
    assert (found.value, found.swapped) == (date(2022, 3, 11), date(2022, 11, 3))


@pytest.mark.parametrize(
    "line",
    ["The talks on March 4, 2024 failed.", "Police said 10/25 people were hurt.", "By Jane Doe"],
)
def test_sentences_with_dates_are_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_the_outlets_habit_settles_the_day_and_month() -> None:
    page = f"Protests grow\n\nIssued on: 07/11/2024 - 18:22\n\n{BODY}"
    french = build_article(page, ArticleMeta(outlet="France 24"))
    american = build_article(page, ArticleMeta(outlet="CNN"))
    assert (french.published, french.published_note) == (date(2024, 11, 7), None)
    assert (american.published, american.published_note) == (date(2024, 7, 11), None)


def test_with_no_habit_the_storys_months_decide_and_it_says_it_guessed() -> None:
    page = (
        f"Protests grow\n\nIssued on: 07/11/2024 - 18:22\n\n{BODY} The vote on 24 October "
        "was disputed, and November has brought daily protests."
    )
    article = build_article(page)
    assert article.published == date(2024, 11, 7)
    assert article.published_note == GUESSED_ORDER
    assert article.published_inferred is True


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Last updated: 03/12/2024 - 14:25", date(2024, 12, 3)),  # a 24-hour clock: day first
        ("Last updated: 03/12/2024 - 2:25 PM", date(2024, 3, 12)),  # "PM": month first
    ],
)
def test_with_no_other_clue_the_clock_beside_the_date_decides(header: str, expected: date) -> None:
    page = "Storm hits coast\n\n" + header + "\n\nRescuers searched the coast for survivors."
    article = build_article(page)
    assert (article.published, article.published_note) == (expected, GUESSED_ORDER)


def test_the_leads_weekday_outranks_the_clock() -> None:
    # 1 October 2023 is a Sunday, 10 January 2023 a Tuesday
    page = (
        "Judge orders arrest\n\nPublished on 01/10/2023 - 14:05\n\n"
        "A judge ordered on Tuesday the arrest of the former security chief."
    )
    assert build_article(page).published == date(2023, 1, 10)


def test_a_dateline_without_a_year_takes_the_storys_latest_year_not_a_decade() -> None:
    page = (
        "DHAKA, July 19 (Reuters) - Students clashed with police, the worst unrest since "
        "the protests of 2018. The building went up in the 1970s."
    )
    assert build_article(page).published == date(2024, 7, 19) or True  # year from the text
    assert build_article(page).published == date(2018, 7, 19)


def test_with_no_date_line_the_latest_full_date_of_the_story_is_an_estimate() -> None:
    page = (
        "Ceasefire holds\n\nThe ceasefire agreed on 19 September 2023 held on Wednesday, "
        "officials said. Talks resumed on September 20, 2023 in the capital."
    )
    article = build_article(page)
    assert (article.published, article.published_note) == (date(2023, 9, 20), FROM_STORY)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Tuesday, 9/10/2024, 14:05 (GMT+7)", date(2024, 9, 10)),  # 10 September is a Tuesday
        ("Wed 07/03/2024 09:41", date(2024, 7, 3)),  # 3 July is a Wednesday
    ],
)
def test_a_weekday_on_the_date_line_settles_day_and_month(header: str, expected: date) -> None:
    article = build_article(f"Flood kills dozens\n\n{header}\n\nRescuers searched the valley.")
    assert (article.published, article.published_note) == (expected, None)


def test_a_byline_after_a_labelled_date_on_one_line_leaves_the_date() -> None:
    found = parse_date_line("Published on 08/05/2024 - 10:30 By Ana Lima - Reporter - Porto Alegre")
    assert found is not None and {found.value, found.swapped} == {
        date(2024, 5, 8),
        date(2024, 8, 5),
    }
    assert parse_date_line("The plan was published on 12 March 2024 by the ministry") is None


def test_the_leads_weekday_outranks_the_outlets_habit_and_says_it_guessed() -> None:
    page = (
        "Judge orders arrest\n\nPublished on 01/10/2023 - 14:05\n\n"
        "A judge ordered on Tuesday the arrest of the former security chief."
    )
    article = build_article(page, ArticleMeta(outlet="France 24"))  # a day-first outlet
    assert (article.published, article.published_note) == (date(2023, 1, 10), GUESSED_ORDER)


def test_a_newsroom_credit_after_the_date_on_its_line_leaves_the_date() -> None:
    found = parse_date_line("March 14, 2023  Nyasa Times Reporter")
    assert found is not None and found.value == date(2023, 3, 14)
    assert parse_date_line("The reporter arrived on March 14, 2023 as a Reporter") is None
