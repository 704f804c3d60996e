"""A hostile run (issue 17): the sandbox serves NIKs in every spelling and CSV-formula titles.

The sandbox's own planting hooks (``sandbox.planted_texts``) are wrapped for a
sandbox of this test alone, so every planted listing carries a structurally
valid NIK, written plainly, with spaces, dots, dashes, zero-width characters,
full-width digits or a mixture, in its title or description, and every other
one a title that starts like a spreadsheet formula. Pairs of listings share a
NIK, so alerts are linked by it. After a real scan (a ``crawler.scan`` child)
no output of any command, nor the scan's log, holds a full NIK: ``alerts list``
(table, JSON, CSV), ``alerts show`` (table, JSON), ``report``, ``notices
draft/list/show`` and the ``.eml`` files. ``--reveal`` shows them, and each
reveal is in the audit trail with the analyst's name. No CSV cell starts a
formula.
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
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from crawler.cli import app
from matchers.normalise import INVISIBLE
from sandbox import planted_texts
from sandbox.server import SandboxHandle, run_sandbox
from sandbox.shops import load_shops
from storage.models import AlertEvent, Identifier
from storage.session import make_engine, make_session_factory

pytestmark = pytest.mark.slow

MARKETPLACES = ("tokopedia", "shopee")
QUERY = "blangko ktp"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
FORMULAS = ("=HYPERLINK(\"http://evil.example\",\"klik\") ", "+62 ", "-2+3+cmd|' /C calc'!A0 ", "@SUM(A1) ")


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

    def build(rng: random.Random, *args: object) -> planted_texts.ListingText:
        text = original(rng, *args)
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


@pytest.fixture
def hostile_sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxHandle]:
    monkeypatch.setattr(planted_texts, "planted_blank", _hostile(planted_texts.planted_blank))
    monkeypatch.setattr(planted_texts, "planted_related", _hostile(planted_texts.planted_related))
    shops = load_shops(MARKETPLACES)
    if set(shops) != set(MARKETPLACES):
        pytest.skip("sandbox shops missing")
    with run_sandbox(catalogue_seed=17, listings=400, shops=shops, admin=True) as handle:
        yield handle


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
    return texts


def test_no_output_shows_a_full_nik_unless_revealed(
    hostile_sandbox: SandboxHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "hostile.toml"
    lines = ["[crawl]", "download_delay = 0.05", "autothrottle = false",
             "[queries]", f'lexicon = ["{QUERY}"]']
    for name in MARKETPLACES:
        lines += [f"[marketplaces.{name}]", 'transport = "api"', "page_size = 20"]
    config.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("KTPWATCH_CONFIG", str(config))
    monkeypatch.setenv("COLUMNS", "200")

    scan = subprocess.run(
        [sys.executable, "-m", "crawler.scan", "--config", str(config), "--trigger", "manual",
         "--sandbox", hostile_sandbox.base_url, "--no-evidence", "--no-images",
         *(arg for m in MARKETPLACES for arg in ("--marketplace", m))],
        capture_output=True, text=True, timeout=300, env=os.environ.copy(),
    )
    assert scan.returncode == 0, scan.stderr[-2000:]
    summary = json.loads(scan.stdout.strip().splitlines()[-1])

    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    sessions = make_session_factory(engine)
    with sessions() as session:
        niks = set(session.scalars(select(Identifier.value).where(Identifier.kind == "nik")))
    planted = {i["value"] for p in hostile_sandbox.truth()["planted"] for i in p["identifiers"] if i["kind"] == "nik"}
    assert len(niks) >= 5 and niks <= planted, (summary, niks)

    runner = CliRunner()
    outputs: dict[str, str] = {"scan log": scan.stdout + scan.stderr}

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, (args, result.output)
        outputs[" ".join(args)] = result.output
        return result.stdout

    rows = json.loads(run("alerts", "list", "--limit", "0", "--format", "json"))
    assert len(rows) >= 5
    run("alerts", "list", "--limit", "0")
    table_csv = run("alerts", "list", "--limit", "0", "--format", "csv")
    for row in rows:
        run("alerts", "show", str(row["id"]))
        run("alerts", "show", str(row["id"]), "--format", "json")
    for fmt in ("table", "json", "csv"):
        run("report", "--format", fmt)
    run("alerts", "confirm", *(str(row["id"]) for row in rows), "--as", "ana")
    run("notices", "draft")
    notices = json.loads(run("notices", "list", "--format", "json"))
    assert notices
    for notice in notices:
        run("notices", "show", str(notice["id"]))
    emls = eml_texts(tmp_path)
    assert emls
    outputs.update({f"eml {i}": text for i, text in enumerate(emls)})

    leaked = {name: full_niks_in(text, planted) for name, text in outputs.items()}
    assert not {name: found for name, found in leaked.items() if found}

    # CSV: no cell a spreadsheet would run
    for record in csv.DictReader(io.StringIO(table_csv)):
        for cell in record.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(record["title"].startswith("'") for record in csv.DictReader(io.StringIO(table_csv)))

    # --reveal shows them, and every reveal is audited with the analyst's name
    revealed = run("alerts", "list", "--limit", "0", "--format", "json", "--reveal", "--as", "budi")
    shown = run("alerts", "show", str(rows[0]["id"]), "--reveal", "--as", "citra")
    assert full_niks_in(revealed, niks)
    with sessions() as session:
        events = [(e.alert_id, e.actor) for e in session.scalars(
            select(AlertEvent).where(AlertEvent.action == "reveal").order_by(AlertEvent.id))]
    assert events == [*((row["id"], "budi") for row in rows), (rows[0]["id"], "citra")]
    assert shown
    engine.dispose()
