"""The extraction quality report:
`python -m tests.gold.report [dev|heldout|all] [--new | --only=PREFIX] [-v]`."""

from __future__ import annotations

import sys

from tests.gold.scoring import evaluate, load_gold


def main(argv: list[str]) -> None:
    """Splits to report (dev, heldout, all; default dev: held-out figures are asked for by
    name, once tuning is over); `--new` keeps only the articles of stories written for the
    generality check (`new_*`); `--only=PREFIX` keeps the articles whose gold file starts so
    (`--only=fresh2_`: one batch of fresh articles, reported apart)."""
    verbose = "-v" in argv
    prefix = "new_" if "--new" in argv else ""
    for arg in argv:
        if arg.startswith("--only="):
            prefix = arg.removeprefix("--only=")
    named = [a for a in argv if not a.startswith("-")] or ["dev"]
    for split in [None if name == "all" else name for name in named]:
        articles = load_gold(split)
        if prefix:
            articles = [a for a in articles if a.name.startswith(prefix)]
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
