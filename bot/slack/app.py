"""The Slack app: slash commands and buttons, generated from the command registry.

Every request is acknowledged at once (Slack allows 3 seconds), before any database work or
rendering, and answered afterwards through its `response_url`: privately by default, with a
button to share the card in the channel. The answer is worked out in `AnswerWork`'s own small
thread pool, so the event loop that accepts (and acks) requests is never busy with it.
Buttons carry their whole state (`bot.actions`), so they keep working across restarts and
replicas. Anything that goes wrong reaches the user as one short apology; the log gets the
detail (never a token or a response_url).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.actions import ActionKind, ActionState, decode_action
from bot.app import BotCore
from bot.config import Settings
from bot.slack.admin import AdminChecker
from bot.slack.client import make_web_client
from bot.slack.commands import UMBRELLA, command_line, needs_admin, slack_text, slash_names
from bot.slack.commands import umbrella_line as umbrella_command_line
from bot.slack.dedupe import RecentDeliveries, skip_repeated_deliveries
from bot.slack.delivery import (
    delete_original,
    post_public,
    send_private,
    upload_chart,
    with_sharer,
)
from bot.slack.render import (
    ACTION_NEXT,
    ACTION_PREVIOUS,
    ACTION_QUOTES,
    ACTION_SHARE,
    VIEW_ACTIONS,
    render_slack,
    render_slack_quotes,
)
from bot.slack.work import AnswerWork, Message, Renderer
from briefings.cards import Card, CardKind
from briefings.commands.registry import ChatPlace

log = logging.getLogger("briefbot.slack")

SORRY = "Sorry — something went wrong; the team has been told."
EXPIRED = "That button no longer works — please run the command again."

Ack = Callable[..., Awaitable[Any]]
Body = dict[str, Any]


def _user_and_team(body: Body) -> tuple[str, str]:
    """The asking user and workspace, from a slash command or an interaction payload."""
    user = body.get("user")
    team = body.get("team")
    user_id = user.get("id", "") if isinstance(user, dict) else str(body.get("user_id", ""))
    team_id = team.get("id", "") if isinstance(team, dict) else str(body.get("team_id", ""))
    return str(user_id), str(team_id)


def _channel(body: Body) -> str:
    channel = body.get("channel")
    if isinstance(channel, dict):
        return str(channel.get("id", ""))
    container = body.get("container")
    if isinstance(container, dict) and container.get("channel_id"):
        return str(container["channel_id"])
    return str(body.get("channel_id", ""))


def _on_private_message(body: Body) -> bool:
    """Whether the clicked button sits on an ephemeral (only-you-can-see) message."""
    container = body.get("container")
    return not isinstance(container, dict) or bool(container.get("is_ephemeral", True))


def _action_state(body: Body) -> ActionState | None:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        return None
    value = actions[0].get("value")
    return decode_action(value) if isinstance(value, str) else None


def _shareable(card: Card) -> bool:
    return card.kind != CardKind.ERROR


def _card_messages(card: Card) -> list[Message]:
    return render_slack(card, shareable=_shareable(card))


class SlackHandlers:
    """The listeners: each acks at once and hands the answer to `work` (the core's query and
    the rendering in its threads, the posting in a task it keeps), then returns."""

    def __init__(self, core: BotCore, admins: AdminChecker, work: AnswerWork) -> None:
        self.core = core
        self.admins = admins
        self.work = work

    async def ask(
        self, client: AsyncWebClient, body: Body, line: str, render: Renderer
    ) -> tuple[Card, list[Message]]:
        """Run a command line as the user who asked (admin looked up only when it matters)
        and render its card, both in the answer pool."""
        admin = False
        user_id, team_id = _user_and_team(body)
        if needs_admin(self.core.commands, line):
            admin = await self.admins.is_admin(client, user_id, team_id)
        place = ChatPlace(platform="slack", channel=_channel(body), user=user_id or None)
        return await self.work.answer(line, admin=admin, place=place, render=render)

    # -- slash commands -------------------------------------------------------------------

    async def slash_command(self, ack: Ack, body: Body, client: AsyncWebClient) -> None:
        await ack()
        name = str(body.get("command", "")).lstrip("/").lower()
        line = command_line(name, slack_text(str(body.get("text", ""))))
        self.work.spawn(self._answer(client, body, line))

    async def umbrella(self, ack: Ack, body: Body, client: AsyncWebClient) -> None:
        await ack()
        text = slack_text(str(body.get("text", "")))
        self.work.spawn(self._answer(client, body, umbrella_command_line(self.core.commands, text)))

    async def _answer(self, client: AsyncWebClient, body: Body, line: str) -> None:
        response_url = body.get("response_url")
        if not isinstance(response_url, str):
            log.warning("Slack command without a response_url; ignored")
            return
        try:
            _, messages = await self.ask(client, body, line, _card_messages)
            await send_private(response_url, messages, session=self.work.session())
        except Exception:
            log.exception("Slack command %s failed", line.split(maxsplit=1)[0][:40])
            await self._sorry(response_url)

    # -- buttons --------------------------------------------------------------------------

    async def page(self, ack: Ack, body: Body, client: AsyncWebClient) -> None:
        """Another page: in place on a private card; privately for a card in the channel
        (one reader paging must not change the channel's message for everyone)."""
        await ack()
        self.work.spawn(self._button(client, body, "page", self._page))

    async def quotes(self, ack: Ack, body: Body, client: AsyncWebClient) -> None:
        """The cited sentences of the card's page, privately."""
        await ack()
        self.work.spawn(self._button(client, body, "quotes", self._quotes))

    async def share(self, ack: Ack, body: Body, client: AsyncWebClient) -> None:
        """Post the private card in the channel, then remove the private copy."""
        await ack()
        self.work.spawn(self._button(client, body, "share", self._share))

    async def _button(
        self,
        client: AsyncWebClient,
        body: Body,
        what: str,
        answer: Callable[[AsyncWebClient, Body, str, ActionState], Awaitable[None]],
    ) -> None:
        response_url = body.get("response_url")
        state = _action_state(body)
        try:
            if not isinstance(response_url, str):
                log.warning("Slack %s button without a response_url; ignored", what)
                return
            if state is None:
                await send_private(response_url, [{"text": EXPIRED}], session=self.work.session())
                return
            await answer(client, body, response_url, state)
        except Exception:
            log.exception("Slack %s button failed", what)
            await self._sorry(response_url)

    async def _page(
        self, client: AsyncWebClient, body: Body, response_url: str, state: ActionState
    ) -> None:
        _, messages = await self.ask(client, body, state.line, _card_messages)
        # another view "aside" (an alert's timeline) never replaces the message clicked on
        in_place = _on_private_message(body) and state.kind == ActionKind.PAGE
        await send_private(
            response_url, messages, replace_original=in_place, session=self.work.session()
        )

    async def _quotes(
        self, client: AsyncWebClient, body: Body, response_url: str, state: ActionState
    ) -> None:
        _, messages = await self.ask(client, body, state.line, render_slack_quotes)
        await send_private(response_url, messages, session=self.work.session())

    async def _share(
        self, client: AsyncWebClient, body: Body, response_url: str, state: ActionState
    ) -> None:
        card, messages = await self.ask(client, body, state.line, render_slack)
        if card.kind == CardKind.ERROR:
            await send_private(response_url, messages, session=self.work.session())
            return
        user_id, _ = _user_and_team(body)
        channel = _channel(body)
        session = self.work.session()
        shared = with_sharer(messages, user_id)
        await post_public(client, channel, response_url, shared, session=session)
        await delete_original(response_url, session=session)
        if card.chart is not None and channel:
            await upload_chart(client, channel, card.chart)

    # -- failures -------------------------------------------------------------------------

    async def _sorry(self, response_url: object) -> None:
        if not isinstance(response_url, str):
            return
        try:
            await send_private(response_url, [{"text": SORRY}], session=self.work.session())
        except Exception as error:
            log.error("could not tell the user about the failure (%s)", type(error).__name__)

    async def on_error(self, error: Exception, body: Body, context: AsyncBoltContext) -> None:
        """Errors bolt caught outside our listeners (middleware, unexpected payloads).

        The apology goes to the body's response_url only once bolt has verified and
        authorised the request: an error can happen before that, and an unverified body's
        URL is anyone's (the bot must not POST wherever a stranger points it)."""
        log.error("Slack request failed (%s)", type(error).__name__, exc_info=error)
        if context.authorize_result is None:
            return
        await self._sorry(body.get("response_url") if isinstance(body, dict) else None)


def build_slack_app(
    core: BotCore,
    settings: Settings,
    *,
    client: AsyncWebClient | None = None,
    work: AnswerWork | None = None,
) -> AsyncApp:
    """An `AsyncApp` serving every registry command, the umbrella command and the buttons.

    Works for both modes: HTTP requests are verified with the signing secret, Socket Mode
    requests (already authenticated by the connection) skip that check inside bolt. Answers
    run in `work` (the caller drains it on shutdown; a fresh one when not given).

    `process_before_response=True`: bolt awaits the listener and then responds, instead of
    starting it as a task and polling every 10 ms for the ack. Our listeners only ack and
    hand the answer to `work`, so awaiting them is the quickest way to the HTTP response.
    """
    secret = settings.slack_signing_secret
    app = AsyncApp(
        name="briefbot",
        client=client or make_web_client(settings, retry_server_errors=True),
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=True,
        logger=logging.getLogger("briefbot.slack.bolt"),
    )
    answers = work or AnswerWork(core, settings.answer_workers, processes=settings.answer_processes)
    handlers = SlackHandlers(core, AdminChecker(settings.slack_admin_ids), answers)
    app.middleware(skip_repeated_deliveries(RecentDeliveries()))
    for name in slash_names(core.commands):
        app.command(f"/{name}")(handlers.slash_command)
    app.command(f"/{UMBRELLA}")(handlers.umbrella)
    app.action(ACTION_PREVIOUS)(handlers.page)
    app.action(ACTION_NEXT)(handlers.page)
    app.action(ACTION_QUOTES)(handlers.quotes)
    app.action(ACTION_SHARE)(handlers.share)
    app.action(VIEW_ACTIONS)(handlers.page)  # another view (the timeline's background): a page
    app.error(handlers.on_error)
    return app
