"""Claims: who said (thought, wanted, found) what, read from the shared sentence analysis.

- `cues`: reporting verbs, nouns, "according to" and "NAME:" found outside quotes;
- `speakers`: where the speaker phrase is, and which actor it names (`discourse` resolves
  pronouns and "the minister"; officials speak for their state or body);
- `content`: what is reported, a clause or a quote, running over sentences when a quote does;
- `finder`: the article-level reader that joins them; `stance`: the speech act.
The word lists are `briefings/data/attribution.yaml` (`vocabulary`).
"""

from __future__ import annotations

from briefings.extract.claims.finder import ClaimFinder, SentenceClaims
from briefings.extract.claims.model import ClaimMatch, Speaker

__all__ = ["ClaimFinder", "ClaimMatch", "SentenceClaims", "Speaker"]
