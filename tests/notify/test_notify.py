"""The per-scan notification digest, delivered through Apprise to local endpoints.

A local aiohttp server receives Apprise's ``json://`` posts and a local aiosmtpd
server receives ``mailto://``; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import unicodedata
from datetime import timedelta
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from alerts.notify import (
    Digest,
    DigestAlert,
    ReturningActor,
    escape_for,
    plain,
    render,
    send_digest,
)
from config import Settings, load_config
from config.secrets import redact_urls
from crawler.scan import ScanOptions, run_scan_subprocess
from crawler.scan.after_crawl import send_scan_digest
from crawler.scan.summary import ScanSummary
from sandbox.server import run_sandbox
from tests.alerts.builders import T0, ingest, new_scan
from tests.conftest import upgraded_sqlite
from tests.notify.sinks import JsonSink
from tests.servers import free_port

REPO = Path(__file__).resolve().parents[2]
NIK = "3174010101900003"
#: the same NIK as sellers write it
NIK_SPELLINGS = (
    NIK, "3174 0101 0190 0003", "3174.0101.0190.0003", "3174-0101-0190-0003",
    "3174\u200b0101\u200b0190\u200b0003", "３１７４０１０１０１９００００３",
)
HOSTILE = "<b>x</b> [click](http://evil.example) **bold** <script>alert(1)</script> \x1b[31mred"


class MailSink:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


def _with_urls(settings: Settings, *urls: str, threshold: float = 60.0) -> Settings:
    notify = settings.notify.model_copy(update={"urls": list(urls), "score_threshold": threshold})
    return settings.model_copy(update={"notify": notify})


def _scan_with_alerts(sessions: sessionmaker[Session]) -> int:
    """One scan: two alerts above 60 (one with a hostile title and NIKs), one below."""
    with sessions.begin() as session:
        old = new_scan(session, at=T0 - timedelta(days=30))
        ingest(session, "old-1", title="Blangko lama", scan_id=old, seen_at=T0 - timedelta(days=30))
        scan = new_scan(session)
        ingest(session, "tp-1", scan_id=scan, score=91.0, title=f"{HOSTILE} NIK {' / '.join(NIK_SPELLINGS)}")
        ingest(session, "tp-2", scan_id=scan, score=75.0, title="Blangko e-KTP kosong")
        ingest(session, "tp-3", scan_id=scan, score=57.0, verdict="related", title="Blanko KK")
    return scan


def _summary(scan_id: int, flags: list[str] | None = None) -> ScanSummary:
    return ScanSummary(scan_id=scan_id, status="finished", trigger="test", queries=[], new_alerts=3,
                       marketplaces=[], duration_seconds=1.0, health_flags=flags or [])


def _digit_runs(text: str) -> str:
    """The digits of ``text`` with the separators sellers put inside a NIK dropped."""
    flat = unicodedata.normalize("NFKC", text)
    return "".join(ch if ch.isdigit() else ("" if ch in " .-\u200b\\" else "|") for ch in flat)


@pytest.fixture
def settings() -> Settings:
    return load_config().settings


def test_one_digest_per_scan_above_threshold_masked_and_escaped(
    db: sessionmaker[Session], json_sink: JsonSink, settings: Settings
) -> None:
    scan = _scan_with_alerts(db)
    summary = _summary(scan, ["tokopedia: zero results for 3 queries (drift?)"])
    returning = [ReturningActor("seller <i>tp-evil</i>", "tokopedia", 7)]
    send_scan_digest(db, _with_urls(settings, json_sink.url), summary,
                     returning_actors=lambda session, scan_id: returning)
    assert len(json_sink.posts) == 1, json_sink.posts
    body = json_sink.posts[0]["message"]
    assert summary.problems == []
    assert "Blangko e-KTP kosong" in body and "Blanko KK" not in body and "Blangko lama" not in body
    assert "2 new alert(s)" in body and "drift?" in body and "tp-evil" in body
    assert NIK not in _digit_runs(body)
    assert "\x1b" not in body


def test_nothing_to_say_sends_nothing(db: sessionmaker[Session], json_sink: JsonSink, settings: Settings) -> None:
    with db.begin() as session:
        scan = new_scan(session)
    summary = _summary(scan)
    send_scan_digest(db, _with_urls(settings, json_sink.url), summary)
    assert json_sink.posts == [] and summary.problems == []


def test_failed_delivery_is_a_problem_with_the_url_redacted(
    db: sessionmaker[Session], settings: Settings
) -> None:
    scan = _scan_with_alerts(db)
    summary = _summary(scan)
    dead = f"json://user:hunter2@127.0.0.1:{free_port()}/hook"
    send_scan_digest(db, _with_urls(settings, dead), summary)
    assert len(summary.problems) == 1 and "not delivered" in summary.problems[0]
    assert "hunter2" not in summary.problems[0]


def test_mailto_reaches_a_local_smtp_without_full_nik(settings: Settings) -> None:
    handler = MailSink()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        url = (f"mailto://localhost:{port}?smtp=127.0.0.1&from=ktpwatch@example.org"
               "&to=analyst@example.org&mode=insecure")
        digest = Digest(1, alerts=tuple(
            DigestAlert(i, "shopee", 90.0, f"{HOSTILE} {spelling}", "") for i, spelling in enumerate(NIK_SPELLINGS)
        ))
        result = send_digest(_with_urls(settings, url), digest)
    finally:
        controller.stop()
    assert result.sent and not result.error, result
    assert len(handler.messages) == 1
    message = email.message_from_string(handler.messages[0], policy=policy.default)
    texts = {part.get_content_subtype(): part.get_content() for part in message.walk()
             if part.get_content_maintype() == "text"}
    assert "html" in texts, texts.keys()
    for content in texts.values():
        assert NIK not in _digit_runs(content)
    assert "<script>" not in texts["html"] and "<b>x</b>" not in texts["html"]


@hsettings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_escaped_title_renders_nothing_but_itself(title: str) -> None:
    """Markdown: every special is backslashed; HTML: no tag or entity survives unescaped."""
    clean = plain(title)
    md = escape_for(clean, "markdown")
    assert md.replace("\\", "") == clean.replace("\\", "")
    for special in "[]()*_`<>#":
        assert all(md[i - 1] == "\\" for i, ch in enumerate(md) if ch == special)
    assert "<" not in escape_for(clean, "html") and "\x1b" not in clean


@given(st.sampled_from(NIK_SPELLINGS), st.sampled_from(("text", "markdown", "html")))
def test_render_masks_every_nik_spelling(spelling: str, fmt: str) -> None:
    digest = Digest(1, alerts=(DigestAlert(1, "tokopedia", 80.0, f"jual blanko {spelling}", ""),),
                    returning=(ReturningActor(f"nik {spelling}", "olx"),), flags=(f"flag {spelling}",))
    assert NIK not in _digit_runs(render(digest, fmt))


@pytest.mark.parametrize("url,secret", [
    ("tgram://123456789:AAbbCCddEEff/12315544", "AAbbCCddEEff"),
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#alerts", "TIiajkdnlazkcOXrIdevi7FQ"),
    ("mailto://user:s3cretpw@smtp.example.org?to=a@example.org", "s3cretpw"),
    ("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", "JHMHI8qBe7bk2ZwO5U711o3dV_js"),
])
def test_apprise_url_secrets_are_redacted(url: str, secret: str) -> None:
    assert secret not in redact_urls(f"sending to {url} failed")


def test_config_check_never_prints_notify_urls(tmp_path: Path) -> None:
    urls = "tgram://123456789:AAbbCCddEEff/12315544, mailto://user:s3cretpw@smtp.example.org"
    env = {**os.environ, "KTPWATCH_NOTIFY_URLS": urls}
    out = subprocess.run([sys.executable, "-m", "crawler.cli", "config", "check"],
                         capture_output=True, text=True, env=env, cwd=REPO)
    assert "notify" in out.stdout, out.stdout + out.stderr
    assert "AAbbCCddEEff" not in out.stdout + out.stderr and "s3cretpw" not in out.stdout + out.stderr


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, cwd=REPO, timeout=120)


def test_notify_test_command_delivers_and_fails_loudly(json_sink: JsonSink) -> None:
    ok = _cli("notify", "test", env={"KTPWATCH_NOTIFY_URLS": json_sink.url})
    assert ok.returncode == 0, ok.stderr
    assert len(json_sink.posts) == 1 and "test notification" in json_sink.posts[0]["message"]
    dead = f"json://user:hunter2@127.0.0.1:{free_port()}/x"
    bad = _cli("notify", "test", env={"KTPWATCH_NOTIFY_URLS": dead})
    assert bad.returncode == 1 and "not delivered" in bad.stderr
    assert "hunter2" not in bad.stdout + bad.stderr
    none = _cli("notify", "test", env={})
    assert none.returncode == 1 and "no notification channel" in none.stderr


def test_a_real_scan_sends_exactly_one_digest(json_sink: JsonSink, tmp_path: Path) -> None:
    """A scan of a small sandbox posts one digest however many alerts it opens; a rescan with
    nothing new and no flag posts nothing."""
    config = tmp_path / "ktpwatch.toml"
    config.write_text("[crawl]\ndownload_delay = 0.0\nautothrottle = false\n", encoding="utf-8")
    env = {"KTPWATCH_DB_URL": upgraded_sqlite(tmp_path / "scan.db"),
           "KTPWATCH_EVIDENCE_DIR": str(tmp_path / "evidence"), "KTPWATCH_CONFIG": str(config),
           "KTPWATCH_NOTIFY_URLS": json_sink.url}
    options = ScanOptions(trigger="test", transport="api", max_pages=1, capture_evidence=False,
                          process_images=False, marketplaces=("tokopedia",))
    with run_sandbox(catalogue_seed=7, listings=200) as sandbox:
        first = run_scan_subprocess(options, sandbox_url=sandbox.base_url, env=env, timeout=300)
        assert first["new_alerts"] > 1 and not first["problems"], first
        assert len(json_sink.posts) == 1
        assert NIK not in _digit_runs(json_sink.posts[0]["message"])
        second = run_scan_subprocess(options, sandbox_url=sandbox.base_url, env=env, timeout=300)
    assert second["new_alerts"] == 0
    assert len(json_sink.posts) == 1 + bool(second["health_flags"])
