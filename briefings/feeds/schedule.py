"""When a feed is polled next: a fixed interval while it works, doubling back-off while not.

A feed that fails is retried after 2, 4, 8 … intervals, capped (6 hours by default), so a
dead server costs a few requests a day instead of one every few minutes, and a feed that
recovers is back on its normal interval after the first good poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_POLL_MINUTES = 15
DEFAULT_BACKOFF_CAP = timedelta(hours=6)


@dataclass(frozen=True)
class PollSchedule:
    interval: timedelta = timedelta(minutes=DEFAULT_POLL_MINUTES)
    backoff_cap: timedelta = DEFAULT_BACKOFF_CAP

    @classmethod
    def every(cls, minutes: int) -> PollSchedule:
        return cls(interval=timedelta(minutes=minutes))

    def after_success(self, now: datetime) -> datetime:
        return now + self.interval

    def retry_delay(self, failures: int) -> timedelta:
        """The wait after `failures` consecutive failures (1 → 2 intervals), at most the cap."""
        cap = max(self.backoff_cap, self.interval)
        exponent = min(max(failures, 1), 20)  # 2**20 intervals is past any sane cap
        delay: timedelta = self.interval * (2**exponent)
        return min(delay, cap)

    def after_failure(self, now: datetime, failures: int) -> datetime:
        return now + self.retry_delay(failures)
