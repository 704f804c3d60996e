"""A hostile run (issue 17): one sandbox run with everything a hostile seller and shop can do at once.

* NIKs in every spelling and CSV-formula titles: the sandbox's own planting
  hooks (``sandbox.planted_texts``) are wrapped for a sandbox of this test
  alone, so every planted listing carries a structurally valid NIK, written
  plainly, with spaces, dots, dashes, zero-width characters, full-width digits
  or a mixture, in its title or description, and every other one a title that
  starts like a spreadsheet formula. Pairs of listings share a NIK, so alerts
  are linked by it.
* Photo URLs chosen by sellers (the fault plan's ``seller_photo_urls``) that
  point at local ports: Redis's and PostgreSQL's, and canary listeners on a
  random port of 127.0.0.1 and of each shop's own host, which record every
  connection made to them (Shopee names photos by id, so its seller-chosen
  photos arrive as a redirect from the shop's own photo path).
* Trickling photo servers: a share of the shops' own photos answer one byte
  every few seconds (``photo_rates: trickle``).

The scan is a real ``crawler.scan`` child with photo reading and, when
Chromium is installed, evidence capture (whose browser must not reach the
canaries either). Afterwards no output of any command, nor the scan's log,
holds a full NIK: ``alerts list`` (table, JSON, CSV), ``alerts show`` (table,
JSON), ``report``, ``evidence verify/view``, ``notices draft/list/show`` and
the ``.eml`` files with the evidence manifests they carry.
``--reveal`` shows them, and each reveal is in the audit trail with the
analyst's name. No CSV cell starts a formula. No canary saw a connection, and
the scan ended within its deadlines: every trickled photo was given up at
``images.fetch_deadline_seconds``.
"""

from __future__ import annotations

import csv
import dataclasses
import email
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from email import policy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from config.browser import find_browser
from crawler.cli import app
from matchers.normalise import INVISIBLE
from sandbox import planted_texts
from sandbox.faults import FaultKind, FaultPlan, FaultRates
from sandbox.server import SandboxHandle, run_sandbox
from sandbox.shops import load_shops
from storage.models import AlertEvent, Identifier, ListingImage
from storage.session import make_engine, make_session_factory
from tests.canary import recording_connections

pytestmark = pytest.mark.slow

MARKETPLACES = ("tokopedia", "shopee")
QUERY = "blangko ktp"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
FORMULAS = ("=HYPERLINK(\"http://evil.example\",\"klik\") ", "+62 ", "-2+3+cmd|' /C calc'!A0 ", "@SUM(A1) ")
#: seconds between the bytes of a trickling photo, and the total deadline a photo fetch gets
TRICKLE_SECONDS = 3.0
PHOTO_DEADLINE_SECONDS = 2.0
#: a scan whose photo stage waited for trickling photos would take hours; this one has minutes
SCAN_TIMEOUT_SECONDS = 420


def _groups(nik: str, sep: str) -> str:
    return sep.join(nik[i : i + 4] for i in range(0, 16, 4))


SPELLINGS: tuple[Callable[[str], str], ...] = (
    lambda nik: nik,
    lambda nik: _groups(nik, " "),
    lambda nik: _groups(nik, "."),
    lambda nik: _groups(nik, "-"),
    lambda nik: "\u200b".join(nik),
    lambda nik: nik.translate(FULL_WIDTH),
    lambda nik: _groups(nik[:8].translate(FULL_WIDTH) + nik[8:], "\u2060 "),
)


def _hostile(original: Callable[..., planted_texts.ListingText]) -> Callable[..., planted_texts.ListingText]:
    """``original`` with a NIK in some spelling planted in every listing and formula titles."""
    count = iter(range(10**6))

    def build(rng: random.Random, *args: object, **kwargs: object) -> planted_texts.ListingText:
        text = original(rng, *args, **kwargs)
        i = next(count)
        nik = planted_texts.make_nik(random.Random(f"nik-{i // 2}"))  # pairs share a NIK
        spelled = SPELLINGS[i % len(SPELLINGS)](nik)
        title = text.title
        if i % 2:
            title = f"{FORMULAS[i % len(FORMULAS)]}{title}"
        if i % 3 == 0:
            title = f"{title} NIK {spelled}"
        return dataclasses.replace(
            text, title=title, description=f"{text.description}\nNIK pemesan {spelled} (contoh)",
            identifiers=(*text.identifiers, ("nik", nik)),
        )

    return build


@dataclass
class Canary:
    """A listening port that records every connection made to it (a Redis or a PostgreSQL we own)."""

    host: str
    port: int
    connections: list[str] = field(default_factory=list)


@contextmanager
def canary(host: str) -> Iterator[Canary]:
    sock = socket.create_server((host, 0))
    found = Canary(host, sock.getsockname()[1])
    with recording_connections(sock, found.connections):
        yield found


@dataclass
class HostileRun:
    sandbox: SandboxHandle
    canaries: list[Canary]


def seller_photo_urls(canaries: list[Canary]) -> list[str]:
    """Where hostile sellers point their photos: local services and our canaries, by address and name."""
    urls = ["http://127.0.0.1:6379/{image_id}.jpg", "http://127.0.0.1:5432/{image_id}.jpg",
            "http://169.254.169.254/latest/meta-data/{image_id}.jpg"]
    for c in canaries:
        urls += [f"http://{c.host}:{c.port}/{{image_id}}.jpg", f"https://{c.host}:{c.port}/{{image_id}}.jpg"]
        if c.host == "127.0.0.1":
            urls.append(f"http://localhost:{c.port}/{{image_id}}.jpg")
    return urls


@pytest.fixture
def hostile_run(monkeypatch: pytest.MonkeyPatch) -> Iterator[HostileRun]:
    monkeypatch.setattr(planted_texts, "planted_blank", _hostile(planted_texts.planted_blank))
    monkeypatch.setattr(planted_texts, "planted_related", _hostile(planted_texts.planted_related))
    shops = load_shops(MARKETPLACES)
    if set(shops) != set(MARKETPLACES):
        pytest.skip("sandbox shops missing")
    with run_sandbox(catalogue_seed=17, listings=400, shops=shops, admin=True) as handle, ExitStack() as stack:
        hosts = {"127.0.0.1"} | {str(urlsplit(url).hostname) for url in handle.shop_urls.values()}
        canaries = [stack.enter_context(canary(host)) for host in sorted(hosts)]
        handle.set_faults(FaultPlan(seed=17, default=FaultRates(
            trickle_seconds=TRICKLE_SECONDS,
            photo_rates={FaultKind.TRICKLE: 0.35},
            seller_photo_urls=tuple(seller_photo_urls(canaries)),
            seller_photo_share=0.4,
        )))
        yield HostileRun(handle, canaries)


def readable_runs(text: str) -> list[str]:
    """Digit runs as the matcher reads text: NFKC, invisible characters and separators removed."""
    plain = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    runs = re.findall(r"\d(?:[\s.\-\u2010-\u2015]{0,3}\d)*", plain)
    return [re.sub(r"\D", "", run) for run in runs]


def full_niks_in(text: str, niks: set[str]) -> set[str]:
    return {nik for run in readable_runs(text) for nik in niks if nik in run}


def eml_texts(folder: Path) -> list[str]:
    texts = []
    for path in folder.rglob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        texts.append(str(message["Subject"]))
        for part in message.walk():
            if part.get_content_maintype() == "text":
                texts.append(part.get_content())
            elif part.get_content_type() == "application/json":  # the evidence manifest attached
                texts.append(part.get_payload(decode=True).decode("utf-8"))
    return texts


def _scan(run: HostileRun, config: Path, *, evidence: bool) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    scan = subprocess.run(
        [sys.executable, "-m", "crawler.scan", "--config", str(config), "--trigger", "manual",
         "--sandbox", run.sandbox.base_url, *(() if evidence else ("--no-evidence",)),
         *(arg for m in MARKETPLACES for arg in ("--marketplace", m))],
        capture_output=True, text=True, timeout=SCAN_TIMEOUT_SECONDS, env=os.environ.copy(),
    )
    return scan, time.monotonic() - started


def _photo_outcomes(sessions: Callable[[], Any]) -> list[tuple[str, str, str]]:
    with sessions() as session:
        return [(i.url, i.status, i.error) for i in session.scalars(select(ListingImage))]


def _assert_photos_held(run: HostileRun, photos: list[tuple[str, str, str]]) -> None:
    """Seller-chosen photos refused before any connection, trickled ones given up at the deadline."""
    time.sleep(0.5)  # a connection made at the very end is counted by now
    assert {f"{c.host}:{c.port}": c.connections for c in run.canaries if c.connections} == {}
    shops = {url.rstrip("/") for url in run.sandbox.shop_urls.values()}
    chosen = [(url, status, error) for url, status, error in photos
              if not any(url.startswith(f"{shop}/") for shop in shops)]
    assert chosen and all(status == "refused" for _, status, _ in chosen), chosen
    late = [error for _, status, error in photos if status == "failed" and "gave up after" in error]
    assert late, photos  # some photos trickled, and each was abandoned at the total deadline
    assert all(f"{PHOTO_DEADLINE_SECONDS:g}s" in error for error in late), late
    assert any(status == "ok" for _, status, _ in photos)


def _hostile_config(tmp_path: Path) -> Path:
    config = tmp_path / "hostile.toml"
    lines = ["[crawl]", "download_delay = 0.05", "autothrottle = false",
             "[queries]", f'lexicon = ["{QUERY}"]',
             "[images]", f"fetch_deadline_seconds = {PHOTO_DEADLINE_SECONDS}", "workers = 2",
             "[evidence]", "screenshot_pool = 2"]
    for name in MARKETPLACES:
        lines += [f"[marketplaces.{name}]", 'transport = "api"', "page_size = 20"]
    config.write_text("\n".join(lines) + "\n")
    return config


def _invoker(outputs: dict[str, str]) -> Callable[..., str]:
    """Runs a ktpwatch command (exit 0 asserted), keeps its whole output under its words, returns stdout."""
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, (args, result.output)
        outputs[" ".join(args)] = result.output
        return result.stdout

    return run


def _review_outputs(
    run: Callable[..., str], outputs: dict[str, str], tmp_path: Path, *, evidence: bool
) -> tuple[list[dict[str, Any]], str]:
    """Every listing, review and notice output of the run's alerts; (``alerts list`` rows, its CSV)."""
    rows = json.loads(run("alerts", "list", "--limit", "0", "--format", "json"))
    assert len(rows) >= 5
    run("alerts", "list", "--limit", "0")
    table_csv = run("alerts", "list", "--limit", "0", "--format", "csv")
    for row in rows:
        run("alerts", "show", str(row["id"]))
        run("alerts", "show", str(row["id"]), "--format", "json")
    for fmt in ("table", "json", "csv"):
        run("report", "--format", fmt)
    if evidence:
        run("evidence", "verify")
        run("evidence", "verify", "--format", "json")
        for row in rows:
            outputs[f"evidence view {row['id']}"] = CliRunner().invoke(app, ["evidence", "view", str(row["id"])]).output
    run("alerts", "confirm", *(str(row["id"]) for row in rows), "--as", "ana")
    run("notices", "draft")
    notices = json.loads(run("notices", "list", "--format", "json"))
    assert notices
    for notice in notices:
        run("notices", "show", str(notice["id"]))
    emls = eml_texts(tmp_path)
    assert emls
    outputs.update({f"eml {i}": text for i, text in enumerate(emls)})
    return rows, table_csv


def _assert_reveals_shown_and_audited(
    run: Callable[..., str], sessions: Callable[[], Any], rows: list[dict[str, Any]], niks: set[str]
) -> None:
    """--reveal shows the NIKs, and every reveal is audited with the analyst's name."""
    revealed = run("alerts", "list", "--limit", "0", "--format", "json", "--reveal", "--as", "budi")
    shown = run("alerts", "show", str(rows[0]["id"]), "--reveal", "--as", "citra")
    assert full_niks_in(revealed, niks)
    with sessions() as session:
        events = [(e.alert_id, e.actor) for e in session.scalars(
            select(AlertEvent).where(AlertEvent.action == "reveal").order_by(AlertEvent.id))]
    assert events == [*((row["id"], "budi") for row in rows), (rows[0]["id"], "citra")]
    assert shown


def test_no_output_shows_a_full_nik_unless_revealed(
    hostile_run: HostileRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _hostile_config(tmp_path)
    monkeypatch.setenv("KTPWATCH_CONFIG", str(config))
    monkeypatch.setenv("COLUMNS", "200")

    evidence = find_browser() is not None
    scan, took = _scan(hostile_run, config, evidence=evidence)
    assert scan.returncode == 0, scan.stderr[-2000:]
    summary = json.loads(scan.stdout.strip().splitlines()[-1])
    hostile_sandbox = hostile_run.sandbox

    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    sessions = make_session_factory(engine)
    _assert_photos_held(hostile_run, _photo_outcomes(sessions))
    assert summary["images"]["refused"] >= 1 and summary["images"]["failed"] >= 1, summary["images"]
    if evidence:
        assert summary["evidence"].get("captured", 0) >= 1, summary["evidence"]
    print(f"hostile scan took {took:.1f}s; images {summary['images']}; evidence {summary.get('evidence')}")
    with sessions() as session:
        niks = set(session.scalars(select(Identifier.value).where(Identifier.kind == "nik")))
    planted = {i["value"] for p in hostile_sandbox.truth()["planted"] for i in p["identifiers"] if i["kind"] == "nik"}
    assert len(niks) >= 5 and niks <= planted, (summary, niks)

    outputs: dict[str, str] = {"scan log": scan.stdout + scan.stderr}
    run = _invoker(outputs)
    rows, table_csv = _review_outputs(run, outputs, tmp_path, evidence=evidence)

    leaked = {name: full_niks_in(text, planted) for name, text in outputs.items()}
    assert not {name: found for name, found in leaked.items() if found}

    # CSV: no cell a spreadsheet would run
    for record in csv.DictReader(io.StringIO(table_csv)):
        for cell in record.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(record["title"].startswith("'") for record in csv.DictReader(io.StringIO(table_csv)))

    _assert_reveals_shown_and_audited(run, sessions, rows, niks)
    engine.dispose()
