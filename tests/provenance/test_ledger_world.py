"""The sandbox's ledger agrees with its own ground truth when ktpwatch reads it.

Differential: the sandbox decides where each planted chip should trace without
ktpwatch's code (it may not import it); here the real importer reads its files
through a ``[ledger.columns]`` map of the export's Indonesian headers, and the
real matcher traces what each listing shows — a photo's misprinted number too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from alerts.provenance.ledger_import import import_ledger
from alerts.provenance.regions import region_table
from alerts.provenance.trace import trace_chip
from config.settings import LedgerColumnsConfig, LedgerConfig
from sandbox.catalogue import build_catalogue
from sandbox.images import PhotoPlan
from sandbox.ledger_world import HEADERS, OFFICES, LedgerWorld, build_ledger_world
from sandbox.shops import load_shops

SEED = 2018


@pytest.fixture(scope="module")
def world() -> LedgerWorld:
    catalogue = build_catalogue(SEED, 2000, load_shops())
    return build_ledger_world(catalogue, PhotoPlan(catalogue).truth(), seed=SEED)


def _config() -> LedgerConfig:
    return LedgerConfig(columns=LedgerColumnsConfig(**HEADERS))


def test_the_world_has_every_kind_of_chip(world: LedgerWorld) -> None:
    chips = world.chips
    assert {c.status for c in chips} == {None, "in_stock", "dispatched", "destroyed"}
    assert any(c.entry and c.entry[0] != c.entry[1] for c in chips), "no chip inside a range"
    assert any(c.entry and c.entry[0] == c.entry[1] for c in chips), "no single chip"
    assert any(c.shown != c.uid for c in chips), "no photo with a lookalike slip"
    assert {c.source for c in chips} == {"text", "photo"}
    assert set(world.leaking_offices) >= {""}
    assert all(c.office in (None, "", *OFFICES) for c in chips)


def test_office_names_resolve_to_their_codes() -> None:
    table = region_table()
    for code, name in OFFICES.items():
        assert table.resolve(name).code == code


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_planted_chip_traces_as_the_sandbox_says(world: LedgerWorld, session: Session,
                                                       tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"stok{suffix}"
    world.write_csv(path) if suffix == ".csv" else world.write_xlsx(path)
    report = import_ledger(session, path, _config(), actor="test", strict=True)
    assert report.written and not report.rejections
    assert report.status_changes == sum(1 for row in world.rows if row["status"] == "destroyed")
    for chip in world.chips:
        match = trace_chip(session, chip.shown, _config())
        if chip.office is None:
            assert not match.traced, chip
            continue
        assert match.entry is not None, chip
        assert (match.entry.consignee_code, match.entry.status) == (chip.office, chip.status), chip
        assert match.kind.value == ("exact" if chip.shown == chip.uid else "fuzzy"), chip


def test_importing_the_csv_after_the_workbook_changes_nothing(world: LedgerWorld, session: Session,
                                                               tmp_path: Path) -> None:
    import_ledger(session, world.write_xlsx(tmp_path / "stok.xlsx"), _config(), actor="test", strict=True)
    again = import_ledger(session, world.write_csv(tmp_path / "stok.csv"), _config(), actor="test", strict=True)
    assert (again.new_entries, again.status_changes, again.filled_fields) == (0, 0, 0)
    assert again.unchanged_rows == len(world.rows)


def test_the_readme_shows_the_sandbox_ledger_as_it_is(world: LedgerWorld, tmp_path: Path) -> None:
    """The README's sandbox example: real lines of the file the demo imports, and the demo's column map."""
    import re
    import tomllib

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The stock ledger", 1)[1].split("\n## ", 1)[0]
    example = re.findall(r"```csv\n(.*?)```", section, flags=re.S)[1].splitlines()
    written = world.write_csv(tmp_path / "stok.csv").read_text(encoding="utf-8").splitlines()
    assert example[0] == written[0] and set(example) <= set(written)
    columns = tomllib.loads(re.findall(r"```toml\n(.*?)```", section, flags=re.S)[1])["ledger"]["columns"]
    assert columns == HEADERS
