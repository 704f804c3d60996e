"""Run a benchmark child to completion and measure it: its output, peak RSS and CPU seconds.

Measured from outside so the numbers cover the whole process tree the child
starts: the scan's storage writer, Playwright's driver and the Chromium
processes under it.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: How often /proc is sampled for memory.
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measured:
    """What one child printed and what it cost."""

    stdout: str
    #: the largest sum, over the samples, of the child's high-water mark and its helpers' RSS (or PSS)
    peak_rss_kb: int
    #: user + system CPU of the child and every descendant it (or they) waited for
    cpu_seconds: float
    wall_seconds: float


def _status_kb(pid: int, field: str) -> int:
    """One ``kB`` field of /proc/<pid>/status (0 once the process is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return 0
    return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size of ``pid`` in kB: shared pages split among their sharers (0 once gone).

    Chromium runs as a dozen processes sharing most of their pages; adding
    their RSS counts the shared pages a dozen times.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
        return 0
    return 0


def _descendants(pid: int) -> list[int]:
    """``pid``'s children, grandchildren … (the scan's storage writer, a browser)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _peak_until_exit(pid: int, *, proportional: bool) -> int:
    """Sample the tree's memory until ``pid`` exits (left unreaped, so /proc still describes it)."""
    peak = 0
    samples = 0
    helpers: list[int] = []
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if samples % 4 == 0:  # new helpers are rare; /proc is walked every 200 ms
            helpers = _descendants(pid)
        helper_kb = [_pss_kb(h) if proportional else _status_kb(h, "VmRSS") for h in helpers]
        total = _status_kb(pid, "VmHWM") + sum(helper_kb)
        peak = max(peak, total)
        samples += 1
        time.sleep(SAMPLE_SECONDS)
    return peak


def run_measured(
    command: list[str], env: dict[str, str], cwd: Path, *, proportional: bool = False
) -> Measured:
    """Run ``command`` to completion; raise with its stderr tail when it fails.

    Memory: the child's own high-water mark (``VmHWM``) plus the current RSS
    of its helpers, at the sample where their sum is largest. Not ``wait4``'s
    ``ru_maxrss``: Linux keeps the larger of the pre-``exec`` image (a fork of
    this bench process, hundreds of MB after the alerts benchmark) and the new
    program, so every child would report the parent's size. ``proportional``
    counts the helpers' PSS instead of their RSS: for a browser's processes,
    which share most pages. CPU: ``wait4``'s
    user + system time, which includes every descendant that was reaped.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err, text=True)
        peak = _peak_until_exit(child.pid, proportional=proportional)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen.wait
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"{command[1:4]} exited {child.returncode}: {err.read()[-2000:]}")
        return Measured(stdout=out.read(), peak_rss_kb=peak,
                        cpu_seconds=usage.ru_utime + usage.ru_stime, wall_seconds=wall)
