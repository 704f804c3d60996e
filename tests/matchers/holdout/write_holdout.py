"""Turn the hand-written holdout listings (``listings_*.txt``) into ``holdout.jsonl``.

Kept only so a reader can see how the frozen file was made: the listings were
written by hand; this script strips the identifier markers and computes each
marked identifier's expected normalised value by construction, independently
of ``matchers`` (it never imports it).  ``holdout.jsonl`` is frozen: do not
re-run this to change it (``test_holdout.py`` pins its SHA-256).

Source format: a record starts with ``@<code> <title>`` (code ``b`` blank,
``r`` related, ``h`` benign hard negative, ``o`` benign ordinary) and its
description is every following line up to the next record.  Markers:
``{p:…}`` phone, ``{u:…}`` chip UID, ``{n:…}`` NIK, ``{w:…}`` wa.me / t.me
link.  ``\\uXXXX`` writes an invisible or unusual character.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import phonenumbers

HERE = Path(__file__).parent
LABELS = {"b": ("blank", "blank"), "r": ("related", "related"),
          "h": ("benign", "hardneg"), "o": ("benign", "ordinary")}
MARK = re.compile(r"\{([puwn]):([^{}]+)\}")
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
             61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94}


def _phone(raw: str) -> str:
    number = phonenumbers.parse(unicodedata.normalize("NFKC", raw), "ID")
    kind = phonenumbers.number_type(number)
    assert phonenumbers.is_valid_number(number), raw
    assert kind in (phonenumbers.PhoneNumberType.MOBILE,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE), raw
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _uid(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    text = re.sub(r"^0[xX]", "", text)
    value = re.sub(r"[\s:\-.]", "", text).upper()
    assert re.fullmatch(r"[0-9A-F]+", value) and len(value) in (8, 14, 16), raw
    return value


def _nik(raw: str) -> str:
    value = re.sub(r"\D", "", unicodedata.normalize("NFKC", raw))
    assert len(value) == 16, raw
    day, month = int(value[6:8]), int(value[8:10])
    assert int(value[:2]) in PROVINCES and value[2:4] != "00" and value[4:6] != "00", raw
    assert (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12, raw
    return value


def _url(raw: str) -> list[tuple[str, str]]:
    text = raw.strip().lower()
    text = re.sub(r"^(https?://)?", "https://", text)
    assert re.fullmatch(r"https://(wa\.me/62\d{8,12}|t\.me/[a-z0-9_]{5,32})", text), raw
    found = [("url", text)]
    if "wa.me/" in text:
        found.append(("phone", _phone("+" + text.rsplit("/", 1)[1])))
    return found


def _expected(kind: str, raw: str) -> list[tuple[str, str]]:
    if kind == "p":
        return [("phone", _phone(raw))]
    if kind == "u":
        return [("chip_uid", _uid(raw))]
    if kind == "n":
        return [("nik", _nik(raw))]
    return _url(raw)


def _render(text: str) -> tuple[str, list[tuple[str, str]]]:
    found: list[tuple[str, str]] = []
    for match in MARK.finditer(text):
        found += _expected(match.group(1), match.group(2))
    plain = MARK.sub(lambda m: m.group(2), text)
    assert "{" not in plain and "}" not in plain, plain
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), plain), found


def _records(path: Path) -> list[tuple[str, str, str]]:
    records: list[tuple[str, str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            code, _, title = line[1:].partition(" ")
            records.append((code, title.strip(), []))
        elif records:
            records[-1][2].append(line)
    return [(code, title, "\n".join(desc).strip()) for code, title, desc in records]


def main() -> None:
    rows, counts = [], {v[1]: 0 for v in LABELS.values()}
    for path in sorted(HERE.glob("listings_*.txt")):
        for code, title_src, desc_src in _records(path):
            label, prefix = LABELS[code]
            counts[prefix] += 1
            title, ids_t = _render(title_src)
            description, ids_d = _render(desc_src)
            seen: list[tuple[str, str]] = []
            for pair in ids_t + ids_d:
                if pair not in seen:
                    seen.append(pair)
            rows.append({"id": f"holdout-{prefix}-{counts[prefix]:03d}", "title": title,
                         "description": description, "label": label,
                         "identifiers": [{"kind": k, "value": v} for k, v in seen],
                         "split": "holdout"})
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(counts, len(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
