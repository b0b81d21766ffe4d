"""`briefbot digest subscribe|list|unsubscribe|preview|resume|run-due`.

`run-due` is the cron-friendly way to deliver without a long-running scheduler (and the
operator's way to catch up): it prints one line per delivery and, last, `delivered N`.
Console digests are printed to stdout; Slack and Discord digests go out through REST clients
when their tokens are set. Errors are one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from briefings.errors import BriefbotError, InputError

if TYPE_CHECKING:  # each action imports what it uses: `briefbot` starts without them
    from bot.app import BotCore
    from bot.config import Settings
    from bot.digests.run_due import DeliveryOutcome

PLATFORMS = ("discord", "slack", "console")  # briefings.digests.subscriptions.PLATFORMS

EXIT_FAILED = 1


def add_digest_cli(subparsers: Any) -> None:
    """Add `digest …` to the `briefbot` subcommands (an argparse subparsers action)."""
    digest = subparsers.add_parser("digest", help="daily digest subscriptions and delivery")
    actions = digest.add_subparsers(dest="digest_command", required=True)

    sub = actions.add_parser("subscribe", help="post a daily digest to a channel")
    sub.add_argument("--platform", required=True, help=" | ".join(PLATFORMS))
    sub.add_argument("--channel", required=True, help="the channel ID")
    sub.add_argument("--at", required=True, help="local time of day, HH:MM")
    sub.add_argument("--tz", required=True, help="IANA time zone, e.g. Europe/Berlin")
    sub.add_argument("--actor", action="append", default=[], help="only news about this actor")
    sub.add_argument("--source", action="append", default=[], help="only this outlet")
    sub.add_argument("--kind", action="append", default=[], help="only this event kind")
    sub.add_argument(
        "--post-when-empty", action="store_true", help="post a 'nothing new' digest too"
    )

    actions.add_parser("list", help="list digest subscriptions")

    unsub = actions.add_parser("unsubscribe", help="stop a channel's digest")
    unsub.add_argument("--platform", required=True, help=" | ".join(PLATFORMS))
    unsub.add_argument("--channel", required=True)

    preview = actions.add_parser("preview", help="print a channel's next digest; sends nothing")
    preview.add_argument("--channel", required=True)
    preview.add_argument("--platform", help="needed when the channel ID is on two platforms")

    resume_parser = actions.add_parser("resume", help="lift the pause of a failing channel")
    resume_parser.add_argument("--platform", required=True, help=" | ".join(PLATFORMS))
    resume_parser.add_argument("--channel", required=True)

    due = actions.add_parser("run-due", help="deliver the digests due now (console to stdout)")
    due.add_argument("--now", help="the instant, ISO-8601 with offset (default: now)")


def parse_instant(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"“{value[:40]}” is not an ISO-8601 instant, e.g. 2025-03-30T08:00+02:00."
        ) from None
    if moment.tzinfo is None:
        raise InputError("--now needs a UTC offset, e.g. 2025-03-30T08:00+02:00 or …Z.")
    return moment


def _subscribe(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.digests.subscriptions import subscribe

    subscription = subscribe(
        core.db,
        platform=args.platform,
        channel=args.channel,
        at=args.at,
        zone=args.tz,
        actors=args.actor,
        sources=args.source,
        kinds=args.kind,
        post_when_empty=args.post_when_empty,
    )
    print(f"subscribed {subscription.describe()}")
    return 0


def _list(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.digests.subscriptions import list_subscriptions

    subscriptions = list_subscriptions(core.db)
    for subscription in subscriptions:
        print(subscription.describe())
    if not subscriptions:
        print("no digest subscriptions")
    return 0


def _unsubscribe(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.digests.subscriptions import parse_channel, parse_platform, unsubscribe

    platform = parse_platform(args.platform)
    channel = parse_channel(args.channel)
    if not unsubscribe(core.db, platform, channel):
        raise InputError(f"There is no digest subscription for {platform}:{channel}.")
    print(f"unsubscribed {platform}:{channel}")
    return 0


def _preview(core: BotCore, args: argparse.Namespace) -> int:
    from bot.console.render import render_text
    from briefings.digests.card import build_digest
    from briefings.digests.subscriptions import (
        get_subscription,
        list_subscriptions,
        parse_channel,
        parse_platform,
    )

    channel = parse_channel(args.channel)
    if args.platform:
        found = get_subscription(core.db, parse_platform(args.platform), channel)
        matches = [found] if found else []
    else:
        matches = [s for s in list_subscriptions(core.db) if s.channel == channel]
    if not matches:
        raise InputError(f"There is no digest subscription for channel {channel}.")
    if len(matches) > 1:
        raise InputError(f"Channel {channel} is subscribed on several platforms; add --platform.")
    today = datetime.now(matches[0].tz).date().isoformat()
    print(render_text(build_digest(core.db, matches[0], title_date=f"{today} (preview)").card))
    return 0


async def _deliver_due(core: BotCore, now: datetime) -> list[DeliveryOutcome]:
    from bot.digests.deliverers import cli_deliverers
    from bot.digests.run_due import run_due
    from bot.digests.service import policy_from

    async with cli_deliverers(core.settings) as deliverers:
        return await run_due(core, now, deliverers, policy=policy_from(core.settings))


def _run_due(core: BotCore, args: argparse.Namespace) -> int:
    import asyncio

    now = parse_instant(args.now)
    outcomes = asyncio.run(_deliver_due(core, now))
    for outcome in outcomes:
        print(outcome.describe())
    print(f"delivered {sum(1 for o in outcomes if o.delivered)}")
    return EXIT_FAILED if any(o.status in ("failed", "paused") for o in outcomes) else 0


def _resume(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.digests.subscriptions import parse_channel, parse_platform, resume

    platform = parse_platform(args.platform)
    channel = parse_channel(args.channel)
    if not resume(core.db, platform, channel):
        raise InputError(f"The digest for {platform}:{channel} is not paused.")
    print(f"resumed {platform}:{channel}")
    return 0


ACTIONS = {
    "subscribe": _subscribe,
    "list": _list,
    "unsubscribe": _unsubscribe,
    "preview": _preview,
    "run-due": _run_due,
    "resume": _resume,
}


def run_core_action(
    settings: Settings,
    actions: Mapping[str, Callable[[BotCore, argparse.Namespace], int]],
    action: str,
    args: argparse.Namespace,
    *,
    timed: bool,
) -> int:
    """Open the core, run one action, close it; bad input is one line on stderr and exit
    status 1. `timed`: the action takes `--now`, checked before the database is opened."""
    from bot.app import open_core

    try:
        if timed:
            parse_instant(args.now)
        core = open_core(settings)
        try:
            return actions[action](core, args)
        finally:
            core.close()
    except BriefbotError as error:
        print(f"briefbot: {error.message}", file=sys.stderr)
        return EXIT_FAILED


def run_digest_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run one `digest` action (see `run_core_action`)."""
    command = args.digest_command
    return run_core_action(settings, ACTIONS, command, args, timed=command == "run-due")
