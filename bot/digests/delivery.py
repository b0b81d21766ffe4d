"""Where a digest card goes: one `Deliverer` per platform.

A deliverer only posts; claiming, building and recording are `run_due`'s job, so a Slack or
Discord deliverer is a thin wrapper around the platform's "post a message" call that renders
the card with that platform's renderer and returns the message id.
"""

from __future__ import annotations

import sys
import threading
import uuid
from typing import Protocol, TextIO

from bot.console.render import render_text
from briefings.cards import Card
from briefings.digests.subscriptions import Subscription


class Deliverer(Protocol):
    async def deliver(self, subscription: Subscription, card: Card) -> str:
        """Post `card` to the subscription's channel; return the platform's message id."""
        ...


class ConsoleDeliverer:
    """Writes the rendered text card to a stream (stdout by default): the no-token platform."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()  # several run_due calls may share one deliverer

    async def deliver(self, subscription: Subscription, card: Card) -> str:
        stream = self._stream or sys.stdout
        message_id = f"console-{uuid.uuid4().hex[:12]}"
        text = render_text(card)
        with self._lock:
            stream.write(f"--- digest for {subscription.label} ({message_id}) ---\n{text}\n")
            stream.flush()
        return message_id
