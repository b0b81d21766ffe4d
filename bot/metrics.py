"""Process metrics in the Prometheus text format, served at /metrics.

One registry per process (not the library's global one), so tests that build several apps in
one interpreter do not collide, and only what briefbot defines is exported.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry(auto_describe=True)

DIGEST_DELIVERIES = Counter(
    "briefbot_digest_deliveries",
    "Digest slots finished by this process, by platform and outcome.",
    ["platform", "status"],
    registry=REGISTRY,
)
DIGEST_PAUSES = Counter(
    "briefbot_digest_channels_paused",
    "Channels this process paused after repeated delivery failures.",
    ["platform"],
    registry=REGISTRY,
)
SCHEDULER_LEADER = Gauge(
    "briefbot_scheduler_leader",
    "1 while this process runs the digest and feed schedule (the leader), else 0.",
    registry=REGISTRY,
)


def exposition() -> tuple[bytes, str]:
    """The current metrics and their content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
