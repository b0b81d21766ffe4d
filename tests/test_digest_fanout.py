"""Digest fan-out: channels asking for the same digest (same story, filters and covered
period) share one build, and each still gets its own card (its name, its story, its zone)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import BotCore, open_core
from bot.digests.run_due import run_due
from briefings.digests.card import DigestBuilder
from briefings.digests.subscriptions import Subscription, subscribe
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from briefings.stories.store import StoryChange, bind_channel, create_story
from tests.conftest import make_settings
from tests.test_digests import Recorder

CORPUS = Path(__file__).parent / "corpora" / "stories"
MADE = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Iterator[BotCore]:
    """Two stories' articles stored, the Red Sea one followed by a story rule."""
    opened = open_core(make_settings(database_url, tmp_path), seed=False)
    for number, name in enumerate(("red_sea_1.txt", "red_sea_2.txt", "moldova_1.txt")):
        meta = ArticleMeta(outlet=f"Outlet {number}", published=date(2024, 11, 2 + number))
        ingest_text(opened.db, (CORPUS / name).read_text(encoding="utf-8"), meta)
    create_story(
        opened.db, "red-sea", StoryChange(actors=["Houthis"], words=["Red Sea", "shipping"])
    )
    yield opened
    opened.close()


def _subscribe(core: BotCore, channel: str, zone: str = "UTC", **extra: object) -> Subscription:
    return subscribe(
        core.db, platform="console", channel=channel, at="08:00", zone=zone, now=MADE,
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_channels_asking_the_same_digest_share_one_build(core: BotCore) -> None:
    everything = [
        _subscribe(core, f"all-{n}", zone) for n, zone in enumerate(("UTC", "Asia/Tokyo"))
    ]
    bound = [_subscribe(core, f"sea-{n}") for n in range(2)]
    for subscription in bound:
        bind_channel(core.db, "console", subscription.channel, "red-sea")
    filtered = _subscribe(core, "moldova", actors=["Moldova"])
    builder = DigestBuilder(core.db)
    since = MADE - timedelta(days=1)
    cards = {
        s.channel: builder.build(s, title_date="2026-01-05", since=since).card
        for s in [*everything, *bound, filtered]
    }
    assert builder.built == 3  # everything, the story, the actor filter
    for channel, card in cards.items():
        assert card.footer is not None and f"console:{channel}" in card.footer
    assert cards["all-0"].sections == cards["all-1"].sections
    assert cards["all-0"].lead != cards["all-1"].lead  # each channel's own time zone
    assert cards["sea-0"].sections == cards["sea-1"].sections
    outlets = {channel: {c.outlet for c in card.citations} for channel, card in cards.items()}
    assert outlets["all-0"] == {"Outlet 0", "Outlet 1", "Outlet 2"}
    assert outlets["sea-0"] == {"Outlet 0", "Outlet 1"}  # the story's articles only
    assert outlets["moldova"] == {"Outlet 2"}


def test_a_run_delivers_every_channel_its_own_card_once(core: BotCore) -> None:
    channels = [_subscribe(core, f"c{n}") for n in range(6)]
    bind_channel(core.db, "console", channels[0].channel, "red-sea")
    recorder = Recorder()
    due = MADE + timedelta(hours=2, seconds=5)
    outcomes = asyncio.run(run_due(core, due, {"console": recorder}))
    assert sorted(o.status for o in outcomes) == ["sent"] * 6
    footers = sorted(card.footer or "" for _, card in recorder.posts)
    assert [f"console:c{n}" in footer for n, footer in enumerate(footers)] == [True] * 6
    leads = {label: card.lead for label, card in recorder.posts}
    assert leads["console:c1"] == leads["console:c5"] != leads["console:c0"]
    assert asyncio.run(run_due(core, due + timedelta(minutes=1), {"console": recorder})) == []
