"""The short table `python -m bench` prints: headline metrics and target checks."""

from __future__ import annotations

from bench.report import format_table, headline_rows, verdict


def test_simple_targets_are_checked() -> None:
    assert verdict(0.85, ">= 0.8") == "ok"
    assert verdict(0.75, ">= 0.8") == "MISSED"
    assert verdict(390.0, "< 400") == "ok"
    assert verdict(1_200, "> 1,000 (aim higher)") == "ok"
    assert verdict(5.0, "a few seconds") == ""
    assert verdict("n/a", "< 4") == ""


def test_rows_use_targets_else_first_numbers_and_show_errors() -> None:
    rows = headline_rows({
        "crawl": {"listings": 10, "ratio": 0.9, "rss": 500.0,
                  "targets": {"ratio": ">= 0.8", "rss": "< 400"}},
        "matchers": {"note": "x", "per_second": 1000.5, "flag": True, "wall_seconds": 3.0},
        "broken": {"error": "RuntimeError: boom"},
    })
    assert rows == [
        ("crawl", "ratio", "0.9", ">= 0.8", "ok"),
        ("crawl", "rss", "500.0", "< 400", "MISSED"),
        ("matchers", "per_second", "1000.5", "", ""),
        ("broken", "error", "RuntimeError: boom", "", "FAILED"),
    ]
    table = format_table({"crawl": {"ratio": 0.9, "targets": {"ratio": ">= 0.8"}}})
    assert table.splitlines()[0].split() == ["benchmark", "metric", "value", "target"]
    assert "crawl" in table.splitlines()[2] and table.splitlines()[2].endswith("ok")
