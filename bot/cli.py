"""The `briefbot` command: run, ask, ingest, extract, db.

The contract operators, tests and integrations rely on: answers on stdout, one clear line on
stderr and a non-zero exit for bad input, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from bot.alerts.cli import add_alerts_cli, run_alerts_cli
from bot.digests.cli import add_digest_cli, run_digest_cli
from bot.discord.cli import add_discord_cli, run_discord_cli
from bot.feeds.cli import add_feeds_cli, run_feeds_cli
from bot.logs import configure_logging
from bot.slack.cli import add_slack_cli, run_slack_cli
from bot.stories.cli import add_story_cli, run_story_cli
from briefings import __version__
from briefings.errors import BriefbotError, InputError
from briefings.feeds.urls import check_url, looks_like_url
from briefings.ingest.reader import ARTICLE_SUFFIXES, normalise_text, read_source_text

if TYPE_CHECKING:  # the rest is imported by the verb that needs it: `--version` and
    # `extract` start without the database, the commands or the platforms (issue 20)
    from pydantic import ValidationError

    from bot.config import Settings
    from briefings.cards import Card
    from briefings.ingest import ArticleMeta
    from briefings.models import Claim, Extraction
    from briefings.store.database import Database

log = logging.getLogger("briefbot")

EXIT_USAGE = 2
EXIT_FAILED = 1


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"briefbot: {message} (see `briefbot --help`)\n")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    """`text` as one terminal line: a file name with a newline or an escape sequence in it
    shows as `\\x1b`, not as a second line or a colour change."""
    return _UNPRINTABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def _published(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value[:40]}” is not a valid date (use YYYY-MM-DD)"
        ) from None


def _jobs(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 256:
        raise argparse.ArgumentTypeError(f"“{value[:20]}” is not a number of processes (1-256)")
    return int(value)


def _meta(args: argparse.Namespace) -> ArticleMeta:
    from briefings.ingest import ArticleMeta, lookup_outlet
    from briefings.ingest.article import MAX_OUTLET

    outlet = args.outlet
    if outlet is not None:
        outlet = outlet.strip()
        if not outlet:
            raise InputError("--outlet must not be empty.")
        if len(outlet) > MAX_OUTLET:
            raise InputError(f"--outlet is too long (at most {MAX_OUTLET} characters).")
        outlet = lookup_outlet(outlet) or outlet
    return ArticleMeta(outlet=outlet, published=args.published)


def _ingest_meta(args: argparse.Namespace) -> ArticleMeta:
    """`_meta`, and for one file saved from the web its headline and address (`--title`,
    `--url`), so that its citations name and link it as a fetched page's do."""
    from briefings.ingest.article import MAX_TITLE

    meta = _meta(args)
    title, url = args.title, args.url
    if title is None and url is None:
        return meta
    if len(args.paths) != 1:
        raise InputError("--title and --url describe one article: give one file.")
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise InputError("--title must not be empty.")
        if len(title) > MAX_TITLE:
            raise InputError(f"--title is too long (at most {MAX_TITLE} characters).")
    if url is not None:
        try:
            url = check_url(url)
        except InputError as error:
            raise InputError(f"--url: {error.message}") from None
    return replace(meta, title=title, url=url)


def _cue_json(
    claim: Claim, place: Callable[[int, int], tuple[int | None, int | None]]
) -> dict[str, Any] | None:
    """A claim's cue: the reporting verb or phrase as written, with its offsets."""
    if claim.cue is None:
        return None
    start, end = (None, None)
    if claim.cue_start is not None and claim.cue_end is not None:
        start, end = place(claim.cue_start, claim.cue_end)
    return {"text": claim.cue, "start": start, "end": end}


READER_FIELDS = {"title", "published", "url"}


def _extraction_json(extraction: Extraction, source: str | None = None) -> dict[str, Any]:
    """The documented `briefbot extract --json` shape. With the file's text (`source`), every
    `start`/`end` is a character offset into the file as given (None where the file does not
    hold the text as is); without it, into the cleaned article text."""
    from briefings.extract.timexes import document_timexes
    from briefings.ingest.alignment import Alignment
    from briefings.models import Citation

    article = extraction.article
    alignment = Alignment.build(article.text, source) if source is not None else None

    def place(start: int, end: int) -> tuple[int | None, int | None]:
        if alignment is None:
            return start, end
        span = alignment.span(start, end)
        return span if span is not None else (None, None)

    # a headline is not in the article text: its facts are placed where the file has it
    title = article.title or ""
    title_at = source.find(title) if source is not None and title else -1

    def headline_place(start: int, end: int) -> tuple[int | None, int | None]:
        if source is None:
            return start, end
        return (title_at + start, title_at + end) if title_at >= 0 else (None, None)

    def cite(citation: Citation) -> dict[str, Any]:
        # the reader's names for the article (title, date, link) are the card's business
        cited = citation.model_dump(mode="json", exclude=READER_FIELDS)
        if citation.headline:
            cited["headline"] = True
            cited["start"], cited["end"] = headline_place(citation.start, citation.end)
            return cited
        cited["start"], cited["end"] = place(citation.start, citation.end)
        return cited

    if source is not None and alignment is not None:
        timexes = document_timexes(extraction, source, alignment)
    else:
        timexes = [
            {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in extraction.timexes
        ]

    return {
        "article": {
            "id": article.id,
            "outlet": article.outlet,
            "outlet_inferred": article.outlet_inferred,
            "title": article.title,
            "author": article.author,
            "published": article.published.isoformat() if article.published else None,
            "published_inferred": article.published_inferred,
            "published_note": article.published_note,
            "sentences": len(article.sentences),
        },
        "timexes": timexes,
        "events": [
            {
                "date": e.date.edtf if e.date else None,
                "precision": e.date.precision.value if e.date else None,
                "date_text": e.date_text,
                "unresolved": e.unresolved,
                "kind": e.kind,
                "text": e.text,
                "actors": e.actors,
                "caption": e.caption,
                "citation": cite(e.citation),
            }
            for e in extraction.events
        ],
        "actors": [
            {"name": a.name, "kind": a.kind.value, "affiliation": a.affiliation, "role": a.role}
            for a in extraction.actors
        ],
        "claims": [
            {
                "speaker": c.speaker,
                "speaker_text": c.speaker_text,
                "speaker_role": c.speaker_role,
                "speaks_for": c.speaks_for,
                "stance": c.stance.value,
                "cue": _cue_json(c, headline_place if c.citation.headline else place),
                "text": c.text,
                "date": c.date.edtf if c.date else None,
                "citation": cite(c.citation),
            }
            for c in extraction.claims
        ],
        "figures": [
            {
                "value": f.value,
                "value_high": f.value_high,
                "qualifier": f.qualifier,
                "unit": f.unit,
                "text": f.text,
                "source": f.source,
                "source_text": f.source_text,
                "date": f.date.edtf if f.date else None,
                "part": f.part,
                "revises": f.revises,
                "places": f.places,
                "setting": f.setting,
                "citation": cite(f.citation),
            }
            for f in extraction.figures
        ],
    }


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """The configured platforms; with none configured, the console (or, headless, only the
    HTTP server, digests and feeds)."""
    from bot.app import open_core
    from bot.console.repl import serve_console

    core = open_core(settings)
    core.settle()
    try:
        if settings.platforms_configured or not settings.console:
            import asyncio

            from bot.runtime import serve_platforms

            return asyncio.run(serve_platforms(core, settings))
        from bot.console.schedule import background_schedule

        with background_schedule(core):
            return serve_console(core)
    finally:
        core.close()


def platform_payload(card: Card, platform: str) -> Any:
    """The message the adapter would send: one message object, or a list when one page
    needs several messages."""
    messages: list[dict[str, Any]]
    if platform == "discord":
        from bot.discord.render import render_discord

        messages = render_discord(card, chart_attached=card.chart is not None)
    else:
        from bot.slack.render import render_slack

        messages = render_slack(card)
    return messages[0] if len(messages) == 1 else messages


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.answers import cached_answer, remember_answer

    database = settings.resolved_database_url
    known = cached_answer(database, args.line, args.format, args.quotes)  # /help: cached
    if known is not None:
        print(known)
        return 0
    from bot.app import open_core
    from bot.console.render import render_text
    from briefings.cards import CardKind

    core = open_core(settings)
    try:
        # the local operator manages everything; --story answers as a channel bound to it
        card = core.ask(args.line, admin=True, story=args.story)
    finally:
        core.close()
    if card.kind == CardKind.ERROR:
        hint = f" Did you mean: {', '.join(card.suggestions)}?" if card.suggestions else ""
        message = card.lead or card.title
        if hint and "Did you mean" in message:
            hint = ""
        print(f"briefbot: {message}{hint}", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "json":
        answer = card.model_dump_json(indent=2)
    elif args.format in {"discord", "slack"}:
        answer = json.dumps(platform_payload(card, args.format), indent=2, ensure_ascii=False)
    else:
        answer = render_text(card, quotes=args.quotes)
    print(answer)
    remember_answer(database, args.line, args.format, args.quotes, answer)
    return 0


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import open_core
    from bot.feeds.policy import fetch_policy
    from briefings.bulk import default_workers, ingest_files
    from briefings.feeds import ingest_urls
    from briefings.ingest import iter_article_files

    core = open_core(settings)
    try:
        files = [Path(p) for p in args.paths if not looks_like_url(p)]
        urls = [p for p in args.paths if looks_like_url(p)]  # pages fetched and extracted
        meta = _ingest_meta(args)
        stories = _stories(core.db, args.story)
        # extraction on every core (`--jobs`), one writer storing in batches (briefings.bulk)
        jobs = args.jobs or default_workers()
        found = iter_article_files(files) if files else []
        outcomes = (
            ingest_files(core.db, found, meta, workers=jobs, stories=stories) if found else []
        )
        policy = fetch_policy(settings)
        outcomes += ingest_urls(core.db, urls, meta, policy=policy, stories=stories) if urls else []
    finally:
        core.close()
    if not outcomes:  # only folders, holding no article files: say so rather than "0 of 0"
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(f"no article files ({suffixes}) found in {', '.join(args.paths)[:200]}")
    for outcome in outcomes:
        print(_printable(outcome.describe()), file=sys.stderr if outcome.error else sys.stdout)
    stored = sum(1 for o in outcomes if o.stored)
    print(f"ingested {stored} new of {len(outcomes)}")
    return EXIT_FAILED if any(o.error for o in outcomes) else 0


def _stories(db: Database, names: list[str] | None) -> tuple[int, ...]:
    """The stories `--story` names (checked before anything is stored)."""
    if not names:
        return ()
    from briefings.stories.store import find_story

    with db.session() as session:
        return tuple(dict.fromkeys(find_story(session, name).id for name in names))


def cmd_extract(args: argparse.Namespace) -> int:
    from briefings.service import extract_text

    source = read_source_text(Path(args.file))
    extraction = extract_text(normalise_text(source), _meta(args))
    payload = _extraction_json(extraction, source)
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    article = payload["article"]
    print(
        " · ".join(
            [
                article["outlet"] or "Unattributed",
                article["published"] or "undated",
                article["title"] or "",
            ]
        )
    )
    for event in payload["events"]:
        print(f"event  {event['date'] or '-':<24} {event['kind']:<12} {', '.join(event['actors'])}")
    for claim in payload["claims"]:
        print(f"claim  {claim['speaker']} {claim['stance']}: {claim['text'][:100]}")
    for figure in payload["figures"]:
        print(f"figure {figure['qualifier'] or ''} {figure['value']:g} {figure['unit']}")
    return 0


def cmd_db(settings: Settings, args: argparse.Namespace) -> int:
    from briefings.store.database import current_revision, head_revision, make_engine, migrate

    engine = make_engine(settings.resolved_database_url)
    try:
        if args.db_command == "upgrade":
            migrate(engine)
        revision = current_revision(engine)
    finally:
        engine.dispose()
    print(f"schema revision {revision or 'none'} (code head {head_revision()})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefbot", description="News briefings with cited facts, in chat.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="verb", required=True, parser_class=_Parser)

    sub.add_parser("run", help="start the bot (the console when no platform tokens are set)")

    ask = sub.add_parser("ask", help="run one command and print its card")
    ask.add_argument("line", help='a command line, e.g. "/timeline actor:Russia"')
    ask.add_argument(
        "--format",
        choices=["text", "json", "discord", "slack"],
        default="text",
        help="text; the card as JSON; or the exact Discord / Slack payload the bot would send",
    )
    ask.add_argument("--quotes", action="store_true", help="print the cited sentences too")
    ask.add_argument(
        "--story", help="answer as a channel bound to this story would (all: every story)"
    )

    def add_meta(p: argparse.ArgumentParser) -> None:
        p.add_argument("--outlet", help="the outlet, when the text does not say")
        p.add_argument("--published", type=_published, help="publication date, YYYY-MM-DD")

    ingest = sub.add_parser("ingest", help="store articles from files, directories or URLs")
    ingest.add_argument("paths", nargs="+", help="files, directories or http(s) page URLs")
    add_meta(ingest)
    ingest.add_argument("--title", help="one article's headline, when the text does not say")
    ingest.add_argument(
        "--url", help="one file's web address (saved from the web): its citations link there"
    )
    ingest.add_argument(
        "--story",
        action="append",
        help="a story the articles join, besides those whose rule they meet (repeatable)",
    )
    ingest.add_argument(
        "--jobs", type=_jobs, help="processes extracting the files (default: every core)"
    )

    extract = sub.add_parser("extract", help="extract facts from one file without storing")
    extract.add_argument("file")
    add_meta(extract)
    extract.add_argument("--json", action="store_true", help="print the extraction as JSON")

    db = sub.add_parser("db", help="database schema")
    db.add_argument("db_command", choices=["upgrade", "current"])

    add_slack_cli(sub)
    add_discord_cli(sub)
    add_digest_cli(sub)
    add_alerts_cli(sub)
    add_feeds_cli(sub)
    add_story_cli(sub)
    return parser


COMMANDS = {
    "run": cmd_run,
    "ask": cmd_ask,
    "ingest": cmd_ingest,
    "db": cmd_db,
    "slack": run_slack_cli,
    "discord": run_discord_cli,
    "digest": run_digest_cli,
    "alerts": run_alerts_cli,
    "feeds": run_feeds_cli,
    "story": run_story_cli,
}


# Verbs that read no setting but the logging ones: they skip building `Settings`
SETTINGS_FREE: dict[str, Callable[[argparse.Namespace], int]] = {"extract": cmd_extract}


def _settings_problem(error: ValidationError) -> str:
    """The first invalid setting, by its environment name, and what is wrong with it — never
    its value, which may be a token or hold a password."""
    first = error.errors()[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    if not first["loc"]:  # a rule across settings (shard IDs need a shard count)
        return f"the settings are not valid: {message}"
    return f"the setting {first['loc'][0]} is not valid: {message}"


# Verbs that answer once and exit: they run with the cyclic collector off (start-up allocates
# hundreds of thousands of long-lived objects and leaves little garbage; collecting costs a
# fifth of `briefbot extract`). Every other verb turns it back on at once.
ONE_SHOT = frozenset({"ask", "extract", "db", "slack", "discord"})


def main(argv: Sequence[str] | None = None) -> int:
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.verb not in ONE_SHOT:
        gc.enable()
    if args.verb in SETTINGS_FREE:
        from bot.envlog import log_options

        try:
            level, fmt, secrets = log_options()
        except ValueError as error:
            print(f"briefbot: {error}", file=sys.stderr)
            return EXIT_USAGE
        configure_logging(level, fmt, secrets)
        return _run(args, lambda: SETTINGS_FREE[args.verb](args))
    from pydantic import ValidationError

    from bot.config import Settings

    try:
        settings = Settings()
    except ValidationError as error:
        print(f"briefbot: {_settings_problem(error)}", file=sys.stderr)
        return EXIT_USAGE
    configure_logging(settings.log_level, settings.log_format, settings.secret_values)
    return _run(args, lambda: COMMANDS[args.verb](settings, args))


def _run(args: argparse.Namespace, call: Callable[[], int]) -> int:
    """Run a verb, turning the errors a user can meet into a short message and an exit code."""
    try:
        return call()
    except BriefbotError as error:
        print(f"briefbot: {_printable(error.message)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `briefbot ask … | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # the system refused: a data folder that cannot be made, a full disk
        log.debug("system error in %s", args.verb, exc_info=True)
        where = f" ({_printable(str(error.filename))})" if error.filename else ""
        print(f"briefbot: {error.strerror or 'system error'}{where}", file=sys.stderr)
        return EXIT_FAILED
    except Exception:
        log.exception("unexpected error in %s", args.verb)
        print("briefbot: an internal error occurred; the log has the details.", file=sys.stderr)
        return EXIT_FAILED


def entry() -> NoReturn:
    """The `briefbot` console script: `main`, then, after a one-shot verb, leave without
    tearing the interpreter down: freeing the loaded registry, rules and modules object by
    object costs a third of `briefbot extract`, and the process is over. Output and log
    handlers are flushed first; other verbs exit as usual."""
    code = main()
    if sys.argv[1:2] and sys.argv[1] in ONE_SHOT:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # the reader left (`briefbot ask … | head`): not an error
            pass
        logging.shutdown()
        os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":
    entry()
