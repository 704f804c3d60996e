"""Whose voice names the goods: a notice, a news item, a warning or a story about blanks stays one in a shop (notice13).

A crawl copies a notice into a listing's shape, and levers12's reading of a notice (:func:`matchers.told_voice.notice_voice`)
needs a genre heading to start from.  This reading starts from the sentences that name the goods, since a listing is
an offer only where the goods are spoken of as a seller speaks of them:

* a sentence is a seller's only when it speaks of the goods of the listing (a price or a stock with its amount, an
  order, "kami jual", a sale word beside the goods: :func:`matchers.told_voice.in_own_voice`); shop chatter that names
  no goods (shipping, payment, checkout, store hours, a generic "Diskusi" answer, spec fields) is nobody's voice;
* every sentence that names the goods says them as someone other than a seller does: an office, a ministry, the police,
  a newsroom or a named official speaking ("Disdukcapil Kab. X: …", "Kapolres: …": a *speaker head*, the genre heading's
  reading with a speaker); the blank as the *subject of a supply statement* (arrived, running out, distributed only to
  offices, seized, residents told to wait or come); a *first-person story* of one's own KTP ("KTP saya hilang …,
  katanya blangko ada"); a report's, a warning's or a question's words (:func:`tells_of`), an office or residents
  spoken of (:func:`speaks_as_notice`).  A title's genre or report word ("Pengumuman:", "Curhat:") is no telling of
  its own: a seller heads an offer so as easily (levers10, levers12);
* and at least two of them do (a notice's headline and its body; one line a seller adds is one).

Where it holds, every hit of the listing stands under a report's cue (:func:`matchers.score._told`): nothing in a notice
is on offer.  Measured on main (2.10) before it: 19 of notice13_a's 28 non-offers misread; ``test_chatter13.py``'s wraps
of 768 read-right notices in 15 chatter blocks read 342 blank.

A supply statement said to a buyer is a seller's: "Stok blangko e-KTP terbatas, buruan order kak 150rb" prices its goods
(the seller's voice ends the reading), and "Blangko e-KTP ready" names the goods with no such statement (a sentence
that names the goods plainly ends it too), so a line a seller adds cannot make a plain offer a notice
(``tests/matchers/test_notice13.py`` adds each trigger to every offer the tune rows read right).

An offer's plain product phrase ends the reading, once its words show it told otherwise by none of the patterns
(:func:`may_be_told_otherwise`, an exact word-set gate read from the patterns (:mod:`matchers.told_words`): the searches
it skips would find nothing),
so the reading costs an offer little more than spelling and tagging its title (2.11 ran every search on it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from matchers.cache_sizes import READINGS_KEPT
from matchers.told_voice import (
    COMPARED,
    GOODS_TAGS,
    MONEY_LOST,
    NOTICE_SAYS,
    NOTICE_SAYS_MORE,
    OFFICE_ACTS,
    REPORTED_TO,
    SENTENCE,
    SHORTAGE,
    SKIPPED_REPORT,
    TOLD,
    TOLD_OF_TAGS,
    WARNING,
    in_own_voice,
    seller_speaks_of_itself,
    speaks_as_notice,
    tags_of_clauses,
    tells_of,
)
from matchers.told_words import WordGate, word_gate

#: An office, a ministry, the police, a newsroom or an official heading a sentence as its speaker ("Disdukcapil Kab.
#: Sleman: …", "Ditjen Dukcapil: …", "Kapolres: …", "Humas Polres: …", "Lurah Kebon Jeruk: …", "Redaksi: …"): up to
#: four words of a name after the office's word, then the colon.
SPEAKER_HEAD = re.compile(
    r"^[\W_]*(?:(?:humas|kepala|kadis|plt|pj|bapak|ibu) )?(?:dukcapil|disdukcapil|dispendukcapil|dispenduk"
    r"|ditjen|dirjen|kemendagri|mendagri|kapolres|polres|polda|polsek|polri"
    r"|polisi|bareskrim|camat|kecamatan|kelurahan|lurah|kades|bupati|wali kota|gubernur|pemkot|pemkab"
    r"|pemprov|pemda|pemerintah|kadisdukcapil|dinas|redaksi|ombudsman|dprd|kominfo)\b[\w .,/'-]{0,40}?\s*:\s*\S")
#: The blank as the subject of a supply statement: arrived, available again at an office, distributed, sent from the
#: centre, running out, limited, safe, sufficient, out for now, seized, found; what a notice or a news item says of an
#: office's stock ("blangko KTP-el sudah tiba", "hanya didistribusikan ke dinas", "stok blanko menipis", "blanko sedang
#: kosong", "disita").  "Kosong" alone is what a blank is (an unprinted card) and "ada" what a seller says: neither is one.
_SUPPLY = re.compile(
    r"\b(?:sudah|telah|akhirnya) (?:datang|tiba|sampai|dikirim|didistribusikan|tersedia|teko|sumping)\b"
    r"|\bbelum (?:datang|tiba|sampai|dikirim|didistribusikan|tersedia|teko|sumping)\b"
    r"|\b(?:parantos|wis|wes) (?:sumping|teko)\b|\b(?:tersedia|ada) (?:kembali|lagi) di\b|\bdurung teko\b"
    r"|\bdidistribusikan\b|\bdikirim dari (?:pusat|kemendagri|kabupaten|provinsi)\b"
    r"|\bkiriman (?:dari (?:pusat|kemendagri|kabupaten|provinsi)|tambahan)\b|\b(?:menipis|kelangkaan)\b"
    r"|\b(?:blangko|blanko|stok|ktp\w*)\b[^.,]{0,20}\blangka\b"
    r"|\b(?:stok|ketersediaan|persediaan|pasokan)\b[^.]{0,30}?\b(?:aman|cukup|menipis|terbatas|habis)\b"
    r"|\b(?:sedang|masih sering|sering|sempat) (?:kosong|habis)\b|\bkosong (?:lagi|terus)\b"
    r"|\b(?:disita|diamankan|ditemukan|dicuri|menyita|mengamankan|barang bukti)\b|\bkuota\b"
    # only for offices ("hanya untuk dinas", "hanya ada di Dukcapil"), never sold ("gak pernah dijual")
    r"|\bhanya (?:ada |didistribusikan |dipakai |dicetak )?(?:untuk |di |ke )?(?:dinas|dukcapil|disdukcapil|kantor|kecamatan"
    r"|pemerintah|petugas)\b|\b(?:tidak|tdk|gak|ga|nggak|bukan|tak) (?:pernah|boleh|untuk|bisa) (?:di)?(?:jual|perjualbelikan)\b")
#: A word denying what follows ("bukan barang sitaan", "tanpa antre", "kagak pake antri"): no supply told, no story.
DENIED_BEFORE = re.compile(r"\b(?:bukan|tidak|tdk|tanpa|ga|gak|nggak|kagak|ngga|anti|bebas|skip)(?: (?:pake|pakai|perlu|usah|harus|ada))?\W*$")


def said(pattern: re.Pattern[str], form: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``form`` not right after a denial."""
    return any(DENIED_BEFORE.search(form[:match.start()]) is None for match in pattern.finditer(form))


#: A story of one's own KTP: the writer's or a relative's KTP, hearsay from the office (a queue alone is no story: a
#: fast track's seller says "tanpa antre", "males antri").
STORY = re.compile(
    r"\b(?:ktp|e ktp|ktpel|ktp el|e-ktp|ktp-el)(?:nya)? (?:saya|aku|gue|gw|ane|anak saya|bapak saya|ibu saya|istri saya"
    r"|suami saya)\b|\bktp ?ku\b"
    r"|\b(?:katanya|kata petugas|petugasnya|jare)\b(?!\W*$)(?! ?\))")

@cache
def told_words() -> WordGate:
    """(struct15) The word-set gate before :func:`told_otherwise`: every pattern that tells a sentence otherwise (a
    supply statement, a story, an office's or a newsroom's notice, :func:`matchers.told_voice.tells_of`'s telling) and
    those ``tells_of`` reads past before it tags the sentence again (``SKIPPED_REPORT``, ``COMPARED``: where either
    could match, the gate stays open), read as the words their matches hold; a told-of tag opens it too.

    (struct16) Read on first use, not at import: reading the patterns' parses cost every command that imports the
    scorer a tenth of a second, though most of them never score (``tests/matchers/test_import_cost.py``)."""
    return word_gate((_SUPPLY, STORY, NOTICE_SAYS, NOTICE_SAYS_MORE, OFFICE_ACTS, REPORTED_TO, MONEY_LOST,
                      WARNING, SHORTAGE, SKIPPED_REPORT, COMPARED), TOLD_OF_TAGS)


def may_be_told_otherwise(forms: tuple[str, str], tags: frozenset[str]) -> bool:
    """Whether one of the patterns :func:`told_words` stands before may match a sentence (its gate)."""
    return told_words().may_match(forms, tags)

#: A buyer addressed or urged: a supply statement said so is a seller's ("stok terbatas, buruan kak").
_BUYER_ADDRESSED = re.compile(r"\b(?:kak|kakak|ka|gan|agan|sis|bos|buruan|borong|order|checkout|chat|japri)\b")
#: A disclaimer opening a sentence ("Bukan kartu PVC biasa.", "Non PVC"): what is not on offer, no goods named.
DISCLAIMER = re.compile(r"^\W*(?:bukan|non|tanpa)\b")
#: Tags naming what the matcher's channels are about: a blank, a KTP or another ID or civil document, an ID's data, an
#: account sold with its ID, a fast track or a forgery, an ID reader or its software.  A related offer's goods must be
#: told of too before its listing is a notice; a map, a holder or a parcel named in a shop's line is none of these.
ID_GOODS = GOODS_TAGS | frozenset({
    "IDDATA", "KYCAKUN", "KYCSOLD", "KYCVERIFIED", "KYCFIN", "VERIFIED", "FASTTRACK", "SHORTCUT", "CUSTOMDATA", "CUSTOMID",
    "OWNNIK", "PALSU", "USABLE", "USABLEID", "MAKEFOR", "SELFIE", "SKTM", "IDREF", "BANKBOOK", "SDK", "SOFTWARE",
    "READDATA", "READTEST", "EMBLEM", "SECURITYMARK", "OFFICESTAMP", "FORGEDSTAMP", "PRINTEDON", "AKUN"})
#: A card or a blank state alone ("Bukan kartu PVC biasa", "dompet kartu", "tanpa kartu kredit", "kaos polos"): no ID's.
_PLAIN_GOODS = frozenset({"KARTU", "KOSONG"})
#: (told18) Data or contents as the buyer asks ("Data apa saja bisa.", "Isi sesuai permintaan.", relrec16): what is done
#: to goods named elsewhere, no goods of its own.
_AS_ASKED = frozenset({"CUSTOMDATA"})


def names_id_goods(tags: frozenset[str]) -> bool:
    """Whether a sentence's tags name an ID's goods (``ID_GOODS``); a bare card or blank state only beside no hard
    negative and no negation ("Bukan kartu PVC biasa", "dompet kartu", "tanpa kartu kredit" name none).  (told18) Data
    as asked alone names none: "Isi sesuai permintaan." after a notice of blank stock made its blank words an offer."""
    named = tags & ID_GOODS
    if not named or named <= _AS_ASKED:
        return False
    return bool(named - _PLAIN_GOODS) or not any(tag.startswith("NEG") or tag == "NOT" for tag in tags)


def without_leading_tags(sentence: str) -> str:
    """A description's sentence with the hashtags leading it read past ("#dukcapilmelayani #ktpel", "# k t p"): search
    words (a title's are its product phrase), so a shop line run on after them ("… #ktpel Order sebelum jam 2") is read
    as it stands."""
    words = sentence.split()
    at = 0
    while at < len(words) and (words[at].lstrip("([*_~").startswith("#") or (at and len(words[at]) == 1)):
        at += 1
    return " ".join(words[at:]) if at else sentence


#: A cross-selling cue: what follows is another product ("Kami juga menjual kaos polos"), never the listing's goods,
#: unless a blank, an e-KTP, an ID's material or a chip is named with it ("Tersedia blanko eKTP original, harga 200k").
CROSS_SELLING = "CUEXSELL"
BLANK_GOODS = frozenset({"BLANGKO", "EKTP", "IDMATERIAL", "READYID", "CHIP"})


def told_otherwise(forms: tuple[str, str], tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> bool:
    """Whether a sentence naming the goods says them as no seller does (a speaker head is read by the caller)."""
    if _BUYER_ADDRESSED.search(forms[0]):
        return False  # said to a buyer ("Blanko lagi kosong kak, adanya KTP jadi"): a seller's, whatever else it tells
    if any(said(_SUPPLY, form) for form in forms):
        return True
    if any(said(STORY, form) for form in forms) or speaks_as_notice(forms):
        return True
    return tells_of(forms, tags_of, spelled) == TOLD


def sellers(sentence: str, forms: tuple[str, str], names_goods: bool, spelled: Callable[[str], str]) -> bool:
    """Whether a sentence is a seller's: its offer in its own voice (no question), or the seller vouching for itself
    beside the goods; a greeting, a "follow" or a vouching that names no goods ("Selamat datang di toko kami!", "kami
    seller terpercaya") is chatter, nobody's voice."""
    if "?" not in sentence and (in_own_voice(forms, names_goods) or (names_goods and any(
            in_own_voice((clause, spelled(clause)), names_goods) for clause in sentence.split(", ")))):
        return True  # clause by clause too: a reply's "cek dm ya" keeps its voice beside a report run into it
    return names_goods and seller_speaks_of_itself(forms)


@lru_cache(maxsize=READINGS_KEPT)  # as many listings as the scorer's field caches keep (a re-scan's are read once)
def speaks_of_goods_as_no_seller(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                                 spelled: Callable[[str], str]) -> bool:
    """Whether no sentence speaks in a seller's voice and every sentence naming the goods says them as an office, a
    newsroom, a warning or a story does, two of them at least (module docstring)."""
    told = 0
    for in_title, text in ((True, title), (False, description)):
        for line in text.lower().splitlines():
            line_head = SPEAKER_HEAD.match(line) is not None
            for match in SENTENCE.finditer(line):
                sentence = match.group(0) if in_title else without_leading_tags(match.group(0))
                forms = (sentence, spelled(sentence))
                tags = tags_of_clauses(sentence, tags_of, spelled)
                names_goods = names_id_goods(tags)
                if CROSS_SELLING in tags and BLANK_GOODS.isdisjoint(tags):
                    continue  # another product cross-sold ("Kami juga menjual kaos polos", "Cek juga holder KTP")
                plainly = names_goods and not DISCLAIMER.match(sentence)
                if plainly and not (line_head or (may_be_told_otherwise(forms, tags) and told_otherwise(forms, tags_of, spelled))):
                    return False  # the goods named plainly: a product phrase ("Blangko e-KTP kosong ori", "Butuh blanko?")
                if sellers(sentence, forms, names_goods, spelled):
                    return False  # asked after the plain product phrase, which ends the reading as surely and cheaper
                if plainly:  # a sentence naming no goods, or disclaiming them, counts for nothing
                    told += 1
    return told >= 2
