"""Evidence capture: tamper-evident WARC, rendered HTML, screenshot and manifest per hit.

The scan calls :func:`record_capture_request` (fast, no browser) when a listing
gets a ``blank`` or ``related`` verdict, then :func:`capture_pending` renders the
pages in a bounded browser pool. :func:`verify_evidence` recomputes every hash;
:func:`export_wacz` packs an alert's evidence for replay tools and reports.

``export_wacz`` and ``ExportError`` load on first use (PEP 562): the WACZ
indexer (``cdxj_indexer``, ``surt``, ``tldextract``, ``requests``) is needed
by ``evidence export`` only, and every command that checks evidence or
follows up imports this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from alerts.evidence.browser import CaptureError, CaptureUnavailable
from alerts.evidence.capture import (
    BundleResult,
    CaptureReport,
    capture_pending,
    capture_pending_sync,
    record_capture_request,
)
from alerts.evidence.hosts import HostPolicy
from alerts.evidence.store import EvidenceStore, EvidenceWriteError, StoredFile
from alerts.evidence.verify import VerifyRow, verify_evidence
from alerts.evidence.warc import CapturedExchange, ExchangeLike

if TYPE_CHECKING:
    from alerts.evidence.wacz import ExportError, export_wacz

__all__ = [
    "BundleResult",
    "CaptureError",
    "CaptureReport",
    "CaptureUnavailable",
    "CapturedExchange",
    "EvidenceStore",
    "EvidenceWriteError",
    "ExchangeLike",
    "ExportError",
    "HostPolicy",
    "StoredFile",
    "VerifyRow",
    "capture_pending",
    "capture_pending_sync",
    "export_wacz",
    "record_capture_request",
    "verify_evidence",
]


def __getattr__(name: str) -> Any:
    if name not in ("ExportError", "export_wacz"):
        raise AttributeError(f"module 'alerts.evidence' has no attribute {name!r}")
    return getattr(importlib.import_module("alerts.evidence.wacz"), name)
