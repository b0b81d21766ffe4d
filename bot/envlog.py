"""Logging options read straight from the environment, for verbs that need no other setting
(`briefbot extract`): building the full `Settings` imports pydantic-settings and asyncio,
a tenth of such a verb's run. The same variables and checks as `Settings`; a `.env` file
is not read here (only the process environment)."""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

SECRET_VARIABLES = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")
LOG_FORMATS = ("text", "json")


def log_options() -> tuple[str, str, list[str]]:
    """(level, format, secrets to redact); ValueError names the variable that is wrong."""
    level = (os.environ.get("BRIEFBOT_LOG_LEVEL") or "WARNING").strip().upper()
    if level not in logging.getLevelNamesMapping():
        raise ValueError(
            "the setting BRIEFBOT_LOG_LEVEL is not valid: "
            "must be DEBUG, INFO, WARNING, ERROR or CRITICAL"
        )
    fmt = (os.environ.get("BRIEFBOT_LOG_FORMAT") or "text").strip()
    if fmt not in LOG_FORMATS:
        raise ValueError("the setting BRIEFBOT_LOG_FORMAT is not valid: must be text or json")
    secrets = [os.environ[name] for name in SECRET_VARIABLES if os.environ.get(name)]
    try:
        password = urlsplit(os.environ.get("BRIEFBOT_DATABASE_URL", "")).password
    except ValueError:
        password = None
    if password:
        secrets.append(password)
    return level, fmt, secrets
