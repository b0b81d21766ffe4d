"""/source NAME — an outlet's articles, what only it reports, its coverage against the others."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.layout import entry_item, page_footer, trim
from briefings.commands.registry import Command, CommandContext
from briefings.queries.common import article_citation
from briefings.queries.names import resolve_outlet
from briefings.queries.profiles import articles_of, outlet_counts
from briefings.queries.timeline import outlet_entries


class SourceParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        description="outlet name or short name (cnn, ap, newsweek)",
        min_length=1,
        json_schema_extra={"autocomplete": "outlet"},
    )
    page: int = Field(
        1,
        ge=1,
        le=10_000,
        description="page of exclusive entries",
        json_schema_extra={"kind": "int"},
    )


def run_source(context: CommandContext, params: SourceParams) -> Card:
    with context.db.session() as session:
        outlet = resolve_outlet(session, params.name)
        articles = articles_of(session, outlet, limit=10)
        article_items = []
        for article in articles:
            cite = article_citation(session, article.row)
            when = article.published.isoformat() if article.published else "undated"
            if article.published_inferred:
                when += " (inferred)"
            article_items.append(
                CardItem(
                    text=trim(article.title or (cite.sentence if cite else article.id), 160),
                    date=article.published.isoformat() if article.published else None,
                    detail=when,
                    citations=[cite] if cite else [],
                )
            )
        split = outlet_entries(session, outlet, params.page, context.page_size)
        counts = outlet_counts(session)
    found = split.exclusive
    shown, page, pages = found.entries, found.page, found.pages
    exclusive_count = f"{found.count}" if found.complete else f"more than {found.count}"
    shared_count = f"{split.shared}" if split.complete else f"{split.shared}+"
    mine = next((c for c in counts if c.outlet == outlet), None)
    fields = []
    if mine:
        fields.append(CardField(name="Articles", value=str(mine.articles)))
        fields.append(
            CardField(
                name="Facts",
                value=f"{mine.events} events · {mine.claims} claims · {mine.figures} figures",
            )
        )
    fields.append(CardField(name="Entries shared with other outlets", value=shared_count))
    others = [c for c in counts if c.outlet != outlet]
    if others:
        fields.append(
            CardField(
                name="Other outlets",
                value=", ".join(
                    f"{c.outlet}: {c.articles} art., {c.events} events" for c in others[:6]
                ),
            )
        )
    return Card(
        title=outlet,
        lead=f"{mine.articles if mine else len(articles)} article(s); {exclusive_count} entries "
        f"only {outlet} reports.",
        fields=fields,
        sections=[
            CardSection(title="Articles", items=article_items[:10]),
            CardSection(
                title=f"Only in {outlet}",
                items=[entry_item(e) for e in shown],
                empty_text="Nothing that other outlets do not also report.",
            ),
        ],
        footer=page_footer(page, pages, found.count, "exclusive entries")
        if found.complete
        else f"{found.count}+ exclusive entries · page {page} of {pages}+",
        page=page,
        pages=pages if found.complete else pages + 1,
    )


SOURCE = Command(
    name="source",
    summary="An outlet's articles, what only it reports, and how it compares",
    params=SourceParams,
    handler=run_source,
    positional="name",
    examples=("/source cnn", "/source ap"),
)
