"""`alerts list` and `report` read well at 80 columns: they choose columns by width instead of cutting
every column to three letters (the bug: at 80 columns `alerts list` printed `sta…`, `sco…`, `mar…`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from crawler.cli import app
from crawler.cli.alerts import TABLE_COLUMNS
from crawler.cli.output import COLUMN_CHROME, TABLE_EDGE, Column, fit_columns
from tests.alerts.conftest import AlertDb

runner = CliRunner()
FIRST = ("id", "status", "score", "marketplace", "title")


def table_at(width: int, *args: str) -> list[str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def headers(lines: list[str]) -> list[str]:
    """The header cells of a Rich table (first line that starts with the header rule ┃)."""
    row = next(line for line in lines if line.startswith("┃"))
    return [cell.strip() for cell in row.strip("┃").split("┃")]


@pytest.mark.parametrize("width", [80, 160])
def test_alerts_list_fits_the_terminal_and_keeps_whole_words(alert_db: AlertDb, width: int) -> None:
    lines = table_at(width, "alerts", "list")
    assert max(cell_len(line) for line in lines) <= width
    shown = headers(lines)
    assert [h for h in shown if h in FIRST] == list(FIRST)  # the analyst's first columns, whole
    assert not any(h.endswith("…") for h in shown)
    body = "\n".join(lines)
    assert re.search(r"│\s+new\s+│", body) and "tokopedia" in body and "shopee" in body


def test_a_wide_terminal_shows_more_columns_than_a_narrow_one(alert_db: AlertDb) -> None:
    narrow, wide = headers(table_at(80, "alerts", "list")), headers(table_at(160, "alerts", "list"))
    assert set(narrow) < set(wide)
    assert {"seller", "last seen"} <= set(wide)


@pytest.mark.parametrize("width", [80, 160])
def test_report_fits_the_terminal_with_whole_headers(alert_db: AlertDb, width: int) -> None:
    lines = table_at(width, "report")
    assert max(cell_len(line) for line in lines) <= width
    text = "\n".join(lines)
    for header in ("marketplace", "opened", "confirmed", "dismissed", "precision"):
        assert header in text
    assert "tokopedia" in text and "…" not in text


needs = st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=12)


@given(needs, st.integers(min_value=20, max_value=300), st.integers(min_value=0, max_value=11))
def test_fitted_columns_never_overflow_and_keep_their_priority(
    widths: list[int], terminal: int, flexible_at: int
) -> None:
    columns = [Column(f"c{i}", flexible=(i == flexible_at), min_width=8, preferred_width=30)
               for i in range(len(widths))]
    chosen = fit_columns(list(zip(columns, widths, strict=True)), terminal)
    assert "c0" in chosen  # the first column always shows
    total = TABLE_EDGE + sum(w + COLUMN_CHROME for w in chosen.values())
    assert len(chosen) == 1 or total <= terminal
    for column, need in zip(columns, widths, strict=True):
        if column.key in chosen:
            assert chosen[column.key] <= need  # never wider than the widest value
            if not column.flexible:
                assert chosen[column.key] == need  # a fixed column is whole or absent


def _shown_prefix(chosen: dict[str, int], count: int) -> int:
    """How many columns, from the first in priority, are shown without a gap."""
    return next((i for i in range(count) if f"c{i}" not in chosen), count)


@given(needs, st.integers(min_value=20, max_value=300), st.integers(min_value=1, max_value=80))
def test_more_room_never_hides_a_column_of_higher_priority(widths: list[int], terminal: int, more: int) -> None:
    """Whatever fits in the gaps may change, but the run of top-priority columns only grows with width."""
    columns = [Column(f"c{i}") for i in range(len(widths))]
    pairs = list(zip(columns, widths, strict=True))
    narrow, wide = fit_columns(pairs, terminal), fit_columns(pairs, terminal + more)
    assert _shown_prefix(narrow, len(widths)) <= _shown_prefix(wide, len(widths))


def test_the_list_names_its_first_columns_in_priority_order() -> None:
    assert tuple(c.key for c in TABLE_COLUMNS[: len(FIRST)]) == FIRST
