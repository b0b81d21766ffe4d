"""Story names: the slug rule, and "did you mean" for a name that is not a story."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from briefings.errors import InputError, NotFoundError

SLUG_RULE = (
    "a story name is a slug: 2–40 lowercase letters, digits and single hyphens, "
    "starting with a letter (e.g. nagorno-karabakh)"
)
_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
ALL = "all"  # `story:all`: every story, whatever the channel follows


def check_slug(name: str) -> str:
    """The name as a slug, or an error that states the rule."""
    slug = name.strip()
    if not 2 <= len(slug) <= 40 or not _SLUG.match(slug):
        raise InputError(f"“{slug[:60]}” cannot be a story name: {SLUG_RULE}.")
    if slug == ALL:
        raise InputError("“all” stands for every story and cannot name one.")
    return slug


def unknown_story(name: str, known: list[str]) -> NotFoundError:
    """The error for a name that is no story, with the closest story names."""
    key = name.strip().lower()
    close = process.extract(key, known, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    suggestions = [choice for choice, _, _ in close]
    hint = "" if suggestions or not known else f" Stories: {', '.join(sorted(known)[:10])}."
    return NotFoundError(f"There is no story “{name.strip()[:60]}”.{hint}", suggestions)
