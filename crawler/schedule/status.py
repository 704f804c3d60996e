"""What ``ktpwatch schedule status`` shows: jobs, their last and next runs, scan health.

Plain rows (dicts) so the CLI can print them as a table or JSON and tests can
read them directly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crawler.monitors import is_health_flag
from crawler.schedule.service import ScheduleService, stored_next_runs
from storage.schedule import JobOutcome, last_run, latest_stats_per_marketplace

JOB_COLUMNS = (
    "job", "schedule", "last_start", "last_end", "outcome", "new_alerts", "next_run", "detail",
)
HEALTH_COLUMNS = ("marketplace", "scan_id", "requests", "items", "hits", "bad", "health")


def job_rows(service: ScheduleService, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """One row per configured job.

    ``next_run`` comes from the job store when a scheduler has registered the
    job, else from the run history (what ``--once`` would do).
    """
    now = now or datetime.now(UTC)
    stored = stored_next_runs(service.engine)
    rows: list[dict[str, Any]] = []
    with service.sessions() as session:
        for spec in service.jobs:
            last = last_run(session, spec.job_id)
            last_ok = last_run(session, spec.job_id, outcomes=(JobOutcome.OK.value,))
            if spec.job_id in stored:
                next_run = stored[spec.job_id]
            else:
                due = spec.next_due(last_ok.started_at if last_ok else None, service.tz)
                next_run = due if due is not None and due > now else now
            rows.append(
                {
                    "job": spec.job_id,
                    "schedule": spec.schedule_text(),
                    "last_start": _local(last.started_at if last else None, service),
                    "last_end": _local(last.finished_at if last else None, service),
                    "outcome": last.outcome if last else "never ran",
                    "new_alerts": last.new_alerts if last else 0,
                    "next_run": _local(next_run, service),
                    "detail": last.detail if last else "",
                }
            )
    return rows


def _local(moment: datetime | None, service: ScheduleService) -> datetime | None:
    """Times in the schedule's time zone: the one the operator thinks in."""
    return moment.astimezone(service.tz) if moment is not None else None


def health_rows(service: ScheduleService) -> list[dict[str, Any]]:
    """Each marketplace in its newest finished scan, with its "layout or access changed" and
    "unreachable" flags."""
    with service.sessions() as session:
        stats = latest_stats_per_marketplace(session)
        return [
            {
                "marketplace": stat.marketplace,
                "scan_id": stat.scan_id,
                "requests": stat.requests,
                "items": stat.items,
                "hits": stat.hits,
                "bad": stat.errors + stat.blocked + stat.parse_failures,
                "flags": [str(f) for f in stat.flags or [] if is_health_flag(f)],
                "health": "; ".join(str(f) for f in stat.flags or [] if is_health_flag(f)) or "ok",
            }
            for stat in stats
        ]
