"""Pacing a digest fan-out so hundreds of channels at 08:00 do not trip platform limits.

Each platform's client already honours 429 answers (discord.py waits on its buckets; the
Slack client retries with Retry-After). Pacing ahead of that keeps the bot from being
throttled at all: a burst of digests spread over a few seconds is invisible to readers,
while a 429 storm delays every answer the bot gives in the meantime.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

# Posts per second and burst, per platform, well inside the documented limits: Discord
# allows 50 requests/s per bot globally (and 5 per 5 s per channel, which one digest per
# channel never reaches); Slack's chat.postMessage allows about one message per second per
# channel with short bursts, and several hundred per minute per workspace.
PLATFORM_RATES: dict[str, tuple[float, int]] = {
    "discord": (20.0, 10),
    "slack": (4.0, 4),
    "console": (1000.0, 1000),
}
DEFAULT_RATE = (2.0, 2)
MAX_CONCURRENT_POSTS = 8


@dataclass
class RateLimiter:
    """A token bucket: `acquire()` returns at once while tokens last, then at `rate`/s."""

    rate: float
    burst: int
    _tokens: float = field(init=False)
    _updated: float = field(init=False)
    _lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        if self.rate <= 0 or self.burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self._tokens = float(self.burst)
        self._updated = time.monotonic()

    async def acquire(self) -> None:
        async with self._lock:  # one waiter at a time keeps the order fair
            while True:
                now = time.monotonic()
                self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
                self._updated = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self.rate)


def limiter_for(platform: str) -> RateLimiter:
    rate, burst = PLATFORM_RATES.get(platform, DEFAULT_RATE)
    return RateLimiter(rate, burst)
