"""Turn the hand-written ``listings_*.txt`` sources into the fourth holdout and its tune part.

Why a script: the sources carry identifier markers so that every expected value is
computed by construction, never by running the matcher (this script never imports
``matchers``).  Markers: ``{{p:…}}`` phone, ``{{c:…}}`` chip UID, ``{{n:…}}`` NIK,
``{{w:…}}`` wa.me link (url + phone), ``{{t:…}}`` t.me link, and the invisible
characters ``{{zw}}`` (U+200B), ``{{zwj}}`` (U+200D), ``{{shy}}`` (U+00AD).

Source format: a row starts at a line ``@@``; its next line is the title and the
remaining lines (maybe none) are the description; a block whose first line starts
with ``//`` is a comment.  The family (and so the label)
comes from the file name ``listings_<n>_<family>.txt``.  Ids are
``h4-<family>-NNNN`` numbered in file order.  Split: ``holdout`` when the first byte
of sha256(id) is below 0x99, else ``tune``.  Kept for audit: running it again
rewrites both output files.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
HOLDOUT = HERE / "holdout.jsonl"
TUNE = HERE.parent / "corpus" / "independent4.jsonl"
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
INVISIBLE = {"zw": "\u200b", "zwj": "\u200d", "shy": "\u00ad"}
MARKER = re.compile(r"\{\{(p|c|n|w|t|zw|zwj|shy)(?::(.*?))?\}\}")
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
             61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 94}


def _digits(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())


def phone(text: str) -> str:
    """E.164 of an Indonesian mobile number written any way (08…, 62…, (+62)…)."""
    digits = _digits(text)
    national = digits[2:] if digits.startswith("62") else digits[1:] if digits.startswith("0") else digits
    if not (national.startswith("8") and 9 <= len(national) <= 12):
        raise ValueError(f"not a mobile number: {text!r}")
    return "+62" + national


def chip_uid(text: str) -> str:
    """Upper-case hex of a 4-, 7- or 8-byte UID written with any separators or 0x."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("0x", "")
    hexits = re.sub(r"[^0-9a-f]", "", folded).upper()
    if len(hexits) not in (8, 14, 16) or re.sub(r"[\s:.\-0-9a-f]", "", folded):
        raise ValueError(f"not a chip UID: {text!r}")
    return hexits


def nik(text: str) -> str:
    """A 16-digit NIK whose structure is possible (province, regency, district, date)."""
    d = _digits(text)
    day, month = int(d[6:8]), int(d[8:10])
    ok = (len(d) == 16 and int(d[:2]) in PROVINCES and d[2:4] != "00" and d[4:6] != "00"
          and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12 and d[12:] != "0000")
    if not ok:
        raise ValueError(f"not a possible NIK: {text!r}")
    return d


def _expand(raw: str) -> tuple[str, list[dict]]:
    found: list[dict] = []

    def one(m: re.Match[str]) -> str:
        kind, body = m.group(1), m.group(2) or ""
        if kind in INVISIBLE:
            return INVISIBLE[kind]
        if kind == "p":
            found.append({"kind": "phone", "value": phone(body)})
        elif kind == "c":
            found.append({"kind": "chip_uid", "value": chip_uid(body)})
        elif kind == "n":
            found.append({"kind": "nik", "value": nik(body)})
        elif kind == "w":
            number = body.split("wa.me/", 1)[1]
            found.append({"kind": "url", "value": "https://wa.me/" + _digits(number)})
            found.append({"kind": "phone", "value": phone(number)})
        else:
            found.append({"kind": "url", "value": "https://t.me/" + body.split("t.me/", 1)[1].lower()})
        return body

    return MARKER.sub(one, raw), found


def split_of(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode()).digest()[0] < 0x99 else "tune"


def rows_of(path: Path) -> list[dict]:
    family = path.stem.split("_", 2)[2]
    blocks = path.read_text(encoding="utf-8").split("\n@@\n")
    rows = []
    for block in blocks:
        lines = block.strip("\n").split("\n")
        if not lines or not lines[0].strip() or lines[0].startswith("//"):
            continue
        title, ids_t = _expand(lines[0].strip())
        desc, ids_d = _expand("\n".join(lines[1:]).strip())
        seen: list[dict] = []
        for ident in ids_t + ids_d:
            if ident not in seen:
                seen.append(ident)
        rows.append({"family": family, "title": title, "description": desc, "identifiers": seen})
    return rows


def main() -> None:
    counters: dict[str, int] = {}
    out: dict[str, list[dict]] = {"holdout": [], "tune": []}
    for path in sorted(HERE.glob("listings_*.txt")):
        for row in rows_of(path):
            fam = row.pop("family")
            counters[fam] = counters.get(fam, 0) + 1
            row_id = f"h4-{fam}-{counters[fam]:04d}"
            split = split_of(row_id)
            out[split].append({"id": row_id, "title": row["title"], "description": row["description"],
                               "label": LABEL[fam], "identifiers": row["identifiers"], "split": split})
    for split, path in (("holdout", HOLDOUT), ("tune", TUNE)):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out[split]), encoding="utf-8")
    print(counters, {k: len(v) for k, v in out.items()})


if __name__ == "__main__":
    main()
