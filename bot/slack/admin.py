"""Who may run channel-admin commands: workspace admins and owners, plus configured user IDs.

Slack says who is an admin through `users.info`; the answer is cached for a few minutes so a
busy user does not cost one API call per click, and a failed lookup means "not an admin"
(the command is refused, never run by mistake).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("briefbot.slack")

CACHE_SECONDS = 300.0
CACHE_MAX = 10_000


class AdminChecker:
    """Answers "is this Slack user an admin?" with a short-lived cache of `users.info`."""

    def __init__(
        self,
        admin_ids: Iterable[str] = (),
        *,
        ttl: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.admin_ids = frozenset(admin_ids)
        self.ttl = ttl
        self._clock = clock
        self._cache: dict[tuple[str, str], tuple[float, bool]] = {}

    async def is_admin(self, client: AsyncWebClient, user_id: str, team_id: str = "") -> bool:
        if not user_id:
            return False
        if user_id in self.admin_ids:
            return True
        key = (team_id, user_id)
        now = self._clock()
        cached = self._cache.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        admin = await self._lookup(client, user_id)
        if admin is None:
            return False  # not cached: a passing outage must not lock an admin out for long
        if len(self._cache) >= CACHE_MAX:
            self._cache = {k: v for k, v in self._cache.items() if v[0] > now}
        self._cache[key] = (now + self.ttl, admin)
        return admin

    async def _lookup(self, client: AsyncWebClient, user_id: str) -> bool | None:
        """The user's admin flag, or None when Slack could not be asked."""
        try:
            response = await client.users_info(user=user_id)
        except SlackApiError as error:
            reason = str(error.response.get("error"))
            log.warning("users.info failed (%s); treating the user as not an admin", reason)
            return None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            reason = type(error).__name__
            log.warning("users.info failed (%s); treating the user as not an admin", reason)
            return None
        user = response.get("user") or {}
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
