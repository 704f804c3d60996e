"""The short table ``python -m bench`` prints at the end: one line per headline number.

Each benchmark module says what it targets in its ``targets`` dict (metric →
text such as ``">= 0.8"``); those metrics are the headline. A benchmark with
no targets shows its first few numbers. A target of the simple forms ``< N``,
``> N``, ``<= N``, ``>= N`` is checked and marked ``ok`` or ``MISSED``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

FALLBACK_METRICS = 4
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
_TARGET = re.compile(r"^\s*(<=|>=|<|>)\s*([0-9][0-9_.,]*)")


def verdict(value: Any, target: str) -> str:
    """``ok`` / ``MISSED`` for a simple numeric target, else an empty string."""
    match = _TARGET.match(target)
    if not match or not isinstance(value, (int, float)) or isinstance(value, bool):
        return ""
    bound = float(match.group(2).replace("_", "").replace(",", ""))
    return "ok" if _COMPARE[match.group(1)](float(value), bound) else "MISSED"


def headline_rows(benchmarks: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    """(benchmark, metric, value, target, verdict) rows for every benchmark."""
    rows: list[tuple[str, str, str, str, str]] = []
    for name, data in benchmarks.items():
        if "error" in data:
            rows.append((name, "error", str(data["error"])[:60], "", "FAILED"))
            continue
        targets: Mapping[str, str] = data.get("targets") or {}
        metrics = [m for m in targets if m in data] or [
            k for k, v in data.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and k != "wall_seconds"
        ][:FALLBACK_METRICS]
        for metric in metrics:
            target = str(targets.get(metric, ""))
            rows.append((name, metric, str(data[metric]), target, verdict(data[metric], target)))
    return rows


def format_table(benchmarks: Mapping[str, Mapping[str, Any]]) -> str:
    header = ("benchmark", "metric", "value", "target", "")
    rows = [header, *headline_rows(benchmarks)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return "\n".join(lines)
