"""The time rules as data: every rule's examples are found whole by that rule, every named
part resolves, and a broken rules file fails at load naming the rule at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.extract.lexicon import default_lexicon
from briefings.extract.time.find import find_candidates
from briefings.extract.time.rules import default_rules, load_rules

RULES = default_rules()
EXAMPLES = [(rule.name, example) for rule in RULES.rules for example in rule.examples]


def test_every_rule_has_a_trigger_and_every_positive_rule_family_has_examples() -> None:
    assert all(rule.triggers for rule in RULES.rules)
    assert len(EXAMPLES) >= 60


@pytest.mark.parametrize("name, example", EXAMPLES)
def test_rule_examples_are_found_whole_by_their_rule(name: str, example: str) -> None:
    found = find_candidates(example)
    assert [(c.rule, example[c.start : c.end]) for c in found] == [(name, example)]


def test_negative_rules_take_text_out_of_play() -> None:
    assert find_candidates("Saudi Arabia's Vision 2030 plan aims to diversify.") == []
    assert find_candidates("The company employs 1800 people.") == []


def _write(tmp_path: Path, rules: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text("triggers: [months, digits]\nfragments:\n  digits: '\\d\\w*'\n" + rules)
    return path


def test_unknown_reference_names_the_rule(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  - {name: broken, pattern: '{nosuch} {months}', value: X}\n")
    with pytest.raises(ValueError, match=r"broken.*nosuch"):
        load_rules(path, default_lexicon())


def test_value_using_an_uncaptured_part_names_the_rule(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "rules:\n  - {name: bad_value, pattern: '{~months}', value: '{months}'}\n"
    )
    with pytest.raises(ValueError, match="bad_value"):
        load_rules(path, default_lexicon())


def test_bad_regex_and_bad_type_name_the_rule(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  - {name: unbalanced, pattern: '({months}', value: X}\n")
    with pytest.raises(ValueError, match="unbalanced"):
        load_rules(path, default_lexicon())
    path = _write(
        tmp_path, "rules:\n  - {name: typed, type: WHEN, pattern: '{months}', value: X}\n"
    )
    with pytest.raises(ValueError, match="typed"):
        load_rules(path, default_lexicon())


def test_a_rule_that_can_match_without_a_trigger_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  - {name: untriggered, pattern: 'soon', value: X}\n")
    with pytest.raises(ValueError, match="untriggered"):
        load_rules(path, default_lexicon())


def test_a_month_spelling_added_to_the_lexicon_reaches_every_rule(tmp_path: Path) -> None:
    lexicon_path = tmp_path / "lexicon.yaml"
    source = Path(__file__).resolve().parents[1] / "briefings" / "data" / "lexicon.yaml"
    lexicon_path.write_text(
        source.read_text("utf-8").replace('"09": [September,', '"09": [Septembre, September,')
    )
    from briefings.extract.lexicon import Lexicon

    rules = load_rules(lexicon=Lexicon.load(lexicon_path))
    found = find_candidates("The truce of 3 Septembre 2020 held.", rules)
    assert [(c.rule, c.value) for c in found] == [("day_month_year", "2020-09-03")]


def test_rules_from_the_disk_cache_compile_only_what_a_text_needs() -> None:
    """A pickled rule set is loaded with its patterns as text; finding candidates compiles
    the rules the text triggers and finds what the freshly built rules find."""
    import pickle

    built = default_rules()
    loaded = pickle.loads(pickle.dumps(built))
    assert all(rule.pattern._compiled is None for rule in loaded.rules)
    text = "The talks resumed on Tuesday, three weeks after the truce of March 3, 2021."
    found = find_candidates(text, loaded)
    assert found == find_candidates(text, built) and found
    compiled = [rule for rule in loaded.rules if rule.pattern._compiled is not None]
    assert 0 < len(compiled) < len(loaded.rules) // 2
    assert loaded.rules == built.rules  # rules compare by their text
