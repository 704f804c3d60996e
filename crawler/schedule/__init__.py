"""Scheduled scans, follow-ups and evidence retries (``ktpwatch schedule``).

A package rather than the ``crawler/schedule.py`` of the design because it has
four jobs that read better apart:

* :mod:`crawler.schedule.jobs` — the job table (:class:`JobSpec`), when a job
  is due, and the adapters that call the scan, follow-up and evidence code by
  import path;
* :mod:`crawler.schedule.guard` — one run under a database lease with a
  JobRun row, so two schedulers never run the same job twice;
* :mod:`crawler.schedule.service` — the APScheduler daemon, its job store,
  ``--once`` and clean shutdown on signals;
* :mod:`crawler.schedule.status` — the rows ``schedule status`` prints.

Layer 5: only the CLI (and tests) import it.
"""

from crawler.schedule.guard import RunReport, run_guarded
from crawler.schedule.jobs import JobContext, JobResult, JobSpec, default_jobs
from crawler.schedule.service import ScheduleService, stop_on_signals

__all__ = [
    "JobContext",
    "JobResult",
    "JobSpec",
    "RunReport",
    "ScheduleService",
    "default_jobs",
    "run_guarded",
    "stop_on_signals",
]
