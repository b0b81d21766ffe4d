"""Alert benchmarks for `make bench` (also `python -m benchmarks.alerts`):

- `alerts_match_ms`: the cost `queue_alerts` adds to storing one article when 1,000 channels
  have rules (kinds, actors, figure thresholds, jumps, contradictions mixed), p50/p99 over the
  test articles, each measured in a transaction rolled back so every sample sees the same data;
- `alerts_delivered_ms`: from an article stored (the writer's transaction committed, its
  alert queued) to its alert delivered by `run_alerts` on the console deliverer, p50/p99.

Runs on a fresh seeded SQLite file in a temporary folder; small on purpose (the 2-core
machines this runs on share their time).
"""

from __future__ import annotations

import asyncio
import io
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.alerts.delivery import ConsoleAlertDeliverer
from bot.alerts.run import run_alerts
from bot.app import open_core
from bot.config import Settings
from briefings.alerts.rules import subscribe
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from briefings.store.schema import ArticleRow

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "tests" / "corpora" / "alerts"
CHANNELS = 1000
SAMPLES = 15
RULE_SHAPES: list[dict[str, Any]] = [
    {"kinds": ["offensive"]},
    {"kinds": ["ceasefire", "talks"]},
    {"actors": ["Azerbaijan"]},
    {"actors": ["Russia"], "kinds": ["deployment"]},
    {"figures": ["killed>=10"]},
    {"figures": ["displaced>=1000"], "jump": "50"},
    {"contradictions": True},
]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": statistics.median(ordered),
        "p99": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))],
        "samples": float(len(ordered)),
    }


def _settings(folder: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        BRIEFBOT_DATABASE_URL=f"sqlite:///{folder / 'alerts.sqlite3'}",
        BRIEFBOT_DATA_DIR=str(folder),
        BRIEFBOT_SEEDS_DIR=str(PROJECT / "seeds"),
    )


def run() -> dict[str, Any]:
    from briefings.alerts.triggers import queue_alerts

    with tempfile.TemporaryDirectory() as tmp:
        core = open_core(_settings(Path(tmp)))
        try:
            made = datetime.now(UTC) - timedelta(minutes=1)
            with core.db.session() as session:
                for number in range(CHANNELS):
                    shape = RULE_SHAPES[number % len(RULE_SHAPES)]
                    subscribe(
                        session, platform="console", channel=f"bench-{number}", now=made, **shape
                    )
            text = (CORPUS / "offensive_first.txt").read_text(encoding="utf-8")
            match_ms: list[float] = []
            delivered_ms: list[float] = []
            deliverers = {"console": ConsoleAlertDeliverer(io.StringIO())}
            for sample in range(SAMPLES):
                # a distinct day each time: a new happening, so every sample alerts
                published = date(2024, 1, 2) + timedelta(days=7 * sample)
                meta = ArticleMeta(outlet="Reuters", published=published)
                ingest_text(core.db, f"{text}\n\nSample {sample}.", meta)
                stored = time.perf_counter()
                asyncio.run(run_alerts(core, datetime.now(UTC), deliverers))
                delivered_ms.append((time.perf_counter() - stored) * 1000)
                with core.db.session() as session:
                    article_id = session.scalars(
                        select(ArticleRow.id).where(ArticleRow.published == published)
                    ).one()
                connection = core.db.engine.connect()
                try:
                    from sqlalchemy.orm import Session

                    transaction = connection.begin()
                    with Session(bind=connection) as session:
                        t0 = time.perf_counter()
                        queue_alerts(session, article_id)
                        match_ms.append((time.perf_counter() - t0) * 1000)
                    transaction.rollback()
                finally:
                    connection.close()
            return {
                "channels_with_rules": CHANNELS,
                "alerts_match_ms": _percentiles(match_ms),
                "alerts_delivered_ms": _percentiles(delivered_ms),
            }
        finally:
            core.close()


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
