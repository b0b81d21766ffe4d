"""The PolNeAR harness (`tests/corpora/claims.py`) scores what `briefbot extract --json`
prints: for a few dev articles, its figures equal those of the shared scorer running the CLI.

Reads the shared corpus when it is there (research use only: nothing of it is copied into
the project); skipped otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpora.shared import CORPORA, PROJECT, TOOLS

DEV = CORPORA / "polnear" / "dev"
ARTICLES = 3

pytestmark = pytest.mark.skipif(
    not (DEV / "text").is_dir() or not (TOOLS / "score_claims.py").exists(),
    reason="the shared PolNeAR corpus or scorer is not here",
)


def _sample(tmp_path: Path) -> Path:
    """A corpus folder linking the first dev articles (links, not copies)."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for text in sorted((DEV / "text").glob("*.txt"))[:ARTICLES]:
        (tmp_path / "text" / text.name).symlink_to(text)
        for ann in (DEV / "attributions").glob(f"{text.stem}*.ann"):
            (tmp_path / "attributions" / ann.name).symlink_to(ann)
    return tmp_path


def test_in_process_figures_equal_the_cli_scored_ones(tmp_path: Path) -> None:
    from tests.corpora import claims as harness

    sample = _sample(tmp_path)
    briefbot = Path(sys.executable).parent / "briefbot"
    command = f"{briefbot} extract {{file}} --published {{date}} --json"
    run = subprocess.run(
        [sys.executable, str(TOOLS / "score_claims.py"), str(sample), "--cmd", command, "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT,
        timeout=600,
    )
    cli = json.loads(run.stdout.strip().splitlines()[-1])
    assert cli["errors"] == 0

    original = harness.POLNEAR
    try:
        harness.POLNEAR = sample.parent
        harness._articles.cache_clear()
        ours = harness.evaluate(sample.name)
    finally:
        harness.POLNEAR = original
        harness._articles.cache_clear()
    for key in ("content_p", "content_r", "content_f1", "joint_f1", "source_acc", "cue_r"):
        assert round(ours[key], 4) == cli[key], key
    assert ours["claims"] == cli["claims"]
