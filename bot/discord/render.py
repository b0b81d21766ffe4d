"""Cards as Discord messages: embeds, paging buttons and a sources view that never break a limit.

A card page normally becomes one message: the title, the lead and the card's fields, then its
sections (one line per item, `**date** text — detail [1][2]`), then the numbered sources as
fields, and a footer with the page. When a page cannot fit one message (6000 characters across
embeds, 10 embeds, 25 fields per embed) it continues into further messages, each titled
"(continued)" — lines are moved, never cut. Only a single text longer than the element that
holds it (a 10 KB title, a 50 KB item) is shortened, visibly, with "…"; the quotes view
(`render_discord_quotes`) then shows the sentence in full, split over as many lines as needed.

Buttons and the chart image go on the last and the first message respectively: the adapter
attaches the chart file to the first message and answers button clicks with `decode_action`.
"""

from __future__ import annotations

from typing import Any

from bot.actions import ActionKind, decode_action, encode_action
from bot.discord import limits
from bot.discord.escape import (
    ELLIPSIS,
    ZWSP,
    discord_length,
    escape_discord,
    one_line,
    plain_discord,
    shorten,
    split_escaped,
)
from bot.discord.limits import (
    CONTINUED,
    Field,
    Frame,
    Line,
    Unit,
    discord_limit_violations,
    fit_messages,
)
from briefings.cards import Card, CardItem, CardKind, CardLink, page_command
from briefings.footnotes import LINK_MARK, Footnote, footnote_numbers, footnotes
from briefings.links import link_target
from briefings.models import Citation

__all__ = [  # the escaping and the checker are re-exported: one import for the adapter
    "citation_numbers",
    "discord_limit_violations",
    "escape_discord",
    "footnote_label",
    "render_discord",
    "render_discord_quotes",
]

COLOURS = {CardKind.ANSWER: 0x5865F2, CardKind.HELP: 0x57F287, CardKind.ERROR: 0xED4245}
UNTITLED = "(untitled)"
MAX_QUOTE_HEADER = 1024
QUOTE_START = "> • "  # a cited sentence's first line; its continuations open with "> …"
INLINE_FIELD = 40  # fields this short sit side by side
PREVIOUS_LABEL = "◀ Previous"
NEXT_LABEL = "Next ▶"
SOURCES_LABEL = "Sources"
SECONDARY, PRIMARY = 2, 1


def render_discord(card: Card, *, chart_attached: bool = False) -> list[dict[str, Any]]:
    """The messages (Create Message / interaction `data` payloads) that show one card page."""
    notes = footnotes(card)
    numbers = citation_numbers(card)
    rows, hints = _buttons(card)
    footer, overflow = _footer(card, hints)
    image = None
    if chart_attached and card.chart is not None:
        image = "attachment://" + card.chart.filename
    frame = Frame(_title(card.title), COLOURS[card.kind], footer, image)
    cap = frame.line_limit
    units: list[Unit] = [
        *_intro(card, cap),
        *_fields(card),
        *_sections(card, numbers, cap),
        *_source_fields(notes),
        *(Line(shorten(escape_discord(one_line(hint)), cap), gap=True) for hint in overflow),
    ]
    return fit_messages(units, frame, rows)


def render_discord_quotes(card: Card) -> list[dict[str, Any]]:
    """The answer to the Sources button: each cited article under the card's own footnote
    header, with the sentences of it the card cites, in full (a long sentence continues over
    several lines, marked with "…")."""
    notes = footnotes(card)
    count = sum(len(note.citations) for note in notes)
    footer = f"{count} cited sentence{'s' if count != 1 else ''}"
    if card.pages > 1:
        footer += f" · page {card.page} of {card.pages}"
    title = _title("Sources: " + card.title)
    frame = Frame(title, COLOURS[card.kind], footer)
    units: list[Unit] = []
    for note in notes:
        units.extend(_quote_lines(note, frame.line_limit))
    if not units:
        units.append(Line("This card cites no sources."))
    return fit_messages(units, frame, [])


def citation_numbers(card: Card) -> dict[Citation, int]:
    """Each citation of the card with the number of its article's footnote (articles are
    numbered from 1 in order of first use; `briefings.footnotes`)."""
    articles = footnote_numbers(card)
    return {citation: articles[citation.article_id] for citation in card.citations}


def footnote_label(note: Footnote, limit: int = limits.FIELD_VALUE) -> str:
    """`CNN, 21 Sep 2023 — ["Title" ↗](https://…)` (escaped; the headline is the link). The
    link is left out when the article has none that may be shown, or when the label would
    not fit `limit` with it: a link is never cut."""
    source = escape_discord(note.source)
    headline = escape_discord(note.headline)
    target = link_target(note.url)
    if target is not None:
        linked = f"{source} — [{headline} {LINK_MARK}]({target})"
        if discord_length(linked) <= limit:
            return linked
    return shorten(f"{source} — {headline}", limit)


# --- card content -------------------------------------------------------------------------


def _title(text: str) -> str:
    title = shorten(escape_discord(one_line(text)), limits.TITLE)
    return title if title.strip() else UNTITLED


def _line(text: str, *, gap: bool = False) -> list[Line]:
    return [Line(text, gap)] if text.strip() else []


def _intro(card: Card, cap: int) -> list[Line]:
    lines = _line(shorten(escape_discord(card.lead or "").strip(), cap))
    lead = card.lead or ""
    suggestions = [one_line(s) for s in card.suggestions if one_line(s)]
    if suggestions and not all(s in lead for s in suggestions):
        named = ", ".join(escape_discord(s) for s in suggestions)
        lines += _line(shorten(f"Did you mean: {named}?", cap))
    return lines


def _fields(card: Card) -> list[Field]:
    fields = []
    for card_field in card.fields:
        name = shorten(escape_discord(one_line(card_field.name)), limits.FIELD_NAME)
        value = shorten(escape_discord(card_field.value).strip(), limits.FIELD_VALUE)
        inline = discord_length(name) <= INLINE_FIELD and discord_length(value) <= INLINE_FIELD
        fields.append(
            Field(name if name.strip() else ZWSP, value if value.strip() else ZWSP, inline)
        )
    return fields


def _sections(card: Card, numbers: dict[Citation, int], cap: int) -> list[Line]:
    lines: list[Line] = []
    for section in card.sections:
        title = shorten(escape_discord(one_line(section.title)), cap - 4)
        lines += _line(f"**{title}**" if title else "", gap=True)
        gap = not title  # the first line of an untitled section still needs its blank line
        if not section.items and section.empty_text:
            empty = shorten(escape_discord(one_line(section.empty_text)), cap - 2)
            lines += _line(f"*{empty}*" if empty else "", gap=gap)
        for item in section.items:
            lines.append(Line(_item_line(item, numbers, cap), gap=gap))
            gap = False
    return lines


def _item_line(item: CardItem, numbers: dict[Citation, int], cap: int) -> str:
    """`- **date** text — detail [1][2]`. Only a line longer than a description can hold gives
    way: its markers are counted past a quarter of the line, and date, detail and text share
    the rest — short parts stay whole, long ones are shortened alike."""
    date = escape_discord(one_line(item.date or ""))
    detail = escape_discord(one_line(item.detail or ""))
    text = escape_discord(one_line(item.text))
    cited = [numbers[citation] for citation in item.citations]
    line = _join_item(date, text, detail, _markers(cited, None))
    if discord_length(line) <= cap:
        return line
    markers = _markers(cited, cap // 4)
    room = cap - (discord_length(_join_item("d", "t", "x", markers)) - 3)
    date_room, detail_room, text_room = _share(
        [discord_length(date), discord_length(detail), discord_length(text)], room
    )
    return _join_item(
        shorten(date, date_room), shorten(text, text_room), shorten(detail, detail_room), markers
    )


def _join_item(date: str, text: str, detail: str, markers: str) -> str:
    words = (f"**{date}**" if date else "", text, f"— {detail}" if detail else "", markers)
    return "- " + " ".join(word for word in words if word)


def _share(lengths: list[int], room: int) -> list[int]:
    """Split `room` between parts: each gets its length when it can, the longest ones share
    what is left equally (max-min fair)."""
    shares = [0] * len(lengths)
    left, parts = room, len(lengths)
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        shares[index] = min(lengths[index], left // parts)
        left -= shares[index]
        parts -= 1
    return shares


def _markers(numbers: list[int], limit: int | None) -> str:
    """`[1][2]`, runs as `[4]–[9]`; past `limit` characters the rest is counted, not listed
    (the Sources list and view still hold them all)."""
    distinct = list(dict.fromkeys(numbers))
    runs: list[list[int]] = []
    for number in distinct:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    tokens: list[tuple[str, int]] = []
    for run in runs:
        if len(run) >= 4:
            tokens.append((f"[{run[0]}]–[{run[-1]}]", len(run)))
        else:
            tokens.extend((f"[{number}]", 1) for number in run)
    text, shown = "", 0
    for token, count in tokens:
        left = len(distinct) - shown - count
        reserve = len(f"[+{len(distinct)} more]") if left else 0
        if limit is not None and len(text) + len(token) + reserve > limit:
            return f"{text}[+{len(distinct) - shown} more]"
        text += token
        shown += count
    return text


def _source_fields(notes: list[Footnote]) -> list[Field]:
    """`[1] CNN, 21 Sep 2023 — "Title" ↗` lines, packed into as few fields as fit."""
    fields: list[Field] = []
    value = ""
    for note in notes:
        prefix = f"[{note.number}] "
        line = prefix + footnote_label(note, limits.FIELD_VALUE - len(prefix))
        joined = f"{value}\n{line}" if value else line
        if discord_length(joined) <= limits.FIELD_VALUE:
            value = joined
            continue
        fields.append(_sources_field(value, first=not fields))
        value = line
    if value:
        fields.append(_sources_field(value, first=not fields))
    return fields


def _sources_field(value: str, *, first: bool) -> Field:
    return Field(SOURCES_LABEL if first else SOURCES_LABEL + CONTINUED, value)


def _quote_lines(note: Footnote, cap: int) -> list[Line]:
    """The footnote's header, then each cited sentence of the article as a quote; the header
    travels with the first quote line so that it never ends a message alone."""
    prefix = f"**[{note.number}]** "
    header = prefix + footnote_label(note, MAX_QUOTE_HEADER - len(prefix))
    room = cap - discord_length(header) - len("\n" + QUOTE_START) - 2 * len(ELLIPSIS)
    lines: list[Line] = []
    for citation in note.citations:
        sentence = escape_discord(one_line(citation.sentence)) or "*no sentence stored*"
        pieces = split_escaped(sentence, room)
        for index, piece in enumerate(pieces):
            before = ELLIPSIS if index else QUOTE_START.removeprefix("> ")
            after = ELLIPSIS if index < len(pieces) - 1 else ""
            quote = f"> {before}{piece}{after}"
            lines.append(Line(f"{header}\n{quote}", gap=True) if not lines else Line(quote))
    return lines


# --- buttons and footer -------------------------------------------------------------------


def _custom_id(kind: ActionKind, page: int, command: str) -> str | None:
    """The button id for this state, or None when it does not fit 100 characters (or would
    not decode back to the same state)."""
    encoded = encode_action(kind, page, command, limit=limits.CUSTOM_ID)
    if encoded is None or discord_length(encoded) > limits.CUSTOM_ID:
        return None
    state = decode_action(encoded)
    return encoded if state is not None and state.page == page else None


def _button(label: str, custom_id: str, *, style: int, disabled: bool = False) -> dict[str, Any]:
    return {
        "type": limits.BUTTON,
        "style": style,
        "label": label,
        "custom_id": custom_id,
        "disabled": disabled,
    }


def _buttons(card: Card) -> tuple[list[dict[str, Any]], list[str]]:
    """The action rows, and the page commands to show as text where a button cannot be made.

    A disabled end button points at the current page, so ids stay distinct and valid."""
    page = max(card.page, 1)
    buttons: list[dict[str, Any]] = []
    hints: list[str] = []
    if card.pages > 1:
        steps = (
            (PREVIOUS_LABEL, "Previous page", page - 1, page > 1),
            (NEXT_LABEL, "Next page", page + 1, page < card.pages),
        )
        for label, hint, target, enabled in steps:
            custom_id = _custom_id(ActionKind.PAGE, target if enabled else page, card.command)
            if custom_id is not None:
                buttons.append(_button(label, custom_id, style=SECONDARY, disabled=not enabled))
            elif enabled:
                hints.append(f"{hint}: {page_command(card.command, target)}")
    if card.citations:
        custom_id = _custom_id(ActionKind.QUOTES, page, card.command)
        if custom_id is not None:
            buttons.append(_button(SOURCES_LABEL, custom_id, style=PRIMARY))
    for link in card.links if card.kind == CardKind.ANSWER else []:
        button = _link_button(link, {b["custom_id"] for b in buttons})
        if button is not None:
            buttons.append(button)
        else:
            hints.append(f"{one_line(link.label)}: {link.command}")
    rows = [
        {"type": limits.ACTION_ROW, "components": buttons[start : start + limits.ROW_BUTTONS]}
        for start in range(0, len(buttons), limits.ROW_BUTTONS)
    ][: limits.ROWS]
    return rows, hints


def _link_button(link: CardLink, taken: set[str]) -> dict[str, Any] | None:
    """A button showing another view of the answer (its first page: in place, or apart to the
    clicker for an `aside` link), or None when its state does not fit a custom_id or
    duplicates a button already made."""
    kind = ActionKind.VIEW if link.aside else ActionKind.PAGE
    custom_id = _custom_id(kind, 1, link.command)
    label = shorten(plain_discord(one_line(link.label)), limits.LABEL)
    if custom_id is None or custom_id in taken or not label.strip():
        return None
    return _button(label, custom_id, style=SECONDARY)


def _footer(card: Card, hints: list[str]) -> tuple[str, list[str]]:
    """Footer text (card footer, page, page commands) and the hints too long for a footer."""
    base = plain_discord(card.footer or "").strip()
    position = f"page {card.page} of {card.pages}"
    tail = position if card.pages > 1 and position not in base else ""
    if tail:
        room = limits.FOOTER - len(" · ") - len(tail)
        base = f"{shorten(base, room)} · {tail}" if base else tail
    footer = shorten(base, limits.FOOTER)
    overflow = []
    for hint in hints:
        text = plain_discord(one_line(hint))
        joined = f"{footer}\n{text}" if footer else text
        if discord_length(joined) <= limits.FOOTER:
            footer = joined
        else:
            overflow.append(hint)
    return footer, overflow
