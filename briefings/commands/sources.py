"""/sources — every outlet known, with its articles and facts counted."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardItem, CardSection
from briefings.commands.layout import page_footer, paginate
from briefings.commands.registry import Command, CommandContext
from briefings.queries.profiles import latest_published, outlet_counts


class SourcesParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page: int = Field(
        1, ge=1, le=10_000, description="page of outlets", json_schema_extra={"kind": "int"}
    )


def run_sources(context: CommandContext, params: SourcesParams) -> Card:
    with context.db.session() as session:
        counts = outlet_counts(session)
        latest = latest_published(session)
    shown, page, pages = paginate(counts, params.page, context.page_size)
    items = [
        CardItem(
            text=f"{c.outlet}: {c.articles} article(s) — {c.events} events, "
            f"{c.claims} claims, {c.figures} figures",
            detail=f"latest {latest[c.outlet].isoformat()}" if latest.get(c.outlet) else None,
        )
        for c in shown
    ]
    total = sum(c.articles for c in counts)
    return Card(
        title="Sources",
        lead=f"{len(counts)} outlet(s), {total} article(s). /source NAME for one outlet."
        if counts
        else "No articles stored yet.",
        sections=[CardSection(title="Outlets", items=items)] if items else [],
        footer=page_footer(page, pages, len(counts), "outlets") if counts else None,
        page=page,
        pages=pages,
    )


SOURCES = Command(
    name="sources",
    summary="The outlets known, with counts",
    params=SourcesParams,
    handler=run_sources,
    examples=("/sources",),
)
