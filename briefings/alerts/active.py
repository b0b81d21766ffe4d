"""The active alert rules as matching reads them for every stored article: one light query.

Reading 1,000 channels' rules as ORM rows — three JSON columns decoded and an object built per
row, then an `AlertRule` parsed from each — was most of what matching cost per stored
article. Instead each call selects the active rules' columns as the database's own text (a
Core select: no JSON or date decoding, no ORM objects) and looks each row up in a memo of
rules already parsed. A rule unchanged since the last article is the same `AlertRule`; one
made, changed or resumed — by any process — reads differently and is parsed afresh. So there
is nothing to invalidate by hand, and nothing stale to fear across processes.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from briefings.alerts.rules import AlertRule
from briefings.store.alert_schema import AlertRuleRow

MEMO_SLACK = 256  # parsed rules kept beyond the active ones before the memo is rebuilt

R = AlertRuleRow
_COLUMNS = (  # every column `AlertRule.of` reads, as text where decoding would cost
    R.id,
    R.platform,
    R.channel,
    cast(R.kinds, String),
    cast(R.actors, String),
    cast(R.figures, String),
    R.jump_percent,
    R.contradictions,
    R.quiet_start,
    R.quiet_end,
    R.zone,
    R.max_per_hour,
    R.story_id,
    cast(R.created_at, String),
    R.created_by,
)
_memo: dict[tuple[Any, ...], AlertRule] = {}
_lock = threading.Lock()


def active_rules(session: Session) -> list[AlertRule]:
    """The rules not paused, in id order, each parsed once per version of it."""
    query = select(*_COLUMNS).where(R.paused_at.is_(None)).order_by(R.id)
    rows = [tuple(row) for row in session.execute(query)]
    found: dict[tuple[Any, ...], AlertRule] = {}
    missing: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        rule = _memo.get(row)
        if rule is None:
            missing[row[0]] = row
        else:
            found[row] = rule
    if missing:
        parsed = session.scalars(select(AlertRuleRow).where(AlertRuleRow.id.in_(list(missing))))
        fresh = {rule.id: rule for rule in map(AlertRule.of, parsed)}
        new = {row: fresh[rule_id] for rule_id, row in missing.items() if rule_id in fresh}
        found.update(new)  # (a rule deleted meanwhile is simply not active any more)
        with _lock:
            if len(_memo) + len(new) > len(rows) + MEMO_SLACK:
                _memo.clear()  # versions of rules since changed or removed: forget them
            _memo.update(new)
    return [found[row] for row in rows if row in found]
