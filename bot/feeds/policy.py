"""The fetch policy the settings ask for, shared by the CLI, `briefbot ingest` and the job."""

from __future__ import annotations

from bot.config import Settings
from briefings.feeds import FetchPolicy


def fetch_policy(settings: Settings) -> FetchPolicy:
    """Private addresses (loopback, internal networks) only when the operator allowed them."""
    return FetchPolicy(allow_private=settings.fetch_allow_private)
