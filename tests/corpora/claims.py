"""PolNeAR attribution scores in process: `python -m tests.corpora.claims [train|dev …] [-v]
[--limit N] [--jobs N]`.

Each article goes through the same path as `briefbot extract FILE --published DATE --json`
(read the file, build the article, extract, the CLI's own JSON shape), and the shared scorer
`score_claims.py` pairs and counts with its own functions — so the figures are the ones the
scorer prints for `--cmd '.venv/bin/briefbot extract {file} --published {date} --json'`,
without starting a process per article.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from tests.corpora.shared import CORPORA, scorer

POLNEAR = CORPORA / "polnear"
_TOTALS = (
    "gold",
    "sys",
    "found",
    "unlocated",
    "src_right",
    "src_wrong",
    "src_pronoun_unscored",
    "src_none_unscored",
    "joint_tp",
    "gold_scorable",
    "sys_on_unscorable",
    "cue_gold",
    "cue_right",
    "speech_gold",
    "speech_found",
    "quote_gold",
    "quote_found",
    "skipped_gold",
    "found_tight",
)


def system_claims(path: str, published: str) -> list[dict[str, Any]]:
    """The `claims` list of `briefbot extract PATH --published DATE --json`."""
    from bot.cli import _extraction_json
    from briefings.ingest import ArticleMeta
    from briefings.ingest.reader import normalise_text, read_source_text
    from briefings.service import extract_text

    meta = ArticleMeta(published=date.fromisoformat(published) if published else None)
    source = read_source_text(Path(path))
    extraction = extract_text(normalise_text(source), meta)
    claims: list[dict[str, Any]] = _extraction_json(extraction, source)["claims"]
    return claims


def _claims_or_none(path: str, published: str) -> list[dict[str, Any]]:
    """As the scorer does when the command fails: the article counts with no claims."""
    try:
        return system_claims(path, published)
    except Exception as error:
        print(f"ERR {path}: {error!r}", file=sys.stderr)
        return []


@functools.cache
def _articles(split: str) -> list[Any]:
    """The scorer's articles of a split, read once per process."""
    found: list[Any] = scorer("score_claims").find_articles(str(POLNEAR / split))
    return found


def _score_one(index: int, split: str) -> tuple[dict[str, Any], str]:
    art = _articles(split)[index]
    report: dict[str, Any] = scorer("score_claims").score_article(
        art, _claims_or_none(art.text_path, art.date)
    )
    return report, art.base


def evaluate(
    split: str, verbose: bool = False, limit: int | None = None, jobs: int = 1
) -> dict[str, float]:
    """The scorer's summary figures for one split (its SUMMARY line, as numbers)."""
    sc = scorer("score_claims")
    articles = _articles(split)
    count = min(len(articles), limit) if limit else len(articles)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_score_one, range(count), [split] * count, chunksize=4))
    else:
        results = [
            (sc.score_article(a, _claims_or_none(a.text_path, a.date)), a.base)
            for a in articles[:count]
        ]
    totals: Counter[str] = Counter()
    jaccard = 0.0
    any_cue = False
    for report, base in results:
        for key in _TOTALS:
            totals[key] += report[key]
        jaccard += report["jaccard_sum"]
        any_cue |= report["sys_has_cue"]
        if verbose:
            print(f"== {base}")
            for line in report["details"]:
                print(line)
    cp, cr, cf = sc.prf(totals["found"], totals["sys"], totals["gold"])
    scored = totals["src_right"] + totals["src_wrong"]
    jp, jr, jf = sc.prf(
        totals["joint_tp"], totals["sys"] - totals["sys_on_unscorable"], totals["gold_scorable"]
    )
    cue_r = totals["cue_right"] / totals["cue_gold"] if any_cue and totals["cue_gold"] else 0.0
    return {
        "docs": float(count),
        "gold": float(totals["gold"]),
        "claims": float(totals["sys"]),
        "found": float(totals["found"]),
        "unlocated": float(totals["unlocated"]),
        "content_p": cp,
        "content_r": cr,
        "content_f1": cf,
        "mean_jaccard": jaccard / totals["found"] if totals["found"] else 0.0,
        "source_acc": totals["src_right"] / scored if scored else 0.0,
        "source_scored": float(scored),
        "joint_p": jp,
        "joint_r": jr,
        "joint_f1": jf,
        "cue_r": cue_r,
        "r_speech": totals["speech_found"] / totals["speech_gold"]
        if totals["speech_gold"]
        else 0.0,
        "r_quote": totals["quote_found"] / totals["quote_gold"] if totals["quote_gold"] else 0.0,
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("splits", nargs="*", default=["dev"])
    parser.add_argument("-v", action="store_true", help="every miss, spurious claim, speaker")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--jobs", type=int, default=1, help="processes")
    args = parser.parse_args(argv)
    for split in args.splits:
        r = evaluate(split, args.v, args.limit, args.jobs)
        print(
            f"{split:5} docs {r['docs']:.0f} gold {r['gold']:.0f} claims {r['claims']:.0f}"
            f" found {r['found']:.0f} unlocated {r['unlocated']:.0f}"
            f" | content P {r['content_p']:.3f} R {r['content_r']:.3f} F1 {r['content_f1']:.3f}"
            f" (Jaccard {r['mean_jaccard']:.2f})"
            f" | source acc {r['source_acc']:.3f} ({r['source_scored']:.0f})"
            f" | joint P {r['joint_p']:.3f} R {r['joint_r']:.3f} F1 {r['joint_f1']:.3f}"
            f" | cue R {r['cue_r']:.3f} | R speech {r['r_speech']:.3f} quotes {r['r_quote']:.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
