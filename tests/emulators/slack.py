"""A fake Slack on 127.0.0.1: the Web API, the Socket Mode websocket and `response_url`s.

The real slack-bolt / slack_sdk code talks to it over the wire (`AsyncWebClient(base_url=…)`
points at `api_url`), so what the tests check is what Slack would receive. It also plays Slack's
side of HTTP mode: `post_signed` signs a request the way Slack does and POSTs it to the app.

Faults are injected per method: `rate_limit("chat.postMessage", retry_after=1)` answers the next
call with 429 + `Retry-After`; `fail("chat.postMessage", "not_in_channel")` with that error.
The pseudo-methods `upload` (the file upload URL) and `response` (any response_url) take faults
too; a fault may carry any HTTP status (`fail(..., status=503)`), and every call is recorded
with the moment it was answered (`ApiCall.at`), so a test can see a retry wait. Channels can
be missing (`missing_channels`: channel_not_found) or closed to the bot
(`closed_channels`: not_in_channel), and `hang("chat.postMessage")` carries the next call out
but holds its answer back: Slack accepted the post, the poster never heard.

Posted messages are kept per channel as `conversations.history` returns them (bot_id, user,
metadata); history hands out metadata only when asked with `include_all_metadata`, as Slack
does. A message to a user ID lands in that user's DM channel (`dm_channel`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

BOT_TOKEN = "xoxb-emulated-bot-token"
APP_TOKEN = "xapp-emulated-app-token"
SIGNING_SECRET = "emulated-signing-secret"
TEAM_ID = "T0EMULATED"
BOT_USER_ID = "U0BOTUSER"
BOT_ID = "B0BRIEFBOT"
APP_ID = "A0BRIEFBOT"
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    token: str | None
    status: int
    ok: bool
    at: float = field(default_factory=time.monotonic)  # when the emulator answered


@dataclass
class Fault:
    status: int
    error: str
    retry_after: int | None = None


@dataclass
class Hang:
    skip: int  # calls still answered at once before the held one
    seconds: float


@dataclass
class SocketEnvelope:
    envelope_id: str
    type: str
    payload: dict[str, Any]
    ack: dict[str, Any] | None = None


@dataclass
class _State:
    calls: list[ApiCall] = field(default_factory=list)
    responses: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    uploads: dict[str, bytes] = field(default_factory=dict)
    shared_files: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    envelopes: dict[str, SocketEnvelope] = field(default_factory=dict)
    connections: int = 0


def signature(secret: str, timestamp: int | str, body: str) -> str:
    """Slack's request signature: `v0=` + hex HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def slash_command(
    command: str,
    text: str = "",
    *,
    response_url: str,
    user_id: str = "U0ASKER",
    channel_id: str = "C0GENERAL",
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
) -> dict[str, str]:
    """The fields Slack sends for a slash command (form-encoded over HTTP, a dict over Socket)."""
    return {
        "token": "deprecated-verification-token",
        "team_id": team_id,
        "team_domain": "emulated",
        "channel_id": channel_id,
        "channel_name": "general",
        "user_id": user_id,
        "user_name": "asker",
        "command": command,
        "text": text,
        "api_app_id": "A0BRIEFBOT",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:10]}",
    }


def block_action(
    action_id: str,
    value: str,
    *,
    response_url: str,
    user_id: str = "U0ASKER",
    channel_id: str = "C0GENERAL",
    team_id: str = TEAM_ID,
    ephemeral: bool = True,
    trigger_id: str | None = None,
) -> dict[str, Any]:
    """A `block_actions` payload for a button click on a message."""
    return {
        "type": "block_actions",
        "user": {"id": user_id, "username": "asker", "team_id": team_id},
        "api_app_id": "A0BRIEFBOT",
        "token": "deprecated-verification-token",
        "container": {
            "type": "message",
            "message_ts": "1700000000.000100",
            "channel_id": channel_id,
            "is_ephemeral": ephemeral,
        },
        "trigger_id": trigger_id or f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:10]}",
        "team": {"id": team_id, "domain": "emulated"},
        "channel": {"id": channel_id, "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "bb_actions",
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


def form_body(fields: dict[str, Any]) -> str:
    """A slash command dict as Slack's form body; an interaction payload as `payload=<json>`."""
    if fields.get("type") == "block_actions":
        return urlencode({"payload": json.dumps(fields)})
    return urlencode(fields)


@dataclass
class Delivery:
    status: int
    text: str
    seconds: float


async def post_signed(
    url: str,
    fields: dict[str, Any],
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    retry_num: int | None = None,
    forged: bool = False,
    unsigned: bool = False,
    body: str | None = None,
) -> Delivery:
    """POST a request to the app as Slack would: form-encoded and signed over the raw body."""
    raw = body if body is not None else form_body(fields)
    ts = int(time.time()) if timestamp is None else timestamp
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if not unsigned:
        headers["X-Slack-Request-Timestamp"] = str(ts)
        headers["X-Slack-Signature"] = signature("not-the-secret" if forged else secret, ts, raw)
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    started = time.perf_counter()
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=raw.encode(), headers=headers) as response,
    ):
        text = await response.text()
    return Delivery(response.status, text, time.perf_counter() - started)


class SlackEmulator:
    """Slack's Web API, Socket Mode endpoint and response_url receiver on a free loopback port."""

    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        app_token: str = APP_TOKEN,
        team_id: str = TEAM_ID,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.users: dict[str, dict[str, Any]] = {}
        self.closed_channels: set[str] = set()
        self.missing_channels: set[str] = set()
        self.state = _State()
        self._faults: dict[str, list[Fault]] = defaultdict(list)
        self._hangs: dict[str, Hang] = {}
        self._released = asyncio.Event()
        self._ids = itertools.count(1)
        self._socket: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle --------------------------------------------------------------------------

    async def start(self) -> SlackEmulator:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._web_api)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket_mode)
        # no access log: its lines would name response_urls, which the tests look for in logs
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self._released.set()  # answer any held call, so the server can shut down
        if self._socket is not None and not self._socket.closed:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> SlackEmulator:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, key: str | None = None) -> str:
        return f"{self.base_url}/response/{key or uuid.uuid4().hex}"

    # -- faults and inspection ---------------------------------------------------------------

    def rate_limit(self, method: str, *, times: int = 1, retry_after: int = 1) -> None:
        self._faults[method].extend(Fault(429, "ratelimited", retry_after) for _ in range(times))

    def fail(self, method: str, error: str, *, times: int = 1, status: int = 200) -> None:
        """Web API methods report errors with HTTP 200; response_urls use 4xx (e.g. 404)."""
        self._faults[method].extend(Fault(status, error) for _ in range(times))

    def hang(self, method: str, *, after: int = 0, seconds: float = 30.0) -> None:
        """Carry out the call after the next `after` calls to `method` (a post is stored) but
        answer it only after `seconds`, or when the emulator stops."""
        self._hangs[method] = Hang(after, seconds)

    def dm_channel(self, user_id: str) -> str:
        """The ID of the bot's direct-message channel with a user."""
        return "D" + user_id[1:]

    def channel_messages(self, channel: str) -> list[dict[str, Any]]:
        """What was posted in a channel, oldest first (no entry is created for it)."""
        return list(self.state.messages.get(channel, []))

    def add_message(self, channel: str, text: str, **fields: Any) -> dict[str, Any]:
        """A message someone else posted (fields such as `bot_id`, `user`, `metadata`)."""
        message = {"type": "message", "ts": self._ts(), "text": text, **fields}
        self.state.messages[channel].append(message)
        return message

    def api_calls(self, method: str) -> list[ApiCall]:
        return [call for call in self.state.calls if call.method == method]

    def response_calls(self, response_url: str) -> list[ApiCall]:
        """Every POST to one response_url, refused ones included, in order."""
        key = response_url.rsplit("/", 1)[-1]
        return [call for call in self.api_calls("response") if call.params["key"] == key]

    def responses(self, response_url: str) -> list[dict[str, Any]]:
        return self.state.responses[response_url.rsplit("/", 1)[-1]]

    def all_responses(self) -> list[dict[str, Any]]:
        return [body for bodies in self.state.responses.values() for body in bodies]

    async def wait_for(
        self, predicate: Callable[[], object], timeout: float = 5.0, what: str = "condition"
    ) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"emulator: timed out waiting for {what}")
            await asyncio.sleep(0.01)

    async def wait_responses(
        self, response_url: str, count: int = 1, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        await self.wait_for(
            lambda: len(self.responses(response_url)) >= count, timeout, f"{count} response(s)"
        )
        return self.responses(response_url)

    # -- Socket Mode ------------------------------------------------------------------------

    async def wait_connected(self, timeout: float = 5.0) -> None:
        await self.wait_for(
            lambda: self._socket is not None and not self._socket.closed, timeout, "socket"
        )

    async def send_envelope(
        self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0, timeout: float = 5.0
    ) -> SocketEnvelope:
        """Push one envelope down the socket and wait for the app's ack of it."""
        await self.wait_connected(timeout)
        assert self._socket is not None
        envelope = SocketEnvelope(envelope_id=str(uuid.uuid4()), type=kind, payload=payload)
        self.state.envelopes[envelope.envelope_id] = envelope
        await self._socket.send_json(
            {
                "envelope_id": envelope.envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )
        await self.wait_for(lambda: envelope.ack is not None, timeout, "envelope ack")
        return envelope

    async def _socket_mode(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        if request.query.get("ticket") != "emulated-ticket":
            await ws.close(code=4001, message=b"bad ticket")
            return ws
        self._socket = ws
        self.state.connections += 1
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "emulator", "approximate_connection_time": 3600},
                "connection_info": {"app_id": "A0BRIEFBOT"},
            }
        )
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            envelope = self.state.envelopes.get(str(data.get("envelope_id")))
            if envelope is not None:
                envelope.ack = data
        return ws

    # -- response_url and uploads -----------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.Response:
        """Every attempt is kept as a call of the pseudo-method `response` (with its `key`);
        only accepted messages are kept as responses."""
        key = request.match_info["key"]
        fault = self._take_fault("response")
        if fault is not None:
            self.state.calls.append(ApiCall("response", {"key": key}, None, fault.status, False))
            return self._fault_response(fault)
        self.state.responses[key].append(await request.json())
        self.state.calls.append(ApiCall("response", {"key": key}, None, 200, True))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        fault = self._take_fault("upload")
        if fault is not None:
            return self._fault_response(fault)
        data = await request.read()
        self.state.uploads[request.match_info["file_id"]] = data
        return web.Response(text=f"OK - {len(data)}")

    # -- Web API ----------------------------------------------------------------------------

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        return queue.pop(0) if queue else None

    @staticmethod
    def _fault_response(fault: Fault) -> web.Response:
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
        return web.json_response(
            {"ok": False, "error": fault.error}, status=fault.status, headers=headers
        )

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update({k: v for k, v in (await request.post()).items()})
        return params

    async def _web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        fault = self._take_fault(method)
        if fault is not None:
            self.state.calls.append(ApiCall(method, params, token, fault.status, False))
            return self._fault_response(fault)
        body = self._answer(method, params, token)
        self.state.calls.append(ApiCall(method, params, token, 200, bool(body.get("ok"))))
        await self._maybe_hold(method)
        return web.json_response(body)

    async def _maybe_hold(self, method: str) -> None:
        hang = self._hangs.get(method)
        if hang is None:
            return
        if hang.skip > 0:
            hang.skip -= 1
            return
        del self._hangs[method]
        with suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), hang.seconds)

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "apps.connections.open":
            if token != self.app_token:
                return {"ok": False, "error": "invalid_auth"}
            ws = f"ws://127.0.0.1:{self.port}/socket?ticket=emulated-ticket"
            return {"ok": True, "url": ws}
        if token != self.bot_token:
            return {"ok": False, "error": "invalid_auth" if token else "not_authed"}
        handler = getattr(self, "_api_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        result: dict[str, Any] = handler(params)
        return result

    def _api_auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://emulated.slack.com/",
            "team": "Emulated",
            "user": "briefbot",
            "team_id": self.team_id,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _api_users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = str(params.get("user", ""))
        if user_id not in self.users:
            return {"ok": False, "error": "user_not_found"}
        user = {"id": user_id, "team_id": self.team_id, "is_admin": False, "is_owner": False}
        user.update(self.users[user_id])
        return {"ok": True, "user": user}

    def _ts(self) -> str:
        """Seconds since the epoch; the counter keeps every ts distinct and increasing."""
        return f"{int(time.time())}.{next(self._ids):06d}"

    def _channel_error(self, channel: str) -> dict[str, Any] | None:
        if not channel or channel in self.missing_channels:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.closed_channels:
            return {"ok": False, "error": "not_in_channel"}
        return None

    def _api_chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        error = self._channel_error(channel)
        if error is not None:
            return error
        if _USER_ID.match(channel):
            channel = self.dm_channel(channel)
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        metadata = params.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        message = {
            "type": "message",
            "ts": self._ts(),
            "text": params.get("text", ""),
            "blocks": blocks or [],
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "user": BOT_USER_ID,
        }
        if metadata:
            message["metadata"] = metadata
        self.state.messages[channel].append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _api_chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        """Replace a bot message's text and blocks in place (`edited` records it)."""
        channel = str(params.get("channel", ""))
        error = self._channel_error(channel)
        if error is not None:
            return error
        ts = str(params.get("ts", ""))
        message = next((m for m in self.state.messages[channel] if m["ts"] == ts), None)
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        message["text"] = params.get("text", message["text"])
        message["blocks"] = blocks or message["blocks"]
        message["edited"] = {"user": BOT_USER_ID, "ts": self._ts()}
        return {"ok": True, "channel": channel, "ts": ts, "text": message["text"]}

    def _api_conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        """Newest first, `oldest`/`latest` exclusive unless `inclusive`, paged by `cursor`."""
        channel = str(params.get("channel", ""))
        error = self._channel_error(channel)
        if error is not None:
            return error
        oldest = float(params.get("oldest") or 0)
        latest = float(params.get("latest") or "inf")
        inclusive = _flag(params.get("inclusive"))

        def within(ts: float) -> bool:
            if inclusive:
                return oldest <= ts <= latest
            return oldest < ts < latest

        found = [m for m in self.state.messages.get(channel, []) if within(float(m["ts"]))]
        found.sort(key=lambda m: float(m["ts"]), reverse=True)
        start = int(params.get("cursor") or 0)
        limit = max(1, min(int(params.get("limit") or 100), 999))
        page = found[start : start + limit]
        more = start + limit < len(found)
        if not _flag(params.get("include_all_metadata")):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _api_files_getUploadURLExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("filename") or not str(params.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):08d}"
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/{file_id}"}

    def _api_files_completeUploadExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        files = json.loads(str(params.get("files", "[]")))
        channel = str(params.get("channel_id", ""))
        if channel in self.closed_channels:
            return {"ok": False, "error": "not_in_channel"}
        if any(f.get("id") not in self.state.uploads for f in files):
            return {"ok": False, "error": "file_not_found"}
        if channel:
            self.state.shared_files[channel].extend(files)
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}


def _flag(value: object) -> bool:
    """A boolean argument as slack_sdk sends it (`1`/`0` in a query) or as JSON."""
    return value is True or str(value).lower() in {"1", "true"}
