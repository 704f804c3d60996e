"""``ktpwatch case export``: the folder it writes, masking and audited reveals, refusals, the PDF."""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from crawler.cli import app
from storage.models import AlertEvent
from storage.session import make_engine, make_session_factory
from tests.case.builders import MASKED_NIK, NIK, seed_default_database

runner = CliRunner()


def _export(*args: str) -> object:
    return runner.invoke(app, ["case", "export", *args], env={"KTPWATCH_ANALYST": "ana"})


def _events(action: str) -> list[AlertEvent]:
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(AlertEvent).where(AlertEvent.action == action)))
    finally:
        engine.dispose()


class _Refs(HTMLParser):
    """Every src/href/xlink:href in a page, and every <img> src."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "poster", "data") and value is not None:
                self.refs.append(value)
                if tag == "img" and name == "src":
                    self.images.append(value)


def test_export_writes_the_folder_with_correct_sha256sums(tmp_path: Path) -> None:
    seeded = seed_default_database()
    out = tmp_path / "case"
    result = _export(seeded.actor_id, "--out", str(out), "--no-pdf")
    assert result.exit_code == 0, result.output
    sums = (out / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert {"case.html", "network.svg", f"evidence-{seeded.actor_id}.wacz"} <= on_disk
    assert len([n for n in on_disk if n.startswith("screenshots/")]) == 2
    assert f"alert {seeded.alerts[2]}: no screenshot captured" in result.output
    with zipfile.ZipFile(out / f"evidence-{seeded.actor_id}.wacz") as wacz:
        pages = wacz.read("pages/pages.jsonl").decode().splitlines()[1:]
    assert {json.loads(p)["id"] for p in pages} == {"bundle-1", "bundle-2"}


def test_html_is_self_contained_with_every_image_a_file_in_the_folder(tmp_path: Path) -> None:
    seeded = seed_default_database()
    out = tmp_path / "case"
    assert _export(seeded.actor_id, "--out", str(out), "--no-pdf").exit_code == 0
    html = (out / "case.html").read_text()
    refs = _Refs()
    refs.feed(html)
    assert not [r for r in refs.refs if re.match(r"(?i)\s*(https?:)?//", r)]
    assert len(refs.images) == 2 and all((out / src).is_file() for src in refs.images)
    assert not re.search(r"(?i)url\(\s*['\"]?(https?:)?//", html)  # nor from CSS


def test_niks_are_masked_and_every_export_is_audited(tmp_path: Path) -> None:
    seeded = seed_default_database()
    result = _export(seeded.actor_id, "--out", str(tmp_path / "case"), "--no-pdf")
    assert result.exit_code == 0, result.output
    for name in ("case.html", "network.svg"):
        text = (tmp_path / "case" / name).read_text()
        assert NIK not in text and MASKED_NIK in text
    assert _events("reveal") == []
    exported = _events("case_export")
    assert sorted(e.alert_id for e in exported) == sorted(seeded.alerts) and {e.actor for e in exported} == {"ana"}
    html = (tmp_path / "case" / "case.html").read_text()
    assert "case_export" in html  # the export is part of its own chain of custody


def test_reveal_shows_niks_and_is_audited_like_alerts_show(tmp_path: Path) -> None:
    seeded = seed_default_database()
    result = runner.invoke(app, ["case", "export", seeded.actor_id, "--out", str(tmp_path / "case"), "--no-pdf",
                                 "--reveal", "--as", "budi"])
    assert result.exit_code == 0, result.output
    assert NIK in (tmp_path / "case" / "case.html").read_text()
    reveals = _events("reveal")
    assert sorted(e.alert_id for e in reveals) == sorted(seeded.alerts)
    assert {e.actor for e in reveals} == {"budi"} and all("unmasked" in e.note for e in reveals)


def test_unknown_actor_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    seed_default_database()
    result = _export("act-ffffffffff", "--out", str(tmp_path / "case"))
    assert result.exit_code == 2
    assert "no actor act-ffffffffff" in result.output
    assert not (tmp_path / "case").exists() and _events("case_export") == []


def test_a_folder_with_files_is_refused_unless_force(tmp_path: Path) -> None:
    seeded = seed_default_database()
    out = tmp_path / "case"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    refused = _export(seeded.actor_id, "--out", str(out), "--no-pdf")
    assert refused.exit_code == 1 and "not empty" in refused.output and _events("case_export") == []
    first = _export(seeded.actor_id, "--out", str(out), "--force")
    assert first.exit_code == 0, first.output
    again = _export(seeded.actor_id, "--out", str(out), "--no-pdf", "--force")
    assert again.exit_code == 0, again.output
    assert (out / "notes.txt").read_text() == "mine" and (out / "case.html").is_file()
    assert not (out / "case.pdf").exists()  # no PDF left over that the new HTML did not make
    assert "case.pdf" not in (out / "SHA256SUMS").read_text()


def test_altered_evidence_stops_the_export(tmp_path: Path) -> None:
    seeded = seed_default_database()
    store = Path(os.environ["KTPWATCH_EVIDENCE_DIR"])
    victim = next(p for p in store.rglob("*") if p.is_file() and p.read_bytes().startswith(b"\x89PNG"))
    victim.chmod(0o644)
    victim.write_bytes(b"\x89PNG forged")
    result = _export(seeded.actor_id, "--out", str(tmp_path / "case"))
    assert result.exit_code == 1 and "failed verification" in result.output
    assert not (tmp_path / "case").exists()
    assert _events("case_export") == []  # the transaction rolled back with the refusal


def test_pdf_is_rendered_from_the_same_html(tmp_path: Path) -> None:
    seeded = seed_default_database()
    out = tmp_path / "case"
    result = _export(seeded.actor_id, "--out", str(out))
    assert result.exit_code == 0, result.output
    pdf = (out / "case.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert "case.pdf" in (out / "SHA256SUMS").read_text()


def test_an_actor_without_evidence_gets_a_case_file_that_says_so(tmp_path: Path) -> None:
    seeded = seed_default_database()
    out = tmp_path / "loner"
    result = _export(seeded.loner_actor_id, "--out", str(out), "--no-pdf")
    assert result.exit_code == 0, result.output
    assert "wacz: none" in result.output and "no screenshot captured" in result.output
    assert not list(out.glob("*.wacz")) and not (out / "screenshots").exists()
    html = (out / "case.html").read_text()
    assert "No evidence captured" in html and "No screenshot captured" in html
    assert (out / "SHA256SUMS").read_text().splitlines() == [
        f"{hashlib.sha256((out / n).read_bytes()).hexdigest()}  {n}" for n in ("case.html", "network.svg")]


def test_a_retired_actor_exits_2_and_says_it_is_retired(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from storage.models import ActorRow, ActorStatus

    seed_default_database()
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    with make_session_factory(engine).begin() as session:
        when = datetime(2026, 1, 1, tzinfo=UTC)
        session.add(ActorRow(id="act-dead000000", status=ActorStatus.RETIRED.value, first_seen_at=when,
                             last_seen_at=when))
    engine.dispose()
    result = _export("act-dead000000", "--out", str(tmp_path / "case"))
    assert result.exit_code == 2 and "retired" in result.output
    assert not (tmp_path / "case").exists()


def test_seller_markup_is_printed_as_text_never_as_markup(tmp_path: Path) -> None:
    from sqlalchemy import update

    from storage.models import Listing, Seller

    seeded = seed_default_database()
    hostile = '<img src="https://evil.example/x.png"><script>fetch("//evil.example")</script>\u202e'
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    with make_session_factory(engine).begin() as session:
        session.execute(update(Listing).values(title=hostile, url="javascript:alert(1)"))
        session.execute(update(Seller).values(name=hostile))
    engine.dispose()
    out = tmp_path / "case"
    assert _export(seeded.actor_id, "--out", str(out), "--no-pdf").exit_code == 0
    for name in ("case.html", "network.svg"):
        text = (out / name).read_text()
        refs = _Refs()
        refs.feed(text)
        assert not [r for r in refs.refs if "evil" in r or r.startswith("javascript:")]
        assert "<script" not in text and "\u202e" not in text
        assert "&lt;img" in text or "&lt;script" in text
