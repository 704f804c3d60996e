"""The shipped Kemendagri region table: complete, consistent, and read by name however it is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.provenance.regions import (
    SOURCE,
    TABLE_PATH,
    RegionLevel,
    UnknownRegion,
    dotted_code,
    region_table,
)
from matchers.identifiers import PROVINCE_CODES

TABLE = region_table()
REGENCIES = sorted((r for r in TABLE.by_code.values() if r.level is RegionLevel.REGENCY), key=lambda r: r.code)
PROVINCES = sorted((r for r in TABLE.by_code.values() if r.level is RegionLevel.PROVINCE), key=lambda r: r.code)


def test_counts_match_kepmendagri_2025() -> None:
    levels = [r.level for r in TABLE.by_code.values()]
    assert levels.count(RegionLevel.PROVINCE) == 38
    assert levels.count(RegionLevel.REGENCY) == 514
    assert levels.count(RegionLevel.DISTRICT) == 7285


def test_every_region_sits_under_its_parents() -> None:
    for region in TABLE.by_code.values():
        parents = TABLE.parents(region)
        assert len(parents) == region.code.count("."), region
        assert all(region.code.startswith(p.code + ".") for p in parents)


def test_province_codes_agree_with_the_nik_validator() -> None:
    """matchers' NIK validation and the region table name the same provinces."""
    assert {int(p.code) for p in PROVINCES} == set(PROVINCE_CODES)


def test_source_and_date_are_recorded_beside_the_data() -> None:
    readme = (TABLE_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert "300.2.2-2138" in SOURCE and "300.2.2-2138" in readme
    assert "MIT" in readme and "SOURCE:" in readme
    assert "2026-12-06" in SOURCE and "2026-12-06" in readme


@pytest.mark.parametrize(("written", "code"), [
    ("Kab. Bogor", "32.01"), ("KABUPATEN  BOGOR", "32.01"), ("kota bogor", "32.71"),
    ("3276", "32.76"), ("32.76", "32.76"), ("DKI Jakarta", "31"), ("Kota Adm. Jakarta Selatan", "31.74"),
    ("DI Yogyakarta", "34"), ("Prov. Jawa Barat", "32"), ("Jambi", "15"), ("Kota Jambi", "15.71"),
])
def test_names_and_codes_resolve(written: str, code: str) -> None:
    assert TABLE.resolve(written).code == code


@pytest.mark.parametrize("written", ["Bogor", "Atlantis", "99.99", "", "32.76.99"])
def test_unknown_or_ambiguous_names_are_refused_not_guessed(written: str) -> None:
    with pytest.raises(UnknownRegion):
        TABLE.resolve(written)


def test_an_ambiguous_name_says_which_regions_it_fits() -> None:
    with pytest.raises(UnknownRegion, match=r"Kabupaten Bogor \(32.01\).*Kota Bogor \(32.71\)"):
        TABLE.resolve("Bogor")


@given(st.sampled_from(REGENCIES + PROVINCES), st.sampled_from(["upper", "lower", "spaces", "abbrev", "dots"]))
@settings(max_examples=300, deadline=None)
def test_a_name_written_differently_names_the_same_region(region: object, how: str) -> None:
    """Metamorphic: case, spacing and the "Kab." abbreviation never change what a full name names."""
    name = region.name  # type: ignore[attr-defined]
    variant = {
        "upper": name.upper(), "lower": name.lower(), "spaces": "  " + name.replace(" ", "   ") + " ",
        "abbrev": name.replace("Kabupaten ", "Kab. ", 1), "dots": name.replace(" ", " . ", 1),
    }[how]
    assert TABLE.resolve(variant) == TABLE.resolve(name) == region


@given(st.sampled_from(sorted(r.code for r in TABLE.by_code.values())))
@settings(max_examples=200, deadline=None)
def test_a_code_with_or_without_dots_is_the_same_region(code: str) -> None:
    assert TABLE.get(code.replace(".", "")) == TABLE.get(code) == TABLE.by_code[code]
    assert dotted_code(code.replace(".", "")) == code


def test_a_nik_names_its_province_regency_and_district() -> None:
    found = TABLE.decode_nik("3276014101900001")
    assert (found.province and found.province.name) == "Jawa Barat"
    assert (found.regency and found.regency.name) == "Kota Depok"
    assert (found.district and found.district.name) == "Pancoran Mas"


def test_a_nik_of_a_district_the_table_lacks_keeps_the_levels_it_knows() -> None:
    found = TABLE.decode_nik("3276990101900001")
    assert found.regency is not None and found.district is None


def test_the_table_is_packaged_with_the_code() -> None:
    assert TABLE_PATH.is_file() and TABLE_PATH.parent.parent == Path(__file__).resolve().parents[2] / "alerts" / "provenance"
