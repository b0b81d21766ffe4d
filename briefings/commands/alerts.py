"""/alerts [subscribe|unsubscribe|test] — this channel's alert rule, managed in chat.

Changing the rule changes what a whole channel receives, so subscribe, unsubscribe and test
are for channel managers; `/alerts` alone (the rule and the last alerts) only reads. The
channel is the one the command was typed in; a channel bound to a story alerts on that story
only (the rule records the story when it is made).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from briefings.alerts.card import sample_card
from briefings.alerts.ledger import recent
from briefings.alerts.rules import AlertRule, get_rule, subscribe, unsubscribe
from briefings.alerts.settings import alert_settings
from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.registry import ChatPlace, Command, CommandContext, Permission
from briefings.errors import InputError

ACTIONS = ("list", "subscribe", "unsubscribe", "test")
OPTIONS = ("kinds", "actors", "figures", "jump", "contradictions", "quiet", "tz", "max")


class AlertsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["list", "subscribe", "unsubscribe", "test"] = Field(
        "list",
        description="list (default), subscribe, unsubscribe or test",
        json_schema_extra={"kind": "choice", "choices": list(ACTIONS)},
    )
    kinds: str | None = Field(None, description="subscribe: event kinds, comma-separated")
    actors: str | None = Field(None, description="subscribe: actors, comma-separated")
    figures: str | None = Field(None, description="subscribe: thresholds, e.g. killed>=10")
    jump: str | None = Field(None, description="subscribe: a figure rising by this %, e.g. 50%")
    contradictions: Literal["yes", "no"] | None = Field(
        None,
        description="subscribe: alert when one side denies what another asserts",
        json_schema_extra={"kind": "choice", "choices": ["yes", "no"]},
    )
    quiet: str | None = Field(None, description="subscribe: quiet hours, e.g. 22:00-07:00")
    tz: str | None = Field(None, description="subscribe: IANA time zone of quiet hours")
    max: str | None = Field(None, description="subscribe: alerts per hour, e.g. 6/h")


def _place(context: CommandContext) -> ChatPlace:
    return context.place or ChatPlace(platform="console", channel="console")


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _require_admin(context: CommandContext, action: str) -> None:
    if not context.admin:
        raise InputError(f"Only channel managers can use /alerts {action}.")


def _fields(rule: AlertRule) -> list[CardField]:
    fields = []
    for name, values in (
        ("Kinds", rule.kinds),
        ("Actors", rule.actors),
        ("Figures", tuple(t.describe() for t in rule.figures)),
    ):
        if values:
            fields.append(CardField(name=name, value=", ".join(values)))
    if rule.jump_percent is not None:
        fields.append(CardField(name="Jump", value=f"{rule.jump_percent}%"))
    if rule.contradictions:
        fields.append(CardField(name="Contradictions", value="yes"))
    if rule.quiet is not None:
        fields.append(CardField(name="Quiet hours", value=rule.quiet.describe()))
    fields.append(CardField(name="At most", value=f"{rule.max_per_hour} an hour"))
    if rule.story_id is not None:
        fields.append(CardField(name="Story", value=f"#{rule.story_id} only"))
    if rule.paused_reason:
        fields.append(CardField(name="Paused", value=rule.paused_reason))
    return fields


def _subscribe(context: CommandContext, params: AlertsParams, place: ChatPlace) -> Card:
    _require_admin(context, "subscribe")
    with context.db.session() as session:
        rule = subscribe(
            session,
            platform=place.platform,
            channel=place.channel,
            kinds=_split(params.kinds),
            actors=_split(params.actors),
            figures=_split(params.figures),
            jump=params.jump,
            contradictions=params.contradictions == "yes",
            quiet=params.quiet,
            zone=params.tz,
            max_per_hour=params.max,
            created_by=place.user,
        )
    return Card(
        title="Alerts subscribed",
        lead="This channel hears when something it asked for is reported — once per "
        "happening, edited as more outlets report it. Only news stored from now on counts.",
        fields=_fields(rule),
    )


def _current(context: CommandContext, place: ChatPlace) -> AlertRule:
    with context.db.session() as session:
        rule = get_rule(session, place.platform, place.channel)
    if rule is None:
        raise InputError(
            "This channel has no alerts. A channel manager can start them: "
            "/alerts subscribe kinds:offensive,ceasefire figures:killed>=10"
        )
    return rule


def _list(context: CommandContext, place: ChatPlace) -> Card:
    rule = _current(context, place)
    last = recent(context.db, place.platform, place.channel, alert_settings().recent_alerts)
    items = [
        CardItem(
            text=alert.headline,
            date=f"{alert.sent_at:%Y-%m-%d %H:%M} UTC" if alert.sent_at else None,
            detail=", ".join(alert.outlets) or None,
        )
        for alert in last
    ]
    return Card(
        title="Alerts",
        lead="This channel's alert rule and its last alerts.",
        fields=_fields(rule),
        sections=[CardSection(title="Last alerts", items=items, empty_text="None yet.")],
    )


def run_alerts_command(context: CommandContext, params: AlertsParams) -> Card:
    given = [name for name in OPTIONS if getattr(params, name) is not None]
    if given and params.action != "subscribe":
        raise InputError(f"/alerts {params.action} takes no {given[0]}: option.")
    place = _place(context)
    if params.action == "subscribe":
        return _subscribe(context, params, place)
    if params.action == "unsubscribe":
        _require_admin(context, "unsubscribe")
        with context.db.session() as session:
            if not unsubscribe(session, place.platform, place.channel):
                raise InputError("This channel has no alerts.")
        return Card(title="Alerts stopped", lead="This channel gets no more alerts.")
    if params.action == "test":
        _require_admin(context, "test")
        _current(context, place)
        return sample_card(f"{place.platform}:{place.channel}")
    return _list(context, place)


ALERTS = Command(
    name="alerts",
    summary="This channel's alerts: list, subscribe, unsubscribe, test",
    params=AlertsParams,
    handler=run_alerts_command,
    permission=Permission.ADMIN_ACTIONS,
    positional="action",
    scoped=False,
    examples=(
        "/alerts",
        "/alerts subscribe kinds:offensive,ceasefire figures:killed>=10",
        "/alerts subscribe actors:Azerbaijan jump:50% quiet:22:00-07:00 tz:Europe/Berlin max:6/h",
        "/alerts test",
    ),
)
