"""Cards rendered for Discord: real cards from a seeded core, and random huge hostile cards,
always within Discord's limits, with every item, citation and page reachable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.actions import ActionKind, decode_action
from bot.app import BotCore, open_core
from bot.discord.escape import ZWSP, discord_length, escape_discord, one_line
from bot.discord.limits import CONTINUED, CONTINUED_FOOTER, discord_limit_violations
from bot.discord.render import (
    COLOURS,
    citation_numbers,
    footnote_label,
    render_discord,
    render_discord_quotes,
)
from briefings.cards import (
    Card,
    CardField,
    CardItem,
    CardKind,
    CardSection,
    ChartData,
    page_command,
)
from briefings.commands import default_commands
from briefings.footnotes import footnotes
from briefings.models import Citation
from tests.conftest import make_settings

MENTION_SEQUENCES = ("@everyone", "@here", "<@", "<#", "</", "<t:")
MARKER = re.compile(r"\[(\d+)\](?:–\[(\d+)\])?|\[\+(\d+) more\]")


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp = tmp_path_factory.mktemp("discord-render")
    opened = open_core(make_settings(f"sqlite:///{tmp / 'core.sqlite3'}", tmp))
    yield opened
    opened.close()


# --- reading payloads back ------------------------------------------------------------------


def embeds_of(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [embed for payload in payloads for embed in payload["embeds"]]


def description_lines(payloads: list[dict[str, Any]]) -> list[str]:
    return [
        line for embed in embeds_of(payloads) for line in embed.get("description", "").split("\n")
    ]


def item_lines(payloads: list[dict[str, Any]]) -> list[str]:
    return [line for line in description_lines(payloads) if line.startswith("- ")]


def source_lines(payloads: list[dict[str, Any]]) -> list[str]:
    return [
        line
        for embed in embeds_of(payloads)
        for field in embed.get("fields", [])
        if field["name"] in ("Sources", "Sources" + CONTINUED)
        for line in field["value"].split("\n")
    ]


def buttons(payloads: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        button["label"]: button
        for payload in payloads
        for row in payload["components"]
        for button in row["components"]
    }


def markers(line: str) -> set[int] | None:
    """The citation numbers a line's markers name (None when it counts some as "+N more")."""
    found: set[int] = set()
    for first, last, more in MARKER.findall(line):
        if more:
            return None
        found.update(range(int(first), int(last or first) + 1))
    return found


def quotes_by_number(payloads: list[dict[str, Any]]) -> dict[int, list[str]]:
    """Footnote number → the quoted sentences under it as shown, each sentence's continuation
    pieces joined back together (a sentence opens with "> • ", a continuation with "> …")."""
    sentences: dict[int, list[list[str]]] = {}
    current = 0
    for line in description_lines(payloads):
        header = re.match(r"\*\*\[(\d+)\]\*\* ", line)
        if header:
            current = int(header.group(1))
            sentences[current] = []
        elif line.startswith("> • "):
            sentences[current].append([line[4:]])
        elif line.startswith("> "):
            sentences[current][-1].append(line[2:])
    joined: dict[int, list[str]] = {}
    for number, found in sentences.items():
        joined[number] = []
        for parts in found:
            text = ""
            for index, part in enumerate(parts):
                if index:
                    assert part.startswith("…")
                    part = part[1:]
                if index < len(parts) - 1:
                    assert part.endswith("…")
                    part = part[:-1]
                text += part
            joined[number].append(text)
    return joined


def quoted_sentences(card: Card) -> dict[int, list[str]]:
    """What the quotes view must show: each footnote's cited sentences, escaped."""
    return {
        note.number: [shown(c.sentence) or "*no sentence stored*" for c in note.citations]
        for note in footnotes(card)
    }


def assert_sendable(payloads: list[dict[str, Any]]) -> None:
    assert payloads
    for payload in payloads:
        assert discord_limit_violations(payload) == []
        assert payload["allowed_mentions"] == {"parse": []}
    shown_text = json.dumps(  # button ids are state, never displayed
        [{**payload, "components": []} for payload in payloads], ensure_ascii=False
    )
    labels = [button["label"] for button in buttons(payloads).values()]
    for sequence in MENTION_SEQUENCES:
        assert sequence not in shown_text
        assert not any(sequence in label for label in labels)
    for payload in payloads[:-1]:
        assert payload["components"] == []


def shown(text: str) -> str:
    return escape_discord(one_line(text))


def assert_items_kept(card: Card, payloads: list[dict[str, Any]]) -> None:
    """One line per item, in order, with its text (or a visibly shortened prefix of it) and the
    markers of all its citations."""
    numbers = citation_numbers(card)
    items = [item for section in card.sections for item in section.items]
    lines = item_lines(payloads)
    assert len(lines) == len(items)
    for item, line in zip(items, lines, strict=True):
        text = shown(item.text)
        if text not in line:
            assert discord_length(line) > 3000 and discord_length(text) > 800, (text, line)
            assert text[:200] in line
            assert "…" in line
        if item.citations:
            named = markers(line)
            assert named is None or named == {numbers[c] for c in item.citations}, line
            assert MARKER.search(line), line


# --- real cards -----------------------------------------------------------------------------

LINES = [
    "/timeline",
    "/timeline page:2",
    "/actor Russia",
    "/source cnn",
    "/help",
    "/help timeline",
    "/actor Rusiaa",
]


@pytest.mark.parametrize("line", LINES)
def test_real_cards_fit_one_message_with_every_fact_cited(core: BotCore, line: str) -> None:
    card = core.ask(line)
    payloads = render_discord(card)
    assert_sendable(payloads)
    assert len(payloads) == 1
    assert_items_kept(card, payloads)
    embed = payloads[0]["embeds"][0]
    assert embed["title"] == shown(card.title)
    assert all(e["color"] == COLOURS[card.kind] for e in payloads[0]["embeds"])
    notes = footnotes(card)
    sources = source_lines(payloads)
    assert len(sources) == len(notes)
    for note, source in zip(notes, sources, strict=True):
        assert source.startswith(f"[{note.number}] {shown(note.source)} — ")
        assert re.match(r"\[\d+\] [^,]+, \d{1,2} [A-Z][a-z]{2} \d{4} — ", source)  # outlet, date
        assert shown(note.headline) in source
        assert " · article " not in source  # a reader's footnote, not a developer's
    for item in (item for section in card.sections for item in section.items):
        if item.citations:  # a fact line: its marker is on its line
            assert any(shown(item.text) in line and "[" in line for line in item_lines(payloads))


EXAMPLES = sorted({example for command in default_commands() for example in command.examples})


@pytest.mark.parametrize("line", EXAMPLES)
def test_every_documented_example_renders_within_limits(core: BotCore, line: str) -> None:
    """Whatever the command (new ones included), its card renders and its quotes view holds
    every cited sentence."""
    card = core.ask(line)
    payloads = render_discord(card, chart_attached=card.chart is not None)
    assert_sendable(payloads)
    assert_items_kept(card, payloads)
    assert len(source_lines(payloads)) == len(footnotes(card))
    quotes = render_discord_quotes(card)
    assert_sendable(quotes)
    assert quotes_by_number(quotes) == quoted_sentences(card)


@pytest.mark.parametrize(
    "line", ["/timeline", "/timeline period:all page:2", "/actor Armenia", "/source cnn"]
)
def test_buttons_decode_to_the_neighbouring_pages_and_the_quotes(core: BotCore, line: str) -> None:
    card = core.ask(line)
    assert card.pages > 1 and card.citations
    found = buttons(render_discord(card))
    previous, following, sources = found["◀ Previous"], found["Next ▶"], found["Sources"]
    assert previous["disabled"] is (card.page == 1)
    assert following["disabled"] is (card.page == card.pages)
    next_state = decode_action(following["custom_id"])
    assert next_state is not None and next_state.kind == ActionKind.PAGE
    assert next_state.line == page_command(card.command, card.page + 1)
    following_card = core.ask(next_state.line)
    assert following_card.page == card.page + 1
    assert following_card.title == card.title
    if card.page > 1:
        previous_state = decode_action(previous["custom_id"])
        assert previous_state is not None
        assert previous_state.line == page_command(card.command, card.page - 1)
        assert core.ask(previous_state.line).page == card.page - 1
    quotes_state = decode_action(sources["custom_id"])
    assert quotes_state is not None and quotes_state.kind == ActionKind.QUOTES
    assert quotes_state.page == card.page
    assert core.ask(quotes_state.line).citations == card.citations


def test_a_page_button_renders_the_same_as_asking_for_that_page(core: BotCore) -> None:
    first = render_discord(core.ask("/timeline"))
    state = decode_action(buttons(first)["Next ▶"]["custom_id"])
    assert state is not None
    assert render_discord(core.ask(state.line)) == render_discord(core.ask("/timeline page:2"))


def test_the_last_page_disables_next(core: BotCore) -> None:
    card = core.ask("/timeline page:999")
    assert card.page == card.pages > 1
    found = buttons(render_discord(card))
    assert found["Next ▶"]["disabled"] is True
    assert found["◀ Previous"]["disabled"] is False
    assert len({b["custom_id"] for b in found.values()}) == len(found)


@pytest.mark.parametrize("line", ["/timeline", "/timeline page:2", "/actor Russia", "/source cnn"])
def test_quotes_view_shows_every_cited_sentence(core: BotCore, line: str) -> None:
    card = core.ask(line)
    payloads = render_discord_quotes(card)
    assert_sendable(payloads)
    assert all(payload["components"] == [] for payload in payloads)
    assert quotes_by_number(payloads) == quoted_sentences(card)
    headers = [line for line in description_lines(payloads) if line.startswith("**[")]
    for note, header in zip(footnotes(card), headers, strict=True):  # the card's own header
        assert header == f"**[{note.number}]** {footnote_label(note)}"


def test_error_card_is_short_and_red(core: BotCore) -> None:
    card = core.ask("/actor Rusiaa")
    assert card.kind == CardKind.ERROR
    (payload,) = render_discord(card)
    (embed,) = payload["embeds"]
    assert embed["color"] == COLOURS[CardKind.ERROR]
    assert shown(card.lead or "") in embed["description"]
    assert "Russia" in embed["description"]
    assert embed["description"].count("Did you mean") == 1  # already in the message
    assert payload["components"] == []


def test_suggestions_not_in_the_message_are_listed() -> None:
    card = Card(kind=CardKind.ERROR, title="Sorry", lead="No such command.", suggestions=["/help"])
    (payload,) = render_discord(card)
    assert "Did you mean: /help?" in payload["embeds"][0]["description"]


def test_help_cards_have_no_buttons(core: BotCore) -> None:
    for line in ("/help", "/help timeline"):
        (payload,) = render_discord(core.ask(line))
        assert payload["components"] == []
        assert payload["embeds"][0]["color"] == COLOURS[CardKind.HELP]


# --- built cards: chart, fallbacks, overflow ------------------------------------------------


def citation(index: int, sentence: str = "A sentence.", outlet: str = "CNN") -> Citation:
    return Citation(
        article_id=f"a{index:03d}",
        outlet=outlet,
        sentence_index=index,
        start=0,
        end=1,
        sentence=sentence,
    )


def test_chart_is_shown_only_when_attached() -> None:
    card = Card(title="Timeline", chart=ChartData(title="Per month", filename="timeline.png"))
    assert "image" not in render_discord(card)[0]["embeds"][0]
    attached = render_discord(card, chart_attached=True)
    assert attached[0]["embeds"][0]["image"] == {"url": "attachment://timeline.png"}
    assert "image" not in render_discord(Card(title="x"), chart_attached=True)[0]["embeds"][0]


def test_a_command_too_long_for_a_button_id_shows_the_page_commands() -> None:
    command = "/timeline actor:" + "x" * 120
    card = Card(
        title="Timeline",
        command=command,
        page=2,
        pages=3,
        footer="9 entries",
        sections=[CardSection(title="Events", items=[CardItem(text="t", citations=[citation(1)])])],
    )
    (payload,) = render_discord(card)
    assert_sendable([payload])
    assert payload["components"] == []
    footer = payload["embeds"][-1]["footer"]["text"]
    assert footer.startswith("9 entries · page 2 of 3")
    assert f"Next page: {page_command(command, 3)}" in footer
    assert f"Previous page: {page_command(command, 1)}" in footer


def test_a_page_command_too_long_for_the_footer_moves_into_the_card() -> None:
    command = "/timeline actor:" + "y" * 3000
    card = Card(title="Timeline", command=command, page=1, pages=2)
    payloads = render_discord(card)
    assert_sendable(payloads)
    text = "\n".join(description_lines(payloads))
    assert "Next page: /timeline actor:yyyy" in text
    assert "Previous page" not in text  # the first page has none


def test_a_page_too_big_for_one_message_continues_in_order() -> None:
    items = [
        CardItem(text=f"Item {n:03d} " + "word " * 55, date="2023-09-19", citations=[citation(n)])
        for n in range(60)
    ]
    fields = [CardField(name=f"Field {n}", value="value " * 40) for n in range(30)]
    card = Card(
        title="Timeline",
        lead="Many entries.",
        fields=fields,
        sections=[CardSection(title="Events", items=items)],
        footer="60 entries · page 1 of 4",
        command="/timeline",
        page=1,
        pages=4,
        chart=ChartData(title="Per month"),
    )
    payloads = render_discord(card, chart_attached=True)
    assert len(payloads) > 3
    assert_sendable(payloads)
    assert_items_kept(card, payloads)
    assert payloads[0]["embeds"][0]["title"] == "Timeline"
    for payload in payloads[1:]:
        assert payload["embeds"][0]["title"] == "Timeline" + CONTINUED
    for payload in payloads[:-1]:
        assert payload["embeds"][-1]["footer"]["text"] == CONTINUED_FOOTER
    assert payloads[-1]["embeds"][-1]["footer"]["text"] == "60 entries · page 1 of 4"
    assert set(buttons(payloads)) == {"◀ Previous", "Next ▶", "Sources"}
    assert "image" in payloads[0]["embeds"][0]
    names = [f["name"] for e in embeds_of(payloads) for f in e.get("fields", [])]
    assert names[:30] == [shown(f.name) for f in fields]
    assert len(source_lines(payloads)) == 60


def test_single_overlong_texts_are_shortened_visibly() -> None:
    huge = "Sentence " + "x" * 50_000
    card = Card(
        title="T" * 10_000,
        lead="L" * 9_000,
        fields=[CardField(name="N" * 300, value="V" * 2000)],
        sections=[
            CardSection(
                title="Events",
                items=[CardItem(text=huge, detail="D" * 900, citations=[citation(1, huge)])],
            )
        ],
        footer="F" * 3000,
        command="/timeline",
        pages=2,
    )
    payloads = render_discord(card)
    assert_sendable(payloads)
    first = payloads[0]["embeds"][0]
    assert first["title"].endswith("…") and len(first["title"]) == 256
    (field, *_) = [f for e in embeds_of(payloads) for f in e.get("fields", [])]
    assert field["name"].endswith("…") and field["value"].endswith("…")
    assert first["description"].startswith("LLLL") and first["description"].endswith("…")
    (line,) = item_lines(payloads)
    assert line.startswith("- Sentence xxx") and "…" in line and line.endswith("[1]")
    footer = payloads[-1]["embeds"][-1]["footer"]["text"]
    assert footer.endswith("… · page 1 of 2")
    quotes = render_discord_quotes(card)
    assert_sendable(quotes)
    assert quotes_by_number(quotes)[1] == [shown(huge)]  # the quotes view keeps it whole
    assert len(quotes) > 1


def test_texts_of_control_characters_and_blanks_never_leave_an_empty_element() -> None:
    junk = "\r\x08\x00 \u202e\t" * 300
    card = Card(
        title=junk,
        lead=junk,
        fields=[CardField(name=junk, value=junk)],
        sections=[
            CardSection(
                title=junk,
                items=[
                    CardItem(text=junk, date=junk, detail=junk, citations=[citation(1, junk, junk)])
                ],
                empty_text=junk,
            ),
            CardSection(title=junk, empty_text=junk),
        ],
        footer=junk,
        suggestions=[junk],
    )
    for payloads in (render_discord(card), render_discord_quotes(card)):
        assert_sendable(payloads)
    (line,) = item_lines(render_discord(card))
    assert line == "- [1]"


def test_injected_markdown_and_mentions_render_inert() -> None:
    hostile = "@everyone **bold** <@&123> [click](http://x) ||spoiler||"
    card = Card(
        title=hostile,
        lead=hostile,
        fields=[CardField(name=hostile, value=hostile)],
        sections=[
            CardSection(
                title=hostile,
                items=[
                    CardItem(
                        text=hostile,
                        date=hostile,
                        detail=hostile,
                        citations=[citation(1, hostile, outlet=hostile)],
                    )
                ],
            )
        ],
        footer=hostile,
        suggestions=[hostile],
        command="/timeline",
    )
    for payloads in (render_discord(card), render_discord_quotes(card)):
        assert_sendable(payloads)
        rendered = [  # what Discord formats as markdown (footers are shown literally)
            text
            for embed in embeds_of(payloads)
            for text in (
                embed.get("title", ""),
                embed.get("description", ""),
                *(f["name"] + f["value"] for f in embed.get("fields", [])),
            )
        ]
        for text in rendered:
            assert "**bold**" not in text
            assert "[click](" not in text
            assert "||spoiler||" not in text
        assert any(f"@{ZWSP}everyone \\*\\*bold\\*\\*" in text for text in rendered)
    (line,) = item_lines(render_discord(card))
    assert line.startswith(f"- **{shown(hostile)}** {shown(hostile)} — ")


# --- random and hostile cards ---------------------------------------------------------------

FRAGMENTS = [
    "@everyone",
    "@here",
    "<@123>",
    "<@!1>",
    "<@&2>",
    "<#3>",
    "</cmd:1>",
    "<t:1:R>",
    "**",
    "__",
    "~~",
    "||",
    "`",
    "```",
    "[x](http://x)",
    "# ",
    "> ",
    "- ",
    "1. ",
    "\\",
    "\n",
    "\x00",
    "\u202e",
    "😀",
    " ",
    "page:3",
    "…",
]
SMALL = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
)
HUGE = st.builds(lambda text, times: text * times, SMALL, st.integers(50, 2000))
TEXT = st.one_of(SMALL, SMALL, SMALL, SMALL, SMALL, HUGE)
OPTIONAL = st.none() | TEXT


def many(strategy: st.SearchStrategy[Any], *, most: int, repeat: int) -> st.SearchStrategy[Any]:
    """Short lists, or a few elements repeated up to `repeat` times (thousands, cheaply)."""
    return st.one_of(
        st.lists(strategy, max_size=most),
        st.builds(
            lambda xs, n: xs * n, st.lists(strategy, min_size=1, max_size=3), st.integers(1, repeat)
        ),
    )


URL = st.one_of(
    st.none(),
    st.builds(lambda path: "https://example.com/" + path, SMALL),
    st.builds(lambda n: "https://example.com/" + "p" * n, st.integers(300, 2000)),
    st.sampled_from(["javascript:alert(1)", "http://user:pw@x.com/a", "https://x.com/a)b[c]|d"]),
    SMALL,
)
CITATION = st.builds(
    Citation,
    article_id=SMALL,
    outlet=TEXT,
    sentence_index=st.integers(-1, 10**6),
    start=st.just(0),
    end=st.just(1),
    sentence=TEXT,
    caption=st.booleans(),
    title=OPTIONAL,
    published=st.none() | st.dates(),
    url=URL,
)
DISTINCT_CITATIONS = st.builds(
    lambda c, n: [c.model_copy(update={"sentence_index": i}) for i in range(n)],
    st.builds(
        Citation,
        article_id=SMALL,
        outlet=SMALL,
        sentence_index=st.just(0),
        start=st.just(0),
        end=st.just(1),
        sentence=SMALL,
    ),
    st.integers(0, 400),
)
ITEM = st.builds(
    CardItem,
    text=TEXT,
    date=OPTIONAL,
    detail=OPTIONAL,
    citations=st.one_of(st.lists(CITATION, max_size=4), DISTINCT_CITATIONS),
)
SMALL_ITEM = st.builds(
    CardItem, text=SMALL, date=st.none() | SMALL, citations=st.lists(CITATION, max_size=2)
)
SECTION = st.builds(
    CardSection,
    title=TEXT,
    items=st.one_of(
        st.lists(ITEM, max_size=4),
        st.lists(ITEM, max_size=4),
        st.lists(ITEM, max_size=4),
        many(SMALL_ITEM, most=8, repeat=700),  # up to 2100 items
    ),
    empty_text=OPTIONAL,
)
COMMAND = st.one_of(
    st.just("/timeline"),
    SMALL.map(lambda s: "/" + s),
    st.builds(lambda n: "/timeline actor:" + "x" * n, st.integers(0, 5000)),
)
CARD = st.builds(
    Card,
    kind=st.sampled_from(CardKind),
    title=TEXT,
    lead=OPTIONAL,
    fields=many(st.builds(CardField, name=TEXT, value=TEXT), most=5, repeat=30),
    sections=st.lists(SECTION, max_size=3),
    footer=OPTIONAL,
    command=COMMAND,
    page=st.integers(1, 10_000),
    pages=st.integers(1, 10_000),
    suggestions=st.lists(TEXT, max_size=4),
    chart=st.none() | st.builds(ChartData, title=SMALL),
)
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(CARD, st.booleans())
def test_any_card_renders_within_limits_losing_nothing(card: Card, chart: bool) -> None:
    payloads = render_discord(card, chart_attached=chart)
    assert_sendable(payloads)
    assert_items_kept(card, payloads)
    assert len(source_lines(payloads)) == len(footnotes(card))
    for button in buttons(payloads).values():
        state = decode_action(button["custom_id"])
        assert state is not None and state.page >= 1
    if 1 <= card.page < card.pages:
        next_button = buttons(payloads).get("Next ▶")
        footer = payloads[-1]["embeds"][-1].get("footer", {}).get("text", "")
        assert next_button is not None or "Next page: " in footer + "\n".join(
            description_lines(payloads)
        )

    quotes = render_discord_quotes(card)
    assert_sendable(quotes)
    assert quotes_by_number(quotes) == quoted_sentences(card)


# --- footnotes: articles by title, date and link --------------------------------------------

HOSTILE_TITLE = "@everyone **bold** [x](http://evil) <@123> ||spoiler|| `code`"


def linked(index: int, url: str | None, title: str | None = "Ceasefire holds") -> Citation:
    return Citation(
        article_id=f"art{index}",
        outlet="CNN",
        sentence_index=index,
        start=0,
        end=1,
        sentence=f"Sentence {index}.",
        title=title,
        published=date(2023, 9, 21),
        url=url,
    )


def one_line_card(*citations: Citation) -> Card:
    item = CardItem(text="A fact.", citations=list(citations))
    return Card(
        title="Timeline", command="/timeline", sections=[CardSection(title="E", items=[item])]
    )


def test_a_footnote_names_outlet_date_and_headline_and_links_the_headline() -> None:
    card = one_line_card(linked(1, "https://example.com/world/a?b=1&c=2"), linked(2, None))
    assert source_lines(render_discord(card)) == [
        '[1] CNN, 21 Sep 2023 — ["Ceasefire holds" ↗](https://example.com/world/a?b=1&c=2)',
        '[2] CNN, 21 Sep 2023 — "Ceasefire holds"',
    ]
    untitled = one_line_card(linked(3, None, title=None))
    (line,) = source_lines(render_discord(untitled))
    assert line == "[1] CNN, 21 Sep 2023 — untitled article art3"


def test_sentences_of_one_article_share_its_footnote() -> None:
    first, second = linked(1, None), linked(1, None).model_copy(update={"sentence_index": 9})
    card = one_line_card(first, second, linked(2, None))
    (line,) = item_lines(render_discord(card))
    assert line.endswith("[1][2]")
    assert quotes_by_number(render_discord_quotes(card)) == {
        1: ["Sentence 1.", "Sentence 1."],
        2: ["Sentence 2."],
    }


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://x.com/a)b](c)", "https://x.com/a%29b%5D%28c%29"),
        ("https://x.com/@everyone <@123>", "https://x.com/%40everyone%20%3C%40123%3E"),
        ("https://x.com/||spoiler||", "https://x.com/%7C%7Cspoiler%7C%7C"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("javascript:alert(1)", None),
        ("ftp://x.com/a", None),
        ("https://user:pw@x.com/", None),
        ("https://x.com/a?token=secret", None),
        ("https://x.com/\u202egnp.exe", None),
        ("https://x.com/" + "y" * 2000, None),
    ],
)
def test_hostile_urls_and_titles_never_break_out_of_the_footnote(
    url: str, target: str | None
) -> None:
    card = one_line_card(linked(1, url, title=HOSTILE_TITLE))
    for payloads in (render_discord(card), render_discord_quotes(card)):
        assert_sendable(payloads)
        shown_text = json.dumps([p["embeds"] for p in payloads], ensure_ascii=False)
        assert "**bold**" not in shown_text and "[x](" not in shown_text
        links = re.findall(r"(?<!\\)\]\(([^)]*)\)", shown_text)
        assert links == ([target] if target else []), links
    (line,) = source_lines(render_discord(card))
    assert line.startswith(f'[1] CNN, 21 Sep 2023 — {"[" if target else ""}"@{ZWSP}everyone')


def test_the_timeline_offers_its_background_as_a_button(core: BotCore) -> None:
    card = core.ask("/timeline")
    found = buttons(render_discord(card))
    (label,) = [name for name in found if name.startswith("Background")]
    state = decode_action(found[label]["custom_id"])
    assert state is not None and state.kind == ActionKind.PAGE and state.page == 1
    assert state.line == "/timeline period:background page:1"
    background = core.ask(state.line)
    assert background.sections[0].title.startswith("Background")
    back = buttons(render_discord(background))
    (recent,) = [name for name in back if name.startswith("Last ")]
    state = decode_action(back[recent]["custom_id"])
    assert state is not None and core.ask(state.line).sections == card.sections
