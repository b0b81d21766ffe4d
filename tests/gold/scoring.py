"""Scoring extraction against the gold files: precision, recall and F1 per fact type.

Facts are matched through their sentence: a gold fact's `anchor` is a substring of the
sentence a system fact cites. Events are compared as (sentence, date) pairs — the measure of
"event-date F1": is every event-placing date found and resolved right, and nothing else dated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from briefings.extract.pipeline import extract
from briefings.ingest import ArticleMeta, build_article, read_text_file
from briefings.models import Extraction

GOLD_DIR = Path(__file__).resolve().parent
PROJECT = GOLD_DIR.parent.parent

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Compare text modulo quotes, dashes, case, accents and white space ("Kaboré" is the
    registry's "Kabore")."""
    text = unicodedata.normalize("NFKD", text).translate(_FOLD).lower()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Tally:
    """Counts for one measure; precision is None where the measure has no false positives."""

    true_positive: int = 0
    gold: int = 0
    predicted: int = 0
    correct_predictions: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.true_positive += other.true_positive
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct_predictions += other.correct_predictions
        self.misses += other.misses
        self.spurious += other.spurious


@dataclass
class GoldArticle:
    path: Path
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def split(self) -> str:
        return str(self.spec.get("split", "dev"))

    @property
    def story(self) -> str:
        return str(self.spec.get("story") or self.name)

    def meta(self, *, published: bool = True) -> ArticleMeta | None:
        given = self.spec.get("meta") or {}
        if not given:
            return None
        when = given.get("published") if published else None
        if isinstance(when, str):
            when = date.fromisoformat(when)
        return ArticleMeta(outlet=given.get("outlet"), published=when)

    def run(self, *, published: bool = True) -> Extraction:
        text = read_text_file(PROJECT / self.spec["file"])
        return extract(build_article(text, self.meta(published=published)))


def load_gold(split: str | None = None) -> list[GoldArticle]:
    articles = []
    for path in sorted(GOLD_DIR.glob("*.yaml")):
        article = GoldArticle(path, yaml.safe_load(path.read_text("utf-8")))
        if split is None or article.split == split:
            articles.append(article)
    return articles


def _in(anchor: str, sentence: str) -> bool:
    return fold(anchor) in fold(sentence)


def score_events(gold: list[dict[str, Any]], extraction: Extraction, *, with_kind: bool) -> Tally:
    tally = Tally()
    gold_pairs = {(fold(g["anchor"]), str(g["date"]), g["kind"] if with_kind else "") for g in gold}
    predicted = {
        (e.citation.sentence, e.date.edtf, e.kind if with_kind else "")
        for e in extraction.events
        if e.date is not None
    }
    tally.gold = len(gold_pairs)
    for anchor, when, kind in gold_pairs:
        if any(anchor in fold(s) and when == d and kind == k for s, d, k in predicted):
            tally.true_positive += 1
        else:
            tally.misses.append(f"{when} {kind} «{anchor[:70]}»")
    tally.predicted = len(predicted)
    for sentence, when, kind in predicted:
        if any(a in fold(sentence) and when == d and kind == k for a, d, k in gold_pairs):
            tally.correct_predictions += 1
        else:
            tally.spurious.append(f"{when} {kind} «{sentence[:70]}»")
    return tally


def score_alignment(gold: list[dict[str, Any]], extraction: Extraction) -> Tally:
    """Of the gold event dates the system found somewhere in the article, the share it found
    on the sentence that carries them (a date on the wrong sentence cites the wrong text)."""
    tally = Tally()
    by_date: dict[str, list[str]] = {}
    for event in extraction.events:
        if event.date is not None:
            by_date.setdefault(event.date.edtf, []).append(fold(event.citation.sentence))
    for g in gold:
        sentences = by_date.get(str(g["date"]))
        if not sentences:
            continue
        tally.gold += 1
        if any(fold(g["anchor"]) in sentence for sentence in sentences):
            tally.true_positive += 1
        else:
            tally.misses.append(f"{g['date']} «{g['anchor'][:70]}»")
    tally.predicted = tally.correct_predictions = tally.true_positive
    return tally


def _actor_names(extraction: Extraction) -> dict[str, str]:
    """Every folded name and alias of the reported actors → the actor's name."""
    names: dict[str, str] = {}
    for actor in extraction.actors:
        for name in (actor.name, *actor.aliases):
            names.setdefault(fold(name), actor.name)
    return names


def score_actors(spec: dict[str, Any], extraction: Extraction) -> tuple[Tally, list[str]]:
    """Recall of gold actors (by name or alias); precision against gold actors; forbidden
    names found."""
    tally = Tally()
    found = set(_actor_names(extraction))
    gold = {fold(name): name for name in spec.get("actors") or []}
    tally.gold = len(gold)
    for key, name in gold.items():
        if key in found:
            tally.true_positive += 1
        else:
            tally.misses.append(name)
    tally.predicted = len(extraction.actors)
    matched = [a for a in extraction.actors if any(fold(n) in gold for n in (a.name, *a.aliases))]
    tally.correct_predictions = len(matched)
    tally.spurious = sorted(a.name for a in extraction.actors if a not in matched)
    forbidden = {fold(n): n for n in spec.get("not_actors") or []}
    leaked = [
        forbidden[key] for key in {fold(a.name) for a in extraction.actors} if key in forbidden
    ]
    return tally, leaked


def same_speaker(gold: str, found: str) -> bool:
    """Named speakers must match exactly; an unnamed group ("protesters") matches the same
    group written with modifiers ("angry protesters")."""
    unnamed = gold[:1].islower()
    gold, found = fold(gold), fold(found)
    if gold == found:
        return True
    return unnamed and found.split()[-1:] == gold.split()[-1:]


_WORD = re.compile(r"[^\W_]+")


def _covers(content: str, claim_text: str) -> bool:
    """The claim text holds at least half of the gold content's words."""
    wanted = _WORD.findall(fold(content))
    have = set(_WORD.findall(fold(claim_text)))
    return bool(wanted) and sum(w in have for w in wanted) * 2 >= len(wanted)


def score_claim_contents(gold: list[dict[str, Any]], extraction: Extraction) -> Tally:
    """Speaker right and content found: the claim's text holds half the gold content."""
    tally = Tally()
    claims = [(fold(c.speaker), c.text, c.citation.sentence) for c in extraction.claims]
    for g in gold:
        if "content" not in g:
            continue
        tally.gold += 1
        if any(
            same_speaker(g["speaker"], speaker)
            and _in(g["anchor"], sentence)
            and _covers(g["content"], text)
            for speaker, text, sentence in claims
        ):
            tally.true_positive += 1
        else:
            tally.misses.append(f"{g['speaker']} «{g['content'][:60]}»")
    tally.predicted = tally.correct_predictions = tally.true_positive
    return tally


def score_claims(gold: list[dict[str, Any]], extraction: Extraction) -> tuple[Tally, Tally]:
    """(speaker+sentence matches, stance agreement among them)."""
    tally, stance = Tally(), Tally()
    claims = [(fold(c.speaker), c.stance.value, c.citation.sentence) for c in extraction.claims]
    tally.gold = len(gold)
    for g in gold:
        hits = [c for c in claims if same_speaker(g["speaker"], c[0]) and _in(g["anchor"], c[2])]
        if hits:
            tally.true_positive += 1
            stance.gold += 1
            if any(h[1] == g["stance"] for h in hits):
                stance.true_positive += 1
            else:
                stance.misses.append(f"{g['speaker']} {g['stance']} ≠ {hits[0][1]}")
        else:
            tally.misses.append(f"{g['speaker']} «{g['anchor'][:60]}»")
    tally.predicted = len(claims)
    for speaker, _, sentence in claims:
        if any(same_speaker(g["speaker"], speaker) and _in(g["anchor"], sentence) for g in gold):
            tally.correct_predictions += 1
        else:
            tally.spurious.append(f"{speaker} «{sentence[:60]}»")
    return tally, stance


def score_figures(gold: list[dict[str, Any]], extraction: Extraction) -> Tally:
    """A gold figure is found when a figure of its unit in its sentence gives its value — as
    the value, or as the upper end of a range ("between 400 and 750" gives 400 and 750)."""
    tally = Tally()
    figures = [
        ({f.value, f.value_high} - {None}, f.unit, f.citation.sentence) for f in extraction.figures
    ]
    tally.gold = len(gold)
    for g in gold:
        if any(
            float(g["value"]) in v and u == g["unit"] and _in(g["anchor"], s) for v, u, s in figures
        ):
            tally.true_positive += 1
        else:
            tally.misses.append(f"{g['value']} {g['unit']} «{g['anchor'][:60]}»")
    tally.predicted = len(figures)
    for values, unit, sentence in figures:
        if any(
            float(g["value"]) in values and g["unit"] == unit and _in(g["anchor"], sentence)
            for g in gold
        ):
            tally.correct_predictions += 1
        else:
            tally.spurious.append(f"{min(values):g} {unit} «{sentence[:60]}»")
    return tally


@dataclass
class Report:
    event_dates: Tally = field(default_factory=Tally)
    event_kinds: Tally = field(default_factory=Tally)
    alignment: Tally = field(default_factory=Tally)
    inferred_dates: Tally = field(default_factory=Tally)
    actors: Tally = field(default_factory=Tally)
    claims: Tally = field(default_factory=Tally)
    claim_contents: Tally = field(default_factory=Tally)
    stances: Tally = field(default_factory=Tally)
    figures: Tally = field(default_factory=Tally)
    leaked: list[str] = field(default_factory=list)
    metadata_errors: list[str] = field(default_factory=list)

    def rows(self) -> Iterable[tuple[str, Tally]]:
        yield "event dates", self.event_dates
        yield "event dates+kinds", self.event_kinds
        yield "date on its sentence", self.alignment
        yield "dates, no pub. date", self.inferred_dates
        yield "actors", self.actors
        yield "claims (speaker)", self.claims
        yield "claims (+content)", self.claim_contents
        yield "claim stances", self.stances
        yield "figures", self.figures

    def table(self) -> str:
        lines = [f"{'measure':<22} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'found':>6}"]
        for name, t in self.rows():
            scores = f"{t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>6.3f}"
            lines.append(f"{name:<22} {scores} {t.gold:>5} {t.predicted:>6}")
        lines.append(
            f"bylines/credits/outlets reported as actors: {len(self.leaked)} {self.leaked}"
        )
        lines.append(f"metadata errors: {len(self.metadata_errors)} {self.metadata_errors}")
        return "\n".join(lines)


def _outlet(name: str | None) -> str | None:
    """An outlet by its canonical name: "AP" is "Associated Press"."""
    from briefings.ingest.metadata import lookup_outlet

    return (lookup_outlet(name) or name) if name else name


def _check_metadata(article: GoldArticle, extraction: Extraction) -> list[str]:
    expect = article.spec.get("expect") or {}
    got = extraction.article
    errors = []
    if "outlet" in expect and _outlet(expect["outlet"]) != _outlet(got.outlet):
        errors.append(f"{article.name}: outlet {got.outlet!r} ≠ {expect['outlet']!r}")
    if "published" in expect:
        want = expect["published"]
        want_text = want.isoformat() if isinstance(want, date) else want
        have = got.published.isoformat() if got.published else None
        if want_text != have:
            errors.append(f"{article.name}: published {have} ≠ {want_text}")
    if "published_inferred" in expect and expect["published_inferred"] != got.published_inferred:
        errors.append(f"{article.name}: published_inferred {got.published_inferred}")
    return errors


def evaluate(articles: list[GoldArticle]) -> tuple[Report, dict[str, Report]]:
    total = Report()
    per_article: dict[str, Report] = {}
    for article in articles:
        extraction = article.run()
        undated = article.run(published=False)
        spec = article.spec
        events = spec.get("events") or []
        report = Report()
        report.event_dates = score_events(events, extraction, with_kind=False)
        report.event_kinds = score_events(events, extraction, with_kind=True)
        report.alignment = score_alignment(events, extraction)
        report.inferred_dates = score_events(events, undated, with_kind=False)
        report.actors, report.leaked = score_actors(spec, extraction)
        report.claims, report.stances = score_claims(spec.get("claims") or [], extraction)
        report.claim_contents = score_claim_contents(spec.get("claims") or [], extraction)
        report.figures = score_figures(spec.get("figures") or [], extraction)
        report.metadata_errors = _check_metadata(article, extraction)
        per_article[article.name] = report
        for name, tally in report.rows():
            getattr(total, _attr(name)).add(tally)
        total.leaked += report.leaked
        total.metadata_errors += report.metadata_errors
    return total, per_article


def _attr(row_name: str) -> str:
    return {
        "event dates": "event_dates",
        "event dates+kinds": "event_kinds",
        "date on its sentence": "alignment",
        "dates, no pub. date": "inferred_dates",
        "actors": "actors",
        "claims (speaker)": "claims",
        "claims (+content)": "claim_contents",
        "claim stances": "stances",
        "figures": "figures",
    }[row_name]
