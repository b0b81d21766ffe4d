"""In-process command latency on one corpus database, run in a fresh process per database.

`python -m benchmarks.latency URL` prints one JSON object: per command line p50/p95/p99 in
milliseconds, the time to open the core (ready), and the process's peak RSS. A fresh process
per database keeps one size's memory out of another's figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.stories import spread_stories
from bot.app import BotCore, open_core
from bot.config import Settings
from briefings.queries.profiles import most_mentioned_since, outlet_counts

# One line per command (the JSON's per-command figure) and harder variants beside them.
# {actor} and {outlet} are the corpus's most covered actor and outlet: the largest answers.
PRIMARY = {
    "timeline": "/timeline",
    "actor": "/actor {actor}",
    "source": "/source {outlet}",
    "claims": "/claims",
    "figures": "/figures",
    "search": "/search ceasefire",
    "brief": "/brief",
}
VARIANTS = (
    "/timeline actor:{actor} from:{year}",
    "/timeline page:50",
    "/timeline period:background",
    "/timeline period:all page:50",
    "/actor {actor} page:3",
    "/claims {actor}",
    "/claims ceasefire",
    "/figures killed",
    "/search prisoners exchanged",
    "/search zzzunfound",
    "/brief {actor}",
    "/brief ceasefire",
    "/sources",
)
# Every command answered for one of the corpus's ~20 stories (`benchmarks.stories`): as in a
# channel bound with /story use.
SCOPED = (
    *(f"{line} story:{{story}}" for line in PRIMARY.values()),
    "/timeline actor:{actor} from:{year} story:{story}",
    "/timeline period:background story:{story}",
    "/claims {actor} story:{story}",
    "/brief {actor} story:{story}",
    "/sources story:{story}",
)


def peak_rss_mb() -> float:
    """This process's peak resident set. Not getrusage: Linux carries ru_maxrss across exec,
    so a process started by a large parent (the corpus builder) reports the parent's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _placeholders(core: BotCore) -> dict[str, str]:
    with core.db.session() as session:
        actor = most_mentioned_since(session, None, limit=1)
        outlets = outlet_counts(session)
    return {
        "actor": actor[0][0] if actor else "Russia",
        "outlet": outlets[0].outlet if outlets else "CNN",
        "year": "2020",
    }


def measure(core: BotCore, line: str, budget_seconds: float, most: int) -> dict[str, float]:
    """Repeat one line: at least 30 and at most `most` times, within about the budget."""
    started = time.perf_counter()
    core.ask(line, admin=True)  # first answer: caches and the query planner warm up
    first_ms = (time.perf_counter() - started) * 1000
    samples: list[float] = []
    deadline = time.perf_counter() + budget_seconds
    while len(samples) < most and (len(samples) < 30 or time.perf_counter() < deadline):
        t0 = time.perf_counter()
        core.ask(line, admin=True)
        samples.append((time.perf_counter() - t0) * 1000)
    return {
        "p50_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 95),
        "p99_ms": percentile(samples, 99),
        "max_ms": max(samples),
        "first_ms": first_ms,
        "samples": len(samples),
    }


def run(url: str, budget_seconds: float, most: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            BRIEFBOT_DATA_DIR=tmp,
            BRIEFBOT_SEEDS_DIR=str(Path(tmp) / "no-seeds"),
            BRIEFBOT_DATABASE_URL=url,
        )
        started = time.perf_counter()
        core = open_core(settings, seed=False)
        core.settle()  # as `briefbot run` does once started (bot.heap)
        core.ask("/help", admin=True)
        ready = time.perf_counter() - started
        values = _placeholders(core)
        values["story"] = spread_stories(core.db)
        commands = {
            name: {"line": line.format(**values)}
            | measure(core, line.format(**values), budget_seconds, most)
            for name, line in PRIMARY.items()
        }
        variants = {
            line.format(**values): measure(core, line.format(**values), budget_seconds, most)
            for line in VARIANTS + SCOPED
        }
        core.close()
    return {
        "ready_seconds": ready,
        "commands": commands,
        "variants": variants,
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per line (about)")
    parser.add_argument("--most", type=int, default=300, help="most repeats per line")
    args = parser.parse_args(argv)
    json.dump(run(args.url, args.budget, args.most), sys.stdout)


if __name__ == "__main__":
    main()
