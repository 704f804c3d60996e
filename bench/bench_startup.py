"""How fast ``ktpwatch`` commands start, against the libraries every command needs.

An analyst runs dozens of commands an hour, so a command's start-up is the
delay felt most often. The baseline, measured in the same run, is a Python
process that imports only SQLAlchemy's ORM, Typer, Rich and pydantic: no
command can start faster than those. Each command runs in a fresh process
(as from a shell) on a demo-sized database (a few hundred alerts), the rounds
interleaved so that a busy neighbour slows every command alike; the figure is
the median wall time.

Targets: ``--version`` and ``--help`` faster than the baseline (ratio < 1),
``alerts list`` and ``alerts show`` within 1.5 times it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_alerts import build

ROUNDS = 7
DEMO_ALERTS = 300
DEMO_SIGHTINGS = 3_000
BASELINE = "import sqlalchemy.orm, typer, rich, pydantic"
#: what the ``ktpwatch`` console script runs
KTPWATCH = "from crawler.cli import main; main()"
COMMANDS: dict[str, list[str]] = {
    "version": ["--version"],
    "help": ["--help"],
    "alerts_list": ["alerts", "list"],
    "alerts_show": ["alerts", "show", "1"],
}
TARGETS = {
    "version_ratio": "< 1.0",
    "help_ratio": "< 1.0",
    "alerts_list_ratio": "<= 1.5",
    "alerts_show_ratio": "<= 1.5",
}


def _wall(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(env: dict[str, str], cwd: Path, rounds: int = ROUNDS) -> dict[str, float]:
    """Median seconds per process: the baseline and each command, rounds interleaved."""
    runs: dict[str, list[float]] = {"baseline": [], **{name: [] for name in COMMANDS}}
    argvs = {"baseline": [sys.executable, "-c", BASELINE],
             **{name: [sys.executable, "-c", KTPWATCH, *args] for name, args in COMMANDS.items()}}
    for argv in argvs.values():  # warm the file cache and the bytecode once
        _wall(argv, env, cwd)
    for _ in range(rounds):
        for name, argv in argvs.items():
            runs[name].append(_wall(argv, env, cwd))
    return {name: statistics.median(times) for name, times in runs.items()}


def run() -> dict[str, Any]:
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'demo.db'}"
        build(url, alerts=DEMO_ALERTS, sightings=DEMO_SIGHTINGS)
        env = {**os.environ, "KTPWATCH_DB_URL": url, "COLUMNS": "80",
               "PYTHONPATH": os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")]))}
        env.pop("KTPWATCH_CONFIG", None)
        medians = measure(env, folder)
    base = medians["baseline"]
    result: dict[str, Any] = {"rounds": ROUNDS, "demo_alerts": DEMO_ALERTS,
                              "baseline_seconds": round(base, 3)}
    for name in COMMANDS:
        result[f"{name}_seconds"] = round(medians[name], 3)
        result[f"{name}_ratio"] = round(medians[name] / base, 2)
    result["targets"] = TARGETS
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<28} {value}")
