"""Article links a card may show: http(s) only, nothing secret in them, nothing that could
break the markup around them.

An article's URL comes from a feed, a page or a user, so it is untrusted text like the
article itself. `public_url` decides whether a stored URL may be shown to a channel at all;
`link_target` writes it so that it can sit inside a Discord `[text](url)` or a Slack
`<url|text>` without ending it early, forming a mention or carrying formatting, and drops it
when it is too long for a footnote (a URL cannot be shortened and still lead anywhere, so
the citation keeps naming the article and only the link goes).
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlsplit, urlunsplit

MAX_LINK = 400  # characters of a link target in a footnote; longer links are dropped

_SCHEMES = ("http", "https")
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Query names whose values look like secrets (the feeds' own `display_url` rule): a link
# carrying one is never posted, since a channel would then hold the secret.
_SECRET_PARAM = re.compile(r"token|key|secret|pass|auth|sig|session|credential|code", re.IGNORECASE)
# Kept as they are: RFC 3986's unreserved characters and the delimiters a path or query
# needs. Everything else (spaces, quotes, brackets, `@`, `|`, `<`, `>`, `\`, non-ASCII) is
# percent-encoded, which no markup reads as its own.
_KEPT = frozenset(string.ascii_letters + string.digits + "-._~:/?#!$&'*+,;=")
_HEX = frozenset(string.hexdigits)


def _secret_query(query: str) -> bool:
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        if sep and value and _SECRET_PARAM.search(name):
            return True
    return False


def public_url(url: str | None) -> str | None:
    """`url` (trimmed) when it may be shown in a channel: http or https with a host, no user
    name or password, no secret-looking query value, no control characters; else None."""
    if not url:
        return None
    url = url.strip()
    if not url or _UNSHOWABLE.search(url):
        return None
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port that is not a number or out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return None
    if _secret_query(parts.query):
        return None
    return url


def _encode(text: str) -> str:
    """`text` with every character outside `_KEPT` percent-encoded as UTF-8 (a `%` that
    already starts an escape is kept)."""
    out: list[str] = []
    for index, char in enumerate(text):
        escape = text[index + 1 : index + 3]
        if char in _KEPT or (char == "%" and len(escape) == 2 and set(escape) <= _HEX):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


def _host(hostname: str, port: int | None) -> str | None:
    if ":" in hostname:  # an IPv6 literal
        host = f"[{hostname}]"
    else:
        try:
            host = hostname.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        if not all(char in _KEPT for char in host):
            return None
    return f"{host}:{port}" if port is not None else host


def link_target(url: str | None, limit: int = MAX_LINK) -> str | None:
    """The URL as a link target that no surface's markup can be broken by, or None when it
    may not be shown (`public_url`) or is longer than `limit` once written so."""
    shown = public_url(url)
    if shown is None:
        return None
    parts = urlsplit(shown)
    assert parts.hostname is not None  # public_url checked it
    netloc = _host(parts.hostname, parts.port)
    if netloc is None:
        return None
    target = urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _encode(parts.path) or "/",
            _encode(parts.query),
            _encode(parts.fragment),
        )
    )
    return target if len(target) <= limit else None
