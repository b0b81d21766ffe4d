"""Each extraction component reads only what an earlier one provides (spaCy's
`analyze_pipes` check, for our pipeline)."""

from __future__ import annotations

from briefings.extract.pipeline import COMPONENTS


def test_every_requirement_is_provided_earlier() -> None:
    provided: set[str] = set()
    for name, requires, provides in COMPONENTS:
        missing = set(requires) - provided
        assert not missing, f"{name} requires {sorted(missing)} before anything provides it"
        provided |= set(provides)


def test_components_are_named_once() -> None:
    names = [name for name, _, _ in COMPONENTS]
    assert len(names) == len(set(names))
