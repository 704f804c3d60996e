"""Export an alert's evidence as a WACZ 1.1.1 package a web-archive replay tool can open.

A case file packs the evidence of all of an actor's alerts into one package
(:func:`build_wacz_of_alerts`), built the same way.

Layout (https://specs.webrecorder.net/wacz/1.1.1/):

* ``archive/data.warc.gz`` - every WARC of every bundle, byte for byte, followed by
  ``resource`` records for the screenshot, rendered HTML, listing JSON and
  manifest (gzip members concatenate, so the originals stay intact inside);
* ``indexes/index.cdx`` - a sorted CDXJ index of that WARC (cdxj-indexer);
* ``pages/pages.jsonl`` - one page per bundle: the listing URL at capture time;
* ``datapackage.json`` - every resource with its size and ``sha256:`` hash, and
  ``datapackage-digest.json`` with the hash of the datapackage itself.

Evidence is re-verified before it is packed: an altered or missing file stops
the export instead of being passed on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cdxj_indexer.main import CDXJIndexer
from sqlalchemy.orm import Session

from alerts.evidence.manifest import ktpwatch_version, utc_iso
from alerts.evidence.store import EvidenceStore, verify_file
from alerts.evidence.warc import WarcResource, resources_to_warc
from storage import evidence as evidence_db
from storage.models import Evidence, EvidenceBundle

WACZ_VERSION = "1.1.1"
WARC_NAME = "data.warc.gz"

_CONTENT_TYPES = {
    "screenshot": "image/png",
    "html": "text/html; charset=utf-8",
    "html_view": "text/html; charset=utf-8",
    "listing_json": "application/json",
    "manifest": "application/json",
    "image": "application/octet-stream",
}


class ExportError(Exception):
    """The export cannot be made (no evidence, evidence altered, output exists)."""


@dataclass(frozen=True)
class _Packed:
    path: str
    data: bytes
    compress: bool


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    t = when.astimezone(UTC)
    return (max(t.year, 1980), t.month, t.day, t.hour, t.minute, t.second)


def _path(store: EvidenceStore, row: Evidence) -> Path:
    return Path(row.path) if row.path else store.path_for(row.sha256)


def _read_verified(store: EvidenceStore, row: Evidence) -> bytes:
    path = _path(store, row)
    problem = verify_file(path, row.sha256, row.size)
    if problem is not None:
        raise ExportError(f"evidence file {row.name} of bundle {row.bundle_id} is {problem}: {path}")
    return path.read_bytes()


def _bundle_warc(store: EvidenceStore, bundle: EvidenceBundle, files: Sequence[Evidence]) -> bytes:
    parts = [_read_verified(store, f) for f in files if f.kind == "warc"]
    resources = [
        WarcResource(
            uri=f"urn:ktpwatch:bundle:{bundle.id}:{f.name}",
            content_type=_CONTENT_TYPES.get(f.kind, "application/octet-stream"),
            data=_read_verified(store, f),
            date=utc_iso(f.captured_at),
        )
        for f in files
        if f.kind != "warc"
    ]
    if resources:
        parts.append(
            resources_to_warc(
                resources,
                filename=WARC_NAME,
                info={"software": f"ktpwatch {ktpwatch_version()}",
                      "description": f"evidence files of bundle {bundle.id}"},
            )
        )
    return b"".join(parts)


def _cdxj(warc: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ktpwatch-wacz-") as tmp:
        path = Path(tmp) / WARC_NAME
        path.write_bytes(warc)
        out = io.StringIO()
        CDXJIndexer(out, [str(path)], sort=True, filename=WARC_NAME).process_all()
    return out.getvalue().encode("utf-8")


def _pages(bundles: Sequence[tuple[EvidenceBundle, str, str]]) -> bytes:
    lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "Listing captures"})]
    for bundle, url, title in bundles:
        when = bundle.captured_at or bundle.requested_at
        lines.append(json.dumps({"id": f"bundle-{bundle.id}", "url": url, "ts": utc_iso(when),
                                 "title": title}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _datapackage(entries: Sequence[_Packed], *, title: str, main_url: str, main_date: str) -> bytes:
    resources = [
        {
            "name": os.path.basename(e.path).lower(),
            "path": e.path,
            "hash": "sha256:" + hashlib.sha256(e.data).hexdigest(),
            "bytes": len(e.data),
        }
        for e in entries
    ]
    package = {
        "profile": "data-package",
        "wacz_version": WACZ_VERSION,
        "title": title,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "software": f"ktpwatch {ktpwatch_version()}",
        "mainPageURL": main_url,
        "mainPageDate": main_date,
        "resources": resources,
    }
    return json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")


def build_wacz(session: Session, store: EvidenceStore, alert_id: int) -> tuple[bytes, list[tuple[EvidenceBundle, list[Evidence]]]]:
    """The WACZ bytes for one alert, and the bundles (with files) that went into it."""
    return build_wacz_of_alerts(session, store, [alert_id], title=f"ktpwatch evidence for alert {alert_id}")


def build_wacz_of_alerts(
    session: Session, store: EvidenceStore, alert_ids: Sequence[int], *, title: str
) -> tuple[bytes, list[tuple[EvidenceBundle, list[Evidence]]]]:
    """One WACZ holding the evidence of every alert in ``alert_ids`` (a case file packs an actor's)."""
    bundles = [
        b for b in evidence_db.bundles_for_alerts(session, list(alert_ids))
        if evidence_db.bundle_files(session, b.id)
    ]
    if not bundles:
        named = ", ".join(str(i) for i in alert_ids)
        raise ExportError(f"alert {named} has no evidence files to export" if len(alert_ids) == 1
                          else f"alerts {named} have no evidence files to export")
    problems = [
        f"{f.name} of bundle {f.bundle_id} is {problem}"
        for b in bundles
        for f in evidence_db.bundle_files(session, b.id)
        if (problem := verify_file(_path(store, f), f.sha256, f.size)) is not None
    ]
    if problems:
        raise ExportError("evidence failed verification, not exported: " + "; ".join(problems))
    packed: list[tuple[EvidenceBundle, list[Evidence]]] = []
    warcs: list[bytes] = []
    pages: list[tuple[EvidenceBundle, str, str]] = []
    for bundle in bundles:
        files = evidence_db.bundle_files(session, bundle.id)
        packed.append((bundle, files))
        warcs.append(_bundle_warc(store, bundle, files))
        listing = evidence_db.bundle_listing(session, bundle)
        url = next((f.url for f in files if f.kind == "listing_json" and f.url), "")
        url = url or (listing.url if listing else "")
        pages.append((bundle, url, listing.title if listing else ""))
    warc = b"".join(warcs)
    entries = [
        _Packed(f"archive/{WARC_NAME}", warc, compress=False),
        _Packed("indexes/index.cdx", _cdxj(warc), compress=True),
        _Packed("pages/pages.jsonl", _pages(pages), compress=True),
    ]
    last_bundle, last_url, _ = pages[-1]
    datapackage = _datapackage(
        entries,
        title=title,
        main_url=last_url,
        main_date=utc_iso(last_bundle.captured_at or last_bundle.requested_at),
    )
    digest = json.dumps(
        {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(datapackage).hexdigest()},
        indent=2,
    ).encode("utf-8")
    entries += [
        _Packed("datapackage.json", datapackage, compress=True),
        _Packed("datapackage-digest.json", digest, compress=True),
    ]
    return _zipped(entries), packed


def _zipped(entries: Sequence[_Packed]) -> bytes:
    buf = io.BytesIO()
    stamp = _zip_time(datetime.now(UTC))
    with zipfile.ZipFile(buf, "w") as zf:
        for e in entries:
            info = zipfile.ZipInfo(e.path, stamp)
            # WARCs stay uncompressed in the ZIP so replay tools can seek into them.
            info.compress_type = zipfile.ZIP_DEFLATED if e.compress else zipfile.ZIP_STORED
            zf.writestr(info, e.data)
    return buf.getvalue()


def write_whole(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` whole or not at all (temporary file, fsync, rename); refuse to replace unless ``overwrite``."""
    if path.exists() and not overwrite:
        raise ExportError(f"{path} already exists (use --force to replace it)")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".ktpwatch-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def export_wacz(
    session: Session, store: EvidenceStore, alert_id: int, out: Path, *, overwrite: bool = False
) -> Path:
    """Write the alert's WACZ to ``out`` (a ``.wacz`` file) or into the folder ``out``.

    A folder also receives each bundle's screenshot and manifest as plain files
    (``bundle-<id>-screenshot.png``, ``bundle-<id>-manifest.json``) for a report.
    Returns the path of the WACZ file.
    """
    out = Path(out)
    data, packed = build_wacz(session, store, alert_id)
    if out.suffix.lower() == ".wacz" and not out.is_dir():
        write_whole(out, data, overwrite=overwrite)
        return out
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"alert-{alert_id}.wacz"
    write_whole(target, data, overwrite=overwrite)
    for bundle, files in packed:
        for f in files:
            if f.kind in ("screenshot", "manifest"):
                suffix = ".png" if f.kind == "screenshot" else ".json"
                name = f"bundle-{bundle.id}-{f.kind}{suffix}"
                write_whole(out / name, _read_verified(store, f), overwrite=overwrite)
    return target
