"""Every recorded detail answer, read by the follow-up's reader, agrees with its parser's expected outcome.

Data-driven: a case added under ``tests/fixtures/<shop>/detail/`` (or a block
page under ``search/``) is checked here without a new test. A parser's ``ok``
must read as ``live``, its ``not_found`` as ``removed``, and anything else —
and every recorded block, captcha, punish page or login wall, whichever page
kind it was recorded for — as ``unknown``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from config import load_config
from crawler.recheck import SpiderListingReader
from storage.models import RecheckOutcome
from tests.notices.shop_server import FIXTURES

BLOCK_CASES = ("captcha", "blocked", "login_wall", "punish", "rate_limited", "rgv587")
EXPECTED = {"ok": RecheckOutcome.LIVE, "not_found": RecheckOutcome.REMOVED}


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in FIXTURES.glob(f"*/{kind}/*") if p.is_dir() and any(p.glob("body.*")))


def _read(case: Path) -> tuple[RecheckOutcome, str]:
    marketplace = case.parts[-3]
    (body,) = case.glob("body.*")
    url = (case / "url.txt").read_text(encoding="utf-8").strip() if (case / "url.txt").exists() else ""
    reading = SpiderListingReader(load_config().settings).read(marketplace, url, 200, (), body.read_bytes())
    return reading.outcome, reading.detail


@pytest.mark.parametrize("case", _cases("detail"), ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_recorded_detail_answers_read_as_their_parser_says(case: Path) -> None:
    said = json.loads((case / "output.json").read_text(encoding="utf-8"))["outcome"]["status"]
    outcome, detail = _read(case)
    assert outcome is EXPECTED.get(said, RecheckOutcome.UNKNOWN), detail


@pytest.mark.parametrize(
    "case", [c for c in _cases("search") if c.name.startswith(BLOCK_CASES)],
    ids=lambda p: f"{p.parts[-3]}/{p.name}",
)
def test_recorded_block_pages_are_unknown_on_a_recheck(case: Path) -> None:
    outcome, detail = _read(case)
    assert outcome is RecheckOutcome.UNKNOWN, detail
