"""SIGKILL a scan at random points: the database stays consistent, evidence is whole, nothing is lost.

Each round starts ``python -m crawler.scan`` (the child the scheduler and the
demo run), kills it with SIGKILL after a random delay, and checks what a
crash may leave behind: SQLite's integrity and foreign keys, no sighting,
assessment, alert or evidence row without its parent, no ``.incoming-``
temporary file in the evidence folder and every stored file hashing to its
name. A last scan then runs to the end and must hold every listing the shop
serves, with exactly one alert per hit listing.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from alerts.evidence.store import EvidenceStore, verify_file
from crawler.scan import ScanOptions, run_scan_subprocess
from sandbox.faults import FaultKind, FaultPlan, FaultRates
from sandbox.server import SandboxHandle
from storage.models import Alert, Evidence, EvidenceBundle, Listing
from tests.reliability.scan_helpers import QUERY, db_engine, served, stored_ids, write_config

pytestmark = pytest.mark.slow

MARKETPLACE = "blibli"
KILLS = 5
SEED = 20240611


def start_scan(config: Path, sandbox: SandboxHandle) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.scan", "--config", str(config), "--trigger", "manual",
         "--sandbox", sandbox.base_url, "--marketplace", MARKETPLACE, "--max-pages", "30"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def assert_gone(pids: list[int], timeout: float = 10.0) -> None:
    """A killed scan takes its helper processes with it: none keeps writing or lingers."""
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists()
                 and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:1]]
        time.sleep(0.1)
    assert alive == [], f"processes outlived the killed scan: {alive}"


def assert_consistent(engine: Engine, evidence_dir: Path) -> dict[str, int]:
    """Everything a crash may break, checked; returns row counts for the report."""
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        orphans = {
            "sightings without listing": "SELECT count(*) FROM sightings s LEFT JOIN listings l "
                                         "ON l.id = s.listing_id WHERE l.id IS NULL",
            "listings never sighted": "SELECT count(*) FROM listings l WHERE NOT EXISTS "
                                      "(SELECT 1 FROM sightings s WHERE s.listing_id = l.id)",
            "alerts without assessment": "SELECT count(*) FROM alerts a WHERE NOT EXISTS "
                                         "(SELECT 1 FROM assessments x WHERE x.listing_id = a.listing_id)",
            "evidence without bundle": "SELECT count(*) FROM evidence e WHERE e.bundle_id IS NOT NULL "
                                       "AND NOT EXISTS (SELECT 1 FROM evidence_bundles b WHERE b.id = e.bundle_id)",
            "two alerts for one listing": "SELECT count(*) FROM (SELECT listing_id FROM alerts "
                                          "GROUP BY listing_id HAVING count(*) > 1)",
        }
        for what, sql in orphans.items():
            assert conn.execute(text(sql)).scalar() == 0, what
        rows = list(conn.execute(select(Evidence.path, Evidence.sha256, Evidence.size)))
        counts = {
            "listings": conn.scalar(select(func.count()).select_from(Listing)) or 0,
            "alerts": conn.scalar(select(func.count()).select_from(Alert)) or 0,
            "evidence files": len(rows),
        }
    for path, sha, size in rows:  # every row points at a whole file
        assert verify_file(Path(path), sha, size) is None, path
    if evidence_dir.exists():
        strays = [p for p in evidence_dir.rglob("*") if p.name.startswith(".incoming-")]
        assert strays == [], f"half-written evidence left behind: {strays}"
        store = EvidenceStore(evidence_dir)
        for stored in store:  # every file in the store hashes to its name
            assert store.verify(stored.name) is None, stored
    return counts


def test_killed_scans_leave_a_consistent_database_and_the_next_scan_catches_up(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    config = write_config(tmp_path, [MARKETPLACE], delay=0.05)
    evidence_dir = Path(os.environ["KTPWATCH_EVIDENCE_DIR"])
    engine = db_engine(os.environ["KTPWATCH_DB_URL"])
    # a little slowness spreads the scan out, so kills land in crawl, store and capture alike
    sandbox.set_faults(FaultPlan(default=FaultRates(rates={FaultKind.SLOW: 0.1}, slow_seconds=0.5)))
    rng = random.Random(SEED)
    kill_points = []
    for _ in range(KILLS):
        child = start_scan(config, sandbox)
        delay = rng.uniform(1.0, 9.0)
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            helpers = children_of(child.pid)  # the storage writer process, at least
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            assert_gone(helpers)
        kill_points.append((round(delay, 2), child.returncode))
        assert_consistent(engine, evidence_dir)
    killed = sum(1 for _, code in kill_points if code == -signal.SIGKILL)
    print(f"\nkill points (seconds, exit): {kill_points}")
    assert killed >= 3, "the scans ended before most kills; make them longer"

    summary = run_scan_subprocess(
        ScanOptions(trigger="manual", marketplaces=[MARKETPLACE], max_pages=30),
        config_path=config, sandbox_url=sandbox.base_url, timeout=300,
    )
    assert summary["status"] == "finished"
    counts = assert_consistent(engine, evidence_dir)
    print(f"after the full scan: {counts}")
    assert served(sandbox, MARKETPLACE, QUERY) <= stored_ids(engine, MARKETPLACE)
    with engine.connect() as conn:
        hit_listings = conn.scalar(select(func.count(func.distinct(Alert.listing_id))))
        assert counts["alerts"] == hit_listings and counts["alerts"] > 0
        # every alert's evidence reached the store or waits, marked, for `evidence retry`
        statuses = dict(conn.execute(
            select(EvidenceBundle.status, func.count()).group_by(EvidenceBundle.status)).all())
    print(f"evidence bundles by status: {statuses}")
    assert set(statuses) <= {"ok", "pending", "failed"}
    with engine.connect() as conn:  # the killed scans are closed, not left "running" for ever
        assert conn.execute(text("SELECT count(*) FROM scans WHERE status = 'running'")).scalar() == 0
    engine.dispose()


def test_disk_full_while_writing_evidence_keeps_the_listing_and_marks_the_capture_for_retry(
    session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from alerts.evidence import store as store_module
    from config import load_config
    from crawler.ingest import ingest_batch
    from matchers import score_listing
    from spiders.items import ListingItem

    real_write_all = store_module._write_all

    def full_disk(fd: int, data: bytes) -> None:
        real_write_all(fd, data[: len(data) // 2])  # half the bytes reach the disk, then it is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_module, "_write_all", full_disk)
    settings = load_config().settings
    root = tmp_path / "evidence"
    item = ListingItem(marketplace="tokopedia", external_id="full-1",
                       url="https://www.tokopedia.com/toko/full-1",
                       title="Blangko e-KTP kosong asli dukcapil", description="chip siap cetak",
                       price=150000)
    result = score_listing(item.title, item.description, price=item.price)
    with session_factory.begin() as session:
        [outcome] = ingest_batch(session, [(item, result)], scan_id=None, evidence_root=root)
    assert outcome.new_alert
    with session_factory() as session:
        listing = session.scalars(select(Listing).where(Listing.external_id == "full-1")).one()
        assert listing.title == item.title  # the listing is stored
        bundle = session.scalars(select(EvidenceBundle)).one()
        assert bundle.status == "failed" and "disk full" in bundle.reason  # marked for retry
        assert bundle.attempts < settings.evidence.max_attempts
        assert session.scalar(select(func.count()).select_from(Evidence)) == 0
    assert any("disk full" in r.getMessage() for r in caplog.records)
    assert not [p for p in root.rglob("*") if p.is_file()], "no partial file may stay in the store"
