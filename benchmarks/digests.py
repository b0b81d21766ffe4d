"""Digest fan-out for `make bench` (also `python -m benchmarks.digests`):

- `fanout_1000_seconds`: 1,000 channels due at the same minute, delivered by `run_due` on
  an emulated platform (the console deliverer into memory, so the figure is the bot's own
  work: planning, building each distinct digest once, the delivery ledger; not a
  platform's pacing, which spreads a real fan-out over its rate limits).

The channels are a realistic mix: most follow everything with no filter, some filter by an
actor or an outlet, a few follow a story. Runs on a fresh seeded SQLite file in a temporary
folder.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import open_core
from bot.config import Settings
from bot.digests.delivery import ConsoleDeliverer
from bot.digests.run_due import run_due
from briefings.digests.subscriptions import subscribe
from briefings.stories.store import bind_channel

PROJECT = Path(__file__).resolve().parent.parent
CHANNELS = 1000
FILTERS: list[dict[str, Any]] = [
    *({} for _ in range(14)),
    {"actors": ["Azerbaijan"]},
    {"actors": ["Russia"]},
    {"sources": ["CNN"]},
    {"kinds": ["offensive"]},
    {"story": "nagorno-karabakh"},
]


def _settings(folder: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        BRIEFBOT_DATABASE_URL=f"sqlite:///{folder / 'digests.sqlite3'}",
        BRIEFBOT_DATA_DIR=str(folder),
        BRIEFBOT_SEEDS_DIR=str(PROJECT / "seeds"),
    )


def run(channels: int = CHANNELS) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        core = open_core(_settings(Path(tmp)))
        try:
            made = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
            for number in range(channels):
                shape = dict(FILTERS[number % len(FILTERS)])
                story = shape.pop("story", None)
                channel = f"fanout-{number}"
                subscribe(
                    core.db, platform="console", channel=channel, at="08:00", zone="UTC",
                    now=made, **shape,
                )  # fmt: skip
                if story:
                    bind_channel(core.db, "console", channel, story)
            out = io.StringIO()
            due = made + timedelta(hours=1, seconds=20)
            started = time.perf_counter()
            outcomes = asyncio.run(run_due(core, due, {"console": ConsoleDeliverer(out)}))
            seconds = time.perf_counter() - started
            sent = sum(1 for outcome in outcomes if outcome.status == "sent")
            return {
                "channels": channels,
                "delivered": sent,
                "fanout_1000_seconds": seconds * CHANNELS / channels,
            }
        finally:
            core.close()


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else CHANNELS), indent=2))
