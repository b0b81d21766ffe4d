"""Which Slack mode the configuration asks for (kept apart so the manifest need not load bolt).

Socket Mode needs `SLACK_APP_TOKEN`, HTTP mode `SLACK_SIGNING_SECRET`, both `SLACK_BOT_TOKEN`.
`BRIEFBOT_SLACK_MODE` picks when both are configured; otherwise Socket Mode is preferred,
because it needs nothing from the network.
"""

from __future__ import annotations

from typing import Literal

from bot.config import Settings
from briefings.errors import BriefbotError

SLACK_EVENTS_PATH = "/slack/events"
SlackMode = Literal["socket", "http"]


class SlackConfigError(BriefbotError):
    """Slack cannot start with this configuration (the message says which setting to fix).
    A `BriefbotError`: `briefbot run` shows it as one line, not as an internal error."""


def slack_mode(settings: Settings) -> SlackMode | None:
    """The mode the configuration asks for, or None when Slack is not configured at all."""
    if settings.slack_bot_token is None:
        if settings.slack_mode is not None:
            raise SlackConfigError("BRIEFBOT_SLACK_MODE is set but SLACK_BOT_TOKEN is not.")
        return None
    possible: list[SlackMode] = []
    if settings.slack_app_token is not None:
        possible.append("socket")
    if settings.slack_signing_secret is not None:
        possible.append("http")
    if settings.slack_mode is not None:
        if settings.slack_mode not in possible:
            needs = "SLACK_APP_TOKEN" if settings.slack_mode == "socket" else "SLACK_SIGNING_SECRET"
            raise SlackConfigError(f"BRIEFBOT_SLACK_MODE={settings.slack_mode} needs {needs}.")
        return settings.slack_mode
    return possible[0] if possible else None
