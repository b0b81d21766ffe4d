"""A deterministic generator of realistic news articles, for benchmarks at any corpus size.

Article `i` depends only on (seed, i), so the first 1,000 articles of a 100,000-article corpus
are the 1,000-article corpus and sizes can be built incrementally. Actors come from the
project's registry (briefings/data/actors.yaml) and the sentence templates from
benchmarks/corpus.yaml; dates spread over years, outlets follow a skewed distribution, and
articles carry captions and page furniture as saved pages do.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from briefings.ingest import ArticleMeta

HERE = Path(__file__).resolve().parent
REGISTRY = HERE.parent / "briefings" / "data"
DEFAULT_SEED = 20261121
# English names: strftime speaks the C locale unless a program sets another.
WEEKDAYS = tuple(date(2024, 1, 1 + offset).strftime("%A") for offset in range(7))
MONTHS = [date(2024, month, 1).strftime("%B") for month in range(1, 13)]


@dataclass(frozen=True)
class Side:
    """A state in a story: its name, adjective, capital and a few of its officials."""

    name: str
    adjective: str
    capital: str
    officials: tuple[tuple[str, str], ...]  # (role, name)


@dataclass(frozen=True)
class Vocabulary:
    templates: dict[str, Any]
    sides: tuple[Side, ...]
    outlets: tuple[str, ...]


@cache
def vocabulary() -> Vocabulary:
    """Templates plus the registry's states (with officials first) and outlets."""
    templates = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
    actors = yaml.safe_load((REGISTRY / "actors.yaml").read_text(encoding="utf-8"))
    officials: dict[str, list[tuple[str, str]]] = {}
    for person in actors.get("people", []):
        if person.get("affiliation") and person.get("role"):
            officials.setdefault(person["affiliation"], []).append((person["role"], person["name"]))
    sides = [
        Side(
            name=state["name"],
            adjective=state["demonyms"][0],
            capital=state["metonyms"][0],
            officials=tuple(officials.get(state["name"], ())),
        )
        for state in actors["states"]
        if state.get("demonyms") and state.get("metonyms")
    ]
    # States with named officials lead the stories, as they do in the news.
    sides.sort(key=lambda side: (not side.officials, side.name))
    outlet_file = yaml.safe_load((REGISTRY / "outlets.yaml").read_text(encoding="utf-8"))
    outlets = tuple(entry["name"] for entry in outlet_file["outlets"])
    return Vocabulary(templates=templates, sides=tuple(sides), outlets=outlets)


def _skewed(rng: random.Random, size: int, top: int) -> int:
    """An index below `size`, mostly below `top` (a few outlets and stories dominate)."""
    if rng.random() < 0.8:
        return min(int(top * rng.random() ** 2), size - 1)
    return rng.randrange(size)


class _Filler:
    """Fills one article's slots; the same story and publication date for every sentence."""

    def __init__(self, rng: random.Random, words: Vocabulary, published: date) -> None:
        self.rng = rng
        self.words = words
        self.published = published
        with_officials = [side for side in words.sides if side.officials]
        story = _skewed(rng, len(with_officials) * 3, 15)
        pair = random.Random(story).sample(with_officials, 2)
        self.a, self.b = pair
        mediators = [side for side in words.sides if side not in pair]
        self.m = mediators[_skewed(rng, len(mediators), 20)]
        self.pa = rng.choice(self.a.officials)
        self.pb = rng.choice(self.b.officials)

    def when(self) -> str:
        rng, published = self.rng, self.published
        back = rng.randint(1, 6)
        day = published - timedelta(days=back)
        choice = rng.random()
        if choice < 0.45:
            return f"on {WEEKDAYS[day.weekday()]}"
        if choice < 0.75:
            return f"on {MONTHS[day.month - 1]} {day.day}"
        if choice < 0.85:
            return "last week"
        if choice < 0.95:
            return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
        return "earlier this month"

    def fill(self, template: str) -> str:
        rng, a, b, m = self.rng, self.a, self.b, self.m
        low, high = self.words.templates["years"]
        values = {
            "A": a.name,
            "B": b.name,
            "M": m.name,
            "A_adj": a.adjective,
            "B_adj": b.adjective,
            "M_adj": m.adjective,
            "A_city": a.capital,
            "B_city": b.capital,
            "M_city": m.capital,
            "PA": f"{self.pa[0].capitalize()} {self.pa[1]}",
            "PB": f"{b.adjective} {self.pb[0]} {self.pb[1]}",
            "PA_name": self.pa[1],
            "place": rng.choice(self.words.templates["places"]),
            "topic": rng.choice(self.words.templates["topics"]),
            "n": str(rng.randint(2, 90)),
            "n2": str(rng.randint(10, 400)),
            "n3": f"{rng.randint(1, 120) * 1000:,}",
            "year": str(rng.randint(low - 20, min(high, self.published.year))),
            "when": self.when(),
            "caption_date": f"{MONTHS[self.published.month - 1]} {self.published.day}, "
            f"{self.published.year}",
            "photographer": rng.choice(self.words.templates["photographers"]),
            "agency": rng.choice(("AFP - Getty Images", "Reuters", "AP Photo")),
            "headline": "",
        }
        values["headline"] = rng.choice(self.words.templates["headlines"]).format(**values)
        text = template.format(**values)
        return text[0].upper() + text[1:]


def article(index: int, seed: int = DEFAULT_SEED) -> tuple[str, ArticleMeta]:
    """The text and metadata of article `index` of the corpus `seed`."""
    words = vocabulary()
    templates = words.templates
    rng = random.Random(f"{seed}:{index}")
    low, high = templates["years"]
    span = (date(high, 12, 31) - date(low, 1, 1)).days
    published = date(low, 1, 1) + timedelta(days=rng.randrange(span))
    outlet = words.outlets[_skewed(rng, len(words.outlets), templates["outlets_weight_top"])]
    filler = _Filler(rng, words, published)
    title = filler.fill(rng.choice(templates["headlines"]))
    paragraphs = [title, filler.fill(rng.choice(templates["openings"]))]
    kinds = ("events", "claims", "figures", "background")
    for _ in range(rng.randint(4, 14)):
        sentences = [
            filler.fill(rng.choice(templates[rng.choice(kinds)])) for _ in range(rng.randint(1, 4))
        ]
        paragraphs.append(" ".join(sentences))
        if rng.random() < 0.08:
            paragraphs.append(filler.fill(rng.choice(templates["captions"])))
        if rng.random() < 0.05:
            paragraphs.append(filler.fill(rng.choice(templates["furniture"])))
    paragraphs.append(f"Reporting by staff in {filler.a.capital} and {filler.b.capital}.")
    meta = ArticleMeta(
        outlet=outlet,
        title=title,
        published=published,
        url=f"https://news.example/{seed}/{index}",
        source=f"corpus:{seed}:{index}",
    )
    return "\n\n".join(paragraphs), meta


def articles(
    count: int, start: int = 0, seed: int = DEFAULT_SEED
) -> Iterator[tuple[str, ArticleMeta]]:
    for index in range(start, start + count):
        yield article(index, seed)
