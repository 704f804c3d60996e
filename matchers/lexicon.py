"""The vocabulary: spelling variants, typo correction and multi-word terms as tags.

Text goes through two steps after :func:`matchers.normalise.normalise`:

1. :func:`canonical_words` maps every word to its canonical spelling
   (``blangko``/``blank``/``blnko`` → ``blanko``, ``akte`` → ``akta``), with
   rapidfuzz correcting typos of long key words (``blangkko``, ``elektonik``)
   for words it has not seen before; results are cached per word.
2. :func:`tag` replaces terms, including multi-word ones (``e ktp``,
   ``ktp el``, ``kartu tanda penduduk elektronik``, ``belum tercetak``,
   ``ukuran ktp``), by tags such as ``EKTP=e_ktp``: the upper-case concept, then
   the words it stood for, so rules match concepts and reasons still show text.
"""

from __future__ import annotations

import heapq
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from itertools import chain, compress
from typing import NamedTuple, cast

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from matchers.masked_letters import MaskedIndex, has_masked_pair, join_runs, masked_index, unmask
from matchers.normalise import LEET_DIGITS
from matchers.phrase_word_sets import minimal_word_sets, phrase_words

# --- step 1: spelling -------------------------------------------------------

#: Exact variants → canonical spelling. Hard-negative look-alikes map to themselves
#: so the fuzzy step never "corrects" them into a target word.  Typos are not
#: listed here: :func:`correct_words` reads them (stretched letters collapsed,
#: then Levenshtein distance to :data:`FUZZY_KEYS`).
SPELLING: dict[str, str] = {
    **dict.fromkeys(["blangko", "blanko", "blank", "blangkonya"], "blanko"),
    **dict.fromkeys(["blangkon", "blankon"], "blangkon"),
    **dict.fromkeys(["kosong", "polos", "polosan", "putihan"], "kosong"),  # (2.7) "putihan": left white, as "polosan"
    # "stok kosongan" is a stock of blanks, "stok kosong" none in stock: kept apart
    **dict.fromkeys(["kosongan"], "kosongan"),
    # (2.9) the empty word with "-nya" ("KTP kosongnya ready", "polosnya"), as "blangkonya" and "ktpnya" are spelled
    **dict.fromkeys(["kosongnya", "polosnya"], "kosong"),
    **dict.fromkeys(["ektp", "ektpnya", "ektepe", "ktpe"], "ektp"),  # "KTP-E" run together
    **dict.fromkeys(["ktpel", "ktpelektronik"], "ktpel"),
    **dict.fromkeys(["ktp", "ktpnya", "ktepe", "katepe", "ketepe"], "ktp"),  # spelled as said: "ka-te-pe", "ke-te-pe" (2.6)
    **dict.fromkeys(["elektronik", "elektrik"], "elektronik"),
    **dict.fromkeys(["chip", "chipnya"], "chip"),
    # the civil registry under its regional names and short forms (Dispendukcapil in East Java, "disduk")
    **dict.fromkeys(["dukcapil", "disdukcapil", "capil", "kemendagri", "disduk", "dispenduk", "dispendukcapil"],
                    "dukcapil"),
    **dict.fromkeys(["dinas", "instansi", "pemda", "pemerintah"], "dinas"),
    **dict.fromkeys(["original", "ori", "asli", "aslinya"], "original"),
    **dict.fromkeys(["akta", "akte"], "akta"),
    **dict.fromkeys(["kk"], "kk"),
    **dict.fromkeys(["kad"], "kartu"),  # (2.6) Malay: "kad KTP kosong", "kad pengenalan" (an identity card)
    **dict.fromkeys(["kia"], "kia"),
    **dict.fromkeys(["fotokopi", "fotocopy", "photocopy"], "fotokopi"),
    **dict.fromkeys(["laminating", "laminasi"], "laminating"),
    **dict.fromkeys(["kwitansi"], "kwitansi"),
    **dict.fromkeys(["holder"], "holder"),
    **dict.fromkeys(["casing", "case", "cover", "sleeve", "pelindung", "sarung", "pouch", "sampul", "pelapis", "kantong", "cardholder"], "casing"),
    **dict.fromkeys(["plastik", "kertas", "akrilik", "karton"], "plastik"),
    **dict.fromkeys(["dompet", "wallet", "tempat", "map", "lanyard", "tali"], "dompet"),
    # (precision10) a smart-card reader named by its maker's line ("Omnikey 5422"): a reader
    **dict.fromkeys(["printer", "ribbon", "reader", "scanner", "pembaca", "omnikey"], "printer"),
    **dict.fromkeys(["writer", "encoder", "encoding"], "writer"),  # writes a chip: a machine that makes, not reads
    **dict.fromkeys(["pvc", "rfid", "nfc", "mifare"], "pvc"),
    **dict.fromkeys(["mainan", "toys", "edukasi"], "mainan"),
    **dict.fromkeys(["template", "mockup", "psd", "editable"], "template"),
    **dict.fromkeys(["desain", "design"], "desain"),
    **dict.fromkeys(["stiker", "sticker", "skin", "garskin"], "stiker"),
    **dict.fromkeys(["dipake", "dipakai", "digunakan"], "dipakai"),
    **dict.fromkeys(["pasfoto", "pasphoto"], "pasfoto"),
    **dict.fromkeys(["foto", "photo", "poto"], "foto"),
    **dict.fromkeys(["ebook", "e-book"], "ebook"),
    **dict.fromkeys(["paspor", "passport", "pasport"], "paspor"),
    **dict.fromkeys(["antre", "antrian", "antrean"], "antre"),
    **dict.fromkeys(["verified", "terverifikasi", "verif", "kyc"], "verified"),
    **dict.fromkeys(["akun", "account"], "akun"),
    **dict.fromkeys(["palsu", "aspal", "tiruan", "replika", "fake", "imitasi", "bodong", "abal"], "palsu"),
    **dict.fromkeys(["3ktp"], "ektp"),  # leet "e" in front of KTP
    # finished, and done: abbreviations and Javanese ("jd", "dadi"); "kelar", "beres", "rengse" (Sundanese)
    **dict.fromkeys(["jadi", "jd", "jdi", "dadi"], "jadi"),
    **dict.fromkeys(["selesai", "kelar", "beres", "rampung", "rengse"], "selesai"),
    **dict.fromkeys(["hari", "dino", "dinten", "dina", "poe"], "hari"),  # day: Javanese, Sundanese/krama
    **dict.fromkeys(["durung", "dereng"], "durung"),  # not yet: Javanese, krama
    # (2.9) "not yet" as chat writes it ("belom ada isinya", "kartu belom dicetak"): the phrases name "belum"
    **dict.fromkeys(["belom"], "belum"),
    **dict.fromkeys(["suwung", "puyung"], "kosong"),  # (2.6) empty: Javanese, Balinese
    **dict.fromkeys(["dicetak", "dicitak"], "dicetak"),  # printed: the Sundanese spelling
    **dict.fromkeys(["sehari", "sedino", "sedinten", "sahari"], "sehari"),  # Banjar, Minang "sahari"
    **dict.fromkeys(["kw"], "palsu"),  # "KTP kw": an imitation, as "tas kw" is
    **dict.fromkeys(["kucing", "kuciang"], "kucing"),  # (2.7) Minang "kuciang", as "mambuek" is its "bikin"
    **dict.fromkeys(["database", "maklumat"], "data"),  # (2.6) Malay "maklumat": information, a card's data
    **dict.fromkeys(["dibedain", "dibedakan"], "dibedakan"),
    **dict.fromkeys(["ketahuan", "ketauan"], "ketahuan"),
    **dict.fromkeys(["kayak", "kyk", "kek"], "kayak"),
    **dict.fromkeys(["bkin"], "bikin"),
    **dict.fromkeys(["cpt"], "cepat"),
    **dict.fromkeys(["selfie", "swafoto", "wefie"], "selfie"),
    **dict.fromkeys(["coreldraw", "corel", "cdr"], "template"),
    # (2.5) chat and regional forms of words the phrases name
    **dict.fromkeys(["antri", "ngantri", "ngantre"], "antre"),
    **dict.fromkeys(["dateng"], "datang"),
    **dict.fromkeys(["pinjem", "minjem"], "pinjam"),
    **dict.fromkeys(["nyewa"], "sewa"),
    **dict.fromkeys(["diaktifin"], "diaktifkan"),
    **dict.fromkeys(["porlu", "paralu", "perlo"], "perlu"),  # Batak, Minang, Madurese
    **dict.fromkeys(["kada"], "tidak"),  # Banjar
    # (2.7) chat short forms of "can" and "already"; Madurese "osah" (need), "dhaddhi" (done), "adamel"
    # and Sundanese/krama "damel" (make); Javanese "golek" (look for); English plurals of the key nouns;
    # a brand whose second half is a lexicon word ("Facebook" is no book, 2.6 split it)
    **dict.fromkeys(["bs", "bsa", "bisa"], "bisa"),
    **dict.fromkeys(["udh", "udah"], "udah"),
    **dict.fromkeys(["osah"], "usah"),
    **dict.fromkeys(["dhaddhi"], "jadi"),
    **dict.fromkeys(["adamel", "ngadamel", "damel"], "bikin"),
    **dict.fromkeys(["golek"], "cari"),
    **dict.fromkeys(["accounts"], "akun"),
    **dict.fromkeys(["ids"], "id"),
    **dict.fromkeys(["facebook", "fb"], "facebook"),
    **dict.fromkeys(["masing"], "masing"),  # "masing-masing" (each) is a word, not a typo of "casing"
    **dict.fromkeys(["lakas", "gelis"], "cepat"),  # Banjar, Balinese
    # (2.5) the key words written backwards ("okn4lb ptke", "baca dari belakang"): no word of either language
    **{word[::-1]: canonical for word, canonical in (("blanko", "blanko"), ("blangko", "blanko"), ("ektp", "ektp"),
                                                      ("kosong", "kosong"))},
}

#: Canonical key words whose typos are worth correcting (words of 5+ letters).
FUZZY_KEYS: tuple[str, ...] = (
    "blanko", "blangko", "blangkon", "kosongan", "elektronik", "dukcapil", "disdukcapil",
    "kemendagri", "penduduk", "original", "kwitansi", "laminating", "fotocopy", "fotokopi",
    "holder", "casing", "printer", "keluarga", "kelahiran",
)
_FUZZY_TARGET = {key: SPELLING.get(key, key) for key in FUZZY_KEYS}
_FUZZY_TARGET["blangko"] = "blanko"
_FUZZY_TARGET["fotocopy"] = "fotokopi"
_FUZZY_TARGET["disdukcapil"] = "dukcapil"
_FUZZY_TARGET["kemendagri"] = "dukcapil"
_FUZZY_TARGET["kosongan"] = "kosongan"
_FUZZY_MIN_LEN = 5
#: Longer words are more than 2 edits from every key: no need to ask rapidfuzz.
_FUZZY_MAX_LEN = max(map(len, FUZZY_KEYS)) + 2
_CACHE_LIMIT = 200_000
_spelling_cache: dict[str, str] = {}
#: Words whose cached spelling is several words (a run-together word, split).
_split_words: set[str] = set()
#: Letters written twice or more in a row ("blangkoo", "kosonggg", "ktppp"): read once.
#: Done here, per distinct word and cached, rather than in normalisation of every text.
_DOUBLED = re.compile(r"([a-z])\1+")


def _max_edits(word: str) -> int:
    return 1 if len(word) < 9 else 2


def correct_words(words: Iterable[str]) -> None:
    """Decide the spelling of words not seen before and cache it.

    In order: a listed variant; the word with doubled letters read once
    ("blangkoo", "kosongg") when that is a listed variant; a run-together
    word or hashtag split into lexicon words ("jualblankoektp"); a word of
    5+ letters within 1 edit (2 for 9+ letters) of a key word.  ``extractOne``
    with ``score_cutoff`` stops early, so one unseen word costs about a
    microsecond; every answer is cached.  A split word is cached as its parts
    joined by spaces (see :func:`canonical_of_words`).
    """
    words = list(words)
    if len(_spelling_cache) > _CACHE_LIMIT:  # cleared first, so every word asked for is cached on return
        _spelling_cache.clear()
        _split_words.clear()
    for word in {w for w in words if w not in _spelling_cache}:
        spelling = _spelling_cache[word] = _spelling_of(word)
        if " " in spelling:
            _split_words.add(word)


def _spelling_of(word: str) -> str:
    """The canonical spelling of one word (see :func:`correct_words`)."""
    if word in SPELLING:
        return SPELLING[word]
    if not word.isalpha():  # numbers and quantities ("100rb") are no typos, leetspeak may be
        return _spelling_of_leet(word)
    if word in PHRASE_WORDS:  # a word a phrase names is no typo of another ("printed", "pass", "kekosongan")
        return word
    for unstretched in _unstretched(word):  # "blangkoo", "kkkkk", "expresssss", "dukcapillll"
        if unstretched in SPELLING:
            return SPELLING[unstretched]
        if unstretched in PHRASE_WORDS:
            return unstretched
    swapped = _swapped_key(word)  # (2.10) two letters of a key word swapped: "balngko", "blnako", "kosnog"
    if swapped is not None:
        return swapped
    if word in _skeletons():  # written without vowels: "blnk", "ksng", "dkcpl"
        return _skeletons()[word]
    if len(word) < _FUZZY_MIN_LEN - 1:
        return word
    if _abbreviates_blank(word):  # "blgko", "blko": chat drops letters besides the vowels
        return "blanko"
    parts = _segment(word)
    if parts is not None:
        return " ".join(SPELLING.get(part, part) for part in parts)
    if len(word) < _FUZZY_MIN_LEN or len(word) > _FUZZY_MAX_LEN:
        return word
    single = _DOUBLED.sub(r"\1", word)  # only a word the fuzzy match reads
    best = process.extractOne(single, FUZZY_KEYS, scorer=Levenshtein.distance, score_cutoff=_max_edits(word))
    if best is None or (len(word) < 6 and best[0][:2] != word[:2]):  # "asing" is not "casing"
        return word
    return _FUZZY_TARGET[best[0]]


#: (2.10) Key words whose letters sellers swap in typing or to dodge a filter ("balngko", "blnako", "blangok",
#: "ksoong"): long enough that one swap of two of their letters spells no word of either language.  "blangkon" is
#: listed so that its own swaps ("balngkon") stay the headdress.
SWAPPED_KEYS: tuple[str, ...] = ("blanko", "blangko", "blangkon", "kosong", "kosongan", "elektronik", "dukcapil",
                                 "disdukcapil")
_SWAP_MIN_LEN = 6


@lru_cache(maxsize=1)
def _keys_by_letters() -> dict[str, tuple[str, ...]]:
    """:data:`SWAPPED_KEYS` by their sorted letters: a swap keeps a word's letters, so only keys with the same letters
    are compared."""
    keys: dict[str, tuple[str, ...]] = {}
    for key in SWAPPED_KEYS:
        letters = "".join(sorted(key))
        keys[letters] = (*keys.get(letters, ()), key)
    return keys


def _swapped_key(word: str) -> str | None:
    """The canonical spelling of the key word ``word`` spells with two of its letters swapped, side by side or not
    ("balngko", "bnalko", "kosnog"), or None; the first letter only with the second ("lbangko").  Levenshtein distance counts a swap as two edits, more than
    :func:`_max_edits` allows for these words; the letters are the key word's own, so no other word is corrected."""
    if len(word) < _SWAP_MIN_LEN:
        return None
    for key in _keys_by_letters().get("".join(sorted(word)), ()):
        apart = [i for i, (mine, its) in enumerate(zip(word, key, strict=True)) if mine != its]
        if len(apart) != 2 or (apart[0] == 0 and apart[1] > 1):  # the first letter moves only to its neighbour:
            continue  # "sokong(an)" (support) swaps k and s of "kosong(an)" apart
        if word[apart[0]] == key[apart[1]] and word[apart[1]] == key[apart[0]]:
            return _FUZZY_TARGET.get(key, SPELLING.get(key, key))
    return None


#: At most this many runs of a repeated letter are tried at one or two letters each.
_STRETCH_RUNS = 4


def _unstretched(word: str) -> list[str]:
    """The word with each run of a repeated letter read as one letter or as two, shortest first.

    Sellers stretch letters anywhere ("kkkkk", "nikkkk", "expresssss"), and a
    stretched double letter may stand for one ("blangkoo") or two ("kk",
    "express"), so both are tried; the word itself is not in the list.
    """
    if word.isascii() and word.isalpha() and word.islower() and _DOUBLED.search(word) is None:
        return []  # letters a-z, none twice in a row: each is a piece of one (most new words)
    return _stretched_readings(word)


def _stretched_readings(word: str) -> list[str]:
    """:func:`_unstretched` by walking the word's pieces (runs of one letter): the definition."""
    pieces = [m.group(0) for m in _RUN.finditer(word)]
    if len(pieces) == len(word) or sum(len(p) > 1 for p in pieces) > _STRETCH_RUNS:
        return []
    variants = [""]
    for piece in pieces:
        options = (piece,) if len(piece) == 1 else (piece[0], piece[:2])
        variants = [v + o for v in variants for o in options]
    return sorted((v for v in variants if v != word and len(v) >= 2), key=len)


_RUN = re.compile(r"([a-z])\1*")


_VOWELS = str.maketrans("", "", "aeiou")
#: Shorter skeletons are ordinary abbreviations of other words ("pls", "org", "utk").
_SKELETON_MIN_LEN = 4


def _skeleton(word: str) -> str:
    """A word as Indonesian chat abbreviates it: its first letter, then its consonants
    ("belum" → "blm", "untuk" → "utk", "kosong" → "ksng", "elektronik" → "elktrnk")."""
    return word[:1] + word[1:].translate(_VOWELS)


def _skeleton_words() -> frozenset[str]:
    """The words whose skeletons :func:`_skeletons` was built from."""
    return frozenset({*SPELLING, *PHRASE_WORDS, *FUZZY_KEYS})


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, str]:
    """Skeletons of the lexicon's words (listed variants, phrase words and key words), each
    read as its word's canonical spelling; a skeleton that two canonical words share, or
    that is itself a lexicon word, is left out."""
    spelled: dict[str, set[str]] = {}
    for word in _skeleton_words():
        skeleton = _skeleton(word)
        if len(skeleton) >= _SKELETON_MIN_LEN and skeleton != word and word.isalpha():
            spelled.setdefault(skeleton, set()).add(_FUZZY_TARGET.get(word, SPELLING.get(word, word)))
    return {skeleton: next(iter(targets)) for skeleton, targets in spelled.items()
            if len(targets) == 1 and skeleton not in SPELLING and skeleton not in PHRASE_WORDS}


#: (2.6) The blank word as chat shortens it: its first two letters and its last one kept, any letters
#: between dropped ("blgko", "blko", "blngo"), not only the vowels (:func:`_skeleton`).
_ABBREVIATED_BLANK = "blangko"
_ABBREVIATION_MIN_LEN = 4


def _abbreviates_blank(word: str) -> bool:
    """Whether ``word`` is the blank word shortened: it keeps the first two letters and the last
    one of "blangko" and the rest of its letters in order (no Indonesian or English word of four or
    more letters does: "blog" ends in g, "blok" in k)."""
    key = _ABBREVIATED_BLANK
    if len(word) < _ABBREVIATION_MIN_LEN or word[:2] != key[:2] or word[-1] != key[-1] or word == key:
        return False
    rest = iter(key[2:-1])
    return all(letter in rest for letter in word[2:-1])


def _spelling_of_leet(word: str) -> str:
    """A word mixing digits and letters kept as it is by normalisation, because it starts
    like a quantity ("100rb", "4pcs"), read as leetspeak when that is a lexicon word:
    "4kun" → akun, "514p" → siap, "4k74" → akta.  Quantities stay as written."""
    if word in PHRASE_WORDS or word.isdigit():
        return word
    letters = word.translate(LEET_DIGITS)
    if len(letters) < 3 or not letters.isalpha():
        return word
    spelling = _spelling_of(letters)
    return spelling if spelling != letters or letters in PHRASE_WORDS else word


_SEGMENT_MIN_LEN = 6
#: Lexicon words must cover at least this share of a run-together word's letters
#: (hashtags mix in shop and brand names: "#akunfblamaktp", "#jasaektpngebut").
_SEGMENT_COVER = 0.5
_SEGMENT_MAX_LEN = 64


def _segment(word: str) -> list[str] | None:
    """A run-together word split into lexicon words, or None.

    Dynamic programming over split points: a lexicon word (3+ letters) costs
    1, any other letter costs 1 each, so the fewest, longest lexicon words
    win.  The split is taken only when it holds two lexicon words, one of
    them a phrase word, and lexicon words cover at least half of the letters
    or stand together before or after one other word (a shop, city or brand):
    "jualblankoektp" → jual blanko ektp, "holderktp" → holder ktp,
    "ektpblankojakartatimur" → ektp blanko jakartatimur, while "dompetku" or
    "pembuktian" stay whole.
    """
    n = len(word)
    if n < _SEGMENT_MIN_LEN or n > _SEGMENT_MAX_LEN or not word.isalpha():
        return None
    if not _two_segment_starts(word):
        return None
    vocabulary = _segment_vocabulary()
    longest = _longest_segment()
    empty: list[str] = []
    best: list[tuple[int, list[str], int]] = [(0, empty, 0)] * (n + 1)  # (cost, parts, lexicon letters)
    for end in range(1, n + 1):
        cost, parts, known = best[end - 1]  # one more letter outside the lexicon
        if parts and parts[-1] not in vocabulary:
            candidate = (cost + 1, [*parts[:-1], parts[-1] + word[end - 1]], known)
        else:
            candidate = (cost + 1, [*parts, word[end - 1]], known)
        for start in range(max(0, end - longest), end - 1):  # parts of 2+ letters (the vocabulary's 2-letter words: kk)
            if word[start:end] in vocabulary and best[start][0] + 1 < candidate[0]:
                cost, parts, known = best[start]
                candidate = (cost + 1, [*parts, word[start:end]], known + end - start)
        best[end] = candidate
    _, parts, known = best[n]
    lexical = [part for part in parts if part in vocabulary]
    if len(lexical) < 2 or not any(SPELLING.get(p, p) in PHRASE_WORDS for p in lexical):
        return None
    if known < _SEGMENT_COVER * n and not _leads_or_trails(parts, vocabulary):
        return None
    return parts


def _two_segment_starts(word: str) -> bool:
    """Necessary test for :func:`_segment`: a split holds two lexicon words, so two places in the
    word start one: its first three letters (or "kk") begin a word of the vocabulary.  Most new
    words have fewer and skip the split's dynamic programming."""
    starts = _segment_starts()
    found = False
    for i in range(len(word) - 1):
        if word[i : i + 3] in starts or word[i : i + 2] in _SEGMENT_SHORT_WORDS:
            if found:
                return True
            found = True
    return False


@lru_cache(maxsize=1)
def _segment_starts() -> frozenset[str]:
    """The first three letters of every word of 3+ letters :func:`_segment` may split off."""
    return frozenset(word[:3] for word in _segment_vocabulary() if len(word) >= 3)


#: Lexicon words leading or trailing a hashtag must hold this many letters when they cover
#: less than half of it ("#ektpblankojakartatimur": a city or shop name after them).
_SEGMENT_EDGE_LETTERS = 8


def _leads_or_trails(parts: list[str], vocabulary: frozenset[str]) -> bool:
    """Whether all lexicon words of a split hashtag stand together at its start or its end,
    with one other word beside them: the shop, city or brand sellers tag on."""
    known = [part in vocabulary for part in parts]
    edge = known[:-1] if known[-1] is False else known[1:] if known[0] is False else []
    return len(edge) == len(parts) - 1 and all(edge) and sum(map(len, parts)) - max(
        (len(p) for p, k in zip(parts, known, strict=True) if not k), default=0) >= _SEGMENT_EDGE_LETTERS


@lru_cache(maxsize=1)
def _segment_vocabulary() -> frozenset[str]:
    """Words a run-together word may be split into: listed variants and phrase words of 3+ letters."""
    return frozenset(w for w in (*SPELLING, *PHRASE_WORDS) if (len(w) >= 3 or w in _SEGMENT_SHORT_WORDS) and w.isalpha())


@lru_cache(maxsize=1)
def _longest_segment() -> int:
    """The length of the longest word :func:`_segment` may split off (read once, not per word)."""
    return max(map(len, _segment_vocabulary()))


#: Two-letter words a hashtag may hold: document abbreviations ("#blankokk", "#datanikkk").
_SEGMENT_SHORT_WORDS = frozenset({"kk"})
if any(len(word) != 2 for word in _SEGMENT_SHORT_WORDS):
    raise ValueError("_two_segment_starts reads the short words a hashtag may hold as two letters each")


#: Key words that may arrive split by an emoji or stray spaces ("bl🔥ank", "blan gko", "bl an ko").
_JOINABLE = frozenset(
    w for w, target in SPELLING.items()
    if len(w) >= 5 and target in ("blanko", "ektp", "ktpel", "kosong", "kosongan", "elektronik", "dukcapil")
)


#: Starts (1-4 letters) of joinable words: text without one has nothing to join.
_JOIN_STARTS = frozenset(w[:n] for w in _JOINABLE for n in range(1, 5))
#: Pieces of at most this many letters may be the start or middle of a split word.
_JOIN_PIECE = 4


@cache
def _masked() -> MaskedIndex:
    """(2.8) Pieces either side of one letter masked by an emoji or a symbol ("bl💳nko", "k💥song", "e-k+p"):
    the joinable key words and the e-KTP term itself (four letters, too short to be joinable apart); two
    pieces that are lexicon words of their own are two words ("di dukcapil")."""
    return masked_index(_JOINABLE | {"ektp"}, SPELLING.keys() | PHRASE_WORDS)


@cache
def _join_starts() -> frozenset[str]:
    """Words that may start a split or masked key word: text without one has nothing to join."""
    return _JOIN_STARTS | {cut[0] for cut in _masked()}


def _join_split_words(words: list[str]) -> list[str]:
    """Two or three short pieces in a row that spell a joinable key word, joined; two pieces that
    spell one around a masked letter, joined with it (:mod:`matchers.masked_letters`)."""
    if _join_starts().isdisjoint(words):
        return words
    masked = _masked()
    if has_masked_pair(words, masked):
        words = unmask(words, masked)
    pairs = list(map(operator.add, words, words[1:]))
    if _JOINABLE.isdisjoint(pairs) and _JOINABLE.isdisjoint(map(operator.add, pairs, words[2:])):
        return words

    def reading(i: int) -> tuple[str, int] | None:
        two = words[i] + words[i + 1] if i + 1 < len(words) and len(words[i]) <= _JOIN_PIECE else ""
        three = two + words[i + 2] if two and i + 2 < len(words) and len(words[i + 1]) <= _JOIN_PIECE else ""
        if three in _JOINABLE and two not in _JOINABLE:
            return three, 3
        return (two, 2) if two in _JOINABLE else None
    return join_runs(words, reading)


def canonical_words(normalised: str) -> list[str]:
    """The words of a normalised text, each in its canonical spelling."""
    return canonical_of_words(normalised.split())


def canonical_of_words(words: list[str]) -> list[str]:
    """:func:`canonical_words` for words already split (``normal_words`` output)."""
    words = _join_split_words(words)
    cache = _spelling_cache
    canonical = list(map(cache.get, words))
    if None in canonical:  # a word not seen before: decide its spelling first
        # Numbers (prices, codes, counts) are spelled as written and not cached: a scan
        # brings new ones all the time, and they would push the words out of the cache.
        # All words are asked for: a full cache is cleared first, and every word asked
        # for is cached again (with the split words among them).
        correct_words([w for w in words if not w.isdigit()])
        canonical = [w if w.isdigit() else cache[w] for w in words]
    if _split_words and not _split_words.isdisjoint(words):
        return " ".join(cast("list[str]", canonical)).split()
    return cast("list[str]", canonical)


# --- step 2: concepts -------------------------------------------------------

_ID = "(?:<KTP>|<EKTP>)"
#: Not yet, or without (2.5: in the regional languages too, and as chat writes it).
_ABSENT = ("(?:belum|blm|blum|blom|tidak|tiada|tdk|tanpa|non|durung|teu acan|acan|teu|alun|indak|hana|kagak|gak|ga|nggak|ndak"
           # (2.6) "not" and "there is none" in Javanese (ora), Sundanese (euweuh, taya), Madurese (tadha), Bugis (degaga),
           # Balinese (tusing)
           "|enggak|tak|ora|euweuh|taya|tadha|degaga|tusing)")
#: (2.8) Public: a state of "no content yet" starts with one of these (what the blank rules read as a card's
#: own state, :mod:`matchers.score`'s ``NO_CONTENT``).
ABSENT = _ABSENT
#: (2.8) The fields of an ID card a seller may say are still empty ("kolom NIK dan nama kosong").
_FIELDS = "(?:nik|nama|foto|data|isian|alamat|identitas|biodata)"
_PETS = "(?:kucing|anjing|anabul|hewan|peliharaan|pet|kelinci|hamster)"
#: (relrec16) Verbs of printing, and of filling in, a person's data; whose data it is.
_PRINT_VERB = "(?:cetak|cetakin|cetakkan|dicetak|dicetakin|dicetakkan|mencetak|print|printkan|print kan|printin|diprint|diprint kan)"
_FILL_VERB = "(?:isi|isikan|diisi|mengisi|input|diinput)"
_OWNER = "(?: nya| mu| kakak| kak| kamu| anda| agan| gan| sis| customer| pembeli| pemesan| pelanggan)"
_WHOSE_DATA = f"(?:{_OWNER}| lengkap)?"

#: Ordered (pattern, tag): earlier, longer phrases win over later, shorter ones.
#: ``<TAG>`` in a pattern stands for a token already tagged TAG by an earlier phrase.
#: Patterns are written in canonical spellings (``tempat`` is ``dompet``, ``asli`` is ``original``).
#: Tags starting with NEG name another product (hard negatives), with CUE a kind of
#: sentence about something other than the product (shipping, payment …), NOT a negation.
_PHRASES: tuple[tuple[str, str], ...] = (
    # (2.8) told never to hand it over ("Jangan pernah pinjamkan KTP kamu ke orang lain"): a warning, no offer; first,
    # so the verb is read as the warning's before "pinjamkan KTP" reads as an identity lent
    (r"jangan (?:pernah|sekali kali) (?:pinjamkan|meminjamkan|kasih|serahkan|menyerahkan|share|jual|menjual|beli|membeli|kirim"
     r"|kirimkan|upload|unggah)", "CUEWARN"),
    # "muat e-KTP": a wallet or bag that fits one
    # (2.5) a card "identical to" an e-KTP ("kartu persis e-KTP"): a forgery, not a look or a size
    (r"(?:ukuran|seukuran|size|bentuk|sebesar) (?:persis|pas|sama persis) (?:seperti |dengan |kayak |sama )?(?:kartu )?(?:ektp|ktpel|ktp(?: el)?|(?:e|3) ktp)(?: el)?", "SIZEKTP"),
    (r"(?:persis|identik|sama persis) (?:seperti |dengan |kayak |sama )?(?:kartu )?(?:ektp|ktpel|ktp(?: el)?|(?:e|3) ktp)(?: el)?", "FORGE"),
    # (2.8) a card's fields said empty ("kolom NIK dan nama kosong", "kolom isian masih kosong", "kolom nama dan foto masih
    # putih semua"): what the card holds not yet entered, not NIKs and names sold ("NIK dan nama" read below as data)
    (rf"kolom {_FIELDS}(?: (?:dan )?{_FIELDS})?(?: (?:dan )?{_FIELDS})? (?:masih )?(?:kosong|putih|belum diisi|belum terisi)(?: semua)?",
     "KOSONG"),
    # (precision12_d) a card's NIK said not filled in yet ("NIK belum diisi", "NIK dan nama belum terisi"): the field
    # unfilled, as "kolom NIK kosong" is, not NIKs for sale; a bare "NIK kosong" is an unused NIK sold ("Jual NIK kosong")
    (rf"nik(?: (?:dan )?{_FIELDS})?(?: (?:dan )?{_FIELDS})? (?:masih )?(?:belum diisi|belum terisi)", "KOSONG"),
    # a card said to have no NIK yet ("Kartu KTP-el blank (belum ada NIK)", "kartu tanpa NIK"): its state, said of the
    # card; a person's "Anak saya belum ada NIK" is not (read before a blank's "belum ada" is read as a shortage)
    (rf"(?:blanko|kartu|kartunya|card) {_ABSENT}(?: (?:ada|ado|ad))? nik", "KOSONG"),
    # a model or standard of e-KTP: a look-alike, or a blank's type when a blank word heads it ("Blanko model e-KTP")
    (r"(?:model|standar) (?:kartu )?(?:ektp|ktpel|ktp(?: el)?|(?:e|3) ktp)(?: el)?", "TYPEKTP"),
    # (2.8) the population registry's standard ("kartu chip standar kependudukan", "standar dukcapil"): the KTP's own
    (r"standar (?:kependudukan|dukcapil)", "TYPEKTP"),
    (r"(?:ukuran|seukuran|size|sebesar|mirip|seperti|kayak|kaya|bentuk|motif|sama dengan|muat) (?:kartu )?(?:ektp|ktpel|ktp(?: el)?|(?:e|3) ktp)(?: el)?|(?:ektp|ktpel|ktp(?: el)?|e ktp) (?:size|ukuran)", "SIZEKTP"),
    # a scan offered as data ("scan KTP HD", "scan KTP + selfie"), not a scanning service
    (r"(?:frame|bingkai|pigura|figura)(?: foto)?", "NEGHOLDER"),  # a picture frame, before "foto KTP" reads as data
    (r"scan (?:ktp|ektp|ktpel|e ktp) (?:hd|dan selfie|plus selfie|selfie)", "IDDATA"),
    (r"(?:kumpulan|koleksi|database|dump|bocoran|paket|ribuan|ratusan|arsip) (?:scan|fotokopi|foto|file) (?:ktp|ektp|ktpel|e ktp|kk)"
     r"|(?:scan|fotokopi|foto) (?:ktp|ektp|ktpel|e ktp|kk) warga", "IDDATA"),  # residents' KTPs collected: data
    # (2.5) a KTP printed on a plain card is a fake one, not a copy shop's print ("print KTP di kartu PVC")
    (r"(?:cetak|print|dicetak|diprint|printing|hasil cetak|hasil print) (?:ktp|ektp|ktpel|e ktp|ktp el) (?:berwarna |warna )?(?:di |ke |pakai |bahan )?(?:kartu )?pvc"
     r"|(?:cetak|print|dicetak|diprint|printing) (?:ktp|ektp|ktpel|e ktp|ktp el) (?:berwarna |warna )?(?:di|ke) kartu"
     r"|(?:ktp|ektp|ktpel|e ktp|ktp el) (?:hasil )?(?:cetak|print|dicetak|diprint|printing) (?:di |ke |pakai |bahan )?(?:kartu )?pvc", "FORGE"),
    # (2.5) a scan of a KTP made an edit file ("scan KTP jadi file PSD"): a file to make KTPs, not a copy
    (r"(?:scan|foto) (?:ktp|ektp|ktpel|e ktp|kk) (?:jadi|ke|menjadi) (?:file )?template", "FORGE"),
    # (2.5) scans of KTPs or KKs offered for sale are data, not a scanning service
    (r"(?:jual|dijual|menjual|sedia|ready) (?:hasil )?(?:scan|scanan|foto) (?:ktp|ektp|ktpel|e ktp|kk|kartu keluarga)", "IDDATA"),
    (r"(?:fotokopi|foto copy|photo copy|scan|print|laminating) (?:ktp|ektp|ktpel|kk|akta|kia)", "COPYSVC"),
    (r"pasfoto|pas foto|edit foto|cetak foto|print foto|foto studio|studio foto|ganti background|background (?:merah|biru)|3x4|4x6|2x3|retouch|photoshop", "NEGPHOTO"),
    # (2.8) a driving licence named as a card ("kartu SIM polisi", "SIM polri"): the police's licence, no phone SIM card
    (r"(?:kartu )?sim (?:polisi|polri|mengemudi)", "OTHERDOC"),
    # (2.9) "perdana" (first, never used) said of the ID itself ("Kartu KTP el perdana, belum pernah dicetak"): a new
    # e-KTP, read before "perdana" reads as a phone SIM card ("kartu perdana", "perdana Telkomsel")
    (r"(?:ktp|ektp|ktpel|e ktp|ktp el) perdana", "EKTP"),
    (r"sim card|simcard|kartu sim|kartu perdana|perdana|dual sim", "PHONESIM"),
    # an organisation's own ID card ("kartu identitas karyawan", "KTP mahasiswa"): a plain card, not the KTP
    (r"(?:kartu identitas|kartu tanda|kartu pengenalan|ktp|id card|idcard) (?:karyawan|pegawai|pekerja|staf|siswa|mahasiswa|pelajar|anggota|member|panitia|peserta|sekolah)", "NEGPLAINCARD"),
    (r"kartu identitas anak|kia|ktp anak", "KIA"),
    (r"kartu (?:tanda |identitas )?penduduk elektronik|kartu identitas elektronik|ktp elektronik|ktpel|ektp(?: el)?|(?:e|3) ktp(?: el)?|ktp el|ktp chip|ktp e|kartu ektp"
     # (2.5) the electronic national ID in English: "e-ID card", "Indonesian eID" (a plain "ID card" is any card)
     r"|(?:indonesian |indonesia )?(?:e id|eid)(?: card)?(?: (?:indonesian|indonesia))?|eidcard|electronic (?:id|identity) card"
     # (2.6) written backwards with its hyphen ("oknalb PTK-e", "le-PTK"), as the run-together "ptke" is read
     r"|ptk e|le ptk"
     # (2.7) or each word backwards in its place ("okgnalb PTK le gnosok": blangko KTP el kosong)
     r"|ptk le"
     # (2.6) the e-KTP named by what it is, an electronic resident's identity ("blanko identitas kependudukan elektronik")
     r"|(?:kartu )?identitas (?:kependudukan|penduduk) elektronik"
     # (2.7) the nation's identity, or the words in another order ("identitas nasional elektronik", "kartu elektronik penduduk")
     r"|(?:kartu )?identitas nasional elektronik|kartu elektronik (?:penduduk|kependudukan)"
     # (2.8) the card or chip named by the population register it belongs to ("kartu chip kependudukan")
     r"|(?:kartu |kartu chip |chip )(?:identitas )?kependudukan", "EKTP"),
    # in English the KTP is the national ID (an "ID card" alone is any plain card)
    (r"indo id card|id card indo|indo id|(?:indonesian|indonesia|indo) identity(?: card)?", "KTP"),  # (2.5) short "Indo"
    (r"kartu tanda penduduk|kartu identitas penduduk|kartu penduduk|kartu identitas|kartu pengenalan|ka te pe|ke te pe|identitas warga|identitas penduduk|ktp"
     r"|(?:id )?card (?:tanda )?penduduk|identity card|resident card|resident (?:id|identity)(?: card)?|(?:indonesian|indonesia) id card|id card (?:indonesian|indonesia)"
     r"|national id(?: card)?|national identity card|indonesian id|kartu id indonesia|kartu id (?:tanda )?penduduk"
     # (2.7) the card named as the citizen's or the nation's ("ID card warga negara", "kartu identitas nasional")
     r"|(?:id card|kartu identitas|kartu) (?:warga negara|wni|nasional)", "KTP"),  # English: "ID card penduduk"
    # (2.5) a village's letters of civil status: "SKTM", "surat keterangan belum menikah"
    (r"sktm|surat (?:keterangan )?(?:tidak mampu|belum (?:menikah|kawin|pernah menikah)|ahli waris|janda|duda|status perkawinan)"
     r"|surat (?:keterangan )?kehilangan (?:<KTP>|<EKTP>|kk|kartu keluarga)", "OTHERDOC"),  # a police letter for a lost ID
    # (2.5) an ID card with a chip is the electronic one ("KTP dengan chip", "kartu tanda penduduk ber-chip")
    (r"<KTP> (?:versi |dengan |ber |pakai |model |jenis |tipe |ada )?chip|<KTP> berchip"
     # (2.6) "the electronic one" after the KTP ("kartu KTP yg elektronik", "KTP versi elektronik")
     r"|<KTP> (?:(?:yang|yg) )?(?:versi|model|jenis|tipe) elektronik|<KTP> (?:yang|yg) elektronik", "EKTP"),
    # (relrec15) a school's certificate and its transcript: its folder or cover is a holder ("map ijazah kosong"); one of
    # the state's schools or universities (a level named, or said original) is a document forged as KTPs are, while a
    # kindergarten's or a course's ("blanko ijazah TK") is a printed certificate sold to schools (``blank_school_form``)
    (r"(?:map|sampul) (?:ijazah|transkrip)", "NEGHOLDER"),
    (r"(?:ijazah|transkrip(?: nilai)?) (?:sd|smp|sma|smk|s1|s2|d3|sarjana|kuliah|kampus|paket c|original|resmi|negeri)",
     "STATEDIPLOMA"),
    (r"ijazah|transkrip(?: nilai)?", "SCHOOLDOC"),
    # (2.8) the digital population ID (IKD, "KTP digital"): a population document a service may arrange
    (r"ikd|identitas kependudukan digital|(?:<KTP>|<EKTP>) digital", "OTHERDOC"),
    # (relrec17) a vehicle's registration and ownership papers: a blank of them ("blanko STNK dan BPKB kosong") is a blank
    # civil form (``blank_civil_form``, with a blank word only); alone they are a bureau's, a wallet's or a car's words
    (r"stnk|bpkb", "VEHICLEDOC"),
    (r"surat keterangan (?:pengganti <KTP>|kependudukan|domisili|lahir|kelahiran|kematian)|surat (?:domisili|kematian)|suket(?: (?:dukcapil|pengganti <KTP>|<KTP>|domisili|kependudukan))?|dokumen kependudukan|dokumen identitas|adminduk|surat izin mengemudi|sim|buku paspor|paspor|kitas|kitap|npwp|kartu npwp|bpjs|skck|kartu bpjs|kartu indonesia sehat", "OTHERDOC"),
    # (2.5) without a KTP's photo or data ("pinjaman tanpa foto KTP", "daftar tanpa data KK"): the ID is what
    # the buyer need not give, not a KTP without data (that is "KTP tanpa data", the other order)
    (rf"{_ABSENT}(?: (?:ada|pakai|pake|perlu|butuh))? (?:foto|data|nama|scan|fotokopi|upload|isi|nik) (?:<KTP>|<EKTP>|kk|kartu keluarga)", "IDREF"),
    # (2.7) a card left white or empty that bears the state's emblem ("kartu putih bergaruda", "kartu kosong berlogo
    # garuda"): what only an ID shows, read before "kartu putih"; a greeting card ("kartu ucapan kosong …") is another kind
    # (2.9) the emblem named bare after the empty word ("Kartu putih garuda ada chip"), as "kartu biru garuda" is
    (r"(?:kartu|card) (?:putih|kosong|blanko|kosongan) (?:bergaruda|berlogo garuda|bergambar garuda|logo garuda|lambang garuda|garuda)", "EMPTYEMBLEM"),
    # (2.10) the same card named by its colour and emblem first, its empty state after ("kartu biru garuda kosong",
    # "kartu biru garuda yang masih kosongan"): Indonesian puts the state after the noun it says of
    (r"(?:kartu|card) (?:biru|putih) (?:bergaruda|berlogo garuda|bergambar garuda|logo garuda|lambang garuda|garuda)"
     r" (?:yang |yg )?(?:masih )?(?:kosong|kosongan)", "EMPTYEMBLEM"),
    # no content yet: "not yet" or "without", there being (ada), then printing, filling or what a card holds; also
    # in Javanese (durung, krama dereng; ono), Betawi (kagak; isinye), Sundanese (teu acan, acan, teu aya; dicitak, dieusian, eusian),
    # Minang (alun, indak ado), Acehnese (hana) (2.5: the regional and "ada" forms)
    # (2.6) "not ever" too ("belum pernah diisi"), and data not yet entered or encoded ("belum diinput", "belum di-encode NIK")
    # (2.10) never used nor printed, said of the card in one breath ("belum pernah dipakai/dicetak", "belum terpakai atau
    # diisi"): unused alone is any used good's ("holder belum pernah dipakai"), the printing verb makes it a blank's state
    (rf"{_ABSENT}(?: pernah)? (?:dipakai|dipake|digunakan|terpakai)(?: (?:atau|dan|maupun))?"
     r" (?:dicetak|tercetak|diprint|diisi|terisi|dipersonalisasi)", "KOSONG"),
    (rf"{_ABSENT}(?: pernah)?(?: (?:ada|ado|aya|ono|ad))? (?:dicetak|tercetak|kecetak|cetak|cetakan|diisi|terisi|isi|isinya|isine|isinyo|isinye|eusian|dieusian"
     r"|diprint|print|personalisasi|dipersonalisasi|perso|diperso|data|datanya|datana|datane|datanyo|datanye|identitas|nama|foto|tulisan|ditulis|bernama|berisi"
     r"|namanya|fotonya"  # (2.8) "belum ada namanya"
     # (precision12_d) no NIK yet ("Kartu KTP-el blank, belum ada NIK dan nama", "tanpa NIK"): an unprinted card, not NIK
     # data for sale; "tanpa NIK KTP" (the buyer's own, not asked) is read first as IDREF
     # with another field: a person's "Anak saya belum ada NIK" is a child's registration, which a bare NIK read as a
     # card's state turned blank beside any KTP word (hostile12: 212 of 4,331 hard negatives with it appended)
     rf"|nik (?:dan )?{_FIELDS}(?: (?:dan )?{_FIELDS})?"
     r"|isian|(?:diinput|(?:di |ke )?(?:encode|input))(?: (?:data|nik))?)"
     # (2.7) Sundanese "can" (not yet) before its verbs of filling and printing ("can dieusian", "can dicitak")
     r"|can (?:dieusian|eusian|dicetak)"
     # in English: "no data", "unprinted", "not personalized"
     r"|no data|without data|unprinted|not printed|no print|not yet printed|(?:un|not )personali(?:s|z)ed(?: yet)?", "KOSONG"),
    (r"(?:siap|tinggal) (?:cetak|isi|print|personalisasi|dicetak|diisi|diprint|dipersonalisasi)|siap pakai cetak|masih (?:kosong|kosongan|baru polos)|data kosong|kosong"
     r"|(?:stok|stock|sisa) kosongan|kosongan|virgin|perawan|kartu putih|mentah"
     r"|putih bersih|masih putih", "KOSONG"),  # (2.9) left "clean white" ("Kartu KTP putih bersih"), as "putihan"  # a "virgin" chip, a "white card" hold no data; a raw one
    # (2.9) the writer's, the reader's or a relative's own KTP not yet printed or empty ("KTP saya belum dicetak juga",
    # "KTP-el anak saya belum dicetak", "KTP kamu belum jadi"): an issued ID waited for, not a card on offer; a seller's
    # stock is "kami"/"kita"
    (r"(?:<KTP>|<EKTP>) (?:(?:anak|istri|suami|ibu|bapak|adik|kakak|ortu|mama) )?(?:saya|aku|gue|gw|sy|ku|kamu|anda|mu)"
     r"(?: (?:juga|masih|kok|kan|sampai sekarang|sampe sekarang|udah lama))? <KOSONG>"
     # (precision12, after precision12_b) a child's KTP, which "KTP anak" names as a KIA first ("KTP anak saya belum dicetak")
     r"|<KIA> (?:saya|aku|gue|gw|sy|kamu|anda)(?: (?:juga|masih|kok|kan|sampai sekarang|sampe sekarang|udah lama))? <KOSONG>",
     "KTP"),
    # (2.7) the registry's stock of its cards ("stok kartu dinas capil"): unissued cards, the blank's material; run short
    # ("stok kartu dukcapil habis") it is news of a shortage
    (r"(?:stok|stock) kartu (?:dinas )?(?:dukcapil|disdukcapil) (?:habis|kosong|menipis|langka)", "OUTOFSTOCK"),
    (r"(?:stok|stock|sisa) kartu (?:dinas )?(?:dukcapil|disdukcapil)", "IDMATERIAL"),
    (r"(?:stok|stock|barang|sisa) (?:dinas|dukcapil)"
     # (2.7) an office's reserve ("e-KTP cadangan kecamatan", "cadangan dari kantor"): its stock, not a spare identity
     r"|cadangan (?:dari |milik )?(?:dinas|dukcapil|kantor|kecamatan|kelurahan)", "DINASSTOCK"),
    (r"ready (?:stok|stock)", "READY"),  # "ready stock kosongan e-KTP" is in stock
    # (2.5) a buyer's wanted advert ("Dicari blanko e-KTP", "WTB", "yang punya … japri") asks for the goods;
    # not "paling dicari" (sought after), "dicari reseller" (a seller recruiting) or "yang butuh" (the buyers addressed)
    (r"(?:paling|banyak|sering|yang|yg|lagi|sedang) dicari(?: cari)?|dicari cari|dicari (?:banyak )?orang", "POPULAR"),
    (r"dicari (?:reseller|agen|mitra|distributor|karyawan|admin|pembeli)", "RECRUIT"),  # (2.6) a seller seeking buyers too
    # (2.6) a seller recruiting in its own voice ("kami mencari reseller"), read before the poster's demand below
    (r"(?:kami |kita )?(?:mencari|cari|butuh|membutuhkan) (?:reseller|agen|dropshipper|distributor|karyawan|admin|mitra (?:penjualan|jualan|reseller|dagang))", "RECRUIT"),
    # (2.9) the need said as it stands now ("yg lagi butuh blangko", "yang sedang mencari"): the same buyers addressed
    (r"(?:(?:bagi|buat|untuk|khusus) )?(?:yang|yg|kamu yang|anda yang) (?:(?:lagi|sedang|lg) )?(?:butuh|membutuhkan|perlu|mencari|cari|nyari|mau|minat)", "AUDIENCE"),
    # (2.6) a reader addressed on a condition ("kalau mau beli blanko, chat"): a seller's buyers, not the poster's demand
    (r"(?:kalau|kalo|klo|kl|jika|bila|apabila|misal) (?:kakak |kak |agan |gan |anda |kamu )?(?:mau|butuh|perlu|minat|ingin|pengen|cari|nyari)"
     r"|sing (?:arep|butuh|minat)", "AUDIENCE"),  # Javanese "sing arep tuku": whoever wants to buy
    # (2.7) the poster's own voice taking, buying or needing something other than the goods, read before the demand
    # below: a seller's terms ("kami terima komplain", "siap terima retur", "kami tampung order"), where its stock was
    # bought ("kami beli langsung dari gudang", "barang kami beli resmi"), its own need of money or time
    (r"(?:kami|kita|saya|sy|siap) (?:terima|menerima|melayani) (?:komplain|retur|return|tukar|reseller|dropship|dropshipper|agen"
     r"|order|orderan|pesanan|pertanyaan|request|custom|pembayaran|transfer)"
     r"|(?:tampung|ditampung|menampung|nampung) (?:order|orderan|pesanan|pertanyaan|komplain)"
     r"|(?:kami|kita|saya|sy) (?:beli|ambil|borong) (?:langsung )?dari (?:gudang|pabrik|pabrikan|distributor|supplier|pusat|vendor)"
     r"|(?:barang|stok) (?:ini )?(?:kami|kita|saya|sy) (?:beli|ambil|dapat)|(?:kami|kita|saya|sy) (?:beli|ambil) (?:stok|barang) ini"
     r"|(?:kami|kita|saya|sy) (?:beli|borong) (?:dalam )?(?:jumlah besar|banyak) (?:jadi|sehingga|makanya)"
     r"|(?:kami|kita|saya|sy) (?:butuh|perlu|membutuhkan) (?:uang|duit|modal|waktu)", "SELLERTERMS"),
    # (relrec15) a person's identity bought up in the poster's own voice ("gue beli KTP lu", "kami menampung KTP bekas"):
    # the KTP or KK itself is the goods the poster pays for, an identity traded; read before the buying verb is a
    # demand's cue.  A need or a search ("kami butuh KTP", "cari KTP") is a requirement or a lost KTP, not buying
    (r"(?:(?:gue|gw|aku|saya|sy|kami|kita|siap) (?:beli|beliin|membeli|borong|memborong|tampung)|ditampung|menampung|nampung|penampung)"
     r" (?:<KTP>|<EKTP>|kk|kartu keluarga)", "IDDATA"),
    # (2.6) a demand in the poster's own voice: buying up ("tampung", "kami beli", "siap borong"), the poster's
    # own need ("saya lagi cari", "kami membutuhkan"), in Javanese and Sundanese too ("tak tuku", "rek meuli")
    (r"(?:di)?tampung|menampung|nampung|(?:kami|kita|saya|sy|aku|gue|gw|siap) (?:lagi |sedang |mau |akan |ingin )?"
     r"(?:beli|membeli|borong|memborong|butuh|membutuhkan|perlu|memerlukan|cari|mencari|nyari)"
     r"|(?:mau|ingin|pengen|pingin) (?:beli|membeli|borong|memborong)|(?:tak|aku|kula) (?:arep )?(?:tuku|tumbas)|(?:rek|bade|abdi) meuli"
     r"|(?:ambo|awak|beta|sa|saya|aku) (?:nak|mau|ingin) (?:bali|beli)", "CUEBUY"),  # Minang and eastern Malay "awak nak bali"
    # (2.6) who has them, and seeking, in Javanese and Sundanese ("sopo sing duwe", "saha nu gaduh", "golek", "milarian")
    (r"(?:sopo|sapa|sinten) (?:sing|ingkang) (?:duwe|nduwe|gadhah)|sing duwe|(?:saha|sasaha) (?:nu|anu) (?:gaduh|boga|kagungan)"
     r"|nan punyo|nan punya", "CUEWANT"),  # Minang "ado nan punyo"
    (r"nggolek|nggoleki|goleki|neangan|milarian|mancari", "CUENEED"),
    # asking who has them ("siapa punya …?" is a buyer's question) …
    (r"dicari|wtb|want to buy|looking to buy|buying|we buy|penampung|dibeli|(?:yang|yg|siapa|ada yang|ada yg) punya|ada (?:yang|yg) (?:jual|jualan)", "CUEWANT"),
    # … or seeking them, which a seller also asks the reader ("Cari blanko e-KTP? Ready kak")
    (r"looking for|mencari|cari|nyari|butuh|membutuhkan", "CUENEED"),
    # covers its object; (2.6) and "not" in the east's Malay and other tongues: Kupang "sonde", Ambon "seng",
    # Manado "nda", Papua "tra", Minang "indak", Javanese "ora" ("Sonde jual KTP atau blanko KTP, itu urusan dukcapil")
    (r"(?:tidak|tdk|gak|ga|nggak|bukan|sonde|seng|nda|ndak|tra|trada|indak|ora|kagak) (?:menjual|jual|jualan|menyediakan|melayani)"
     r"|jangan (?:beli|membeli|tergiur)", "NOT"),  # (2.6) a warning not to buy it
    # (2.8) a sale denied after what it names ("Blanko KTP tidak dijual", "blangko KTP-el tidak diperjualbelikan"): an
    # answer or a notice, read before "dijual" sells; a seller's terms ("tidak dijual terpisah/bebas") deny no sale
    (r"(?:tidak|tdk|gak|ga|nggak|bukan) (?:untuk )?dijual (?:terpisah|satuan|eceran|bebas|ke umum|ke sembarang orang|sembarangan|di toko)", "SALETERMS"),
    # said as a purpose ("bukan untuk dijual", "not for sale"): of the whole listing (score), while not for resale
    # ("tidak untuk dijual kembali") is a seller's terms
    (r"(?:tidak|tdk|bukan) untuk dijual (?:kembali|lagi|ulang)", "SALETERMS"),
    # (hostile8) not sold to some buyers ("bukan untuk dijual ke anak di bawah umur"): sold to the others, a seller's terms
    (r"(?:tidak|tdk|bukan) untuk (?:dijual|diperjualbelikan) (?:ke|kepada|pada|bagi|buat|untuk)", "SALETERMS"),
    # (hostile8) said of a part of the listing's goods, its packing, sample or display ("Box bukan untuk dijual", "Sample
    # tidak dijual"): that part's sale is denied, the offer stands
    (r"(?:box|boks|dus|kardus|kotak|kemasan|packaging|sample|sampel|display|pajangan|etalase|props)"
     r" (?:ini )?(?:tidak|tdk|bukan|gak|ga) (?:untuk )?(?:dijual|diperjualbelikan)", "SALETERMS"),
    (r"(?:tidak|tdk|bukan) untuk (?:dijual|diperjualbelikan)|not for sale", "NOTFORSALE"),
    (r"(?:tidak|tdk|gak|ga|nggak|bukan|dilarang) (?:dijual|diperjualbelikan|diperdagangkan)", "NOTSOLD"),
    # (2.6) a KTP "ready to use" said with "ready", "tinggal" or "langsung" ("KTP-el ready pakai"), read before "ready" sells
    (r"(?:<KTP>|<EKTP>) (?:ready|tinggal|langsung) (?:pakai|dipakai)", "READYID"),
    # (2.8) a service said free of charge ("tidak dipungut biaya", "gak bayar sepeser pun", "bebas pungli"), read before
    # "tidak" is a negation, which it is not; "tanpa biaya tambahan" is a seller's terms.  No rule reads FREESERVICE since
    # the office's-free-service discount was taken out (one such line hid almost any offer): it only keeps the negation off
    (r"(?:tidak|tanpa|tak) (?:ada )?(?:dipungut |dikenakan )?biaya (?:tambahan|lagi|admin|lain|lainnya|ongkir|pengiriman|kirim)", "SALETERMS"),
    (r"(?:tidak|tanpa|tak) (?:dipungut|ada pungutan|dikenakan) (?:biaya|bayaran|pungutan|sepeser(?: pun)?)|(?:tidak|tanpa) pungutan"
     r"|(?:gak|tidak|nggak|ga) (?:bayar|keluar uang) sepeser(?: pun)?|bebas (?:pungutan|pungli)", "FREESERVICE"),
    # (2.8) a buy-and-sell group or forum where the poster saw something ("di grup jual beli", "FJB"): a place, no sale
    (r"(?:grup|group|forum|komunitas|situs|lapak|marketplace) jual beli|fjb", "VENUE"),
    (r"dijual|jual|jualan|menjual|sadean|sepaket|ready|sedia|sediakan|kami sediakan|disewakan|sell|selling|for sale|open po|pre order|preorder|open order|open orderan|terima (?:order|orderan|pesanan)|(?:menerima|melayani) (?:order|orderan|pesanan)", "SALE"),
    # (2.6) taking goods in, in the poster's voice ("kami menerima blanko sisa"), read after a sale's "terima pesanan"
    # and after thanks run on into a clause ("… blanko siap Terima kasih sudah berbelanja")
    (r"terima kasih|terimakasih", "CUEGREET"),
    (r"(?:kami|kita|saya|siap) (?:terima|menerima)", "CUEBUY"),
    (r"(?:stok|stock|lagi|sedang|habis) <KOSONG>", "OUTOFSTOCK"),
    # an empty box, bag, pocket or case ("dus kosong bekas HP", "kantong kosong untuk e-KTP"): nothing about a card
    (r"(?:kotak|box|dus|kardus|wadah|tas|slot|casing|dompet|holder) <KOSONG>", "EMPTYBOX"),
    (r"blanko", "BLANGKO"),
    # (relrec16) a blank the buyer has or brings ("blanko bawa sendiri", "blangko dari customer", "kalau udah punya
    # blangko", "bawa blangkonya"): the material of a print service, no blank on offer; the poster's own stock ("blangko
    # dari kami") stays a blank word, as a seller says that of blanks sold
    # (relrec17) with the ID it is a blank of ("udah punya blangko e-KTP", "blanko KTP bawa sendiri"): the ID term is the
    # buyer's blank's too, so it joins no empty word of the listing's own goods as an e-KTP blank (2.14: "Yang sudah punya
    # blangko e-KTP, kami isi data." before a title turned 4,445 of 4,453 read-right hard negatives blank; relrec16 470)
    (r"<BLANGKO>(?: (?:<EKTP>|<KTP>))?(?: (?:nya|kamu|anda|kakak))? (?:bawa |dibawa )?(?:sendiri|dari (?:customer|pelanggan|pembeli|pemesan))"
     r"|<BLANGKO>(?: (?:<EKTP>|<KTP>))? milik (?:customer|pelanggan|pembeli|pemesan|sendiri)"
     r"|(?:sudah|udah|dah|uda|telah) punya <BLANGKO>(?: (?:<EKTP>|<KTP>))?|bawa <BLANGKO>(?: (?:<EKTP>|<KTP>))?", "BUYERBLANK"),
    # a KTP printed, filled or personalised onto a blank: the blank is the material of a finished KTP or of a
    # service, not the goods (2.6: any printing or data-filling verb, with or without "di/ke/pada/di atas")
    (r"(?:pakai|pake|memakai|menggunakan|bahan|berbahan) <BLANGKO>"
     r"|(?:cetak|cetakkan|dicetak|tercetak|dicetakkan|mencetak|cetakan|print|diprint|printing|isi data|mengisi data|pengisian data|input data"
     r"|personalisasi|dipersonalisasi|perso|tulis data)(?: data)?(?: anda| kamu)?(?: (?:di|ke|pada|dengan|di atas|pakai|pake|memakai|menggunakan))? <BLANGKO>"
     r"|di atas <BLANGKO>", "PRINTEDON"),  # (2.7) "cetakkan data anda di atas blanko"
    # waiting for blanks, a shortage of them ("kekosongan/kelangkaan blangko" in news and theses)
    # (precision10) out as hearsay or again and again ("blangko katanya habis", "blangko habis terus"): a shortage
    (r"<BLANGKO>(?: <KTP>| <EKTP>)? (?:katanya|masih|sedang|lagi|sering|selalu) habis|<BLANGKO>(?: <KTP>| <EKTP>)? habis terus",
     "OUTOFSTOCK"),
    (r"(?:nunggu|menunggu|tunggu|nungguin|kehabisan|kekosongan|kelangkaan|kurangnya) <BLANGKO>|<BLANGKO> habis"
     # (2.9) blanks out given as a cause ("KTP belum jadi karena blangko kosong", "gara-gara blangko habis"): a shortage
     r"|(?:karena|gara gara) <BLANGKO> (?:<KTP> |<EKTP> )?(?:<KOSONG>|<OUTOFSTOCK>|habis|langka)"
     # (2.9) blanks not yet sent or come ("katanya blangko belum dikirim", "blangko e-KTP belum datang dari pusat"): a
     # shortage waited out; a card's own "belum ada isi/data" is read first as its no-data state
     r"|<BLANGKO> (?:<KTP> |<EKTP> )?(?:belum|blm|blum|blom|durung) (?:dikirim|datang|dateng|turun|masuk|tersedia)(?: lagi)?"
     # (precision12) "belum ada" closing the shortage ("KTP sudah print ready, blangko belum ada"); "belum ada isinya"
     # is read first as a card's no-data state (KOSONG)
     r"|<BLANGKO> (?:<KTP> |<EKTP> )?(?:belum|blm|blum|blom) ada(?: lagi)?"
     # (after precision12_b) none there for a time ("blangko e-KTP udah setahun ga ada"): the time says a shortage, where a
     # bare "tidak ada" may go on to a seller's "tidak ada minus"
     r"|<BLANGKO> (?:<KTP> |<EKTP> )?(?:udah |sudah |masih )?(?:lama|setahun|sebulan|berbulan bulan)"
     r" (?:ga|gak|nggak|ngga|tidak|tdk|tak|ndak|enggak) ada(?: lagi)?"
     # (precision12) when the blanks come back asked ("Kapan blangko KTP ada lagi?", "blanko e-KTP kapan datang"): a
     # resident waiting out the office's shortage; a seller's blanks are ready, not awaited
     r"|kapan (?:ya |sih |kira kira |nih )?<BLANGKO>(?: <KTP>| <EKTP>)?"  # (after precision12_b) "Kapan ya blangko KTP-el di …"
     r"|<BLANGKO> (?:<KTP> |<EKTP> )?kapan (?:ada|datang|dateng|tersedia|masuk|turun)(?: lagi| kembali)?"
     r"|<BLANGKO> (?:<KTP>|<EKTP>) habis", "OUTOFSTOCK"),  # (2.7) "stok blangko KTP-el habis"
    # a blank form of another kind (a job application, a receipt, a cheque, a school report): a form book
    # (2.8) blanks empty again and again ("blanko e-KTP kosong lagi", "blangko KTP yang sering kosong"): an office's
    # shortage complained of, not a card said to be blank
    (r"<BLANGKO> (?:<KTP> |<EKTP> )?(?:yang |yg )?(?:sering|selalu) <KOSONG>|<BLANGKO> (?:<KTP> |<EKTP> )?<KOSONG> (?:lagi|terus)"
     r"|(?:sering|selalu) <KOSONG>|<KOSONG> terus", "OUTOFSTOCK"),
    # (precision12) blanks said out for now, the run-out said after them ("blangko KTP-el sedang kosong", "blanko e-KTP
    # lagi habis"): the office's shortage as a notice or a resident tells it
    (r"<BLANGKO> (?:<KTP> |<EKTP> )?<OUTOFSTOCK>", "OUTOFSTOCK"),
    # (precision12) an office's or an area's supply as news tells it ("persediaan blangko KTP-el sudah normal", "Stok
    # blangko e-KTP di Kota Madiun kembali aman"): a seller names its stock, not a region's
    # (after precision12_c) a supply only with its state as news tells it ("persediaan blangko e-KTP menipis"): a seller's
    # "Persediaan blanko e-KTP kosong masih 80 keping" names its own stock
    (r"(?:persediaan|ketersediaan) <BLANGKO>(?: <KTP>| <EKTP>)?(?: sudah| kembali| masih)? (?:menipis|mencukupi|normal|langka)"
     r"|(?:stok|stock) <BLANGKO>(?: <KTP>| <EKTP>)? di (?:kota|kabupaten|kab|provinsi|daerah|wilayah)", "OUTOFSTOCK"),
    (r"<BLANGKO> (?:isian|lamaran|pendaftaran|permohonan|formulir|kwitansi|cek|giro|raport|rapor|sertifikat|undangan|spt)", "NEGFORMBOOK"),
    (r"kartu keluarga|kk", "KK"),
    # a civil record, which only the office issues (a notary's "akta" is a deed anyone may have drawn up)
    (r"akta (?:kelahiran|lahir|kematian|nikah|cerai|perkawinan)", "CIVILDOC"),
    (r"akta", "AKTA"),
    (r"surat (?:pindah|keterangan pindah|nikah)|skpwni|buku nikah", "CIVILDOC"),
    (rf"{_ID} {_PETS}|{_ID} (?:untuk|buat) {_PETS}|{_ID} (?:lucu|kocak|parodi|prank|couple|bucin|jomblo|wibu|anime)|kartu identitas {_PETS}|souvenir|pajangan|gantungan kunci|lucu lucuan|parodi|prank|novelty", "NEGNOVELTY"),
    # what a card is for ("kartu chip untuk pembuatan e-KTP"): an ID term, not an offer to make one
    # (2.6) a card for printing or making a KTP ("kartu untuk cetak identitas warga"): KTPs are e-KTPs now
    # (2.9) a card or material, named by what it is, then by its purpose, printing a KTP included ("Kartu buat KTP",
    # "Kartu dinas yg buat cetak KTP", "bahan mentah untuk bikin KTP"): the KTP is what the card serves, not one made
    # ("buat KTP") nor offered ("KTP ready")
    (r"(?:kartu|kartunya|bahan|bahannya) (?:(?:<KOSONG>|<DINASSTOCK>|dinas|dukcapil|dasar|chip|original|resmi) )?(?:(?:yang|yg) )?"
     r"(?:untuk|buat|utk) (?:(?:cetak|bikin|pembuatan|membuat) )?(?:<KTP>|<EKTP>)", "EKTP"),
    (r"(?:kartu|kartunya) (?:untuk|buat|utk) (?:cetak|mencetak|pembuatan) <KTP>", "EKTP"),
    (r"(?:untuk|bahan|siap) (?:pembuatan|cetak|personalisasi) <EKTP>", "EKTP"),
    (r"(?:untuk|bahan) (?:pembuatan|cetak) <KTP>", "KTP"),
    # (2.6) a card or material (that is usually) used for an e-KTP ("kartunya yang biasa buat KTP-el", "bahan yg dipakai
    # untuk e-KTP"): what the ID is made from, not an offer to make one
    (r"(?:kartu|kartunya|bahan|bahannya) (?:(?:yang|yg) )?(?:biasa |biasanya )?(?:dipakai |khusus )?(?:untuk|buat|utk) <EKTP>", "EKTP"),
    # (2.8) whatever is used for a KTP ("kartu mentah yang dipakai buat KTP", "pas foto yang biasa dipakai buat KTP",
    # "bisa dipakai buat e-KTP asli?"): the KTP is what it serves, not one made ("buat KTP") or said to pass
    (r"dipakai (?:untuk|buat|utk) (?:<KTP>|<EKTP>)", "EKTP"),  # dipake, digunakan: spelled dipakai
    (r"(?:kartu|kartunya|bahan|bahannya) (?:yang|yg) (?:biasa |biasanya )?(?:dipakai |khusus )?(?:untuk|buat|utk) <KTP>", "EKTP"),  # KTPs are e-KTPs now
    # (2.7) the card an office hands residents ("kartu yang biasa dibagi di kecamatan buat rekam"): their e-KTP
    (r"(?:kartu|kartunya) (?:yang|yg) (?:biasa |biasanya )?(?:dibagi|dikasih|diberikan|diberi) (?:di|dari) (?:kecamatan|kelurahan|<OFFICIAL>)", "EKTP"),
    (r"(?:jasa|studio) foto (?:untuk )?(?:<KTP>|<EKTP>)|foto untuk (?:<KTP>|<EKTP>)", "NEGPHOTO"),
    # the material of a KTP offered as such ("bahan KTP asli dinas", "bahan baku e-KTP"): a blank
    # (2.5) also the material of a person's identity named by its chip or as a resident's ("bahan dasar identitas chip")
    (r"bahan (?:baku |dasar |mentah )?(?:kartu )?(?:<KTP>|<EKTP>)|bahan (?:baku |dasar |mentah )?identitas (?:chip|penduduk|elektronik)", "IDMATERIAL"),
    # (2.9) the base card of a KTP ("kartu dasar KTP el", "kartu dasar e-ktp chip"): its material, as "bahan dasar" is
    (r"kartu (?:dasar|baku|dasarnya) (?:<KTP>|<EKTP>)", "IDMATERIAL"),
    # (precision12) the buyer's data printed onto a KTP's material ("kami cetak data kakak di bahan KTP asli"): the
    # KTP printed for the buyer (PRINTEDID), its material that KTP's; "bahan KTP siap dicetak" names no one's data
    (r"(?:cetak|cetakkan|dicetak|dicetakkan|mencetak|print|diprint|isi|input) (?:data|nama|identitas)"
     r"(?: anda| kamu| kakak| kak| pemesan| pembeli| customer| agan| sis)? (?:di|ke|pada|di atas) <IDMATERIAL>", "PRINTEDID"),
    # (2.7) a pas-foto studio's speed ("Pas foto KTP kilat", "cetak foto KTP instan"): the photo is quick, not the KTP
    (r"<NEGPHOTO> (?:untuk )?(?:<KTP>|<EKTP>) (?:kilat|instan|express|ekspres)", "NEGPHOTO"),
    # a KTP "ready to use" or "instant": forged, unless a blank word heads it ("Blanko e-KTP siap pakai")
    (r"(?:<KTP>|<EKTP>) (?:siap pakai|instan|kilat|express|ekspres)", "READYID"),
    # (2.7) a document "made a requirement" ("KTP jadi syarat daftar"): asked of the buyer, said after it
    # (as "diperlukan"), before "KTP jadi" reads as a made KTP
    (r"(?:jadi|menjadi|sebagai) (?:syarat|persyaratan|jaminan)", "CUEREQAFTER"),
    # (levers16) "pesanan" as the subject of a shop's sentence run on after a KTP ("KTP el Pesanan masuk sebelum jam 3
    # dikirim hari ini", "#jasalegalisirktp Pesanan di hari libur diproses …") is the buyer's order, a store policy,
    # no KTP made to order (414 of 5,280 offers hidden after a title on 2.13): read before "KTP pesanan" is
    (r"pesanan (?:masuk|di|diproses|dikirim|dikemas|sebelum|setelah|akan|sudah|hari)", "CUEPOLICY"),
    (r"(?:<KTP>|<EKTP>) (?:edit|editan|hasil edit|hasil editan|pesanan|sesuai pesanan|sesuai permintaan|sesuai data|isi data|diisi data|sudah isi data|sudah diisi data|sudah terisi data|udah isi data|dibikin|dibuat|dibikinin|digawe|didamel|dijieun)|(?:clone|cloning|kloning) (?:data )?(?:<KTP>|<EKTP>)|(?:<KTP>|<EKTP>|<KK>|<AKTA>|<OTHERDOC>|<CIVILDOC>) (?:jadi|udah jadi|sudah jadi|siap pakai|instan|kilat|express|ekspres|palsu)|(?:tembak|nembak) <OTHERDOC>|<OTHERDOC> (?:a |c )?(?:tembak|nembak)|(?:<KTP>|<EKTP>) (?:ganda|dobel|double|kedua)", "FORGE"),
    # (2.5) a name entered in someone else's family card ("numpang KK" for a school-zoning place): a false record
    (r"(?:numpang|nebeng|titip|nitip|menumpang) (?:nama )?(?:di |ke |dalam )?<KK>", "FORGE"),
    # (2.7) a KTP bearing new data or the buyer's own ("KTP data baru", "kartu identitas dengan data kamu")
    # ("KTP dengan data baru" is also how the office's own update after a marriage is told)
    (r"(?:<KTP>|<EKTP>) (?:data|identitas) baru|(?:<KTP>|<EKTP>) (?:dengan |pakai |isi )?(?:data|identitas) (?:kamu|anda|pembeli|pemesan)", "CUSTOMID"),
    (r"(?:<KTP>|<EKTP>) custom|custom (?:<KTP>|<EKTP>)"
     # (2.5) an age on an issued ID made up: "umur di KTP bisa dimudakan"
     r"|(?:umur|usia|nama|alamat|status|agama|tanggal lahir|tahun lahir|data) di (?:<KTP>|<EKTP>|<KK>) (?:bisa )?"
     r"(?:dimudakan|dituakan)", "CUSTOMID"),  # changed at the office is a correction: only an age made up is fixed here  # after the novelty cards ("KTP kucing custom")
    (r"(?:kit|alat|mesin|perangkat) personalisasi", "NEGWRITER"),
    (r"(?:usaha|bisnis) (?:cetak |pembuatan |bikin )?(?:<KTP>|<EKTP>)", "FORGE"),
    # (2.8) software that prints or makes KTPs ("Software cetak KTP + font", "aplikasi pembuat e-KTP"): a forger's tool, as a
    # writer is; the office's own self-service prints a KK, never a KTP
    (r"(?:software|aplikasi|program|app) (?:cetak|pembuat|bikin|buat|edit|generator|input data) (?:<KTP>|<EKTP>)", "FORGE"),  # a business of making KTPs  # the machine, before the service below
    (r"(?:jasa )?personalisasi (?:kartu )?(?:<KTP>|<EKTP>)|(?:jasa )?(?:isi|tulis|write|clone|cloning|kloning|copy) (?:data )?chip (?:dari )?(?:<KTP>|<EKTP>)"
     r"|(?:<KTP>|<EKTP>) (?:copy|clone|kloning) (?:card|kartu)", "FORGE"),
    # (2.6) personalising an e-KTP, or writing its chip, for someone ("jasa perso chip e-KTP"): making one; "siap
    # personalisasi" (a blank) and "untuk personalisasi e-KTP" (what a card is for) are read before
    (r"(?:personalisasi|perso|isi|tulis|write) chip (?:<KTP>|<EKTP>)|(?:personalisasi|perso) (?:<KTP>|<EKTP>)", "FORGE"),
    # (2.6) a KTP printed onto a blank, its object between ("Cetak e-KTP di blanko ori, data kamu", "cetakkan KTP di blanko")
    (r"(?:cetak|cetakin|dicetak|print|diprint) (?:<KTP>|<EKTP>) (?:di|ke|pada|pakai|pake|dengan|di atas) <BLANGKO>", "PRINTEDID"),
    # (2.8) a product suited to an ID ("Cocok buat KTP, SKCK, lamaran" under a pas-foto studio): the ID is its purpose,
    # read before "buat KTP" reads as making one
    # (2.10) the readers a seller addresses by their own KTP ("Buat yang KTP-nya rusak: …", "untuk yg e-KTP-nya
    # hilang"): "buat" is "for", the possessive "-nya" says whose KTP it is; no KTP is made ("buat KTP")
    (r"(?:buat|untuk|utk|bagi) (?:(?:kakak|kakak2|kak|agan|teman|temen|kalian|anda|sobat|bapak|ibu) )?(?:yang|yg)"
     r" (?:<KTP>|<EKTP>) nya", "AUDIENCE"),
    (r"(?:cocok|pas) (?:buat|untuk|utk) <KTP>", "KTP"),
    (r"(?:cocok|pas) (?:buat|untuk|utk) <EKTP>", "EKTP"),
    # (2.8) a photo "for" a KTP ("Foto 3x4 buat KTP"): the photo's purpose, read after a forged KTP ("… buat KTP palsu")
    # and before "buat KTP" makes one
    (r"<NEGPHOTO> (?:untuk|buat|utk) (?:<KTP>|<EKTP>)|foto (?:buat|utk) (?:<KTP>|<EKTP>)", "NEGPHOTO"),
    (r"(?:bikin|buat|pembuatan|jasa pembuatan|jasa bikin|jasa cetak|jasa edit|jasa|edit|editan|cetak ulang|ganti|tembak|nembak|gawe|nggawe|gawekke|nggawekke|gawekne|nggawekne|damel|ndamel|nyieun|nyieunkeun|ngadamel|mambuek|buek|maulah|mambahen|bahen|ngae|bikinin|buatin|buatkan|bikinkan|dibuatkan|dibikinin|dibikin|gae|nggae|digawe|didamel|dijieun|pembuat) (?:identitas |dokumen )?(?:<KTP>|<EKTP>|<KK>)|(?:<KTP>|<EKTP>) (?:tembak|nembak)", "FORGE"),
    # a camera or light "untuk foto KTP" is for photographing one, not KTP photos for sale
    (r"(?:untuk|buat) (?:foto|selfie) (?:<KTP>|<EKTP>)", "PHOTOUSE"),
    # a photographer's "jasa foto KTP" / "foto untuk KTP" is the pas-foto for an application
    # an account or bank account sold together with the owner's KTP (and ATM card): an identity in trade
    (r"(?:akun|rekening)(?: (?:toko online|toko|marketplace|bank|ewallet|pinjol|ojol|lengkap))? (?:dan |plus )?(?:<KTP>|<EKTP>)", "IDDATA"),
    # an idle or someone else's KTP offered, a KTP with a new NIK: the identity itself is the goods
    (r"(?:<KTP>|<EKTP>) (?:nganggur|menganggur|nganggur an|orang lain|orang|saudara|cadangan)|(?:<KTP>|<EKTP>) (?:dengan |pakai |plus )?nik baru", "IDDATA"),
    (r"(?:aplikasi|software|sistem informasi|program) (?:data |pendataan )?(?:penduduk|kependudukan|warga)", "NEGPUBLICATION"),  # a software title
    (r"nik (?:ayah|ibu|orang tua|ortu|anak|keluarga)", "NIK"),  # a family member's NIK on a form
    (r"nik (?:dan |plus )?<KK> (?:aktif|valid|fresh)|unreg nik|jasa (?:reg|registrasi|unreg) nik|(?:bantu|bantuin|urus|aktifkan|aktivasi|pulihkan|perbaiki|hapus|buat|bikin|bikinin|buatkan|generate) nik|nik (?:bisa )?(?:dibantu|diaktifkan|diurus|diubah|diganti|dipulihkan)|joki (?:verifikasi|verified|face|wajah|selfie)", "IDDATA"),
    (r"(?:rekening|akun)(?: (?:bank|bri|bca|bni|mandiri|bsi|jago|seabank))? (?:atas nama |an )?orang lain|(?:<KTP>|<EKTP>) (?:dan |plus )?atm (?:dan |plus )?(?:buku tabungan|rekening)", "IDDATA"),
    (r"buku tabungan", "BANKBOOK"),
    (r"kartu atm|atm", "BANKBOOK"),  # an ATM card goes with the account as the savings book does  # part of a bank-account bundle, not a publication
    # office supplies for a village's population records, not the records for sale
    (r"(?:map arsip|map|arsip|rak|buku induk|buku register|buku) data (?:penduduk|kependudukan|warga)", "NEGFORMBOOK"),
    # (2.8) population data as a topic, what is changed, governed or protected ("perubahan data kependudukan", "tata kelola
    # data kependudukan", "sengketa data kependudukan"): an office's, a lawyer's or a book's subject, no data sold
    (r"(?:perubahan|perlindungan|pelindungan|keamanan|tata kelola|sengketa|kebijakan) data (?:penduduk|kependudukan)", "DATATOPIC"),
    (r"data (?:penduduk|kependudukan|warga)|nik (?:dan |plus )?nama(?: lengkap)?|(?:sample|sampel|contoh) nik|nik (?:random|acak|generate|generator)|(?:generate|generator) nik|nama ibu kandung|nik (?:ganda|dobel|double)"
     r"|(?:paket|sewa|<SALE>|beli) identitas|(?:paket|bahan|set|stok) (?:verifikasi|verified)|verified (?:pack|packs|set|sets|bundle|kit)", "IDDATA"),
    (r"lolos (?:cek|pengecekan|verifikasi) (?:data |online )?(?:nik|<KTP>|<EKTP>)", "USABLEID"),
    (r"(?:baca|membaca|cek|verifikasi|validasi) data (?:<KTP>|<EKTP>)|(?:cek|validasi) (?:data )?(?:nik|<KK>)", "READDATA"),
    # an ID named as where a party's details come from, not as the product ("nama sesuai e-KTP",
    # "diisi sesuai e-KTP penjual", "mempelai sesuai KTP")
    (r"(?:nama|nama lengkap|diisi|ditulis|dicetak|penjual|pembeli|peserta|member|anggota|pemohon|pelanggan|mempelai"
     r"|pemilik|penyewa|penerima|pemesan) sesuai (?:dengan )?(?:<KTP>|<EKTP>|<KK>)"
     r"|sesuai (?:dengan )?(?:<KTP>|<EKTP>|<KK>) (?:penjual|pembeli|peserta|member|anggota|pemohon|pelanggan|mempelai"
     r"|pemilik|penyewa|penerima|pemesan|anda|kamu|sendiri|pribadi)"
     # a form's column for it ("kolom nomor e-KTP dan tanda tangan")
     r"|kolom (?:nomor |no |nik )?(?:<KTP>|<EKTP>|<KK>)", "IDREF"),
    # before the data words: "NIK KTP sendiri" is the buyer's own NIK, not "NIK KTP" traded
    # (2.8) a NIK to the buyer's order ("NIK sesuai permintaan"), read before "NIK sesuai" is the buyer's own
    (r"nik (?:bisa )?sesuai (?:request|pesanan|permintaan|keinginan)", "CUSTOMDATA"),
    (r"nik (?:dan |plus )?(?:<KK> |<KTP> )?(?:sendiri|pribadi|anda|kamu|sesuai)", "OWNNIK"),
    # (2.5) the buyer told to send a copy of their own ID ("kirim foto KTP dan STNK, kami antar"): asked, not sold
    (r"(?:kirim|kirimin) (?:foto|scan|fotokopi) (?:<KTP>|<EKTP>|<KK>)", "CUEREQ"),
    # (2.5) a face or a name lent for someone's checks, identities in stock, KTP numbers that work, the seller's NIKs
    # (2.8) the seller's own face or identity used for the buyer's checks ("verifikasi pakai identitas kami", "wajah tim
    # kami", "identitas kami yang sediakan"): an identity lent, as a face hired is
    (r"(?:pakai|pake|menggunakan) identitas (?:tim )?(?:kami|kita)|(?:pakai|pake|menggunakan) (?:wajah|muka) (?:tim|orang) (?:kami|kita)"
     r"|identitas (?:tim )?(?:kami|kita) (?:yang |yg )?(?:sediakan|siapkan)", "IDDATA"),
    (r"(?:sewa|rental|pinjam) (?:muka|wajah)|(?:pinjam|numpang) (?:nama|namanya)|(?:dipinjam|pinjam|sewa|titip) (?:identitas|identitasnya)|(?:dipinjam|titip) nama|(?:untuk|buat|mau|bisa) (?:dipinjam|pinjam) (?:namanya|identitasnya)|(?:paket|<READY>|stok|stock) (?:lengkap )?identitas|nik baru"
     r"|<KK> (?:original )?(?:milik |punya )?orang(?: lain)?"
     r"|(?:<KTP>|<EKTP>) (?:pinjaman|sewaan|titipan)|(?:pinjamkan|meminjamkan|sewakan|menyewakan) (?:<KTP>|<EKTP>|<KK>)"
     r"|(?:nomor|nomer|no) (?:<KTP>|<EKTP>) (?:aktif|valid|fresh)|nik (?:kami|stok|stock|cadangan)|(?:stok|stock) nik", "IDDATA"),
    (r"(?:<KTP>|<EKTP>) disewakan|(?:data|beli|sewa|rental|pinjam|database|dump|bocoran|list|daftar|kumpulan) (?:nik|<KTP>|<EKTP>|<KK>)|<SALE> (?:nik|<KK>)|<KK> warga|<KTP> warga|(?:dump|bocoran|database|leak|sedot) data (?:dukcapil|kependudukan)|nik (?:orang|orang lain|punya orang|milik orang)|data original orang|data (?:milik )?orang lain|nik (?:aktif|valid|<KK>|<KTP>)|(?:foto|selfie) (?:<KTP>|<EKTP>)(?: (?:dan )?selfie)?|(?:<KTP>|<EKTP>) (?:dan |plus )?(?:<KK> (?:dan |plus )?)?selfie|selfie (?:pegang|memegang|dengan|sama|bareng|plus) (?:<KTP>|<EKTP>)", "IDDATA"),
    # (2.7) people tracked down by their NIK ("lacak data orang lewat NIK", "cari data orang dari NIK"), a NIK
    # named then sold ("NIK dijual"): the data of people; "cek data NIK" stays a check (READDATA, above)
    (r"(?:lacak|cari) data orang (?:lewat |via |pakai |dari )?nik|lacak (?:data )?orang (?:lewat |via |pakai |dari )?nik|nik <SALE>", "IDDATA"),
    (r"nik", "NIK"),
    # (2.5) getting past a check, fit for one, good to register anywhere
    (r"(?:pass|passes|bypass|lewatin|lewati|melewati|bobol|jebol) (?:the |your |any |semua )?(?:app |aplikasi |bank |exchange )?"
     r"(?:verification|verified|verifikasi|check|cek|face|wajah)|cocok (?:buat |untuk )(?:pinjol|daftar pinjol|daftar akun|reg akun|registrasi akun)"
     r"|(?:bisa|dapat|siap) (?:buat|untuk) daftar (?:apa|apapun|akun|pinjol|bank|rekening|aplikasi)"
     r"|(?:bisa|dapat) (?:dipakai )?(?:buat|untuk) (?:keperluan )?apa (?:aja|saja)"
     r"|(?:hasil|hasilnya) original banget|(?:tampil|muncul|kebaca|terbaca) (?:di )?dukcapil|(?:seperti|mirip|kayak|kaya) dukcapil", "USABLEID"),
    (r"(?:bisa|dapat|siap) (?:dipakai )?(?:buat |untuk )?(?:verifikasi|registrasi|verified|pemilu|nyoblos)|(?:bisa|dapat|siap) dipakai (?:buat |untuk )?(?:daftar|pinjol|bank|akun|transaksi|buka rekening|buka akun|rekening)|lolos (?:verifikasi|cek|scan|verified|bank|pinjol|dukcapil|pemeriksaan|pengecekan|bandara|imigrasi)|tembus (?:verifikasi|bank|pinjol|verified|dukcapil)|(?:terdaftar|online) (?:di )?dukcapil|(?:seperti|mirip|kayak) (?:dari|buatan) dukcapil|(?:untuk|buat|khusus) (?:verified|verifikasi) (?:pinjol|bank|akun)|(?:untuk|buat|khusus) pinjol|verified pinjol|dijamin acc|face match|pass verification|passes verification|(?:seperti|mirip|kayak|kaya|persis|sama persis|identik) (?:banget |sekali )?(?:dengan |sama )?(?:yang )?original|dijamin lolos|bisa discan|(?:tidak|gak|ga|nggak|ngga) bisa dibedakan|(?:susah|sulit) dibedakan|(?:tidak|gak|ga|nggak|dijamin gak|dijamin ga) (?:bakal )?ketahuan|beda tipis"
     r"|identitas (?:kedua|baru|lain)|(?:second|new|fake) identity"  # (2.7) in English
     # like the office's own ("kayak keluaran kantor", "sama kaya punya pemerintah"), used for real
     r"|(?:sama |persis |mirip )?(?:seperti|mirip|kayak|kaya|sama|dengan) (?:yang )?(?:punya|keluaran|buatan|bikinan|cetakan|terbitan|dari) (?:kantor|dinas|dukcapil)"
     r"|(?:teruji|terbukti|sudah|udah|sering|aman) dipakai (?:buat |untuk )?(?:verifikasi|registrasi|verified|daftar|pinjol|bank|akun|transaksi)"
     r"|dipakai (?:beneran|sungguhan|resmi|dimana saja|dimana aja|di mana saja|buat apa aja|buat apa saja)"
     r"|aman (?:dari )?razia|lolos razia|proses rahasia|(?:proses )?diam diam|(?:tampilan|bentuk|hasil|hasilnya|desain) (?:sama persis|persis|identik|mirip banget)", "USABLEID"),
    # an office's stamp: on what is sold, a forgery; sold itself or called a replica, a forger's tool (2.5)
    # (2.8) a stamp made like an office's own ("stempel persis milik Disdukcapil", "cap yang sama dengan kelurahan"): a forger's tool
    (r"(?:stempel|cap) (?:yang )?(?:sama persis|persis|mirip|identik|replika|palsu) (?:punya |milik |dengan |seperti |kayak )?"
     r"(?:dinas|dukcapil|kelurahan|kecamatan|desa|kua|lurah|camat)", "FORGEDSTAMP"),
    (r"(?:stempel|cap) (?:basah )?(?:kantor )?(?:dinas|dukcapil|kelurahan|kecamatan|desa|kua|lurah|camat)", "OFFICESTAMP"),
    # the security marks of an issued ID or an official's stamp, reproduced: a forgery next to an ID term
    (r"hologram|kertas (?:sekuriti|security)|security paper"
     r"|(?:sudah ada|sudah|ada|dengan) (?:stempel|cap|stempel basah|cap basah)|(?:stempel|cap) basah", "SECURITYMARK"),
    # data of the buyer's choosing: a forgery next to an ID term, a gift anywhere else ("mug nama bebas")
    (r"(?:anggota|data|umur|usia|alamat|tanggal lahir|tahun lahir) (?:bisa )?(?:sesuai request|sesuai permintaan|disesuaikan|diatur|bebas)"
     r"|(?:any|custom) (?:name|data|address|photo)|(?:name|data|photo) of your choice|(?:nama|data) siapa (?:saja|aja|pun)"
     # (2.8) the data the buyer sends ("sesuai data yang kamu kirim", "pakai data dari kamu")
     r"|(?:sesuai|pakai|pake|dengan) data (?:yang |yg |dari )?(?:kamu|anda|kakak|pembeli|pemesan)(?: kirim| kirimkan)?"
     # (relrec16) any data at all, or contents as the buyer asks ("dengan data apa saja", "isi sesuai permintaan"): beside
     # an NPWP card or a marriage book, one made to order
     r"|data apa (?:saja|aja|pun)|data apapun|isi (?:bisa )?(?:sesuai (?:request|pesanan|permintaan|keinginan)|request)", "CUSTOMDATA"),  # (2.5)
    (r"(?:nama|data|nik|alamat|foto|identitas) (?:bebas|custom|request|bisa pilih|bisa request|sesuai (?:request|pesanan|permintaan|keinginan))"
     r"|(?:bisa|boleh|tinggal|bebas) (?:pilih|request) (?:nama|data|nik|alamat|foto)"
     r"|(?:nama|data|nik|alamat|foto|umur|tahun lahir|tanggal lahir) (?:bisa )?(?:pilih sendiri|diganti|diubah|dimudakan|dituakan|suka suka)"
     r"|(?:ubah|ganti|rubah) (?:data|status|pekerjaan|umur|tahun lahir|tanggal lahir|agama)|nama (?:lain|samaran)", "CUSTOMDATA"),
    (r"(?:bisa|dapat|siap|aman) dipakai", "USABLE"),
    (r"selfie", "SELFIE"),
    (r"palsu|duplikat", "PALSU"),
    (r"(?:respon|fast|slow|pelayanan|layanan) (?:cepat|kilat|cepet)|fast respon", "RESPON"),
    # a delivery's speed is shipping: "same day dan instan via GoSend"
    (r"(?:same day|sameday|instan|instant|express|ekspres|kilat|cepat) (?:via |pakai |lewat |dengan )?(?:gosend|grabexpress|jne|jnt|sicepat|anteraja|kurir|ekspedisi)|same day|sameday", "CUESHIP"),
    # skipping the process (strong: counts apart from the document term), then only speed
    # (2.5) no need to appear at any office, in more tongues ("teu kedah", "indak paralu", "ta' perlo"), or before a court;
    # English "no queue", "skip the line", "no KITAP needed"
    # (2.7) and in Acehnese, Manado, Palembang and Malay ("hana payah jak u kantor", "nda usah pigi ka capil",
    # "tak payah datang"): a negation, a need, a going, the office (a phrase of its own, below, so the
    # product of the forms stays small)
    (r"(?:hana|nda|dak|tak) (?:perlu |usah |payah )?(?:ke |ka |u |datang ke |pergi ke |pigi ka |jak u )?"
     r"(?:kelurahan|kecamatan|desa|imigrasi|dukcapil|kantor)", "FASTTRACK"),
    (r"(?:tidak|tanpa|gak|ga|gk|tdk|ra|ora|teu|indak|kagak|ta|ndak|nggak|ngga) (?:harus |perlu |usah |kudu |kedah )?"
     r"(?:ke |ka |datang ke |hadir ke )?(?:kelurahan|kecamatan|desa|imigrasi|samsat|kua|pengadilan|polres|polsek|satpas|dukcapil|kantor)"
     r"|(?:bukan|tidak|tanpa|gak|ga|nggak) (?:lewat|via|melalui) (?:kelurahan|kecamatan|desa|imigrasi|samsat|kua|satpas|dukcapil|kantor|jalur resmi)"
     r"|(?:tidak|tanpa|gak|ga|gk|tdk|ra|ora|teu|indak|kagak|ta|ndak|nggak|ngga|ndang|hana|nda|dak|tak) (?:harus|perlu|usah|kudu|kedah|payah) (?:datang|hadir|antre|rekam|sidang|tes|test|ujian|tatap muka)"
     r"|tanpa (?:harus |perlu )?(?:hadir|tatap muka)|tanpa (?:penetapan|putusan|sidang) pengadilan"
     r"|no (?:queue|test|exam|appointment|interview|<OTHERDOC>|<CIVILDOC>)(?: needed| required)?|skip (?:the )?(?:queue|line|test)"
     r"|without (?:queue|test|exam|appointment|interview|<OTHERDOC>)|(?:punya|ada|lewat|via|pakai) jalur"
     # a police report, witnesses, a village letter skipped; a stuck KTP "got out" for you
     r"|(?:tidak|tanpa|gak|ga|gk|tdk|ndak|nggak|ngga) (?:harus |perlu |usah )?lapor (?:polisi|polsek|polres|kantor polisi)"
     r"|tanpa saksi|tanpa surat (?:dari )?(?:desa|lurah|kades)|(?:tanpa|walau tidak|tidak harus) tinggal(?: di sana)?|(?:bantu|bisa) (?:keluarin|keluarkan|terbitkan|terbitin)", "FASTTRACK"),
    (r"(?:tidak|tanpa|gak|ga|tdk|ra|ora|teu|indak|kagak) (?:perlu|usah|kudu) (?:ke |ka )?(?:dukcapil|kantor|datang|antre|pindah domisili|<CIVILDOC>)|jalur cepat|jalur (?:vip|khusus|prioritas|kilat)|(?:males|malas|ogah|anti) antre|calo|(?:jalur |lewat |via )?orang dalam|(?:dibantu |lewat |via )?orang (?:kecamatan|kelurahan|dukcapil|dinas|imigrasi|samsat|satpas)|jalur belakang|tanpa (?:dokumen|berkas) (?:pendukung|apapun|apa pun|lain)|tanpa surat (?:dari|apapun|apa pun)|tanpa (?:tes|test|ujian|antre|ribet|syarat|datang|sidang|rekam|pengantar|pindah|mutasi|surat (?:pindah|kehilangan|pengantar|polisi|keterangan|dokter|bidan|rt|rw|dari rs|dari polisi|dari kelurahan|dari rumah sakit|dari puskesmas|dari desa))|tanpa (?:ke )?(?:dukcapil|kantor|kelurahan|kecamatan)|tanpa (?:urus |ngurus )?(?:<CIVILDOC>|<OTHERDOC>)|(?:urus|proses|semua) dari rumah|terima beres|tinggal terima(?: beres| jadi)?|joki|dijokiin|terima jadi|kenalan (?:di dalam|orang dalam|di dukcapil|di kantor)|(?:ada|punya) kenalan(?: di dalam)?", "FASTTRACK"),
    (r"(?:1|2|3|seminggu) (?:minggu|pekan) (?:jadi|selesai)|(?:jadi|selesai) (?:dalam )?(?:1|2|seminggu) (?:minggu|pekan)|seminggu (?:jadi|selesai)", "SHORTCUT"),
    # (2.8) any few days or hours, and done said as beres, kelar or rampung ("4 hari beres", "5 jam kelar")
    (r"langsung jadi|(?:1|2|3|4|5|6|7|telung) (?:hari|jam) (?:jadi|selesai|beres|kelar|rampung)"
     r"|(?:jadi|selesai|beres|kelar|rampung) (?:dalam )?(?:1|2|3|4|5|6|7|1x24|sehari) (?:hari|jam)"
     r"|sehari (?:jadi|selesai|rampung)|(?:cepat|pasti|dijamin) jadi|(?:besok|hari ini) (?:langsung )?jadi|(?:sehari|1 hari|2 hari|3 hari) (?:selesai|jadi)"
     r"|sehari|percepat|percepatan|ngebut|kebut|cepat|cepet|kilat|express|ekspres|instan|dadakan|gancang|enggal|sadinten", "SHORTCUT"),
    (r"siap pakai|siap narik|siap jualan|siap trading|limit besar|aktif", "INUSE"),  # an account in working order
    (r"chip|berchip", "CHIP"),  # (2.6) "ber-chip" spelled out joins into one word
    # (2.7) a card from the civil registry itself ("Kartu dukcapil", "kartu resmi dari dukcapil", "kartu resmi kecamatan"):
    # the registry's card is the e-KTP; any office's "kartu dinas" is a staff card as often
    (r"kartu (?:resmi )?(?:dari )?(?:dinas )?(?:dukcapil|disdukcapil)|kartu resmi (?:dari )?(?:kecamatan|kelurahan)", "EKTP"),
    # (2.7) the state's emblem as an ID shows it ("lambang garuda", "hologram garuda", "kartu biru garuda")
    (r"bergaruda|(?:logo|lambang|gambar|berlogo|bergambar|hologram|biru) garuda", "EMBLEM"),
    (r"kartu|card", "KARTU"),
    # (relrec15) a card cloned ("kloning kartu NFC", "kartu clone", "software clone", "gandakan isi chip"): a cloning
    # tool; with an ID term it is a kit to copy e-KTPs (``id_clone``).  A bare "clone" is a knock-off ("sepatu clone").
    # A chip's contents or a UID said copied ("salin isi chip", "bisa copy UID", "UID changeable") is not read: as a
    # seller's line put first it made a clause that names something, or took the chip word a blank offer's reading
    # needs, so a title's product phrase moved (hid 2 and 8 read-right offers, turned 25 and 23 more hard negatives)
    (r"(?:clone|cloning|kloning|klon|gandakan|menggandakan) (?:isi |data )?(?:<KARTU>|<CHIP>)"
     r"|(?:<CHIP>|<KARTU>) (?:clone|cloning|kloning)|(?:kit|software|aplikasi|alat|paket) (?:clone|cloning|kloning|klon)", "CLONE"),  # after the card and chip words
    # (relrec16) a verb of copying a card's contents that a cloning phrase above left ("bisa salin kartu identitas", "copy
    # data kartu ID ke kartu baru", "tulis ulang chip KTP elektronik"): with an ID as its object a tool to copy IDs
    # (``id_copied``).  "copy/kopi" only of data, contents, a chip or a UID: "copy KTP" is a photocopy
    # (relrec17) the spoken "gandain" ("buat gandain kartu identitas", "bisa digandain"): as "gandakan"
    (r"salin|menyalin|disalin|nyalin|tulis ulang|menulis ulang|gandakan|menggandakan|gandain|digandain|ngegandain|kloning|cloning|clone|klon"
     r"|(?:copy|kopi|dicopy) (?:data|isi|chip|uid)", "COPYVERB"),
    # (2.6) an office other than the civil registry: its cards (parking, health, school) are no e-KTP
    (r"dinas (?:perhubungan|pendidikan|kesehatan|sosial)|dishub|samsat", "OTHEROFFICE"),
    (r"dukcapil|dinas", "OFFICIAL"),
    # (2.7) blanks at an office ("blangko e-KTP di kecamatan sudah ada lagi", "blangko KTP di kelurahan kosong lagi"):
    # the office's supply, news to residents; a seller's blanks come "dari" an office, or are "sama dengan" its own
    # (2.8) also said empty or out there ("blangko e-KTP kosong di kecamatan", "blangko e-KTP sedang kosong di kecamatan")
    (r"<BLANGKO>(?: <KTP>| <EKTP>)?(?: <KOSONG>| <OUTOFSTOCK>)? di (?:kecamatan|kelurahan|<OFFICIAL>|kantor (?:kecamatan|kelurahan|desa|<OFFICIAL>))", "OUTOFSTOCK"),
    # (2.9) the office named first ("di kecamatan aku blangko KTP lagi kosong", "Di dukcapil blangko e-KTP habis"): its
    # supply run out, news to residents as when the office is named after
    (r"di (?:kecamatan|kelurahan|<OFFICIAL>|kantor (?:kecamatan|kelurahan|desa|<OFFICIAL>))(?: (?:aku|saya|kami|kita|sini|sana))?"
     r" <BLANGKO>(?: <KTP>| <EKTP>)? (?:<KOSONG>|<OUTOFSTOCK>)", "OUTOFSTOCK"),
    # (precision10) said available there again ("blangko e-KTP sudah tersedia kembali di Kecamatan Cibinong"), in Javanese
    # too ("blangko KTP-el wis ana maneh ing kecamatan"): the office's supply; a seller's "ready lagi" names no office
    (r"<BLANGKO>(?: <KTP>| <EKTP>)?(?: sudah| telah| udah| wis| sampun| hanya| cuma)? (?:tersedia|ada|ana|datang|teka)"
     r"(?: kembali| lagi| maneh| deui)? (?:di|ing) (?:seluruh |semua |setiap |tiap |masing masing )?"  # (precision12) every office
     r"(?:kecamatan|kelurahan|<OFFICIAL>|kantor (?:kecamatan|kelurahan|desa|<OFFICIAL>))",
     "OUTOFSTOCK"),
    # (2.6) an office's own notice to residents ("Info Disdukcapil: blanko e-KTP tersedia", "Dukcapil mengimbau …"):
    # a publication, as "Pengumuman: …" is; a seller's "INFO: ready" names no office
    (r"(?:info|informasi|pemberitahuan|pengumuman|himbauan|imbauan|edaran|siaran pers) (?:resmi |penting |terbaru )?(?:dari )?(?:<OFFICIAL>|kecamatan|kelurahan|kantor desa)"
     r"|<OFFICIAL> (?:menginformasikan|mengumumkan|menghimbau|mengimbau|memberitahukan)"
     # (2.8) the office acting for residents ("Dukcapil buka layanan jemput bola", "Disdukcapil menggelar perekaman")
     r"|<OFFICIAL> (?:buka|membuka|menggelar|mengadakan|melayani) (?:layanan|pelayanan|perekaman|rekam)"
     # (2.6) a warning against sellers or their goods ("Waspada penipuan penjualan blanko e-KTP!", "Waspada penipuan
     # blanko e-KTP"): news, no offer; a seller's own "waspada penipuan, kami asli" warns of nothing it names
     # (levers16) the blank or its sale warned of as a scam's ("Waspada penipuan blangko", "… penipuan jual …"); a bare
     # "Waspada" heading a blank's title ("Waspada Blanko e-KTP original dinas", "Waspada Jual blank KTP el": 1,761 of
     # 5,280 offers hidden on 2.13) names the goods a
     # seller calls attention to, and a warning's headline is read by who speaks (others_voices, notice_speaker)
     r"|(?:waspada|awas|hati hati) (?:penipuan )?(?:penjualan|<SALE> beli|iklan|hoaks)"
     r"|(?:waspada|awas|hati hati) penipuan (?:<SALE>|<BLANGKO>)", "NEGPUBLICATION"),
    # (2.7) a warning against touts or cheats ("Waspada calo yang menawarkan KTP jadi atau blangko!"): what follows in its
    # clause is warned against, not offered (a cue, so "Waspada calo yang jual mahal, di sini murah" leaves the offer)
    (r"(?:waspada|awas|hati hati|ati ati) (?:dengan |sama |terhadap )?(?:<FASTTRACK>|penipuan|penipu|calo|oknum"
     r"|seller|penjual|akun|toko|lapak|orang|tiyang)", "CUEWARN"),  # (after precision12_b) Javanese "Ati-ati tiyang …"  # (precision12) a third party warned of
    # (2.8) a prohibition or an appeal to the reader ("Jangan pernah pinjamkan KTP", "Camat mengimbau warga …"): what
    # follows in its clause is warned against; a seller's reassurance or urgency ("jangan ragu", "jangan sampai
    # kehabisan") is read first and warns of nothing
    (r"jangan (?:ragu|khawatir|takut|bingung|pusing|repot|lupa|kehabisan|ketinggalan|sampai (?:kehabisan|ketinggalan)|tunggu lama)", "REASSURE"),
    (r"jangan|mengimbau|menghimbau|diimbau|imbauan|himbauan", "CUEWARN"),
    # (2.8) the poster reporting, asking about or discussing the goods, not offering them: a crime or a court case
    # ("Polres ungkap peredaran blangko", "tersangka menjual blangko", "sidang korupsi pengadaan blanko"), an offer the
    # poster was given ("ditawari blanko"), a forum's discussion, a complaint or a question of cause ("Kenapa blangko
    # KTP sering kosong?"); as a warning, nothing after it in its clause is on offer
    # said after what it tells of too ("Gudang blangko e-KTP digerebek", "blanko e-KTP beredar di pasar"): see score
    # (precision10) someone else's sale told of: a cheat or an unknown account as the one selling ("Penipu jual blanko
    # e-KTP", "akun IG yang ngaku jual blanko", "oknum yang menawarkan blangko"), the trade's prevalence ("maraknya
    # penjualan blangko"), a scheme ("modus penipuan"): nothing after it in its clause is on offer; the seller's own
    # account ("akun kami", "akun ini") names no third party and is not read here
    # … while a seller saying it is none ("kami bukan penipu, jual blanko asli", "anti penipuan") reassures
    (r"(?:bukan|anti) (?:penipu|penipuan)", "REASSURE"),
    (r"(?:akun|oknum|penipu|lapak|toko|seller|penjual)(?: (?:media sosial|medsos|ig|instagram|facebook|telegram|tiktok|twitter|palsu"
     r"|abal abal|tidak dikenal|tak dikenal))? (?:yang|yg) (?:mengaku |ngaku |katanya )?(?:<SALE>|menawarkan|nawarin)"
     r"|penipu(?:an)? (?:<SALE>|menawarkan|nawarin)|(?:akun|oknum)(?: di <VENUE>)? (?:menawarkan|nawarin)"
     r"|maraknya (?:penawaran|penjualan|peredaran|jual beli|iklan)|modus (?:baru )?(?:penipuan|pemalsuan)", "CUEOTHERS"),
    # (precision10) an authority acting on the blanks, as news tells it: the registry or the ministry sending,
    # distributing, denying or announcing ("Kemendagri kirim 1,5 juta keping blangko", "Dukcapil ngumumke blangko
    # KTP-el wis ana maneh"), a council asking the office ("DPRD minta Dukcapil tambah stok blangko"), and stock counted
    # in millions of pieces, the state's scale; a seller's blanks come "dari" an office and are counted in pieces
    (r"<OFFICIAL> (?:mendistribusikan|distribusikan|membantah|bantah|menegaskan|mengumumkan|ngumumke|memastikan|pastikan"
     r"|mengajukan|ajukan)|(?:dprd|komisi|pemkab|pemda|bupati|wali kota|gubernur|camat) (?:minta|meminta|mendesak)"
     # (precision12) the office coming to residents ("Dukcapil jemput bola rekam e-KTP di sekolah", "Tim Dukcapil turun ke
     # sekolah"): its own activity, read in its clause (as a publication in the product phrase, a line a seller added
     # under a vague title hid 174 of the 4,968 read-right offers)
     r"|<OFFICIAL> (?:jemput bola|turun ke|turun langsung|keliling|datang ke|hadir di)"
     r"|(?:juta|jutaan) keping", "CUEOTHERS"),
    # (precision10) a cheat named after what it tells of ("penjual blanko e-KTP di IG itu penipu"): see score
    (r"(?:itu|adalah) (?:penipu|penipuan|hoaks|hoax)", "CUEREPORTED"),
    (r"dilaporkan|terungkap|dibongkar|diamankan|ditangkap|disita|digerebek|divonis|beredar|diselidiki|tercecer|berserakan"
     r"|arrested|seized", "CUEREPORTED"),
    (r"lapor|melaporkan|laporan|kasus|perkara|ungkap|mengungkap|bongkar|membongkar|peredaran"
     r"|pelaku|tersangka|terdakwa|mengamankan|menangkap|penangkapan|menyita|penyitaan|barang bukti"
     r"|sidang|persidangan|vonis|dijerat|korupsi|penyelidikan|penyidikan|penggerebekan|sindikat"
     r"|ditawari|ditawarin|diskusi|berdiskusi|tanya jawab|pertanyaan|kenapa|mengapa|knp|kok bisa"
     r"|menurut (?:kalian|agan|anda|kamu|warga)|keluhan|mengeluh|mengeluhkan|ngeluh|curhat|pengalaman"
     # asking ("mau tanya, blangko … itu asli?"), and someone else's offer the poster saw ("lihat ada toko jual blanko")
     r"|hoaks|hoax|menyelidiki|polisi|police|accused"  # a debunked rumour; the police, in English too
     # (after precision8_d, measured first) a forum thread, a fact-check, others claiming to sell ("iklan yang mengaku menjual")
     r"|thread|cek fakta|fakta atau mitos|mitos atau fakta|(?:mengaku|ngaku) (?:<SALE>|punya)"
     # (precision12) a report asked of a platform or an authority ("Laporkan toko …", "Report lapak …", "mohon ditindak"),
     # a purchase told as past ("bulan lalu saya beli …")
     r"|laporkan|report|ditindak|menindak|(?:pernah|sempat|kemarin|lalu|dulu) (?:<CUEBUY>|(?:saya|aku|gue|gw|ane) (?:beli|membeli|order|pesan))"
     r"|(?:mau|mo|numpang|izin) (?:tanya|nanya)|(?:lihat|liat|menemukan|ketemu) (?:ada )?(?:toko|akun|lapak|iklan|postingan)", "CUEREPORT"),
    # (2.8) the office's own service to residents named ("Jadwal pelayanan keliling", "Layanan perekaman KTP-el"): its notice
    (r"jadwal (?:pelayanan|layanan|perekaman|rekam)|(?:pelayanan|layanan) (?:keliling|perekaman|rekam)", "NEGPUBLICATION"),
    (r"original", "ORIGINAL"),
    (r"(?:tidak|bukan|gak|ga|nggak|tak) (?:hanya|cuma|sekedar|sekadar)", "NOTONLY"),  # "not only": no negation
    (r"tidak termasuk|bukan|bkn|tanpa|non|tidak|tdk|gak|nggak|ngga|enggak|ga|gk|tak|not", "NOT"),
    # asked of the buyer; "cukup (pakai) KTP" is what a loan or SIM registration asks, not a KTP sold
    # (2.5) "cukup NIK dan selfie", "isi NIK dan nomor HP": what a loan or a sign-up asks
    (r"(?:cukup|modal) (?:pakai |pake |modal |bawa |dengan )?<NIK>|(?:isi|isikan) <NIK>", "CUEREQ"),
    # (2.8) also a KTP's photo and a selfie ("Daftar cukup foto KTP dan selfie"): what a sign-up asks, not data sold
    (r"(?:cukup|modal) (?:pakai |pake |dengan |kirim |upload )?<IDDATA>", "CUEREQ"),
    # (2.10) "sertakan" with the writer as its subject ("Saya sertakan sisa blangko 40 lembar", "kami sertakan juga"):
    # what the seller includes with the goods ("termasuk"), not a paper asked of the reader ("Sertakan foto KTP"): an
    # add-on, as after "bonus", what it names beside the product is not the product and a blank it names is on offer
    (r"(?:saya|sy|aku|gw|gue|kami|kita) (?:juga |akan |sudah |udah )?sertakan(?: juga)?", "CUEBONUS"),
    (r"cukup (?:pakai |pake |modal |bawa |dengan )?(?:<KTP>|<EKTP>)|modal (?:<KTP>|<EKTP>)|syarat|persyaratan|wajib|jaminan|lampirkan|sertakan|upload|siapkan|bawa|tunjukkan|tunjukan|perlihatkan"
     r"|isi (?:form|formulir)|masukkan|input|kirimkan|lengkapi", "CUEREQ"),
    # (2.7) a list of papers headed as the applicant's ("Berkas: KTP, KK, SKCK", "Dokumen yang dibawa: …")
    (r"berkas|(?:yang|yg) (?:harus |perlu |wajib )?(?:dibawa|diperlukan|dibutuhkan|disiapkan|dilampirkan)", "CUEREQ"),
    # the same said after what the buyer provides ("Data KTP dan NPWP pemilik diperlukan")
    (r"diperlukan|dibutuhkan|dilampirkan|dibawa|disiapkan|diunggah|diupload", "CUEREQAFTER"),
    (r"(?:akun )?(?:gopay plus|ovo premier|dana premium)", "KYCVERIFIED"),
    (r"akun (?:gopay|ovo|dana|shopeepay|ewallet|e wallet|paylater|shopee paylater|bank|bank digital|rekening|gojek|grab|maxim|ojol|ojek online|ojek"
     r"|binance|indodax|pinjol|jago|seabank|crypto|dompet digital|dompet elektronik)(?: driver)?", "KYCFIN"),
    # (2.7) a marketplace shop itself sold ("Jual toko Shopee star seller"): its owner's verified identity goes with it
    (r"akun (?:shopee|tokopedia|tokped|lazada|bukalapak)|<SALE> (?:toko|lapak) (?:online )?(?:shopee|tokopedia|tokped|lazada|bukalapak)", "KYCAKUN"),
    (r"rekening (?:lengkap|aktif|siap pakai)|(?:<SALE>|paket|beli) rekening", "KYCSOLD"),
    (r"rekening (?:bank|bisnis)", "AKUN"),
    (r"cod", "CUECOD"),
    (r"(?:gratis |free )?ongkir|ongkos kirim|kirim|dikirim|pengiriman|kiriman|ekspedisi|kurir|jne|jnt|sicepat|anteraja|gosend|resi|kargo", "CUESHIP"),
    (r"bayar|pembayaran|transfer|ewallet|e dompet|dompet digital|dompet elektronik|qris|gopay|ovo|shopeepay|dana|rekening|paylater|cicilan|dp|uang muka", "CUEPAY"),
    (r"packing|pengemasan|dikemas|kemasan|bubble wrap|bubblewrap|kardus|dus|lakban|wrapping", "CUEPACK"),
    (r"jam buka|buka jam|jam operasional|jam kerja|hari libur|libur|admin", "CUESTORE"),
    (r"garansi|retur|return|refund|komplain|unboxing|ulasan|rating|review|pesanan", "CUEPOLICY"),
    (r"halo|hai|selamat datang|selamat berbelanja|terima kasih|terimakasih|makasih|happy shopping|salam|welcome", "CUEGREET"),
    (r"bonus|free|gratis|hadiah|plus|include|sudah termasuk|termasuk", "CUEBONUS"),
    # (2.10) a list of the listing's variants ("Varian: ribbon / pouch / ktp-el kosong"): each item is one product of
    # several, so the first is no product phrase; as after a bonus, what the list offers still counts
    # (2.10) a kit's goods listed ("Isi paket: aplikasi desain, printer, 30 blanko e-KTP"): each item is one of them,
    # so the first is no product phrase either
    (r"varian|variasi|pilihan varian|pilih varian|varian tersedia|isi (?:paket|kit|bundle|bundling)", "CUEVARIANT"),
    (r"juga|etalase|produk lain|lainnya|tersedia", "CUEXSELL"),
    # a tool the product is used with ("bisa diprint pakai printer kartu"): not the product
    # (2.5) a printer the product can be used in ("e-KTP kosong (bisa untuk printer kartu)"), the words read as one cue
    (r"(?:bisa|dapat|cocok) (?:untuk|buat|dipakai di|dipakai untuk|dicetak di|dicetak pakai) printer", "CUEUSE"),
    # (precision10) printed "with" a printer, the preposition left out or another one ("bisa dicetak printer kartu",
    # "dapat diprint dengan printer ID card"): a tool it is used with, not the product
    (r"(?:bisa|dapat|siap) (?:langsung )?(?:dicetak|diprint)(?: dengan| menggunakan| memakai| via| lewat)? printer", "CUEUSE"),
    # (2.6) a printer the card is for, as its purpose ("buat latihan printer kartu", "untuk tes printer")
    (r"(?:untuk|buat) (?:latihan|tes|test|uji coba) printer", "CUEUSE"),
    (r"pakai|pake|menggunakan|tes|test|dites", "CUEUSE"),  # "tes reader": a tool it was tested with
    (r"blangkon", "NEGHEADWEAR"),
    # (2.6) a holder joined by a conjunction to what was named before it ("Blanko e-KTP dan holder"): an add-on
    # sold beside it, weak even in the title's product phrase; its NEG name keeps it parting a blank pair
    # (2.8) the place a thing is kept or carried ("KTP cadangan untuk di dompet", "buat simpanan di dompet"): where it
    # goes, not a holder on offer; "Holder KTP untuk dompet" keeps the holder it opens with
    (r"(?:untuk|utk|buat|for|simpan|simpanan|disimpan)(?: di| ke| dalam| di dalam)? (?:holder|casing|dompet)", "KEPTIN"),
    # (relrec16) a place ("di tempat kami", "ambil di tempat", "cetak ulang di tempat kami"; ``tempat`` is spelled
    # ``dompet``): where a shop serves, not a wallet on offer; 2.13 read it as a holder heading the listing, so "Ambil di
    # tempat kami." before or after a title hid ~5,000 read-right offers
    (r"(?:di|ke|dari) dompet (?:kami|kita|saya|aku|anda|kamu|kakak|kakak2|masing masing|masing2|usaha|tinggal|asal)"
     r"|(?:ambil|diambil|bayar|dibayar|tunggu|ditunggu|jadi|selesai) di dompet", "KEPTIN"),
    (r"(?:dan|serta) (?:holder|casing|dompet)", "NEGADDON"),
    # (levers16, after related13) "di tempat kami" (canonical "di dompet kami"): the shop's place, where goods are
    # picked up or met ("Bisa ambil di tempat kami" run on after a title hid 4,137 of 5,280 read-right offers on 2.13)
    (r"di dompet (?:kami|kita|saya|aku|aye|abdi|kulo)", "ONSITE"),
    (r"holder|casing|dompet", "NEGHOLDER"),
    # (2.5) a holder heading a blank pair ("casing e-KTP kosong", "dompet blanko e-KTP"): Indonesian puts the
    # head noun first, so the blank word describes the holder (an empty one), not an e-KTP on offer
    # (2.6) also with a word of the holder's between ("dompet KTP kulit (kosong)", "map arsip KTP yang kosong")
    (r"<NEGHOLDER> (?:arsip )?(?:<KTP>|<EKTP>) (?:kulit |bening |tebal |motif |bekas |yang |yg )?(?:<KOSONG>|<BLANGKO>)"
     r"|<NEGHOLDER> (?:<KOSONG>|<BLANGKO>) (?:<KTP>|<EKTP>)", "NEGHOLDER"),
    (r"pvc (?:<KARTU> )?(?:printer|writer)", "NEGPRINTER"),  # "NFC writer", "PVC card printer": the machine
    # (2.10) the same machine named head first, as Indonesian names it ("Printer ID card", "printer kartu PVC"): the
    # cards it prints name its kind, not a plain card also on offer
    (r"printer (?:<KARTU> )?(?:id <KARTU>|pvc|<KARTU> pvc|idcard)", "NEGPRINTER"),
    # (2.10) a kit named by the cards it makes ("Starter kit ID card"): the kit, its goods listed apart, not a plain card
    (r"(?:starter )?kit (?:id <KARTU>|idcard)", "NEGPRINTER"),
    (r"pvc|id <KARTU>|<KARTU> (?:nama|member|akses|pelajar)|member <KARTU>", "NEGPLAINCARD"),
    (r"(?:printer )?writer|alat tulis|(?:kit|alat|mesin|perangkat) (?:personalisasi|cetak|tulis)(?: dan (?:cetak|tulis))?", "NEGWRITER"),
    (r"printer|alat (?:baca|rekam)", "NEGPRINTER"),
    # (2.8) software that enters data onto cards ("software included", "aplikasi isi data", "SDK"): in a card printer's
    # kit it makes the kit one to write identities, not a printer sold with blanks
    (r"software|aplikasi|sdk", "SOFTWARE"),
    # a card tested or read on a reader says it works; the reader is not on offer ("tes reader", "terbaca di reader")
    (r"(?:tes|test|dites|dicek|cek|terbaca|dibaca|kebaca|bisa dibaca) (?:pakai |di |dengan |sama )?<NEGPRINTER>", "READTEST"),
    # (relrec16) a person's data printed or filled by the poster ("kami cetak data kakak", "cetakin datanya", "datamu kami
    # printkan"): alone a print shop's words; onto a blank, the buyer's or any, a KTP made (``data_printed_on_blank``).
    # after the forged-KTP phrases that hold these words (CUSTOMID, PRINTEDID), before a copy shop's "jasa cetak".
    # Filling is read only with whose data it is ("isi data diri" is what a form asks of its reader)
    (rf"{_PRINT_VERB} (?:data|datanya|datamu|biodata){_WHOSE_DATA}|{_FILL_VERB} (?:data|datanya|datamu){_OWNER}"
     rf"|(?:data|datanya|datamu)(?:{_OWNER})? (?:kami|kita|saya|aku|tak|gue|gw) (?:bisa )?(?:{_PRINT_VERB}|{_FILL_VERB})", "PRINTDATA"),
    (r"jasa (?:scan|print|cetak|fotokopi|laminating)|fotokopi|laminating|<COPYSVC>|penerjemah|terjemahan", "NEGCOPYSERVICE"),
    (r"kwitansi|nota|surat jalan|surat|faktur|invoice|tanda terima|formulir", "NEGFORMBOOK"),
    (r"mainan", "NEGTOY"),
    # (2.5) a change made at the office ("data di KTP bisa diubah di dukcapil"): a correction, no edit file
    (r"(?:bisa|dapat) (?:diubah|diganti|diedit|diperbaiki) (?:di|ke|lewat|melalui) (?:<OFFICIAL>|kantor|kelurahan|kecamatan)", "OFFICEPROC"),
    # (2.9) "mentahan" (raw) said of a card or a blank beside its ID term ("kartu KTP mentahan", "mentahan blangko e-KTP"):
    # the raw card, a KTP's material, as "kartu mentah" is; said of a file or a design, or of a bare "KTP", it is the
    # designer's raw file below ("file mentahan KTP", "mentahan KTP PSD")
    (r"(?:file|desain) mentahan|mentahan (?:template|desain|file)", "NEGTEMPLATE"),
    (r"(?:<KARTU>|<BLANGKO>) (?:<KTP>|<EKTP>) mentahan|mentahan (?:<KARTU>|<BLANGKO>) (?:<KTP>|<EKTP>)", "IDMATERIAL"),
    (r"template desain|desain template|file desain|file (?:edit|editan)|template|file master|master file|mentahan|font|(?:bisa|dapat|tinggal|siap) (?:diedit|edit|diubah)|edit sendiri", "NEGTEMPLATE"),
    (r"desain|stiker", "NEGDESIGN"),
    (r"akun", "AKUN"),
    (r"(?:sudah|full) verifikasi|verified|premium|upgraded|(?:sudah|full) upgrade|centang biru", "VERIFIED"),
    # (relrec15) held in another person's name ("akun IKD … atas nama orang lain"): an account or a document sold so is
    # that person's identity traded (``anothers_name``)
    (r"(?:atas nama|a n) orang lain|(?:atas nama|a n) (?:milik )?orang", "OTHERSNAME"),
    (r"buatkan|bikinkan|bikinin|buatin|dibuatkan|dibikinin", "MAKEFOR"),  # made for you
    (r"jasa urus|jasa pembuatan|jasa bikin|biro jasa|jasa|urus|ngurus|mengurus|pengurusan|ngurusin|urusin|nguruskeun|bikin|buat|pembuatan|bikinin|buatin|buatkan|bikinkan|ganti|ubah|rubah|tambah|bantu|bantuin", "SERVICE"),
    # (2.6) a how-to (a guide, a course): about an e-KTP unless it teaches making one from blanks (``howto_make_id``)
    (r"cara|tips|panduan|tutorial|modul|kursus|pelatihan", "NEGHOWTO"),
    (r"pengumuman|berita|(?:info|informasi) (?:untuk|bagi) (?:warga|masyarakat)|informasi|koran|majalah|buku|book|e book|skripsi|tesis|tugas akhir|jurnal|ebook|kliping|makalah|artikel|tabloid|buletin|novel|seminar|webinar|workshop|warta"
     r"|press release|siaran pers", "NEGPUBLICATION"),  # (2.8) a press release too
    (r"plastik", "NEGMATERIAL"),
    # (2.5) a conjunction between two things named: "writer chip e-KTP dan blank chip" sells a writer and
    # blank chips, the blank word is not the e-KTP's (last, so phrases holding "dan" are read first)
    # (2.7) a document's state "done" ("KTP Batam jadi", "KTP-nya udah jadi"): what a rule reads next to
    # a population document as one made and handed over (score.document_done); last, so every phrase
    # holding "jadi" (terima jadi, langsung jadi, 2 hari jadi) is read first
    # not yet or not done ("KTP elektronik (belum jadi)": not yet made, an unprinted card; "tidak jadi": called off)
    (_ABSENT + r" jadi", "NOTDONE"),
    (r"(?:sudah|udah|pasti|tetap|dijamin|semua) jadi", "DONESURE"),  # said with its aspect: done, not "becomes"
    (r"jadi", "DONE"),
    (r"dan|serta", "AND"),
)


def _in_canonical_spelling(pattern: str) -> str:
    """A phrase pattern with each of its words in canonical spelling.

    Phrases match canonical words, so a pattern word written as a listed variant
    never matched (2.4's "terima beres" waited for a word that is always "selesai",
    "kertas sekuriti" for one always "plastik"); patterns may now be written as
    sellers write (2.5).
    """
    return re.sub(r"(?<![A-Z<])[a-z0-9]+", lambda word: SPELLING.get(word.group(0), word.group(0)), pattern)


_PHRASES = tuple((_in_canonical_spelling(pattern), name) for pattern, name in _PHRASES)


def _tagger(pattern: str) -> re.Pattern[str]:
    pattern = re.sub(r"<([A-Z]+)>", r"\1=\\S*", pattern)
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


def _replace_with(tag_name: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        plain = [w.split("=", 1)[1] if "=" in w else w for w in match.group(0).split()]
        return tag_name + "=" + "_".join(plain)

    return replace


def _anchors(pattern: str) -> frozenset[str]:
    """Words (or tags) of which a match must contain at least one: every word of every
    string the pattern matches (:func:`_expand`), so fragments glued into one word
    (``(?:di|ter)?(?:cetak|isi)``) are listed as the words they make (2.4: 2.3 ran such
    patterns on every run of words instead).  Read from the pattern without listing its
    strings (:func:`matchers.phrase_word_sets.phrase_words`; struct16: listing them at
    import was half of what importing the scorer cost)."""
    return phrase_words(pattern)


def tag(words: list[str]) -> str:
    """Canonical words with known terms replaced by ``TAG=original_words`` tokens.

    Phrases are tried in their order, each only when every word of one of the strings
    it matches is present (a word of the text, or a tag an earlier phrase made): found
    through :func:`_word_sets_by_pair`, not every phrase's regex run on every text that holds
    one of its words (seven in eight of those runs matched nothing).
    """
    text = " ".join(words)
    present = set(words)
    replacers = _replacers()
    pending = _phrases_present(present)
    queued = set(pending)
    while pending:
        at = heapq.heappop(pending)
        regex, replace, _, name = replacers[at]
        new = regex.sub(replace, text)
        if new != text:
            text = new
            if name not in present:  # a new tag: later phrases needing it may match now
                present.add(name)
                _queue_followers(name, at, present, queued, pending)
    return text


def _phrases_present(present: set[str]) -> list[int]:
    """The phrases (indices into ``_replacers()``, in order) one of whose word sets the words hold:
    each set looked up under a present word and another present word (or None), as a loop that
    skips the words no set is listed under (a set comprehension over every pair cost a third more)."""
    by_pair = _word_sets_by_pair()
    found: set[int] = set()
    keys = (None, *present)
    for word in present:
        by_key = by_pair.get(word)
        if by_key is None:
            continue
        for key in keys:
            entries = by_key.get(key)
            if entries:
                found.update(at for at, needed in entries if needed <= present)
    return sorted(found)


def _queue_followers(name: str, at: int, present: set[str], queued: set[int], pending: list[int]) -> None:
    """Queue each phrase after ``at`` not yet queued one of whose word sets holding the new tag
    ``name`` is now present.  Such a set is found under one of its other words (see
    :func:`_word_sets_by_pair`), so only sets whose key word is present are tested, not every word set
    of a common tag (KTP, EKTP: 365 each) after every phrase that made it."""
    followers = _word_sets_by_pair().get(name)
    if followers is None:
        return
    for key in (None, *present):
        for later, needed in followers.get(key, ()):
            if later > at and later not in queued and needed <= present:
                queued.add(later)
                heapq.heappush(pending, later)


def _word_sets(pattern: str) -> set[frozenset[str]]:
    """The words of each string a phrase pattern matches, without the sets that hold a smaller
    one: a match needs every word of one of these (tags as their names).  Read from the pattern
    (:func:`matchers.phrase_word_sets.minimal_word_sets`), not from its :func:`_expand` strings."""
    return minimal_word_sets(pattern)


@cache
def _expand(pattern: str) -> frozenset[str]:
    """Every string a phrase pattern matches, with ``<TAG>`` kept as ``TAG`` (cached): the
    definition the anchors and the word sets of :func:`tag` are held to by the tests
    (``test_phrase_word_sets.py``), which read them from the pattern without listing its
    strings (struct16: nothing lists them at import any more).

    The phrase patterns are finite (literals, ``(?:a|b)`` groups, ``?``); any
    other regex syntax raises here, and at import in the readings of the same
    grammar, because the vocabulary below could no longer be listed.
    """

    def alternatives(i: int) -> tuple[set[str], int]:
        out: set[str] = set()
        while True:
            strings, i = sequence(i)
            out |= strings
            if i < len(pattern) and pattern[i] == "|":
                i += 1
                continue
            return out, i

    def sequence(i: int) -> tuple[set[str], int]:
        out = {""}
        while i < len(pattern) and pattern[i] not in "|)":
            if pattern.startswith("(?:", i):
                item, i = alternatives(i + 3)
                if pattern[i : i + 1] != ")":
                    raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")
                i += 1
            elif pattern[i] == "<":
                end = pattern.index(">", i)
                item, i = {pattern[i + 1 : end]}, end + 1
            elif pattern[i].isalnum() or pattern[i] == " ":
                item, i = {pattern[i]}, i + 1
            else:
                raise ValueError(f"phrase pattern {pattern!r} uses {pattern[i]!r}, which the vocabulary cannot list")
            if pattern[i : i + 1] == "?":
                item, i = item | {""}, i + 1
            out = {a + b for a in out for b in item}
        return out, i

    strings, end = alternatives(0)
    if end != len(pattern):
        raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")
    return frozenset(strings)


#: Each phrase's anchors, in order (what :data:`PHRASE_WORDS` is read from at import).
_ANCHORS = tuple(_anchors(p) for p, _ in _PHRASES)


@lru_cache(maxsize=1)
def _replacers() -> tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str], frozenset[str], str], ...]:
    """Each phrase's regex, its replacement, its anchors and its tag's name, in order: compiled on first use, not at
    import (struct16: the 237 regexes were a quarter of what importing the scorer cost, and most commands never tag)."""
    return tuple((_tagger(p), _replace_with(name), anchors, name)
                 for (p, name), anchors in zip(_PHRASES, _ANCHORS, strict=True))


@lru_cache(maxsize=1)
def _word_sets_of() -> dict[str, tuple[tuple[int, frozenset[str]], ...]]:
    """word or tag -> (phrase index into ``_replacers()``, the words of a string it matches), built
    on first use, not at import (see :func:`tag`).  A set of plain words is listed under its
    rarest word only, as all of them must be in the text; a set holding tags under each of its
    tags, as they appear one by one while the text is tagged."""
    sets = [(at, needed) for at, (pattern, _) in enumerate(_PHRASES) for needed in _word_sets(pattern)]
    rarest_first = _rank_by_rarity(needed for _, needed in sets)
    by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for entry in sets:
        needed = entry[1]
        for word in list(filter(str.isupper, needed)) or [min(needed, key=rarest_first)]:
            by_word.setdefault(word, []).append(entry)
    return {word: tuple(entries) for word, entries in by_word.items()}


def _rank_by_rarity(word_sets: Iterable[frozenset[str]]) -> Callable[[str], int]:
    """A key ordering the words of ``word_sets`` as (how many sets hold the word, the word) does:
    one dict lookup per word compared, not a tuple built for each."""
    how_often = Counter(chain.from_iterable(word_sets))
    ranked = sorted(how_often, key=lambda word: (how_often[word], word))
    return {word: rank for rank, word in enumerate(ranked)}.__getitem__


@lru_cache(maxsize=1)
def _word_sets_by_pair() -> dict[str, dict[str | None, tuple[tuple[int, frozenset[str]], ...]]]:
    """:func:`_word_sets_of` keyed once more: word or tag -> another word or tag of a set listed
    under it (the set's rarest other, None for a set of that word alone) -> (phrase, the set).  A
    set is only complete when both are present, so :func:`tag` looks sets up by pairs of the words
    it has, not by one word with every set under it (72 under "datang", 365 under the tag KTP)."""
    rarest_first = _rank_by_rarity(needed for entries in _word_sets_of().values() for _, needed in entries)
    grouped: dict[str, dict[str | None, list[tuple[int, frozenset[str]]]]] = {}
    for word, entries in _word_sets_of().items():
        by_key = grouped[word] = {}
        for entry in entries:
            others = entry[1] - {word}
            by_key.setdefault(min(others, key=rarest_first) if others else None, []).append(entry)
    return {word: {key: tuple(entries) for key, entries in by_key.items()} for word, by_key in grouped.items()}


#: Every canonical word that some phrase can match.  Any other word is never part
#: of a tag, so it splits the text into runs that are tagged independently.
#: (The words of every string of every phrase are its anchors, already listed: expanding the phrases again cost a
#: quarter of a second at first use once two phrases listed 160,000 strings.)
PHRASE_WORDS = frozenset(
    word for anchors in _ANCHORS for word in anchors
    if not (word.isalpha() and word.isupper())  # TAG names stand for tokens tagged earlier
)
_run_cache: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}


def _tag_run(run: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Tagged tokens of a run of phrase words, and their shape tokens (cached)."""
    tagged = _run_cache.get(run)
    if tagged is None:
        if len(_run_cache) > _CACHE_LIMIT:
            _run_cache.clear()
        tokens = tag(list(run)).split()
        shape = [token[: token.index("=") + 1] if "=" in token else "_" for token in tokens]
        tagged = _run_cache[run] = (tokens, shape)
    return tagged


class Outline(NamedTuple):
    """Tagged text as token list, and the outline that rules over tags need.

    ``shape`` has one token per kept token: ``TAG=`` for a tag token, ``_``
    for any other; ``where[i]`` is the index in ``tokens`` of shape token
    ``i``.  Untagged words before the first tag and after the last are left
    out of the shape, and longer runs of words that are not phrase words are
    cut to ``max_gap``, so texts that differ only in prices, sizes and codes
    share one shape.
    """

    tokens: list[str]
    shape: str
    where: list[int]


_NO_WHERE: list[int] = []
_GAP = [["_"] * n for n in range(64)]


def outline(words: list[str], max_gap: int) -> Outline:
    """:func:`tag` the words into tokens, with the outline rules match (see :class:`Outline`).

    Phrase matches are whole words and every word in one is in
    :data:`PHRASE_WORDS`, so a word outside it can never be inside a match: the
    runs between such words are tagged on their own and cached (scans repeat
    runs far more often than whole texts).
    """
    phrase_at = list(compress(range(len(words)), map(PHRASE_WORDS.__contains__, words)))
    if not phrase_at:
        return tuple.__new__(Outline, (words, "", _NO_WHERE))  # as Outline(...), without its Python __new__
    runs: list[tuple[int, int]] = []  # [start, end) of each run of phrase words
    start = previous = phrase_at[0]
    for at in phrase_at[1:]:
        if at != previous + 1:
            runs.append((start, previous + 1))
            start = at
        previous = at
    runs.append((start, previous + 1))
    tokens: list[str] = []
    shape: list[str] = []
    where: list[int] = []
    done = 0  # words[:done] are in tokens
    for start, end in runs:
        if start > done and shape:  # words in no phrase: kept, and at most max_gap of them shaped
            at = len(tokens)
            kept = min(start - done, max_gap)
            shape += _GAP[kept]
            where += range(at, at + kept)
        tokens += words[done:start]
        run_tokens, run_shape = _tag_run(tuple(words[start:end]))
        at = len(tokens)
        tokens += run_tokens
        shape += run_shape
        where += range(at, at + len(run_tokens))
        done = end
    tokens += words[done:]
    if shape[0] != "_" and shape[-1] != "_":
        return tuple.__new__(Outline, (tokens, " ".join(shape), where))
    lead, end = 0, len(shape)
    while lead < end and shape[lead] == "_":
        lead += 1
    while end > lead and shape[end - 1] == "_":
        end -= 1
    return tuple.__new__(Outline, (tokens, " ".join(shape[lead:end]), where[lead:end]))


def tag_tokens(words: list[str]) -> list[str]:
    """:func:`tag` as a token list (runs of phrase words tagged once and cached)."""
    return outline(words, 1).tokens


@lru_cache(maxsize=16_384)
def plain_words(tagged: str) -> str:
    """Tagged text back to the words it stood for (what a reason shows)."""
    out = []
    for token in tagged.split():
        if "=" in token:
            out.append(token.split("=", 1)[1].replace("_", " "))
        else:
            out.append(token)
    return " ".join(out)
