"""The alert card: what happened, when, who reports it — each line cited — and the full
timeline one click away (a button on Slack and Discord answering the clicker alone, a command
line on the console). Built from the ledger row at delivery time, so an edit after a second
outlet's report lists both outlets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select

from briefings.alerts.ledger import Alert
from briefings.cards import Card, CardField, CardItem, CardLink, CardSection
from briefings.models import Citation
from briefings.store.database import Database
from briefings.store.schema import (
    ArticleRow,
    ClaimRow,
    EntryRow,
    EntrySourceRow,
    EventRow,
    FigureRow,
)

_DAY = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?(?![\d-])")  # the day (or month) an EDTF starts
FACT_TABLES: dict[str, type[FigureRow] | type[ClaimRow]] = {
    "figure": FigureRow,
    "jump": FigureRow,
    "contradiction": ClaimRow,
}
TRIGGER_TITLES = {
    "entry": "New",
    "figure": "Figure threshold",
    "jump": "Figure jump",
    "contradiction": "Contradiction",
}


def _entry_items(db: Database, entry_id: int) -> tuple[str | None, list[CardItem]]:
    """The entry's date and one cited line per outlet (its first report)."""
    with db.session() as session:
        entry = session.get(EntryRow, entry_id)
        if entry is None:
            return None, []
        rows = session.execute(
            select(
                EntrySourceRow.name,
                EventRow.article_id,
                EventRow.sentence_idx,
                EventRow.span_start,
                EventRow.span_end,
                EventRow.text,
                EventRow.caption,
                ArticleRow.title,
                ArticleRow.published,
                ArticleRow.url,
            )
            .join(EventRow, EventRow.id == EntrySourceRow.first_event)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(EntrySourceRow.entry_id == entry_id, EntrySourceRow.cited > 0)
            .order_by(EntrySourceRow.first_event)
        ).all()
        items = [
            CardItem(
                text=row.text,
                date=entry.date_edtf,
                detail=row.name or "unknown outlet",
                citations=[
                    Citation(
                        article_id=row.article_id,
                        outlet=row.name or "",
                        sentence_index=row.sentence_idx,
                        start=row.span_start,
                        end=row.span_end,
                        sentence=row.text,
                        caption=row.caption,
                        title=row.title,
                        published=row.published,
                        url=row.url,
                    )
                ],
            )
            for row in rows
        ]
        return entry.date_edtf, items


def _fact_items(db: Database, alert: Alert) -> list[CardItem]:
    """The cited sentence of the figure or the denial an alert is about."""
    table = FACT_TABLES.get(alert.trigger)
    if table is None or alert.fact_id is None:
        return []
    with db.session() as session:
        found = session.execute(
            select(
                table.article_id,
                table.sentence_idx,
                table.span_start,
                table.span_end,
                table.text,
                table.date_edtf,
                ArticleRow.outlet,
                ArticleRow.title,
                ArticleRow.published,
                ArticleRow.url,
                *([ClaimRow.line] if table is ClaimRow else []),
            )
            .join(ArticleRow, ArticleRow.id == table.article_id)
            .where(table.id == alert.fact_id)
        ).first()
    if found is None:
        return []
    sentence = getattr(found, "line", None) or found.text
    citation = Citation(
        article_id=found.article_id,
        outlet=found.outlet or "",
        sentence_index=found.sentence_idx,
        start=found.span_start,
        end=found.span_end,
        sentence=sentence,
        title=found.title,
        published=found.published,
        url=found.url,
    )
    outlet = found.outlet or "unknown outlet"
    return [CardItem(text=found.text, date=found.date_edtf, detail=outlet, citations=[citation])]


def alert_card(db: Database, alert: Alert) -> Card:
    """One alert as a card (an entry's card cites each outlet's sentence)."""
    date, items = _entry_items(db, alert.entry_id) if alert.entry_id is not None else (None, [])
    items = items or _fact_items(db, alert)
    what = TRIGGER_TITLES.get(alert.trigger, "Alert")
    kind, _, text = alert.headline.partition(": ")
    title = f"Alert — {what} {kind}" if alert.trigger == "entry" else f"Alert — {what}"
    if date:
        title += f", {date}"
    outlets = ", ".join(alert.outlets) or "unknown outlet"
    return Card(
        title=title[:200],
        lead=(text or alert.headline) if alert.trigger == "entry" else alert.headline,
        fields=[CardField(name="Reported by", value=outlets[:900])],
        sections=[CardSection(title="Reports", items=items)] if items else [],
        links=timeline_links(date),
    )


def timeline_links(date: str | None) -> list[CardLink]:
    """The channel's full timeline (`/timeline` there is scoped to the channel's story and
    opens on the latest entries, this one among them), and the happening's own day or month.
    `aside`: a click answers the clicker alone and leaves the alert in the channel as it is."""
    links = [CardLink(label="Full timeline", command="/timeline", aside=True)]
    day = _DAY.match(date or "")
    if day is not None:
        command = f"/timeline from:{day[0]} to:{day[0]}"
        links.append(CardLink(label=f"Timeline of {day[0]}", command=command, aside=True))
    return links


def summary_card(title: str, alerts: Sequence[Alert]) -> Card:
    """One post standing for several alerts (beyond the hourly cap, after quiet hours)."""
    return Card(
        title=title,
        lead=f"{len(alerts)} alert{'s' if len(alerts) != 1 else ''} held back:",
        sections=[
            CardSection(
                title="Alerts",
                items=[
                    CardItem(text=alert.headline, detail=", ".join(alert.outlets) or None)
                    for alert in alerts[:10]
                ],
            )
        ],
        footer=f"and {len(alerts) - 10} more" if len(alerts) > 10 else None,
    )


def sample_card(channel_label: str) -> Card:
    """What `/alerts test` posts: a sample, so a manager sees alerts arrive."""
    return Card(
        title="Alert — test",
        lead=f"Alerts for {channel_label} work: this is a sample, not news.",
        fields=[CardField(name="Reported by", value="(sample)")],
    )
