"""Two regressions of precision12 against 2.9 (0e52f3a), fixed in their general shape (precision12_d).

* *A report asked of an authority or the platform* ("Laporkan ke patrolisiber.", "adukan akun itu ke Kominfo", "lapor ke
  polsek"): precision12 made "laporkan/report" a heading's word (a seller's "Laporkan seller nakal ke admin." must not
  stand in for a report's second sentence), so a forum thread's closing "Laporkan ke patrolisiber." no longer told of
  anything and the thread read blank.  Directed to an authority, of what the listing told of (none named, "-nya",
  "… itu"), it is the reader told where to turn: a warning's voice (:data:`matchers.told_voice.REPORTED_TO`).  A shop's
  policy line naming a kind of seller stays a heading's word: the lever counts below hold that.
* *A card with no NIK yet* ("belum ada NIK", "tanpa NIK", "NIK belum diisi"): precision12's shortage
  "blangko belum ada" read "blank (belum ada NIK)" as blanks run out, which brought the e-KTP term next to the NIK
  (``nik_with_id``) and the title's product phrase to a traded ID.  The NIK is now among what a card says it does not
  hold yet (lexicon ``KOSONG``), read before the shortage; "tanpa NIK KTP" (the buyer's own, not asked) is IDREF, as
  "tanpa data KTP" is, "sudah ada NIK dan nama" stays ID data and a bare "NIK kosong" stays an unused NIK sold
  (h5-related-0190 "Jual NIK kosong (belum terpakai)").

``corpus/precision12_d.jsonl`` (written and committed before the fix, measured once: main blank P 8/13 R 8/8, the branch
P 7/12 R 7/8) is read in test_precision12 with the other precision12 batches; its rows still misread are named there.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from matchers.told_voice import REPORTED_TO
from tests.matchers.test_precision12 import READ_RIGHT, STILL_HIDDEN, _weaker

#: Forum threads and warnings whose second telling sentence is a report asked of an authority (several voices).
WARNINGS = {
    "the integrator's thread": ("Thread: saya pernah ditawari blanko KTP, ini ciri penipunya",
                                "1. Minta transfer dulu 2. Pakai akun baru 3. Foto barang dari internet. "
                                "Laporkan ke patrolisiber. Jangan beli dokumen negara."),
    "a kaskus thread": ("[Thread] Pengalaman ditawari blangko e-KTP lewat DM, ini modusnya",
                        "Gan, minggu lalu ada akun baru DM nawarin blangko. Ciri-cirinya: minta DP dulu, foto ambil dari "
                        "google, nomor WA ganti-ganti. Langsung ane laporkan ke patrolisiber.id. Jangan sampai kena."),
    "a thread told to the police": ("Thread: ditawari blangko KTP-el lewat WA, hati-hati",
                                    "Nomornya minta transfer 200rb dulu. Laporkan saja ke polisi. Urus KTP di kecamatan gratis."),
}

#: Blank offers whose card is said to hold no NIK yet: blank, with no NIK data read.
NO_NIK = {
    "the integrator's offer": ("Kartu KTP-el blank (belum ada NIK)",
                               "Kartu KTP-el blank, belum ada NIK dan nama. Chip dan hologram lengkap."),
    "without NIK": ("Kartu e-KTP blanko tanpa NIK", "Kartu e-KTP blanko tanpa NIK dan tanpa foto, chip masih kosong. 180rb."),
    "NIK not filled": ("Blangko KTP-el (NIK belum diisi)", "Blangko KTP-el original, NIK dan nama belum diisi. Ready 40 keping."),
    "chat spelling": ("ready blanko ektp blm ada nik", "blanko ektp blm ada nik blm ada foto. chip bisa di tulis. wa aja kak"),
}

#: NIKs on a KTP or for sale stay related: the NIK said present, or sold.
WITH_NIK = {
    "an unused NIK sold": ("Jual NIK kosong (belum terpakai)", "NIK belum terpakai, bisa didaftarkan atas nama kamu."),
    "NIK data sold": ("Jual NIK + KK aktif buat verifikasi", "NIK dan nama valid, KK aktif. 50rb per data."),
    "a KTP with its NIK": ("KTP el jadi, NIK sudah terdaftar", "KTP el sudah ada NIK dan nama sesuai pesanan. Proses 2 hari."),
}

#: Lines a seller could add naming a report to an authority or the platform: each must hide no read-right offer it did
#: not hide before (over all of them, appended and put first).
REPORT_LINES = {
    "a shop's policy": "Laporkan seller nakal ke admin.",
    "a shop's fake accounts": "Laporkan akun palsu ke admin.",
    "a complaint path": "Barang tidak sesuai? Report ke admin marketplace.",
    "a report of it": "Laporkan akunnya ke admin.",
    "the police": "Ada penipu mengatasnamakan kami? Laporkan ke polisi.",
}


#: warnings still misread, each with why (main alike)
STILL_MISSED = {
    "a thread told to the police": "the victim's 'Nomornya minta transfer 200rb dulu' reads as a price in the seller's own "
                                   "voice: 'nomornya' (the scammer's number) is no third party acting",
}


@pytest.mark.parametrize("name", [pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=STILL_MISSED[name])]
                                               if name in STILL_MISSED else []) for name in sorted(WARNINGS)])
def test_a_thread_asking_a_report_of_an_authority_is_no_offer(name: str) -> None:
    assert score_listing(*WARNINGS[name]).verdict == "benign"


@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=(
    "the e-KTP term between the card and its missing NIK: a missing NIK is a card's state only said of the card itself "
    "or with another field (a parent's 'Anak saya belum ada NIK.' is none; test_evasion_levers12)")))
    if name == "chat spelling" else name for name in sorted(NO_NIK)])
def test_a_blank_with_no_nik_yet_is_a_blank_offer(name: str) -> None:
    assessment = score_listing(*NO_NIK[name])
    assert assessment.verdict == "blank"
    assert not any(r.rule == "nik_with_id" and r.weight for r in assessment.reasons)


@pytest.mark.parametrize("name", sorted(WITH_NIK))
def test_a_nik_present_or_sold_stays_related(name: str) -> None:
    assert score_listing(*WITH_NIK[name]).verdict == "related"


@pytest.mark.parametrize(("sentence", "directed"), [
    ("laporkan ke patrolisiber.", True), ("laporkan saja ke polsek", True), ("sudah saya adukan ke aduankonten.id", True),
    ("screenshot akunnya lalu report ke admin grup", True), ("tulung laporke menyang polisi", True),
    ("laporkan akun itu ke kominfo", True),
    ("laporkan seller nakal ke admin.", False), ("laporkan penipu ke polisi", False), ("laporkan!", False),
    ("laporan stok ke gudang", False),
])
def test_a_report_is_directed_only_of_what_the_listing_told(sentence: str, directed: bool) -> None:
    assert (REPORTED_TO.search(sentence) is not None) is directed


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["belum ada NIK", "tanpa NIK", "NIK belum diisi", "NIK dan nama belum terisi", "blm ada nik dan nama"]),
       st.sampled_from(["Blanko e-KTP kosong", "Blangko KTP-el original", "Kartu KTP elektronik blanko"]),
       st.sampled_from(["", " Harga 175rb.", " Ready 30 pcs, chat WA."]))
def test_no_nik_yet_keeps_any_blank_offer_blank(state: str, offer: str, terms: str) -> None:
    """The NIK's absence said after a blank offer, in any of its forms, leaves the offer a blank one."""
    assert score_listing(offer, f"{offer}, {state}.{terms}").verdict == "blank"


@pytest.mark.parametrize("name", sorted(REPORT_LINES))
def test_a_report_line_hides_no_offer(name: str) -> None:
    """Counted over all read-right offers, appended and before the description (a neutral line first excused, as in
    test_precision12): none is hidden but the rows already named there (lv10c-asked-04, hidden by any telling line on
    2.9 alike; measured: 0 for the shop's policy line, 1 for the others)."""
    line = REPORT_LINES[name]
    neutral = "Pengiriman cepat ke seluruh Indonesia."
    hidden = [r["id"] for r in READ_RIGHT if _weaker(r, r["title"], f"{r['description']} {line}".strip())
              or (_weaker(r, r["title"], f"{line} {r['description']}".strip())
                  and not _weaker(r, r["title"], f"{neutral} {r['description']}".strip()))]
    assert hidden == []
    assert "lv10c-asked-04" in STILL_HIDDEN
