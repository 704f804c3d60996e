"""Write the fifth independent labelled pool (issue 15's labels) from hand-written sources.

The listings are written by hand in ``listings_<n>_<family>.txt`` (blocks separated by
a line ``----``; the block's first line is the title, the rest the description).  This
script only strips markers and computes every expected identifier by construction; it
never imports ``matchers``.  Markers:

* ``{{p:…}}`` phone, ``{{pfw:…}}`` phone written in full-width digits,
* ``{{c:…}}`` chip UID, ``{{n:…}}`` NIK (structure checked here),
* ``{{w:…}}`` wa.me link (url + its phone), ``{{t:…}}`` t.me link,
* ``{{zw}}``, ``{{zwj}}``, ``{{shy}}`` invisible characters,
* ``{{cy:…}}`` Latin letters drawn in Cyrillic lookalikes, ``{{fw:…}}`` full-width text.

Rows are split by id: ``holdout`` when the first byte of sha256(id) < 0x99, else ``tune``.
Kept for audit: running it again rewrites ``holdout.jsonl`` and
``corpus/independent5.jsonl``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
TUNE = HERE.parent / "corpus" / "independent5.jsonl"
FAMILY_LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
             61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}
CYRILLIC = dict(zip("aceopxyKTPHMBAEOC", "асеорхуКТРНМВАЕОС", strict=True))
MARKER = re.compile(r"\{\{(zw|zwj|shy)\}\}|\{\{(p|pfw|c|n|w|t|cy|fw):(.*?)\}\}")


def digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) for ch in text if unicodedata.digit(ch, None) is not None)


def full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def phone(text: str) -> str:
    d = digits(text)
    if d.startswith("62"):
        d = d[2:]
    elif d.startswith("0"):
        d = d[1:]
    assert d.startswith("8") and 9 <= len(d) <= 12, text
    return "+62" + d


def chip(text: str) -> str:
    h = re.sub(r"0x", "", text, flags=re.I)
    h = re.sub(r"[^0-9A-Fa-f]", "", h).upper()
    assert len(h) in (8, 14, 16), text
    return h


def nik(text: str) -> str:
    d = digits(text)
    assert len(d) == 16 and int(d[:2]) in PROVINCES and d[2:4] != "00" and d[4:6] != "00", text
    day, month = int(d[6:8]), int(d[8:10])
    assert (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12, text
    return d


def render(text: str, ids: list[dict]) -> str:
    def one(m: re.Match) -> str:
        if m.group(1):
            return {"zw": "\u200b", "zwj": "\u200d", "shy": "\u00ad"}[m.group(1)]
        kind, inner = m.group(2), m.group(3)
        if kind == "cy":
            return "".join(CYRILLIC.get(ch, ch) for ch in inner)
        if kind == "fw":
            return full_width(inner)
        if kind == "pfw":
            ids.append({"kind": "phone", "value": phone(inner)})
            return full_width(inner)
        if kind == "p":
            ids.append({"kind": "phone", "value": phone(inner)})
        elif kind == "c":
            ids.append({"kind": "chip_uid", "value": chip(inner)})
        elif kind == "n":
            ids.append({"kind": "nik", "value": nik(inner)})
        elif kind == "w":
            url = inner if inner.startswith("http") else "https://" + inner
            ids.append({"kind": "url", "value": url.lower()})
            ids.append({"kind": "phone", "value": phone(inner.split("wa.me/")[1])})
        elif kind == "t":
            url = inner if inner.startswith("http") else "https://" + inner
            ids.append({"kind": "url", "value": url.lower()})
        return inner
    return MARKER.sub(one, text)


def split_of(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] < 0x99 else "tune"


def rows() -> list[dict]:
    counters: dict[str, int] = {}
    out = []
    for path in sorted(HERE.glob("listings_*.txt")):
        family = path.stem.split("_")[-1]
        for block in path.read_text(encoding="utf-8").split("\n----\n"):
            lines = block.strip("\n").split("\n")
            if not lines or not lines[0].strip():
                continue
            counters[family] = counters.get(family, 0) + 1
            row_id = f"h5-{family}-{counters[family]:04d}"
            ids: list[dict] = []
            title = render(lines[0].strip(), ids)
            description = render("\n".join(lines[1:]).strip(), ids)
            unique = [dict(t) for t in dict.fromkeys(tuple(i.items()) for i in ids)]
            assert "{{" not in title + description, row_id
            out.append({"id": row_id, "title": title, "description": description,
                        "label": FAMILY_LABEL[family], "identifiers": unique, "split": split_of(row_id)})
    texts = [(r["title"], r["description"]) for r in out]
    assert len(set(texts)) == len(texts), "duplicate listing"
    return out


def main() -> None:
    pool = rows()
    for path, part in ((HERE / "holdout.jsonl", "holdout"), (TUNE, "tune")):
        with path.open("w", encoding="utf-8") as fh:
            for row in pool:
                if row["split"] == part:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
