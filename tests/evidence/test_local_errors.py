"""Issue 17: a full disk uses no capture attempt; `evidence retry --bundle N --force` tries once more.

Before the fix, every ENOSPC counted as an attempt, so after space was freed
`evidence retry` said there was nothing to capture.
"""

from __future__ import annotations

import errno
import os

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.evidence import EvidenceStore, capture_pending_sync
from alerts.evidence.browser import CaptureBrowser, CaptureError
from config import Settings
from crawler.cli import app
from storage.models import EvidenceBundle
from tests.evidence.conftest import Served, request_bundle
from tests.evidence.test_cli import cli_runtime

runner = CliRunner()


def _bundle(sessions: sessionmaker[Session], bundle_id: int) -> EvidenceBundle:
    with sessions() as session:
        bundle = session.get(EvidenceBundle, bundle_id)
        assert bundle is not None
        session.expunge(bundle)
        return bundle


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.browser
def test_full_disk_during_capture_uses_no_attempt(
    chromium: str, served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, bundle_id = request_bundle(session_factory, store, served.listing_url(7), "7")
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", _disk_full)
    for _ in range(settings.evidence.max_attempts + 1):
        report = capture_pending_sync(session_factory, settings)
        assert [r.status for r in report.results] == ["failed"]
    bundle = _bundle(session_factory, bundle_id)
    assert bundle.status == "failed" and bundle.attempts == 0
    assert "local error" in bundle.reason

    monkeypatch.setattr(os, "fsync", real_fsync)  # space freed: the next retry completes it
    report = capture_pending_sync(session_factory, settings)
    assert [r.status for r in report.results] == ["ok"]
    assert _bundle(session_factory, bundle_id).attempts == 1


def test_full_disk_when_the_scan_records_evidence_uses_no_attempt(
    served: Served, store: EvidenceStore, session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "fsync", _disk_full)
    _, bundle_id = request_bundle(session_factory, store, served.listing_url(8), "8")
    bundle = _bundle(session_factory, bundle_id)
    assert bundle.status == "failed" and bundle.attempts == 0


def test_retry_force_captures_a_bundle_out_of_attempts(
    served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, bundle_id = request_bundle(session_factory, store, served.listing_url(9), "9")
    with session_factory.begin() as session:
        bundle = session.get_one(EvidenceBundle, bundle_id)
        bundle.status, bundle.attempts = "failed", settings.evidence.max_attempts
        bundle.reason = "page did not load"
    rendered: list[str] = []

    async def render(self: CaptureBrowser, url: str) -> None:
        rendered.append(url)
        raise CaptureError("still down")

    async def enter(self: CaptureBrowser) -> CaptureBrowser:
        return self

    async def leave(self: CaptureBrowser, *exc: object) -> None:
        return None

    monkeypatch.setattr(CaptureBrowser, "render", render)  # a shop still down, no Chromium needed
    monkeypatch.setattr(CaptureBrowser, "__aenter__", enter)
    monkeypatch.setattr(CaptureBrowser, "__aexit__", leave)
    plain = runner.invoke(app, ["evidence", "retry", "--bundle", str(bundle_id)],
                          obj=cli_runtime(settings, session_factory))
    assert plain.exit_code == 0 and "nothing to capture" in plain.output and "--force" in plain.output
    assert rendered == []

    forced = runner.invoke(app, ["evidence", "retry", "--bundle", str(bundle_id), "--force"],
                           obj=cli_runtime(settings, session_factory))
    assert rendered == [served.listing_url(9)]
    assert forced.exit_code == 1 and "still down" in forced.output
    assert _bundle(session_factory, bundle_id).attempts == settings.evidence.max_attempts + 1


def test_force_without_bundle_is_refused(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    result = runner.invoke(app, ["evidence", "retry", "--force"], obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 1 and "--force needs --bundle" in result.output
