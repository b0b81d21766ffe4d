"""A small HTTP server on 127.0.0.1 serving feeds and article pages for the feed tests.

Each path has a `Route`: a body with its media type, or a status, a redirect, a delay, an
endless body. The server counts requests per path, the conditional ones among them, and
remembers the headers of the last request, so tests can check what the poller really sent.
With `conditional=True` a route answers 304 when the request's ETag or date matches.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    conditional: bool = False  # answer 304 when If-None-Match / If-Modified-Since match
    location: str | None = None  # for 3xx
    delay: float = 0.0  # seconds before answering
    endless: bool = False  # stream data until the client hangs up (no Content-Length)


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    conditional_hits: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    last_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_GET(self) -> None:
            path = self.path
            server.hits[path] += 1
            server.last_headers[path] = {k.lower(): v for k, v in self.headers.items()}
            route = server.routes.get(path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            etag_asked = self.headers.get("If-None-Match")
            since_asked = self.headers.get("If-Modified-Since")
            if etag_asked or since_asked:
                server.conditional_hits[path] += 1
            if route.conditional and (
                (etag_asked and etag_asked == route.etag)
                or (since_asked and since_asked == route.last_modified)
            ):
                server.not_modified[path] += 1
                self.send_response(304)
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.end_headers()
                return
            if route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.endless:
                self._send_endless(route.content_type)
                return
            self._send(route.status, route.body, route.content_type, route)

        def _send(
            self, status: int, body: bytes, content_type: str, route: Route | None = None
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if route and route.etag:
                    self.send_header("ETag", route.etag)
                if route and route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def _send_endless(self, content_type: str) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
                for _ in range(10_000):  # about 600 MB if nobody stops reading
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@contextmanager
def serve() -> Iterator[FeedServer]:
    """A running server on a free port of 127.0.0.1, stopped on exit."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# ------------------------------------------------------------------------ documents


def rss(title: str, items: list[dict[str, str]], link: str = "http://127.0.0.1/") -> bytes:
    """An RSS 2.0 document; each item: title, link, guid, date (RFC 822), summary (HTML)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{title}</title><link>{link}</link><description>News</description>",
    ]
    for item in items:
        parts.append("<item>")
        for tag, key in (("title", "title"), ("link", "link"), ("guid", "guid")):
            if item.get(key):
                parts.append(f"<{tag}>{item[key]}</{tag}>")
        if item.get("date"):
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if item.get("summary"):
            escaped = item["summary"].replace("&", "&amp;").replace("<", "&lt;")
            parts.append(f"<description>{escaped}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom 1.0 document; each entry: title, link, id, updated (ISO 8601), content (HTML)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{title}</title><id>urn:test:{title}</id><updated>2025-03-12T00:00:00Z</updated>",
    ]
    for entry in entries:
        parts.append("<entry>")
        parts.append(f"<title>{entry['title']}</title><id>{entry['id']}</id>")
        parts.append(f"<updated>{entry['updated']}</updated>")
        if entry.get("link"):
            parts.append(f'<link rel="alternate" href="{entry["link"]}"/>')
        if entry.get("content"):
            escaped = entry["content"].replace("&", "&amp;").replace("<", "&lt;")
            parts.append(f'<content type="html">{escaped}</content>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts).encode("utf-8")


def page(title: str, paragraphs: list[str], *, site: str = "Caucasus Ledger") -> bytes:
    """An article page with the chrome real pages have: navigation, a footer, a newsletter box."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav>
<header><h1>{title}</h1></header>
<main><article>
{body}
</article></main>
<aside>Sign up for our morning newsletter.</aside>
<footer>© 2025 {site}. All rights reserved.</footer>
</body></html>""".encode()
