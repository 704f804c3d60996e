"""Metamorphic, in the positive direction: a related offer re-spelled is still related.

Every ``related`` row of the tune corpus that the matcher calls related is
scored again with one of its key words (a word of a reason that counted)
re-spelled the ways sellers hide words from keyword search: dotted, dashed,
joined with zero-width characters, Cyrillic look-alikes, leetspeak, a
stretched last letter, upper case.  A seller's spelling says nothing about
what is on offer, so the verdict must stay ``related``; blank rows are held to
``blank`` the same way.  Sellers also run a title together into one hashtag;
that generator is checked over the rows whose title the matcher reads as a
lexicon run (a title spelled in words it does not know stays vague).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from matchers import score_listing
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows()
LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "g": "9", "b": "8"})
CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "k": "к", "i": "і", "x": "х"})


def _leet(word: str) -> str:
    spelled = word.lower().translate(LEET).upper()
    # all digits is a number ("8154"), a letter and a digit a size ("A4", "K4"), not a word
    return word if spelled.isdigit() or len(word) < 3 else spelled


RESPELLINGS: dict[str, Callable[[str], str]] = {
    "dotted": ".".join,
    "dashed": "-".join,
    "zero_width": "\u200b".join,
    "homoglyphs": lambda word: word.lower().translate(CYRILLIC),
    "leet": _leet,
    "stretched": lambda word: word + word[-1] * 3,
    "upper": str.upper,
}


def _key_words(title: str, description: str) -> set[str]:
    return {word for reason in score_listing(title, description).reasons if reason.weight > 0
            for word in re.findall(r"[A-Za-z]{2,}", reason.matched)}


def _respelled(text: str, word: str, respell: Callable[[str], str]) -> str:
    return re.sub(rf"(?i)(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", lambda m: respell(m.group(0)), text)


#: (2.9) Offers that already mask two letters of a word ("e-KTP k*s*ng"): the e-KTP term beside it dotted letter by
#: letter ("e-K.T.P k*s*ng") runs into it as one spelled run (as in test_blank_evasions.py); a strict xfail below.
MASKED_BESIDE_A_SPELLED_TERM = {"br8e-005": ("dotted",), "br10c-masked2-01": ("dotted",)}
#: (relrec17) A stretched "cetakkan" ("cetakkannnn") is read as the noun "cetakan" (a print, a mould), which no reading
#: of data printed takes: the print verb is lost and the print shop's title reads alone; a strict xfail below.
STRETCHED_INTO_ANOTHER_WORD = {"rr17c-buyerid-01": ("stretched",)}


def _flips(label: str, respell: Callable[[str], str], name: str = "", rows: list[dict] | None = None) -> list[str]:
    flips = []
    for row in ROWS if rows is None else rows:
        if row["label"] != label or score_listing(row["title"], row["description"]).verdict.value != label:
            continue
        if rows is None and (name in MASKED_BESIDE_A_SPELLED_TERM.get(row["id"], ())
                             or name in STRETCHED_INTO_ANOTHER_WORD.get(row["id"], ())):
            continue
        for word in sorted(_key_words(row["title"], row["description"])):
            title, description = (_respelled(row[f], word, respell) for f in ("title", "description"))
            verdict = score_listing(title, description).verdict.value
            if verdict != label:
                flips.append(f"{row['id']}: {word!r} → {title!r} / {description[:60]!r}: {verdict}")
    return flips


#: Re-spellings that still flip a row of an independent tune file (written without
#: reading the matcher), with what was measured; a failure here is marked, never hidden.
#: (2.4: the dashed-'ktp' blank row of independent3 read "jual e-ktp" as data; "jual" is a sale word now.)
KNOWN_FLIPS: dict[tuple[str, str], str] = {
    (name, "related"): ("corpus/independent7.jsonl: 1 of its 78 related rows (h7-related-0075, its key words "
                        f"already spaced out) flips to benign when a key word is {name} "
                        "(first measured at 50069ea, ktpwatch-matchers/2.7)")
    for name in ("dashed", "dotted")
}
CASES = [pytest.param(name, label, id=f"{name}-{label}",
                      marks=[pytest.mark.xfail(strict=False, reason=KNOWN_FLIPS[(name, label)])]
                      if (name, label) in KNOWN_FLIPS else [])
         for label in ("related", "blank") for name in sorted(RESPELLINGS)]


@pytest.mark.parametrize(("name", "label"), CASES)
def test_a_key_word_respelled_keeps_the_verdict(label: str, name: str) -> None:
    flips = _flips(label, RESPELLINGS[name], name)
    assert flips == [], f"{len(flips)} {label} rows flipped when a key word was {name}: {flips[:10]}"


@pytest.mark.parametrize(("row_id", "name"), [
    pytest.param(row_id, name, marks=pytest.mark.xfail(strict=True, reason="a dotted e-KTP term beside a word with two "
                                                                         "masked letters runs into it"))
    for row_id, names in sorted(MASKED_BESIDE_A_SPELLED_TERM.items()) for name in names])
def test_a_word_masked_twice_beside_a_dotted_term_is_still_lost(row_id: str, name: str) -> None:
    assert _flips("blank", RESPELLINGS[name], name, [r for r in ROWS if r["id"] == row_id]) == []


@pytest.mark.parametrize(("row_id", "name"), [
    pytest.param(row_id, name, marks=pytest.mark.xfail(strict=True, reason="a stretched 'cetakkan' reads as 'cetakan'"))
    for row_id, names in sorted(STRETCHED_INTO_ANOTHER_WORD.items()) for name in names])
def test_a_print_verb_stretched_into_a_noun_is_still_lost(row_id: str, name: str) -> None:
    assert _flips("related", RESPELLINGS[name], name, [r for r in ROWS if r["id"] == row_id]) == []


def _hashtag(title: str) -> str:
    return "#" + re.sub(r"[^a-z]", "", title.lower())


@pytest.mark.parametrize("title", [
    "KTP jadi cepat", "Blangko KK kosong", "Data NIK KK valid", "Reader KTP chip kosong",
    "Jasa urus KTP kilat", "Template KTP editable", "Akun verified KTP",
])
def test_a_title_run_together_as_a_hashtag_stays_related(title: str) -> None:
    assert score_listing(title, "").verdict.value == "related"
    assert score_listing(_hashtag(title), "").verdict.value == "related"
