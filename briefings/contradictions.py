"""Contradictions: one speaker denies what another asserts, on the same matter.

Two claims concern the same matter when their content shares enough distinctive words
(`briefings.matter`). Only a denial against a positive statement by a *different* speaker
counts: a speaker correcting itself is not a contradiction between sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.matter import matter, same_matter
from briefings.models import Stance
from briefings.queries.facts import ClaimView

POSITIVE = frozenset({Stance.ASSERTS, Stance.ACCUSES, Stance.ANNOUNCES, Stance.WARNS})
COMMON_SHARE = 0.1
MIN_CLAIMS_FOR_FREQUENCY = 10
MIN_COMMON_COUNT = 3


@dataclass(frozen=True)
class Contradiction:
    denial: ClaimView
    statements: tuple[ClaimView, ...]  # what the denial contradicts, by other speakers


def _distinctive(claims: Sequence[ClaimView]) -> list[frozenset[str]]:
    """Each claim's stems without those common to many of the claims (in a story about
    Armenia nearly every claim says "Armenian"; such words tell no matter from another)."""
    stems = [matter(claim.text) for claim in claims]
    if len(stems) < MIN_CLAIMS_FOR_FREQUENCY:
        return stems
    frequency = Counter(stem for claim_stems in stems for stem in claim_stems)
    ceiling = max(MIN_COMMON_COUNT, COMMON_SHARE * len(stems))
    common = {stem for stem, n in frequency.items() if n > ceiling}
    return [claim_stems - common for claim_stems in stems]


def find_contradictions(claims: Sequence[ClaimView]) -> list[Contradiction]:
    """Each denial with the other speakers' statements on the same matter, oldest first."""
    stems = _distinctive(claims)
    found = []
    for index, denial in enumerate(claims):
        if denial.stance != Stance.DENIES:
            continue
        opposed = tuple(
            claim
            for other, claim in enumerate(claims)
            if claim.stance in POSITIVE
            and claim.speaker != denial.speaker
            and same_matter(stems[index], stems[other])
        )
        if opposed:
            found.append(Contradiction(denial=denial, statements=opposed))
    return found
