"""Write the sixth independent labelled pool (issue 15) from the hand-written sources.

Every ``listings_<n>_<family>.txt`` holds listings separated by a ``----`` line; the first
line of a block is its title, the rest its description.  Identifier markers are replaced by
their written text and their expected normalised value is computed here, by construction,
never by importing ``matchers`` (the set judges it):

* ``{{p:…}}`` phone as written, ``{{pfw:…}}`` phone written in full-width digits -> E.164;
* ``{{c:…}}`` chip UID as written -> uppercase hex of 4, 7 or 8 bytes;
* ``{{n:…}}`` NIK as written -> 16 digits (structure checked here);
* ``{{w:…}}`` wa.me link -> lowercased https url + its phone; ``{{t:…}}`` t.me link -> url;
* ``{{zw}}`` ``{{zwj}}`` ``{{shy}}`` invisible characters, ``{{cy:…}}`` Cyrillic
  lookalike letters, ``{{fw:…}}`` full-width letters and digits (no identifier).

The pool is split by id: ``holdout`` when the first byte of sha256(id) is below 0x99,
else ``tune``.  Kept for audit: running it again rewrites both files.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).parent
HOLDOUT = HERE / "holdout.jsonl"
TUNE = HERE.parent / "corpus" / "independent6.jsonl"
LABEL_OF = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
MARKER = re.compile(r"\{\{(pfw|p|c|n|w|t|zwj|zw|shy|cy|fw)(?::(.*?))?\}\}", re.S)
INVISIBLE = {"zw": "\u200b", "zwj": "\u200d", "shy": "\u00ad"}
CYRILLIC = str.maketrans("aeopcxyiAEOPCXKMHTB", "аеорсхуіАЕОРСХКМНТВ")
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in
              "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def phone_value(written: str) -> str:
    digits = re.sub(r"\D", "", written)
    rest = digits[2:] if digits.startswith("62") else digits[1:] if digits.startswith("0") else digits
    assert rest.startswith("8") and 9 <= len(rest) <= 12, written
    return "+62" + rest


def chip_value(written: str) -> str:
    hexed = re.sub(r"0x", "", written, flags=re.I)
    hexed = re.sub(r"[\s:\-.]", "", hexed).upper()
    assert re.fullmatch(r"[0-9A-F]+", hexed) and len(hexed) in (8, 14, 16), written
    return hexed


def nik_value(written: str) -> str:
    digits = re.sub(r"\D", "", written)
    assert len(digits) == 16, written
    day, month = int(digits[6:8]), int(digits[8:10])
    assert 11 <= int(digits[:2]) <= 94 and digits[2:4] != "00" and digits[4:6] != "00", written
    assert (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12, written
    return digits


def link_values(written: str) -> list[tuple[str, str]]:
    url = written.lower()
    url = url if url.startswith("http") else "https://" + url
    url = url.replace("http://", "https://")
    found = [("url", url)]
    if "wa.me/" in url:
        found.append(("phone", phone_value(url.split("wa.me/")[1])))
    return found


def expand(text: str, found: list[tuple[str, str]]) -> str:
    """``text`` with its markers replaced; each identifier's value appended to ``found``."""
    def one(m: re.Match[str]) -> str:
        kind, body = m.group(1), m.group(2) or ""
        if kind in INVISIBLE:
            return INVISIBLE[kind]
        if kind == "cy":
            return body.translate(CYRILLIC)
        if kind == "fw":
            return "".join(FULL_WIDTH.get(c, c) for c in body)
        if kind == "p":
            found.append(("phone", phone_value(body)))
        elif kind == "pfw":
            found.append(("phone", phone_value(body)))
            return "".join(FULL_WIDTH.get(c, c) for c in body)
        elif kind == "c":
            found.append(("chip_uid", chip_value(body)))
        elif kind == "n":
            found.append(("nik", nik_value(body)))
        else:
            found.extend(link_values(body))
        return body
    out = MARKER.sub(one, text)
    assert "{{" not in out and "}}" not in out, out
    return out


def blocks(path: Path) -> list[str]:
    parts = re.split(r"^----\s*$", path.read_text(encoding="utf-8"), flags=re.M)
    return [p.strip("\n") for p in parts if p.strip()]


def rows() -> list[dict]:
    counters: dict[str, int] = {}
    out = []
    files = sorted(HERE.glob("listings_*.txt"), key=lambda p: int(p.stem.split("_")[1]))
    for path in files:
        family = path.stem.split("_")[2]
        for block in blocks(path):
            title, _, description = block.partition("\n")
            found: list[tuple[str, str]] = []
            title, description = expand(title.strip(), found), expand(description.strip(), found)
            counters[family] = counters.get(family, 0) + 1
            row_id = f"h6-{family}-{counters[family]:04d}"
            ids = [{"kind": k, "value": v} for k, v in dict.fromkeys(found)]
            out.append({"id": row_id, "title": title, "description": description,
                        "label": LABEL_OF[family], "identifiers": ids, "split": split_of(row_id)})
    return out


def split_of(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] < 0x99 else "tune"


def main() -> None:
    pool = rows()
    texts = [(r["title"], r["description"]) for r in pool]
    assert len(set(texts)) == len(texts), "duplicate listing"
    for path, part in ((HOLDOUT, "holdout"), (TUNE, "tune")):
        with path.open("w", encoding="utf-8") as fh:
            for r in pool:
                if r["split"] == part:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
