"""The connection layer under httpx that checks where it connects, on every connection.

Checking a URL's host before the request would not be enough: a redirect can point anywhere,
and a name can resolve to a public address for the check and to 127.0.0.1 a moment later
(DNS rebinding). So the check sits where sockets are opened: the host is resolved once, its
addresses checked, and the socket opened to a checked address — never a second lookup.
Every redirect hop to a new host opens a new connection and passes through here; a pooled
connection is reused only for the same host and port it was checked for. TLS still verifies
the certificate against the host name (httpcore passes the name, not the address, as SNI).
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx

from briefings.feeds.addresses import checked_addresses

# httpx's own defaults, kept when the connection pool is replaced.
MAX_CONNECTIONS = 100
MAX_KEEPALIVE_CONNECTIONS = 20
KEEPALIVE_SECONDS = 5.0


class CheckedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses `checked_addresses` accepted."""

    def __init__(self, *, allow_private: bool = False) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = checked_addresses(host, port, allow_private=self.allow_private)
        except OSError as error:  # NotPublicError is no OSError: it goes up as it is
            raise httpcore.ConnectError("the host name could not be resolved") from error
        failure: Exception | None = None
        for address in addresses:  # like socket.create_connection: each address in turn
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        assert failure is not None
        raise failure


class CheckedTransport(httpx.HTTPTransport):
    """httpx's HTTP transport over a connection pool that uses `CheckedBackend`."""

    def __init__(self, *, allow_private: bool = False) -> None:
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=MAX_CONNECTIONS,
            max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS,
            keepalive_expiry=KEEPALIVE_SECONDS,
            network_backend=CheckedBackend(allow_private=allow_private),
        )
