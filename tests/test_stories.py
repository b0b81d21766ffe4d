"""Stories end to end on the core, on SQLite and PostgreSQL: rules file articles, commands
answer for the story in scope, channels follow one, digests too, bad input changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import BotCore, open_core
from briefings.cards import CardKind
from briefings.commands import default_commands
from briefings.commands.registry import ChatPlace, CommandContext
from briefings.digests.card import build_digest
from briefings.digests.subscriptions import subscribe
from briefings.extract.actors import default_registry
from briefings.service import ingest_paths
from briefings.store.database import (
    Database,
    alembic_config,
    current_revision,
    head_revision,
)
from briefings.store.schema import ArticleRow
from briefings.store.story_schema import StoryArticleRow, StoryRow
from briefings.stories.store import StoryChange, create_story, find_story
from tests.conftest import BACKENDS, POSTGRES_URL, SEEDS, make_settings, reset_postgres

CORPUS = Path(__file__).parent / "corpora" / "stories"
RED_SEA = ("red_sea_1.txt", "red_sea_2.txt")
MOLDOVA = ("moldova_1.txt", "moldova_2.txt")
CHANNEL = ChatPlace(platform="slack", channel="C0REDSEA", user="U0MANAGER")


def make_stories(core: BotCore) -> None:
    create_story(
        core.db,
        "red-sea",
        StoryChange(title="Red Sea shipping", actors=["Houthis"], words=["Red Sea", "shipping"]),
    )
    create_story(
        core.db,
        "moldova-election",
        StoryChange(
            title="Moldova's elections",
            actors=["Moldova", "Maia Sandu"],
            words=["referendum", "runoff"],
        ),
    )


@pytest.fixture(scope="module", params=BACKENDS)
def core(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotCore]:
    """The seeds, two more stories with rules, and their articles ingested without a story."""
    tmp = tmp_path_factory.mktemp("stories")
    if request.param == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp / 'stories.sqlite3'}"
    core = open_core(make_settings(url, tmp))
    make_stories(core)
    outcomes = ingest_paths(core.db, [CORPUS])
    assert all(o.stored for o in outcomes), [o.describe() for o in outcomes]
    yield core
    core.close()


def members(core: BotCore, slug: str) -> set[str]:
    with core.db.session() as session:
        story = find_story(session, slug)
        rows = session.execute(
            select(ArticleRow.source)
            .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
            .where(StoryArticleRow.story_id == story.id)
        )
        return {Path(source).name for (source,) in rows}


def cited_articles(card_json: dict[str, object]) -> set[str]:
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "article_id" in value:
                found.add(str(value["article_id"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(card_json)
    return found


def story_ids(core: BotCore, slug: str) -> set[str]:
    with core.db.session() as session:
        story = find_story(session, slug)
        return set(
            session.scalars(
                select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story.id)
            )
        )


def test_the_seeds_are_the_nagorno_karabakh_story(core: BotCore) -> None:
    seeds = members(core, "nagorno-karabakh")
    assert {name for name in seeds if name.endswith(".txt") and name[:3].isdigit()} == seeds
    assert len(seeds) == 4


def test_rules_pick_up_their_own_articles_and_not_the_others(core: BotCore) -> None:
    assert members(core, "red-sea") == set(RED_SEA)
    assert members(core, "moldova-election") == set(MOLDOVA)
    assert not members(core, "nagorno-karabakh") & set(RED_SEA + MOLDOVA)


@pytest.mark.parametrize("slug", ["red-sea", "moldova-election", "nagorno-karabakh"])
def test_a_scoped_timeline_cites_only_its_story(core: BotCore, slug: str) -> None:
    card = core.ask("/timeline period:all", story=slug)
    assert card.kind != CardKind.ERROR
    cited = cited_articles(json.loads(card.model_dump_json()))
    assert cited and cited <= story_ids(core, slug)
    assert card.footer is not None and f"({slug})" in card.footer


def test_the_unbound_timeline_still_shows_every_story(core: BotCore) -> None:
    card = core.ask("/timeline period:all page:1")
    everything = set()
    page = 1
    while True:
        card = core.ask(f"/timeline period:all page:{page}")
        everything |= cited_articles(json.loads(card.model_dump_json()))
        if page >= card.pages:
            break
        page += 1
    for slug in ("red-sea", "moldova-election", "nagorno-karabakh"):
        assert everything & story_ids(core, slug)
    assert card.footer is not None and card.footer.endswith("All stories")


@pytest.mark.parametrize(
    "line", ["/search ceasefire", "/claims", "/figures", "/brief", "/sources", "/search Houthi"]
)
def test_other_commands_answer_for_the_story(core: BotCore, line: str) -> None:
    card = core.ask(line, story="red-sea")
    assert card.kind != CardKind.ERROR, card.lead
    assert cited_articles(json.loads(card.model_dump_json())) <= story_ids(core, "red-sea")


def test_a_bound_channel_answers_for_its_story_unless_the_line_says_otherwise(
    core: BotCore,
) -> None:
    refused = core.ask("/story use red-sea", place=CHANNEL, admin=False)
    assert refused.kind == CardKind.ERROR and "channel managers" in (refused.lead or "")
    assert "(red-sea)" not in (core.ask("/timeline", place=CHANNEL).footer or "")
    bound = core.ask("/story use red-sea", place=CHANNEL, admin=True)
    assert bound.kind != CardKind.ERROR
    try:
        scoped = core.ask("/timeline period:all", place=CHANNEL)
        assert "(red-sea)" in (scoped.footer or "")
        assert cited_articles(json.loads(scoped.model_dump_json())) <= story_ids(core, "red-sea")
        other = core.ask("/timeline period:all story:moldova-election", place=CHANNEL)
        assert cited_articles(json.loads(other.model_dump_json())) <= story_ids(
            core, "moldova-election"
        )
        everything = core.ask("/timeline period:all story:all", place=CHANNEL)
        assert (everything.footer or "").endswith("All stories")
        listing = core.ask("/story", place=CHANNEL)
        assert "follows red-sea" in (listing.lead or "")
    finally:
        core.ask("/story use all", place=CHANNEL, admin=True)


def test_a_bound_channels_digest_covers_only_its_story(core: BotCore) -> None:
    place = ChatPlace(platform="console", channel="digest-red-sea")
    core.ask("/story use red-sea", place=place, admin=True)
    subscription = subscribe(
        core.db, platform=place.platform, channel=place.channel, at="08:00", zone="UTC"
    )
    since = datetime.now(UTC) - timedelta(days=1)
    digest = build_digest(core.db, subscription, title_date="today", since=since)
    cited = cited_articles(json.loads(digest.card.model_dump_json()))
    assert cited and cited <= story_ids(core, "red-sea")
    assert "(red-sea)" in (digest.card.footer or "")
    unbound = subscribe(core.db, platform="console", channel="digest-all", at="08:00", zone="UTC")
    everything = build_digest(core.db, unbound, title_date="today", since=since)
    assert cited_articles(json.loads(everything.card.model_dump_json())) > cited


def test_bad_input_is_refused_and_changes_nothing(core: BotCore) -> None:
    def stories() -> list[tuple[str, list[str]]]:
        with core.db.session() as session:
            return [(r.slug, list(r.words)) for r in session.scalars(select(StoryRow))]

    before = stories()
    unknown = core.ask("/timeline story:red-se")
    assert unknown.kind == CardKind.ERROR and "red-sea" in unknown.suggestions
    bad_name = core.ask("/story create Red_Sea!", admin=True)
    assert bad_name.kind == CardKind.ERROR and "slug" in (bad_name.lead or "")
    for line in (
        "/story create gaza words:Gaza",
        "/story edit red-sea words:x,y",
        "/story remove red-sea",
    ):
        refused = core.ask(line, admin=False)
        assert refused.kind == CardKind.ERROR and "channel managers" in (refused.lead or "")
    unknown_actor = core.ask("/story create gaza actors:Nobodyland", admin=True)
    assert unknown_actor.kind == CardKind.ERROR
    assert stories() == before


def test_changing_a_rule_rematches_and_says_how_many_joined_or_left(core: BotCore) -> None:
    card = core.ask('/story create sandu actors:"Maia Sandu" mentions:2', admin=True)
    assert card.kind != CardKind.ERROR, card.lead
    text = json.dumps(card.model_dump(mode="json"))
    assert "2 article(s) joined, 0 left" in text
    edited = core.ask("/story edit sandu mentions:50 lead:50", admin=True)
    assert "0 article(s) joined, 2 left" in json.dumps(edited.model_dump(mode="json"))
    removed = core.ask("/story remove sandu", admin=True)
    assert removed.kind != CardKind.ERROR
    with core.db.session() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 8


def test_story_show_tells_what_it_covers(core: BotCore) -> None:
    card = core.ask("/story show red-sea")
    fields = {f.name: f.value for f in card.fields}
    assert fields["Articles"].startswith("2 (2 by rule")
    assert "Houthis" in fields["Rule"]


def test_story_names_autocomplete(core: BotCore) -> None:
    assert core.complete("story", "red")[0] == "red-sea"
    assert "all" in core.complete("story", "")


# --- the CLI, as operators use it -------------------------------------------------------------


def briefbot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_cli_creates_stories_ingests_and_asks_for_one(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_", "SLACK_"))
    }
    env.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEEDS_DIR=str(SEEDS),
        BRIEFBOT_LOG_LEVEL="ERROR",
    )
    made = briefbot(env, "story", "add", "red-sea", "--actors", "Houthis", "--words", "Red Sea")
    assert made.returncode == 0, made.stderr
    assert "0 article(s) joined" in made.stdout
    empty = briefbot(env, "story", "add", "elections")
    assert empty.returncode == 0, empty.stderr
    ingested = briefbot(
        env, "ingest", str(CORPUS / MOLDOVA[0]), str(CORPUS / RED_SEA[0]), "--story", "elections"
    )
    assert ingested.returncode == 0, ingested.stderr
    asked = briefbot(env, "ask", "/timeline period:all", "--story", "red-sea", "--format", "json")
    assert asked.returncode == 0, asked.stderr
    red_sea = cited_articles(json.loads(asked.stdout))
    elections = briefbot(
        env, "ask", "/timeline period:all", "--story", "elections", "--format", "json"
    )
    both = cited_articles(json.loads(elections.stdout))
    assert red_sea and red_sea < both  # the explicit ingest filed both in `elections`
    listed = briefbot(env, "story", "list")
    assert "red-sea" in listed.stdout and "elections" in listed.stdout
    used = briefbot(env, "story", "use", "red-sea", "--platform", "slack", "--channel", "C0X")
    assert used.returncode == 0 and "follows red-sea" in used.stdout
    shown = briefbot(env, "story", "show", "red-sea")
    assert "slack:C0X" in shown.stdout
    unknown = briefbot(env, "ask", "/timeline", "--story", "red-se")
    assert unknown.returncode == 1 and "Did you mean: red-sea" in unknown.stderr
    bad = briefbot(env, "story", "add", "Not A Slug")
    assert bad.returncode == 1 and "slug" in bad.stderr and "Traceback" not in bad.stderr
    removed = briefbot(env, "story", "remove", "elections")
    assert removed.returncode == 0
    after = briefbot(env, "ask", "/timeline period:all", "--format", "json")
    assert both <= cited_articles(json.loads(after.stdout)) | both  # articles stay
    count = briefbot(env, "ask", "/sources")
    assert count.returncode == 0


def test_migration_0009_keeps_stored_articles_visible_and_lets_them_join_stories(
    db: Database,
) -> None:
    """A database from before stories (0008) with articles: after the upgrade they are all
    seen unbound, and a story created then takes the ones its rule matches."""
    from alembic import command

    ingest_paths(db, [CORPUS])
    config = alembic_config(db.engine)
    command.downgrade(config, "0008")
    command.upgrade(config, "head")
    assert current_revision(db.engine) == head_revision()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 4
        assert session.scalar(select(func.count()).select_from(StoryArticleRow)) == 0
    story, rematch = create_story(
        db, "red-sea", StoryChange(actors=["Houthis"], words=["Red Sea", "shipping"])
    )
    assert (rematch.joined, rematch.left, rematch.articles) == (2, 0, 2)
    with db.session() as session:
        sources = session.scalars(
            select(ArticleRow.source)
            .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
            .where(StoryArticleRow.story_id == story.id)
        )
        assert {Path(s).name for s in sources if s} == set(RED_SEA)


def test_a_happening_two_stories_report_is_told_in_each_storys_own_words(db: Database) -> None:
    """One entry merges the reports of two outlets; each story cites and reads only its own."""
    from briefings.ingest import ArticleMeta
    from briefings.service import ingest_text

    alpha, _ = create_story(db, "alpha", StoryChange())
    beta, _ = create_story(db, "beta", StoryChange())
    reports = {
        alpha.id: "Russia announced on Tuesday, March 5, 2024, that talks would resume in Geneva.",
        beta.id: "Russia said on March 5, 2024 that the long-awaited talks in Geneva would resume "
        "next week after months of delay.",
    }
    for number, (story_id, text) in enumerate(reports.items()):
        meta = ArticleMeta(outlet=("CNN", "Reuters")[number], published=datetime(2024, 3, 6).date())
        assert ingest_text(db, text, meta, (story_id,)).stored
    core = BotCore(settings=None, db=db, commands=default_commands())  # type: ignore[arg-type]
    both = core.commands.run(
        "/timeline period:all",
        CommandContext(db=db, actors=default_registry(), today=date(2024, 3, 6)),
    )
    merged = [i for section in both.sections for i in section.items if len(i.citations) == 2]
    assert merged, both  # one entry, reported by both outlets
    for story_id, slug in ((alpha.id, "alpha"), (beta.id, "beta")):
        card = core.commands.run(
            "/timeline period:all",
            CommandContext(db=db, actors=default_registry(), today=date(2024, 3, 6), story=slug),
        )
        items = [item for section in card.sections for item in section.items if item.citations]
        assert items, card
        assert all(c.sentence == reports[story_id] for i in items for c in i.citations)
        assert all(i.text in reports[story_id] for i in items)
