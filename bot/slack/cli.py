"""`briefbot slack manifest [--socket | --http URL] [--json] [--name NAME]`.

Prints the app manifest for this bot's commands; wired into `briefbot` by `bot/cli.py` through
`add_slack_cli` and `run_slack_cli`. Without `--socket`/`--http` the mode comes from the
settings (Socket Mode when they do not say).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when the verb runs: `briefbot` starts without them
    from bot.config import Settings
    from bot.slack.modes import SlackMode

APP_NAME = "Briefbot"  # bot.slack.manifest.APP_NAME

EXIT_USAGE = 2


def add_slack_cli(subparsers: Any) -> None:
    """Add the `slack` verb (and its `manifest` subcommand) to the `briefbot` parser."""
    slack = subparsers.add_parser("slack", help="Slack app tools (the app manifest)")
    verbs = slack.add_subparsers(dest="slack_command", required=True)
    manifest = verbs.add_parser("manifest", help="print the Slack app manifest for these commands")
    mode = manifest.add_mutually_exclusive_group()
    mode.add_argument("--socket", action="store_true", help="Socket Mode (no public URL)")
    mode.add_argument(
        "--http",
        metavar="URL",
        help="HTTP mode: the bot's public https base URL (/slack/events is added)",
    )
    manifest.add_argument("--json", action="store_true", help="JSON instead of YAML")
    manifest.add_argument("--name", default=APP_NAME, help=f"app name (default {APP_NAME})")


def _mode(settings: Settings, args: argparse.Namespace) -> SlackMode:
    from bot.slack.modes import SlackConfigError, slack_mode

    if args.http:
        return "http"
    if args.socket:
        return "socket"
    try:
        configured = slack_mode(settings)
    except SlackConfigError:
        configured = None
    return "socket" if configured != "http" else "http"


def run_slack_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run a `briefbot slack …` subcommand; 0 on success, 2 with one line on stderr otherwise."""
    from bot.slack.manifest import ManifestError, build_manifest, manifest_text
    from briefings.commands import default_commands

    if args.slack_command != "manifest":
        print(f"briefbot: unknown slack command {args.slack_command}", file=sys.stderr)
        return EXIT_USAGE
    mode = _mode(settings, args)
    if mode == "http" and not args.http:
        print("briefbot: HTTP mode needs the public URL: --http https://…", file=sys.stderr)
        return EXIT_USAGE
    try:
        manifest = build_manifest(default_commands(), mode=mode, url=args.http, name=args.name)
    except ManifestError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(manifest_text(manifest, as_json=args.json))
    return 0
