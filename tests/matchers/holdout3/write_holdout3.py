"""Turn the hand-written ``listings_*.txt`` of the third holdout into JSON Lines.

Kept for audit: the holdout is frozen once written (see README.md).  This script
never imports ``matchers``: every expected identifier is computed here, by
construction, from the marker that wraps it in the source text, and checked for
the structure the issue defines (mobile prefix, NIK fields, chip UID length).

Source format: ``%% family: <family>`` heads a file; ``=== <title>`` starts a
row; the lines after it until the next ``===`` are its description (none for a
title-only row).  Markers: ``{{p:…}}`` phone, ``{{c:…}}`` chip UID, ``{{n:…}}``
NIK, ``{{w:…}}`` wa.me link (url + phone), ``{{t:…}}`` t.me link; ``{{zw}}``
zero-width space, ``{{zwj}}`` zero-width joiner, ``{{shy}}`` soft hyphen.
Everything else is written as it stands.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
HOLDOUT = HERE / "holdout.jsonl"
TUNE = HERE.parent / "corpus" / "independent3.jsonl"
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
INVISIBLE = {"zw": "\u200b", "zwj": "\u200d", "shy": "\u00ad"}
MARKER = re.compile(r"\{\{(?:(zw|zwj|shy)|([pcnwt]):(.*?))\}\}")
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
             61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92}
SPLIT_BYTE = 0x99


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def phone(text: str) -> str:
    digits = _digits(text)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    assert digits.startswith("628") and 11 <= len(digits) <= 14, text
    return "+" + digits


def chip_uid(text: str) -> str:
    flat = unicodedata.normalize("NFKC", text).replace("0x", "").replace("0X", "")
    value = re.sub(r"[^0-9A-Fa-f]", "", flat).upper()
    assert len(value) in (8, 14, 16) and re.search("[A-F]", value), text
    return value


def nik(text: str) -> str:
    value = _digits(text)
    assert len(value) == 16, text
    day, month = int(value[6:8]), int(value[8:10])
    assert int(value[:2]) in PROVINCES and value[2:4] != "00" and value[4:6] != "00", text
    assert (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12 and value[12:] != "0000", text
    return value


def expand(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The listing text without markers, and the identifiers its markers name."""
    found: list[tuple[str, str]] = []

    def one(match: re.Match[str]) -> str:
        if match.group(1):
            return INVISIBLE[match.group(1)]
        kind, body = match.group(2), match.group(3)
        if kind == "p":
            found.append(("phone", phone(body)))
        elif kind == "c":
            found.append(("chip_uid", chip_uid(body)))
        elif kind == "n":
            found.append(("nik", nik(body)))
        elif kind == "w":
            number = body.rsplit("/", 1)[1]
            found.append(("url", "https://wa.me/" + number))
            found.append(("phone", phone(number)))
        else:
            found.append(("url", "https://t.me/" + body.rsplit("/", 1)[1].lower()))
        return body

    return MARKER.sub(one, text), found


def rows_of(path: Path, counters: Counter) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    family = lines[0].removeprefix("%% family:").strip()
    blocks: list[list[str]] = []
    for line in lines[1:]:
        if line.startswith("=== "):
            blocks.append([line[4:]])
        elif blocks:
            blocks[-1].append(line)
    rows = []
    for block in blocks:
        counters[family] += 1
        title, ids_title = expand(block[0].strip())
        description, ids_desc = expand("\n".join(block[1:]).strip())
        row_id = f"h3-{family}-{counters[family]:04d}"
        identifiers = sorted(set(ids_title + ids_desc))
        rows.append({"id": row_id, "title": title, "description": description,
                     "label": LABEL[family],
                     "identifiers": [{"kind": k, "value": v} for k, v in identifiers],
                     "split": split_of(row_id)})
    return rows


def split_of(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] < SPLIT_BYTE else "tune"


def main() -> None:
    counters: Counter = Counter()
    rows = [r for path in sorted(HERE.glob("listings_*.txt")) for r in rows_of(path, counters)]
    texts = [(r["title"], r["description"]) for r in rows]
    assert len(set(texts)) == len(texts), "duplicate rows"
    for path, split in ((HOLDOUT, "holdout"), (TUNE, "tune")):
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                if row["split"] == split:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    table = Counter((r["id"].split("-")[1], r["split"]) for r in rows)
    for key in sorted(table):
        print(*key, table[key])
    print("total", len(rows), Counter(r["label"] for r in rows), file=sys.stderr)


if __name__ == "__main__":
    main()
