"""The scheduler's evidence-retry job fails when a capture failed (issue 17: nothing fails silently)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from alerts.evidence.capture import BundleResult, CaptureReport
from config import load_config
from crawler.schedule import jobs
from crawler.schedule.jobs import JobContext, JobOutcome, run_evidence_retry_job


def _context() -> JobContext:
    return JobContext(settings=load_config().settings, sessions=None, config_path=None, owner="test")  # type: ignore[arg-type]


@pytest.mark.parametrize(("statuses", "outcome"), [
    (["ok", "ok"], JobOutcome.OK),
    (["ok", "failed"], JobOutcome.FAILED),
    ([], JobOutcome.OK),
])
def test_evidence_retry_job_reports_failed_captures(
    statuses: list[str], outcome: JobOutcome, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    report = CaptureReport(results=[BundleResult(bundle_id=i, status=s) for i, s in enumerate(statuses)])

    def fake_capture(*_: Any, **__: Any) -> CaptureReport:
        return report

    monkeypatch.setattr(jobs, "resolve", lambda path: fake_capture)
    assert run_evidence_retry_job(_context()).outcome is outcome
