"""Button state that survives restarts: the whole state lives in the button's id or value.

A paging or "quotes" button must keep working after the bot restarts or when another replica
receives the click, so it carries everything needed to re-answer: the action, the page and the
command line (without its `page:` option). Discord's `custom_id` holds at most 100 characters,
Slack's button `value` 2000; `encode_action` returns None when the state does not fit, and the
renderers then show the next-page command as text instead of a button (never a broken button).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from briefings.cards import page_command

PREFIX = "bb1"
SEPARATOR = ":"


class ActionKind(StrEnum):
    PAGE = "page"  # show page N of the same command
    QUOTES = "quotes"  # show the cited sentences of page N, privately
    SHARE = "share"  # post page N to the channel (Slack: an ephemeral answer made public)
    VIEW = "view"  # another view, answered to the clicker alone; the message stays as it is


@dataclass(frozen=True)
class ActionState:
    kind: ActionKind
    page: int
    command: str  # the command line without any page: option, e.g. "/timeline actor:Russia"

    @property
    def line(self) -> str:
        """The command line that re-answers this state."""
        return page_command(self.command, self.page)


def _without_page(command: str) -> str:
    return " ".join(page_command(command, 1).split()[:-1])


def encode_action(kind: ActionKind, page: int, command: str, *, limit: int) -> str | None:
    """`bb1:page:2:/timeline actor:Russia`, or None when longer than `limit` characters."""
    encoded = SEPARATOR.join([PREFIX, kind.value, str(page), _without_page(command)])
    return encoded if len(encoded) <= limit else None


def decode_action(encoded: str) -> ActionState | None:
    """The state in a button id/value, or None for anything that is not ours (or tampered)."""
    parts = encoded.split(SEPARATOR, 3)
    if len(parts) != 4 or parts[0] != PREFIX:
        return None
    _, kind, page, command = parts
    if kind not in ActionKind.__members__.values() or not page.isdigit() or len(page) > 5:
        return None
    if not command.startswith("/") or int(page) < 1:
        return None
    return ActionState(kind=ActionKind(kind), page=int(page), command=command)
