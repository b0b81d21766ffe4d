"""`briefbot digest …` through its own argparse parser (not yet wired into `bot.cli`)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.digests.cli import add_digest_cli, run_digest_cli
from tests.conftest import make_settings


def run(tmp_path: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="briefbot")
    add_digest_cli(parser.add_subparsers(dest="verb", required=True))
    settings = make_settings(f"sqlite:///{tmp_path}/cli.sqlite3", tmp_path, BRIEFBOT_SEED="false")
    return run_digest_cli(settings, parser.parse_args(argv))


def test_subscribe_list_run_preview_unsubscribe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = ("digest", "subscribe", "--platform", "console", "--channel", "ops")
    assert run(tmp_path, *sub, "--at", "25:00", "--tz", "Europe/Berlin") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a time of day" in err

    assert run(tmp_path, *sub, "--at", "08:00", "--tz", "UTC", "--post-when-empty") == 0
    assert "subscribed console:ops daily at 08:00 UTC" in capsys.readouterr().out
    assert run(tmp_path, "digest", "list") == 0
    assert capsys.readouterr().out.startswith("console:ops daily at 08:00 UTC")

    tomorrow = "2099-01-01T08:00:00Z"  # the subscription exists from now on
    assert run(tmp_path, "digest", "run-due", "--now", tomorrow) == 0
    out = capsys.readouterr().out
    assert "Daily digest — 2099-01-01" in out and "Nothing new since" in out
    lines = out.strip().splitlines()
    assert lines[-2].startswith("console:ops 2099-01-01 sent console-")
    assert lines[-1] == "delivered 1"
    assert run(tmp_path, "digest", "run-due", "--now", tomorrow) == 0
    assert capsys.readouterr().out.strip() == "delivered 0"

    assert run(tmp_path, "digest", "preview", "--channel", "ops") == 0
    assert "(preview)" in capsys.readouterr().out

    assert run(tmp_path, "digest", "unsubscribe", "--platform", "console", "--channel", "ops") == 0
    assert run(tmp_path, "digest", "unsubscribe", "--platform", "console", "--channel", "ops") == 1
    assert "no digest subscription" in capsys.readouterr().err


def test_run_due_rejects_an_instant_without_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "digest", "run-due", "--now", "2025-03-30T08:00") == 1
    assert "UTC offset" in capsys.readouterr().err
