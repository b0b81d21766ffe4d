"""Laying facts out as card items: trimming, paging, one cited line per fact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from briefings.cards import CardItem
from briefings.extract.figures import is_vague
from briefings.merge import TimelineEntry
from briefings.queries.facts import ClaimView, FigureView

T = TypeVar("T")
MAX_ITEM_TEXT = 280


def trim(text: str, limit: int = MAX_ITEM_TEXT) -> str:
    """Shorten at a word boundary with an ellipsis; never mid-word when avoidable."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def paginate(items: Sequence[T], page: int, size: int) -> tuple[list[T], int, int]:
    """(the page's items, the page actually shown, the number of pages); pages past the end
    show the last page rather than an empty card."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 1), pages)
    start = (page - 1) * size
    return list(items[start : start + size]), page, pages


def entry_item(entry: TimelineEntry) -> CardItem:
    outlets = ", ".join(entry.outlets)
    return CardItem(
        text=trim(entry.text),
        date=entry.date.edtf,
        detail=f"{entry.kind} · {outlets}",
        citations=entry.citations,
    )


def claim_item(claim: ClaimView, *, with_speaker: bool = True) -> CardItem:
    who = f"{claim.speaker} {claim.stance.replace('_', ' ')}: " if with_speaker else ""
    return CardItem(
        text=trim(f"{who}{claim.text}"),
        date=claim.date.edtf if claim.date else None,
        detail=claim.citation.outlet,
        citations=[claim.citation],
    )


def format_number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.1f}"


def amount(figure: FigureView) -> str:
    """How much, as the source put it: "at least 32", "2,000–3,000", "dozens" (a vague
    quantity stands for itself; its stored order of magnitude is for sorting only)."""
    if is_vague(figure.qualifier):
        assert figure.qualifier is not None
        return figure.qualifier.removesuffix(" of")
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    high = f"–{format_number(figure.value_high)}" if figure.value_high else ""
    return f"{qualifier}{format_number(figure.value)}{high}"


def figure_item(figure: FigureView) -> CardItem:
    source = figure.source or figure.citation.outlet
    return CardItem(
        text=f"{amount(figure)} {figure.unit} — {trim(figure.text, 160)}",
        date=figure.date.edtf if figure.date else None,
        detail=f"per {source}",
        citations=[figure.citation],
    )


def page_footer(page: int, pages: int, total: int, noun: str) -> str:
    return f"{total} {noun} · page {page} of {pages}"
