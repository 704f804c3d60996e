"""Turn the hand-written listings of ``listings_*.txt`` into the second frozen holdout
and its tune part.  Kept for audit; it never imports ``matchers``.

Each source line is ``kind @@ title @@ description`` (kind: ``b`` blank, ``r`` related,
``h`` hard negative, ``o`` ordinary).  Identifier markers are replaced by their raw
text and give the expected normalised value by construction:
``{{p:…}}`` phone, ``{{c:…}}`` chip UID, ``{{n:…}}`` NIK, ``{{w:…}}`` wa.me link (url
and phone), ``{{t:…}}`` t.me link.  ``{zw}`` / ``{zwj}`` / ``{shy}`` insert a zero-width
space, a zero-width joiner and a soft hyphen.  The split is deterministic:
``holdout`` when the first byte of sha256(id) is below 0x99, else ``tune``.

Run: ``python tests/matchers/holdout2/write_holdout2.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
HOLDOUT = HERE / "holdout.jsonl"
TUNE = HERE.parent / "corpus" / "independent.jsonl"
KINDS = {"b": ("blank", "blank"), "r": ("related", "related"),
         "h": ("hardneg", "benign"), "o": ("ordinary", "benign")}
MARKER = re.compile(r"\{\{([pcnwt]):(.+?)\}\}")
INVISIBLE = {"{zw}": "\u200b", "{zwj}": "\u200d", "{shy}": "\u00ad"}
MOBILE = re.compile(r"^\+628(1[1-9]|2[1-3]|3[1-3]|38|5[1-9]|7[78]|8[1-9]|9[5-9])\d{6,9}$")
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
             61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}


def _digits(raw: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", raw))


def _phone(raw: str) -> str:
    digits = _digits(raw)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    value = "+" + digits
    if not MOBILE.match(value):
        raise ValueError(f"not a mobile number: {raw}")
    return value


def _chip(raw: str) -> str:
    value = re.sub(r"[^0-9A-Fa-f]", "", unicodedata.normalize("NFKC", raw)).upper()
    if len(value) not in (8, 14, 16):
        raise ValueError(f"chip UID of wrong length: {raw}")
    return value


def _nik(raw: str) -> str:
    value = _digits(raw)
    day, month = int(value[6:8]), int(value[8:10])
    ok = (len(value) == 16 and int(value[:2]) in PROVINCES and value[2:4] != "00"
          and value[4:6] != "00" and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12)
    if not ok:
        raise ValueError(f"NIK structurally impossible: {raw}")
    return value


def _expected(kind: str, raw: str) -> list[tuple[str, str]]:
    if kind == "p":
        return [("phone", _phone(raw))]
    if kind == "c":
        return [("chip_uid", _chip(raw))]
    if kind == "n":
        return [("nik", _nik(raw))]
    path = re.sub(r"^(https?://)?(www\.)?", "", raw).lower()
    if kind == "w":
        return [("url", "https://" + path), ("phone", _phone(path.split("/")[1]))]
    return [("url", "https://" + path)]


def _expand(text: str, found: list[tuple[str, str]]) -> str:
    def replace(match: re.Match[str]) -> str:
        for pair in _expected(match.group(1), match.group(2)):
            if pair not in found:
                found.append(pair)
        return match.group(2)
    for marker, char in INVISIBLE.items():
        text = text.replace(marker, char)
    return MARKER.sub(replace, text)


def rows() -> list[dict]:
    out: list[dict] = []
    counters: dict[str, int] = {}
    for path in sorted(HERE.glob("listings_*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("//"):
                continue
            parts = [p.strip() for p in line.split(" @@ ")]
            if len(parts) != 3 or parts[0] not in KINDS:
                raise ValueError(f"{path.name}:{number}: bad line")
            family, label = KINDS[parts[0]]
            counters[family] = counters.get(family, 0) + 1
            found: list[tuple[str, str]] = []
            title, description = _expand(parts[1], found), _expand(parts[2], found)
            row_id = f"h2-{family}-{counters[family]:04d}"
            out.append({"id": row_id, "title": title, "description": description, "label": label,
                        "identifiers": [{"kind": k, "value": v} for k, v in found],
                        "split": split_of(row_id)})
    texts = [(r["title"], r["description"]) for r in out]
    if len(set(texts)) != len(texts):
        dupes = {t for t in texts if texts.count(t) > 1}
        raise ValueError(f"duplicate rows: {sorted(dupes)[:3]}")
    return out


def split_of(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] < 0x99 else "tune"


def main() -> None:
    all_rows = rows()
    for path, split in ((HOLDOUT, "holdout"), (TUNE, "tune")):
        with path.open("w", encoding="utf-8") as fh:
            for row in all_rows:
                if row["split"] == split:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for row in all_rows:
        key = (row["split"], row["id"].split("-")[1])
        counts[key] = counts.get(key, 0) + 1
    print(len(all_rows), sorted(counts.items()))


if __name__ == "__main__":
    main()
