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


NIK = "3174010101900003"


def test_classify_masks_niks_and_keeps_the_contract(tmp_path: Path) -> None:
    """Issue 17: no command prints a full NIK unless --reveal; classify printed them in identifiers."""
    listing = {"id": "a", "title": "Blangko e-KTP kosong", "description": f"NIK {NIK}, WA 0812-3456-7890"}
    text = json.dumps(listing) + "\n" + json.dumps({"id": NIK, "title": 5}) + "\n"
    masked = CliRunner().invoke(app, ["classify", "-"], input=text)
    shown = CliRunner().invoke(app, ["classify", "-", "--reveal", "--as", "ana"], input=text)
    assert NIK not in masked.stdout and NIK not in masked.stderr
    assert NIK in shown.stdout and "audit: NIKs shown unmasked to ana" in shown.stderr
    hidden, whole = ([json.loads(line) for line in r.stdout.splitlines()] for r in (masked, shown))
    assert hidden[0]["identifiers"][0] == {"kind": "nik", "value": "3174********0003"}
    assert whole[0]["identifiers"][0] == {"kind": "nik", "value": NIK}

    def shape(value: object) -> object:  # keys and types, not values
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return type(value).__name__

    assert shape(hidden) == shape(whole)
    assert {k: v for k, v in hidden[0].items() if k != "identifiers"} == {
        k: v for k, v in whole[0].items() if k != "identifiers"}


def test_classify_without_a_nik_prints_the_scorers_line_unchanged() -> None:
    from matchers.jsonl import classify_lines

    text = json.dumps({"id": 1, "title": "Blangko e-KTP", "description": "WA 0812-3456-7890"})
    result = CliRunner().invoke(app, ["classify", "-"], input=text + "\n")
    assert result.stdout.splitlines() == [line.text for line in classify_lines([text])]


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
