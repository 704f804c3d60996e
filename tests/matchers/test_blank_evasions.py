"""Metamorphic, both directions: blank offers and their hard negatives re-spelled the ways
sellers hide words from keyword search.

Every ``blank`` row of the tune corpus that the matcher calls blank is scored
again with its key words (the words of the reasons that counted) re-spelled
by one evasion: letters spaced out across the words ("b l a n k o  e k t p"),
an emoji or a symbol between the letters ("B🔥L🔥A🔥N🔥K🔥O", "b*l*a*n*k*o",
"b|l|a|n|k|o") or in place of one ("bla💳ko"), look-alike letters (small capitals, Lisu capitals),
the word written in Cyrillic or Greek letters by sound ("бланко", "κτπ"), its
vowels left out ("blngk", "ksng"), broken into pieces ("bl an ko"), or
the title run together into a hashtag with a year or a brand
("#blankoektp2024").  A spelling says nothing about what is on offer: the
verdict must stay ``blank``.  Every hard negative (a ``benign`` row whose
reasons name blank or ID words) re-spelled the same way must stay benign, so
reading an evasion never makes a holder, a PVC card or a SIM card a blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from matchers import lexicon, score_listing, score_many
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows()

SMALL_CAPS = str.maketrans(dict(zip("abcdefghijklmnoprstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", strict=True)))
#: Lisu letters that look like Latin capitals (Unicode's confusables list them so)
LOOKALIKE_CAPS = str.maketrans(dict(zip("ABCDEGHJKLMNOPRSTUVWZ", "ꓮꓐꓚꓓꓰꓖꓧꓙꓗꓡꓟꓠꓳꓑꓣꓢꓔꓴꓦꓪꓜ", strict=True)))
#: Latin letters written in Cyrillic by sound (what a Russian keyboard gives)
CYRILLIC_BY_SOUND = str.maketrans(dict(zip("abvgdeziklmnoprstufh", "абвгдезиклмнопрстуфх", strict=True)))
GREEK_BY_SOUND = str.maketrans(dict(zip("abgdeziklmnoprstf", "αβγδεζικλμνοπρστφ", strict=True)))


def _between(mark: str) -> Callable[[str], str]:
    return lambda word: mark.join(word)


def _without_vowels(word: str) -> str:
    """Chat shorthand: the first letter, then the consonants ("blnk", "ksng", "orgnl").  Three
    letters or fewer stay as written ("krn" is karena before it is koran, "dns" is no word), and
    so does a word whose skeleton two lexicon words share ("smpl": sampul or sample)."""
    skeleton = word[:1] + re.sub("[aeiouAEIOU]", "", word[1:])
    shared = len(skeleton) >= 4 and skeleton.lower() not in lexicon._skeletons() and word.lower() in lexicon._skeleton_words()
    return word if len(skeleton) < 4 or shared else skeleton


def _in_pieces(word: str) -> str:
    """A key word broken into three pieces by stray spaces ("bl an ko", "kos on gan"); the
    lexicon's joinable words only (the blank, unprinted, e-KTP and registry words)."""
    if word.lower() not in lexicon._JOINABLE or len(word) < 6:
        return word
    cut = len(word) // 3
    return f"{word[:cut]} {word[cut:2 * cut]} {word[2 * cut:]}"


def _masked_letter(word: str) -> str:
    """One inner letter of a key word put out of sight by a picture ("bla💳ko", "kos💳ng"); the lexicon's
    joinable words only (the blank, unprinted, e-KTP and registry words), as with :func:`_in_pieces`."""
    if word.lower() not in lexicon._JOINABLE:
        return word
    at = len(word) // 2
    return f"{word[:at]}💳{word[at + 1:]}"


RESPELLINGS: dict[str, Callable[[str], str]] = {
    # words stand further apart than their letters: "b l a n k o  e k t p"
    "spaced": lambda word: f" {' '.join(word)} ",
    "spaced_dots": " . ".join,
    "emoji": _between("🔥"),
    "sparkles": _between("✨"),
    "asterisk": _between("*"),
    "pipe": _between("|"),
    "underscore": _between("_"),
    "tilde": _between("~"),
    "small_caps": lambda word: word.lower().translate(SMALL_CAPS),
    "lookalike_caps": lambda word: word.upper().translate(LOOKALIKE_CAPS),
    "cyrillic_by_sound": lambda word: word.lower().translate(CYRILLIC_BY_SOUND),
    "greek_by_sound": lambda word: word.lower().translate(GREEK_BY_SOUND),
    "without_vowels": _without_vowels,
    "in_pieces": _in_pieces,
    "masked_letter": _masked_letter,
}
#: Words of three letters or more are re-spelled ("ka te pe" re-spelled letter by letter is two evasions at once)
_WORD = re.compile(r"[A-Za-z]{3,}")


def _key_words(title: str, description: str, *, counted: bool) -> set[str]:
    return {word for reason in score_listing(title, description).reasons if reason.weight > 0 or not counted
            for word in _WORD.findall(reason.matched)}


def _respelled(text: str, words: set[str], respell: Callable[[str], str]) -> str:
    if not words:
        return text
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.sub(rf"(?i)(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", lambda m: respell(m.group(0)), text)


def _rows(label: str) -> list[dict]:
    rows = [row for row in ROWS if row["label"] == label]
    verdicts = score_many((row["title"], row["description"]) for row in rows)
    return [row for row, got in zip(rows, verdicts, strict=True) if got.verdict.value == label]


BLANK_ROWS = _rows("blank")
#: benign rows whose reasons name some word: the ones sharing words with blank offers
#: (tags13) hard negatives read right only because a link line is read past ("Lihat artikel lain: …"): a respelt heading
#: ("L*i*h*a*t artikel lain") is no heading the reader knows, so the link's words are read as on 2.10 (related there)
RESPELT_LINK_HEADING = {"t13b-010"}
HARD_NEGATIVES = [row for row in _rows("benign") if _key_words(row["title"], row["description"], counted=False)
                  and row["id"] not in RESPELT_LINK_HEADING]


def _flips(rows: list[dict], label: str, respell: Callable[[str], str], *, counted: bool) -> list[str]:
    flips = []
    for row in rows:
        words = _key_words(row["title"], row["description"], counted=counted)
        title, description = (_respelled(row[field], words, respell) for field in ("title", "description"))
        verdict = score_listing(title, description).verdict.value
        if verdict != label:
            flips.append(f"{row['id']}: {title!r} / {description[:60]!r}: {verdict}")
    return flips


#: corpus/independent6.jsonl (tune part of the sixth independent set) arrived after these
#: respellings were met; one of its blank rows, already dotted between its words, comes out benign
#: once its key words are joined by underscores (first measured at 300ee84,
#: ktpwatch-matchers/2.6: 1 of 1,711 blank rows flipped)
BLANK_RESPELLINGS = [
    pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=(
        "underscore: 1 of 1,711 blank rows (corpus/independent6.jsonl, h6-blank-0108) flips to benign "
        "under ktpwatch-matchers/2.6 at 300ee84")))
    if name == "underscore" else name
    for name in sorted(RESPELLINGS)
]


#: (2.9) Offers that already mask two letters of a word ("e-KTP k*s*ng"): the e-KTP term beside it re-spelled letter by
#: letter ("e-K*T*P k*s*ng", "e- K T P  k*s*ng") makes one run of single letters that no reader splits back into its
#: words, so only the respellings that keep the term whole are held; each is a strict xfail below, so a fix shows.
MASKED_BESIDE_A_SPELLED_TERM = {"br8e-005": ("asterisk", "pipe", "spaced", "spaced_dots", "tilde"),
                                "br10c-masked2-01": ("asterisk", "pipe", "spaced", "spaced_dots", "tilde")}


@pytest.mark.parametrize("name", BLANK_RESPELLINGS)
def test_a_blank_offer_respelled_stays_blank(name: str) -> None:
    rows = [row for row in BLANK_ROWS if name not in MASKED_BESIDE_A_SPELLED_TERM.get(row["id"], ())]
    flips = _flips(rows, "blank", RESPELLINGS[name], counted=True)
    print(f"\n{name}: {len(flips)} of {len(BLANK_ROWS)} blank rows flipped")
    assert flips == [], f"{len(flips)} blank rows flipped when re-spelled {name}: {flips[:10]}"


@pytest.mark.parametrize(("row_id", "name"), [
    pytest.param(row_id, name, marks=pytest.mark.xfail(strict=True, reason="a spelled e-KTP term beside a word with two "
                                                                         "masked letters runs into it"))
    for row_id, names in sorted(MASKED_BESIDE_A_SPELLED_TERM.items()) for name in names])
def test_a_word_masked_twice_beside_a_spelled_term_is_still_lost(row_id: str, name: str) -> None:
    row = next(r for r in BLANK_ROWS if r["id"] == row_id)
    assert _flips([row], "blank", RESPELLINGS[name], counted=True) == []


@pytest.mark.parametrize("name", sorted(RESPELLINGS))
def test_a_hard_negative_respelled_stays_benign(name: str) -> None:
    flips = _flips(HARD_NEGATIVES, "benign", RESPELLINGS[name], counted=False)
    print(f"\n{name}: {len(flips)} of {len(HARD_NEGATIVES)} hard negatives flipped")
    assert flips == [], f"{len(flips)} hard negatives flipped when re-spelled {name}: {flips[:10]}"


def _hashtag(title: str, prefix: str, suffix: str) -> str:
    return "#" + prefix + re.sub(r"[^a-z0-9]", "", title.lower()) + suffix


@pytest.mark.parametrize(("prefix", "suffix"), [("", "2024"), ("", "_ori"), ("", "99"), ("", "jkt"), ("2024", ""),
                                                ("", "jakartatimur"), ("tokosumberrejeki", "")])
def test_a_blank_title_run_together_into_a_hashtag_with_a_year_or_brand_stays_blank(prefix: str, suffix: str) -> None:
    """A title of lexicon words only (the matcher reads it as a blank on its own) run
    together into one hashtag with a year, a city or a shop's name before or after it
    stays blank (2.3 lost "#ektpblankojakartatimur": lexicon words covered under half)."""
    titles = sorted({row["title"] for row in BLANK_ROWS if re.fullmatch(r"[A-Za-z0-9 -]+", row["title"])
                     and score_listing(row["title"], "").verdict.value == "blank"
                     and len(_WORD.findall(row["title"])) <= 4
                     and {w.lower() for w in re.findall(r"[A-Za-z]{2,}", row["title"])}
                     <= {w.lower() for w in _key_words(row["title"], "", counted=True)} | {"el"}})
    assert len(titles) >= 25
    flips = [title for title in titles if score_listing(_hashtag(title, prefix, suffix), "").verdict.value != "blank"]
    assert flips == [], f"{len(flips)} of {len(titles)} hashtag titles fell: {flips[:10]}"


BLANK_WORDS = ("kartu kosong", "kartu polos", "kartu blanko", "blank card", "kosongan")
OTHER_PRODUCTS = ("holder", "casing", "sarung", "dompet", "tempat", "stiker", "cover", "map")
JOINS = (" dan ", ", ", " + ", " serta ")


@pytest.mark.parametrize("other", OTHER_PRODUCTS)
def test_a_blank_card_sold_beside_another_products_e_ktp_phrase_is_not_a_blank(other: str) -> None:
    """A shop line listing a plain card next to another product named with the e-KTP
    ("kartu kosong dan casing e-KTP") sells two things: the e-KTP term names the casing,
    so the blank word and it are no blank e-KTP (2.3 read 'kosong … casing e-KTP' as one)."""
    texts = [(title, f"Kami jual {blank}{join}{other} e-KTP murah")
             for title in ("Perlengkapan kantor", "Grosir aksesoris", "Ready stok")
             for blank in BLANK_WORDS for join in JOINS]
    wrong = [text for text, got in zip(texts, score_many(texts), strict=True) if got.verdict.value == "blank"]
    assert wrong == [], wrong[:5]


@pytest.mark.xfail(strict=True, reason="a respelt link heading is read as words: t13b-010 reads related (as on 2.10)")
def test_a_hard_negative_with_a_respelt_link_heading_stays_benign() -> None:
    rows = [row for row in _rows("benign") if row["id"] in RESPELT_LINK_HEADING]
    assert rows and _flips(rows, "benign", RESPELLINGS["asterisk"], counted=False) == []
