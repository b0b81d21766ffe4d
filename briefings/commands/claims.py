"""/claims [actor|topic] — statements side by side by speaker, contradictions grouped first."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardItem, CardSection
from briefings.commands.layout import (
    claim_item,
    claim_line,
    page_footer,
    paginate,
    speaker_label,
    trim,
)
from briefings.commands.registry import Command, CommandContext
from briefings.commands.topics import topic_words
from briefings.contradictions import find_contradictions
from briefings.errors import NotFoundError
from briefings.queries.facts import (
    ClaimView,
    claims_by_and_about,
    claims_matching,
    latest_claims,
)
from briefings.queries.names import resolve_actor

MAX_CONTRADICTIONS = 3


class ClaimsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str | None = Field(
        None,
        description="an actor (claims by and about it) or topic words (ceasefire, corridor)",
        max_length=200,
        json_schema_extra={"autocomplete": "actor"},
    )
    page: int = Field(
        1, ge=1, le=10_000, description="page of claims", json_schema_extra={"kind": "int"}
    )


def _gather(context: CommandContext, about: str | None) -> tuple[str, list[ClaimView]]:
    """(what the claims are about, the claims): by and about an actor, or matching words."""
    with context.db.session() as session:
        if not about:
            return "all speakers", latest_claims(session)
        try:
            resolved = resolve_actor(session, context.actors, about)
        except NotFoundError as unknown:
            words = topic_words(about)
            found = claims_matching(session, words) if words else []
            if not found:
                raise NotFoundError(
                    f"No claims by, about or mentioning “{about[:60]}”.", unknown.suggestions
                ) from None
            return f"“{' '.join(words)}”", found
        if resolved.actor_id is None:
            return resolved.actor.name, []
        said, named = claims_by_and_about(session, resolved.actor_id)
        claims = said + named
        # a claim an official made for the actor may name it too: list it once
        unique = {(c.citation.article_id, c.citation.start, c.speaker): c for c in claims}
        return resolved.actor.name, list(unique.values())


def _by_speaker(claims: list[ClaimView]) -> list[ClaimView]:
    """Speakers with most claims first; each speaker's claims in date order."""
    weight = Counter(claim.speaker for claim in claims)
    return sorted(
        claims,
        key=lambda c: (
            -weight[c.speaker],
            c.speaker,
            c.date is None,
            c.date.start if c.date else 0,
        ),
    )


def run_claims(context: CommandContext, params: ClaimsParams) -> Card:
    subject, claims = _gather(context, params.about)
    contradictions = find_contradictions(claims)[:MAX_CONTRADICTIONS]
    ordered = _by_speaker(claims)
    shown, page, pages = paginate(ordered, params.page, context.page_size)
    sections: list[CardSection] = []
    if page == 1 and contradictions:
        items = []
        for found in contradictions:
            items.append(claim_item(found.denial))
            items.extend(
                CardItem(
                    text=trim(f"↔ {claim_line(c)}"),
                    date=c.date.edtf if c.date else None,
                    detail=c.citation.outlet,
                    citations=[c.citation],
                )
                for c in found.statements[:2]
            )
        sections.append(CardSection(title="Contradictions", items=items))
    for speaker in dict.fromkeys(claim.speaker for claim in shown):
        first = next(c for c in shown if c.speaker == speaker)
        sections.append(
            CardSection(
                title=speaker_label(first),
                items=[claim_item(c, with_speaker=False) for c in shown if c.speaker == speaker],
            )
        )
    speakers = len({claim.speaker for claim in claims})
    lead = (
        f"{len(claims)} claim(s) by {speakers} speaker(s) — {subject}."
        + (f" {len(contradictions)} contradiction(s) found." if contradictions else "")
        if claims
        else f"No attributed claims yet — {subject}."
    )
    return Card(
        title="Claims",
        lead=lead,
        sections=sections,
        footer=page_footer(page, pages, len(claims), "claims") if claims else None,
        page=page,
        pages=pages,
    )


CLAIMS = Command(
    name="claims",
    summary="Who said what, side by side by speaker; contradictions grouped",
    params=ClaimsParams,
    handler=run_claims,
    positional="about",
    examples=("/claims", "/claims Armenia", "/claims ceasefire"),
)
