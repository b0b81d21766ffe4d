"""The sentence splitter on the abbreviations, quotes and numbers news prose is full of."""

from __future__ import annotations

import pytest

from briefings.ingest.sentences import split_sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire came into effect at 1 p.m. (local time) on Wednesday, officials said.",
        "President Joe R. Biden met Gen. Mark Milley and Dr. Jane Smith on Sept. 13 in St. Louis.",
        "A U.S. military spokesperson and the U.N. envoy met in Yerevan.",
        "The rate rose to 3.5 percent, up from 2.75, said Mr. Smith of No. 10 Downing St. today.",
        'He said the side was "stockpiling various weapons... preparing the ground for war."',
        '"Is it over?" she asked, before leaving.',
        "Troops from the U.S. Army and E.U. monitors arrived, e.g. in Jermuk and Goris.",
        "The talks began at 9 a.m. Thursday in Brussels.",
        "Prices at Acme Inc. rose in Jan. and Feb. this year.",
    ],
)
def test_no_false_breaks(text: str) -> None:
    assert split(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"It is tragic, hopeless and predictable," she said. "Judas\' fate is unenviable."',
            [
                '"It is tragic, hopeless and predictable," she said.',
                '"Judas\' fate is unenviable."',
            ],
        ),
        (
            "Troops left the U.S. The base closed.",
            ["Troops left the U.S.", "The base closed."],
        ),
        (
            "It ended at 5 p.m. The next day was calm.",
            ["It ended at 5 p.m.", "The next day was calm."],
        ),
        (
            "Will it hold? Nobody knows! Officials (who declined to be named) were silent.",
            ["Will it hold?", "Nobody knows!", "Officials (who declined to be named) were silent."],
        ),
        (
            "He said it was over... The next day came.",
            ["He said it was over...", "The next day came."],
        ),
        (
            "It happened during World War I. Turkey denies it.",
            ["It happened during World War I.", "Turkey denies it."],
        ),
        (
            "(The ministry did not respond.) Talks resume Monday.",
            ["(The ministry did not respond.)", "Talks resume Monday."],
        ),
        (
            "About 2,000 troops were sent. 120,000 people live there.",
            ["About 2,000 troops were sent.", "120,000 people live there."],
        ),
    ],
)
def test_breaks(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_spans_are_trimmed_and_ordered() -> None:
    text = "  First one.   Second one!  —  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!  —"]
    assert spans == sorted(spans)


def test_empty_and_punctuation_only() -> None:
    assert split_sentences("") == []
    assert split_sentences("  ...  ") == []
