"""Alerts end to end on real databases: rules, triggering on stored facts, the ledger, the
`briefbot alerts` CLI on the console, quiet hours, the hourly cap and the jump rule."""

from __future__ import annotations

import argparse
import asyncio
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.alerts.cli import add_alerts_cli, run_alerts_cli
from bot.alerts.delivery import ConsoleAlertDeliverer
from bot.alerts.run import run_alerts
from bot.app import BotCore, open_core
from briefings.alerts import ledger
from briefings.alerts.rules import (
    get_rule,
    parse_figure,
    parse_kinds,
    parse_quiet,
    resume,
    subscribe,
)
from briefings.alerts.triggers import queue_alerts
from briefings.cards import Card, CardKind
from briefings.commands import CommandContext, default_commands
from briefings.commands.registry import ChatPlace
from briefings.errors import InputError
from briefings.extract.actors import default_registry
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from briefings.store.alert_schema import AlertRuleRow
from briefings.store.schema import ArticleRow
from briefings.stories.store import StoryChange, bind_channel, create_story
from tests.conftest import make_settings

CORPUS = Path(__file__).parent / "corpora" / "alerts"
PUBLISHED = date(2024, 3, 12)


def _cli(core_settings: object, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="briefbot")
    add_alerts_cli(parser.add_subparsers(dest="verb", required=True))
    return run_alerts_cli(core_settings, parser.parse_args(argv))  # type: ignore[arg-type]


def _ingest(core: BotCore, name: str, outlet: str, published: date = PUBLISHED) -> None:
    meta = ArticleMeta(outlet=outlet, published=published)
    outcome = ingest_text(core.db, (CORPUS / name).read_text(encoding="utf-8"), meta)
    assert outcome.stored, outcome.describe()


@pytest.fixture
def seeded(database_url: str, tmp_path: Path) -> BotCore:
    settings = make_settings(database_url, tmp_path)
    core = open_core(settings)
    yield core  # type: ignore[misc]
    core.close()


def test_done_when_one_post_per_offensive_then_an_edit(
    seeded: BotCore, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = seeded.settings
    sub = ("alerts", "subscribe", "--platform", "console", "--channel", "ops")
    assert _cli(settings, *sub, "--kind", "offensive") == 0
    assert "subscribed console:ops alerts on kinds offensive" in capsys.readouterr().out

    assert _cli(settings, "alerts", "run") == 0
    assert capsys.readouterr().out.strip() == "delivered 0"  # the seeds are old news

    _ingest(seeded, "offensive_first.txt", "Reuters")
    assert _cli(settings, "alerts", "run") == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert lines[-1] == "delivered 1"
    assert "Alert — New offensive, 2024-03-11" in out
    assert "Reuters" in out and "Associated Press" not in out
    assert " sent console-" in lines[-2]

    assert _cli(settings, "alerts", "run") == 0
    assert capsys.readouterr().out.strip() == "delivered 0"

    _ingest(seeded, "offensive_second.txt", "Associated Press")
    assert _cli(settings, "alerts", "run") == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert lines[-1] == "delivered 0"
    assert " edited console-" in lines[-2]
    assert "Reuters, Associated Press" in out
    assert _cli(settings, "alerts", "run") == 0
    assert capsys.readouterr().out.strip() == "delivered 0"

    assert _cli(settings, "alerts", "list") == 0
    assert capsys.readouterr().out.startswith("console:ops alerts on kinds offensive")
    assert _cli(settings, "alerts", "unsubscribe", "--platform", "console", "--channel", "ops") == 0
    assert _cli(settings, "alerts", "unsubscribe", "--platform", "console", "--channel", "ops") == 1
    assert "no alert rule" in capsys.readouterr().err


def test_bad_rules_get_short_clear_errors() -> None:
    with pytest.raises(InputError, match="Did you mean: offensive"):
        parse_kinds(["ofensive"])
    with pytest.raises(InputError, match="Did you mean: killed"):
        parse_figure("kiled>=10")
    with pytest.raises(InputError, match="from 1 to"):
        parse_figure("killed>=0")
    with pytest.raises(InputError, match="killed>=10"):
        parse_figure("killed>ten")
    with pytest.raises(InputError, match="not a known time zone"):
        parse_quiet("22:00-07:00", "Mars/Olympus")
    with pytest.raises(InputError, match="same time"):
        parse_quiet("07:00-07:00", "UTC")
    with pytest.raises(InputError, match="not a time of day"):
        parse_quiet("25:00-07:00", "UTC")
    assert parse_quiet("22:00-07:00", "Europe/Berlin") is not None


def test_cli_rejects_bad_input_in_one_line(
    seeded: BotCore, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = ("alerts", "subscribe", "--platform", "console", "--channel", "ops")
    assert _cli(seeded.settings, *sub, "--max", "0", "--kind", "offensive") == 1
    assert _cli(seeded.settings, *sub) == 1
    assert _cli(seeded.settings, *sub, "--actor", "Atlantis") == 1
    assert _cli(seeded.settings, "alerts", "run", "--now", "2025-03-30T08:00") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and all(line.startswith("briefbot: ") for line in err)
    assert "UTC offset" in err[-1]


def _run(core: BotCore, now: str) -> tuple[list[str], str]:
    stream = io.StringIO()
    outcomes = asyncio.run(
        run_alerts(core, datetime.fromisoformat(now), {"console": ConsoleAlertDeliverer(stream)})
    )
    return [o.describe() for o in outcomes], stream.getvalue()


def _queue_at(core: BotCore, name: str, outlet: str, at: str, published: date = PUBLISHED) -> int:
    """Store an article while no rule listens, then queue its alerts at a fixed instant (the
    writer calls `queue_alerts` the same way, with the real clock)."""
    _pause_rules(core)
    _ingest(core, name, outlet, published)
    _unpause_rules(core)
    with core.db.session() as session:
        article_id = session.scalars(
            select(ArticleRow.id).order_by(ArticleRow.ingested_at.desc()).limit(1)
        ).one()
        return queue_alerts(session, article_id, now=datetime.fromisoformat(at))


def _rule(core: BotCore, channel: str, **options: object) -> None:
    with core.db.session() as session:
        subscribe(
            session,
            platform="console",
            channel=channel,
            now=datetime(2000, 1, 1, tzinfo=UTC),
            **options,  # type: ignore[arg-type]
        )


def _pause_rules(core: BotCore) -> None:
    """Keep rules from queuing while an article is stored, so `_queue_at` decides when."""
    with core.db.session() as session:
        rows = list(session.scalars(select(AlertRuleRow)))
        for row in rows:
            row.paused_at = datetime(2000, 1, 1, tzinfo=UTC)


def _unpause_rules(core: BotCore) -> None:
    with core.db.session() as session:
        for row in session.scalars(select(AlertRuleRow)):
            row.paused_at = None


def test_quiet_hours_hold_alerts_and_one_summary_follows(seeded: BotCore) -> None:
    _rule(
        seeded,
        "night",
        kinds=["offensive", "casualties"],
        quiet="22:00-07:00",
        zone="Europe/Berlin",
    )
    # stored at 23:10 and 23:20 Berlin time (CET in March: UTC+1)
    queued = _queue_at(seeded, "offensive_first.txt", "Reuters", "2024-03-12T22:10Z")
    queued += _queue_at(seeded, "toll_first.txt", "Reuters", "2024-03-12T22:20Z", date(2024, 3, 13))
    assert queued == 2
    lines, out = _run(seeded, "2024-03-12T23:30:00+00:00")  # 00:30 in Berlin
    assert lines == ["console:night 2 alert(s) held — quiet hours"] and not out
    lines, out = _run(seeded, "2024-03-13T06:05:00+00:00")  # 07:05 in Berlin: over
    assert len(lines) == 1 and " summary console-" in lines[0] and "2 alerts" in lines[0]
    assert "While quiet hours held them: 2 alerts" in out
    lines, out = _run(seeded, "2024-03-13T06:10:00+00:00")
    assert lines == [] and out == ""


def test_hourly_cap_posts_one_summary_beyond_it(seeded: BotCore) -> None:
    _rule(seeded, "busy", kinds=["offensive", "casualties"], max_per_hour="1")
    at = "2024-03-13T10:00Z"
    queued = _queue_at(seeded, "offensive_first.txt", "Reuters", at)
    queued += _queue_at(seeded, "toll_first.txt", "Reuters", at, date(2024, 3, 13))
    assert queued == 2
    lines, out = _run(seeded, "2024-03-13T10:01:00+00:00")
    assert [line.split()[2] for line in lines] == ["sent", "summary"]
    assert "1 more alert this hour" in out
    lines, _ = _run(seeded, "2024-03-13T10:30:00+00:00")
    assert lines == []


def test_figure_threshold_and_jump_against_the_last_figure(seeded: BotCore) -> None:
    _rule(seeded, "toll", figures=["killed>=10"], jump="50")
    at = "2024-03-14T12:00Z"
    # 6 killed: below the threshold, and no earlier figure of the matter to jump from
    assert _queue_at(seeded, "toll_first.txt", "Reuters", at, date(2024, 3, 13)) == 0
    # 14 killed: crosses 10, and rises 133% over 6
    assert _queue_at(seeded, "toll_second.txt", "BBC", at, date(2024, 3, 14)) == 2
    lines, out = _run(seeded, "2024-03-14T12:01:00+00:00")
    assert [line.split()[1].split(":")[0] for line in lines] == ["cross", "jump"]
    assert "killed up from 6 to 14" in out
    # each alert cites the figure's own sentence
    assert out.count("village of Sotk rose to 14  (BBC News) [1]") == 2
    assert out.count('[1] BBC News, 14 Mar 2024 — "Death toll in Sotk shelling rises"') == 2


def test_a_rule_made_after_a_report_never_alerts_on_it(seeded: BotCore) -> None:
    _ingest(seeded, "offensive_first.txt", "Reuters")
    _rule(seeded, "late", kinds=["offensive"])
    _ingest(seeded, "offensive_second.txt", "Associated Press")  # the same happening, later
    lines, _ = _run(seeded, "2099-01-01T00:00:00+00:00")
    assert lines == []


def _ask(core: BotCore, line: str, *, admin: bool) -> Card:
    ctx = CommandContext(
        db=core.db,
        actors=default_registry(),
        today=date(2024, 3, 12),
        commands=default_commands(),
        place=ChatPlace(platform="slack", channel="C1", user="U1"),
        admin=admin,
    )
    return default_commands().run(line, ctx, admin=admin)


def test_alerts_in_chat_managers_change_anyone_reads(seeded: BotCore) -> None:
    refused = _ask(seeded, "/alerts subscribe kinds:offensive", admin=False)
    assert refused.kind == CardKind.ERROR and "Only channel managers" in (refused.lead or "")
    none_yet = _ask(seeded, "/alerts", admin=False)
    assert none_yet.kind == CardKind.ERROR and "/alerts subscribe" in (none_yet.lead or "")
    typo = _ask(seeded, "/alerts subscribe kinds:ofensive", admin=True)
    assert typo.kind == CardKind.ERROR and "Did you mean: offensive" in (typo.lead or "")

    made = _ask(
        seeded,
        "/alerts subscribe kinds:offensive,ceasefire figures:killed>=10 jump:50% max:4/h",
        admin=True,
    )
    assert made.kind != CardKind.ERROR, made.lead
    values = {field.name: field.value for field in made.fields}
    assert values["Kinds"] == "offensive, ceasefire" and values["Figures"] == "killed>=10"
    assert values["At most"] == "4 an hour" and values["Jump"] == "50%"

    _ingest(seeded, "offensive_first.txt", "Reuters")
    stream = io.StringIO()
    asyncio.run(
        run_alerts(
            seeded,
            datetime.fromisoformat("2099-06-01T12:00:00+00:00"),
            {"slack": ConsoleAlertDeliverer(stream)},
        )
    )
    listed = _ask(seeded, "/alerts", admin=False)
    assert listed.title == "Alerts" and listed.sections[0].items
    assert listed.sections[0].items[0].detail == "Reuters"

    quiet = _ask(
        seeded, "/alerts subscribe actors:Azerbaijan quiet:22:00-07:00 tz:Europe/Berlin", admin=True
    )
    assert {f.name: f.value for f in quiet.fields}["Quiet hours"] == "22:00-07:00 Europe/Berlin"
    sample = _ask(seeded, "/alerts test", admin=True)
    assert sample.title == "Alert — test"
    assert _ask(seeded, "/alerts test", admin=False).kind == CardKind.ERROR
    bad = _ask(seeded, "/alerts unsubscribe kinds:offensive", admin=True)
    assert bad.kind == CardKind.ERROR and "takes no kinds" in (bad.lead or "")
    assert _ask(seeded, "/alerts unsubscribe", admin=True).title == "Alerts stopped"
    assert _ask(seeded, "/alerts unsubscribe", admin=True).kind == CardKind.ERROR
    assert "alerts" in (_ask(seeded, "/help", admin=False).model_dump_json())


def test_a_channel_bound_to_a_story_alerts_on_that_story_only(seeded: BotCore) -> None:
    create_story(
        seeded.db,
        "red-sea",
        StoryChange(title="Red Sea shipping", actors=["Houthis"], words=["Red Sea", "shipping"]),
    )
    bind_channel(seeded.db, "console", "shipping", "red-sea")
    _rule(seeded, "shipping", kinds=["offensive"])
    _rule(seeded, "everything", kinds=["offensive"])
    with seeded.db.session() as session:
        assert get_rule(session, "console", "shipping").story_id is not None  # type: ignore[union-attr]
    _ingest(seeded, "offensive_first.txt", "Reuters")  # not about the Red Sea
    lines, _ = _run(seeded, "2099-01-01T00:00:00+00:00")
    assert [line.split()[0] for line in lines] == ["console:everything"]


# --- contradictions: written for this test, a story the seeds do not tell ----------------------

ASSERTED = """Serbia says Kosovo police detained three Serb civilians at Jarinje crossing

BELGRADE, May 14, 2024 - Serbia's Foreign Ministry said on Tuesday that Kosovo police had \
detained three Serb civilians at the Jarinje border crossing overnight and held them without \
charge.

The ministry called the detentions a provocation and asked the Kosovo Force to intervene. \
Traffic at the crossing was halted for several hours, local officials said.
"""
DENIED = """Kosovo denies detaining Serb civilians at Jarinje

PRISTINA, May 15, 2024 - Kosovo's Interior Ministry on Wednesday denied that its police had \
detained Serb civilians at the Jarinje border crossing, saying officers had only checked the \
documents of three travellers who were free to go.

The ministry said the crossing reopened on Tuesday afternoon after a routine inspection.
"""
RETOLD = """EU envoy to visit Jarinje after dispute over detentions

BRUSSELS, May 16, 2024 - The European Union's envoy for the Western Balkans will travel to the \
Jarinje crossing on Friday, an EU spokesperson said on Thursday.

Serbia says Kosovo police detained three Serb civilians at the crossing on Monday night. Kosovo \
has denied that its police detained Serb civilians there. The spokesperson urged both sides to \
avoid steps that could raise tensions in northern Kosovo.
"""
UNRELATED = """Kosovo and Serbia agree to reopen talks on missing persons

BRUSSELS, May 17, 2024 - Kosovo and Serbia agreed on Friday to resume talks on people still \
missing from the 1998-99 war, the European Union said.

The EU spokesperson said the commission on missing persons would meet in June.
"""


def _store(core: BotCore, text: str, outlet: str, published: date) -> None:
    outcome = ingest_text(core.db, text, ArticleMeta(outlet=outlet, published=published))
    assert outcome.stored, outcome.describe()


def test_a_new_denial_of_what_another_asserted_alerts_once(seeded: BotCore) -> None:
    _store(seeded, ASSERTED, "Reuters", date(2024, 5, 14))
    _rule(seeded, "disputes", contradictions=True)
    _store(seeded, DENIED, "Balkan Insight", date(2024, 5, 15))
    lines, out = _run(seeded, "2099-01-01T00:00:00+00:00")
    assert len(lines) == 1 and lines[0].startswith("console:disputes contradiction:")
    assert " sent console-" in lines[0]
    assert "Alert — Contradiction" in out
    assert "Kosovo denies: its police had detained Serb civilians at the Jarinje" in out
    assert "Serbia asserted: Kosovo police had detained three Serb civilians" in out
    assert "Balkan Insight, Reuters" in out
    cited = "Serb civilians at the Jarinje border crossing  (Balkan Insight) [1]"
    assert cited in out  # the denial's own line, cited
    assert '[1] Balkan Insight, 15 May 2024 — "Kosovo denies detaining Serb civilians' in out
    assert _run(seeded, "2099-01-01T00:01:00+00:00") == ([], "")
    # a later article retelling the same denial is not a new contradiction
    _store(seeded, RETOLD, "Associated Press", date(2024, 5, 16))
    assert _run(seeded, "2099-01-01T00:02:00+00:00") == ([], "")


def test_contradictions_stored_before_the_rule_never_alert(seeded: BotCore) -> None:
    _store(seeded, ASSERTED, "Reuters", date(2024, 5, 14))
    _store(seeded, DENIED, "Balkan Insight", date(2024, 5, 15))
    _rule(seeded, "late", contradictions=True)
    assert _run(seeded, "2099-01-01T00:00:00+00:00") == ([], "")
    _store(seeded, UNRELATED, "Reuters", date(2024, 5, 17))  # stored after: matched, no denial
    _store(seeded, RETOLD, "Associated Press", date(2024, 5, 16))  # the old denial, retold
    assert _run(seeded, "2099-01-01T00:01:00+00:00") == ([], "")


OMDURMAN = """Sudan's army launches offensive to retake Omdurman market

KHARTOUM, March 14, 2024 - The Sudanese army launched an offensive against Rapid Support \
Forces positions in Omdurman on Wednesday, military sources said.

Residents reported heavy shelling around the city's central market through the night.
"""
EL_FASHER = """Fighting closes El Fasher market

EL FASHER, March 15, 2024 - The Rapid Support Forces launched an offensive on the outskirts \
of El Fasher on Thursday, local officials said.

Traders said the city's main market stayed shut for a second day.
"""


def test_rule_changes_reach_matching_at_once_whoever_makes_them(seeded: BotCore) -> None:
    """Matching keeps parsed rules between articles (`briefings.alerts.active`): a rule made
    again — even with the same id and making time — or paused elsewhere is seen at once."""
    _rule(seeded, "ops", kinds=["ceasefire"])
    _store(seeded, OMDURMAN, "Al Jazeera", date(2024, 3, 14))
    assert _run(seeded, "2099-01-01T00:00:00+00:00") == ([], "")
    _rule(seeded, "ops", kinds=["offensive"])  # the same channel and the same `now`
    _store(seeded, EL_FASHER, "Radio Dabanga", date(2024, 3, 15))
    lines, out = _run(seeded, "2099-01-01T00:01:00+00:00")
    assert len(lines) == 1 and " sent " in lines[0] and "El Fasher" in out

    _rule(seeded, "ops", kinds=["offensive"])
    paused = ledger.record_failure(seeded.db, "console", "ops", datetime.now(UTC), "gone", 1)
    assert paused is not None  # as a delivery process would, in its own transaction
    _ingest(seeded, "offensive_first.txt", "Reuters")
    assert _run(seeded, "2099-01-01T00:02:00+00:00") == ([], "")
    with seeded.db.session() as session:
        assert queue_alerts(session, _latest(seeded)) == 0
    assert resume(seeded.db, "console", "ops")
    with seeded.db.session() as session:
        assert queue_alerts(session, _latest(seeded)) == 1


def _latest(core: BotCore) -> str:
    with core.db.session() as session:
        return session.scalars(
            select(ArticleRow.id).order_by(ArticleRow.ingested_at.desc()).limit(1)
        ).one()
