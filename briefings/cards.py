"""The platform-neutral briefing card every command returns.

Renderers in `bot/` turn a `Card` into a Discord embed, Slack blocks or console text; the card
itself stays small (a page of items) and carries what a renderer needs to page on.
"""

from __future__ import annotations

import shlex
from enum import StrEnum

from pydantic import BaseModel, Field

from briefings.models import Citation


class CardKind(StrEnum):
    ANSWER = "answer"
    HELP = "help"
    ERROR = "error"


class CardItem(BaseModel):
    """One line of a card. A line that states a fact has at least one citation."""

    text: str
    date: str | None = Field(default=None, description="EDTF date of the fact, when it has one")
    detail: str | None = Field(default=None, description="secondary text, e.g. the outlets")
    citations: list[Citation] = Field(default_factory=list)


class CardSection(BaseModel):
    title: str
    items: list[CardItem] = Field(default_factory=list)
    empty_text: str | None = Field(default=None, description="shown when there are no items")


class CardField(BaseModel):
    """A short name/value pair (kind, affiliation, counts)."""

    name: str
    value: str


class ChartBucket(BaseModel):
    """One bar of a chart: a period label (e.g. 2023-09) and how many facts fall in it."""

    label: str
    count: int


class ChartData(BaseModel):
    """The data of a chart, not its pixels: surfaces that can show files draw it
    (`briefings.charts.render_png`), so answering a command never pays for plotting.

    A story's chart has two parts: `buckets`, the recent period at a scale where its days or
    weeks can be told apart, and `background`, the earlier history in coarse periods drawn
    narrow beside it (empty for a chart of one window)."""

    title: str
    filename: str = "timeline.png"
    buckets: list[ChartBucket] = Field(default_factory=list)
    alt_text: str = ""
    buckets_title: str = ""
    background: list[ChartBucket] = Field(default_factory=list)
    background_title: str = ""


class CardLink(BaseModel):
    """Another view of the same answer, one step away (the timeline's background, its latest
    weeks): a button on Discord and Slack, a command line to type on the console."""

    label: str
    command: str
    aside: bool = Field(
        default=False,
        description="answered apart, to the clicker alone, leaving the message as it is (a "
        "post the whole channel shares, such as an alert); else the view replaces the answer",
    )


class Card(BaseModel):
    """What a command answers: title, lead, fields, sections of cited items, footer, paging."""

    kind: CardKind = CardKind.ANSWER
    title: str
    lead: str | None = None
    fields: list[CardField] = Field(default_factory=list)
    sections: list[CardSection] = Field(default_factory=list)
    footer: str | None = None
    command: str = Field(default="", description="the command line that produced the card")
    page: int = 1
    pages: int = 1
    suggestions: list[str] = Field(default_factory=list)
    chart: ChartData | None = None
    links: list[CardLink] = Field(default_factory=list)

    @property
    def citations(self) -> list[Citation]:
        return [c for section in self.sections for item in section.items for c in item.citations]


def error_card(message: str, *, command: str = "", suggestions: list[str] | None = None) -> Card:
    """A short, user-facing error; never a traceback."""
    return Card(
        kind=CardKind.ERROR,
        title="Sorry — that did not work",
        lead=message,
        command=command,
        suggestions=suggestions or [],
    )


def _tokens(text: str) -> list[str]:
    """The line's words as the command parser reads them: shell quoting, or plain spaces
    when the quotes do not balance (`briefings.commands.parsing._split`)."""
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def _quoted(token: str) -> str:
    """`token` as typed when it reads back as itself, else shell-quoted (spaces, quotes)."""
    try:
        if shlex.split(token) == [token]:
            return token
    except ValueError:
        pass
    return shlex.quote(token)


def page_command(command: str, page: int) -> str:
    """The command line for another page of the same card (any `page:` option replaced).

    Read with the parser's own splitting, so an option whose value holds spaces
    (`actor:"Nikol Pashinyan"`) stays one option and `--page 3` leaves no `3` behind."""
    head, _, rest = command.strip().partition(" ")
    kept: list[str] = []
    tokens = _tokens(rest)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        lowered = token.lower()
        if lowered == "--page":
            index += 1  # and its value
            continue
        if lowered.startswith(("page:", "page=", "--page=")):
            continue
        kept.append(_quoted(token))
    return " ".join([part for part in (head, *kept) if part] + [f"page:{page}"])
