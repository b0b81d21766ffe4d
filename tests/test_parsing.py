"""Command-line parsing and parameter binding (no database needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.commands import default_commands
from briefings.commands.params import parse_user_date
from briefings.commands.parsing import parse_line
from briefings.errors import BriefbotError, InputError, NotFoundError
from briefings.models import Precision


def test_options_and_words() -> None:
    parsed = parse_line('/timeline actor:Russia source:"NBC News" --kind ceasefire from=2023-09')
    assert parsed.name == "timeline"
    assert parsed.options == {
        "actor": "Russia",
        "source": "NBC News",
        "kind": "ceasefire",
        "from": "2023-09",
    }
    assert parsed.words == []


def test_free_text_keeps_words_and_unbalanced_quotes() -> None:
    parsed = parse_line('/actor Nikol "Pashinyan')
    assert parsed.name == "actor"
    assert parsed.words == ["Nikol", '"Pashinyan']


def test_slash_is_optional_and_case_folded() -> None:
    assert parse_line("TIMELINE").name == "timeline"


@pytest.mark.parametrize(
    "line, message",
    [
        ("", "Type a command"),
        ("   ", "Type a command"),
        ("/" + "x" * 3000, "too long"),
        ("/timeline actor:a actor:b", "given twice"),
        ("/tim€line", "Commands start with a name"),
        ("/timeline --actor", "needs a value"),
    ],
)
def test_bad_lines_are_explained(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_line(line)


def test_too_many_options() -> None:
    line = "/timeline " + " ".join(f"o{i}:x" for i in range(30))
    with pytest.raises(InputError, match="Too many options"):
        parse_line(line)


@pytest.mark.parametrize(
    "text, edtf, precision",
    [
        ("2023", "2023", Precision.YEAR),
        ("2023-09", "2023-09", Precision.MONTH),
        ("2023-9", "2023-09", Precision.MONTH),
        ("2024-02-29", "2024-02-29", Precision.DAY),
    ],
)
def test_user_dates(text: str, edtf: str, precision: Precision) -> None:
    point = parse_user_date(text)
    assert (point.edtf, point.precision) == (edtf, precision)


@pytest.mark.parametrize(
    "text", ["2023-02-30", "2023-13", "2023-00-10", "yesterday", "0000", "20230919"]
)
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_user_date(text)


def test_binding_validates_and_suggests() -> None:
    registry = default_commands()
    command, params = registry.bind(parse_line("/timeline from:2023-09 to:2023-09-30 page:2"))
    assert command.name == "timeline"
    assert params.from_.start.isoformat() == "2023-09-01"  # type: ignore[attr-defined]
    assert params.page == 2  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError) as unknown_option:
        registry.bind(parse_line("/timeline actr:Russia"))
    assert "actor:" in unknown_option.value.suggestions
    with pytest.raises(NotFoundError) as unknown_command:
        registry.bind(parse_line("/timline"))
    assert "/timeline" in unknown_command.value.suggestions
    with pytest.raises(InputError, match="not a valid date"):
        registry.bind(parse_line("/timeline from:2023-02-30"))
    with pytest.raises(InputError, match="page"):
        registry.bind(parse_line("/timeline page:0"))
    with pytest.raises(InputError, match="takes no free text"):
        registry.bind(parse_line("/timeline Russia"))


def test_free_text_may_contain_colons() -> None:
    _, params = default_commands().bind(parse_line("/actor Foo:Bar"))
    assert params.name == "Foo:Bar"  # type: ignore[attr-defined]


@given(st.text(max_size=300))
def test_parser_never_crashes(line: str) -> None:
    registry = default_commands()
    try:
        registry.bind(parse_line(line))
    except BriefbotError as error:
        assert error.message and len(error.message) < 400
