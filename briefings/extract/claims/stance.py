"""The stance of a claim: the cue's, refined by how the reported words open when the cue is
neutral ("said it had no role in the attack" denies; "said his country supports …"
supports). The openings are data (`content_stances` in attribution.yaml): a blame ("was
attacked by …") counts whoever the subject is, a failure ("Putin has failed to …") when it
is named, the others when said of the speaker itself ("it", "his country")."""

from __future__ import annotations

import functools

from briefings.extract._lexicon import DATA_DIR, load_yaml
from briefings.extract.lexicon import default_lexicon, fold_key
from briefings.models import Stance

_NEUTRAL = frozenset({Stance.ASSERTS, Stance.ANNOUNCES})
_SUBJECT_WORDS = 4  # the reported clause's subject may be this long before the opening
_Openings = dict[str, tuple[tuple[tuple[str, ...], Stance], ...]]


@functools.cache
def _openings() -> _Openings:
    """The openings by their first word, longest first."""
    data = load_yaml(DATA_DIR / "attribution.yaml").get("content_stances") or {}
    found: dict[str, list[tuple[tuple[str, ...], Stance]]] = {}
    for stance, phrases in data.items():
        for phrase in phrases or []:
            words = tuple(fold_key(str(phrase)).split())
            found.setdefault(words[0], []).append((words, Stance(stance)))
    return {
        first: tuple(sorted(entries, key=lambda entry: len(entry[0]), reverse=True))
        for first, entries in found.items()
    }


@functools.cache
def _own_words() -> frozenset[str]:
    """Words that open a subject meaning the speaker itself ("it", "his country")."""
    pronouns = default_lexicon()["pronouns"]
    return frozenset(
        form
        for form, value in pronouns.values.items()
        if value in {"male", "female", "plural", "neuter", "first_plural", "first_singular"}
    )


def refine_stance(stance: Stance, content: str) -> Stance:
    """`stance`, or the stance a neutral cue takes from the opening of `content`."""
    if stance not in _NEUTRAL:
        return stance
    openings = _openings()
    words = fold_key(content[:160]).split()
    own = bool(words) and words[0] in _own_words()
    for skip in range(min(_SUBJECT_WORDS, len(words) - 1) + 1):
        for phrase, refined in openings.get(words[skip], ()):
            if tuple(words[skip : skip + len(phrase)]) != phrase:
                continue
            named = content[:1].isupper() and skip > 0  # "Putin has failed to …"
            if (
                (refined is Stance.CRITICISES and named)
                or refined is Stance.ACCUSES
                or (own and skip > 0)
            ):
                return refined
    return stance
