"""Commands on the seeded core, on SQLite and PostgreSQL: the answers a user sees."""

from __future__ import annotations

from bot.app import BotCore
from briefings.cards import Card, CardKind


def entries(card: Card) -> list[tuple[str | None, str]]:
    return [(item.date, item.detail or "") for section in card.sections for item in section.items]


def all_pages(core: BotCore, line: str) -> list[Card]:
    first = core.ask(line)
    return [first] + [core.ask(f"{line} page:{n}") for n in range(2, first.pages + 1)]


def test_timeline_places_2022_clashes_and_2023_offensive(seeded_core: BotCore) -> None:
    cards = all_pages(seeded_core, "/timeline period:all")
    items = [item for card in cards for section in card.sections for item in section.items]
    assert all(item.citations for item in items), "every timeline line is cited"
    clashes_2022 = [i for i in items if (i.date or "").startswith("2022-09")]
    assert clashes_2022, "the September 2022 border clashes are dated in 2022"
    assert all(c.outlet == "NBC News" for i in clashes_2022 for c in i.citations)
    offensive = [
        i for i in items if i.date == "2023-09-19" and (i.detail or "").startswith("offensive")
    ]
    assert len(offensive) == 1, "one merged entry for the offensive"
    outlets = {c.outlet for c in offensive[0].citations}
    assert {"CNN", "Newsweek", "Unattributed"} <= outlets
    dates = [i.date for i in items]
    starts = [d.split("/")[0].replace("X", "0") for d in dates if d]
    assert starts == sorted(starts), "chronological"


def test_source_cnn_cites_only_cnn(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/source cnn")
    assert card.kind == CardKind.ANSWER
    assert card.title == "CNN"
    assert card.citations and {c.outlet for c in card.citations} == {"CNN"}


def test_source_by_wire_agency(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/source ap")
    assert card.kind == CardKind.ANSWER, card.lead
    assert card.citations


def test_actor_metonym_answers_for_the_state(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/actor Moscow")
    assert card.title == "Russia"
    assert any(f.name == "Covered by" for f in card.fields)
    assert card.citations


def test_actor_misspelling_resolves(seeded_core: BotCore) -> None:
    assert seeded_core.ask("/actor Rusia").title == "Russia"


def test_unknown_actor_gets_suggestions(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/actor Erdogen")
    assert card.kind == CardKind.ERROR
    assert card.suggestions == ["Recep Tayyip Erdogan"]
    assert "Did you mean" in (card.lead or "")
    assert seeded_core.ask("/actor Armenai").suggestions[0] == "Armenia"
    nothing_like = seeded_core.ask("/actor Qqqqzzzz")
    assert nothing_like.kind == CardKind.ERROR and nothing_like.suggestions


def test_person_with_affiliation(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/actor Pashinyan")
    assert card.title == "Nikol Pashinyan"
    role = next(f.value for f in card.fields if f.name == "Role")
    assert "Armenia" in role


def test_paging_is_stable_and_clamped(seeded_core: BotCore) -> None:
    first = seeded_core.ask("/timeline")
    assert first.pages >= 2
    second = seeded_core.ask("/timeline page:2")
    assert entries(first) != entries(second)
    beyond = seeded_core.ask("/timeline page:9999")
    assert beyond.page == first.pages


def test_timeline_filters(seeded_core: BotCore) -> None:
    only_2022 = all_pages(seeded_core, "/timeline from:2022 to:2022")
    dates = [i.date for c in only_2022 for s in c.sections for i in s.items]
    assert dates and all(d and d.startswith("2022") for d in dates)
    ceasefires = seeded_core.ask("/timeline kind:ceasefire")
    assert all("ceasefire" in (d or "") for _, d in entries(ceasefires))
    assert seeded_core.ask("/timeline kind:picnic").kind == CardKind.ERROR
    assert seeded_core.ask("/timeline from:2024 to:2023").kind == CardKind.ERROR
    by_source = all_pages(seeded_core, "/timeline source:newsweek")
    assert {c.outlet for card in by_source for c in card.citations} == {"Newsweek"}


def test_help(seeded_core: BotCore) -> None:
    overview = seeded_core.ask("/help")
    names = " ".join(i.text for s in overview.sections for i in s.items)
    for name in ("/timeline", "/actor", "/source", "/help"):
        assert name in names
    detail = seeded_core.ask("/help timeline")
    assert detail.title == "/timeline"
    assert seeded_core.ask("/help nosuch").kind == CardKind.ERROR
