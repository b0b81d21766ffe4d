"""Answer each Slack delivery once, even when Slack delivers it again.

Slack re-sends a request it thinks went unanswered (HTTP: `X-Slack-Retry-Num`; Socket Mode: the
same payload in a new envelope). The retry is acknowledged — so Slack stops — but not answered
a second time. Deliveries are recognised by Slack's own ids (`event_id`, `trigger_id`) and
otherwise by a hash of the body, remembered for a quarter of an hour in this process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger("briefbot.slack")

REMEMBER_SECONDS = 900.0
REMEMBER_MAX = 20_000

Middleware = Callable[..., Awaitable[BoltResponse | None]]


def delivery_key(body: dict[str, Any]) -> str:
    """What identifies one delivery across Slack's retries of it."""
    for name in ("event_id", "trigger_id"):
        value = body.get(name)
        if isinstance(value, str) and value:
            return f"{name}:{value}"
    canonical = json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


class RecentDeliveries:
    """A bounded, expiring set of delivery keys."""

    def __init__(
        self,
        ttl: float = REMEMBER_SECONDS,
        max_size: int = REMEMBER_MAX,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_size = max_size
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, key: str) -> bool:
        """True the first time a key is seen within the window (and remembers it)."""
        now = self._clock()
        while self._seen and (
            next(iter(self._seen.values())) <= now or len(self._seen) >= self.max_size
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now + self.ttl
        return True


def skip_repeated_deliveries(recent: RecentDeliveries) -> Middleware:
    """A bolt middleware that acknowledges a repeated delivery with an empty 200 and stops."""

    async def skip_repeats(
        req: AsyncBoltRequest,
        resp: BoltResponse,
        body: dict[str, Any],
        next: Callable[[], Awaitable[None]],
    ) -> BoltResponse | None:
        if recent.first_time(delivery_key(body)):
            await next()
            return resp
        retry = req.headers.get("x-slack-retry-num", [""])
        log.info(
            "repeated Slack delivery acknowledged, not answered again (retry %s)",
            retry[0] if retry else "?",
        )
        return BoltResponse(status=200, body="")

    return skip_repeats
