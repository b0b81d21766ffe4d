"""The errors of fetching, in their own module so the network layer and the callers share them."""

from __future__ import annotations

from briefings.errors import BriefbotError

# What a chat user or operator reads when a feed or page URL points at such an address.
NOT_PUBLIC_MESSAGE = "That address is not on the public internet; briefbot does not fetch it."


class FetchError(BriefbotError):
    """A fetch that failed; the message is short, user-facing and free of URLs and secrets."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class NotPublicError(FetchError):
    """The host resolves to an address that is not on the public internet (loopback, a
    private network, link-local cloud metadata …): refused before connecting, for good."""

    def __init__(self) -> None:
        super().__init__(
            "the address is not on the public internet; briefbot does not fetch it",
            transient=False,
        )
