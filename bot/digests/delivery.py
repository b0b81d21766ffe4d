"""Where a digest card goes: one `Deliverer` per platform.

A deliverer only posts; claiming, building and recording are `run_due`'s job. It renders the
card with its platform's renderer and returns the message id. Two duties make exactly-once
hold across crashes:

- every post carries the slot's `marker` (Slack: message metadata; Discord: the embed footer
  and a `nonce` with `enforce_nonce`), and
- on a retried attempt (`post.attempt > 1`) the deliverer first looks for a post of its own
  carrying the marker since `post.since`, and returns that message's id instead of posting
  again: the earlier attempt may have posted and died before recording it.

A deliverer raises `DeliveryError` with a short, secret-free reason; `permanent=True` says
retrying cannot help (channel gone, bot removed, no permission), which pauses the channel
sooner.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TextIO

from bot.console.render import render_text
from briefings.cards import Card
from briefings.digests.subscriptions import Subscription

MARKER_EVENT = "briefbot_digest"


class DeliveryError(Exception):
    """A post that did not go out. `reason` is shown to operators and kept in the ledger."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class PauseNotice:
    """What a channel's manager is told when its digest or its alerts pause: one wording,
    each platform fills in the channel and the (escaped) reason."""

    what: str  # "The daily digest" | "Alerts"
    plural: bool
    command: str  # what resumes it, run in that channel

    def text(self, where: str, reason: str) -> str:
        verb, it = ("are", "them") if self.plural else ("is", "it")
        return (
            f"{self.what} for {where} {verb} paused: {reason}. Once the bot can post there "
            f"again, run `{self.command}` in that channel to resume {it}."
        )


DIGEST_PAUSED = PauseNotice("The daily digest", plural=False, command="/digest subscribe")
ALERTS_PAUSED = PauseNotice("Alerts", plural=True, command="/alerts subscribe")


@dataclass(frozen=True)
class DigestPost:
    """One digest to post: the card and the slot it fills."""

    subscription: Subscription
    card: Card
    digest_date: date
    attempt: int  # 1 for the first claim; >1 means an earlier attempt may have posted
    since: datetime  # aware UTC: no earlier post can belong to this slot

    @property
    def marker(self) -> str:
        """Names the slot, e.g. `digest slack:C024BE91L 2026-11-21`."""
        return f"digest {self.subscription.label} {self.digest_date.isoformat()}"

    @property
    def nonce(self) -> str:
        """A stable ≤25-character token for the slot (Discord's nonce limit)."""
        return hashlib.sha256(self.marker.encode()).hexdigest()[:25]


class Deliverer(Protocol):
    async def deliver(self, post: DigestPost) -> str:
        """Post (or find the earlier post of) the digest; return the platform's message id."""
        ...

    async def notify_paused(self, subscription: Subscription, reason: str) -> bool:
        """Tell whoever subscribed that the channel's digest is paused; False if impossible."""
        ...


class ConsoleDeliverer:
    """Writes the rendered text card to a stream (stdout by default): the no-token platform."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()  # several run_due calls may share one deliverer

    def _write(self, text: str) -> None:
        stream = self._stream or sys.stdout
        with self._lock:
            stream.write(text)
            stream.flush()

    async def deliver(self, post: DigestPost) -> str:
        message_id = f"console-{post.nonce[:12]}"
        self._write(f"--- {post.marker} ({message_id}) ---\n{render_text(post.card)}\n")
        return message_id

    async def notify_paused(self, subscription: Subscription, reason: str) -> bool:
        self._write(f"--- digest for {subscription.label} paused: {reason} ---\n")
        return True
