"""Cards as Slack Block Kit messages that never break a platform limit.

A card page normally becomes one message: a header with the title, the lead, the fields, each
section's items as mrkdwn lines with citation markers (the numbered sources right under the
lines that cite them), then the footer and the buttons. When a page does not fit one message
it continues into further messages, each marked "continued"; nothing is dropped. A single text
is shortened (visibly, with "…") only when it alone exceeds an element's limit; the full cited
sentence stays available through the Sources view (`render_slack_quotes`).

Blocks are built with slack_sdk's block objects so that its validation runs in `to_dict()`;
what it does not check (block count, fields, message size) is planned for here and checked by
`bot.slack.limits.slack_limit_violations`. Everything taken from a card goes through
`bot.slack.escape`; our own formatting is added afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.actions import ActionKind, decode_action, encode_action
from bot.slack.escape import (
    escape_line,
    fit_mrkdwn,
    fit_plain,
    inline,
    split_mrkdwn,
    units,
)
from bot.slack.limits import (
    MAX_BLOCKS,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_CONTEXT_TEXT,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_HEADER_TEXT,
    MAX_MESSAGE_TEXT,
    MAX_SECTION_TEXT,
    block_text_size,
)
from briefings.cards import Card, CardItem, CardKind, page_command
from briefings.footnotes import LINK_MARK, Footnote, footnote_numbers, footnotes
from briefings.links import link_target
from briefings.models import Citation

Message = dict[str, Any]
Block = dict[str, Any]

ACTION_PREVIOUS = "bb_page_prev"
ACTION_NEXT = "bb_page_next"
ACTION_QUOTES = "bb_quotes"
ACTION_SHARE = "bb_share"
ACTION_VIEW = "bb_view"  # + "_N": the card's Nth link to another view, answered as a page
VIEW_ACTIONS = re.compile(rf"^{ACTION_VIEW}_\d+$")

UNTITLED = "Untitled card"
BLOCK_TEXT_CAP = MAX_SECTION_TEXT  # no block we build shows more, so any block fits a message
HEAD_RESERVE = 250  # the "continued" line that opens every message after the first
TITLE_LIMIT = 150  # a title quoted inside another line
MAX_MARKERS = 10  # citation markers on one line; the rest as "+N more"
QUOTE_PIECE = 2800  # one line of a quoted sentence
MAX_QUOTE_PIECES = 4  # a sentence longer than this many lines ends in "…"
QUOTE_START = "> • "  # each cited sentence's first line in the Sources view


# --- blocks ---------------------------------------------------------------------------------


def _mrkdwn(text: str) -> MarkdownTextObject:
    # verbatim: no automatic linking of URLs, channel names or mentions in article text.
    return MarkdownTextObject(text=text, verbatim=True)


def _as_dict(block: Any) -> Block:
    result: Block = block.to_dict()  # slack_sdk validates here
    return result


def _header(text: str) -> Block:
    return _as_dict(HeaderBlock(text=PlainTextObject(text=text, emoji=False)))


def _section(text: str) -> Block:
    return _as_dict(SectionBlock(text=_mrkdwn(text)))


def _fields(texts: Sequence[str]) -> Block:
    return _as_dict(SectionBlock(fields=[_mrkdwn(text) for text in texts]))


def _context(texts: Sequence[str]) -> Block:
    return _as_dict(ContextBlock(elements=[_mrkdwn(text) for text in texts]))


def _groups(sizes: Sequence[int], limit: int) -> list[range]:
    """Consecutive runs of lines whose sizes, joined by newlines, fit `limit` (each line fits)."""
    groups: list[range] = []
    start, used = 0, 0
    for index, size in enumerate(sizes):
        if index > start and used + 1 + size > limit:
            groups.append(range(start, index))
            start, used = index, 0
        used += size + (1 if index > start else 0)
    if sizes:
        groups.append(range(start, len(sizes)))
    return groups


def _join_lines(lines: Sequence[str], limit: int) -> list[str]:
    return [
        "\n".join(lines[index] for index in group)
        for group in _groups([units(line) for line in lines], limit)
    ]


def _sections(lines: Sequence[str]) -> list[Block]:
    return [_section(text) for text in _join_lines(lines, MAX_SECTION_TEXT)]


# --- citations ------------------------------------------------------------------------------


def _numbering(card: Card) -> dict[Citation, int]:
    """Each citation with the number of its article's footnote (articles numbered from 1 in
    order of first use; `briefings.footnotes`): the reader follows an article, and the
    Sources view quotes the sentences under it."""
    articles = footnote_numbers(card)
    return {citation: articles[citation.article_id] for citation in card.citations}


def footnote_label(note: Footnote) -> str:
    """`CNN, 21 Sep 2023 — <https://…|"Title" ↗>` as inert mrkdwn: the headline is the link
    when the article has one that may be shown (`briefings.links`), else plain text."""
    source = fit_mrkdwn(note.source, 200) or "Unattributed"
    headline = fit_mrkdwn(note.headline, 300)
    target = link_target(note.url)
    if target is None:
        return f"{source} — {headline}"
    # `link_target` percent-encodes `<`, `>` and `|`; `&` is written as Slack's own entity.
    return f"{source} — <{target.replace('&', '&amp;')}|{headline} {LINK_MARK}>"


def _markers(numbers: Sequence[int]) -> str:
    unique = list(dict.fromkeys(numbers))
    shown = "".join(f"[{number}]" for number in unique[:MAX_MARKERS])
    more = len(unique) - MAX_MARKERS
    return f"{shown} +{more} more" if more > 0 else shown


def _citation_blocks(numbers: Sequence[int], by_number: dict[int, Footnote]) -> list[Block]:
    lines = [f"[{number}] {footnote_label(by_number[number])}" for number in numbers]
    return [_context([text]) for text in _join_lines(lines, MAX_CONTEXT_TEXT)]


# --- card body ------------------------------------------------------------------------------


def _item_line(item: CardItem, numbers: dict[Citation, int]) -> str:
    """`• *date* text — _detail_ [1][2]`, shortened only if the line cannot fit a section."""
    marks = _markers([numbers[citation] for citation in item.citations])

    def compose(date: str, text: str, detail: str) -> str:
        line = " ".join(part for part in ("•", f"*{date}*" if date else "", text) if part)
        if detail:
            line += f" — _{detail}_"
        return f"{line} {marks}" if marks else line

    line = compose(*(escape_line(part) for part in (item.date, item.text, item.detail)))
    if units(line) <= MAX_SECTION_TEXT:
        return line
    date, detail = fit_mrkdwn(item.date, 60), fit_mrkdwn(item.detail, 300)
    room = MAX_SECTION_TEXT - units(compose(date, "", detail)) - 1
    return compose(date, fit_mrkdwn(item.text, room), detail)


def _suggestions(card: Card) -> str:
    """The suggestions the lead does not already offer, comma-separated (raw text)."""
    lead = inline(card.lead)
    names = dict.fromkeys(name for name in map(inline, card.suggestions) if name)
    return ", ".join(name for name in names if name not in lead)


def _intro(card: Card) -> list[Block]:
    """Title, lead and "did you mean"; an error card is one short section, no header."""
    blocks: list[Block] = []
    lines: list[str] = []
    if card.kind == CardKind.ERROR:
        lines.append(f"*{fit_mrkdwn(card.title, TITLE_LIMIT) or 'That did not work'}*")
    else:
        blocks.append(_header(fit_plain(card.title, MAX_HEADER_TEXT) or UNTITLED))
    lead = fit_mrkdwn(card.lead, MAX_SECTION_TEXT)
    if lead:
        lines.append(lead)
    names = _suggestions(card)
    if names:
        prefix = "*Did you mean:* "
        lines.append(prefix + fit_mrkdwn(names + "?", MAX_SECTION_TEXT - units(prefix)))
    return [*blocks, *_sections(lines)]


def _field_blocks(card: Card) -> list[Block]:
    texts = []
    for card_field in card.fields:
        name = fit_mrkdwn(card_field.name, TITLE_LIMIT)
        head = f"*{name}*\n" if name else ""
        texts.append(head + (fit_mrkdwn(card_field.value, MAX_FIELD_TEXT - units(head)) or "—"))
    blocks: list[Block] = []
    group: list[str] = []
    for text in texts:
        if group and (len(group) == MAX_FIELDS or units("".join([*group, text])) > BLOCK_TEXT_CAP):
            blocks.append(_fields(group))
            group = []
        group.append(text)
    if group:
        blocks.append(_fields(group))
    return blocks


def _cited_sections(
    rows: Sequence[tuple[str, Sequence[Citation]]],
    numbers: dict[Citation, int],
    listed: set[int],
    by_number: dict[int, Footnote],
) -> list[Block]:
    """Section lines as section blocks, each followed by the sources it cites first (`listed`
    holds the numbers already shown on this page and grows)."""
    blocks: list[Block] = []
    for group in _groups([units(text) for text, _ in rows], MAX_SECTION_TEXT):
        blocks.append(_section("\n".join(rows[index][0] for index in group)))
        used = {numbers[citation] for index in group for citation in rows[index][1]}
        new = sorted(used - listed)
        listed.update(new)
        blocks += _citation_blocks(new, by_number)
    return blocks


def _body(card: Card, numbers: dict[Citation, int]) -> list[Block]:
    blocks = [*_intro(card), *_field_blocks(card)]
    by_number = {note.number: note for note in footnotes(card)}
    listed: set[int] = set()
    for section in card.sections:
        rows: list[tuple[str, Sequence[Citation]]] = []
        title = fit_mrkdwn(section.title, MAX_SECTION_TEXT - 2)
        if title:
            rows.append((f"*{title}*", ()))
        rows += [(_item_line(item, numbers), item.citations) for item in section.items]
        empty = fit_mrkdwn(section.empty_text, MAX_SECTION_TEXT - 2)
        if not section.items and empty:
            rows.append((f"_{empty}_", ()))
        blocks += _cited_sections(rows, numbers, listed, by_number)
    return blocks


# --- footer and buttons ---------------------------------------------------------------------


@dataclass(frozen=True)
class _ButtonSpec:
    kind: ActionKind
    page: int
    action_id: str
    label: str
    instead: str  # shown in the footer when the state does not fit a button
    command: str | None = None  # another view's command line (a card link); else the card's


def _button(card: Card, spec: _ButtonSpec) -> ButtonElement | None:
    """A button whose value decodes back to its own state, or None (never a broken button)."""
    command = card.command if spec.command is None else spec.command
    value = encode_action(spec.kind, spec.page, command, limit=MAX_BUTTON_VALUE)
    if value is None or units(value) > MAX_BUTTON_VALUE:  # the codec counts code points
        return None
    state = decode_action(value)
    if state is None or (state.kind, state.page) != (spec.kind, spec.page):
        return None
    label = PlainTextObject(text=spec.label, emoji=True)
    return ButtonElement(text=label, action_id=spec.action_id, value=value)


def _button_specs(card: Card, *, shareable: bool) -> list[_ButtonSpec]:
    def command(page: int) -> str:
        return f"`{fit_mrkdwn(page_command(card.command, page), 900)}`"

    specs: list[_ButtonSpec] = []
    if card.pages > 1 and card.page > 1:
        page = min(card.page, card.pages) - 1
        instead = f"Previous page: {command(page)}"
        specs.append(_ButtonSpec(ActionKind.PAGE, page, ACTION_PREVIOUS, "◀ Previous", instead))
    if card.pages > 1 and card.page < card.pages:
        page = max(card.page, 0) + 1
        specs.append(
            _ButtonSpec(ActionKind.PAGE, page, ACTION_NEXT, "Next ▶", f"Next page: {command(page)}")
        )
    note = "this command line is too long for a button"
    if card.citations and card.command:  # no command line (a digest): no button to make
        specs.append(
            _ButtonSpec(ActionKind.QUOTES, card.page, ACTION_QUOTES, "Sources", f"Sources: {note}.")
        )
    for number, link in enumerate(card.links, 1):
        label = fit_plain(link.label, MAX_BUTTON_TEXT) or "More"
        instead = f"{fit_mrkdwn(link.label, 100)}: `{fit_mrkdwn(link.command, 900)}`"
        action_id = f"{ACTION_VIEW}_{number}"
        kind = ActionKind.VIEW if link.aside else ActionKind.PAGE
        specs.append(_ButtonSpec(kind, 1, action_id, label, instead, link.command))
    if shareable:
        specs.append(
            _ButtonSpec(
                ActionKind.SHARE, card.page, ACTION_SHARE, "Share to channel", f"Sharing: {note}."
            )
        )
    return specs


def _tail(card: Card, *, shareable: bool) -> list[Block]:
    """Footer, page position, and the buttons (or, where a button cannot be made, the
    command to type instead). Error cards get no buttons."""
    blocks: list[Block] = []
    notes = []
    footer = fit_mrkdwn(card.footer, MAX_CONTEXT_TEXT)
    if footer:
        notes.append(footer)
    position = f"page {card.page} of {card.pages}"
    if card.pages > 1 and position not in inline(card.footer).lower():
        notes.append(position)
    if notes:
        blocks.append(_context(notes))
    if card.kind == CardKind.ERROR:
        return blocks
    buttons: list[ButtonElement] = []
    instead: list[str] = []
    for spec in _button_specs(card, shareable=shareable):
        button = _button(card, spec)
        if button is None:
            instead.append(spec.instead)
        else:
            buttons.append(button)
    if instead:
        blocks.append(_context(instead))
    if buttons:
        blocks.append(_as_dict(ActionsBlock(elements=buttons)))
    return blocks


# --- messages -------------------------------------------------------------------------------


def _messages(
    body: Sequence[Block], tail: Sequence[Block], *, title: str, text: str
) -> list[Message]:
    """Blocks as consecutive messages: each within the block count and the text budget, the
    tail (footer, buttons) on the last one, and every later one opened by a "continued" line.
    `title` and `text` are mrkdwn already."""
    text_budget = MAX_MESSAGE_TEXT - HEAD_RESERVE - sum(block_text_size(b) for b in tail)
    block_budget = MAX_BLOCKS - 1 - len(tail)
    parts: list[list[Block]] = [[]]
    used = 0
    for block in body:
        size = block_text_size(block)
        if parts[-1] and (used + size > text_budget or len(parts[-1]) >= block_budget):
            parts.append([])
            used = 0
        parts[-1].append(block)
        used += size
    messages: list[Message] = []
    total = len(parts)
    for number, blocks in enumerate(parts, 1):
        if number == total:
            blocks = [*blocks, *tail]
        fallback = text
        if number > 1:
            where = f"continued, part {number} of {total}"
            blocks = [_context([f"*{title}* — {where}"]), *blocks]
            fallback = f"{title} ({where})"
        messages.append({"text": fallback, "blocks": blocks})
    return messages


def _fallback(card: Card) -> str:
    """The notification / screen-reader text of the first message: title, lead, position
    (at most 300 + 2500 + 400 + a few dozen units, well within the 4000 allowed)."""
    text = fit_mrkdwn(card.title, 300) or UNTITLED
    lead = fit_mrkdwn(card.lead, 2500)
    if lead:
        text += f": {lead}"
    elif card.kind != CardKind.ERROR:
        items = sum(len(section.items) for section in card.sections)
        text += f": {items} item{'s' if items != 1 else ''}"
    names = _suggestions(card)
    if names:
        text += f" Did you mean: {fit_mrkdwn(names, 400)}?"
    if card.pages > 1:
        text += f" (page {card.page} of {card.pages})"
    return text


def render_slack(card: Card, *, shareable: bool = False) -> list[Message]:
    """The card page as Slack messages (`{"text", "blocks"}`), normally one.

    `shareable` adds a "Share to channel" button, for answers first shown only to the asker.
    """
    numbers = _numbering(card)
    return _messages(
        _body(card, numbers),
        _tail(card, shareable=shareable),
        title=fit_mrkdwn(card.title, TITLE_LIMIT) or UNTITLED,
        text=_fallback(card),
    )


def render_slack_quotes(card: Card) -> list[Message]:
    """The answer to the Sources button: each cited article of the card page under the card's
    own footnote header, with the sentences of it the card cites."""
    title = fit_mrkdwn(card.title, TITLE_LIMIT) or UNTITLED
    where = "Sentences cited on this card"
    if card.command:
        where = f"Sentences cited by `{fit_mrkdwn(card.command, 900)}`"
    if card.pages > 1:
        where += f", page {card.page} of {card.pages}"
    lines: list[str] = []
    notes = footnotes(card)
    for note in notes:
        lines.append(f"*[{note.number}]* {footnote_label(note)}")
        for citation in note.citations:
            quote = split_mrkdwn(citation.sentence, QUOTE_PIECE, max_pieces=MAX_QUOTE_PIECES)
            pieces = [f"> {piece}" for piece in quote] or ["> _(no text)_"]
            lines += [QUOTE_START + pieces[0].removeprefix("> "), *pieces[1:]]
    if not notes:
        lines.append("_This card cites no sources._")
    body = [
        _header(fit_plain(f"Sources: {inline(card.title) or UNTITLED}", MAX_HEADER_TEXT)),
        _context([where]),
        *_sections(lines),
    ]
    count = sum(len(note.citations) for note in notes)
    text = f"Sources for {title}: {count} cited sentence{'s' if count != 1 else ''}"
    return _messages(body, [], title=title, text=text)
