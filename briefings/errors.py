"""Errors a user may see. Each carries a short message fit to show in a chat window as is."""

from __future__ import annotations


class BriefbotError(Exception):
    """Base of every error whose message is meant for the user (no traceback, no secrets)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(BriefbotError):
    """The user's input (text, file, date, option) cannot be used."""


class NotFoundError(BriefbotError):
    """A name did not match; `suggestions` lists the closest known names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        if self.suggestions:
            message = f"{message} Did you mean: {', '.join(self.suggestions)}?"
        super().__init__(message)


class UnavailableError(BriefbotError):
    """A dependency (the database) cannot be reached right now; retrying later may work."""
