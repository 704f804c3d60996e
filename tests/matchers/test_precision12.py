"""What is not a blank offer must not read blank; offers in the same words stay offers (precision12).

Each concept was measured first on fresh rows (``corpus/precision12_a.jsonl``, written and committed before any
change: 2.9 read 9 of its 24 benign rows and 1 of its 4 related rows blank).  The readings extend precision10's and
levers10's, each in its own clause: the office's shortage waited out or asked after ("blangko belum ada", "Kapan
blangko KTP ada lagi?", "blangko KTP-el sedang kosong"), an office's or area's supply as news ("persediaan blangko",
"tersedia di seluruh kecamatan", "stok blangko di Kota …"), the office coming to residents ("Dukcapil jemput bola",
"perekaman e-KTP"), a third party warned of ("hati-hati seller …"), a shop or a scam as the one selling ("lapak yang
menjual", "Penipuan jual blangko"), a report asked for ("Report lapak …", "Laporkan toko …", "mohon ditindak"), a
claim to sell ("ngaku jual") and a purchase told as past ("bulan lalu saya beli"); levers10's voice reading skips
money lost ("Uang 300rb hilang") as no price.  The report cues are levers10's head cues: they hold only where the
listing speaks as a report.  ``corpus/precision12_concepts.jsonl`` holds each concept's hard negatives and
positives; the lever tests below add each trigger to the read-right offers of the tune rows.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.test_corpus import STILL_MISREAD
from tests.matchers.tune_rows import RANK, labelled_params, read_right_offers, tune_rows

#: Text that tells of blanks without offering them, one per concept: 2.9 read each as a blank offer.
TOLD_OF = {
    "shortage not yet there": ("KTP sudah print ready, blangko belum ada", "Sudah tiga bulan menunggu di kecamatan."),
    "shortage asked after": ("Kapan blangko e-KTP datang lagi", "Di kecamatan kami masih kosong, anak saya mau daftar kuliah."),
    "shortage said for now": ("Info layanan: blangko KTP-el sedang kosong", "Warga yang sudah rekam diberi surat keterangan."),
    "an area's supply": ("Stok blangko e-KTP di Kabupaten Garut kembali aman", "Kepala dinas meminta warga segera mengambil KTP."),
    "the office's supply": ("Sahabat Dukcapil", "Persediaan blangko KTP-el sudah normal kembali. Silakan ambil di loket."),
    "every office": ("Info warga", "Stok blangko KTP elektronik tersedia di seluruh kecamatan."),
    "the office coming": ("Dukcapil jemput bola ke sekolah", "Dukcapil jemput bola rekam e-KTP siswa, blangko disiapkan."),
    "a report asked": ("Report lapak jual blangko KTP-el", "Mohon admin menindak lapak yang menjual blangko KTP-el kosong."),
    "a scam of selling": ("Penipuan jual blanko e-KTP", "Uang sudah ditransfer, nomor langsung diblokir."),
}

#: Offers that use the same words: they must stay what they are.
OFFERS = {
    "ready while the office is out": ("Blangko di kecamatan belum ada?", "Kami ready blanko e-KTP kosong asli, 180rb.", "blank"),
    "a seller's notice": ("Info stok blangko KTP-el ready", "Blangko e-KTP kosongan tersedia lagi, 175rb per keping.", "blank"),
    "a warning while selling": ("Hati-hati penipuan! Blanko e-KTP asli di sini",
                                "Blanko e-KTP kosong chip aktif, harga 180rb, bisa COD Jakarta.", "blank"),
    "a seller's report head": ("Laporan stok: blanko e-KTP masuk 100 pcs", "Harga reseller 140rb, ecer 180rb.", "blank"),
    "a seller's stock in a city": ("Blanko e-KTP kosong", "Stok ada di Jakarta, kirim hari ini. 190rb.", "blank"),
}

#: precision12's rows still misread, each with why (measured, not tuned away)
STILL_MISSED = {
    "p12d-013": "(integrator, after hostile12) chat-spelled 'blanko ektp blm ada nik': a missing NIK is read as a card's "
                "state only said of the card itself or with another field (a parent's 'Anak saya belum ada NIK.' appended "
                "turned 212 of 4,331 hard negatives blank, now 145), so here 'blm ada' after the blank reads as a shortage",
    "p12a-004": "a school visit's 'Blanko sudah disiapkan dari dinas' is a blank word apart from the title's 'Perekaman "
                "KTP-el': read as a publication in the product phrase, 'perekaman e-KTP' hid 279 of the 4,968 read-right "
                "offers (a line a seller adds under a vague title), so it is not read",
    "p12a-005": "the office telling residents they need not queue at the dinas ('tidak perlu antri di kantor dinas, cukup "
                "datang ke kecamatan') reads as the office's process skipped (office_insider)",
    "p12a-012": "a resident's question 'Lihat ada yang jual blangko …, itu legal?' reads 'ada yang jual' as a buyer's wanted "
                "question; read as a report, the title's question 'Beli blangko KTP di online aman?' stands as a blank pair",
    "p12a-018": "a forum warning's clause 'nawarin blanko e-KTP asli 150rb' has its cheat as subject in the clause before; "
                "a bare 'nawarin' opens sellers' own offers too",
    "p12a-026": "'Tidak melayani pembelian bahan kosong' denies the blank without a blank word: the title's 'bahan e-KTP' "
                "stands as the material offered",
    # precision12_concepts rows written with the change that no reading reaches (each clause-bound, as above)
    "p12c-office-01": "the office's activity ('Disdukcapil jemput bola ke panti jompo') and its blanks ('blangko dibawa dari "
                      "kantor') sit in different clauses; a cue governs its own clause only",
    "p12c-office-02": "as p12c-office-01: 'Tim Dukcapil turun ke desa' / 'blanko e-KTP dibawa 200 keping untuk warga'",
    "p12a-030": "a seller's title 'Dukcapil kosong? Kami ada' over 'Stok kami tersedia, blangko original belum tercetak': "
                "'belum tercetak' is not read with 'blangko' across 'original' as a KTP's blank (recall, not this brief)",
    "p12a-038": "a seller answering the office's shortage ('bisa beli blangko di kami 250rb') names no e-KTP term with its "
                "blank (recall, not this brief)",
}


#: precision12_b and precision12_c, the after-measures (b measured once at 9cd40a7 and then learnt from, c measured once
#: at f3e3553): the rows still misread, which main misreads alike; and a concept row named in test_corpus
STILL_MISSED |= {row_id: f"main alike: {why}" for row_id, why in STILL_MISREAD.items() if row_id.startswith(("p12b", "p12c2", "p12d"))}
STILL_MISSED["p12c-supply-02"] = STILL_MISREAD["p12c-supply-02"]
STILL_MISSED["p12b-025"] = ("main alike: a variants title 'Paket kartu: holder / blanko KTP-el / lanyard' "
                            "reads 'holder' as the title's product phrase (-80) over the blank variant")


@pytest.mark.parametrize("name", sorted(TOLD_OF))
def test_text_that_tells_of_blanks_is_not_an_offer(name: str) -> None:
    assert score_listing(*TOLD_OF[name]).verdict == "benign"


@pytest.mark.parametrize("name", sorted(OFFERS))
def test_an_offer_in_the_same_words_stays_an_offer(name: str) -> None:
    title, description, label = OFFERS[name]
    assert score_listing(title, description).verdict == label


@pytest.mark.parametrize("row", labelled_params(tune_rows("precision12_*"), STILL_MISSED))
def test_precision12_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict == row["label"]


#: the offers of the tune corpus the matcher reads right (label = verdict)
READ_RIGHT = read_right_offers()

#: each concept's trigger as a line a seller could add (appended to the description, or before it); the whole count
#: over every read-right offer, appended and before the description, is in the module's history (see README)
TRIGGERS = {
    "shortage not yet there": "Di kecamatan blangko belum ada, di sini ready.",
    "shortage asked after": "Kapan blangko KTP ada lagi di kecamatan? Di sini sudah ada.",
    "shortage said for now": "Blangko KTP-el sedang kosong di mana-mana.",
    "the office's supply": "Persediaan blangko e-KTP di dinas terbatas.",
    "an area's supply": "Stok blangko e-KTP di kota lain habis.",
    "every office": "Blangko e-KTP belum tentu tersedia di seluruh kecamatan.",
    "the office coming": "Dukcapil jemput bola ke sekolah-sekolah, tapi antrenya panjang.",
    "perekaman": "Perekaman e-KTP tetap harus di kantor.",
    "a third party warned of": "Hati-hati seller palsu di luar sana.",
    "a shop selling": "Banyak toko yang jual barang palsu.",
    "a scam of selling": "Penipuan jual beli online sedang marak.",
    "a report asked": "Laporkan seller blanko nakal ke admin, report akun penipu.",
    "a claim to sell": "Banyak yang ngaku jual blanko murah tapi barang tidak dikirim.",
    "a past purchase": "Kemarin saya beli blangko di toko sebelah, kecewa.",
    # learnt after precision12_b was measured
    "shortage for a time": "Di kabupaten lain blangko e-KTP udah setahun ga ada.",
    "shortage asked, bare": "Kapan ya blangko di kecamatan datang? Di sini sudah ada.",
    "a Javanese warning": "Ati-ati tiyang sadean barang palsu.",
    "a child's KTP": "Dulu KTP anak saya belum dicetak juga, makanya kami paham.",
    "money lost": "Uang 300rb hilang gara-gara ditipu penjual blanko? Di sini aman.",
}


#: offers a trigger still hides, each with why (measured over all 4,991 read-right offers, appended and put first:
#: these two only)
STILL_HIDDEN = {
    "lv10c-asked-04": "a related service under 'Mau tanya KTP hilang?' whose description names no price: its title is a "
                      "question about the goods, so any added line telling of blanks makes the listing read as a "
                      "question (levers10's voice); 2.9 hides it alike with 'Blangko e-KTP hanya ada di dinas' and a "
                      "report line (precision10's and levers10's triggers)",
    "v6a-045": "a related offer whose evidence opens its description ('KTP Indonesia buat WNA …'): any sentence naming a KTP "
               "put before it moves that evidence a clause on (put first, 'a child's KTP' line hides it; 2.9 hides it alike "
               "with 'Perekaman e-KTP tetap harus di kantor.')",
}


def _weaker(row: dict, title: str, description: str) -> bool:
    return row["id"] not in STILL_HIDDEN and RANK[score_listing(title, description).verdict.value] < RANK[row["label"]]


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_a_trigger_appended_hides_no_offer(trigger: str) -> None:
    """Appended to every 10th read-right offer (over all of them: see the module's history)."""
    line = TRIGGERS[trigger]
    assert [r["id"] for r in READ_RIGHT[::10] if _weaker(r, r["title"], f"{r['description']} {line}".strip())] == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(READ_RIGHT), st.sampled_from(sorted(TRIGGERS)))
def test_a_trigger_before_the_description_hides_no_offer_it_did_not_before(row: dict, trigger: str) -> None:
    """Put before the description, a trigger hides only what a neutral line there hides too (adding any sentence
    first moves the description's evidence a clause on)."""
    neutral = "Pengiriman cepat ke seluruh Indonesia."
    hides = _weaker(row, row["title"], f"{TRIGGERS[trigger]} {row['description']}".strip())
    assert not hides or _weaker(row, row["title"], f"{neutral} {row['description']}".strip())
