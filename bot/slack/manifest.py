"""The Slack app manifest, generated from the command registry.

Paste it into api.slack.com → "Create New App" → "From a manifest" (or `apps.manifest.create`),
so the slash commands Slack knows are exactly the ones the bot serves. Scopes are the fewest
that work: `commands` for slash commands, `chat:write` to post a shared card, `files:write` for
the timeline chart, and `users:read` only when some command is for admins (to ask Slack who
is one).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.slack.commands import UMBRELLA, slash_names
from bot.slack.modes import SLACK_EVENTS_PATH, SlackMode
from briefings.commands import CommandRegistry

APP_NAME = "Briefbot"
APP_DESCRIPTION = "Dated, cross-source briefings on the story, every line cited."
BACKGROUND = "#1d3557"
MAX_DESCRIPTION = 140  # Slack allows 2000; the picker shows about one line
MAX_USAGE_HINT = 1000
MAX_APP_NAME = 35
UMBRELLA_DESCRIPTION = "Briefings: /{u} COMMAND … runs any briefbot command (/{u} help)"
UMBRELLA_HINT = "COMMAND [options…], e.g. actor Russia"

BASE_SCOPES = ("commands", "chat:write", "files:write")
# Daily digests: reading a channel's recent history is how a retried delivery finds the
# digest an earlier attempt may have posted (by its metadata), and a direct message is how a
# subscriber hears that their channel's digest was paused.
DIGEST_SCOPES = ("channels:history", "groups:history", "im:write")
ADMIN_SCOPES = ("users:read",)

SOCKET_NOTE = (
    "# Socket Mode: after creating the app, add an app-level token with the\n"
    "# connections:write scope (Basic Information → App-Level Tokens) → SLACK_APP_TOKEN.\n"
)


class ManifestError(ValueError):
    """The manifest cannot be built from these options (the message says why)."""


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def events_url(base_url: str) -> str:
    """`https://bot.example.org` → `https://bot.example.org/slack/events`."""
    parts = urlsplit(base_url.strip())
    if parts.scheme != "https" or not parts.netloc:
        raise ManifestError("the HTTP mode URL must start with https:// (Slack calls only HTTPS)")
    if parts.query or parts.fragment:
        raise ManifestError("the HTTP mode URL must not have a query or fragment")
    path = parts.path.rstrip("/")
    if not path.endswith(SLACK_EVENTS_PATH):
        path += SLACK_EVENTS_PATH
    return f"https://{parts.netloc}{path}"


def _display_name(name: str) -> str:
    """Slack's bot display names: lowercase letters, digits, `.`, `-`, `_`."""
    return re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-")[:80] or "briefbot"


def bot_scopes(registry: CommandRegistry) -> list[str]:
    scopes = list(BASE_SCOPES)
    if "digest" in registry.commands:
        scopes.extend(DIGEST_SCOPES)
    if any(command.permission.may_need_admin for command in registry):
        scopes.extend(ADMIN_SCOPES)
    return scopes


def _usage_hint(usage: str) -> str:
    """`Command.usage` without the leading `/name`, which Slack shows by itself."""
    return _short(usage.split(maxsplit=1)[1] if " " in usage else "", MAX_USAGE_HINT)


def slash_commands(registry: CommandRegistry, url: str | None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for name in slash_names(registry):
        command = registry.commands[name]
        entries.append(
            {
                "command": f"/{name}",
                "description": _short(command.summary, MAX_DESCRIPTION),
                "usage_hint": _usage_hint(command.usage),
                "should_escape": False,
            }
        )
    own = registry.commands.get(UMBRELLA)
    description = UMBRELLA_DESCRIPTION.format(u=UMBRELLA)
    hint = UMBRELLA_HINT
    if own is not None:
        description = f"{own.summary} — or /{UMBRELLA} COMMAND … for any command"
        own_hint = _usage_hint(own.usage)
        hint = f"{own_hint} or {UMBRELLA_HINT}" if own_hint else hint
    entries.append(
        {
            "command": f"/{UMBRELLA}",
            "description": _short(description, MAX_DESCRIPTION),
            "usage_hint": _short(hint, MAX_USAGE_HINT),
            "should_escape": False,
        }
    )
    for entry in entries:
        if not entry["usage_hint"]:
            del entry["usage_hint"]
        if url is not None:
            entry["url"] = url
    return entries


def build_manifest(
    registry: CommandRegistry,
    *,
    mode: SlackMode = "socket",
    url: str | None = None,
    name: str = APP_NAME,
) -> dict[str, Any]:
    """The manifest for Socket Mode, or for HTTP mode served at `url` (the public base URL)."""
    if mode == "http" and not url:
        raise ManifestError("HTTP mode needs the bot's public URL (--http URL)")
    name = name.strip()
    if not name or len(name) > MAX_APP_NAME:
        raise ManifestError(f"the app name must have 1 to {MAX_APP_NAME} characters")
    request_url = events_url(url) if mode == "http" and url else None
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url is not None:
        interactivity["request_url"] = request_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": APP_DESCRIPTION,
            "background_color": BACKGROUND,
        },
        "features": {
            "bot_user": {"display_name": _display_name(name), "always_online": True},
            "slash_commands": slash_commands(registry, request_url),
        },
        "oauth_config": {"scopes": {"bot": bot_scopes(registry)}},
        "settings": {
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": mode == "socket",
            "token_rotation_enabled": False,
        },
    }


def manifest_text(manifest: dict[str, Any], *, as_json: bool = False) -> str:
    """YAML (with a note on the app-level token for Socket Mode) or JSON."""
    if as_json:
        return json.dumps(manifest, indent=2, ensure_ascii=False)
    body = yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100)
    return (SOCKET_NOTE if manifest["settings"]["socket_mode_enabled"] else "") + body
