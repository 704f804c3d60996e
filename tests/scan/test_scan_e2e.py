"""End to end: ``ktpwatch scan`` against the sandbox finds every planted blank listing.

Scans run in child processes (one Twisted reactor per process), exactly as
the scheduler and the demo run them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from crawler.scan import ScanOptions, run_scan_subprocess
from sandbox.server import SandboxHandle, run_sandbox
from storage.models import Alert, Listing, Scan, ScanMarketplaceStat, Sighting
from storage.session import make_engine, make_session_factory
from tests.conftest import upgraded_sqlite

REPO = Path(__file__).resolve().parents[2]
FAST_CRAWL = "[crawl]\ndownload_delay = 0.0\nautothrottle = false\nconcurrent_requests_per_domain = 8\n"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    with run_sandbox(catalogue_seed=7, listings=1500, admin=True, takedown_delay=1.0) as handle:
        yield handle


@pytest.fixture
def scan_env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "ktpwatch.toml"
    config.write_text(FAST_CRAWL, encoding="utf-8")
    return {
        "KTPWATCH_DB_URL": upgraded_sqlite(tmp_path / "scan.db"),
        "KTPWATCH_EVIDENCE_DIR": str(tmp_path / "evidence"),
        "KTPWATCH_CONFIG": str(config),
    }


def _keys(rows: list[dict[str, Any]], label: str | None = None) -> set[tuple[str, str]]:
    return {(r["marketplace"], r["external_id"]) for r in rows if label is None or r["label"] == label}


def _alerted(db_url: str) -> set[tuple[str, str]]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as s:
        rows = s.execute(
            select(Listing.marketplace, Listing.external_id).join(Alert, Alert.listing_id == Listing.id)
        ).all()
    engine.dispose()
    return {(m, e) for m, e in rows}


def test_scan_finds_every_planted_blank_and_no_hard_negative(
    sandbox: SandboxHandle, scan_env: dict[str, str]
) -> None:
    truth = sandbox.truth()
    blanks = _keys(truth["planted"], "blank")
    negatives = _keys(truth["hard_negatives"])
    assert len(blanks) >= 30 and len(negatives) >= 30

    first = run_scan_subprocess(
        ScanOptions(trigger="test", transport="api", max_pages=5, capture_evidence=False),
        sandbox_url=sandbox.base_url, env=scan_env, timeout=600,
    )
    assert first["status"] == "finished"
    for mp in first["marketplaces"]:
        assert mp["items"] > 0, mp
        assert mp["blocked"] == 0 and mp["parse_failures"] == 0, mp

    alerted = _alerted(scan_env["KTPWATCH_DB_URL"])
    missed = blanks - alerted
    assert not missed, f"planted blank listings without an alert: {sorted(missed)}"
    assert not (negatives & alerted), f"hard negatives alerted: {sorted(negatives & alerted)}"
    assert first["new_alerts"] == len(alerted)

    second = run_scan_subprocess(
        ScanOptions(trigger="test", transport="api", max_pages=5, capture_evidence=False),
        sandbox_url=sandbox.base_url, env=scan_env, timeout=600,
    )
    assert second["new_alerts"] == 0
    assert _alerted(scan_env["KTPWATCH_DB_URL"]) == alerted

    engine = make_engine(scan_env["KTPWATCH_DB_URL"])
    with make_session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Scan)) == 2
        per_scan = dict(s.execute(select(Sighting.scan_id, func.count()).group_by(Sighting.scan_id)).all())
        assert per_scan[first["scan_id"]] == per_scan[second["scan_id"]] > 0
        counts = s.scalars(select(Alert.sighting_count)).all()
        assert counts and all(c == 2 for c in counts)
        stats = s.scalars(select(ScanMarketplaceStat).where(ScanMarketplaceStat.scan_id == second["scan_id"])).all()
        assert {st.marketplace for st in stats} == {m["marketplace"] for m in second["marketplaces"]}
    engine.dispose()

    # the alerts list contract other tools read
    listed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "alerts", "list", "--format", "json", "--limit", "0"],
        capture_output=True, text=True, env={**os.environ, **scan_env}, cwd=REPO, check=True,
    )
    rows = json.loads(listed.stdout)
    assert {(r["marketplace"], r["external_id"]) for r in rows} == alerted
    for key in ("id", "status", "verdict", "score", "marketplace", "external_id", "url", "title"):
        assert all(key in r for r in rows), key


@pytest.mark.browser
def test_browser_transport_for_tokopedia_and_shopee(
    sandbox: SandboxHandle, scan_env: dict[str, str]
) -> None:
    truth = sandbox.truth()
    wanted = {k for k in _keys(truth["planted"], "blank") if k[0] in ("tokopedia", "shopee")}
    summary = run_scan_subprocess(
        ScanOptions(trigger="test", transport="browser", max_pages=2,
                    marketplaces=["tokopedia", "shopee"], capture_evidence=False),
        sandbox_url=sandbox.base_url, env=scan_env, timeout=600,
    )
    assert summary["status"] == "finished"
    for mp in summary["marketplaces"]:
        assert mp["items"] > 0 and mp["blocked"] == 0, mp
    alerted = _alerted(scan_env["KTPWATCH_DB_URL"])
    assert wanted <= alerted, f"missed with the browser transport: {sorted(wanted - alerted)}"


def test_scan_rejects_unknown_marketplace(scan_env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "scan", "--marketplace", "ebay"],
        capture_output=True, text=True, env={**os.environ, **scan_env}, cwd=REPO,
    )
    assert result.returncode == 2
    assert "unknown marketplace 'ebay'" in result.stderr
    assert "Traceback" not in result.stderr
