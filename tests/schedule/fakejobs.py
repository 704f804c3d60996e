"""Fake job runners for the scheduler tests: they leave traces a test can count.

Where they write comes from environment variables because the runners also
run inside scheduler subprocesses started by the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from crawler.schedule.jobs import JobContext, JobResult, stop_children_on_shutdown

LOG_ENV = "SCHEDULE_TEST_LOG"
SECONDS_ENV = "SCHEDULE_TEST_SECONDS"
MARKER_ENV = "SCHEDULE_TEST_MARKER"


def append(ctx: JobContext) -> JobResult:
    """Append one line per run (job id and owner), then hold the lease a moment."""
    with Path(os.environ[LOG_ENV]).open("a") as fh:
        fh.write(f"{ctx.job_id} {ctx.owner}\n")
    time.sleep(float(os.environ.get(SECONDS_ENV, "0")))
    return JobResult(detail="appended", new_alerts=2)


def boom(ctx: JobContext) -> JobResult:
    raise RuntimeError("the fake job broke")


def slow_child(ctx: JobContext) -> JobResult:
    """Like the scan: wait on a child process that only a shutdown ends early."""
    with stop_children_on_shutdown(ctx):
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        Path(os.environ[MARKER_ENV]).write_text(str(child.pid))
        code = child.wait()
    return JobResult(detail=f"child exited with {code}")
