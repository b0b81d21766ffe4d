"""Deliver pending alerts: edits first, then each channel's new alerts within its calm rules.

Safe from any number of processes at once (the ledger lets one caller have each alert) and
as often as wanted (cron, or right after a feed poll stored articles). Per channel:

- during its quiet hours nothing is posted (edits excepted: they do not notify);
- alerts queued during quiet hours go out as one summary once they end;
- at most `max_per_hour` alerts an hour; the rest go out as one "N more" summary (one per
  clock hour; beyond that they wait for the next hour);
- a post or edit that fails ends the channel's turn in this run (the rest wait, nothing is
  hammered) and is retried by a later run; `pause_after` failures in a row (fewer when the
  channel is gone or closed to us) pause the channel's alerts — posts and edits — and its
  rule's maker is told once, with the digests' bookkeeping (`briefings.pauses`), threshold
  (`pause_threshold`) and notice (`ALERTS_PAUSED`). `/alerts subscribe` again, or
  `briefbot alerts resume`, resumes them.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.alerts.delivery import AlertDeliverer, AlertPost
from bot.app import BotCore
from bot.digests.fanout import RateLimiter, limiter_for
from bot.digests.run_due import error_text, pause_threshold
from bot.metrics import ALERT_PAUSES
from briefings.alerts import ledger
from briefings.alerts.card import alert_card, summary_card
from briefings.alerts.ledger import Alert
from briefings.alerts.rules import AlertRule, list_rules

log = logging.getLogger("briefbot.alerts")


@dataclass(frozen=True)
class AlertOutcome:
    """What happened to one alert (or summary) in this run: one output line."""

    label: str
    key: str
    status: str  # sent | edited | summary | held | failed | paused | no-deliverer
    message_id: str | None = None
    detail: str = ""

    @property
    def delivered(self) -> bool:
        return self.status in ("sent", "summary")

    def describe(self) -> str:
        extra = f" {self.message_id}" if self.message_id else ""
        note = f" — {self.detail}" if self.detail else ""
        return f"{self.label} {self.key} {self.status}{extra}{note}"


class _Run:
    def __init__(
        self,
        core: BotCore,
        now: datetime,
        deliverers: Mapping[str, AlertDeliverer],
        pause_after: int,
    ) -> None:
        self.db = core.db
        self.now = now
        self.deliverers = deliverers
        self.pause_after = pause_after
        self.limiters: dict[str, RateLimiter] = {p: limiter_for(p) for p in deliverers}
        self.outcomes: list[AlertOutcome] = []
        self.failing: set[str] = set()  # channels that failed in this run: left alone

    def _say(self, alert_label: str, key: str, status: str, **extra: str | None) -> None:
        self.outcomes.append(
            AlertOutcome(
                alert_label, key, status, extra.get("message_id"), extra.get("detail") or ""
            )
        )

    async def edit(self, rule: AlertRule, alert: Alert) -> None:
        deliverer = self.deliverers.get(alert.platform)
        if deliverer is None or alert.message_id is None or rule.label in self.failing:
            return
        if not await asyncio.to_thread(ledger.claim_edit, self.db, alert):
            return
        card = await asyncio.to_thread(alert_card, self.db, alert)
        post = AlertPost(alert.platform, alert.channel, alert.happening, card)
        try:
            await self.limiters[alert.platform].acquire()
            await deliverer.edit(post, alert.message_id)
        except Exception as error:
            await asyncio.to_thread(ledger.release_edit, self.db, alert)
            await self.failed(rule, deliverer, alert.happening, error, what="edit: ")
            return
        self._say(alert.label, alert.happening, "edited", message_id=alert.message_id)

    async def channel(self, rule: AlertRule, alerts: Sequence[Alert]) -> None:
        deliverer = self.deliverers.get(rule.platform)
        if deliverer is None:
            self._say(rule.label, f"{len(alerts)} alert(s)", "no-deliverer")
            return
        quiet = rule.quiet
        if quiet is not None and quiet.contains(self.now):
            self._say(rule.label, f"{len(alerts)} alert(s)", "held", detail="quiet hours")
            return
        held = [a for a in alerts if quiet is not None and quiet.contains(a.created_at)]
        rest = [a for a in alerts if a not in held]
        if held:
            local_day = self.now.astimezone(rule.tz).date()
            title = f"While quiet hours held them: {len(held)} alert{'s' * (len(held) != 1)}"
            if not await self.summarise(rule, deliverer, held, f"summary:quiet:{local_day}", title):
                rest = [*held, *rest]  # that summary went out already: treat them as new
        used = await asyncio.to_thread(
            ledger.posted_in_last_hour, self.db, rule.platform, rule.channel, self.now
        )
        room = max(0, rule.max_per_hour - used)
        for alert in rest[:room]:
            if rule.label in self.failing:
                return
            await self.post(rule, deliverer, alert)
        over = rest[room:]
        if over and rule.label not in self.failing:
            hour = self.now.astimezone(rule.tz)
            key = f"summary:cap:{hour:%Y-%m-%dT%H}"
            title = f"{len(over)} more alert{'s' * (len(over) != 1)} this hour"
            await self.summarise(rule, deliverer, over, key, title)

    async def post(self, rule: AlertRule, deliverer: AlertDeliverer, alert: Alert) -> None:
        token, claimed = await asyncio.to_thread(ledger.claim, self.db, [alert], self.now)
        if not claimed:
            return  # another process has it
        current = claimed[0]
        try:
            card = await asyncio.to_thread(alert_card, self.db, current)
            post = AlertPost(
                rule.platform,
                rule.channel,
                current.happening,
                card,
                current.attempts,
                since=current.created_at - timedelta(minutes=1),
            )
            await self.limiters[rule.platform].acquire()
            message_id = await deliverer.post(post)
        except Exception as error:
            await self.unclaim([current], token, error)
            await self.failed(rule, deliverer, current.happening, error)
            return
        await asyncio.to_thread(
            ledger.finish,
            self.db,
            [current],
            token,
            self.now,
            status=ledger.SENT,
            message_id=message_id,
        )
        await asyncio.to_thread(ledger.record_success, self.db, rule.platform, rule.channel)
        self._say(rule.label, current.happening, "sent", message_id=message_id)

    async def summarise(
        self,
        rule: AlertRule,
        deliverer: AlertDeliverer,
        alerts: Sequence[Alert],
        key: str,
        title: str,
    ) -> bool:
        """One post for `alerts`; False when this summary was posted already."""
        summary = await asyncio.to_thread(
            ledger.claim_summary, self.db, rule.platform, rule.channel, key, title, self.now
        )
        if summary is None:
            return False
        row_id, summary_token = summary
        token, claimed = await asyncio.to_thread(ledger.claim, self.db, alerts, self.now)
        post = AlertPost(rule.platform, rule.channel, key, summary_card(title, claimed))
        try:
            if claimed:
                await self.limiters[rule.platform].acquire()
                message_id: str | None = await deliverer.post(post)
            else:
                message_id = None
        except Exception as error:
            await asyncio.to_thread(
                ledger.finish_summary,
                self.db,
                row_id,
                summary_token,
                self.now,
                None,
                error_text(error),
            )
            await self.unclaim(claimed, token, error)
            await self.failed(rule, deliverer, key, error)
            return True
        await asyncio.to_thread(
            ledger.finish_summary, self.db, row_id, summary_token, self.now, message_id
        )
        await asyncio.to_thread(
            ledger.finish,
            self.db,
            claimed,
            token,
            self.now,
            status=ledger.SUMMARISED,
            message_id=message_id,
        )
        if claimed:
            self._say(
                rule.label, key, "summary", message_id=message_id, detail=f"{len(claimed)} alerts"
            )
        return True

    async def unclaim(self, alerts: Sequence[Alert], token: str, error: Exception) -> None:
        """Claimed alerts that did not go out: failed, for a later run to retry."""
        await asyncio.to_thread(
            ledger.finish,
            self.db,
            alerts,
            token,
            self.now,
            status=ledger.FAILED,
            error=error_text(error),
        )

    async def failed(
        self,
        rule: AlertRule,
        deliverer: AlertDeliverer,
        key: str,
        error: Exception,
        *,
        what: str = "",
    ) -> None:
        """Count the failure as digests do; the call that pauses the channel tells its
        manager. Either way the channel is left alone for the rest of this run."""
        self.failing.add(rule.label)
        reason = error_text(error)
        log.warning("alert %sfor %s failed: %s", what, rule.label, reason)
        paused = await asyncio.to_thread(
            ledger.record_failure,
            self.db,
            rule.platform,
            rule.channel,
            self.now,
            reason,
            pause_threshold(error, self.pause_after),
        )
        if paused is None:
            self._say(rule.label, key, "failed", detail=f"{what}{reason}")
            return
        ALERT_PAUSES.labels(rule.platform).inc()
        log.error("alerts for %s paused after repeated failures: %s", rule.label, reason)
        try:
            told = await deliverer.notify_paused(
                rule.platform, rule.channel, paused.created_by, reason
            )
        except Exception:
            told = False
        note = "its manager told" if told else "its manager could not be told"
        self._say(rule.label, key, "paused", detail=f"{what}{reason}; paused, {note}")


async def run_alerts(
    core: BotCore,
    now: datetime,
    deliverers: Mapping[str, AlertDeliverer],
    *,
    pause_after: int | None = None,
) -> list[AlertOutcome]:
    """Deliver every alert waiting at `now` (aware) through the deliverer of its platform;
    channels of a platform without a deliverer here are left for a process that has one, and
    paused channels are left alone (posts and edits). `pause_after` defaults to the digests'
    setting (`BRIEFBOT_DIGEST_PAUSE_AFTER`)."""
    db = core.db
    rules = {(r.platform, r.channel): r for r in await asyncio.to_thread(_rules, core)}
    made = {key: rule.created_at for key, rule in rules.items()}
    await asyncio.to_thread(ledger.drop_orphans, db, made, now)
    run = _Run(core, now, deliverers, pause_after or core.settings.digest_pause_after)
    for alert in await asyncio.to_thread(ledger.to_edit, db):
        rule = rules.get((alert.platform, alert.channel))
        if rule is not None and not rule.paused:
            await run.edit(rule, alert)
    by_channel: dict[tuple[str, str], list[Alert]] = defaultdict(list)
    for alert in await asyncio.to_thread(ledger.waiting, db, now):
        by_channel[(alert.platform, alert.channel)].append(alert)
    for key, alerts in by_channel.items():
        rule = rules.get(key)
        if rule is not None and not rule.paused:
            await run.channel(rule, alerts)
    return run.outcomes


def _rules(core: BotCore) -> list[AlertRule]:
    with core.db.session() as session:
        return list_rules(session)
