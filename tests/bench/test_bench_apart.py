"""The benchmarks run on a fresh machine: apart from the tests, and without the servers they lack."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from bench import bench_crawl, servers

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_bench_imports_nothing_from_tests(path: Path) -> None:
    """A benchmark that imports ``tests/`` drags pytest in: its skips end the whole run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [n for n in names if n.split(".")[0] in ("tests", "pytest")], names


def test_without_redis_the_distributed_figures_are_not_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_which = shutil.which
    monkeypatch.setattr(servers.shutil, "which",
                        lambda name, *a, **k: None if name == "redis-server" else real_which(name, *a, **k))
    figures = bench_crawl.distributed_figures("http://127.0.0.1:9", tmp_path, expected=100)
    assert figures == {"not measured": "redis-server not installed"}
