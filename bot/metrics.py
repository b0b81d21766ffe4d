"""Process metrics in the Prometheus text format, served at /metrics.

One registry for the process (not the library's global one), so only what briefbot defines
is exported. Label values come from closed sets (registered command names, platforms,
outcomes), never from user input, so a typo storm cannot blow up the series count.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from briefings.telemetry import add_observer

# `*_created` series would double the output, and no dashboard reads them
disable_created_metrics()  # type: ignore[no-untyped-call]
REGISTRY = CollectorRegistry(auto_describe=True)

COMMANDS = Counter(
    "briefbot_commands",
    "Commands answered, by command, platform and outcome (ok, error).",
    ["command", "platform", "outcome"],
    registry=REGISTRY,
)
COMMAND_SECONDS = Histogram(
    "briefbot_command_seconds",
    "Time to answer a command in the core (query and card), by command and platform.",
    ["command", "platform"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
    registry=REGISTRY,
)
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
ALERT_PAUSES = Counter(
    "briefbot_alert_channels_paused",
    "Channels whose alerts this process paused after repeated delivery failures.",
    ["platform"],
    registry=REGISTRY,
)
SCHEDULER_LEADER = Gauge(
    "briefbot_scheduler_leader",
    "1 while this process runs the digest and feed schedule (the leader), else 0.",
    registry=REGISTRY,
)
ARTICLES_STORED = Counter(
    "briefbot_articles_ingested",
    "Articles this process stored (duplicates not counted).",
    registry=REGISTRY,
)
WORDS_STORED = Counter(
    "briefbot_article_words_ingested",
    "Words in the articles this process stored.",
    registry=REGISTRY,
)
EXTRACTION_SECONDS = Histogram(
    "briefbot_extraction_seconds",
    "Time to extract one article's facts.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0),
    registry=REGISTRY,
)


def _on_core_event(event: str, values: dict[str, float]) -> None:
    if event == "article-extracted":
        EXTRACTION_SECONDS.observe(values.get("seconds", 0.0))
    elif event == "article-stored":
        ARTICLES_STORED.inc()
        WORDS_STORED.inc(values.get("words", 0.0))


add_observer(_on_core_event)


def observe_command(command: str, platform: str, outcome: str, seconds: float) -> None:
    COMMANDS.labels(command, platform, outcome).inc()
    COMMAND_SECONDS.labels(command, platform).observe(seconds)


def exposition() -> tuple[bytes, str]:
    """The current metrics and their content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
