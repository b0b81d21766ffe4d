"""Where an alert goes: one `AlertDeliverer` per platform, posting and editing in place.

As for digests (`bot.digests.delivery`), a deliverer only talks to its platform; claiming and
recording are `run_alerts`' job. `post` returns the message id the ledger keeps, `edit`
replaces that message's content when another outlet reports the happening.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TextIO

from bot.console.render import render_text
from briefings.cards import Card


@dataclass(frozen=True)
class AlertPost:
    """One message to post or edit: the card, where, and the key naming it."""

    platform: str
    channel: str
    key: str  # the happening, or the summary's key
    card: Card
    attempt: int = 1  # >1: an earlier attempt may have posted
    since: datetime | None = None  # aware UTC: no earlier post can belong to this alert

    @property
    def marker(self) -> str:
        return f"alert {self.platform}:{self.channel} {self.key}"

    @property
    def nonce(self) -> str:
        """A stable ≤25-character token (Discord's nonce limit)."""
        return hashlib.sha256(self.marker.encode()).hexdigest()[:25]


class AlertDeliverer(Protocol):
    async def post(self, post: AlertPost) -> str:
        """Post the card; return the platform's message id."""
        ...

    async def edit(self, post: AlertPost, message_id: str) -> None:
        """Replace the content of an earlier post."""
        ...

    async def notify_paused(
        self, platform: str, channel: str, user: str | None, reason: str
    ) -> bool:
        """Tell the rule's maker that the channel's alerts are paused; False if impossible."""
        ...


class ConsoleAlertDeliverer:
    """Writes alerts to a stream (stdout by default): the no-token platform."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def _write(self, text: str) -> None:
        stream = self._stream or sys.stdout
        with self._lock:
            stream.write(text)
            stream.flush()

    async def post(self, post: AlertPost) -> str:
        message_id = f"console-{post.nonce[:12]}"
        self._write(f"--- {post.marker} ({message_id}) ---\n{render_text(post.card)}\n")
        return message_id

    async def edit(self, post: AlertPost, message_id: str) -> None:
        self._write(f"--- {post.marker} ({message_id}, edited) ---\n{render_text(post.card)}\n")

    async def notify_paused(
        self, platform: str, channel: str, user: str | None, reason: str
    ) -> bool:
        self._write(f"--- alerts for {platform}:{channel} paused: {reason} ---\n")
        return True
