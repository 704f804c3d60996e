"""Browser capture end to end against pages served on 127.0.0.1 (needs /usr/bin/chromium)."""

from __future__ import annotations

import errno
import io
import json
import os
import struct
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from warcio.archiveiterator import ArchiveIterator

from alerts.evidence import (
    EvidenceStore,
    ExportError,
    capture_pending_sync,
    export_wacz,
    verify_evidence,
)
from config import Settings
from storage import evidence as evidence_db
from storage.models import EvidenceBundle, Listing
from tests.evidence.conftest import PAGE_HEIGHT, Served, request_bundle

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _files(sessions: sessionmaker[Session], bundle_id: int) -> dict[str, list]:
    with sessions() as session:
        out: dict[str, list] = {}
        for f in evidence_db.bundle_files(session, bundle_id):
            out.setdefault(f.kind, []).append(f)
        return out


def _assert_manifest_lists_every_file(
    store: EvidenceStore, manifest_sha: str, files: dict[str, list], listing_url: str
) -> None:
    """The manifest names the listing, the tools, each stored file with its hash and size, and the refusals."""
    manifest = json.loads(store.path_for(manifest_sha).read_bytes())
    assert manifest["listing_url"] == listing_url
    assert manifest["marketplace"] == "tokopedia" and manifest["external_id"] == "1"
    assert manifest["captured_at"].endswith("Z")
    assert manifest["tools"]["chromium"] and manifest["tools"]["playwright"]
    assert manifest["tools"]["ktpwatch"]
    listed = {f["name"]: f for f in manifest["files"]}
    for kind, rows in files.items():
        for row in rows:
            if kind != "manifest":
                assert listed[row.name]["sha256"] == row.sha256
                assert listed[row.name]["size"] == row.size
    assert any("refused" in note for note in manifest["notes"])


def test_capture_renders_screenshot_html_manifest_and_refuses_hostile_hosts(
    chromium: str, served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session],
) -> None:
    alert_id, bundle_id = request_bundle(session_factory, store, served.listing_url(1))
    report = capture_pending_sync(session_factory, settings)
    assert [(r.bundle_id, r.status) for r in report.results] == [(bundle_id, "ok")], report

    with session_factory() as session:
        bundle = session.get(EvidenceBundle, bundle_id)
        assert bundle is not None
        assert bundle.status == "ok" and bundle.attempts == 1 and bundle.captured_at is not None
        manifest_sha = bundle.manifest_sha256
    files = _files(session_factory, bundle_id)
    assert sorted(files) == ["html", "html_view", "listing_json", "manifest", "screenshot", "warc"]

    shot = store.path_for(files["screenshot"][0].sha256).read_bytes()
    width, height = png_size(shot)
    assert width == settings.evidence.viewport_width
    assert height == PAGE_HEIGHT  # full page, not just the viewport
    from PIL import Image

    image = Image.open(io.BytesIO(shot)).convert("RGB")
    assert image.getpixel((width - 5, height // 2)) == (0x15, 0x65, 0xC0)  # the page's own colour

    html = store.path_for(files["html"][0].sha256).read_bytes().decode()
    assert "Jual blangko e-KTP kosong asli #1" in html

    assert files["manifest"][0].sha256 == manifest_sha
    _assert_manifest_lists_every_file(store, manifest_sha, files, served.listing_url(1))

    # The hostile image and the redirect to the hostile host were never fetched.
    assert served.hostile_hits.paths == []
    assert "/tokopedia/img.png" in served.page_hits.paths

    # The browser's own exchanges went to a second WARC, the listing page among them.
    page_warc = next(f for f in files["warc"] if f.name == "page.warc.gz")
    uris = [
        r.rec_headers.get_header("WARC-Target-URI")
        for r in ArchiveIterator(io.BytesIO(store.path_for(page_warc.sha256).read_bytes()))
        if r.rec_type == "response"
    ]
    assert served.listing_url(1) in uris
    assert not any("127.0.0.2" in u for u in uris)

    with session_factory() as session:
        rows = verify_evidence(session, store, [alert_id])
    assert len(rows) == 7 and all(r.ok for r in rows)  # html_view: the inert viewing copy


def test_verify_names_altered_and_missing_files_and_wacz_validates(
    chromium: str, served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session], tmp_path: Path,
) -> None:
    alert_id, bundle_id = request_bundle(session_factory, store, served.listing_url(2), "2")
    assert capture_pending_sync(session_factory, settings).ok == 1

    out = export_wacz(session_factory(), store, alert_id, tmp_path / "out")
    assert out == tmp_path / "out" / f"alert-{alert_id}.wacz"
    assert (tmp_path / "out" / f"bundle-{bundle_id}-screenshot.png").read_bytes()[:8] == PNG_SIGNATURE
    assert json.loads((tmp_path / "out" / f"bundle-{bundle_id}-manifest.json").read_text())
    from wacz.main import main as wacz_main

    with redirect_stdout(io.StringIO()) as said:
        assert wacz_main(["validate", "-f", str(out)]) == 0, said.getvalue()
    with zipfile.ZipFile(out) as zf:
        assert zf.getinfo("archive/data.warc.gz").compress_type == zipfile.ZIP_STORED
        cdx = zf.read("indexes/index.cdx").decode()
        pages = [json.loads(line) for line in zf.read("pages/pages.jsonl").decode().splitlines()]
    assert served.listing_url(2).split("://")[1].split(":")[0] in cdx
    assert pages[1]["url"] == served.listing_url(2)

    files = _files(session_factory, bundle_id)
    shot = files["screenshot"][0]
    path = Path(shot.path)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    html_path = Path(files["html"][0].path)
    html_path.unlink()

    with session_factory() as session:
        rows = verify_evidence(session, store, [alert_id])
    bad = {r.name: r.status for r in rows if not r.ok}
    assert bad == {"screenshot.png": "altered", "page.html": "missing"}

    from typer.testing import CliRunner

    from crawler.cli import app
    from tests.evidence.test_cli import cli_runtime

    runtime = cli_runtime(settings, session_factory)
    result = CliRunner().invoke(app, ["evidence", "verify", str(alert_id)], obj=runtime)
    assert result.exit_code == 1
    assert "screenshot.png" in result.output and "page.html" in result.output
    with pytest.raises(ExportError, match=r"page\.html .*missing.*screenshot\.png .*altered"):
        export_wacz(session_factory(), store, alert_id, tmp_path / "again.wacz")
    assert not (tmp_path / "again.wacz").exists()


def test_listing_on_unconfigured_host_is_refused_and_counted(
    chromium: str, served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session],
) -> None:
    _, direct = request_bundle(session_factory, store, f"{served.hostile}/listing", "9")
    _, redirected = request_bundle(session_factory, store, f"{served.base}/tokopedia/leave", "10")
    report = capture_pending_sync(session_factory, settings, pool_size=2)
    reasons = {r.bundle_id: r.reason for r in report.results}
    assert "refused host '127.0.0.2'" in reasons[direct]
    assert reasons[redirected]  # the redirect hop to the hostile host was refused
    assert served.hostile_hits.paths == []
    with session_factory() as session:
        for bundle_id in (direct, redirected):
            bundle = session.get(EvidenceBundle, bundle_id)
            assert bundle is not None and bundle.status == "failed" and bundle.attempts == 1


def test_disk_full_leaves_bundle_failed_then_retry_completes_it(
    chromium: str, served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    _, bundle_id = request_bundle(session_factory, store, served.listing_url(3), "3")
    with session_factory() as session:
        bundle = session.get(EvidenceBundle, bundle_id)
        assert bundle is not None and bundle.status == "failed" and "disk full" in bundle.reason
        assert evidence_db.bundle_files(session, bundle_id) == []
        listing = session.get(Listing, bundle.listing_id)
        assert listing is not None and listing.title.endswith("#3") and listing.state == "live"

    monkeypatch.setattr(os, "fsync", real_fsync)
    report = capture_pending_sync(session_factory, settings)
    assert [r.status for r in report.results] == ["ok"]
    files = _files(session_factory, bundle_id)
    assert "listing_json" in files and "screenshot" in files
    manifest = json.loads(store.path_for(files["manifest"][0].sha256).read_bytes())
    assert any("rebuilt from the database" in n for n in manifest["notes"])
