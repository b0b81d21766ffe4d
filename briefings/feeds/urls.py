"""Checking the URLs we are asked to fetch, and showing them without their secrets.

Only http and https are fetched: a `file:` or `ftp:` URL from a chat user must never reach
the network code. A feed URL may carry credentials (`https://user:pass@host/…`, `?token=…`);
`display_url` is what appears in cards, logs and error messages instead.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from briefings.errors import InputError

MAX_URL_CHARS = 2000
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SECRET_PARAM = re.compile(r"token|key|secret|pass|auth|sig|session|credential|code", re.IGNORECASE)


def looks_like_url(text: str) -> bool:
    """True for `scheme://…` (a command-line argument meant as a URL, not a file path)."""
    return bool(_SCHEME.match(text.strip()))


def check_url(url: str) -> str:
    """The URL, trimmed and without its fragment, when it can be fetched; else `InputError`."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):  # chat link markup: <url> or <url|label>
        url = url[1:-1].split("|", 1)[0].strip()
    if not url:
        raise InputError("Give a URL starting with http:// or https://.")
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"The URL is too long (over {MAX_URL_CHARS:,} characters).")
    if any(ch.isspace() for ch in url):
        raise InputError("A URL cannot contain spaces.")
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port that is not a number or out of range
    except ValueError:
        raise InputError("That is not a valid URL.") from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme[:20] or "no scheme"
        raise InputError(f"Only http:// and https:// URLs can be fetched (not {shown}).")
    if not parts.hostname:
        raise InputError("The URL has no host name.")
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def display_url(url: str) -> str:
    """The URL without user name, password or secret-looking query values."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(invalid URL)"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    pairs = []
    for pair in parts.query.split("&") if parts.query else []:
        name, sep, _ = pair.partition("=")
        pairs.append(f"{name}{sep}…" if sep and _SECRET_PARAM.search(name) else pair)
    query = "&".join(pairs)
    return urlunsplit((parts.scheme, f"{host}{port}", parts.path, query, ""))
