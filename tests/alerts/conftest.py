"""A small alert database at the path the CLI will open (KTPWATCH_DB_URL), built with the ingest API."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.migrate import upgrade
from storage.models import Evidence, Notice, NoticeAlert, Recheck
from storage.session import make_engine, make_session_factory
from tests.alerts.builders import T0, ingest, new_scan

HOSTILE_TITLE = "Blangko e-KTP \x1b[2J[bold red]PWNED[/bold red]\rfake line \x1b]0;title\x07"
NIK = "3174010101900003"


@dataclass(frozen=True)
class AlertDb:
    sessions: sessionmaker[Session]
    #: alert ids by role
    ids: dict[str, int]


@pytest.fixture
def alert_db() -> Iterator[AlertDb]:
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    upgrade(engine)
    sessions = make_session_factory(engine)
    ids: dict[str, int] = {}
    with sessions.begin() as session:
        scan = new_scan(session)
        _, a = ingest(session, "tp-1", scan_id=scan, score=91.0,
                      description=f"Blangko e-KTP kosong, chip UID 04:A1:B2:C3:D4:E5:F6, NIK contoh {NIK}, "
                                  "WA 0812-3456-7890",
                      identifiers=(("chip_uid", "04A1B2C3D4E5F6"), ("nik", NIK),
                                   ("phone", "+6281234567890")))
        _, b = ingest(session, "sp-1", marketplace="shopee", seller="sp-shop", seller_name="Kios Dua",
                      title="Blanko KK dan akta", verdict="related", score=57.0, scan_id=scan,
                      seen_at=T0 + timedelta(days=8))
        _, c = ingest(session, "tp-2", title=HOSTILE_TITLE, seller="tp-evil", seller_name="[red]Evil\x1b[31m",
                      score=75.0, scan_id=scan, seen_at=T0 + timedelta(days=1))
        assert a and b and c
        ids.update(first=a.alert.id, shopee=b.alert.id, hostile=c.alert.id)
        session.add(Evidence(alert_id=a.alert.id, listing_id=a.alert.listing_id, kind="screenshot",
                             name="page.png", path="ab/cd/abcd.png", sha256="ab" * 32, size=1234,
                             captured_at=T0))
        notice = Notice(notice_uid="N-1", marketplace="tokopedia", recipient="abuse@tokopedia.example",
                        status="sent", sent_at=T0 + timedelta(hours=6))
        session.add(notice)
        session.flush()
        session.add(NoticeAlert(notice_id=notice.id, alert_id=a.alert.id))
        session.add(Recheck(alert_id=a.alert.id, url="https://x", http_status=404, outcome="removed",
                            checked_at=T0 + timedelta(days=3)))
    yield AlertDb(sessions=sessions, ids=ids)
    engine.dispose()
