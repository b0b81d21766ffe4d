"""Claims: who said (thought, wanted, found) what, read from the shared sentence analysis.

- `view`: the sentence's tokens with what attribution needs of each (quoted? a date?);
- `cues`: reporting verbs, nouns, "according to", polls and "NAME:" found outside quotes;
- `speakers` (where the speaker phrase is) and `resolver` (which actor it names;
  `discourse` resolves pronouns and "the minister"; officials speak for their state);
- `phrases`: the noun-phrase and adjunct walks both use;
- `content`: what is reported, a clause or a quote, running over sentences when a quote does;
- `finder`: the article-level reader that joins them; `stance`: the speech act;
  `lines`: the claim as a line of English for cards.
The word lists are `briefings/data/attribution.yaml` (`vocabulary`).
"""

from __future__ import annotations

from briefings.extract.claims.finder import ClaimFinder, SentenceClaims
from briefings.extract.claims.model import ClaimMatch, Speaker

__all__ = ["ClaimFinder", "ClaimMatch", "SentenceClaims", "Speaker"]
