"""/timeline opens on the story's recent weeks, newest first, with the background one step
away; /brief's latest developments are news, never history. On the seeds: the offensive of
September 2023 is the news, the 1923–2022 history it recalls is the background."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.app import BotCore
from briefings.cards import Card, CardItem
from briefings.commands.registry import CommandContext
from briefings.queries.recent import recent_window
from briefings.queries.timeline import TimelineFilter
from tests.conftest import make_settings

WINDOW_START = date(2023, 9, 8)  # 14 days ending on the newest entry, 2023-09-21


def items(card: Card) -> list[CardItem]:
    return [item for section in card.sections for item in section.items]


def every_page(core: BotCore, line: str) -> list[CardItem]:
    first = core.ask(line)
    found = items(first)
    for page in range(2, first.pages + 1):
        found += items(core.ask(f"{line} page:{page}"))
    return found


def start(item: CardItem) -> date:
    """An item's EDTF date (`2023-09-19`, `2023-09`, `199X`, a range) as its first day."""
    text = (item.date or "").split("/")[0].replace("X", "0")
    parts = [int(part) for part in text.split("-")]
    return date(parts[0], *[*parts[1:], 1, 1][:2])


def key(item: CardItem) -> tuple[str | None, str]:
    return (item.date, item.text)


def test_the_first_page_holds_the_latest_weeks_newest_first(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/timeline")
    shown = items(card)
    assert len(shown) == seeded_core.settings.page_size
    assert all(start(item) >= WINDOW_START for item in shown)
    assert all((item.date or "").startswith("2023-09") for item in shown)
    starts = [start(item) for item in shown]
    assert starts == sorted(starts, reverse=True), "newest first"
    background = every_page(seeded_core, "/timeline period:background")
    assert card.lead is not None
    assert " in the last 14 days (8–21 Sep 2023) from " in card.lead
    assert card.lead.endswith(f"newest first · {len(background)} earlier.")
    (link,) = card.links
    assert link.command == "/timeline period:background"
    assert link.label == f"Background ({len(background)} earlier)"


def test_the_periods_split_the_whole_timeline(seeded_core: BotCore) -> None:
    recent = every_page(seeded_core, "/timeline")
    background = every_page(seeded_core, "/timeline period:background")
    everything = every_page(seeded_core, "/timeline period:all")
    assert recent and background
    assert sorted(map(key, recent + background)) == sorted(map(key, everything))
    assert all(start(item) >= WINDOW_START for item in recent)
    assert all(start(item) < WINDOW_START for item in background)
    starts = [start(item) for item in background]
    assert starts == sorted(starts), "the background reads oldest first"
    assert start(background[0]).year == 1923


def test_the_background_card_counts_the_recent_weeks_and_links_back(
    seeded_core: BotCore,
) -> None:
    recent = every_page(seeded_core, "/timeline")
    card = seeded_core.ask("/timeline period:background")
    assert card.lead is not None and card.lead.endswith(f"· {len(recent)} in the last 14 days.")
    assert card.lead.startswith("22 earlier entries, before 8 Sep 2023, oldest first")
    (link,) = card.links
    assert link.command == "/timeline period:recent"
    assert items(seeded_core.ask(link.command)) == items(seeded_core.ask("/timeline"))


def test_the_chart_tells_the_recent_days_apart_and_compresses_the_background(
    seeded_core: BotCore,
) -> None:
    chart = seeded_core.ask("/timeline").chart
    assert chart is not None
    labels = [bucket.label for bucket in chart.buckets]
    assert labels[0] == "2023-09-08" and labels[-1] == "2023-09-21" and len(labels) == 14
    assert max(bucket.count for bucket in chart.buckets) < 10  # no single bar swallows them
    decades = [bucket.label for bucket in chart.background]
    assert decades[0] == "1920s" and decades[-1] == "2020s"
    total = sum(b.count for b in chart.buckets) + sum(b.count for b in chart.background)
    assert total == len(every_page(seeded_core, "/timeline period:all"))
    assert chart == seeded_core.ask("/timeline period:background").chart  # one story, one chart


def test_filters_keep_their_period_and_their_own_recent_weeks(seeded_core: BotCore) -> None:
    card = seeded_core.ask("/timeline actor:Russia")
    assert card.lead is not None and "(actor Russia) in the last 14 days" in card.lead
    (link,) = card.links
    assert link.command == "/timeline actor:Russia period:background"
    with seeded_core.db.session() as session:
        window = recent_window(session, TimelineFilter(actor="Russia"))
    assert window is not None
    newest = max(start(item) for item in every_page(seeded_core, "/timeline actor:Russia"))
    assert window.end == newest
    background = every_page(seeded_core, link.command)
    assert background and all(start(item) < window.start for item in background)


def test_a_window_reads_oldest_first_and_period_all_may_join_it(seeded_core: BotCore) -> None:
    window = items(seeded_core.ask("/timeline from:2023-09"))
    assert window == items(seeded_core.ask("/timeline from:2023-09 period:all"))
    starts = [start(item) for item in window]
    assert starts == sorted(starts)


def test_the_recent_period_follows_the_data_not_the_clock(seeded_core: BotCore) -> None:
    """The seeds are from 2023: read in any year, their news is still September 2023."""
    line = "/timeline"
    today = seeded_core.ask(line)
    for clock in (date(2023, 9, 22), date(2031, 1, 1)):
        context = replace(seeded_core.context(), today=clock)
        later = seeded_core.commands.run(line, context)
        assert later.lead == today.lead and items(later) == items(today)


def test_the_length_of_the_recent_period_is_a_setting(seeded_core: BotCore) -> None:
    settings = make_settings(
        seeded_core.settings.resolved_database_url,
        seeded_core.settings.data_dir,
        BRIEFBOT_RECENT_DAYS=3,
    )
    short = BotCore(settings=settings, db=seeded_core.db, commands=seeded_core.commands)
    card = short.ask("/timeline")
    assert card.lead is not None and " in the last 3 days (19–21 Sep 2023) " in card.lead
    assert all(start(item) >= date(2023, 9, 19) for item in every_page(short, "/timeline"))


def test_brief_keeps_the_background_out_of_the_latest_developments(
    seeded_core: BotCore,
) -> None:
    for topic, since in (("", WINDOW_START), (" ceasefire", date(2023, 9, 7))):
        card = seeded_core.ask("/brief" + topic)
        latest = card.sections[0]
        assert latest.title == "Latest developments" and latest.items
        assert all(start(item) >= since for item in latest.items), topic
    # The ceasefire has a history (2020, 2022): the brief leaves it to the timeline.
    history = every_page(seeded_core, "/timeline kind:ceasefire period:background")
    assert any(start(item).year in (2020, 2022) for item in history)


def test_bad_periods_get_a_short_answer(seeded_core: BotCore) -> None:
    for line, says in (
        ("/timeline period:yesterday", "unknown period “yesterday”; use recent, background"),
        ("/timeline period:background to:2023", "give one of them"),
    ):
        card = seeded_core.ask(line)
        assert card.kind == "error" and card.lead is not None and says in card.lead


def test_the_context_default_matches_the_setting_default() -> None:
    assert CommandContext.__dataclass_fields__["recent_days"].default == 14
