"""Recompute every evidence hash and say, file by file, what is missing or altered.

Three independent records must agree: the file's bytes, its database row, and
the bundle manifest (whose own hash is in the database). Changing one of them
without the others shows up here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from alerts.evidence.manifest import parse_manifest
from alerts.evidence.store import EvidenceStore, verify_file
from storage import evidence as evidence_db
from storage.models import Evidence, EvidenceBundle

OK = "ok"
MISSING = "missing"
ALTERED = "altered"


@dataclass(frozen=True)
class VerifyRow:
    alert_id: int | None
    bundle_id: int
    bundle_status: str
    kind: str
    name: str
    path: str
    sha256: str
    status: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK


def _file_path(store: EvidenceStore, row: Evidence) -> Path:
    return Path(row.path) if row.path else store.path_for(row.sha256)


def _row_status(store: EvidenceStore, row: Evidence) -> tuple[str, str]:
    problem = verify_file(_file_path(store, row), row.sha256, row.size)
    if problem is None:
        return OK, ""
    return (MISSING if problem == MISSING else ALTERED), problem


def _manifest_disagreements(
    store: EvidenceStore, bundle: EvidenceBundle, files: Sequence[Evidence]
) -> dict[int, str]:
    """Evidence row id -> how it disagrees with the manifest (empty when they agree)."""
    manifest_rows = [f for f in files if f.kind == "manifest"]
    if not manifest_rows:
        return {}
    manifest_row = manifest_rows[-1]
    out: dict[int, str] = {}
    if bundle.manifest_sha256 and manifest_row.sha256 != bundle.manifest_sha256:
        out[manifest_row.id] = (
            f"altered: manifest row sha256 {manifest_row.sha256} differs from the bundle's "
            f"{bundle.manifest_sha256}"
        )
        return out
    try:
        data = _file_path(store, manifest_row).read_bytes()
        listed = parse_manifest(data)["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return out  # the manifest file itself is reported missing/altered by its own row
    by_name = {str(entry.get("name")): entry for entry in listed if isinstance(entry, dict)}
    for f in files:
        if f.kind == "manifest":
            continue
        entry = by_name.get(f.name)
        if entry is None:
            out[f.id] = "altered: not listed in the bundle manifest"
        elif entry.get("sha256") != f.sha256 or entry.get("size") != f.size:
            out[f.id] = (
                f"altered: database says sha256 {f.sha256}, manifest says {entry.get('sha256')}"
            )
    return out


def verify_evidence(
    session: Session, store: EvidenceStore, alert_ids: Sequence[int] | None = None
) -> list[VerifyRow]:
    """One row per evidence file of these alerts (all when None)."""
    rows: list[VerifyRow] = []
    for bundle in evidence_db.bundles_for_alerts(session, alert_ids):
        files = evidence_db.bundle_files(session, bundle.id)
        against_manifest = _manifest_disagreements(store, bundle, files)
        for f in files:
            status, detail = _row_status(store, f)
            if status == OK and f.id in against_manifest:
                status, detail = ALTERED, against_manifest[f.id]
            rows.append(
                VerifyRow(
                    alert_id=bundle.alert_id,
                    bundle_id=bundle.id,
                    bundle_status=bundle.status,
                    kind=f.kind,
                    name=f.name,
                    path=str(_file_path(store, f)),
                    sha256=f.sha256,
                    status=status,
                    detail=detail,
                )
            )
    return rows
