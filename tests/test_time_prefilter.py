"""The time rules' prefilter only ever skips scans that would find nothing: every example
meets its rule's requirements, and on real sentences (as written, lower and upper case) no
rule that matches was skipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefings.extract.time.prefilter import Prefilter, fold_text, requirements
from briefings.extract.time.rules import default_rules
from briefings.ingest import build_article, read_text_file
from briefings.seeds import load_manifest

RULES = default_rules()
PROJECT = Path(__file__).resolve().parent.parent


def _skipped_matches(text: str) -> list[str]:
    """Rules the prefilter would skip on `text` although their pattern matches it."""
    assert RULES.prefilter is not None
    met = RULES.prefilter.met(text)
    if met is None:
        return []
    return [
        rule.name
        for rule in RULES.rules
        if not rule.need_ids <= met and rule.pattern.search(text) is not None
    ]


@pytest.mark.parametrize(
    "name, example", [(rule.name, example) for rule in RULES.rules for example in rule.examples]
)
def test_every_example_meets_its_rule_requirements(name: str, example: str) -> None:
    assert name not in _skipped_matches(example)


def test_no_matching_rule_is_skipped_in_the_seeds() -> None:
    for seed in load_manifest(PROJECT / "seeds"):
        text = read_text_file(seed.path)
        for sentence in build_article(text, seed.meta).sentences:
            for variant in (sentence.text, sentence.text.lower(), sentence.text.upper()):
                assert _skipped_matches(variant) == [], variant


def test_folding_lowers_zeroes_digits_and_squashes_spaces() -> None:
    assert fold_text("On  Sept.\t19, 2023") == " on sept. 00, 0000 "
    # letters that (?i) reads as ASCII ones, and non-ASCII digits, cannot be folded
    for text in ("İstanbul", "ſome", "\u212aelvin", "٢٠٢٣"):
        assert fold_text(text) is None


def test_requirements_of_a_pattern() -> None:
    pattern = re.compile(r"(?<![\w])(?:that|the\s+same)\s+day(?![\w])", re.IGNORECASE)
    assert requirements(pattern) == (frozenset({"that day", "the same day"}),)
    digits = re.compile(r"(?:\d{4}|\d\d)-(?:[01]\d)|\d+", re.IGNORECASE)
    assert requirements(digits) == ()  # "\d+" alone needs no string
    dashed = re.compile(r"(?:\d{4}|\d\d)-(?:[01]\d)", re.IGNORECASE)
    assert requirements(dashed) == (frozenset({"-00"}),)  # every digit reads as 0
    prefilter = Prefilter([requirements(pattern)])
    assert prefilter.met("They left That  Day.") == frozenset({0})
    assert prefilter.met("They left that morning.") == frozenset()


def test_only_the_known_characters_match_ascii_under_ignorecase() -> None:
    """The fold's premise: under (?i) an ASCII character matches no non-ASCII character
    but ſ, ı, İ and the Kelvin sign; the uncased marks read off patterns match only
    themselves."""
    others = "".join(chr(c) for c in range(128, 0x30000) if not 0xD800 <= c < 0xE000)
    ascii_ = re.compile("|".join(re.escape(chr(c)) for c in range(32, 127)), re.IGNORECASE)
    assert {m.group() for m in ascii_.finditer(others)} == set("\u0130\u0131\u017f\u212a")
    for mark in "’‘“”–—":
        found = re.compile(re.escape(mark), re.IGNORECASE).findall(others)
        assert set(found) == {mark}


def test_a_narrowed_prefilter_meets_what_the_whole_one_meets() -> None:
    """A prefilter narrowed to some requirements (a frequent set of triggered rules') tells
    the same of each of them as the whole one."""
    assert RULES.prefilter is not None
    whole = RULES.prefilter
    for ids in (frozenset(range(0, 60, 3)), frozenset({1, 2, 5, 8, 13, 21}), frozenset()):
        narrowed = whole.narrowed(ids)
        for seed in load_manifest(PROJECT / "seeds"):
            for sentence in build_article(read_text_file(seed.path), seed.meta).sentences:
                for variant in (sentence.text, sentence.text.upper()):
                    met = whole.met(variant)
                    expected = met & ids if met is not None and ids else None
                    assert narrowed.met(variant) == expected, variant
