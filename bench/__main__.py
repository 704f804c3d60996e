"""Run every benchmark module and write ``bench/results.json``.

Usage: ``python -m bench [NAME ...]`` (names without the ``bench_`` prefix). With
names, the other benchmarks' figures of the last run stay in the report.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import format_table

HERE = Path(__file__).resolve().parent


def _previous(path: Path) -> dict[str, Any]:
    """The benchmarks of an earlier ``results.json``, or none when there is no readable one."""
    try:
        benchmarks = json.loads(path.read_text(encoding="utf-8")).get("benchmarks")
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return benchmarks if isinstance(benchmarks, dict) else {}


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if argv:
        names = [n for n in names if n.removeprefix("bench_") in argv]
    out = HERE / "results.json"
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        # a run of some benchmarks keeps the others' last figures
        "benchmarks": _previous(out) if argv else {},
    }
    failed = 0
    for name in names:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            data = module.run()
            data["wall_seconds"] = round(time.perf_counter() - start, 2)
        except Exception as exc:
            failed += 1
            traceback.print_exc()
            data = {"error": f"{type(exc).__name__}: {exc}"}
        results["benchmarks"][name.removeprefix("bench_")] = data
        for key, value in data.items():
            if key != "targets":
                print(f"   {key:<48} {value}")
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"wrote {out}")
    print(format_table(results["benchmarks"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
