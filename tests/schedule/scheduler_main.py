"""A scheduler process for the multi-process tests: the service the CLI runs, with a fake job.

Usage: python -m tests.schedule.scheduler_main RUNNER INTERVAL_SECONDS (serve|once|run-now)
Configuration (database URL) comes from the environment like the real CLI.
"""

from __future__ import annotations

import logging
import sys
from datetime import timedelta

from config import load_config
from crawler.schedule import JobSpec, ScheduleService, stop_on_signals
from storage.session import make_engine

JOB_ID = "fake"


def main(argv: list[str]) -> int:
    runner, interval, mode = argv[0], float(argv[1]), argv[2]
    logging.basicConfig(level=logging.INFO, format="%(process)d %(name)s: %(message)s")
    settings = load_config().settings
    engine = make_engine(settings.storage.url)
    spec = JobSpec(JOB_ID, "fake job", runner, every=timedelta(seconds=interval))
    service = ScheduleService(settings, engine, [spec], lease_ttl=timedelta(seconds=30))
    with stop_on_signals(service.request_stop):
        if mode == "serve":
            service.serve()
        elif mode == "once":
            for report in service.run_due():
                print(report.outcome.value, report.detail, flush=True)
        else:
            print(service.run_job(JOB_ID).outcome.value, flush=True)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
