"""The fetch policy the settings ask for, shared by the CLI, `briefbot ingest` and the job."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from briefings.feeds.fetch import FetchPolicy


def fetch_policy(settings: Settings) -> FetchPolicy:
    """Private addresses (loopback, internal networks) only when the operator allowed them."""
    from briefings.feeds.fetch import FetchPolicy  # httpx: loaded when something is fetched

    return FetchPolicy(allow_private=settings.fetch_allow_private)
