"""A story's match rule, as data: which terms it counts and how many mentions make an article
join (`briefings/data/stories.yaml` documents the rule and holds the defaults).

Counting is plain text matching of whole terms, any case, so that an article is matched the
same way when it is stored and when a changed rule re-matches the stored corpus; an actor's
aliases, demonyms and metonyms (from the actor registry) are its terms too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from briefings.extract.actors import ActorRegistry


@dataclass(frozen=True)
class RuleSettings:
    """The defaults of `stories.yaml`: thresholds of a new story and the lead's length."""

    min_mentions: int
    min_lead_mentions: int
    lead_sentences: int


@cache
def rule_settings() -> RuleSettings:
    text = resources.files("briefings.data").joinpath("stories.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    defaults = data["defaults"]
    settings = RuleSettings(
        min_mentions=int(defaults["min_mentions"]),
        min_lead_mentions=int(defaults["min_lead_mentions"]),
        lead_sentences=int(data["lead_sentences"]),
    )
    if min(settings.min_mentions, settings.min_lead_mentions, settings.lead_sentences) < 1:
        raise ValueError("stories.yaml: thresholds and lead_sentences must be at least 1")
    return settings


@dataclass(frozen=True)
class MatchRule:
    """Key actors and words, and the two thresholds (whole article, headline and lead)."""

    actors: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    min_mentions: int = 3
    min_lead_mentions: int = 2

    @property
    def empty(self) -> bool:
        """A story without actors or words takes articles only from its feeds and ingests."""
        return not self.actors and not self.words

    def describe(self) -> str:
        if self.empty:
            return "no rule: only its feeds and explicit ingests"
        terms = [*self.actors, *(f"“{word}”" for word in self.words)]
        return (
            f"{', '.join(terms)}: at least {self.min_mentions} mentions in the article, "
            f"or {self.min_lead_mentions} in its headline and lead"
        )


@dataclass(frozen=True)
class ArticleText:
    """What a rule reads of an article: its headline, lead and whole text."""

    title: str
    lead: str
    text: str


def _terms(rule: MatchRule, registry: ActorRegistry) -> list[str]:
    terms: set[str] = {word for word in rule.words if word.strip()}
    for name in rule.actors:
        terms.add(name)
        actor = registry.get(name)
        if actor is not None:
            terms.update(actor.aliases)
    return sorted(terms, key=lambda term: (-len(term), term))


@cache
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def rule_pattern(rule: MatchRule, registry: ActorRegistry) -> re.Pattern[str] | None:
    """One pattern for every term of the rule, longest first (so "Nagorno-Karabakh" counts
    once, not also as "Karabakh")."""
    return _pattern(tuple(_terms(rule, registry)))


def rule_matches(pattern: re.Pattern[str] | None, rule: MatchRule, article: ArticleText) -> bool:
    """Whether the article meets the rule: enough mentions overall, or in headline and lead."""
    if pattern is None:
        return False

    def count(text: str) -> int:
        return sum(1 for _ in pattern.finditer(text))

    headline = count(article.title)
    if headline + count(article.lead) >= rule.min_lead_mentions:
        return True
    return headline + count(article.text) >= rule.min_mentions
