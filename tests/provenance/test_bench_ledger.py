"""The ledger benchmark runs (on a small ledger here) and reports what its targets name."""

from __future__ import annotations

import pytest

import bench.bench_ledger as bench_ledger
from bench.report import verdict


def test_the_benchmark_reports_its_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_ledger, "ROWS", 3000)
    data = bench_ledger.run()
    assert set(data["targets"]) <= set(data)
    assert data["entries"] == data["history_rows"] == 3000 and data["rejected"] == 0
    assert verdict(data["reimport_changes"], data["targets"]["reimport_changes"]) == "ok"
    assert data["lookups_traced"].split("/")[0] == data["lookups_traced"].split("/")[1]
