"""`briefbot story add|list|show|edit|remove|use`.

The operator's side of `/story`: the same stored stories and the same cards, with a progress
line on stderr while a changed rule re-matches a large store. The local operator manages
everything, so nothing here asks for a channel manager.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded by `run_story_cli`: `briefbot --version` starts without them
    from bot.app import BotCore
    from bot.config import Settings
    from briefings.commands.story import StoryParams
    from briefings.stories.model import Rematch, Story
    from briefings.stories.store import StoryChange

PROGRESS_EVERY = 5000  # articles between two progress lines


def add_story_cli(subparsers: Any) -> None:
    """Add `story …` to the `briefbot` subcommands (an argparse subparsers action)."""
    story = subparsers.add_parser("story", help="stories: a channel follows one")
    actions = story.add_subparsers(dest="story_command", required=True)

    def rule_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--title", help="the story's title")
        p.add_argument("--description", help="what the story covers")
        p.add_argument("--actors", help="key actors, comma-separated")
        p.add_argument("--words", help="key words, comma-separated")
        p.add_argument("--mentions", type=int, help="mentions in the article that make it join")
        p.add_argument("--lead", type=int, help="mentions in headline and lead that suffice")

    add = actions.add_parser("add", help="create a story; its rule files the stored articles")
    add.add_argument("name", help="a slug, e.g. red-sea")
    rule_options(add)
    actions.add_parser("list", help="the stories and their articles")
    show = actions.add_parser("show", help="one story: rule, articles, outlets, feeds, channels")
    show.add_argument("name")
    edit = actions.add_parser("edit", help="change a story; a changed rule re-matches")
    edit.add_argument("name")
    rule_options(edit)
    remove = actions.add_parser("remove", help="forget a story (its articles stay stored)")
    remove.add_argument("name")
    use = actions.add_parser("use", help="make a channel follow a story (all: every story)")
    use.add_argument("name")
    use.add_argument("--platform", required=True, help="discord | slack | console")
    use.add_argument("--channel", required=True, help="the channel ID")


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [p.strip() for p in value.split(",") if p.strip()]


def _change(args: argparse.Namespace) -> StoryChange:
    from briefings.stories.store import StoryChange

    return StoryChange(
        title=args.title,
        description=args.description,
        actors=_split(args.actors),
        words=_split(args.words),
        min_mentions=args.mentions,
        min_lead_mentions=args.lead,
    )


def _progress(done: int, total: int) -> None:
    if done == total or done % PROGRESS_EVERY < 500:
        print(f"re-matching: {done} of {total} articles", file=sys.stderr)


def _report(verb: str, story: Story, rematch: Rematch | None) -> None:
    print(f"{verb} {story.slug}: {story.rule.describe()}")
    print(rematch.describe() if rematch else "rule unchanged: nothing re-matched")


def _card(core: BotCore, params: StoryParams) -> int:
    from bot.console.render import render_text
    from briefings.commands.story import run_story

    print(render_text(run_story(core.context(), params)))
    return 0


def run_story_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run one `story` action; bad input is one line on stderr (raised to `main`)."""
    from bot.app import open_core
    from bot.console.render import render_text
    from briefings.commands.story import StoryParams, run_story
    from briefings.digests.subscriptions import parse_channel, parse_platform
    from briefings.stories.store import bind_channel, create_story, edit_story

    core = open_core(settings)
    try:
        command = args.story_command
        if command == "add":
            story, rematch = create_story(core.db, args.name, _change(args), progress=_progress)
            _report("created", story, rematch)
        elif command == "edit":
            story, changed = edit_story(core.db, args.name, _change(args), progress=_progress)
            _report("changed", story, changed)
        elif command == "use":
            platform, channel = parse_platform(args.platform), parse_channel(args.channel)
            bound = bind_channel(core.db, platform, channel, args.name)
            target = bound.slug if bound else "every story"
            print(f"{platform}:{channel} follows {target}")
        elif command == "list":
            return _card(core, StoryParams(action="list"))
        else:  # show, remove: the chat command's card (the operator manages everything)
            context = core.context()
            context.admin = True
            print(render_text(run_story(context, StoryParams(action=command, name=args.name))))
        return 0
    finally:
        core.close()
