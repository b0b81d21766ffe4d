"""Cards as plain terminal text: title, lead, fields, numbered cited items, footnotes."""

from __future__ import annotations

from briefings.cards import Card, CardKind, page_command
from briefings.models import Citation


def _footnote(citation: Citation) -> str:
    where = "caption" if citation.caption else f"sentence {citation.sentence_index + 1}"
    return f"{citation.outlet}, article {citation.article_id}, {where}"


def render_text(card: Card, *, quotes: bool = False) -> str:
    """Text for a terminal. Every cited line gets footnote numbers; `quotes` adds the sentences."""
    lines = [card.title, "=" * min(len(card.title), 60)]
    if card.lead:
        lines.append(card.lead)
    if card.suggestions:
        lines.append("Did you mean: " + ", ".join(card.suggestions))
    for field in card.fields:
        lines.append(f"{field.name}: {field.value}")
    notes: dict[Citation, int] = {}
    for section in card.sections:
        lines.append("")
        lines.append(f"## {section.title}")
        if not section.items and section.empty_text:
            lines.append(f"  {section.empty_text}")
        for item in section.items:
            refs = []
            for citation in item.citations:
                refs.append(notes.setdefault(citation, len(notes) + 1))
            marks = "".join(f"[{n}]" for n in refs)
            date = f"{item.date}  " if item.date else ""
            detail = f"  ({item.detail})" if item.detail else ""
            lines.append(f"- {date}{item.text}{detail} {marks}".rstrip())
    if notes:
        lines.append("")
        lines.append("Sources:")
        for citation, number in notes.items():
            lines.append(f"  [{number}] {_footnote(citation)}")
            if quotes:
                lines.append(f"      “{citation.sentence}”")
    if card.footer:
        lines.append("")
        lines.append(card.footer)
    if card.kind == CardKind.ANSWER and card.pages > 1 and card.page < card.pages:
        lines.append(f"Next page: {page_command(card.command, card.page + 1)}")
    return "\n".join(lines)
