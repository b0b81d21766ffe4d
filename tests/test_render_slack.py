"""Cards as Slack messages: real cards from a seeded core, hostile and huge cards, limits."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.actions import ActionKind, decode_action
from bot.app import BotCore, open_core
from bot.slack.escape import ELLIPSIS, escape_mrkdwn, inline
from bot.slack.limits import MAX_MESSAGE_TEXT, slack_limit_violations, text_objects
from bot.slack.render import VIEW_ACTIONS, footnote_label, render_slack, render_slack_quotes
from briefings.cards import Card, CardField, CardItem, CardKind, CardSection, page_command
from briefings.footnotes import footnotes
from briefings.links import link_target
from briefings.models import Citation
from tests.conftest import make_settings

INJECTION = "<!everyone> *bold* <@U123> <http://x|click> ~strike~ `code` > quote & co"
LINES = [
    "/timeline",
    "/timeline page:2",
    "/actor Russia",
    "/source cnn",
    "/help",
    "/help timeline",
    "/actor Rusiaa",
]
MARKERS = re.compile(r"(\[\d+\])+( \+\d+ more)?$")


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp: Path = tmp_path_factory.mktemp("slack")
    opened = open_core(make_settings(f"sqlite:///{tmp / 'slack.sqlite3'}", tmp))
    yield opened
    opened.close()


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [str(obj["text"]) for m in messages for obj in text_objects(m["blocks"])]


def section_texts(messages: list[dict[str, Any]]) -> list[str]:
    return [
        block["text"]["text"]
        for m in messages
        for block in m["blocks"]
        if block["type"] == "section" and "text" in block
    ]


def buttons(messages: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        element["action_id"]: element
        for m in messages
        for block in m["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def assert_fits(messages: list[dict[str, Any]]) -> None:
    assert messages
    for message in messages:
        assert slack_limit_violations(message) == []
        for block in message["blocks"]:
            assert Block.parse(block).to_dict() == block


def assert_shown(escaped: str, joined: str) -> None:
    """`escaped` is in `joined` whole, or as a long prefix that ends in a visible "…"."""
    if escaped in joined:
        return
    head = escaped[:1000]  # an item keeps at least 2000 units, astral characters count 2
    start = joined.find(head)
    assert start >= 0 and len(escaped) > 1000, escaped[:80]
    end = start
    while end - start < len(escaped) and joined[end] == escaped[end - start]:
        end += 1
    assert joined[end] == ELLIPSIS


LINK = re.compile(r"<([^|<>]*)\|")


def assert_inert(messages: list[dict[str, Any]], card: Card | None = None) -> None:
    """No `<` from the data reaches Slack in any text, so no mention, channel link or URL
    link can form. The only `<` is ours: a footnote's link to its article, whose target is
    the article's URL as `link_target` writes it."""
    allowed = {
        target.replace("&", "&amp;")
        for citation in (card.citations if card else [])
        if (target := link_target(citation.url)) is not None
    }

    def ours(match: re.Match[str]) -> str:
        assert match.group(1) in allowed, match.group(1)[:120]
        return ""

    for message in messages:
        for text in [message["text"], *texts([message])]:
            assert "<" not in LINK.sub(ours, text), text[:120]


# --- real cards ----------------------------------------------------------------------------


@pytest.mark.parametrize("line", LINES)
def test_real_cards_fit_and_round_trip(core: BotCore, line: str) -> None:
    card = core.ask(line)
    for shareable in (False, True):
        messages = render_slack(card, shareable=shareable)
        assert len(messages) == 1
        assert_fits(messages)
        assert_inert(messages, card)
    assert_fits(render_slack_quotes(card))


def test_registry_examples_fit(core: BotCore) -> None:
    """Every example of every registered command, whatever card it answers."""
    lines = [example for command in core.commands for example in command.examples]
    assert lines
    for line in lines:
        card = core.ask(line)
        assert_fits(render_slack(card, shareable=True))
        assert_fits(render_slack_quotes(card))


@pytest.mark.parametrize("line", ["/timeline", "/actor Russia", "/source cnn", "/help"])
def test_every_item_is_one_line_and_every_fact_line_is_cited(core: BotCore, line: str) -> None:
    card = core.ask(line)
    messages = render_slack(card)
    item_lines = [
        row for text in section_texts(messages) for row in text.split("\n") if row.startswith("• ")
    ]
    items = [item for section in card.sections for item in section.items]
    assert len(item_lines) == len(items)
    sources = "\n".join(
        element["text"]
        for block in messages[0]["blocks"]
        if block["type"] == "context"
        for element in block["elements"]
    )
    for item, row in zip(items, item_lines, strict=True):
        assert escape_mrkdwn(inline(item.text)) in row
        if item.citations:
            marks = MARKERS.search(row)
            assert marks, row
            for number in re.findall(r"\[(\d+)\]", marks.group(0)):
                assert re.search(rf"^\[{number}\] \S", sources, re.MULTILINE), number


def test_paging_buttons_decode_to_the_neighbouring_pages(core: BotCore) -> None:
    card = core.ask("/timeline period:all page:2")
    assert card.pages > 2
    found = buttons(render_slack(card, shareable=True))
    assert set(found) == {"bb_page_prev", "bb_page_next", "bb_quotes", "bb_view_1", "bb_share"}
    expected = {
        "bb_page_prev": (ActionKind.PAGE, 1),
        "bb_page_next": (ActionKind.PAGE, 3),
        "bb_quotes": (ActionKind.QUOTES, 2),
        "bb_share": (ActionKind.SHARE, 2),
    }
    for action_id, (kind, page) in expected.items():
        state = decode_action(found[action_id]["value"])
        assert state is not None
        assert (state.kind, state.page) == (kind, page)
        assert state.line == page_command(card.command, page)
    state = decode_action(found["bb_page_next"]["value"])
    assert state is not None
    assert core.ask(state.line).page == 3


def test_first_and_last_pages_omit_the_button_at_the_end(core: BotCore) -> None:
    first = core.ask("/timeline")
    assert set(buttons(render_slack(first))) == {"bb_page_next", "bb_quotes", "bb_view_1"}
    last = core.ask(f"/timeline page:{first.pages}")
    assert set(buttons(render_slack(last))) == {"bb_page_prev", "bb_quotes", "bb_view_1"}


def test_the_timeline_offers_its_background_as_a_button(core: BotCore) -> None:
    card = core.ask("/timeline")
    view = buttons(render_slack(card))["bb_view_1"]
    assert view["text"]["text"].startswith("Background (")
    assert VIEW_ACTIONS.match(view["action_id"])
    state = decode_action(view["value"])
    assert state is not None and (state.kind, state.page) == (ActionKind.PAGE, 1)
    background = core.ask(state.line)
    assert background.sections[0].title.startswith("Background")
    back = decode_action(buttons(render_slack(background))["bb_view_1"]["value"])
    assert back is not None and core.ask(back.line).sections == card.sections


def test_help_has_no_sources_button(core: BotCore) -> None:
    assert "bb_quotes" not in buttons(render_slack(core.ask("/help")))


def test_error_card_is_a_short_section_without_buttons(core: BotCore) -> None:
    card = core.ask("/actor Rusiaa")
    assert card.kind == CardKind.ERROR
    messages = render_slack(card, shareable=True)
    assert [block["type"] for block in messages[0]["blocks"]] == ["section"]
    assert "Russia" in messages[0]["blocks"][0]["text"]["text"]
    assert "Russia" in messages[0]["text"]


def test_quotes_view_quotes_every_cited_sentence_under_its_footnote(core: BotCore) -> None:
    card = core.ask("/actor Russia")
    joined = "\n".join(section_texts(render_slack_quotes(card)))
    assert card.citations
    for citation in card.citations:
        assert f"> • {escape_mrkdwn(inline(citation.sentence))}" in joined
    for note in footnotes(card):
        assert f"*[{note.number}]* {footnote_label(note)}\n> • " in joined


# --- constructed cards ---------------------------------------------------------------------


def cite(index: int, sentence: str = "A sentence.", outlet: str = "CNN") -> Citation:
    return Citation(
        article_id=f"art{index % 7}",
        outlet=outlet,
        sentence_index=index,
        start=0,
        end=1,
        sentence=sentence,
    )


def test_injection_in_every_card_text_renders_inert() -> None:
    card = Card(
        title=INJECTION,
        lead=INJECTION,
        fields=[CardField(name=INJECTION, value=INJECTION)],
        sections=[
            CardSection(
                title=INJECTION,
                items=[
                    CardItem(
                        text=INJECTION,
                        date=INJECTION,
                        detail=INJECTION,
                        citations=[cite(1, INJECTION, INJECTION)],
                    )
                ],
            ),
            CardSection(title="empty", empty_text=INJECTION),
        ],
        footer=INJECTION,
        suggestions=[INJECTION],
        command="/timeline " + INJECTION,
        page=2,
        pages=3,
    )
    messages = [*render_slack(card, shareable=True), *render_slack_quotes(card)]
    assert_fits(messages)
    assert_inert(messages)
    escaped = escape_mrkdwn(INJECTION)
    rows = [row for text in section_texts(messages) for row in text.split("\n")]
    assert f"• *{escaped}* {escaped} — _{escaped}_ [1]" in rows
    assert f"> • {escaped}" in rows
    assert escape_mrkdwn("> quote") == "˃ quote"
    mrkdwn = [
        str(obj["text"])
        for m in messages
        for obj in text_objects(m["blocks"])
        if obj["type"] == "mrkdwn"
    ]
    for text in [*mrkdwn, *(m["text"] for m in messages)]:
        assert not re.search(r"\*bold\*|~strike~|`code`", text), text
        # our own quote lines ("> " in the Sources view) are the only lines opening with ">"
        assert all(line.startswith("> ") for line in re.findall("^>.*", text, re.MULTILINE))


def test_a_huge_page_continues_into_more_messages_losing_nothing() -> None:
    items = [CardItem(text=f"fact {n} " + "x" * 200, citations=[cite(n)]) for n in range(3000)]
    card = Card(
        title="Timeline",
        sections=[CardSection(title="Events", items=items)],
        footer="3000 entries",
        command="/timeline",
        page=1,
        pages=2,
    )
    messages = render_slack(card)
    assert len(messages) > 1
    assert_fits(messages)
    rows = {row for text in section_texts(messages) for row in text.split("\n")}
    for index, item in enumerate(items):  # seven articles, numbered in order of first use
        assert f"• {item.text} [{index % 7 + 1}]" in rows
    for number, message in enumerate(messages[1:], 2):
        assert f"part {number} of {len(messages)}" in message["blocks"][0]["elements"][0]["text"]
        assert "continued" in message["text"]
    assert [m for m in messages if any(b["type"] == "actions" for b in m["blocks"])] == [
        messages[-1]
    ]


def test_an_over_long_item_is_shortened_visibly_and_the_quote_stays_whole() -> None:
    sentence = "word " * 2000
    card = Card(
        title="T",
        sections=[
            CardSection(title="S", items=[CardItem(text=sentence, citations=[cite(1, sentence)])])
        ],
        command="/timeline",
    )
    messages = render_slack(card)
    assert_fits(messages)
    rows = [row for text in section_texts(messages) for row in text.split("\n")]
    row = next(row for row in rows if row.startswith("• "))
    assert row.endswith(f"{ELLIPSIS} [1]")
    quotes = render_slack_quotes(card)
    assert_fits(quotes)
    quoted = " ".join(
        line.removeprefix("> • ").removeprefix("> ")
        for t in section_texts(quotes)
        for line in t.split("\n")
        if line.startswith("> ")
    )
    assert quoted == inline(sentence)


def test_a_command_too_long_for_buttons_is_shown_as_text() -> None:
    command = "/timeline actor:" + "x" * 2100
    card = Card(
        title="T",
        sections=[CardSection(title="S", items=[CardItem(text="t", citations=[cite(1)])])],
        command=command,
        page=2,
        pages=3,
    )
    messages = render_slack(card, shareable=True)
    assert_fits(messages)
    assert buttons(messages) == {}
    footer = "\n".join(texts(messages))
    assert "Next page: `/timeline actor:xxx" in footer
    assert "Previous page: `/timeline actor:xxx" in footer
    assert "Sources: this command line is too long for a button." in footer


# --- properties ----------------------------------------------------------------------------

PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from([INJECTION, "<!here>", "<@U1>", "&amp;", "> q", "*b*", "\x00", "\n\n"]),
)
SHORT = st.lists(PIECES, max_size=4).map("".join)
HUGE = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=10), st.integers(300, 1100))
TEXT = st.one_of(SHORT, SHORT, SHORT, HUGE)
URL = st.one_of(
    st.none(),
    st.builds(lambda path: "https://example.com/" + path, SHORT),
    st.builds(lambda n: "https://example.com/" + "p" * n, st.integers(300, 2000)),
    st.sampled_from(["javascript:alert(1)", "https://x.com/a|b>c<d&e", "https://u:p@x.com/"]),
    SHORT,
)
CITATION = st.builds(
    Citation,
    article_id=st.text(max_size=20),
    outlet=TEXT,
    sentence_index=st.integers(0, 10**6),
    start=st.just(0),
    end=st.just(1),
    sentence=TEXT,
    caption=st.booleans(),
    title=st.none() | TEXT,
    published=st.none() | st.dates(),
    url=URL,
)
MANY_CITATIONS = st.integers(0, 200).map(lambda n: [cite(i, f"s{i}") for i in range(n)])
ITEM = st.builds(
    CardItem,
    text=TEXT,
    date=st.none() | TEXT,
    detail=st.none() | TEXT,
    citations=st.one_of(st.lists(CITATION, max_size=3), MANY_CITATIONS),
)
SMALL_ITEM = st.builds(CardItem, text=SHORT, citations=st.lists(CITATION, max_size=2))
ITEMS = st.one_of(
    st.lists(ITEM, max_size=6),
    st.tuples(st.lists(SMALL_ITEM, min_size=1, max_size=4), st.integers(1, 250)).map(
        lambda pair: pair[0] * pair[1]
    ),
)
SECTION = st.builds(CardSection, title=TEXT, items=ITEMS, empty_text=st.none() | TEXT)
COMMAND = st.one_of(
    st.just("/timeline"),
    TEXT,
    st.builds(lambda s: "/timeline " + s, TEXT),
)


@st.composite
def cards(draw: st.DrawFn) -> Card:
    pages = draw(st.integers(1, 10_000))
    return Card(
        kind=draw(st.sampled_from(CardKind)),
        title=draw(TEXT),
        lead=draw(st.none() | TEXT),
        fields=draw(st.lists(st.builds(CardField, name=TEXT, value=TEXT), max_size=25)),
        sections=draw(st.lists(SECTION, max_size=4)),
        footer=draw(st.none() | TEXT),
        command=draw(COMMAND),
        page=draw(st.integers(1, pages)),
        pages=pages,
        suggestions=draw(st.lists(TEXT, max_size=4)),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.booleans())
def test_any_card_fits_loses_nothing_and_stays_inert(card: Card, shareable: bool) -> None:
    messages = render_slack(card, shareable=shareable)
    quotes = render_slack_quotes(card)
    for message in [*messages, *quotes]:
        assert slack_limit_violations(message) == []
        assert sum(len(t) for t in texts([message])) <= MAX_MESSAGE_TEXT
    assert_inert([*messages, *quotes], card)
    joined = "\n".join(section_texts(messages))
    for text in {item.text for section in card.sections for item in section.items}:
        assert_shown(escape_mrkdwn(inline(text)), joined)
    quoted = "\n".join(section_texts(quotes))
    for sentence in {citation.sentence for citation in card.citations}:
        assert_shown(escape_mrkdwn(inline(sentence))[:1000], quoted)
    for action_id, button in buttons(messages).items():
        state = decode_action(button["value"])
        assert state is not None, action_id
        assert json.dumps(button)  # serialisable as sent


# --- footnotes: articles by title, date and link --------------------------------------------


def linked(url: str | None, title: str | None = "Ceasefire holds") -> Citation:
    return cite(1).model_copy(update={"title": title, "published": date(2023, 9, 21), "url": url})


def footnote_texts(card: Card) -> list[str]:
    return [
        element["text"]
        for block in render_slack(card)[0]["blocks"]
        if block["type"] == "context"
        for element in block["elements"]
        if element["text"].startswith("[")
    ]


def one_line_card(citation: Citation) -> Card:
    item = CardItem(text="A fact.", citations=[citation])
    return Card(title="T", command="/timeline", sections=[CardSection(title="S", items=[item])])


def test_a_footnote_names_outlet_date_and_headline_and_links_the_headline() -> None:
    card = one_line_card(linked("https://example.com/world/a?b=1&c=2"))
    assert footnote_texts(card) == [
        '[1] CNN, 21 Sep 2023 — <https://example.com/world/a?b=1&amp;c=2|"Ceasefire holds" ↗>'
    ]
    assert footnote_texts(one_line_card(linked(None, title=None))) == [
        "[1] CNN, 21 Sep 2023 — untitled article art1"
    ]


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://x.com/a|b>c<d", "https://x.com/a%7Cb%3Ec%3Cd"),
        ("https://x.com/<!everyone>", "https://x.com/%3C!everyone%3E"),
        ("javascript:alert(1)", None),
        ("https://user:pw@x.com/", None),
        ("https://x.com/?session=abc", None),
        ("https://x.com/" + "y" * 2000, None),
    ],
)
def test_hostile_urls_and_titles_never_break_out_of_the_footnote(
    url: str, target: str | None
) -> None:
    card = one_line_card(linked(url, title=INJECTION))
    messages = [*render_slack(card, shareable=True), *render_slack_quotes(card)]
    assert_fits(messages)
    assert_inert(messages, card)
    (text,) = footnote_texts(card)
    headline = f'"{escape_mrkdwn(INJECTION)}"'
    if target is None:
        assert text == f"[1] CNN, 21 Sep 2023 — {headline}"
    else:
        assert text == f"[1] CNN, 21 Sep 2023 — <{target}|{headline} ↗>"
