"""Every recorded page in ``tests/fixtures/<marketplace>/<page_kind>/<case>/`` parses to its ``output.json``.

Web-poet style: a case folder holds ``body.json`` or ``body.html``, ``url.txt``,
an optional ``meta.json`` (``base_url``, ``query``, ``item`` for a detail page)
and the expected ``output.json`` (``items``: a list for both page kinds, a detail
page giving at most one, and ``outcome``). Adding a case is adding files. To write the
expected output of a new case after checking it by eye::

    .venv/bin/python -m tests.spiders.test_fixtures tests/fixtures/<mp>/<kind>/<case>
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from config import load_config
from spiders.items import ListingItem

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGE_KINDS = ("search", "detail")


def discover() -> list[Path]:
    return sorted(
        case for case in FIXTURES.glob("*/*/*")
        if case.is_dir() and case.parent.name in PAGE_KINDS
    )


def _body(case: Path) -> bytes:
    for name in ("body.json", "body.html"):
        if (case / name).is_file():
            return (case / name).read_bytes()
    raise FileNotFoundError(f"{case}: no body.json or body.html")


def item_view(item: ListingItem) -> dict[str, Any]:
    data = item.to_dict()
    data.pop("raw")
    return data


def run_case(case: Path) -> dict[str, Any]:
    """Parse a case folder's body the way its marketplace's parser does; return the comparable view."""
    marketplace, kind = case.parent.parent.name, case.parent.name
    meta = json.loads((case / "meta.json").read_text()) if (case / "meta.json").is_file() else {}
    base_url = meta.get("base_url") or load_config().settings.marketplace(marketplace).web_base_url
    url = (case / "url.txt").read_text().strip()
    parser = importlib.import_module(f"spiders.parsers.{marketplace}")
    if kind == "search":
        items, outcome = parser.parse_search(_body(case), url=url, base_url=base_url, query=meta.get("query", ""))
        return {"items": [item_view(i) for i in items], "outcome": dataclasses.asdict(outcome)}
    given = ListingItem(**meta["item"]) if meta.get("item") else None
    item, outcome = parser.parse_detail(_body(case), url=url, base_url=base_url, item=given)
    return {"items": [item_view(item)] if item else [], "outcome": dataclasses.asdict(outcome)}


CASES = discover()


def test_every_marketplace_has_cases() -> None:
    marketplaces = {case.parent.parent.name for case in CASES}
    assert {"tokopedia", "shopee", "lazada"} <= marketplaces


@pytest.mark.parametrize("case", CASES, ids=[str(c.relative_to(FIXTURES)) for c in CASES])
def test_fixture_case(case: Path) -> None:
    expected_file = case / "output.json"
    assert expected_file.is_file(), f"{case}: no output.json (write it with python -m tests.spiders.test_fixtures {case})"
    expected = json.loads(expected_file.read_text())
    actual = json.loads(json.dumps(run_case(case), ensure_ascii=False))
    assert actual == expected
    if case.parent.name == "search" and actual["outcome"]["status"] == "ok":
        assert actual["items"], "an ok search page must carry items"


def write_expected(case: Path) -> None:
    output = run_case(case)
    (case / "output.json").write_text(json.dumps(output, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{case}: {output['outcome']['status']}")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        write_expected(Path(arg).resolve())
