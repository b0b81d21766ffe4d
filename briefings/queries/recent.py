"""What "recent" means on a timeline: the last weeks of the story that have entries.

A story's timeline holds its news and its history: the week of an offensive and the war of
the 1990s it recalls. The reader asking `/timeline` wants the news first, so the timeline is
split at a day computed from the data, never from the wall clock:

- The *anchor* is the start date of the newest entry (of the timeline asked for: an actor's,
  a kind's) that is not after the newest publication date in the corpus. The newest entry,
  not the newest article, because an article published today may only recall history and
  the story's last active weeks are then still the news. Not after the newest article,
  because an entry dated after every article is a forecast or a misreading ("elections in
  2028") and must not drag the recent period into the future.
- The *recent period* is the `days` days ending on the anchor (`BRIEFBOT_RECENT_DAYS`,
  default 14): entries starting on or after its first day, forecasts after the anchor
  included. The *background* is every entry starting before it — a month- or year-dated
  entry ("2023-09", "1994") counts as recent only if it starts inside the period.

Why not the wall clock: an archive or the shipped seeds (September 2023) read today would
have no recent period at all, and every answer would change at midnight. Both reads are one
step along an index (the newest publication date, the newest entry), whatever the corpus size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from briefings.queries.profiles import newest_publication
from briefings.queries.timeline import TimelineFilter, newest_entry_day

RECENT_DAYS = 14


@dataclass(frozen=True)
class RecentWindow:
    """The recent period of a timeline: `days` days from `start` to `end` (the anchor)."""

    start: date
    end: date
    days: int
    newest_article: date | None  # the corpus's newest publication date, when any is known

    @property
    def background_until(self) -> date:
        """The last day an entry may start on to be background."""
        return self.start - timedelta(days=1)


def recent_window(
    session: Session, where: TimelineFilter, days: int = RECENT_DAYS
) -> RecentWindow | None:
    """The recent period of the timeline `where` selects (its own date bounds ignored), or
    None when it has no dated entries at all."""
    days = max(1, days)
    scope = TimelineFilter(
        actor=where.actor, outlet=where.outlet, kind=where.kind, words=where.words
    )
    newest_article = newest_publication(session)
    anchor = newest_entry_day(session, scope, until=newest_article)
    if anchor is None and newest_article is not None:  # only forecasts: the newest of them
        anchor = newest_entry_day(session, scope)
    if anchor is None:
        return None
    return RecentWindow(anchor - timedelta(days=days - 1), anchor, days, newest_article)
