"""Bank-account extraction judged on its frozen labelled set (issue 20: precision and recall ≥ 0.97).

``bank_accounts/labels.jsonl`` was written by ``bank_accounts/write_labels.py`` and
committed before ``matchers/bank_accounts.py`` existed; its SHA-256 is pinned so it
cannot drift toward the extractor.  Figures are printed per set, never per row.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchers import extract_identifiers
from matchers.bank_accounts import (
    BANK_FORMATS,
    UNNAMED_BANK,
    UNNAMED_BANK_LENGTHS,
    find_bank_accounts,
)

LABELS = Path(__file__).parent / "bank_accounts" / "labels.jsonl"
LABELS_SHA256 = "60ba7d38d0e81d275dd102effd2361353cfbac9c36d02e150d848a5fdab230eb"


def _rows() -> list[dict]:
    with LABELS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _accounts(text: str) -> set[str]:
    return {i.value for i in extract_identifiers(text) if i.kind == "bank_account"}


def test_labelled_set_is_frozen_big_enough_and_has_decoys() -> None:
    assert hashlib.sha256(LABELS.read_bytes()).hexdigest() == LABELS_SHA256
    rows = _rows()
    assert len(rows) >= 150 and len({r["id"] for r in rows}) == len(rows)
    decoys = [r for r in rows if r["id"].startswith(("decoy-", "mixed-"))]
    assert len(decoys) >= 60


def test_precision_and_recall_at_least_097() -> None:
    tp = fp = fn = 0
    for row in _rows():
        got, expected = _accounts(row["text"]), set(row["accounts"])
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nbank accounts: precision {precision:.3f} recall {recall:.3f} (tp={tp} fp={fp} fn={fn})")
    assert precision >= 0.97 and recall >= 0.97


def test_every_bank_has_lengths_and_a_source() -> None:
    codes = [b.code for b in BANK_FORMATS]
    assert len(codes) == len(set(codes)) and UNNAMED_BANK not in codes
    for bank in BANK_FORMATS:
        assert bank.lengths and all(7 <= n <= 16 for n in bank.lengths) and bank.source
    labelled = {r.split(":")[0] for row in _rows() for r in row["accounts"]}
    assert labelled <= set(codes) | {UNNAMED_BANK}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rek BCA 123 456 7890 a.n. Budi", {"BCA:1234567890"}),
        ("BCA 123456789", set()),                                  # 9 digits: no BCA account
        ("BRI 1234-56-789012-50-1", {"BRI:123456789012501"}),       # BRI's dashed 15 digits
        ("Bank BNI 46 1234567890", {"BNI:1234567890"}),             # "46" belongs to the name
        ("1234567890 (BCA) a.n. Budi", {"BCA:1234567890"}),         # bank named after the number
        ("norek 1234567890123 an Budi", {"REK:1234567890123"}),     # no bank named
        ("Transfer BCA. Resi 1234567890", set()),                   # the nearer label owns it
        ("Transfer BCA ke 0812-3456-7890", set()),                  # a phone, never an account
        ("BTN 3201014506900002", {"BTN:3201014506900002"}),         # a possible NIK after BTN: both
        ("NIK 3201014506900002 rekening BTN", set()),
        ("Harga Rp 1.250.000.000 transfer BCA", set()),
        ("INV/20240312/MPL/1234567890 BCA", set()),
    ],
)
def test_examples(text: str, expected: set[str]) -> None:
    assert _accounts(text) == expected


@given(st.sampled_from(BANK_FORMATS), st.data())
def test_an_account_of_the_right_length_after_rek_and_the_name_is_found(bank, data) -> None:  # type: ignore[no-untyped-def]
    length = data.draw(st.sampled_from(sorted(bank.lengths)))
    digits = data.draw(st.text("0123456789", min_size=length, max_size=length).filter(
        lambda d: not d.startswith(("08", "62"))))
    name = bank.code.replace("_", " ")
    assert [value for _, _, value in find_bank_accounts(f"no rek {name} {digits} a.n. Budi", [])] == [
        f"{bank.code}:{digits}"]
    wrong = data.draw(st.integers(7, 17).filter(lambda n: n not in bank.lengths and n not in UNNAMED_BANK_LENGTHS))
    assert find_bank_accounts(f"{name} {'1' * wrong}", []) == []
