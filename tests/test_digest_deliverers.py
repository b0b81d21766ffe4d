"""The Slack and Discord digest deliverers against the platform emulators on 127.0.0.1.

Nothing of ours is mocked: the cards come from the real digest builder on a real database,
the real slack_sdk / discord.py clients post them, and what the platform would hold is read
back from the emulators. The crash cases use the emulators' "record, then hang" mode: the
platform stored the post, the poster never heard back.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import BotCore, open_core
from bot.digests.delivery import MARKER_EVENT, DeliveryError, DigestPost
from bot.discord.digests import DiscordDeliverer, digest_payloads, open_rest_client
from bot.discord.limits import CONTINUED_FOOTER
from bot.slack.client import make_web_client
from bot.slack.digests import SlackDeliverer
from bot.slack.escape import fit_mrkdwn
from bot.slack.render import render_slack
from briefings.cards import Card, CardItem, CardSection
from briefings.digests.card import build_digest
from briefings.digests.subscriptions import Subscription
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings
from tests.emulators.discord import FakeDiscord
from tests.emulators.slack import BOT_TOKEN, SlackEmulator

SLACK_CHANNEL = "C0DIGEST"
OWNER = "U0OWNER"
DISCORD_TOKEN = "discord-digest-token"
DAY = date(2025, 6, 2)
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)

STORIES = [
    """Ferry crossings resume <!channel> @everyone <@U0ASKER> <@&42> after strike

KAZAN, June 2, 2025 - The regional transport ministry said on Monday that ferry crossings
had resumed after a week-long suspension. Officials said at least 40 vessels were back in
service.
""",
    """Grain corridor talks continue in Istanbul

ISTANBUL, June 1, 2025 - Negotiators met on Sunday for a second day of talks on the grain
corridor. The Turkish foreign ministry said the talks would continue on Tuesday.
""",
]


# --- cards from the real core -----------------------------------------------------------------


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    """An unseeded core holding two stories, one with mention syntax in its headline."""
    tmp = tmp_path_factory.mktemp("digests")
    opened = open_core(make_settings(f"sqlite:///{tmp / 'd.sqlite3'}", tmp), seed=False)
    for story in STORIES:
        assert ingest_text(opened.db, story, ArticleMeta(outlet="Reuters")).stored
    yield opened
    opened.close()


def subscription(platform: str, channel: str, owner: str | None = OWNER) -> Subscription:
    return Subscription(
        platform, channel, time(8, 0), "UTC", created_at=LONG_AGO, subscribed_by=owner
    )


def digest_post(
    core: BotCore, sub: Subscription, *, attempt: int = 1, card: Card | None = None
) -> DigestPost:
    if card is None:
        card = build_digest(core.db, sub, title_date=DAY.isoformat(), since=LONG_AGO).card
    since = datetime.now(UTC) - timedelta(minutes=2)
    return DigestPost(sub, card, DAY, attempt, since)


def oversized_card(sub: Subscription) -> Card:
    """A digest-shaped card too long for one message on either platform."""
    items = [CardItem(text=f"Item {n} " + "long headline words " * 90) for n in range(30)]
    return Card(
        title="Daily digest — big day",
        lead="Many new articles.",
        sections=[CardSection(title="New articles", items=items)],
        footer=f"Digest for {sub.label}",
    )


# --- Slack ------------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def slack() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator() as emulator:
        yield emulator


def slack_client(slack: SlackEmulator, tmp_path: Path, *, timeout: int = 30) -> AsyncWebClient:
    settings = make_settings(
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        tmp_path,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_API_URL=slack.api_url,
    )
    client = make_web_client(settings)
    client.timeout = timeout
    return client


def marker_of(message: dict[str, Any]) -> str | None:
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    return payload.get("marker")


@pytest.mark.asyncio
async def test_slack_digest_goes_out_with_its_marker_and_inert_text(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    post = digest_post(core, subscription("slack", SLACK_CHANNEL))
    ts = await SlackDeliverer(slack_client(slack, tmp_path)).deliver(post)

    [message] = slack.channel_messages(SLACK_CHANNEL)
    assert message["ts"] == ts
    assert message["metadata"] == {
        "event_type": MARKER_EVENT,
        "event_payload": {"marker": post.marker, "part": 1, "parts": 1},
    }
    expected = render_slack(post.card)[0]
    assert message["blocks"] == expected["blocks"]
    assert message["text"] == expected["text"]
    [call] = slack.api_calls("chat.postMessage")
    assert call.params["unfurl_links"] is False
    posted = json.dumps(message)
    assert "Ferry crossings resume" in posted
    for mention in ("<!channel>", "<@U0ASKER>", "<!here>"):
        assert mention not in posted
    assert "&lt;!channel&gt;" in posted
    assert not [b for b in message["blocks"] if b["type"] == "actions"]  # nothing to click
    assert not slack.api_calls("conversations.history")  # a first attempt does not look back


@pytest.mark.asyncio
async def test_slack_digest_offers_no_sources_button_it_cannot_make(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    """A digest has no command line to re-ask, so no Sources button, and no note saying the
    command line is too long for one (its sources are listed under its lines already)."""
    post = digest_post(core, subscription("slack", SLACK_CHANNEL))
    assert post.card.citations and not post.card.command
    await SlackDeliverer(slack_client(slack, tmp_path)).deliver(post)
    [message] = slack.channel_messages(SLACK_CHANNEL)
    assert "too long for a button" not in json.dumps(message)


@pytest.mark.asyncio
async def test_slack_retry_takes_the_post_a_dead_attempt_made(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    sub = subscription("slack", SLACK_CHANNEL)
    first = digest_post(core, sub)
    slack.hang("chat.postMessage", seconds=10)
    with pytest.raises(DeliveryError) as raised:
        await SlackDeliverer(slack_client(slack, tmp_path, timeout=1)).deliver(first)
    assert raised.value.permanent is False
    [accepted] = slack.channel_messages(SLACK_CHANNEL)
    # Another app quoting the same marker is not us.
    slack.add_message(
        SLACK_CHANNEL,
        "copy",
        bot_id="B0OTHER",
        metadata={"event_type": MARKER_EVENT, "event_payload": {"marker": first.marker}},
    )

    retry = digest_post(core, sub, attempt=2)
    ts = await SlackDeliverer(slack_client(slack, tmp_path)).deliver(retry)

    assert ts == accepted["ts"]
    assert len(slack.channel_messages(SLACK_CHANNEL)) == 2  # ours and the other app's
    assert len(slack.api_calls("chat.postMessage")) == 1
    [history] = slack.api_calls("conversations.history")
    assert history.params["include_all_metadata"] in ("1", "true", True)
    assert abs(float(history.params["oldest"]) - retry.since.timestamp()) < 1e-3


@pytest.mark.asyncio
async def test_slack_retry_with_nothing_posted_posts(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    sub = subscription("slack", SLACK_CHANNEL)
    yesterday = DigestPost(sub, digest_post(core, sub).card, DAY - timedelta(days=1), 1, LONG_AGO)
    deliverer = SlackDeliverer(slack_client(slack, tmp_path))
    earlier = await deliverer.deliver(yesterday)  # another slot's post is not this one
    ts = await deliverer.deliver(digest_post(core, sub, attempt=3))
    assert ts != earlier
    messages = slack.channel_messages(SLACK_CHANNEL)
    assert [marker_of(m) for m in messages] == [
        f"digest slack:{SLACK_CHANNEL} {(DAY - timedelta(days=1)).isoformat()}",
        f"digest slack:{SLACK_CHANNEL} {DAY.isoformat()}",
    ]


@pytest.mark.asyncio
async def test_slack_card_in_several_messages_is_completed_not_repeated(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    sub = subscription("slack", SLACK_CHANNEL)
    card = oversized_card(sub)
    parts = len(render_slack(card))
    assert parts >= 3
    slack.hang("chat.postMessage", after=1, seconds=10)  # dies while posting part 2
    with pytest.raises(DeliveryError):
        await SlackDeliverer(slack_client(slack, tmp_path, timeout=1)).deliver(
            digest_post(core, sub, card=card)
        )
    assert len(slack.channel_messages(SLACK_CHANNEL)) == 2

    retry = digest_post(core, sub, attempt=2, card=card)
    ts = await SlackDeliverer(slack_client(slack, tmp_path)).deliver(retry)

    messages = slack.channel_messages(SLACK_CHANNEL)
    assert ts == messages[0]["ts"]
    assert [m["metadata"]["event_payload"]["part"] for m in messages] == list(range(1, parts + 1))
    assert [m["blocks"] for m in messages] == [m["blocks"] for m in render_slack(card)]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda s: s.missing_channels.add(SLACK_CHANNEL), "Slack: channel_not_found"),
        (lambda s: s.closed_channels.add(SLACK_CHANNEL), "Slack: not_in_channel"),
        (lambda s: s.fail("chat.postMessage", "is_archived"), "Slack: is_archived"),
        (lambda s: s.fail("chat.postMessage", "token_revoked"), "Slack: token_revoked"),
    ],
)
async def test_slack_refusals_that_last_are_permanent(
    core: BotCore, slack: SlackEmulator, tmp_path: Path, setup: Any, reason: str
) -> None:
    setup(slack)
    with pytest.raises(DeliveryError) as raised:
        await SlackDeliverer(slack_client(slack, tmp_path)).deliver(
            digest_post(core, subscription("slack", SLACK_CHANNEL), attempt=2)
        )
    assert raised.value.permanent is True
    assert raised.value.reason == reason
    assert BOT_TOKEN not in str(raised.value)
    assert slack.channel_messages(SLACK_CHANNEL) == []


@pytest.mark.asyncio
async def test_slack_rate_limit_is_waited_out_and_an_outage_is_transient(
    core: BotCore, slack: SlackEmulator, tmp_path: Path
) -> None:
    deliverer = SlackDeliverer(slack_client(slack, tmp_path))
    post = digest_post(core, subscription("slack", SLACK_CHANNEL))
    slack.rate_limit("chat.postMessage", retry_after=1)
    await deliverer.deliver(post)
    assert [c.status for c in slack.api_calls("chat.postMessage")] == [429, 200]
    assert len(slack.channel_messages(SLACK_CHANNEL)) == 1

    slack.fail("chat.postMessage", "internal_error", status=500)
    with pytest.raises(DeliveryError) as raised:
        await deliverer.deliver(digest_post(core, subscription("slack", "C0OTHER")))
    assert (raised.value.permanent, raised.value.reason) == (False, "Slack: internal_error")


@pytest.mark.asyncio
async def test_slack_pause_notice_goes_to_the_subscriber(
    slack: SlackEmulator, tmp_path: Path
) -> None:
    deliverer = SlackDeliverer(slack_client(slack, tmp_path))
    reason = "Slack: not_in_channel <!channel>"
    assert await deliverer.notify_paused(subscription("slack", SLACK_CHANNEL), reason) is True
    [notice] = slack.channel_messages(slack.dm_channel(OWNER))
    assert f"<#{SLACK_CHANNEL}>" in notice["text"]
    assert fit_mrkdwn(reason, 300) in notice["text"]  # escaped like all text we did not write
    assert "/digest subscribe" in notice["text"]
    assert "<!channel>" not in notice["text"]

    nobody = subscription("slack", SLACK_CHANNEL, owner=None)
    assert await deliverer.notify_paused(nobody, reason) is False
    slack.missing_channels.add("U0GONE")
    gone = subscription("slack", SLACK_CHANNEL, owner="U0GONE")
    assert await deliverer.notify_paused(gone, reason) is False
    assert len(slack.api_calls("chat.postMessage")) == 2


# --- Discord ----------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(DISCORD_TOKEN)
    await fake.start()
    yield fake
    await fake.stop()
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
    assert not fake.unhandled, [f"{r.method} {r.path}" for r in fake.unhandled]


@pytest_asyncio.fixture
async def client(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[discord.Client]:
    settings = make_settings(
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        tmp_path,
        DISCORD_TOKEN=DISCORD_TOKEN,
        DISCORD_API_URL=fake.api_url,
    )
    opened = await open_rest_client(settings)
    yield opened
    await opened.close()


def channel_of(fake: FakeDiscord) -> int:
    return fake.channel_ids[fake.guild_ids[0]]


def posts(fake: FakeDiscord, channel_id: int) -> list[Any]:
    return [
        r
        for r in fake.requests
        if r.method == "POST" and r.path == f"/channels/{channel_id}/messages"
    ]


def footer_of(message: dict[str, Any]) -> str:
    return str(message["embeds"][-1]["footer"]["text"])


@pytest.mark.asyncio
async def test_rest_client_logs_in_without_a_gateway(
    fake: FakeDiscord, client: discord.Client
) -> None:
    assert client.user is not None and client.user.id == fake.app_id
    assert fake.sessions == []
    assert fake.api_url == Route.BASE


@pytest.mark.asyncio
async def test_discord_digest_goes_out_with_nonce_marker_and_no_mentions(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(fake)
    post = digest_post(core, subscription("discord", str(channel)))
    message_id = await DiscordDeliverer(client).deliver(post)

    [message] = fake.channel_messages(channel)
    assert message["id"] == message_id
    assert message["author"]["id"] == str(fake.app_id) and "webhook_id" not in message
    assert message["nonce"] == post.nonce
    [request] = posts(fake, channel)
    assert request.body["enforce_nonce"] is True
    assert request.body["allowed_mentions"] == {"parse": []}
    assert post.marker in footer_of(message)
    assert message["embeds"] == digest_payloads(post)[0]["embeds"]
    assert message["components"] == []  # no paging or Sources button on a digest
    embeds = json.dumps(message["embeds"], ensure_ascii=False)
    assert "Ferry crossings resume" in embeds
    for mention in ("@everyone", "<@U0ASKER>", "<@&42>"):
        assert mention not in embeds
    assert not [r for r in fake.requests if r.method == "GET" and "/messages" in r.path]


@pytest.mark.asyncio
async def test_discord_same_nonce_within_the_window_is_one_message(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(fake)
    post = digest_post(core, subscription("discord", str(channel)))
    deliverer = DiscordDeliverer(client)
    first = await deliverer.deliver(post)
    again = await deliverer.deliver(post)  # a retry that skipped the history check
    assert first == again
    assert len(fake.channel_messages(channel)) == 1
    assert len(posts(fake, channel)) == 2


@pytest.mark.asyncio
async def test_discord_retry_takes_the_post_a_dead_attempt_made(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(fake)
    sub = subscription("discord", str(channel))
    first = digest_post(core, sub)
    fake.hang_next("POST", rf"^/channels/{channel}/messages$", seconds=10)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(DiscordDeliverer(client).deliver(first), 0.5)  # process died
    [accepted] = fake.channel_messages(channel)
    other = fake.add_message(channel, {"embeds": [{"footer": {"text": first.marker}}]})
    fake.nonce_window = 0  # long after: only the marker can tell

    message_id = await DiscordDeliverer(client).deliver(digest_post(core, sub, attempt=2))

    assert message_id == accepted["id"] != other["id"]
    assert len(posts(fake, channel)) == 1
    [history] = [r for r in fake.requests if r.method == "GET" and "/messages" in r.path]
    assert int(history.query["after"]) < int(accepted["id"])


@pytest.mark.asyncio
async def test_discord_retry_with_nothing_posted_posts(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(fake)
    post = digest_post(core, subscription("discord", str(channel)), attempt=2)
    message_id = await DiscordDeliverer(client).deliver(post)
    assert [m["id"] for m in fake.channel_messages(channel)] == [message_id]


@pytest.mark.asyncio
async def test_discord_card_in_several_messages_is_completed_not_repeated(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(fake)
    sub = subscription("discord", str(channel))
    card = oversized_card(sub)
    payloads = digest_payloads(digest_post(core, sub, card=card))
    assert len(payloads) >= 3
    fake.hang_next("POST", rf"^/channels/{channel}/messages$", after=1, seconds=10)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(
            DiscordDeliverer(client).deliver(digest_post(core, sub, card=card)), 1.0
        )
    assert len(fake.channel_messages(channel)) == 2
    fake.nonce_window = 0

    retry = digest_post(core, sub, attempt=2, card=card)
    message_id = await DiscordDeliverer(client).deliver(retry)

    messages = fake.channel_messages(channel)
    assert message_id == messages[0]["id"]
    assert [m["embeds"] for m in messages] == [p["embeds"] for p in payloads]
    assert all(retry.marker in footer_of(m) for m in messages)
    assert footer_of(messages[0]).startswith(CONTINUED_FOOTER)
    assert len({m["nonce"] for m in messages}) == len(messages)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "code", "reason"),
    [
        (403, 50001, "Discord: Missing Access (50001)"),
        (404, 10003, "Discord: Unknown Channel (10003)"),
        (403, 50013, "Discord: Missing Permissions (50013)"),
    ],
)
async def test_discord_refusals_that_last_are_permanent(
    core: BotCore, fake: FakeDiscord, client: discord.Client, status: int, code: int, reason: str
) -> None:
    channel = channel_of(fake)
    fake.deny_channel(channel, status=status, code=code)
    with pytest.raises(DeliveryError) as raised:
        await DiscordDeliverer(client).deliver(
            digest_post(core, subscription("discord", str(channel)), attempt=2)
        )
    assert (raised.value.permanent, raised.value.reason) == (True, reason)
    assert DISCORD_TOKEN not in str(raised.value)
    assert fake.channel_messages(channel) == []


@pytest.mark.asyncio
async def test_discord_rate_limit_is_waited_out_and_an_outage_is_transient(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(fake)
    deliverer = DiscordDeliverer(client)
    fake.fail_next("POST", rf"^/channels/{channel}/messages$", status=429, retry_after=0.05)
    await deliverer.deliver(digest_post(core, subscription("discord", str(channel))))
    assert [r.status for r in posts(fake, channel)] == [429, 200]
    assert len(fake.channel_messages(channel)) == 1

    fake.fail_next("POST", r"^/channels/\d+/messages$", status=503)
    other = fake.snowflake()
    with pytest.raises(DeliveryError) as raised:
        await deliverer.deliver(digest_post(core, subscription("discord", str(other))))
    assert (raised.value.permanent, raised.value.reason) == (False, "Discord: HTTP 503")


@pytest.mark.asyncio
async def test_discord_channel_that_is_no_id_is_permanent(
    core: BotCore, fake: FakeDiscord, client: discord.Client
) -> None:
    with pytest.raises(DeliveryError) as raised:
        await DiscordDeliverer(client).deliver(
            digest_post(core, subscription("discord", "general"))
        )
    assert raised.value.permanent is True
    assert not posts(fake, 0) and not [r for r in fake.requests if "/channels/" in r.path]


@pytest.mark.asyncio
async def test_discord_pause_notice_goes_to_the_subscriber(
    fake: FakeDiscord, client: discord.Client
) -> None:
    deliverer = DiscordDeliverer(client)
    channel, owner = channel_of(fake), fake.snowflake()
    reason = "Discord: Missing Access (50001) @everyone"
    sub = subscription("discord", str(channel), owner=str(owner))
    assert await deliverer.notify_paused(sub, reason) is True
    [notice] = fake.channel_messages(fake.dm_channels[owner])
    assert f"<#{channel}>" in notice["content"]
    assert "Missing Access" in notice["content"] and "/digest subscribe" in notice["content"]
    assert "@everyone" not in notice["content"]
    [request] = posts(fake, fake.dm_channels[owner])
    assert request.body["allowed_mentions"] == {"parse": []}

    assert await deliverer.notify_paused(subscription("discord", "1", owner=None), reason) is False
    fake.closed_dms.add(owner)
    assert await deliverer.notify_paused(sub, reason) is False


@pytest.mark.asyncio
async def test_discord_client_not_logged_in_yet_is_transient(
    core: BotCore, fake: FakeDiscord
) -> None:
    starting = discord.Client(intents=discord.Intents.none())
    deliverer = DiscordDeliverer(starting)
    with pytest.raises(DeliveryError) as raised:
        await deliverer.deliver(digest_post(core, subscription("discord", str(channel_of(fake)))))
    assert raised.value.permanent is False
    owned = subscription("discord", "1", owner="42")
    assert await deliverer.notify_paused(owned, "gone") is False
    assert fake.requests == []
