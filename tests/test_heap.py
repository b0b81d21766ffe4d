"""The long-running process freezes its long-lived heap (bot.heap): full collections stop
walking start-up objects, which put ~50 ms into whichever answer triggered one."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import open_core
from tests.conftest import make_settings


@pytest.fixture
def thawed() -> Iterator[None]:
    """Tests share one interpreter: leave the collector as found."""
    yield
    gc.unfreeze()


def test_settling_freezes_start_up_then_each_commands_first_answer(
    tmp_path: Path, thawed: None
) -> None:
    core = open_core(make_settings(f"sqlite:///{tmp_path / 'b.sqlite3'}", tmp_path), seed=False)
    try:
        assert core.heap is None  # one-shot uses (and tests) do not freeze
        core.ask("/help")
        gc.unfreeze()
        core.settle()
        after_start = gc.get_freeze_count()
        assert after_start > 0
        core.ask("/sources")
        after_first = gc.get_freeze_count()
        assert after_first > after_start  # the first /sources answer's modules and caches
        core.ask("/sources")
        assert gc.get_freeze_count() == after_first  # later answers are not frozen
    finally:
        core.close()
