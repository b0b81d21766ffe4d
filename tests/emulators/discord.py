"""A fake Discord (REST + gateway) on 127.0.0.1 for running the real discord.py client.

One aiohttp server serves both: REST under `/api/v10` (point `discord.http.Route.BASE` at
`api_url`) and the gateway websocket at `/gateway` (point
`discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY` at `gateway_url`). It speaks just enough of
the protocol for a bot that answers interactions: HELLO → IDENTIFY → READY → GUILD_CREATE, then
whatever `INTERACTION_CREATE` a test dispatches; interaction callbacks, webhook followups and
edits are recorded and turned into stored messages, so a test can click a button on a message
the bot sent.

Bot posts to channels (`POST /channels/{id}/messages`) are stored with the bot as author and
honour `nonce` + `enforce_nonce` (the same nonce in the same channel within `nonce_window`
seconds answers with the message already made); `GET /channels/{id}/messages` pages them
with `after`/`before`/`limit`, newest first; `POST /users/@me/channels` opens a DM channel.
A channel can refuse (`deny_channel`: 403 Missing Access, 404 Unknown Channel, …), a user can
refuse DMs (`closed_dms`), and `hang_next` carries a request out but holds its answer back.

Faithful details that discord.py depends on: `Content-Type: application/json` exactly; member
objects carry `flags`; `with_response=1` callbacks answer `{"interaction", "resource"}`; a
429 carries `Via` and a JSON `retry_after` (else discord.py treats it as a Cloudflare ban).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1_420_070_400_000
API_PREFIX = "/api/v10"
EPHEMERAL = 64
LOADING = 128

# interaction types
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4

# callback types
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8

JSON = "application/json"


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class RecordedFile:
    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class Recorded:
    """One REST request as the fake saw it (path without the /api/v10 prefix)."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    status: int = 0
    at: float = field(default_factory=time.monotonic)  # when the fake received it


@dataclass
class SentInteraction:
    id: int
    token: str
    payload: dict[str, Any]
    sent_at: float = field(default_factory=time.monotonic)


@dataclass
class _Session:
    ws: web.WebSocketResponse
    shard: tuple[int, int] = (0, 1)
    identify: dict[str, Any] | None = None
    sequence: int = 0
    ready: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class _Hang:
    method: str
    path: re.Pattern[str]
    skip: int
    seconds: float


# Discord's JSON error messages for the codes the tests use.
ERROR_MESSAGES = {
    10003: "Unknown Channel",
    50001: "Missing Access",
    50007: "Cannot send messages to this user",
    50013: "Missing Permissions",
}


@dataclass
class _Failure:
    method: str
    path: re.Pattern[str]
    status: int
    retry_after: float
    times: int


class FakeDiscord:
    """The fake. Start it with `await start()` (or `running_in_thread()` for sync tests)."""

    def __init__(
        self,
        token: str,
        *,
        guilds: int = 1,
        shard_count: int = 1,
        bot_name: str = "briefbot",
    ) -> None:
        self.token = token
        self.shard_count = shard_count
        self.response_window = 3.0  # seconds Discord waits for the first response
        self._ids = itertools.count(1)
        self.app_id = self.snowflake()
        self.bot_user = self._user(self.app_id, bot_name, bot=True)
        self.member_user = self._user(self.snowflake(), "reader")
        # guild ids spread over the shards: (guild_id >> 22) % shard_count picks the shard
        self.guild_ids = [self._guild_id(index) for index in range(guilds)]
        self.channel_ids = {guild: self.snowflake() for guild in self.guild_ids}
        self.requests: list[Recorded] = []
        self.unhandled: list[Recorded] = []
        self.sessions: list[_Session] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.synced: dict[int | None, list[dict[str, Any]]] = {}
        self.interactions: dict[str, SentInteraction] = {}  # by token
        self._originals: dict[str, int] = {}  # interaction token → its response message id
        self._acknowledged: set[str] = set()
        self._failures: list[_Failure] = []
        self.nonce_window = 300.0  # seconds a nonce keeps answering with its message
        self._nonces: dict[tuple[int, str], tuple[int, float]] = {}
        self.denied_channels: dict[int, tuple[int, int]] = {}  # channel → (status, code)
        self.dm_channels: dict[int, int] = {}  # user → DM channel
        self.closed_dms: set[int] = set()  # users who accept no DMs from the bot
        self._hangs: list[_Hang] = []
        self._released = asyncio.Event()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- ids and objects -------------------------------------------------------------------

    def snowflake(self, at_ms: int | None = None) -> int:
        ms = at_ms if at_ms is not None else int(time.time() * 1000)
        return ((ms - DISCORD_EPOCH_MS) << 22) | (next(self._ids) & 0xFFF)

    def _guild_id(self, index: int) -> int:
        base = int(time.time() * 1000) - 10_000_000
        return self.snowflake(base + index)  # consecutive ms → consecutive shards

    def shard_of(self, guild_id: int | None) -> int:
        return 0 if guild_id is None else (guild_id >> 22) % self.shard_count

    @staticmethod
    def _user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": str(user_id),
            "username": name,
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": bot,
            "flags": 0,
            "public_flags": 0,
        }

    def _channel(self, guild_id: int) -> dict[str, Any]:
        return {
            "id": str(self.channel_ids[guild_id]),
            "type": 0,
            "guild_id": str(guild_id),
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def guild(self, guild_id: int) -> dict[str, Any]:
        return {
            "id": str(guild_id),
            "name": f"guild {guild_id % 1000}",
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.member_user["id"]),
            "region": None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "features": [],
            "roles": [
                {
                    "id": str(guild_id),
                    "name": "@everyone",
                    "color": 0,
                    "colors": {"primary_color": 0},
                    "hoist": False,
                    "position": 0,
                    "permissions": str(0x400 | 0x800 | 0x4000 | 0x8000 | 0x10000),
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "emojis": [],
            "stickers": [],
            "channels": [self._channel(guild_id)],
            "threads": [],
            "members": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "member_count": 2,
            "large": False,
            "unavailable": False,
            "joined_at": now_iso(),
        }

    def member(self, permissions: int) -> dict[str, Any]:
        return {
            "user": self.member_user,
            "roles": [],
            "joined_at": now_iso(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
            "permissions": str(permissions),
        }

    def _message(
        self,
        data: dict[str, Any],
        *,
        channel_id: int,
        files: list[RecordedFile],
        kind: int = 0,
        author: dict[str, Any] | None = None,
        webhook: bool = True,
    ) -> dict[str, Any]:
        message_id = self.snowflake()
        message = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": author or self.bot_user,
            **({"webhook_id": str(self.app_id)} if webhook else {}),
            "application_id": str(self.app_id),
            "content": data.get("content") or "",
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self._attachments(files),
            "embeds": data.get("embeds") or [],
            "components": data.get("components") or [],
            "pinned": False,
            "type": kind,
            "flags": int(data.get("flags") or 0),
        }
        if data.get("nonce") is not None:
            message["nonce"] = data["nonce"]
        self.messages[message_id] = message
        return message

    def _attachments(self, files: list[RecordedFile]) -> list[dict[str, Any]]:
        return [
            {
                "id": str(self.snowflake()),
                "filename": f.filename,
                "size": len(f.data),
                "url": f"https://cdn.invalid/{f.filename}",
                "proxy_url": f"https://cdn.invalid/{f.filename}",
                "content_type": f.content_type,
            }
            for f in files
        ]

    def _edit(
        self, message: dict[str, Any], data: dict[str, Any], files: list[RecordedFile]
    ) -> None:
        for key, empty in (("content", ""), ("embeds", []), ("components", [])):
            if key in data:
                message[key] = data[key] if data[key] is not None else empty
        if "flags" in data and data["flags"] is not None:
            message["flags"] = int(data["flags"])
        if "attachments" in data:
            message["attachments"] = self._attachments(files)
        message["flags"] = int(message["flags"]) & ~LOADING
        message["edited_timestamp"] = now_iso()

    # ---- server ----------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        self._released.set()  # answer any held request, so the server can shut down
        for session in self.sessions:
            with suppress(Exception):
                await session.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @contextmanager
    def running_in_thread(self) -> Iterator[FakeDiscord]:
        """Serve from a background thread, for code that runs its own `asyncio.run`."""
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self.start())
            started.set()
            loop.run_forever()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        if not started.wait(10):
            raise RuntimeError("fake Discord did not start")
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    # ---- test controls ---------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        path: str,
        *,
        status: int = 429,
        retry_after: float = 0.05,
        times: int = 1,
    ) -> None:
        """Answer the next `times` requests matching `method` and the `path` regex with a rate
        limit (Discord's shape: `Via` header, JSON body with `retry_after`), or with another
        `status` such as a 500/502/503 server error."""
        self._failures.append(_Failure(method, re.compile(path), status, retry_after, times))

    def hang_next(self, method: str, path: str, *, after: int = 0, seconds: float = 30.0) -> None:
        """Carry out the request after the next `after` ones matching `method` and the `path`
        regex (a message is stored) but answer it only after `seconds`, or at `stop`."""
        self._hangs.append(_Hang(method, re.compile(path), after, seconds))

    def deny_channel(self, channel_id: int, *, status: int = 403, code: int = 50001) -> None:
        """Refuse every request for a channel, e.g. 403/50001 Missing Access, 404/10003
        Unknown Channel, 403/50013 Missing Permissions."""
        self.denied_channels[channel_id] = (status, code)

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """A channel's messages, oldest first."""
        found = [m for m in self.messages.values() if int(m["channel_id"]) == channel_id]
        return sorted(found, key=lambda m: int(m["id"]))

    def add_message(
        self, channel_id: int, data: dict[str, Any], *, author: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A message someone else posted (`author`: a user object; default another bot)."""
        other = author or self._user(self.snowflake(), "otherbot", bot=True)
        return self._message(data, channel_id=channel_id, files=[], author=other, webhook=False)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "condition"
    ) -> Any:
        """Wait until `predicate()` is truthy (re-checked whenever the fake sees traffic)."""

        async def until() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result

        try:
            return await asyncio.wait_for(until(), timeout)
        except TimeoutError:
            raise AssertionError(f"fake Discord: timed out waiting for {what}") from None

    def requests_for(self, sent: SentInteraction) -> list[Recorded]:
        """Every callback, followup and edit made for one interaction, in order."""
        return [
            r
            for r in self.requests
            if r.path.startswith(f"/interactions/{sent.id}/{sent.token}/")
            or r.path.startswith(f"/webhooks/{self.app_id}/{sent.token}")
        ]

    async def responses(
        self, sent: SentInteraction, count: int = 1, timeout: float = 5.0
    ) -> list[Recorded]:
        """The first `count` answered requests for an interaction (waits for them)."""
        await self.wait_for(
            lambda: len([r for r in self.requests_for(sent) if r.status]) >= count,
            timeout,
            f"{count} response(s) to interaction {sent.id}",
        )
        return [r for r in self.requests_for(sent) if r.status][:count]

    def original(self, sent: SentInteraction) -> dict[str, Any]:
        """The message an interaction's response created (or, for a click, updated)."""
        return self.messages[self._originals[sent.token]]

    async def wait_identified(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        await self.wait_for(
            lambda: len([s for s in self.sessions if s.ready.is_set()]) >= count,
            timeout,
            f"{count} identified session(s)",
        )
        return [s.identify for s in self.sessions if s.identify is not None]

    # ---- interactions ----------------------------------------------------------------------

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        guild_id: int | None,
        permissions: int,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        guild = guild_id if guild_id is not None else self.guild_ids[0]
        payload: dict[str, Any] = {
            "id": str(self.snowflake()),
            "application_id": str(self.app_id),
            "type": kind,
            "data": data,
            "guild_id": str(guild),
            "channel_id": str(self.channel_ids[guild]),
            "channel": self._channel(guild),
            "member": self.member(permissions),
            "token": "itok-" + secrets.token_hex(24),
            "version": 1,
            "app_permissions": str(0x400 | 0x800 | 0x4000 | 0x8000),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        return payload

    @staticmethod
    def _options(options: dict[str, Any], focused: str | None = None) -> list[dict[str, Any]]:
        result = []
        for name, value in options.items():
            option = {"name": name, "type": 4 if isinstance(value, int) else 3, "value": value}
            if name == focused:
                option["focused"] = True
            result.append(option)
        return result

    async def _deliver(self, payload: dict[str, Any], guild_id: int | None) -> SentInteraction:
        shard = self.shard_of(guild_id if guild_id is not None else self.guild_ids[0])
        live = [s for s in self.sessions if s.ready.is_set() and s.shard[0] == shard]
        if not live:
            raise AssertionError(f"no identified session for shard {shard}")
        sent = SentInteraction(int(payload["id"]), payload["token"], payload)
        self.interactions[sent.token] = sent
        await self._dispatch(live[-1], "INTERACTION_CREATE", payload)
        return sent

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        guild_id: int | None = None,
        permissions: int = 0x400 | 0x800,
    ) -> SentInteraction:
        """A user runs `/name` with `options` (str → STRING, int → INTEGER)."""
        data = {"id": str(self.snowflake()), "name": name, "type": 1}
        if options:
            data["options"] = self._options(options)
        payload = self._interaction(
            APPLICATION_COMMAND, data, guild_id=guild_id, permissions=permissions
        )
        return await self._deliver(payload, guild_id)

    async def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, *, guild_id: int | None = None
    ) -> SentInteraction:
        data = {
            "id": str(self.snowflake()),
            "name": name,
            "type": 1,
            "options": self._options(options, focused),
        }
        payload = self._interaction(AUTOCOMPLETE, data, guild_id=guild_id, permissions=0x400)
        return await self._deliver(payload, guild_id)

    async def click(
        self, message: dict[str, Any], custom_id: str, *, guild_id: int | None = None
    ) -> SentInteraction:
        """A user clicks the button `custom_id` on a stored (or made-up) message."""
        data = {"custom_id": custom_id, "component_type": 2}
        payload = self._interaction(
            MESSAGE_COMPONENT, data, guild_id=guild_id, permissions=0x400, message=message
        )
        return await self._deliver(payload, guild_id)

    def message_with_buttons(
        self, custom_ids: list[str], guild_id: int | None = None
    ) -> dict[str, Any]:
        """A stored bot message carrying buttons (as if sent before a restart)."""
        guild = guild_id if guild_id is not None else self.guild_ids[0]
        row = {
            "type": 1,
            "components": [
                {"type": 2, "style": 2, "label": f"button {i}", "custom_id": custom_id}
                for i, custom_id in enumerate(custom_ids)
            ],
        }
        data = {"embeds": [{"title": "old"}], "components": [row]}
        return self._message(data, channel_id=self.channel_ids[guild], files=[], kind=20)

    # ---- gateway ---------------------------------------------------------------------------

    async def _send(self, session: _Session, payload: dict[str, Any]) -> None:
        await session.ws.send_str(json.dumps(payload))

    async def _dispatch(self, session: _Session, event: str, data: dict[str, Any]) -> None:
        session.sequence += 1
        await self._send(session, {"op": 0, "t": event, "s": session.sequence, "d": data})

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        session = _Session(ws)
        self.sessions.append(session)
        await self._send(session, {"op": 10, "d": {"heartbeat_interval": 41250}})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            op = frame.get("op")
            if op == 1:
                await self._send(session, {"op": 11})
            elif op == 2:
                await self._identify(session, frame["d"])
        await self._notify()
        return ws

    async def _identify(self, session: _Session, data: dict[str, Any]) -> None:
        session.identify = data
        if data.get("token") != self.token:
            await session.ws.close(code=4004, message=b"Authentication failed.")
            return
        shard_id, count = data.get("shard") or [0, 1]
        session.shard = (int(shard_id), int(count))
        guilds = [g for g in self.guild_ids if (g >> 22) % count == shard_id]
        await self._dispatch(
            session,
            "READY",
            {
                "v": 10,
                "user": self.bot_user | {"verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
                "session_id": secrets.token_hex(16),
                "resume_gateway_url": self.gateway_url,
                "shard": [shard_id, count],
                "application": {"id": str(self.app_id), "flags": 0},
            },
        )
        for guild_id in guilds:
            await self._dispatch(session, "GUILD_CREATE", self.guild(guild_id))
        session.ready.set()
        await self._notify()

    # ---- REST ------------------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        return web.Response(
            status=status,
            body=json.dumps(data).encode(),
            headers={"Content-Type": JSON} | (headers or {}),
        )

    async def _read(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        if request.content_type.startswith("multipart/"):
            body: Any = None
            files: list[RecordedFile] = []
            reader = await request.multipart()
            async for part in reader:
                name = getattr(part, "name", None)
                data = await part.read()  # type: ignore[union-attr]
                if name == "payload_json":
                    body = json.loads(data)
                else:
                    files.append(
                        RecordedFile(
                            field=str(name),
                            filename=getattr(part, "filename", None) or "",
                            content_type=part.headers.get("Content-Type", ""),
                            data=bytes(data),
                        )
                    )
            return body, files
        raw = await request.read()
        return (json.loads(raw) if raw else None), []

    def _failure_for(self, method: str, path: str) -> _Failure | None:
        for failure in self._failures:
            if failure.times > 0 and failure.method == method and failure.path.search(path):
                failure.times -= 1
                return failure
        return None

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await self._read(request)
        record = Recorded(
            request.method, path, dict(request.query), body, files, dict(request.headers)
        )
        self.requests.append(record)
        try:
            response = await self._answer(request, record)
        except KeyError as error:
            response = self._json({"message": f"Unknown {error}", "code": 10008}, 404)
        record.status = response.status
        await self._notify()
        await self._maybe_hold(record)
        return response

    async def _maybe_hold(self, record: Recorded) -> None:
        for hang in self._hangs:
            if hang.method == record.method and hang.path.search(record.path):
                if hang.skip > 0:
                    hang.skip -= 1
                    return
                self._hangs.remove(hang)
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._released.wait(), hang.seconds)
                return

    def _authorised(self, record: Recorded) -> bool:
        return record.headers.get("Authorization") == f"Bot {self.token}"

    async def _answer(self, request: web.Request, record: Recorded) -> web.Response:
        method, path = record.method, record.path
        failure = self._failure_for(method, path)
        if failure is not None and failure.status != 429:
            return self._json(
                {"message": f"{failure.status}: Server Error", "code": 0}, failure.status
            )
        if failure is not None:
            return self._json(
                {
                    "message": "You are being rate limited.",
                    "retry_after": failure.retry_after,
                    "global": False,
                },
                failure.status,
                {"Via": "1.1 google", "Retry-After": str(max(1, round(failure.retry_after)))},
            )
        if match := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path):
            return self._callback(int(match[1]), match[2], record)
        if match := re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/([^/]+))?", path):
            return self._webhook(match[2], match[4], record)
        if not self._authorised(record):
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        if method == "GET" and path == "/users/@me":
            return self._json(self.bot_user | {"verified": True, "mfa_enabled": False})
        if method == "GET" and path == "/oauth2/applications/@me":
            return self._json(self._application())
        if method == "GET" and path == "/gateway/bot":
            return self._json(
                {
                    "url": self.gateway_url,
                    "shards": self.shard_count,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if match := re.fullmatch(rf"/applications/{self.app_id}(/guilds/(\d+))?/commands", path):
            guild = int(match[2]) if match[2] else None
            if method == "PUT":
                self.synced[guild] = [
                    command
                    | {
                        "id": str(self.snowflake()),
                        "application_id": str(self.app_id),
                        "version": str(self.snowflake()),
                        **({"guild_id": str(guild)} if guild else {}),
                    }
                    for command in record.body
                ]
            return self._json(self.synced.get(guild, []))
        if match := re.fullmatch(r"/channels/(\d+)/messages", path):
            channel_id = int(match[1])
            if channel_id in self.denied_channels:
                return self._error(*self.denied_channels[channel_id])
            if method == "POST":
                return self._create_message(channel_id, record)
            if method == "GET":
                return self._json(self._history(channel_id, record.query))
        if match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path):
            message = self.messages.get(int(match[2]))
            if method != "PATCH" or message is None or message["channel_id"] != match[1]:
                return self._error(404, 10008)
            body = record.body or {}
            for field in ("content", "embeds", "components"):
                if field in body:
                    message[field] = body[field]
            message["edited_timestamp"] = now_iso()
            return self._json(message)
        if method == "POST" and path == "/users/@me/channels":
            return self._json(self._dm_channel(int((record.body or {})["recipient_id"])))
        self.unhandled.append(record)
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    def _error(self, status: int, code: int) -> web.Response:
        return self._json({"message": ERROR_MESSAGES.get(code, "Error"), "code": code}, status)

    def _create_message(self, channel_id: int, record: Recorded) -> web.Response:
        body = record.body or {}
        if channel_id in self.dm_channels.values():
            user = next(u for u, c in self.dm_channels.items() if c == channel_id)
            if user in self.closed_dms:
                return self._error(403, 50007)
        nonce = body.get("nonce")
        key = (channel_id, str(nonce))
        earlier = self._nonces.get(key) if body.get("enforce_nonce") else None
        if earlier is not None and time.monotonic() - earlier[1] <= self.nonce_window:
            return self._json(self.messages[earlier[0]])
        message = self._message(body, channel_id=channel_id, files=record.files, webhook=False)
        if nonce is not None:
            self._nonces[key] = (int(message["id"]), time.monotonic())
        return self._json(message)

    def _history(self, channel_id: int, query: dict[str, str]) -> list[dict[str, Any]]:
        """Discord's paging: the `limit` (≤100) messages right after `after` (or right before
        `before`, or the newest), returned newest first."""
        limit = max(1, min(int(query.get("limit", 50)), 100))
        found = self.channel_messages(channel_id)
        if "before" in query:
            found = [m for m in found if int(m["id"]) < int(query["before"])][-limit:]
        elif "after" in query:
            found = [m for m in found if int(m["id"]) > int(query["after"])][:limit]
        else:
            found = found[-limit:]
        return list(reversed(found))

    def _dm_channel(self, user_id: int) -> dict[str, Any]:
        channel_id = self.dm_channels.setdefault(user_id, self.snowflake())
        recipient = self._user(user_id, f"user{user_id % 1000}")
        return {
            "id": str(channel_id),
            "type": 1,
            "last_message_id": None,
            "recipients": [recipient],
            "flags": 0,
        }

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(self.app_id),
            "name": "briefbot",
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "owner": self.member_user,
            "summary": "",
            "verify_key": "0" * 64,
            "team": None,
            "flags": 0,
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
        }

    def _callback(self, interaction_id: int, token: str, record: Recorded) -> web.Response:
        sent = self.interactions.get(token)
        if sent is None or sent.id != interaction_id:
            return self._json({"message": "Unknown interaction", "code": 10062}, 404)
        if time.monotonic() - sent.sent_at > self.response_window:
            return self._json({"message": "Unknown interaction", "code": 10062}, 404)
        if token in self._acknowledged:
            return self._json(
                {"message": "Interaction has already been acknowledged.", "code": 40060}, 400
            )
        self._acknowledged.add(token)
        kind = int(record.body["type"])
        data = record.body.get("data") or {}
        channel_id = int(sent.payload["channel_id"])
        message: dict[str, Any] | None = None
        if kind == CHANNEL_MESSAGE:
            message = self._message(data, channel_id=channel_id, files=record.files, kind=20)
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            loading = {"flags": int(data.get("flags") or 0) | LOADING}
            message = self._message(loading, channel_id=channel_id, files=[], kind=20)
        elif kind in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            message = self.messages[int(sent.payload["message"]["id"])]
            if kind == UPDATE_MESSAGE:
                self._edit(message, data, record.files)
        if message is not None:
            self._originals[token] = int(message["id"])
        interaction = {
            "id": str(interaction_id),
            "type": sent.payload["type"],
            "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(int((message or {}).get("flags") or 0) & EPHEMERAL),
        }
        if message is not None:
            interaction["response_message_id"] = message["id"]
        resource: dict[str, Any] = {"type": kind}
        if message is not None and kind != DEFERRED_UPDATE_MESSAGE:
            resource["message"] = message
        return self._json({"interaction": interaction, "resource": resource})

    def _webhook(self, token: str, target: str | None, record: Recorded) -> web.Response:
        sent = self.interactions.get(token)
        if sent is None:
            return self._json({"message": "Unknown Webhook", "code": 10015}, 404)
        channel_id = int(sent.payload["channel_id"])
        if target is None:
            if record.method != "POST":
                return self._json({"message": "405: Method Not Allowed", "code": 0}, 405)
            return self._json(
                self._message(record.body or {}, channel_id=channel_id, files=record.files)
            )
        message_id = self._originals[token] if target == "@original" else int(target)
        message = self.messages[message_id]
        if record.method == "DELETE":
            del self.messages[message_id]
            return web.Response(status=204)
        if record.method == "PATCH":
            self._edit(message, record.body or {}, record.files)
        return self._json(message)
