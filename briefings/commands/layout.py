"""Laying facts out as card items: trimming, paging, one cited line per fact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from briefings.cards import CardItem
from briefings.extract.claims.vocabulary import stance_verb
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


def claim_line(claim: ClaimView) -> str:
    """The claim as English: the line stored with it ("Analysts say the deal is fragile"),
    else the speaker, the stance's verb and what was said ("Armenia denied: …")."""
    if claim.line:
        return claim.line
    verb = stance_verb(claim.stance)
    return f"{claim.speaker[:1].upper()}{claim.speaker[1:]} {verb}: {claim.text}"


def claim_predicate(claim: ClaimView) -> str:
    """The line without its speaker, for a list under the speaker's name: "criticized Russia
    for failing to …", 'said: “…”' (a line that does not open with the speaker, such as
    "According to …", stays whole)."""
    line = claim_line(claim)
    speaker = claim.speaker
    if line[: len(speaker)].casefold() == speaker.casefold() and line[
        len(speaker) : len(speaker) + 1
    ] in {" ", ":"}:
        return line[len(speaker) :].lstrip(" ")
    return line


def speaker_label(claim: ClaimView, *, with_body: bool = True) -> str:
    """Who spoke, with the role they were named with and the state or body they spoke for:
    "Dmitry Peskov, Kremlin spokesman (for Russia)"; without the body where the card is
    the body's own ("via Dmitry Peskov, Kremlin spokesman")."""
    label = claim.speaker
    role = claim.speaker_role
    if role and role.lower() not in label.lower() and role[:1].isalpha():
        label = f"{label}, {role}"
    if with_body and claim.speaks_for and claim.speaks_for != claim.speaker:
        label = f"{label} (for {claim.speaks_for})"
    return label


def claim_item(
    claim: ClaimView, *, with_speaker: bool = True, on_behalf_of: str | None = None
) -> CardItem:
    """One claim. With the speaker, as an English line; without (a speaker's own section),
    the line's predicate — and, listed for a state its official spoke for (`on_behalf_of`),
    who spoke: "via Dmitry Peskov, Kremlin spokesman"."""
    detail = claim.citation.outlet
    if on_behalf_of is not None and claim.speaker != on_behalf_of:
        detail = f"via {speaker_label(claim, with_body=False)} · {detail}"
    return CardItem(
        text=trim(claim_line(claim) if with_speaker else claim_predicate(claim)),
        date=claim.date.edtf if claim.date else None,
        detail=detail,
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
