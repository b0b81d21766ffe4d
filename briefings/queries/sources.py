"""The articles a card cites, named for a reader: title, publication date and link.

Citations are built by a dozen queries, each reading the facts it answers with; the article
behind a citation is the same for all of them, and a card page cites a handful of articles.
So a finished card is given its articles' names in one read by primary key, instead of every
query joining and carrying three more columns per fact.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.cards import Card
from briefings.links import public_url
from briefings.models import Citation
from briefings.store.schema import ArticleRow

ArticleNames = dict[str, tuple[str | None, date | None, str | None]]


def article_names(session: Session, article_ids: set[str]) -> ArticleNames:
    """Title, publication date and showable URL (`public_url`) of each stored article."""
    names: ArticleNames = {}
    ids = sorted(article_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.url).where(
                ArticleRow.id.in_(ids[start : start + 500])
            )
        )
        for article_id, title, published, url in rows:
            names[article_id] = (title, published, public_url(url))
    return names


def _named(citation: Citation, names: ArticleNames) -> Citation:
    found = names.get(citation.article_id)
    if found is None:
        return citation
    title, published, url = found
    return citation.model_copy(update={"title": title, "published": published, "url": url})


def with_article_names(session: Session, card: Card) -> Card:
    """The card with every citation carrying its article's title, date and URL."""
    cited = {citation.article_id for citation in card.citations}
    if not cited:
        return card
    names = article_names(session, cited)
    sections = [
        section.model_copy(
            update={
                "items": [
                    item.model_copy(
                        update={"citations": [_named(c, names) for c in item.citations]}
                    )
                    for item in section.items
                ]
            }
        )
        for section in card.sections
    ]
    return card.model_copy(update={"sections": sections})
