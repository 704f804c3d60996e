"""Whose voice names the goods: a notice, a news item, a warning or a story about blanks stays one in a shop (notice13).

A crawl copies a notice into a listing's shape, and levers12's reading of a notice (:func:`matchers.told_voice.notice_voice`)
needs a genre heading to start from.  This reading starts from the sentences that name the goods, since a listing is
an offer only where the goods are spoken of as a seller speaks of them:

* a sentence is a seller's only when it speaks of the goods of the listing (a price or a stock with its amount, an
  order, "kami jual", a sale word beside the goods: :func:`matchers.told_voice._in_own_voice`); shop chatter that names
  no goods (shipping, payment, checkout, store hours, a generic "Diskusi" answer, spec fields) is nobody's voice;
* every sentence that names the goods says them as someone other than a seller does: an office, a ministry, the police,
  a newsroom or a named official speaking ("Disdukcapil Kab. X: …", "Kapolres: …": a *speaker head*, the genre heading's
  reading with a speaker); the blank as the *subject of a supply statement* (arrived, running out, distributed only to
  offices, seized, residents told to wait or come); a *first-person story* of one's own KTP ("KTP saya hilang …,
  katanya blangko ada", "antre cetak KTP …"); a report's, a warning's or a question's words (:func:`_tells_of`), an
  office or residents spoken of (:func:`_speaks_as_notice`); in the title, a genre or a report's heading word too;
* and at least two of them do, or one under a speaker head.

A supply statement said to a buyer is a seller's: "Stok blangko e-KTP terbatas, buruan order kak 150rb" prices its goods
(the seller's voice ends the reading), and "Blangko e-KTP ready" names the goods with no such statement (a sentence
that names the goods plainly ends it too), so a line a seller adds cannot make a plain offer a notice
(``tests/matchers/test_notice13.py`` adds each trigger to every offer the tune rows read right).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from matchers.told_voice import (
    _SENTENCE,
    _TOLD,
    _WORD,
    _in_own_voice,
    _seller_speaks_of_itself,
    _speaks_as_notice,
    _tags_of_clauses,
    _tells_of,
)

#: An office, a ministry, the police, a newsroom or an official heading a sentence as its speaker ("Disdukcapil Kab.
#: Sleman: …", "Ditjen Dukcapil: …", "Kapolres: …", "Humas Polres: …", "Lurah Kebon Jeruk: …", "Redaksi: …"): up to
#: four words of a name after the office's word, then the colon.
_SPEAKER_HEAD = re.compile(
    r"^[\W_]*(?:(?:humas|kepala|kadis|plt|pj|bapak|ibu) )?(?:dukcapil|disdukcapil|dispendukcapil|dispenduk|dindukcapil"
    r"|ditjen|dirjen|kemendagri|mendagri|kementerian|menteri|kapolres|kapolda|kapolsek|kapolri|polres|polda|polsek|polri"
    r"|polisi|bareskrim|camat|kecamatan|kelurahan|lurah|kades|bupati|walikota|wali kota|wakil \w+|gubernur|pemkot|pemkab"
    r"|pemprov|pemda|pemerintah|kadisdukcapil|dinas|redaksi|ombudsman|dprd|sekda|kominfo)\b[\w .,/'-]{0,40}?\s*:\s*\S")
#: The blank as the subject of a supply statement: arrived, available again at an office, distributed, sent from the
#: centre, running out, limited, safe, sufficient, out for now, seized, found; what a notice or a news item says of an
#: office's stock ("blangko KTP-el sudah tiba", "hanya didistribusikan ke dinas", "stok blanko menipis", "blanko sedang
#: kosong", "disita").  "Kosong" alone is what a blank is (an unprinted card) and "ada" what a seller says: neither is one.
_SUPPLY = re.compile(
    r"\b(?:sudah|telah|akhirnya) (?:datang|tiba|sampai|dikirim|didistribusikan|tersedia|teko|sumping)\b"
    r"|\bbelum (?:datang|tiba|sampai|dikirim|didistribusikan|tersedia|teko|sumping)\b"
    r"|\b(?:parantos|wis|wes) (?:sumping|teko)\b|\b(?:tersedia|ada) (?:kembali|lagi) di\b|\bdurung teko\b"
    r"|\b(?:didistribusikan|disalurkan|dialokasikan)\b|\bdikirim dari (?:pusat|kemendagri|kabupaten|provinsi)\b"
    r"|\bkiriman (?:dari|tambahan)\b|\b(?:menipis|langka|kelangkaan)\b"
    r"|\b(?:stok|ketersediaan|persediaan|pasokan)\b[^.]{0,30}?\b(?:aman|cukup|menipis|terbatas|habis)\b"
    r"|\b(?:sedang|lagi|masih sering|sering|sempat) (?:kosong|habis)\b|\bkosong (?:lagi|terus)\b"
    r"|\b(?:disita|diamankan|ditemukan|dicuri|menyita|mengamankan|barang bukti)\b|\bkuota\b")
#: A word denying what follows ("bukan barang sitaan", "tanpa antre", "kagak pake antri"): no supply told, no story.
_DENIED_BEFORE = re.compile(r"\b(?:bukan|tidak|tdk|tanpa|ga|gak|nggak|kagak|ngga|anti|bebas|skip)(?: (?:pake|pakai|perlu|usah|harus|ada))?\W*$")


def _said(pattern: re.Pattern[str], form: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``form`` not right after a denial."""
    return any(_DENIED_BEFORE.search(form[:match.start()]) is None for match in pattern.finditer(form))


#: A story of one's own KTP: the writer's or a relative's KTP, hearsay from the office (a queue alone is no story: a
#: fast track's seller says "tanpa antre", "males antri").
_STORY = re.compile(
    r"\b(?:ktp|e ktp|ktpel|ktp el|e-ktp|ktp-el)(?:nya)? (?:saya|aku|gue|gw|ane|anak saya|anakku|bapak saya|ibu saya|istri saya"
    r"|suami saya)\b|\bktp ?ku\b"
    r"|\b(?:katanya|kata petugas|petugasnya|jare|cenah)\b")

#: A buyer addressed or urged: a supply statement said so is a seller's ("stok terbatas, buruan kak").
_BUYER_ADDRESSED = re.compile(r"\b(?:kak|kakak|ka|gan|agan|sis|bos|buruan|borong|order|checkout|chat|japri)\b")
#: A seller vouching for itself or its goods ("kami seller terpercaya", "di sini asli"), not merely naming its shop.
_VOUCHED = re.compile(r"\b(?:terpercaya|amanah|asli|ori|original|resmi|jujur|aman|berpengalaman|bukan (?:hoaks|hoax|penipuan|tipu|scam))\b")
#: A report's heading words a title may open with ("Curhat: …", "Pengalaman bikin KTP", "Tweet: …"): the poster's own
#: story.  Not a genre heading ("Pengumuman:", "Info:"), which a seller puts on an offer as easily (levers12).
_TITLE_HEADS = frozenset({"curhat", "pengalaman", "cerita", "crita", "kisah", "tweet", "thread"})
#: A gate: words one of the readings above holds (most listings hold none and are not read further).
GATE_WORDS = frozenset({
    "dukcapil", "disdukcapil", "dispendukcapil", "dispenduk", "dindukcapil", "ditjen", "dirjen", "kemendagri", "mendagri",
    "kapolres", "kapolda", "kapolsek", "polres", "polda", "polsek", "polisi", "camat", "kecamatan", "kelurahan", "lurah",
    "kades", "bupati", "walikota", "gubernur", "pemkot", "pemkab", "pemprov", "pemda", "pemerintah", "dinas", "redaksi",
    "warga", "masyarakat", "petugas", "datang", "tiba", "didistribusikan", "menipis", "langka", "terbatas", "disita",
    "diamankan", "antre", "antri", "katanya", "jare", "habis", "sumping", "teko", "kuota", "saya", "aku"})


#: Tags that name no goods: a sentence's cues (shipping, payment, greeting …), a sale's words and a shop's terms, an
#: office's place and doings.  Every other tag names something a listing may offer (a blank, a KTP, an ID's data, an
#: account, a fast track, a holder …), so a related offer's goods must be told of too before its listing is a notice.
_NAMES_NOTHING = frozenset({"AND", "NOT", "NOTONLY", "SALE", "SALETERMS", "SELLERTERMS", "REASSURE", "RESPON", "READY",
                            "POPULAR", "AUDIENCE", "ORIGINAL", "OFFICIAL", "VENUE", "OFFICEPROC", "OTHEROFFICE", "DONE",
                            "DONESURE", "NOTDONE", "SERVICE"})


def _names_goods(sentence: str, tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> bool:
    """Whether a sentence names something a listing may offer (``_NAMES_NOTHING``, cues aside)."""
    return any(not tag.startswith("CUE") and tag not in _NAMES_NOTHING for tag in _tags_of_clauses(sentence, tags_of, spelled))


def _told_otherwise(forms: tuple[str, str], in_title: bool, tags_of: Callable[[str], frozenset[str]],
                    spelled: Callable[[str], str]) -> bool:
    """Whether a sentence naming the goods says them as no seller does (a speaker head is read by the caller)."""
    if any(_said(_SUPPLY, form) for form in forms) and not _BUYER_ADDRESSED.search(forms[0]):
        return True
    if any(_said(_STORY, form) for form in forms) or _speaks_as_notice(forms):
        return True
    if in_title and not _TITLE_HEADS.isdisjoint(_WORD.findall(forms[1])):
        return True
    return _tells_of(forms, tags_of, spelled) == _TOLD


def _sellers(sentence: str, forms: tuple[str, str], names_goods: bool) -> bool:
    """Whether a sentence is a seller's: its offer in its own voice (no question), or the seller vouching for itself or
    its goods; a greeting or a "follow" naming the shop ("Selamat datang di toko kami!") is chatter, nobody's voice."""
    if "?" not in sentence and _in_own_voice(forms, names_goods):
        return True
    return _seller_speaks_of_itself(forms) and (names_goods or _VOUCHED.search(sentence) is not None)


@lru_cache(maxsize=1024)
def speaks_of_goods_as_no_seller(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                                 spelled: Callable[[str], str]) -> bool:
    """Whether no sentence speaks in a seller's voice and every sentence naming the goods says them as an office, a
    newsroom, a warning, a story or an asker does, two of them or one under a speaker head (module docstring)."""
    told, headed = 0, False
    for in_title, text in ((True, title), (False, description)):
        for line in text.lower().splitlines():
            line_head = _SPEAKER_HEAD.match(line) is not None
            for match in _SENTENCE.finditer(line):
                sentence = match.group(0)
                forms = (sentence, spelled(sentence))
                names_goods = _names_goods(sentence, tags_of, spelled)
                if _sellers(sentence, forms, names_goods):
                    return False
                if not names_goods or (not in_title and sentence.lstrip().startswith("#")):
                    continue  # a description's hashtags are search words (a title's are its product phrase)
                if not (line_head or _told_otherwise(forms, in_title, tags_of, spelled)):
                    return False  # the goods named plainly: a product phrase ("Blangko e-KTP kosong ori", "Butuh blanko?")
                told += 1
                headed = headed or line_head
    return told >= 2 or (headed and told >= 1)
