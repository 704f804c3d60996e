"""The sandbox's planted actors come out of real scans as planted: one actor each, none joined.

Two scans of a small sandbox in child processes (as the demo runs them): after
the first, the platform takes the relisting actor's listing down (a notice to
its abuse desk) and ktpwatch records the removal; the second scan finds the
new listing under a new shop name. Every planted actor is then exactly one
actor (none split, no two merged, no lone planted seller joined to another),
the relist joined its actor, and the relisting actor ranks first by the
default weights. Photos are not read (three times the run time): the
contacts alone must join each actor; photo links are tested in
``test_photo_links`` and run in the demo.
"""

from __future__ import annotations

import smtplib
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select, update

from crawler.cli.demo_actors import check_planted
from crawler.scan import ScanOptions, run_scan_subprocess
from sandbox.server import run_sandbox
from storage.actors import list_actors
from storage.models import ActorMember, Alert, Listing
from storage.session import make_engine, make_session_factory
from tests.conftest import upgraded_sqlite

FAST_CRAWL = "[crawl]\ndownload_delay = 0.0\nautothrottle = false\nconcurrent_requests_per_domain = 8\n"
OPTIONS = ScanOptions(trigger="test", transport="api", max_pages=2, capture_evidence=False, process_images=False)


def _take_down(port: int, url: str) -> None:
    """Send the platform's abuse desk a notice naming ``url``, as `notices send` does."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "ktpwatch@test", "abuse@test", "Takedown"
    message.set_content(f"Please remove {url}")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(message)


def test_planted_actors_come_out_as_planted_and_the_relisting_actor_ranks_first(tmp_path: Path) -> None:
    config = tmp_path / "ktpwatch.toml"
    config.write_text(FAST_CRAWL, encoding="utf-8")
    db_url = upgraded_sqlite(tmp_path / "scan.db")
    env = {"KTPWATCH_DB_URL": db_url, "KTPWATCH_EVIDENCE_DIR": str(tmp_path / "evidence"),
           "KTPWATCH_CONFIG": str(config)}
    sessions = make_session_factory(make_engine(db_url))
    with run_sandbox(catalogue_seed=7, listings=600, takedown_delay=0.2) as sandbox:
        run_scan_subprocess(OPTIONS, sandbox_url=sandbox.base_url, env=env, timeout=300)
        [relist] = [x for a in sandbox.truth()["actors"] for x in a["listings"] if x["relist_of"]]
        earlier = next(t for t in sandbox.truth()["planted"] if t["external_id"] == relist["relist_of"]
                       and t["marketplace"] == relist["marketplace"])
        _take_down(sandbox.smtp_ports[relist["marketplace"]], earlier["url"])
        time.sleep(0.5)
        with sessions.begin() as session:  # what the follow-up records when the re-check finds it gone
            listing_id = session.scalar(select(Listing.id).where(Listing.external_id == earlier["external_id"]))
            session.execute(update(Alert).where(Alert.listing_id == listing_id)
                            .values(notified_at=datetime.now(UTC), removed_at=datetime.now(UTC)))
        summary = run_scan_subprocess(OPTIONS, sandbox_url=sandbox.base_url, env=env, timeout=300)
        truth = sandbox.truth()
    assert summary["new_alerts"] >= 1 and not summary["problems"], summary
    with sessions() as session:
        rows = session.execute(select(Listing.marketplace, Listing.external_id, ActorMember.actor_id)
                               .join(Alert, Alert.listing_id == Listing.id)
                               .join(ActorMember, ActorMember.alert_id == Alert.id)).all()
        actor_of = {(m, e): a for m, e, a in rows}
        top = list_actors(session, sort="risk", limit=1)[0]
    check = check_planted(truth, actor_of)
    assert check.ok(), (check.split, check.merged, check.missing)
    assert len(check.actors_of) == 5
    assert check.actors_of["relist"] == {top.id}
    assert actor_of[(relist["marketplace"], relist["external_id"])] == top.id
    reasons = {r["name"]: r["points"] for r in top.risk_reasons}
    assert reasons["relisted_after_takedown"] > 0
