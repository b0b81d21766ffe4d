"""The `briefbot` command as operators and integrations use it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ARTICLE = """Talks resume in Geneva

By Lena Ortiz

GENEVA, June 3, 2025 (Reuters) - Negotiators from Ruritania and Freedonia resumed talks on
Tuesday, a day after a ceasefire took effect along the disputed border.

"We are ready to sign an agreement," Ruritanian foreign minister Anton Weber said.

At least 40 soldiers were killed in the fighting last week, according to the United Nations.
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
    )
    return values


def briefbot(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment.lower() in lines[0].lower(), lines[0]


def test_run_serves_the_console_on_the_seeds(env: dict[str, str]) -> None:
    result = briefbot(env, "run", stdin="/timeline\n/actor Russia\n/source cnn\nquit\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Timeline" in out and "2023-09-19" in out
    assert "Russia" in out and "CNN" in out
    assert "Sources:" in out  # footnotes for cited lines


def test_ask_text_and_json(env: dict[str, str]) -> None:
    text = briefbot(env, "ask", "/actor Moscow")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Russia")
    result = briefbot(env, "ask", "/timeline", "--format", "json")
    card = json.loads(result.stdout)
    items = [item for section in card["sections"] for item in section["items"]]
    assert items
    for item in items:
        assert item["date"]
        for citation in item["citations"]:
            assert {"outlet", "article_id", "sentence"} <= set(citation)


def test_ingest_then_reingest(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "geneva.txt").write_text(ARTICLE, encoding="utf-8")
    first = briefbot(env, "ingest", str(folder), "--published", "2025-06-05")
    assert first.returncode == 0, first.stderr
    assert "ingested 1 new of 1" in first.stdout
    again = briefbot(env, "ingest", str(folder / "geneva.txt"), "--published", "2025-06-05")
    assert "ingested 0 new of 1" in again.stdout
    card = briefbot(env, "ask", "/source reuters", "--format", "json")
    assert card.returncode == 0, card.stderr
    assert {
        c["outlet"] for c in json.loads(card.stdout)["sections"][0]["items"][0]["citations"]
    } == {"Reuters"}


def test_extract_json_shape(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "geneva.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = briefbot(env, "extract", str(path), "--published", "2025-06-05", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["outlet"] == "Reuters"
    assert data["article"]["published"] == "2025-06-05"
    assert set(data) >= {"article", "events", "actors", "claims", "figures"}
    talks = [e for e in data["events"] if e["kind"] == "talks"]
    assert talks and talks[0]["date"] == "2025-06-03"
    for event in data["events"]:
        assert set(event) >= {"date", "precision", "kind", "text", "actors", "citation"}
    assert any(f["value"] == 40 and f["qualifier"] == "at least" for f in data["figures"])
    names = {a["name"] for a in data["actors"]}
    assert "United Nations" in names and "Lena Ortiz" not in names


def test_extract_stores_nothing(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "geneva.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    briefbot(env, "extract", str(path), "--json")
    assert not (tmp_path / "data" / "briefbot.sqlite3").exists()


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("ask", "/nosuch"), "no command"),
        (("ask", "/timeline from:2023-02-30"), "not a valid date"),
        (("ask", "/actor Qqqqzzzz"), "did you mean"),
        (("ingest", "/no/such/file.txt"), "no such"),
        (("extract", "/no/such/file.txt", "--json"), "no such"),
        (("extract", "README.md", "--published", "2023-02-30"), "not a valid date"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_bad_input_is_one_clear_line(
    env: dict[str, str], args: tuple[str, ...], fragment: str
) -> None:
    assert_clean_failure(briefbot(env, *args), fragment)


def test_bad_files_are_rejected(env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    assert_clean_failure(briefbot(env, "extract", str(empty), "--json"), "empty")
    assert_clean_failure(briefbot(env, "extract", str(binary), "--json"), "binary")
    result = briefbot(env, "ingest", str(empty))
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_seeding_can_be_turned_off(env: dict[str, str]) -> None:
    env["BRIEFBOT_SEED"] = "false"
    result = briefbot(env, "ask", "/timeline")
    assert result.returncode == 0
    assert "No dated events" in result.stdout


def test_db_upgrade_and_current(env: dict[str, str]) -> None:
    current = briefbot(env, "db", "current")
    assert current.returncode == 0 and "schema revision none" in current.stdout
    upgraded = briefbot(env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    revision = upgraded.stdout.split()[2]
    assert revision != "none" and f"code head {revision}" in upgraded.stdout


def test_bad_setting_is_one_clear_line(env: dict[str, str]) -> None:
    env["BRIEFBOT_PAGE_SIZE"] = "many"
    assert_clean_failure(briefbot(env, "ask", "/help"), "BRIEFBOT_PAGE_SIZE")


def test_start_up_leaves_heavy_libraries_for_the_commands_that_need_them() -> None:
    """`briefbot run` (Slack, digests, feeds) imports no chart, Discord, page-fetching or
    extraction code until something uses it: each costs start-up time for nothing."""
    heavy = (
        "matplotlib",
        "discord",
        "trafilatura",
        "httpx",
        "feedparser",
        "briefings.service",
        "briefings.extract.pipeline",
        "briefings.extract.time",
    )
    probe = (
        "import sys, bot.cli, bot.runtime, bot.slack.runner, bot.feeds.jobs, bot.app; "
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"
