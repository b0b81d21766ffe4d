"""A quick command line (issue 20): what each verb loads, `--version`, and the disk cache of
compiled data. Speed itself is measured by the benchmark (`cli.*_seconds`), never here."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from briefings import compiled_cache
from briefings.extract.time.rules import TimeRules, default_rules, load_rules
from tests.conftest import SEEDS

ARTICLE = """Talks resume in Geneva

GENEVA, June 3, 2025 (Reuters) - Negotiators from Ruritania and Freedonia resumed talks on
Tuesday, a day after a ceasefire took effect along the disputed border.

"We are ready to sign an agreement," Ruritanian foreign minister Anton Weber said.
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_"))
    }
    values.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEEDS_DIR=str(SEEDS),
        BRIEFBOT_LOG_LEVEL="ERROR",
        BRIEFBOT_CACHE_DIR=str(tmp_path / "cache"),
    )
    return values


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def loaded_after(env: dict[str, str], *args: str) -> set[str]:
    """The modules a `briefbot` process holds once the verb has run (in the process itself)."""
    script = (
        "import json, sys\n"
        "from bot.cli import main\n"
        f"code = main({list(args)!r})\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_version_prints_the_installed_version(env: dict[str, str]) -> None:
    result = run(env, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"briefbot {version('briefbot')}"


def test_version_and_help_load_neither_the_database_nor_the_platforms(
    env: dict[str, str],
) -> None:
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['sqlalchemy', 'pydantic', 'discord', 'slack_bolt', 'apscheduler', 'yaml',\n"
        "         'briefings.commands', 'briefings.store.database', 'briefings.extract.pipeline']\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_extract_runs_without_the_database_or_the_commands(
    env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    modules = loaded_after(env, "extract", str(article), "--json")
    assert "briefings.extract.pipeline" in modules
    for heavy in ("sqlalchemy", "briefings.store.database", "briefings.commands", "discord"):
        assert heavy not in modules
    # nor the settings machinery, nor libraries only other verbs need (the data files come
    # from the disk cache after the first run)
    again = loaded_after(env, "extract", str(article), "--json")
    for heavy in ("pydantic_settings", "asyncio", "rapidfuzz", "yaml"):
        assert heavy not in again


def test_extract_refuses_a_bad_log_level_by_name(env: dict[str, str], tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run({**env, "BRIEFBOT_LOG_LEVEL": "LOUD"}, "extract", str(article))
    assert result.returncode == 2
    assert "BRIEFBOT_LOG_LEVEL" in result.stderr and "LOUD" not in result.stderr


def test_ask_loads_no_platform_library(env: dict[str, str]) -> None:
    modules = loaded_after(env, "ask", "/timeline")
    for heavy in ("discord", "slack_bolt", "apscheduler", "matplotlib", "httpx"):
        assert heavy not in modules


def test_help_comes_from_the_cache_the_second_time_and_reads_the_same(
    env: dict[str, str],
) -> None:
    for line, form in (("/help", "text"), ("/help timeline", "json"), ("/HELP brief", "slack")):
        first = run(env, "ask", line, "--format", form)
        assert first.returncode == 0, first.stderr
        modules = loaded_after(env, "ask", line, "--format", form)
        assert "sqlalchemy" not in modules and "briefings.commands" not in modules
        again = run(env, "ask", line, "--format", form)
        assert (again.returncode, again.stdout) == (0, first.stdout)
    for _ in range(2):  # a mistake is never cached: it is worked out and refused each time
        wrong = run(env, "ask", "/help nosuch")
        assert wrong.returncode == 1
        assert "There is no command" in wrong.stderr


def test_extract_output_is_the_same_from_a_cold_and_a_warm_cache(
    env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cold = run(env, "extract", str(article), "--json")
    assert cold.returncode == 0, cold.stderr
    cached = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert any(name.startswith("time-rules-") for name in cached), cached
    assert any(name.startswith("event-kinds-") for name in cached), cached
    warm = run(env, "extract", str(article), "--json")
    assert warm.returncode == 0, warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    assert json.loads(warm.stdout)["claims"], "the article's claim is found"


def test_cache_builds_once_then_reads_and_ignores_a_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"answer": 42}

    assert compiled_cache.load_or_build("probe", build, dict) == {"answer": 42}
    assert compiled_cache.load_or_build("probe", build, dict) == {"answer": 42}
    assert len(builds) == 1
    (stored,) = tmp_path.glob("probe-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert compiled_cache.load_or_build("probe", build, dict) == {"answer": 42}
    assert len(builds) == 2
    stored.write_bytes(pickle.dumps(["the wrong kind"]))
    assert compiled_cache.load_or_build("probe", build, dict) == {"answer": 42}
    assert len(builds) == 3


def test_cache_in_an_unwritable_place_compiles_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(blocker / "cache"))
    assert compiled_cache.load_or_build("probe", lambda: {"x": 1}, dict) == {"x": 1}


def test_cached_time_rules_equal_a_fresh_compilation() -> None:
    cached, fresh = default_rules(), load_rules()
    assert isinstance(cached, TimeRules)
    assert [(r.name, r.pattern.pattern, r.value) for r in cached.rules] == [
        (r.name, r.pattern.pattern, r.value) for r in fresh.rules
    ]


def test_cli_copies_of_platform_names_match_their_sources() -> None:
    from bot.digests import cli as digest_cli
    from bot.slack import cli as slack_cli
    from bot.slack.manifest import APP_NAME
    from briefings.digests.subscriptions import PLATFORMS

    assert digest_cli.PLATFORMS == PLATFORMS
    assert slack_cli.APP_NAME == APP_NAME
