"""TempEval-3 Task A on the shared TimeML corpora, in process: `python -m tests.corpora.timex
[TimeBank|AQUAINT …] [-v] [--misses N]`.

Scores exactly what `briefbot extract --json` prints as `timexes` (the same function builds
both), with the shared scorer's own matching and metrics.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from typing import Any

from tests.corpora.shared import CORPORA, scorer


def _system(text: str, dct: str | None) -> list[dict[str, Any]]:
    from briefings.extract.timexes import timexes_of_text

    published = date.fromisoformat(dct) if dct else None
    return timexes_of_text(text, published)


def evaluate(folder: str, verbose: bool = False, limit: int = 400) -> dict[str, float]:
    st = scorer("score_timex")
    totals: Counter[str] = Counter()
    date_totals: Counter[str] = Counter()
    misses: list[str] = []
    for path in sorted((CORPORA / "tempeval3-train" / folder).glob("*.tml")):
        gold = st.parse_tml(path)
        notes: Counter[str] = Counter()
        system = st.system_timexes(_system(gold.text, gold.dct), gold.text, notes)
        counts = st.count(gold.timexes, system)
        pairs = counts.pop("_pairs")
        totals.update(counts)
        gd = [t for t in gold.timexes if t.type in st.DATE_TYPES]
        sd = [t for t in system if t.type in st.DATE_TYPES]
        dc = st.count(gd, sd)
        dc.pop("_pairs")
        date_totals.update(dc)
        if verbose:
            matched = set(pairs.values())
            for gi, g in enumerate(gold.timexes):
                if gi not in pairs:
                    misses.append(f"MISS  {g.type:8} {g.value:14} «{g.text}» {_ctx(gold.text, g)}")
                    continue
                s = system[pairs[gi]]
                if (s.start, s.end) != (g.start, g.end):
                    misses.append(f"SPAN  «{g.text}» vs «{s.text}»")
                if s.value != g.value or s.type != g.type:
                    misses.append(
                        f"VALUE «{g.text}» gold {g.type} {g.value} sys {s.type} {s.value} "
                        f"dct {gold.dct} {_ctx(gold.text, g)}"
                    )
            for si, s in enumerate(system):
                if si not in matched:
                    misses.append(f"EXTRA {s.type:8} {s.value:14} «{s.text}» {_ctx(gold.text, s)}")
    result = st.metrics(totals)
    date_result = st.metrics(date_totals)
    result.update({f"date_{k}": v for k, v in date_result.items()})
    result["gold"] = totals["gold"]
    result["sys"] = totals["sys"]
    if verbose:
        for line in misses[:limit]:
            print(line)
    return result


def _ctx(text: str, timex: Any) -> str:
    return "| " + text[max(0, timex.start - 160) : timex.end + 60].replace("\n", " ")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", default=["TimeBank", "AQUAINT"])
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--misses", type=int, default=400)
    args = parser.parse_args(argv)
    for folder in args.folders:
        r = evaluate(folder, args.v, args.misses)
        print(
            f"{folder:9} strict F1 {r['strict_f1']:.3f}"
            f" (P {r['strict_p']:.3f} R {r['strict_r']:.3f})"
            f" · relaxed F1 {r['relaxed_f1']:.3f} (P {r['relaxed_p']:.3f} R {r['relaxed_r']:.3f})"
            f" · type acc {r['type_acc']:.3f} · value acc {r['value_acc']:.3f}"
            f" · value F1 {r['value_f1']:.3f} · DATE/TIME value F1 {r['date_value_f1']:.3f}"
            f" · gold {r['gold']} sys {r['sys']}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
