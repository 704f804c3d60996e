"""The demo's ground-truth check names a wrong trace and a missed one, and forgives what was never read."""

from __future__ import annotations

from dataclasses import dataclass

from crawler.cli.demo_truth import check_traces, compact
from storage.chip_traces import StoredTrace

A, B, ABSENT = "04A1B2C3D4E5F6", "04B1B2C3D4E5F6", "04C1C2C3D4E5F6"


@dataclass(frozen=True)
class Chip:
    uid: str
    shown: str
    listings: tuple[tuple[str, str], ...]
    office: str | None
    status: str | None = None


def _trace(ext: str, uid: str, trace: str, office: str | None, start: str | None = None) -> StoredTrace:
    bound = int(start or uid, 16) if trace in ("exact", "fuzzy") else None
    return StoredTrace(1, "shopee", ext, uid, "description", trace, 1.0, office, 7 if bound else None, bound, bound)


CHIPS = [Chip(A, A, (("shopee", "1"),), "32.01"), Chip(B, "04B1B2C3D4E5F6", (("shopee", "2"),), "32.75"),
         Chip(ABSENT, ABSENT, (("shopee", "3"),), None)]
TEXTS = {("shopee", "1"): compact(f"chip {A[:2]}:{A[2:]}"), ("shopee", "2"): compact(f"UID {B}"),
         ("shopee", "3"): compact(f"UID {ABSENT}")}


def test_right_traces_pass() -> None:
    stored = [_trace("1", A, "exact", "32.01"), _trace("2", B, "exact", "32.75"), _trace("3", ABSENT, "absent", None)]
    check = check_traces(CHIPS, stored, TEXTS)
    assert check.ok and (check.expected, check.traced, check.absent_read, check.unread) == (2, 2, 1, 0)


def test_a_trace_to_another_office_or_of_an_absent_chip_is_wrong() -> None:
    stored = [_trace("1", A, "exact", "32.75"), _trace("2", B, "exact", "32.75"),
              _trace("3", ABSENT, "fuzzy", "32.75", start=B)]
    check = check_traces(CHIPS, stored, TEXTS)
    assert not check.ok and len(check.wrong) == 2 and len(check.missed) == 1


def test_a_chip_never_read_is_counted_apart_not_missed() -> None:
    texts = {**TEXTS, ("shopee", "2"): compact("foto tidak terbaca")}
    check = check_traces(CHIPS, [_trace("1", A, "exact", "32.01")], texts)
    assert check.ok and (check.expected, check.unread) == (1, 1)
