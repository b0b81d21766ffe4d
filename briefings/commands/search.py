"""/search TEXT — the stored sentences containing every word, each with its citation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardItem, CardSection
from briefings.commands.layout import page_footer, trim
from briefings.commands.registry import Command, CommandContext
from briefings.commands.topics import topic_words
from briefings.errors import InputError
from briefings.queries.search import count_sentences, search_sentences


class SearchParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        description="words to find (all must occur), e.g. peacekeepers withdraw",
        min_length=1,
        max_length=200,
    )
    page: int = Field(
        1, ge=1, le=10_000, description="page of results", json_schema_extra={"kind": "int"}
    )


def run_search(context: CommandContext, params: SearchParams) -> Card:
    words = tuple(w for w in topic_words(params.text) if len(w) >= 2)
    if not words:
        raise InputError("Please give at least one word of two or more letters to search for.")
    with context.db.session() as session:
        total = count_sentences(session, words)
        pages = max(1, -(-total // context.page_size))
        page = min(params.page, pages)
        hits = search_sentences(
            session, words, limit=context.page_size, offset=(page - 1) * context.page_size
        )
    items = [
        CardItem(
            text=trim(hit.citation.sentence),
            date=hit.published.isoformat() if hit.published else None,
            detail=hit.citation.outlet + (" · caption" if hit.citation.caption else ""),
            citations=[hit.citation],
        )
        for hit in hits
    ]
    query = " ".join(words)
    return Card(
        title=f"Search: {trim(query, 80)}",
        lead=f"{total} sentence(s) contain {'all of ' if len(words) > 1 else ''}“{query}”."
        if total
        else f"No stored sentence contains {'all of ' if len(words) > 1 else ''}“{query}”.",
        sections=[CardSection(title="Sentences", items=items)] if items else [],
        footer=page_footer(page, pages, total, "sentences") if total else None,
        page=page,
        pages=pages,
    )


SEARCH = Command(
    name="search",
    summary="Sentences containing your words, with their sources",
    params=SearchParams,
    handler=run_search,
    positional="text",
    examples=("/search peacekeepers", "/search Lachin corridor"),
)
