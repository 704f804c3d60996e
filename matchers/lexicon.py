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

import re
from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# --- step 1: spelling -------------------------------------------------------

#: Exact variants → canonical spelling. Hard-negative look-alikes map to themselves
#: so the fuzzy step never "corrects" them into a target word.
SPELLING: dict[str, str] = {
    **dict.fromkeys(
        ["blangko", "blanko", "blank", "blnko", "blngko", "blangco", "blanco", "blangkoo",
         "blankoo", "belangko", "belanko", "balnko", "blamko", "bianko", "biangko", "blangk",
         "blanks", "blako", "blanko2", "blangkonya", "blankonya", "blankoan"],
        "blanko",
    ),
    **dict.fromkeys(["blangkon", "blankon", "blangkon2", "belangkon", "blanket", "blangket"], "blangkon"),
    **dict.fromkeys(["kosong", "kosongan", "ksong", "ksg", "kosongn", "polos", "polosan", "mentah", "mentahan"], "kosong"),
    **dict.fromkeys(["ektp", "etkp", "ektip", "ektepe", "ekatepe", "ektpel", "ktpe", "ektpnya"], "ektp"),
    **dict.fromkeys(["ktpel", "ktpelektronik"], "ktpel"),
    **dict.fromkeys(["ktp", "kpt", "katepe", "ktpnya", "ktp2"], "ktp"),
    **dict.fromkeys(["elektronik", "elektrik", "elektronic", "electronic", "elektronk", "elektroni"], "elektronik"),
    **dict.fromkeys(["chip", "cip", "chips", "cipnya", "chipnya", "cp"], "chip"),
    **dict.fromkeys(["dukcapil", "disdukcapil", "dispendukcapil", "capil", "dukcpl", "kemendagri", "kemdagri"], "dukcapil"),
    **dict.fromkeys(["dinas", "dinasnya", "instansi", "pemda", "pemerintah", "pemkab", "pemkot"], "dinas"),
    **dict.fromkeys(["original", "ori", "asli", "orginal", "orisinil", "origin"], "original"),
    **dict.fromkeys(["akta", "akte", "akt"], "akta"),
    **dict.fromkeys(["kk", "kartukeluarga"], "kk"),
    **dict.fromkeys(["kia"], "kia"),
        **dict.fromkeys(["fotokopi", "fotocopy", "fotocopi", "photocopy", "photocopi", "fotokopy", "xerox"], "fotokopi"),
    **dict.fromkeys(["laminating", "laminasi", "laminate", "lamination", "laminatting"], "laminating"),
    **dict.fromkeys(["kwitansi", "kuitansi", "kwitansi2", "kwintansi"], "kwitansi"),
    **dict.fromkeys(["holder", "holdr", "holders"], "holder"),
    **dict.fromkeys(["casing", "case", "cover", "sleeve", "pelindung", "sarung", "plastik"], "casing"),
    **dict.fromkeys(["dompet", "wallet", "cardholder", "organizer", "tempat", "map", "ordner", "gantungan", "lanyard", "yoyo", "tali"], "dompet"),
    **dict.fromkeys(["printer", "ribbon", "pita", "tinta", "toner", "reader", "writer", "encoder", "rw", "scanner"], "printer"),
    **dict.fromkeys(["pvc", "rfid", "nfc", "mifare", "ntag", "ntag213", "ntag215", "em4100", "tk4100", "t5577", "125khz", "1k", "s50", "cr80"], "pvc"),
    **dict.fromkeys(["mainan", "toys", "toy", "edukasi", "anak2", "roleplay", "miniatur", "replika", "kostum", "cosplay"], "mainan"),
    **dict.fromkeys(["template", "desain", "design", "mockup", "psd", "cdr", "vector", "vektor", "font"], "template"),
    **dict.fromkeys(["stiker", "sticker", "skin", "garskin"], "stiker"),
}

#: Canonical key words whose typos are worth correcting (only words of 6+ letters).
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
_FUZZY_TARGET["kosongan"] = "kosong"
_FUZZY_MIN_LEN = 6
_CACHE_LIMIT = 200_000
_spelling_cache: dict[str, str] = {}


def _max_edits(word: str) -> int:
    return 1 if len(word) < 9 else 2


def correct_words(words: Iterable[str]) -> None:
    """Decide the spelling of words not seen before, in one rapidfuzz batch, and cache it."""
    unseen = sorted({w for w in words if w not in _spelling_cache})
    if not unseen:
        return
    if len(_spelling_cache) > _CACHE_LIMIT:
        _spelling_cache.clear()
    fuzzy: list[str] = []
    for word in unseen:
        if word in SPELLING:
            _spelling_cache[word] = SPELLING[word]
        elif len(word) < _FUZZY_MIN_LEN or word.isdigit():
            _spelling_cache[word] = word
        else:
            fuzzy.append(word)
    if not fuzzy:
        return
    distances = process.cdist(fuzzy, FUZZY_KEYS, scorer=Levenshtein.distance, workers=1)
    for word, row in zip(fuzzy, distances, strict=True):
        best = int(row.argmin())
        target = word
        if int(row[best]) <= _max_edits(word):
            target = _FUZZY_TARGET[FUZZY_KEYS[best]]
        _spelling_cache[word] = target


#: Key words that may arrive split in two by an emoji or a stray space ("bl🔥ank", "blan gko").
_JOINABLE = frozenset(
    w for w, target in SPELLING.items()
    if len(w) >= 5 and target in ("blanko", "ektp", "ktpel", "kosong", "elektronik", "dukcapil")
)


def _join_split_words(words: list[str]) -> list[str]:
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if i + 1 < len(words) and len(word) <= 4 and word + words[i + 1] in _JOINABLE:
            joined.append(word + words[i + 1])
            i += 2
        else:
            joined.append(word)
            i += 1
    return joined


def canonical_words(normalised: str) -> list[str]:
    """The words of a normalised text, each in its canonical spelling."""
    words = _join_split_words(normalised.split())
    cache = _spelling_cache
    if any(w not in cache for w in words):
        correct_words(words)
    return [cache[w] for w in words]


# --- step 2: concepts -------------------------------------------------------

#: Ordered (pattern, tag): earlier, longer phrases win over later, shorter ones.
#: ``<TAG>`` in a pattern stands for a token already tagged TAG by an earlier phrase.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:ukuran|seukuran|size|sebesar|mirip|seperti|kayak|kaya|model|bentuk|sama|standar) (?:kartu )?(?:ektp|ktpel|ktp(?: el)?|(?:e|3) ktp)(?: el)?", "SIZEKTP"),
    (r"(?:fotokopi|foto copy|photo copy|scan|print|laminating) (?:ktp|ektp|ktpel|kk|akta|kia)", "COPYSVC"),
    (r"kartu tanda penduduk elektronik|ktp elektronik|ktpel|ektp(?: el)?|(?:e|3) ktp(?: el)?|ktp el|ktp chip|ktp e|kartu ektp", "EKTP"),
    (r"kartu tanda penduduk|ktp", "KTP"),
    (r"(?:belum|blm|blum|blom|tidak|tanpa|ga|gak|nggak|non) (?:di|ter)?(?:cetak|isi|print|personalisasi|tulis|data|identitas|nama|foto)(?: data)?", "KOSONG"),
    (r"siap (?:cetak|isi|print|personalisasi|pakai cetak)|masih (?:kosong|baru polos)|data kosong|kosong", "KOSONG"),
    (r"(?:stok|stock|lagi|sedang|habis) <KOSONG>", "OUTOFSTOCK"),
    (r"blanko", "BLANGKO"),
    (r"kartu keluarga|kk", "KK"),
    (r"akta (?:kelahiran|lahir|kematian|nikah|cerai|perkawinan)|akta", "AKTA"),
    (r"kartu identitas anak|kia", "KIA"),
    (r"surat (?:pindah|keterangan pindah)|skpwni|buku nikah", "CIVILDOC"),
    (r"(?:<KTP>|<EKTP>|<KK>|<AKTA>) (?:jadi|siap pakai|instan|kilat|express|ekspres|palsu|aspal)", "FORGE"),
    (r"(?:bikin|buat|pembuatan|jasa pembuatan|jasa bikin|cetak ulang|ganti|tembak|nembak) (?:<KTP>|<EKTP>)|(?:<KTP>|<EKTP>) (?:tembak|nembak)", "FORGE"),
    (r"(?:data|jual|database|dump|bocoran|list|daftar|kumpulan) (?:nik|<KTP>|<EKTP>|<KK>)|nik (?:aktif|valid|<KK>|<KTP>)|(?:foto|selfie) (?:<KTP>|<EKTP>)(?: (?:dan )?selfie)?|(?:<KTP>|<EKTP>) (?:dan )?selfie", "IDDATA"),
    (r"chip", "CHIP"),
    (r"kartu|card", "KARTU"),
    (r"dukcapil|dinas", "OFFICIAL"),
    (r"original", "ORIGINAL"),
    (r"blangkon", "NEGHEADWEAR"),
    (r"holder|casing|dompet", "NEGHOLDER"),
    (r"pvc|id <KARTU>|<KARTU> (?:nama|member|akses|absensi|pelajar)|member <KARTU>", "NEGPLAINCARD"),
    (r"printer", "NEGPRINTER"),
    (r"fotokopi|laminating|jasa (?:scan|print|cetak)|<COPYSVC>", "NEGCOPYSERVICE"),
    (r"kwitansi|nota|surat jalan|faktur|invoice|tanda terima|formulir|kuitansi", "NEGFORMBOOK"),
    (r"mainan", "NEGTOY"),
    (r"template|stiker", "NEGDESIGN"),
)


def _tagger(pattern: str) -> re.Pattern[str]:
    pattern = re.sub(r"<([A-Z]+)>", r"\1=\\S*", pattern)
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


def _replace_with(tag_name: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        plain = [w.split("=", 1)[1] if "=" in w else w for w in match.group(0).split()]
        return tag_name + "=" + "_".join(plain)

    return replace


def _anchors(pattern: str) -> frozenset[str] | None:
    """Words (or tags) of which a match must contain at least one; None when a pattern
    glues fragments into one word (``(?:di|ter)?(?:cetak|isi)``) and must always run."""
    if re.search(r"[a-z)]\)?\??\(\?:[a-z(]", pattern) or re.search(r"[a-z]\(\?:[a-z]", pattern):
        return None
    return frozenset(re.findall(r"[a-z]+|[A-Z]+", pattern))


_REPLACERS = tuple((_tagger(p), _replace_with(name), _anchors(p), name) for p, name in _PHRASES)


def tag(words: list[str]) -> str:
    """Canonical words with known terms replaced by ``TAG=original_words`` tokens."""
    text = " ".join(words)
    present = set(words)
    for regex, replace, anchors, name in _REPLACERS:
        if anchors is not None and present.isdisjoint(anchors):
            continue
        new = regex.sub(replace, text)
        if new != text:
            text = new
            present.add(name)
    return text


def plain_words(tagged: str) -> str:
    """Tagged text back to the words it stood for (what a reason shows)."""
    out = []
    for token in tagged.split():
        if "=" in token:
            out.append(token.split("=", 1)[1].replace("_", " "))
        else:
            out.append(token)
    return " ".join(out)
