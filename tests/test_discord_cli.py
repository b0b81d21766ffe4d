"""`briefbot discord sync|invite` against the fake Discord: REST only, never the gateway."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.config import Settings
from bot.discord.cli import add_discord_cli, invite_permissions, invite_url, run_discord_cli
from briefings.commands import default_commands
from tests.conftest import make_settings
from tests.emulators.discord import FakeDiscord

TOKEN = "MTIz.cli-token.SECRET-must-never-be-printed"


@pytest.fixture
def fake() -> Iterator[FakeDiscord]:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(TOKEN)
    with fake.running_in_thread():
        yield fake
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
    assert not fake.unhandled, [f"{r.method} {r.path}" for r in fake.unhandled]
    assert not fake.sessions, "the CLI must not open a gateway session"


def settings_for(tmp_path: Path, fake: FakeDiscord | None, **env: object) -> Settings:
    values: dict[str, object] = {"DISCORD_TOKEN": TOKEN}
    if fake is not None:
        values |= {"DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url}
    values |= env
    return make_settings(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path, **values)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="briefbot")
    add_discord_cli(parser.add_subparsers(dest="verb", required=True))
    return parser.parse_args(["discord", *argv])


def test_sync_to_a_guild_registers_every_command_with_options(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guild = fake.guild_ids[0]
    code = run_discord_cli(settings_for(tmp_path, fake), parse("sync", "--guild", str(guild)))
    out, err = capsys.readouterr()
    assert code == 0, err
    (put,) = [r for r in fake.requests if r.method == "PUT"]
    assert put.path == f"/applications/{fake.app_id}/guilds/{guild}/commands"
    assert put.headers["Authorization"] == f"Bot {TOKEN}"
    registry = default_commands()
    by_name = {c["name"]: c for c in put.body}
    assert set(by_name) == {c.name for c in registry}
    for command in registry:
        body = by_name[command.name]
        assert 1 <= len(body["description"]) <= 100
        options = {o["name"]: o for o in body.get("options", [])}
        assert set(options) == {info.name for info in command.param_info()}
        for info in command.param_info():
            assert options[info.name].get("autocomplete", False) == bool(info.autocomplete)
            assert options[info.name]["required"] == info.required
    assert f"synced {len(list(registry))} commands to guild {guild}" in out
    assert TOKEN not in out + err


def test_sync_without_a_guild_is_global(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_discord_cli(settings_for(tmp_path, fake), parse("sync")) == 0
    (put,) = [r for r in fake.requests if r.method == "PUT"]
    assert put.path == f"/applications/{fake.app_id}/commands"
    assert "globally" in capsys.readouterr().out


def test_invite_asks_discord_for_the_application_id(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_discord_cli(settings_for(tmp_path, fake), parse("invite")) == 0
    assert capsys.readouterr().out.strip() == invite_url(fake.app_id)
    assert [r.path for r in fake.requests] == ["/users/@me", "/oauth2/applications/@me"]


def test_invite_with_a_client_id_needs_no_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(tmp_path, None, DISCORD_TOKEN="")
    assert run_discord_cli(settings, parse("invite", "--client-id", "123456789012345678")) == 0
    expected = discord.Permissions(
        view_channel=True, send_messages=True, embed_links=True, attach_files=True
    ).value
    assert expected == 52224
    assert capsys.readouterr().out.strip() == (
        "https://discord.com/oauth2/authorize?client_id=123456789012345678"
        f"&scope=bot+applications.commands&permissions={expected}"
    )
    permissions = invite_permissions()
    assert not (permissions.administrator or permissions.mention_everyone)
    assert not permissions.manage_messages and not permissions.read_message_history


def test_missing_token_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_discord_cli(settings_for(tmp_path, None, DISCORD_TOKEN=""), parse("sync")) == 2
    assert capsys.readouterr().err == "briefbot: DISCORD_TOKEN is not set.\n"


def test_a_refused_token_is_reported_without_printing_it(
    fake: FakeDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "MTIz.wrong-token.SECRET"
    code = run_discord_cli(settings_for(tmp_path, fake, DISCORD_TOKEN=wrong), parse("sync"))
    out, err = capsys.readouterr()
    assert code == 1
    assert err == "briefbot: Discord refused DISCORD_TOKEN (401 Unauthorized).\n"
    assert wrong not in out + err and not [r for r in fake.requests if r.method == "PUT"]


def test_an_unreachable_api_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = Route.BASE
    try:
        settings = settings_for(tmp_path, None, DISCORD_API_URL="http://127.0.0.1:9/api/v10")
        assert run_discord_cli(settings, parse("invite")) == 1
    finally:
        Route.BASE = base
    assert capsys.readouterr().err.startswith("briefbot: could not reach Discord")


def test_ids_are_checked_by_the_parser() -> None:
    with pytest.raises(SystemExit):
        parse("sync", "--guild", "general")
