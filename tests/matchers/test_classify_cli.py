"""``ktpwatch classify``: one JSON line out per line in, errors per line, exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crawler.cli import app


def test_classify_file_in_order_with_a_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join([
            json.dumps({"id": "a", "title": "Blangko e-KTP", "description": "WA 0812-3456-7890", "price": 5}),
            "{not json",
            json.dumps({"id": 7, "description": "no title"}),
            "",
            json.dumps({"id": "b", "title": "Kaos polos"}),
        ]) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["classify", str(source)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", None, 7, "b"]
    assert lines[0]["verdict"] == "blank" and lines[0]["identifiers"] == [{"kind": "phone", "value": "+6281234567890"}]
    assert set(lines[0]) == {"id", "score", "verdict", "identifiers", "reasons"}
    assert lines[1]["line"] == 2 and "invalid JSON" in lines[1]["error"]
    assert lines[2]["error"] == "missing 'title'"
    assert lines[3]["verdict"] == "benign"
    assert "line 2" in result.stderr


def test_classify_stdin_all_good() -> None:
    text = json.dumps({"id": 1, "title": "Jual data NIK aktif"}) + "\n"
    result = CliRunner().invoke(app, ["classify", "-"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "related"


def test_classify_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["classify", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_classify_reports_the_issue20_kinds_in_the_same_shape() -> None:
    text = json.dumps({"id": "c", "title": "Blangko e-KTP", "description": (
        "rek BCA 1234567890 a.n. Budi, DANA 0812-3456-7890, dm ig @blanko.store, "
        "grup chat.whatsapp.com/AbCdEfGhIj1234, email jual@contoh.id")}) + "\n"
    result = CliRunner().invoke(app, ["classify", "-"], input=text)
    assert result.exit_code == 0
    line = json.loads(result.stdout)
    assert set(line) == {"id", "score", "verdict", "identifiers", "reasons"}
    assert all(set(i) == {"kind", "value"} for i in line["identifiers"])
    assert {(i["kind"], i["value"]) for i in line["identifiers"]} >= {
        ("bank_account", "BCA:1234567890"), ("phone", "+6281234567890"), ("ewallet", "DANA:+6281234567890"),
        ("social_handle", "instagram:@blanko.store"), ("url", "https://chat.whatsapp.com/AbCdEfGhIj1234"),
        ("email", "jual@contoh.id")}
