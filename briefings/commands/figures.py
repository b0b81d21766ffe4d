"""/figures [unit] — numbers by unit with who gives them; rival counts side by side."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.layout import amount, page_footer, paginate, trim
from briefings.commands.registry import Command, CommandContext
from briefings.errors import NotFoundError
from briefings.figure_groups import FigureGroup, MatterGrouper
from briefings.queries.facts import FigureView, figure_units, figures


class FiguresParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: str | None = Field(
        None,
        description="only figures of this unit (killed, displaced, soldiers…)",
        max_length=60,
        json_schema_extra={"autocomplete": "unit"},
    )
    page: int = Field(
        1, ge=1, le=10_000, description="page of figures", json_schema_extra={"kind": "int"}
    )


MOST_VALUES = 6  # rival values on one line; the rest are in the citations


def _given_by(figure: FigureView) -> str:
    """Who gives a figure: the actor it is resolved to, else the words the article used,
    else the outlet itself."""
    if figure.source and figure.source[:1].isupper():
        return figure.source
    written = figure.source_text or figure.source
    if not written:
        return figure.citation.outlet
    first, _, rest = written.partition(" ")
    if rest and first in {"The", "A", "An"}:
        return f"{first.lower()} {rest}"  # "per the spokesperson"
    return written


def _when(figure: FigureView) -> str | None:
    if figure.date is not None:
        return figure.date.edtf
    return figure.published.isoformat() if figure.published else None


def _value(figure: FigureView, *, dated: bool) -> str:
    when = _when(figure) if dated else None
    return f"{amount(figure)} (per {_given_by(figure)}{', ' + when if when else ''})"


def group_item(group: FigureGroup) -> CardItem:
    """One line per matter: each source's count with when it was given, latest first; never
    a total."""
    latest = group.latest
    dated = len(group.figures) > 1  # a single count's date is the line's own
    values = list(dict.fromkeys(_value(f, dated=dated) for f in group.figures))
    more = len(values) - MOST_VALUES
    shown = " · ".join(values[:MOST_VALUES]) + (f" · {more} more" if more > 0 else "")
    note = " — sources differ" if group.differs else ""
    outlets = ", ".join(dict.fromkeys(f.citation.outlet for f in group.figures))
    return CardItem(
        text=trim(f"{group.unit}: {shown}{note} — “{trim(latest.text, 120)}”"),
        date=_when(latest),
        detail=outlets,
        citations=[f.citation for f in group.figures],
    )


def _unit(asked: str, known: list[str]) -> str:
    wanted = " ".join(asked.lower().split())
    if wanted in known:
        return wanted
    singular = wanted.removesuffix("s")
    for unit in known:
        if unit.removesuffix("s") == singular:
            return unit
    close = process.extract(wanted, known, scorer=fuzz.ratio, limit=3, score_cutoff=60)
    raise NotFoundError(
        f"No figures counted in “{asked[:40]}”.", [c for c, _, _ in close] or known[:5]
    )


# Figures are read in the card's order (unit, date) a window at a time, each window picking
# up where the last stopped, until the matters read hold the page asked for and the next
# one: a page costs about a page, not the corpus. At most READ_MOST figures are read; past
# them the last known page is shown.
FIRST_READ_PAGES = 25  # figures per page of matters, at first
READ_MOST = 12_800


def _read_groups(
    context: CommandContext, unit: str | None, page: int
) -> tuple[list[FigureView], list[FigureGroup], bool]:
    """(the figures read, their matters, whether they are all the figures there are). Short
    of all, only the leading matters no later figure can join are kept (`MatterGrouper.settled`)."""
    wanted = (page + 1) * context.page_size + 1  # this page, the next, and one beyond
    step = FIRST_READ_PAGES * context.page_size
    grouper = MatterGrouper()
    found: list[FigureView] = []
    with context.db.session() as session:
        while True:
            more = figures(session, unit, step, after=found[-1] if found else None)
            found += more
            grouper.add(more)
            if len(more) < step:
                return found, grouper.groups(), True
            ready = grouper.settled(found[-1])
            if ready >= wanted or len(found) >= READ_MOST:
                return found, grouper.groups(ready), False
            step = min(step * 2, READ_MOST - len(found))


def run_figures(context: CommandContext, params: FiguresParams) -> Card:
    with context.db.session() as session:
        units = figure_units(session)
    unit = _unit(params.unit, [u for u, _ in units]) if params.unit else None
    found, groups, complete = _read_groups(context, unit, params.page)
    shown, page, pages = paginate(groups, params.page, context.page_size)
    sections = [
        CardSection(title=unit_name, items=[group_item(g) for g in shown if g.unit == unit_name])
        for unit_name in dict.fromkeys(g.unit for g in shown)
    ]
    differing = sum(1 for g in groups if g.differs)
    stored = dict(units).get(unit, 0) if unit else sum(n for _, n in units)
    if not found:
        lead = "No figures stored yet" + (f" for {unit}." if unit else ".")
    elif complete:
        lead = (
            f"{len(found)} figure(s) on {len(groups)} matter(s)"
            + (f"; sources differ on {differing}" if differing else "")
            + ". Values are as each source gives them, never added up."
        )
    else:
        lead = (
            f"{stored:,} figure(s), by unit and date; “sources differ” marks rival counts. "
            "Values are as each source gives them, never added up."
        )
    fields = (
        [CardField(name="Units", value=", ".join(f"{u} ({n})" for u, n in units[:10]))]
        if units and not unit
        else []
    )
    footer = None
    if groups:
        footer = page_footer(page, pages, len(groups), "matters")
        if not complete:
            footer = f"{len(groups)}+ matters · page {page} of {pages}+"
    return Card(
        title=f"Figures — {unit}" if unit else "Figures",
        lead=lead,
        fields=fields,
        sections=sections,
        footer=footer,
        page=page,
        # More pages exist past a window; none is offered past the largest window read.
        pages=pages + 1 if not complete and params.page <= pages else pages,
    )


FIGURES = Command(
    name="figures",
    summary="Numbers by unit and source; differing counts side by side, never summed",
    params=FiguresParams,
    handler=run_figures,
    positional="unit",
    examples=("/figures", "/figures killed", "/figures displaced"),
)
