"""/search TEXT — the stored sentences containing every word, each with its citation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardItem, CardSection
from briefings.commands.layout import page_footer, trim
from briefings.commands.registry import Command, CommandContext
from briefings.commands.topics import topic_words
from briefings.errors import InputError
from briefings.queries.search import ReadKeys, count_sentences, search_sentences

# Matches counted exactly up to here; beyond, the answer says "more than".
MAX_COUNTED = 1000


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
        read = ReadKeys()  # a story's hits, read once for the count and the page
        total = count_sentences(session, words, MAX_COUNTED + 1, read)
        complete = total <= MAX_COUNTED
        total = min(total, MAX_COUNTED)
        pages = max(1, -(-total // context.page_size))
        page = min(params.page, pages if complete else pages + 1)
        hits = search_sentences(
            session,
            words,
            limit=context.page_size,
            offset=(page - 1) * context.page_size,
            common=not complete,
            read=read,
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
    every = "all of " if len(words) > 1 else ""
    counted = str(total) if complete else f"More than {total}"
    footer = page_footer(page, pages, total, "sentences") if total else None
    if not complete:
        footer = f"{total}+ sentences · page {page} of {pages}+"
    return Card(
        title=f"Search: {trim(query, 80)}",
        lead=f"{counted} sentence(s) contain {every}“{query}”."
        if total
        else f"No stored sentence contains {every}“{query}”.",
        sections=[CardSection(title="Sentences", items=items)] if items else [],
        footer=footer,
        page=page,
        pages=pages if complete else pages + 1,
    )


SEARCH = Command(
    name="search",
    summary="Sentences containing your words, with their sources",
    params=SearchParams,
    handler=run_search,
    positional="text",
    examples=("/search peacekeepers", "/search Lachin corridor"),
)
