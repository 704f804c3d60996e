"""WARC records written at request time read back with warcio, digests intact."""

from __future__ import annotations

import hashlib
import io
import json
from base64 import b32encode

from sqlalchemy.orm import Session, sessionmaker
from warcio.archiveiterator import ArchiveIterator

from alerts.evidence import EvidenceStore
from alerts.evidence.warc import CapturedExchange, exchanges_to_warc
from storage import evidence as evidence_db
from storage.models import EvidenceBundle
from tests.evidence.conftest import request_bundle, search_exchange


def _records(data: bytes) -> list[tuple[str, dict[str, str], bytes, bytes]]:
    out = []
    for rec in ArchiveIterator(io.BytesIO(data), check_digests="raise"):
        http = rec.http_headers.to_bytes() if rec.http_headers else b""
        payload = rec.content_stream().read()
        out.append((rec.rec_type, dict(rec.rec_headers.headers), http, payload))
    return out


def _sha256_b32(data: bytes) -> str:
    return "sha256:" + b32encode(hashlib.sha256(data).digest()).decode()


def test_exchange_becomes_request_and_response_with_sha256_digests() -> None:
    ex = search_exchange("http://127.0.0.1:9/tokopedia/p/1")
    records = _records(exchanges_to_warc([ex], filename="x.warc.gz", info={"software": "t"}))
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    _, response_headers, http, payload = records[1]
    assert response_headers["WARC-Target-URI"] == ex.url
    assert response_headers["WARC-Date"] == "2026-01-02T03:04:05Z"
    assert payload == ex.response_body
    # Independent recomputation, not warcio's own word for it.
    assert response_headers["WARC-Payload-Digest"] == _sha256_b32(ex.response_body)
    assert response_headers["WARC-Block-Digest"] == _sha256_b32(http + ex.response_body)
    # The body is stored decoded, so the stale encoding header is kept under another name.
    assert b"X-Archive-Orig-Content-Encoding: gzip" in http
    assert b"\r\nContent-Encoding" not in http
    request_headers = records[2][1]
    assert request_headers["WARC-Concurrent-To"] == response_headers["WARC-Record-ID"]
    assert records[2][2].startswith(b"GET /tokopedia/p/1 HTTP/1.1")


def test_real_gzip_body_keeps_its_encoding_header() -> None:
    import gzip

    body = gzip.compress(b"{}")
    ex = CapturedExchange("http://h/a", "POST", (), b'{"q":1}', 200,
                          (("Content-Encoding", "gzip"),), body)
    records = _records(exchanges_to_warc([ex], filename="x", info={}))
    assert b"\r\nContent-Encoding: gzip" in records[1][2]
    assert records[2][3] == b'{"q":1}'


def test_record_capture_request_stores_warc_and_listing_json(
    session_factory: sessionmaker[Session], tmp_path: object
) -> None:
    store = EvidenceStore(tmp_path / "ev")  # type: ignore[operator]
    alert_id, bundle_id = request_bundle(session_factory, store, "http://127.0.0.1:9/tokopedia/p/7", "7")
    with session_factory() as session:
        bundle = session.get(EvidenceBundle, bundle_id)
        assert bundle is not None and bundle.status == "pending" and bundle.alert_id == alert_id
        files = {f.kind: f for f in evidence_db.bundle_files(session, bundle_id)}
    assert set(files) == {"warc", "listing_json"}
    warc = files["warc"]
    data = store.path_for(warc.sha256).read_bytes()
    assert hashlib.sha256(data).hexdigest() == warc.sha256 and len(data) == warc.size
    assert warc.http_status == 200 and warc.url.endswith("/p/7")
    kinds = [r[0] for r in _records(data)]
    assert kinds == ["warcinfo", "response", "request"]
    listing = json.loads(store.path_for(files["listing_json"].sha256).read_bytes())
    assert listing["url"].endswith("/p/7")
