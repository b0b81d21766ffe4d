"""Print the extraction quality report: `python -m tests.gold.report [dev|heldout] [-v]`."""

from __future__ import annotations

import sys

from tests.gold.scoring import evaluate, load_gold


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    named = [a for a in argv if not a.startswith("-")] or ["dev", "heldout", "all"]
    for split in [None if name == "all" else name for name in named]:
        articles = load_gold(split)
        total, per_article = evaluate(articles)
        print(f"== {split or 'all'} ({len(articles)} articles)")
        print(total.table())
        if verbose and split is not None:
            for name, report in per_article.items():
                for row, tally in report.rows():
                    for miss in tally.misses:
                        print(f"  MISS  {name} {row}: {miss}")
                    for extra in tally.spurious:
                        print(f"  EXTRA {name} {row}: {extra}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
