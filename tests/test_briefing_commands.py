"""/brief, /claims, /figures, /search, /sources on the seeded core (SQLite and PostgreSQL),
and on a small corpus of our own where the seeds cannot show a behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import BotCore, open_core
from briefings.cards import Card, CardKind
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings


def items(card: Card) -> list[str]:
    return [item.text for section in card.sections for item in section.items]


def fact_items(card: Card, *titles: str) -> list[str]:
    return [i.text for s in card.sections if s.title in titles for i in s.items]


def test_every_fact_line_of_every_new_command_is_cited(seeded_core: BotCore) -> None:
    for line in ("/brief", "/brief Armenia", "/claims", "/figures", "/search corridor"):
        card = seeded_core.ask(line)
        assert card.kind == CardKind.ANSWER, (line, card.lead)
        for section in card.sections:
            for item in section.items:
                assert item.citations, (line, item.text)


def test_brief_gives_latest_developments_newest_first(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/brief")
    latest = next(s for s in card.sections if s.title == "Latest developments")
    starts = [item.date.split("/")[0] for item in latest.items if item.date]
    assert starts and starts == sorted(starts, reverse=True)
    assert starts[0].startswith("2023-09"), "the 2023 offensive is the latest news"
    names = {f.name: f.value for f in card.fields}
    assert "4 articles from 4 outlets" in names["Coverage"]
    assert "Armenia" in names["Key actors"] and "Azerbaijan" in names["Key actors"]


def test_brief_topic_by_actor_alias_kind_and_words(seeded_core: BotCore) -> None:
    assert seeded_core.ask("/brief Moscow").title == "Briefing — Russia"
    assert seeded_core.ask("/brief Rusia").title == "Briefing — Russia"
    ceasefire = seeded_core.ask("/brief ceasefire")
    latest = next(s for s in ceasefire.sections if s.title == "Latest developments")
    assert latest.items and all((i.detail or "").startswith("ceasefire") for i in latest.items)
    corridor = seeded_core.ask("/brief Lachin corridor")
    assert all("Lachin corridor" in i.citations[0].sentence for i in corridor.sections[0].items)


def test_brief_unknown_topic_suggests(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/brief zzqx")
    assert card.kind == CardKind.ERROR
    assert card.suggestions


def test_claims_groups_by_speaker_and_finds_the_denial(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/claims Armenia")
    assert card.sections[0].title == "Contradictions"
    contradiction = card.sections[0].items
    assert contradiction[0].text.startswith("Armenia rejected claims that")
    assert any(item.text.startswith("↔ Azerbaijan claimed") for item in contradiction[1:])
    speakers = [s.title for s in card.sections[1:]]
    assert len(speakers) == len(set(speakers)), "one section per speaker on a page"


def test_claims_pages_cover_every_claim_once(seeded_core: BotCore) -> None:
    first = seeded_core.ask("/claims")
    total = int((first.lead or "").split()[0])
    seen = []
    for page in range(1, first.pages + 1):
        card = seeded_core.ask(f"/claims page:{page}")
        seen += fact_items(card, *[s.title for s in card.sections if s.title != "Contradictions"])
    assert len(seen) == total


def test_claims_unknown_topic_is_a_clear_error(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/claims qwertyuiop")
    assert card.kind == CardKind.ERROR
    assert "qwertyuiop" in (card.lead or "")


def test_figures_never_sum_and_show_agreeing_sources_together(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/figures peacekeepers")
    assert card.title == "Figures — peacekeepers"
    (line,) = items(card)
    assert "some 2,000 (per Newsweek, 2023-09-21)" in line and "4,000" not in line
    assert "some 2,000 (per CNN, 2023-09-21)" in line
    assert "sources differ" not in line


def test_figures_unit_did_you_mean_and_vague_amounts(seeded_core: BotCore) -> None:
    wrong = seeded_core.ask("/figures kiled")
    assert wrong.kind == CardKind.ERROR and "killed" in wrong.suggestions
    killed = items(seeded_core.ask("/figures killed"))
    assert any(line.startswith("killed: dozens (per CNN)") for line in killed)
    assert not any("dozens of 24" in line for line in killed)


def test_search_pages_in_sql_and_cites_sentences(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/search Lachin corridor")
    assert (card.lead or "").startswith("4 sentence(s)")
    for item in card.sections[0].items:
        assert "lachin corridor" in item.citations[0].sentence.lower()
    beyond = seeded_core.ask("/search Azerbaijan page:999")
    assert beyond.page == beyond.pages and items(beyond)


@pytest.mark.parametrize("text", ["%", "_", "' OR 1=1 --", "100%", "\\"])
def test_search_text_is_never_a_pattern_or_sql(seeded_core: BotCore, text: str) -> None:
    card = seeded_core.ask(f'/search "{text}"')
    assert card.kind in {CardKind.ANSWER, CardKind.ERROR}
    if card.kind == CardKind.ANSWER:
        assert card.lead and card.lead.startswith("No stored sentence"), card.lead


def test_sources_lists_every_outlet_with_counts(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/sources")
    lines = items(card)
    assert [line.split(":")[0] for line in lines] == ["CNN", "NBC News", "Newsweek", "Unattributed"]
    assert all("1 article(s)" in line for line in lines)


def test_timeline_card_carries_chart_data_not_pixels(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/timeline from:2023")
    assert card.chart is not None
    assert sum(b.count for b in card.chart.buckets) == int((card.lead or "").split()[0])
    assert card.chart.alt_text


OWN_ARTICLE_A = """Riverton Herald

PORT ALDER, March 3, 2025 — The Coastal Authority denied on Monday that its dredging
vessels had damaged the harbour wall. Harbour workers said the dredging vessels had damaged
the harbour wall during Sunday's storm. At least 40 families were evacuated, officials said.
"""

OWN_ARTICLE_B = """Valley Tribune

PORT ALDER, March 4, 2025 — About 120 families were evacuated after the harbour wall gave
way, the mayor's office said on Tuesday. Engineers said repairs would take months.
"""


@pytest.fixture(scope="module")
def own_core(tmp_path_factory: pytest.TempPathFactory) -> BotCore:
    tmp = tmp_path_factory.mktemp("own")
    core = open_core(make_settings(f"sqlite:///{tmp / 'own.sqlite3'}", tmp), seed=False)
    for text, outlet in ((OWN_ARTICLE_A, "Riverton Herald"), (OWN_ARTICLE_B, "Valley Tribune")):
        ingest_text(core.db, text, ArticleMeta(outlet=outlet))
    return core


def test_contradiction_on_unseen_text(own_core: BotCore) -> None:
    card = own_core.ask("/claims")
    assert card.sections[0].title == "Contradictions", [s.title for s in card.sections]
    denial, *others = card.sections[0].items
    assert "Coastal Authority denied" in denial.text or "Coastal Authority rejected" in denial.text
    assert any("dredging" in item.text for item in others)


def test_rival_counts_from_two_outlets_side_by_side(own_core: BotCore) -> None:
    lines = items(own_core.ask("/figures"))
    rival = [line for line in lines if "40" in line and "120" in line]
    assert rival and "sources differ" in rival[0], lines
    assert "160" not in rival[0]


def test_sources_and_search_on_unseen_text(own_core: BotCore, tmp_path: Path) -> None:
    assert [i.split(":")[0] for i in items(own_core.ask("/sources"))] == [
        "Riverton Herald",
        "Valley Tribune",
    ]
    found = own_core.ask("/search harbour wall")
    assert {c.outlet for c in found.citations} == {"Riverton Herald", "Valley Tribune"}
