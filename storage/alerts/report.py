"""The activity report: per-marketplace outcomes, percentiles of the time to notice and to removal, weekly series."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.alerts.lifecycle import CONFIRMED_PATH, now_utc
from storage.models import Alert, AlertLink, AlertStatus, Listing, Notice, NoticeStatus
from storage.notices import unknown_rechecks_by_marketplace


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class MarketplaceReport:
    marketplace: str
    opened: int
    confirmed: int
    dismissed: int
    #: confirmed / (confirmed + dismissed): the precision analysts observe
    precision: float | None
    notices_sent: int
    removed: int
    relistings: int
    #: follow-up re-checks that met a block, captcha or unreadable page (retried, never read as live)
    unknown_rechecks: int
    first_seen_to_notice_median_hours: float | None
    first_seen_to_notice_p90_hours: float | None
    notice_to_removal_median_hours: float | None
    notice_to_removal_p90_hours: float | None


@dataclass(frozen=True)
class WeekCount:
    #: the Monday that starts the ISO week
    week: date
    opened: int


@dataclass(frozen=True)
class ActivityReport:
    since: datetime | None
    generated_at: datetime
    marketplaces: list[MarketplaceReport]
    total: MarketplaceReport
    weeks: list[WeekCount]


@dataclass
class _Tally:
    opened: int = 0
    confirmed: int = 0
    dismissed: int = 0
    notices_sent: int = 0
    removed: int = 0
    relistings: int = 0
    unknown_rechecks: int = 0
    to_notice: list[float] = field(default_factory=list)
    to_removal: list[float] = field(default_factory=list)

    def add(self, other: _Tally) -> None:
        for name in ("opened", "confirmed", "dismissed", "notices_sent", "removed", "relistings",
                     "unknown_rechecks"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.to_notice += other.to_notice
        self.to_removal += other.to_removal

    def report(self, marketplace: str) -> MarketplaceReport:
        decided = self.confirmed + self.dismissed
        return MarketplaceReport(
            marketplace=marketplace,
            opened=self.opened,
            confirmed=self.confirmed,
            dismissed=self.dismissed,
            precision=round(self.confirmed / decided, 3) if decided else None,
            notices_sent=self.notices_sent,
            removed=self.removed,
            relistings=self.relistings,
            unknown_rechecks=self.unknown_rechecks,
            first_seen_to_notice_median_hours=_hours(percentile(self.to_notice, 50)),
            first_seen_to_notice_p90_hours=_hours(percentile(self.to_notice, 90)),
            notice_to_removal_median_hours=_hours(percentile(self.to_removal, 50)),
            notice_to_removal_p90_hours=_hours(percentile(self.to_removal, 90)),
        )


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600.0, 1)


def _week_start(moment: datetime) -> date:
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def activity_report(
    session: Session, *, since: datetime | None = None, now: datetime | None = None, max_weeks: int = 26
) -> ActivityReport:
    """Per-marketplace outcomes of alerts opened since ``since`` (all time when None).

    The weekly series runs from ``since`` to now, or covers the last ``max_weeks`` weeks.
    """
    generated = now_utc(now)
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    weeks: dict[date, int] = defaultdict(int)
    rows = select(
        Alert.marketplace, Alert.status, Alert.opened_at, Alert.notified_at, Alert.removed_at,
        Listing.first_seen_at,
    ).join(Listing, Listing.id == Alert.listing_id)
    if since is not None:
        rows = rows.where(Alert.opened_at >= since)
    for market, status, opened, notified, removed, first_seen in session.execute(rows):
        tally = tallies[market]
        tally.opened += 1
        weeks[_week_start(opened)] += 1
        if status in CONFIRMED_PATH:
            tally.confirmed += 1
        elif status == AlertStatus.DISMISSED.value:
            tally.dismissed += 1
        if removed is not None:
            tally.removed += 1
        if notified is not None:
            tally.to_notice.append(max(0.0, (notified - first_seen).total_seconds()))
            if removed is not None and removed >= notified:
                tally.to_removal.append((removed - notified).total_seconds())

    sent = select(Notice.marketplace, func.count()).where(Notice.status == NoticeStatus.SENT.value)
    if since is not None:
        sent = sent.where(Notice.sent_at >= since)
    for market, count in session.execute(sent.group_by(Notice.marketplace)):
        tallies[market].notices_sent += int(count)

    relisted = (
        select(Alert.marketplace, func.count(func.distinct(AlertLink.alert_id)))
        .join(AlertLink, AlertLink.alert_id == Alert.id)
        .where(AlertLink.reason.in_(("relisted", "same_seller", "same_identifier", "same_photo")))
    )
    if since is not None:
        relisted = relisted.where(Alert.opened_at >= since)
    for market, count in session.execute(relisted.group_by(Alert.marketplace)):
        tallies[market].relistings += int(count)

    for market, count in unknown_rechecks_by_marketplace(session, since).items():
        tallies[market].unknown_rechecks += count

    total = _Tally()
    for tally in tallies.values():
        total.add(tally)
    return ActivityReport(
        since=since,
        generated_at=generated,
        marketplaces=[tallies[m].report(m) for m in sorted(tallies)],
        total=total.report("all"),
        weeks=_week_series(weeks, since=since, now=generated, max_weeks=max_weeks),
    )


def _week_series(counts: dict[date, int], *, since: datetime | None, now: datetime, max_weeks: int) -> list[WeekCount]:
    """Every week up to now, empty weeks included: from ``since`` when given, else the last ``max_weeks``."""
    last = _week_start(now)
    if since is not None:
        first = _week_start(since)
    else:
        first = max(min(counts, default=last), last - timedelta(weeks=max_weeks - 1))
    series: list[WeekCount] = []
    week = first
    while week <= last:
        series.append(WeekCount(week=week, opened=counts.get(week, 0)))
        week += timedelta(weeks=1)
    return series
