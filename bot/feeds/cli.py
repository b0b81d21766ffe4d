"""`briefbot feeds add|list|remove|poll`.

`poll` is the cron-friendly way to ingest without the long-running bot (and the operator's
way to check a feed now): it polls every due feed once, prints one line per new article (and
one per failed feed) and, last, `ingested N`. Errors are one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.feeds.policy import fetch_policy
from briefings.errors import BriefbotError

if TYPE_CHECKING:  # each action imports what it uses: `briefbot` starts without them
    from bot.app import BotCore
    from bot.config import Settings

EXIT_FAILED = 1


def add_feeds_cli(subparsers: Any) -> None:
    """Add `feeds …` to the `briefbot` subcommands (an argparse subparsers action)."""
    feeds = subparsers.add_parser("feeds", help="RSS/Atom feeds read live")
    actions = feeds.add_subparsers(dest="feeds_command", required=True)

    add = actions.add_parser("add", help="follow a feed (fetched once to check it)")
    add.add_argument("url", help="the feed URL, http:// or https://")
    add.add_argument("--outlet", help="the outlet its articles are credited to")
    add.add_argument("--story", help="the story its new articles join")

    actions.add_parser("list", help="the feeds followed and their state")

    remove = actions.add_parser("remove", help="stop following a feed (articles stay)")
    remove.add_argument("feed", help="the feed URL or its ID")

    actions.add_parser("poll", help="poll every due feed once and store new articles")


def _add(core: BotCore, args: argparse.Namespace) -> int:
    # fetching and extraction load here, not with every `briefbot` command
    from briefings.feeds.follow import follow_feed
    from briefings.stories.store import find_story

    story_id = None
    if args.story:
        with core.db.session() as session:
            story_id = find_story(session, args.story).id
    followed = follow_feed(
        core.db,
        args.url,
        now=datetime.now(UTC),
        outlet=args.outlet,
        policy=fetch_policy(core.settings),
        story_id=story_id,
    )
    minutes = core.settings.feed_poll_minutes
    print(
        f"added {followed.feed.describe()}; {followed.items} item(s) listed, "
        f"polled every {minutes} minutes"
    )
    return 0


def _list(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.feeds.store import list_feeds

    feeds = list_feeds(core.db)
    for feed in feeds:
        print(feed.describe())
    if not feeds:
        print("no feeds followed")
    return 0


def _remove(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.feeds.store import remove_feed

    feed = remove_feed(core.db, args.feed)
    print(f"removed #{feed.id} {feed.name}")
    return 0


def _poll(core: BotCore, args: argparse.Namespace) -> int:
    from briefings.feeds.poll import poll_due_feeds
    from briefings.feeds.schedule import PollSchedule

    schedule = PollSchedule.every(core.settings.feed_poll_minutes)
    outcomes = poll_due_feeds(
        core.db, datetime.now(UTC), schedule=schedule, policy=fetch_policy(core.settings)
    )
    for outcome in outcomes:
        for line in outcome.lines():
            print(line, file=sys.stderr if outcome.status == "failed" else sys.stdout)
    print(f"ingested {sum(len(o.new_articles) for o in outcomes)}")
    return EXIT_FAILED if any(o.status == "failed" for o in outcomes) else 0


ACTIONS = {"add": _add, "list": _list, "remove": _remove, "poll": _poll}


def run_feeds_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run one `feeds` action; bad input is one line on stderr and exit status 1."""
    from bot.app import open_core

    try:
        core = open_core(settings)
        try:
            return ACTIONS[args.feeds_command](core, args)
        finally:
            core.close()
    except BriefbotError as error:
        print(f"briefbot: {error.message}", file=sys.stderr)
        return EXIT_FAILED
