"""Cards as plain terminal text: title, lead, fields, numbered cited items, footnotes."""

from __future__ import annotations

from briefings.cards import Card, CardKind, page_command
from briefings.footnotes import LINK_MARK, Footnote, footnotes, item_numbers
from briefings.links import link_target


def footnote_line(note: Footnote) -> str:
    """`[1] CNN, 21 Sep 2023 — "Title" ↗ https://…`: the link as plain text (terminals make
    it clickable), only when it is an http(s) address that may be shown."""
    target = link_target(note.url)
    link = f" {LINK_MARK} {target}" if target else ""
    return f"[{note.number}] {note.plain}{link}"


def render_text(card: Card, *, quotes: bool = False) -> str:
    """Text for a terminal. Every cited line gets footnote numbers (one per article); `quotes`
    adds the cited sentences under each article."""
    lines = [card.title, "=" * min(len(card.title), 60)]
    if card.lead:
        lines.append(card.lead)
    if card.suggestions:
        lines.append("Did you mean: " + ", ".join(card.suggestions))
    for field in card.fields:
        lines.append(f"{field.name}: {field.value}")
    notes = footnotes(card)
    numbers = {note.article_id: note.number for note in notes}
    for section in card.sections:
        lines.append("")
        lines.append(f"## {section.title}")
        if not section.items and section.empty_text:
            lines.append(f"  {section.empty_text}")
        for item in section.items:
            marks = "".join(f"[{n}]" for n in item_numbers(item, numbers))
            date = f"{item.date}  " if item.date else ""
            detail = f"  ({item.detail})" if item.detail else ""
            lines.append(f"- {date}{item.text}{detail} {marks}".rstrip())
    if notes:
        lines.append("")
        lines.append("Sources:")
        for note in notes:
            lines.append(f"  {footnote_line(note)}")
            if quotes:
                lines.extend(f"      “{citation.sentence}”" for citation in note.citations)
    if card.footer:
        lines.append("")
        lines.append(card.footer)
    if card.kind == CardKind.ANSWER and card.pages > 1 and card.page < card.pages:
        lines.append(f"Next page: {page_command(card.command, card.page + 1)}")
    if card.kind == CardKind.ANSWER:
        lines.extend(f"{link.label}: {link.command}" for link in card.links)
    return "\n".join(lines)
