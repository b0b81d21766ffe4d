"""Which IP addresses briefbot may fetch from: the public internet only, unless allowed.

Feed and page URLs come from chat users; without this check `/feeds add` could make the bot
read a cloud metadata service (169.254.169.254), an admin panel on localhost or a host of
the internal network, and show what it found. The check is on the *resolved* addresses, so
a public-looking name that resolves to 10.0.0.1 is refused like the literal address, and
every address of the name must be public (a resolver may hand out any of them).
"""

from __future__ import annotations

import ipaddress
import socket

from briefings.feeds.errors import NotPublicError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64), which is what is reached."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: IPAddress) -> bool:
    """False for loopback, private, shared (CGNAT), link-local, unspecified, multicast,
    reserved and documentation addresses, and IPv6 forms of those IPv4 addresses."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    )


def parse_address(text: str) -> IPAddress:
    """An address as the resolver writes it (IPv6 link-local ones may carry `%zone`)."""
    return ipaddress.ip_address(text.split("%", 1)[0])


def checked_addresses(host: str, port: int, *, allow_private: bool = False) -> list[str]:
    """The host's addresses in the resolver's order; `NotPublicError` unless all are public
    (or `allow_private`). `OSError` when the name does not resolve."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise OSError("the host name has no address")
    if not allow_private and not all(is_public_address(parse_address(a)) for a in addresses):
        raise NotPublicError()
    return addresses
