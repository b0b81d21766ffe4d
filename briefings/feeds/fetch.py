"""HTTP for feeds and article pages: conditional GET, bounded in time, size and redirects.

Everything a remote server can do wrong (hang, drip bytes, send a gigabyte, redirect in a
loop or to `file:`, answer 500) ends as a `FetchError` with a short message that names no
URL, so it can be stored and shown as is. `transient` says whether trying again later may
help — what back-off and item retries are for. Connections go only to public internet
addresses unless the policy allows private ones (`transport.py` checks every connection).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpx

from briefings.feeds.errors import FetchError
from briefings.feeds.transport import CheckedTransport
from briefings.feeds.urls import check_url

MAX_FEED_BYTES = 5_000_000
MAX_PAGE_BYTES = 5_000_000


def _user_agent() -> str:
    try:
        release = version("briefbot")
    except PackageNotFoundError:  # running from a source tree that was never installed
        release = "dev"
    return f"briefbot/{release} (news briefing bot; feed reader)"


USER_AGENT = _user_agent()


@dataclass(frozen=True)
class FetchPolicy:
    """How patient and how trusting one fetch is."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_seconds: float = 45.0  # a server dripping bytes is cut off here
    max_redirects: int = 5
    # Loopback, private networks, link-local (cloud metadata) …: only for operators whose
    # feeds are on an internal network (BRIEFBOT_FETCH_ALLOW_PRIVATE), and for tests.
    allow_private: bool = False


@dataclass(frozen=True)
class Fetched:
    """A response that was read in full (or a 304, with no body)."""

    url: str  # after redirects
    status: int
    content_type: str  # media type only, lower case; "" when the server did not say
    charset: str | None
    body: bytes
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def make_client(policy: FetchPolicy | None = None) -> httpx.Client:
    """A client with briefbot's user agent, timeouts, redirect limit and address check;
    callers close it. Fetch only through such a client: the check lives in its transport."""
    policy = policy or FetchPolicy()
    return httpx.Client(
        transport=CheckedTransport(allow_private=policy.allow_private),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout),
        follow_redirects=True,
        max_redirects=policy.max_redirects,
        trust_env=False,
    )


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _status_error(status: int) -> FetchError:
    if status == 429:
        return FetchError("HTTP 429: the server asks us to slow down", transient=True)
    if status >= 500:
        return FetchError(f"HTTP {status}: server error", transient=True)
    if status in (401, 403):
        return FetchError(f"HTTP {status}: access denied", transient=False)
    if status in (404, 410):
        return FetchError(f"HTTP {status}: not found", transient=False)
    return FetchError(f"HTTP {status}", transient=status in (408, 425))


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """The body, stopping as soon as it exceeds `max_bytes` or the deadline passes."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large (over {max_bytes:,} bytes)", transient=False)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"too large (over {max_bytes:,} bytes)", transient=False)
        if time.monotonic() > deadline:
            raise FetchError("timed out while downloading", transient=True)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    client: httpx.Client,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    accept: str = "*/*",
    policy: FetchPolicy | None = None,
) -> Fetched:
    """GET `url` (conditionally when validators are given); `FetchError` on any failure."""
    policy = policy or FetchPolicy()
    url = check_url(url)
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + policy.total_seconds
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(
                    url=str(response.url),
                    status=304,
                    content_type="",
                    charset=None,
                    body=b"",
                    etag=response.headers.get("ETag") or etag,
                    last_modified=response.headers.get("Last-Modified") or last_modified,
                )
            if response.status_code >= 400 or response.status_code < 200:
                raise _status_error(response.status_code)
            if response.status_code >= 300:  # a redirect without a usable Location
                raise FetchError(f"HTTP {response.status_code}: broken redirect", transient=False)
            body = _read_capped(response, max_bytes, deadline)
            media, charset = _media_type(response.headers.get("Content-Type"))
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                content_type=media,
                charset=charset,
                body=body,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except FetchError:
        raise
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects", transient=False) from None
    except httpx.UnsupportedProtocol:
        raise FetchError("redirected to a URL that is not http or https", transient=False) from None
    except httpx.TimeoutException:
        raise FetchError("timed out", transient=True) from None
    except httpx.ConnectError:
        raise FetchError("could not connect", transient=True) from None
    except httpx.DecodingError:
        raise FetchError("the response could not be decoded", transient=False) from None
    except httpx.HTTPError as error:
        raise FetchError(f"network error ({type(error).__name__})", transient=True) from None
