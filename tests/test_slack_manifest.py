"""The Slack app manifest: generated from the registry, minimal scopes, both modes, the CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from bot.slack.cli import add_slack_cli, run_slack_cli
from bot.slack.commands import UMBRELLA
from bot.slack.manifest import ManifestError, build_manifest, events_url, manifest_text
from bot.slack.modes import SlackMode
from briefings.cards import Card
from briefings.commands import Command, CommandRegistry, Permission, default_commands
from tests.conftest import make_settings

URL = "https://briefbot.example.org"
SLACK_COMMAND_NAME_MAX = 32
SLACK_DESCRIPTION_MAX = 2000
SLACK_USAGE_HINT_MAX = 1000


def _commands(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["command"]: entry for entry in manifest["features"]["slash_commands"]}


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="briefbot")
    add_slack_cli(parser.add_subparsers(dest="verb", required=True))
    return parser.parse_args(argv)


@pytest.mark.parametrize("mode", ["socket", "http"])
def test_every_registry_command_and_the_umbrella_are_declared(mode: SlackMode) -> None:
    registry = default_commands()
    manifest = build_manifest(registry, mode=mode, url=URL if mode == "http" else None)
    commands = _commands(manifest)
    expected = {f"/{command.name}" for command in registry} | {f"/{UMBRELLA}"}
    assert set(commands) == expected
    assert len(manifest["features"]["slash_commands"]) == len(expected)  # no duplicates
    for command in registry:
        entry = commands[f"/{command.name}"]
        if command.name != UMBRELLA:
            assert entry["description"] == command.summary
        assert entry["should_escape"] is False
        hint = command.usage.removeprefix(f"/{command.name}").strip()
        if hint and command.name != UMBRELLA:
            assert entry["usage_hint"] == hint
    for name, entry in commands.items():
        assert name == name.lower() and len(name) <= SLACK_COMMAND_NAME_MAX
        assert 0 < len(entry["description"]) <= SLACK_DESCRIPTION_MAX
        assert len(entry.get("usage_hint", "")) <= SLACK_USAGE_HINT_MAX


def test_socket_mode_manifest_has_no_urls() -> None:
    manifest = build_manifest(default_commands(), mode="socket")
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"] == {"is_enabled": True}
    assert all("url" not in entry for entry in manifest["features"]["slash_commands"])
    assert manifest["display_information"]["name"]
    assert manifest["features"]["bot_user"]["display_name"] == "briefbot"


@pytest.mark.parametrize(
    "base", [URL, URL + "/", URL + "/slack/events", "https://example.org/bots/brief/"]
)
def test_http_mode_points_commands_and_buttons_at_slack_events(base: str) -> None:
    manifest = build_manifest(default_commands(), mode="http", url=base)
    expected = base.rstrip("/").removesuffix("/slack/events") + "/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": expected}
    assert {entry["url"] for entry in manifest["features"]["slash_commands"]} == {expected}


@pytest.mark.parametrize("url", ["http://plain.example.org", "briefbot.example.org", "https://"])
def test_http_mode_needs_an_https_url(url: str) -> None:
    with pytest.raises(ManifestError, match="https"):
        events_url(url)
    with pytest.raises(ManifestError):
        build_manifest(default_commands(), mode="http", url=None)


def test_scopes_are_the_fewest_that_work() -> None:
    registry = default_commands()
    scopes = build_manifest(registry)["oauth_config"]["scopes"]["bot"]
    # /digest subscribe is for channel managers: users:read tells Slack's admins; digests
    # read their channel's history (a retry's check) and message the subscriber directly
    expected = {"commands", "chat:write", "files:write", "users:read"}
    expected |= {"channels:history", "groups:history", "im:write"}
    assert sorted(scopes) == sorted(expected)

    class NoParams(BaseModel):
        pass

    with_admin = CommandRegistry()
    for command in registry:
        with_admin.add(command)
    with_admin.add(
        Command(
            name="lockdown",
            summary="admins only",
            params=NoParams,
            handler=lambda context, params: Card(title="x"),
            permission=Permission.CHANNEL_ADMIN,
        )
    )
    scopes = build_manifest(with_admin)["oauth_config"]["scopes"]["bot"]
    assert "users:read" in scopes  # only now is there anyone to look up


def test_a_registry_brief_command_is_declared_once_as_the_umbrella() -> None:
    class TopicParams(BaseModel):
        topic: str | None = None

    registry = CommandRegistry()
    for command in default_commands():
        if command.name != UMBRELLA:
            registry.add(command)
    registry.add(
        Command(
            name=UMBRELLA,
            summary="The situation now",
            params=TopicParams,
            handler=lambda context, params: Card(title="x"),
            positional="topic",
        )
    )
    entries = [e for e in build_manifest(registry)["features"]["slash_commands"]]
    briefs = [e for e in entries if e["command"] == f"/{UMBRELLA}"]
    assert len(briefs) == 1
    assert briefs[0]["description"].startswith("The situation now")


def test_yaml_and_json_say_the_same() -> None:
    manifest = build_manifest(default_commands(), mode="http", url=URL)
    assert yaml.safe_load(manifest_text(manifest)) == manifest
    assert json.loads(manifest_text(manifest, as_json=True)) == manifest
    socket = manifest_text(build_manifest(default_commands()))
    assert socket.startswith("#") and "connections:write" in socket


def test_cli_prints_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = make_settings("sqlite://", tmp_path)
    assert run_slack_cli(settings, _parse(["slack", "manifest", "--http", URL, "--json"])) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["settings"]["interactivity"]["request_url"] == URL + "/slack/events"

    assert run_slack_cli(settings, _parse(["slack", "manifest"])) == 0
    assert yaml.safe_load(capsys.readouterr().out)["settings"]["socket_mode_enabled"] is True

    http_settings = make_settings(
        "sqlite://", tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s"
    )
    assert run_slack_cli(http_settings, _parse(["slack", "manifest"])) == 2
    assert "--http" in capsys.readouterr().err
    assert run_slack_cli(http_settings, _parse(["slack", "manifest", "--socket"])) == 0
    capsys.readouterr()

    assert run_slack_cli(settings, _parse(["slack", "manifest", "--http", "http://x.org"])) == 2
    assert "https" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _parse(["slack", "manifest", "--socket", "--http", URL])
