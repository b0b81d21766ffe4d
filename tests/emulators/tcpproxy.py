"""A TCP proxy on 127.0.0.1 that a test can take down: the network to a server going away.

Point a client at `port` and it reaches the target through the proxy. `stop()` closes the
listening socket and cuts every open connection at once (new connections are then refused,
as when the server's host is unreachable); `start()` serves again on the same port, so a
client configured with it recovers without being told. `cut_after(n)` takes the proxy down
by itself when the n+1-th chunk from any client arrives (that chunk is not forwarded):
a deterministic "the database went away in the middle of a command".

It runs in threads of its own, so it keeps working while a test's event loop (or the code
under test, in a worker thread) blocks on the connection.
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress
from dataclasses import dataclass, field


@dataclass
class _Link:
    client: socket.socket
    server: socket.socket
    closed: threading.Event = field(default_factory=threading.Event)

    def close(self) -> None:
        self.closed.set()
        for sock in (self.client, self.server):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                sock.close()


class TcpProxy:
    """Forward 127.0.0.1:`port` to `target`; see the module docstring."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.accepted = 0  # connections accepted over the proxy's life
        self.cuts = 0  # times the proxy went down with connections open
        self._listener: socket.socket | None = None
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        self._budget: int | None = None  # client chunks still forwarded before a cut
        self.cut_in_flight = threading.Event()  # set when `cut_after` fired

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> TcpProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Refuse new connections and cut the open ones."""
        with self._lock:
            listener, self._listener = self._listener, None
            links, self._links = self._links, []
            self._budget = None
        if listener is not None:
            with suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        if links:
            self.cuts += 1
        for link in links:
            link.close()

    @property
    def running(self) -> bool:
        return self._listener is not None

    @property
    def open_connections(self) -> int:
        with self._lock:
            return sum(1 for link in self._links if not link.closed.is_set())

    def cut_after(self, chunks: int) -> None:
        """Go down when the `chunks`+1-th client chunk from now arrives."""
        self.cut_in_flight.clear()
        with self._lock:
            self._budget = chunks

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- forwarding ------------------------------------------------------------------------

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            link = _Link(client, server)
            with self._lock:
                if self._listener is not listener:  # stopped meanwhile
                    link.close()
                    return
                self._links.append(link)
                self.accepted += 1
            threading.Thread(target=self._pump, args=(link, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(link, False), daemon=True).start()

    def _pump(self, link: _Link, upstream: bool) -> None:
        source, sink = (link.client, link.server) if upstream else (link.server, link.client)
        try:
            while not link.closed.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if upstream and self._spend():
                    self.cut_in_flight.set()
                    self.stop()
                    return
                sink.sendall(data)
        except OSError:
            pass
        link.close()

    def _spend(self) -> bool:
        """Count one client chunk against `cut_after`; True when it is the one to cut on."""
        with self._lock:
            if self._budget is None:
                return False
            if self._budget == 0:
                self._budget = None
                return True
            self._budget -= 1
            return False
