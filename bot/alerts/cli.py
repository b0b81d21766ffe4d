"""`briefbot alerts subscribe|list|unsubscribe|resume|run`.

`run` is cron-friendly like `digest run-due`: one line per alert posted, edited, summarised
or held, and last `delivered N` (new posts; edits in place are not new posts). Console alerts
print to stdout; Slack and Discord alerts go out through REST clients when their tokens are
set. Errors are one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from bot.digests.cli import PLATFORMS, parse_instant, run_core_action
from briefings.errors import InputError

if TYPE_CHECKING:  # loaded by the action that runs: `briefbot --version` starts without them
    from bot.alerts.delivery import AlertDeliverer
    from bot.alerts.run import AlertOutcome
    from bot.app import BotCore
    from bot.config import Settings

EXIT_FAILED = 1


def add_alerts_cli(subparsers: Any) -> None:
    """Add `alerts …` to the `briefbot` subcommands (an argparse subparsers action)."""
    alerts = subparsers.add_parser("alerts", help="alert rules per channel and their delivery")
    actions = alerts.add_subparsers(dest="alerts_command", required=True)

    sub = actions.add_parser("subscribe", help="alert a channel when something big happens")
    sub.add_argument("--platform", required=True, help=" | ".join(PLATFORMS))
    sub.add_argument("--channel", required=True, help="the channel ID")
    sub.add_argument("--kind", action="append", default=[], help="a new entry of this kind")
    sub.add_argument("--actor", action="append", default=[], help="a new entry naming this actor")
    sub.add_argument("--figure", action="append", default=[], help="a threshold, e.g. killed>=10")
    sub.add_argument("--jump", help="a figure rising by this percent over the last, e.g. 50")
    sub.add_argument("--contradictions", action="store_true", help="a denial of another's claim")
    sub.add_argument("--quiet", help="hold alerts in this local window, HH:MM-HH:MM")
    sub.add_argument("--tz", help="IANA time zone of --quiet (default UTC)")
    sub.add_argument("--max", help="alerts per hour before one 'N more' summary")

    actions.add_parser("list", help="list alert rules")

    unsub = actions.add_parser("unsubscribe", help="stop a channel's alerts")
    unsub.add_argument("--platform", required=True, help=" | ".join(PLATFORMS))
    unsub.add_argument("--channel", required=True)

    resume = actions.add_parser("resume", help="lift the pause of a failing channel's alerts")
    resume.add_argument("--platform", required=True, help=" | ".join(PLATFORMS))
    resume.add_argument("--channel", required=True)

    run = actions.add_parser("run", help="deliver pending alerts (console to stdout)")
    run.add_argument("--now", help="the instant, ISO-8601 with offset (default: now)")


def _subscribe(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.alerts.rules import subscribe

    with core.db.session() as session:
        rule = subscribe(
            session,
            platform=args.platform,
            channel=args.channel,
            kinds=args.kind,
            actors=args.actor,
            figures=args.figure,
            jump=args.jump,
            contradictions=args.contradictions,
            quiet=args.quiet,
            zone=args.tz,
            max_per_hour=args.max,
        )
    print(f"subscribed {rule.describe()}")
    return 0


def _list(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.alerts.rules import list_rules

    with core.db.session() as session:
        rules = list_rules(session)
    for rule in rules:
        print(rule.describe())
    if not rules:
        print("no alert rules")
    return 0


def _unsubscribe(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.alerts.rules import unsubscribe
    from briefings.digests.subscriptions import parse_channel, parse_platform

    platform = parse_platform(args.platform)
    channel = parse_channel(args.channel)
    with core.db.session() as session:
        removed = unsubscribe(session, platform, channel)
    if not removed:
        raise InputError(f"There is no alert rule for {platform}:{channel}.")
    print(f"unsubscribed {platform}:{channel}")
    return 0


def _resume(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.alerts.rules import resume
    from briefings.digests.subscriptions import parse_channel, parse_platform

    platform = parse_platform(args.platform)
    channel = parse_channel(args.channel)
    if not resume(core.db, platform, channel):
        raise InputError(f"The alerts for {platform}:{channel} are not paused.")
    print(f"resumed {platform}:{channel}")
    return 0


@asynccontextmanager
async def cli_alert_deliverers(settings: Settings) -> AsyncIterator[dict[str, AlertDeliverer]]:
    """Console to stdout, plus every platform with credentials, REST only."""
    from bot.alerts.delivery import ConsoleAlertDeliverer

    deliverers: dict[str, AlertDeliverer] = {"console": ConsoleAlertDeliverer(sys.stdout)}
    discord_client = None
    if settings.slack_bot_token:
        from bot.slack.alerts import SlackAlertDeliverer
        from bot.slack.client import make_web_client

        deliverers["slack"] = SlackAlertDeliverer(make_web_client(settings, retry_dropped=False))
    if settings.discord_token:
        from bot.discord.alerts import DiscordAlertDeliverer
        from bot.discord.digests import open_rest_client

        discord_client = await open_rest_client(settings)
        deliverers["discord"] = DiscordAlertDeliverer(discord_client)
    try:
        yield deliverers
    finally:
        if discord_client is not None:
            await discord_client.close()


async def _deliver(core: BotCore, args: argparse.Namespace) -> list[AlertOutcome]:
    from bot.alerts.run import run_alerts

    async with cli_alert_deliverers(core.settings) as deliverers:
        return await run_alerts(core, parse_instant(args.now), deliverers)


def _run(core: BotCore, args: argparse.Namespace) -> int:
    import asyncio  # here: the parser is built on every verb; only this one runs a loop

    outcomes = asyncio.run(_deliver(core, args))
    for outcome in outcomes:
        print(outcome.describe())
    print(f"delivered {sum(1 for o in outcomes if o.delivered)}")
    return EXIT_FAILED if any(o.status in ("failed", "paused") for o in outcomes) else 0


ACTIONS = {
    "subscribe": _subscribe,
    "list": _list,
    "unsubscribe": _unsubscribe,
    "resume": _resume,
    "run": _run,
}


def run_alerts_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run one `alerts` action (see `bot.digests.cli.run_core_action`)."""
    command = args.alerts_command
    return run_core_action(settings, ACTIONS, command, args, timed=command == "run")
