"""Daily digests posted to Discord channels, once each even when an attempt died mid-post.

Two guards, as `bot.digests.delivery` asks: every message goes out with a `nonce` and
`enforce_nonce`, so Discord turns a repeated send within its nonce window (a few minutes)
into the message it already made; and every message names the slot (its marker) in the
embed footer, so a retried attempt first reads the channel since the slot's first attempt
and takes the messages our bot already posted there instead of posting them again.

Posts go straight to the REST route (`POST /channels/{id}/messages`): that needs no gateway
session and no channel cache, so the same code serves `briefbot run` (the gateway client)
and `briefbot digest run-due` (`open_rest_client`, logged in over REST only).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import aiohttp
import discord
from discord.http import Route

from bot.config import Settings
from bot.digests.delivery import DIGEST_PAUSED, DeliveryError, DigestPost, PauseNotice
from bot.discord.client import configure_endpoints, discord_token, intents
from bot.discord.escape import escape_discord, one_line, plain_discord, shorten
from bot.discord.limits import CONTINUED_FOOTER
from bot.discord.render import discord_limit_violations, render_discord
from briefings.digests.subscriptions import Subscription

log = logging.getLogger("briefbot.discord.digests")

# JSON error codes that stay refusals on a 400 (a 403 or 404 always does): the channel
# cannot hold our messages at all.
PERMANENT_CODES = frozenset({10003, 50001, 50008, 50013})  # unknown channel, no access, …
HISTORY_PAGE = 50  # messages per history request
HISTORY_PAGES = 20  # a retry reads at most this many pages forward from `since`
NONCE_LENGTH = 25
NO_MENTIONS: dict[str, Any] = {"parse": []}


def delivery_error(error: discord.HTTPException) -> DeliveryError:
    """Discord's own short message and code (never the request) as the reason."""
    permanent = isinstance(error, discord.Forbidden | discord.NotFound)
    permanent = permanent or error.code in PERMANENT_CODES
    if error.status >= 500:
        return DeliveryError(f"Discord: HTTP {error.status}")
    text = " ".join(str(error.text).split())[:80] or f"HTTP {error.status}"
    code = f" ({error.code})" if error.code else ""
    return DeliveryError(f"Discord: {text}{code}", permanent=permanent)


def channel_number(channel: str) -> int:
    if not channel.isdigit():
        raise DeliveryError("Discord: the channel ID is not a number", permanent=True)
    return int(channel)


def _part_nonce(post: DigestPost, part: int) -> str:
    """The slot's nonce for the first message; a distinct one for each further message (one
    nonce on two messages would make Discord return the first for the second)."""
    if part == 1:
        return post.nonce
    digest = hashlib.sha256(f"{post.marker} part {part}".encode())
    return digest.hexdigest()[:NONCE_LENGTH]


def _tag(post: DigestPost) -> str:
    """The marker as it reads in a footer (footers go through `plain_discord`)."""
    return plain_discord(post.marker)


def digest_payloads(post: DigestPost) -> list[dict[str, Any]]:
    """The card's Create Message payloads, each naming the slot in its last embed's footer.

    The marker joins the card's footer before rendering, so the renderer budgets for it; the
    "continued" footer of earlier messages gets it too, or (when that would not fit the room
    the renderer left) is replaced by it."""
    tag = _tag(post)
    footer = f"{post.card.footer} · {post.marker}" if post.card.footer else post.marker
    payloads = render_discord(post.card.model_copy(update={"footer": footer}))
    for payload in payloads[:-1]:
        embed = payload["embeds"][-1]
        embed["footer"] = {"text": f"{CONTINUED_FOOTER} · {tag}"}
        if discord_limit_violations(payload):
            embed["footer"] = {"text": tag}
    for payload in payloads:
        for violation in discord_limit_violations(payload):
            log.error("%s: Discord payload breaks a limit: %s", post.marker, violation)
    return payloads


def _marked(message: dict[str, Any], tag: str) -> bool:
    return any(
        tag in str((embed.get("footer") or {}).get("text") or "")
        for embed in message.get("embeds") or []
    )


async def tell_paused(
    client: discord.Client, user: str | None, notice: PauseNotice, channel: str, reason: str
) -> bool:
    """Tell `user` in a direct message that the channel's digest or alerts paused; False when
    nobody can be told (no user, not logged in, DMs closed). Never raises: a notice must not
    break a delivery run, and only Discord's short reason is logged."""
    if not user or not user.isdigit() or client.user is None:
        return False
    where = f"<#{channel}>" if channel.isdigit() else escape_discord(one_line(channel))
    text = notice.text(where, shorten(escape_discord(one_line(reason)), 300))
    try:
        dm = await client.http.start_private_message(int(user))
        await client.http.request(
            _messages_route(int(dm["id"])), json={"content": text, "allowed_mentions": NO_MENTIONS}
        )
    except discord.HTTPException as error:
        log.info("could not tell %s about the pause (%s)", user, delivery_error(error).reason)
        return False
    except Exception as error:
        log.info("could not tell %s about the pause (%s)", user, type(error).__name__)
        return False
    return True


class DiscordDeliverer:
    """Posts digest cards with a logged-in `discord.Client` (gateway or REST only)."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    def _me(self) -> discord.ClientUser:
        """The bot user, once the client has logged in (a gateway client may still be starting
        when the first digest falls due: that attempt fails and is retried)."""
        if self._client.user is None:
            raise DeliveryError("Discord: not logged in yet")
        return self._client.user

    async def deliver(self, post: DigestPost) -> str:
        channel_id = channel_number(post.subscription.channel)
        me = self._me()
        payloads = digest_payloads(post)
        try:
            ids = await self._earlier_posts(channel_id, me, post) if post.attempt > 1 else []
            if ids:
                log.info("%s: found %d earlier post(s) of this digest", post.marker, len(ids))
            for part in range(len(ids) + 1, len(payloads) + 1):
                payload = {
                    **payloads[part - 1],
                    "allowed_mentions": NO_MENTIONS,
                    "nonce": _part_nonce(post, part),
                    "enforce_nonce": True,
                }
                data = await self._client.http.request(_messages_route(channel_id), json=payload)
                ids.append(str(data["id"]))
        except discord.HTTPException as error:
            raise delivery_error(error) from error
        except discord.RateLimited as error:
            raise DeliveryError("Discord: rate limited") from error
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            raise DeliveryError(f"Discord: {type(error).__name__}") from error
        return ids[0]

    async def notify_paused(self, subscription: Subscription, reason: str) -> bool:
        return await tell_paused(
            self._client, subscription.subscribed_by, DIGEST_PAUSED, subscription.channel, reason
        )

    async def _earlier_posts(
        self, channel_id: int, me: discord.ClientUser, post: DigestPost
    ) -> list[str]:
        """Ids of our messages marked for this slot since `post.since`, oldest first: the
        parts posted in order, so they are parts 1…k of the digest."""
        tag = _tag(post)
        after = discord.utils.time_snowflake(post.since) - 1
        found: set[int] = set()
        for _ in range(HISTORY_PAGES):
            batch = await self._client.http.logs_from(channel_id, HISTORY_PAGE, after=after)
            for message in batch:
                author = message.get("author") or {}
                if str(author.get("id")) == str(me.id) and _marked(dict(message), tag):
                    found.add(int(message["id"]))
            if len(batch) < HISTORY_PAGE:
                return [str(i) for i in sorted(found)]
            after = max(int(message["id"]) for message in batch)
        log.warning(
            "%s: history past %d messages not read", post.marker, HISTORY_PAGE * HISTORY_PAGES
        )
        return [str(i) for i in sorted(found)]


def _messages_route(channel_id: int) -> Route:
    return Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)


async def open_rest_client(settings: Settings) -> discord.Client:
    """A client logged in over REST only (no gateway), for posting from `run-due`; the
    caller closes it with `await client.close()`. Applies DISCORD_API_URL (process-wide)."""
    token = discord_token(settings)
    configure_endpoints(settings)
    client = discord.Client(
        intents=intents(), allowed_mentions=discord.AllowedMentions.none(), max_messages=None
    )
    try:
        await client.login(token)
    except BaseException:
        await client.close()
        raise
    return client
