"""Contradictions: one speaker denies what another asserts, on the same matter.

Two claims concern the same matter when their content shares enough distinctive words
(`briefings.matter`). Only a denial against a positive statement by a *different* speaker
counts: a speaker correcting itself is not a contradiction between sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.matter import MIN_SHARED, matter, same_matter
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
    statements = _statements_by_stem(claims, stems)
    found = []
    for index, denial in enumerate(claims):
        if denial.stance != Stance.DENIES:
            continue
        opposed = tuple(
            claims[other]
            for other in _sharing(stems[index], statements)
            if claims[other].speaker != denial.speaker and same_matter(stems[index], stems[other])
        )
        if opposed:
            found.append(Contradiction(denial=denial, statements=opposed))
    return found


def _statements_by_stem(
    claims: Sequence[ClaimView], stems: list[frozenset[str]]
) -> dict[str, list[int]]:
    """The positive statements' indices under each of their stems, in order."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if claim.stance in POSITIVE:
            for stem in stems[index]:
                postings[stem].append(index)
    return postings


def _sharing(own: frozenset[str], postings: dict[str, list[int]]) -> list[int]:
    """The statements sharing MIN_SHARED stems or more with a denial, in order: no other can
    be on its matter, and a denial is not compared with every claim (hundreds by hundreds
    in a /claims answer)."""
    shared = Counter(index for stem in own for index in postings.get(stem, ()))
    return sorted(index for index, count in shared.items() if count >= MIN_SHARED)
