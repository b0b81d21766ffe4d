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

from typing import TYPE_CHECKING

from briefings.lazy import lazy_exports

if TYPE_CHECKING:
    from briefings.extract.claims.finder import ClaimFinder, SentenceClaims
    from briefings.extract.claims.model import ClaimMatch, Speaker

__all__ = ["ClaimFinder", "ClaimMatch", "SentenceClaims", "Speaker"]
# Loaded on first use: cards need only the word lists (`vocabulary`), and a command line
# that answers a question should not pay for compiling the finder's patterns.
_HOMES = {
    "ClaimFinder": "briefings.extract.claims.finder",
    "SentenceClaims": "briefings.extract.claims.finder",
    "ClaimMatch": "briefings.extract.claims.model",
    "Speaker": "briefings.extract.claims.model",
}


__getattr__ = lazy_exports(__name__, _HOMES)
