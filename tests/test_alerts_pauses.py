"""A failing channel's alerts are paused and its manager told once, as for digests — through
the Slack and Discord emulators with the real slack_sdk / discord.py clients, on both
databases. Later runs leave the paused channel alone (no posts, no edits); a manager resumes
it with `briefbot alerts resume` (held alerts then go out) or by subscribing again (a fresh
rule: what was queued for the old one is dropped, new happenings alert)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.alerts.cli import add_alerts_cli, run_alerts_cli
from bot.alerts.delivery import AlertDeliverer
from bot.alerts.run import run_alerts
from bot.app import BotCore, open_core
from bot.discord.alerts import DiscordAlertDeliverer
from bot.discord.digests import open_rest_client
from bot.metrics import ALERT_PAUSES
from bot.slack.alerts import SlackAlertDeliverer
from bot.slack.client import make_web_client
from bot.slack.escape import fit_mrkdwn
from briefings.alerts.rules import get_rule, subscribe
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings
from tests.emulators.discord import FakeDiscord
from tests.emulators.slack import BOT_TOKEN, SlackEmulator

CORPUS = Path(__file__).parent / "corpora" / "alerts"
CHANNEL = "C0PAUSED"
OWNER = "U0MANAGER"
DISCORD_TOKEN = "discord-pauses-token.SECRET"
FRESH_OFFENSIVE = """Sudan's army launches offensive to retake Omdurman market

KHARTOUM, March 14, 2024 - The Sudanese army launched an offensive against Rapid Support \
Forces positions in Omdurman on Wednesday, military sources said.

Residents reported heavy shelling around the city's central market through the night.
"""


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    opened = open_core(make_settings(database_url, tmp_path), seed=False)
    yield opened
    opened.close()


def _rule(core: BotCore, platform: str, channel: str, owner: str) -> None:
    with core.db.session() as session:
        subscribe(
            session,
            platform=platform,
            channel=channel,
            kinds=["offensive", "casualties"],
            created_by=owner,
        )


def _two_reports(core: BotCore) -> None:
    """An offensive and a death toll: two alerts for the channel."""
    for name, published in (("offensive_first.txt", 12), ("toll_first.txt", 13)):
        text = (CORPUS / name).read_text(encoding="utf-8")
        meta = ArticleMeta(outlet="Reuters", published=date(2024, 3, published))
        assert ingest_text(core.db, text, meta).stored


async def _statuses(
    core: BotCore, deliverers: Mapping[str, AlertDeliverer], minutes: int
) -> list[str]:
    """One delivery run `minutes` from now; the status of each outcome, with its detail."""
    now = datetime.now(UTC) + timedelta(minutes=minutes)
    outcomes = await run_alerts(core, now, deliverers, pause_after=3)
    for outcome in outcomes:
        assert BOT_TOKEN not in outcome.describe() and DISCORD_TOKEN not in outcome.describe()
    return [f"{o.status}: {o.detail}" if o.detail else o.status for o in outcomes]


def _cli(core: BotCore, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="briefbot")
    add_alerts_cli(parser.add_subparsers(dest="verb", required=True))
    return run_alerts_cli(core.settings, parser.parse_args(argv))


@pytest.mark.asyncio
async def test_slack_channel_gone_pauses_alerts_tells_the_manager_once_and_resumes(
    core: BotCore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rule(core, "slack", CHANNEL, OWNER)
    _two_reports(core)
    async with SlackEmulator() as slack:
        settings = make_settings(
            "sqlite://", tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url
        )
        slack_deliverer = SlackAlertDeliverer(make_web_client(settings, retry_dropped=False))
        deliverers = {"slack": slack_deliverer}

        def tries() -> int:
            """Calls naming the channel: posts, and a retry's look for an earlier post."""
            methods = ("chat.postMessage", "conversations.history", "chat.update")
            calls = [c for m in methods for c in slack.api_calls(m)]
            return sum(1 for call in calls if call.params.get("channel") == CHANNEL)

        slack.missing_channels.add(CHANNEL)
        paused_before = ALERT_PAUSES.labels("slack")._value.get()
        # one try per run, not one per alert: the second alert waits
        assert await _statuses(core, deliverers, 1) == ["failed: Slack: channel_not_found"]
        assert tries() == 1
        # a refusal that lasts pauses at the second failure in a row; the manager is told
        paused = await _statuses(core, deliverers, 2)
        assert paused == ["paused: Slack: channel_not_found; paused, its manager told"]
        assert ALERT_PAUSES.labels("slack")._value.get() == paused_before + 1  # in /metrics
        [notice] = slack.channel_messages(slack.dm_channel(OWNER))
        reason = fit_mrkdwn("Slack: channel_not_found", 300)  # escaped like any text not ours
        assert f"Alerts for <#{CHANNEL}> are paused: {reason}." in notice["text"]
        assert "/alerts subscribe" in notice["text"]
        rule = get_rule_of(core, "slack", CHANNEL)
        assert rule.paused and "PAUSED: Slack: channel_not_found" in rule.describe()

        for minutes in (3, 30, 90):  # later runs leave the channel alone
            assert await _statuses(core, deliverers, minutes) == []
        assert tries() == 2
        assert len(slack.channel_messages(slack.dm_channel(OWNER))) == 1

        slack.missing_channels.discard(CHANNEL)  # the bot is back in the channel
        assert _cli(core, "alerts", "resume", "--platform", "slack", "--channel", CHANNEL) == 0
        assert capsys.readouterr().out.strip() == f"resumed slack:{CHANNEL}"
        assert await _statuses(core, deliverers, 120) == ["sent", "sent"]
        assert len(slack.channel_messages(CHANNEL)) == 2
        assert await _statuses(core, deliverers, 121) == []
        assert _cli(core, "alerts", "resume", "--platform", "slack", "--channel", CHANNEL) == 1
        assert "not paused" in capsys.readouterr().err


def get_rule_of(core: BotCore, platform: str, channel: str):  # type: ignore[no-untyped-def]
    with core.db.session() as session:
        rule = get_rule(session, platform, channel)
    assert rule is not None
    return rule


@pytest.mark.asyncio
async def test_discord_channel_closed_pauses_alerts_and_subscribing_again_resumes(
    core: BotCore, tmp_path: Path
) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(DISCORD_TOKEN)
    await fake.start()
    try:
        channel, owner = fake.channel_ids[fake.guild_ids[0]], fake.snowflake()
        settings = make_settings(
            "sqlite://", tmp_path, DISCORD_TOKEN=DISCORD_TOKEN, DISCORD_API_URL=fake.api_url
        )
        client = await open_rest_client(settings)
        deliverers = {"discord": DiscordAlertDeliverer(client)}
        _rule(core, "discord", str(channel), str(owner))
        _two_reports(core)

        def tries() -> int:
            path = f"/channels/{channel}/messages"
            return sum(1 for r in fake.requests if r.method == "POST" and r.path == path)

        fake.deny_channel(channel, status=403, code=50001)
        reason = "Discord: Missing Access (50001)"
        assert await _statuses(core, deliverers, 1) == [f"failed: {reason}"]
        assert await _statuses(core, deliverers, 2) == [
            f"paused: {reason}; paused, its manager told"
        ]
        [notice] = fake.channel_messages(fake.dm_channels[owner])
        assert f"Alerts for <#{channel}> are paused: {reason}" in notice["content"]
        assert await _statuses(core, deliverers, 3) == []
        assert tries() == 2 and len(fake.channel_messages(fake.dm_channels[owner])) == 1

        del fake.denied_channels[channel]
        _rule(core, "discord", str(channel), str(owner))  # /alerts subscribe again
        assert not get_rule_of(core, "discord", str(channel)).paused
        # what was queued for the old rule is old news to the new one
        assert await _statuses(core, deliverers, 4) == []
        meta = ArticleMeta(outlet="Al Jazeera", published=date(2024, 3, 14))
        assert ingest_text(core.db, FRESH_OFFENSIVE, meta).stored
        assert await _statuses(core, deliverers, 5) == ["sent"]
        [message] = fake.channel_messages(channel)
        assert "Omdurman" in str(message["embeds"])
        await client.close()
    finally:
        await fake.stop()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
