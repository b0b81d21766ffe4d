"""The alert's "Full timeline" is a button on Slack and Discord: posted with the alert through
the emulators, and pressing it (the real slack-bolt app / discord.py client) answers the
clicker alone with the channel's timeline, leaving the alert in the channel as it was. The
console shows the same as a command line to type."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.actions import ActionKind, decode_action
from bot.alerts.delivery import ConsoleAlertDeliverer
from bot.alerts.run import run_alerts
from bot.app import BotCore, open_core
from bot.discord.alerts import DiscordAlertDeliverer
from bot.slack.alerts import SlackAlertDeliverer
from bot.slack.client import make_web_client
from bot.slack.render import render_slack
from briefings.alerts.rules import subscribe
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings
from tests.emulators.discord import CHANNEL_MESSAGE, EPHEMERAL, FakeDiscord
from tests.emulators.slack import SlackEmulator, block_action, post_signed
from tests.test_discord_client import TOKEN, bot, data_of, embeds, rendered
from tests.test_slack_app import _settings, serve_http

CORPUS = Path(__file__).parent / "corpora" / "alerts"
SLACK_CHANNEL = "C0TIMELINE"
DAY = "2024-03-11"  # the offensive's day in offensive_first.txt


@pytest.fixture
def core(tmp_path: Path) -> Iterator[BotCore]:
    """The seeds, then an offensive reported after the channel's rule was made."""
    opened = open_core(make_settings(f"sqlite:///{tmp_path / 'alerts.sqlite3'}", tmp_path))
    yield opened
    opened.close()


def _alert_on(core: BotCore, platform: str, channel: str) -> None:
    with core.db.session() as session:
        subscribe(session, platform=platform, channel=channel, kinds=["offensive"])
    text = (CORPUS / "offensive_first.txt").read_text(encoding="utf-8")
    meta = ArticleMeta(outlet="Reuters", published=date(2024, 3, 12))
    assert ingest_text(core.db, text, meta).stored


def _later() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=1)


def test_the_console_alert_names_the_timeline_commands(core: BotCore) -> None:
    _alert_on(core, "console", "ops")
    stream = io.StringIO()
    asyncio.run(run_alerts(core, _later(), {"console": ConsoleAlertDeliverer(stream)}))
    out = stream.getvalue()
    assert "Full timeline: /timeline\n" in out
    assert f"Timeline of {DAY}: /timeline from:{DAY} to:{DAY}" in out
    assert "Sudan" not in core.ask(f"/timeline from:{DAY} to:{DAY}").model_dump_json()
    assert "Lachin" in core.ask(f"/timeline from:{DAY} to:{DAY}").model_dump_json()


def _slack_buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        element["text"]["text"]: element
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


@pytest.mark.asyncio
async def test_slack_alert_has_timeline_buttons_that_answer_the_clicker_alone(
    core: BotCore, tmp_path: Path
) -> None:
    _alert_on(core, "slack", SLACK_CHANNEL)
    async with SlackEmulator() as slack:
        settings = _settings(tmp_path, slack, "http")
        deliverer = SlackAlertDeliverer(make_web_client(settings, retry_dropped=False))
        outcomes = await run_alerts(core, _later(), {"slack": deliverer})
        assert [o.status for o in outcomes] == ["sent"]
        [alert] = slack.channel_messages(SLACK_CHANNEL)
        buttons = _slack_buttons(alert)
        assert set(buttons) == {"Full timeline", f"Timeline of {DAY}"}
        full = buttons["Full timeline"]
        state = decode_action(full["value"])
        assert state is not None and (state.kind, state.command) == (ActionKind.VIEW, "/timeline")
        assert "Full timeline: /timeline" not in json.dumps(alert["blocks"])  # a button, not text

        async with serve_http(core, settings) as app_url:
            url = slack.response_url()
            click = block_action(
                full["action_id"],
                full["value"],
                response_url=url,
                channel_id=SLACK_CHANNEL,
                ephemeral=False,  # the alert is a message the whole channel sees
            )
            assert (await post_signed(app_url, click)).status == 200
            [answer] = await slack.wait_responses(url)
        expected = render_slack(core.ask("/timeline"), shareable=True)[0]
        assert answer["response_type"] == "ephemeral"
        assert answer.get("replace_original") is not True  # the alert stays as it was
        assert answer["blocks"] == expected["blocks"]
        assert slack.channel_messages(SLACK_CHANNEL) == [alert]
        assert not slack.api_calls("chat.update")


@pytest.mark.asyncio
async def test_discord_alert_has_timeline_buttons_that_answer_the_clicker_alone(
    core: BotCore, tmp_path: Path
) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(TOKEN)
    await fake.start()
    try:
        channel = fake.channel_ids[fake.guild_ids[0]]
        _alert_on(core, "discord", str(channel))
        async with bot(fake, core, tmp_path) as client:  # the running bot delivers and answers
            outcomes = await run_alerts(core, _later(), {"discord": DiscordAlertDeliverer(client)})
            assert [o.status for o in outcomes] == ["sent"]
            [alert] = fake.channel_messages(channel)
            buttons = {
                button["label"]: button
                for row in alert["components"]
                for button in row["components"]
            }
            assert set(buttons) == {"Full timeline", f"Timeline of {DAY}"}
            day = decode_action(buttons[f"Timeline of {DAY}"]["custom_id"])
            assert day is not None and day.kind == ActionKind.VIEW
            assert day.command == f"/timeline from:{DAY} to:{DAY}"
            before = json.dumps(alert, sort_keys=True)

            click = await fake.click(alert, buttons[f"Timeline of {DAY}"]["custom_id"])
            [answer] = await fake.responses(click)
        payload = data_of(answer)
        assert answer.body["type"] == CHANNEL_MESSAGE and payload.get("flags", 0) & EPHEMERAL
        assert embeds(payload) == embeds(rendered(core, f"/timeline from:{DAY} to:{DAY}"))
        assert "Lachin" in json.dumps(embeds(payload))
        assert json.dumps(fake.channel_messages(channel)[0], sort_keys=True) == before
    finally:
        await fake.stop()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
