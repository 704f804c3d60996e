"""A seller pulling 2.10's new readings, and an innocent writer tripping them (hostile12).

The 2.10 change (precision12 + levers12 + blankrec12) added readings that discount an offer or lift one: a report asked
of an authority or the platform and a victim's money lost told of in their own sentence (``told_voice.REPORTED_TO``,
``MONEY_LOST``), a purchase told as past (``_PAST_PURCHASE``), the seller's own voice read before its vouching, a
genre heading read past unless the listing speaks as a notice (``notice_voice``), kits naming the blank e-KTP, "Isi
paket:" lists, swapped letters in key words.  Each is attacked as ``test_evasion_levers8.py`` does: an everyday line
appended or prepended to every offer of the tune rows read right (``OFFERS``), counting those turned weaker; and the
new positive cues' words added to the hard negatives read right, counting those turned stronger.

Counts (hostile12, over every read-right row of the branch: 5,150 offers, 4,331 hard negatives; 2.9 = /tmp/tm2 over
its own 4,940 / 4,195):

* "Isi paket: printer kartu, software layout." appended hides 0 of 5,150 (2.9: 232 of 4,940), prepended 6 (2.9: 413),
  all six of them ``ANY_FIRST_LINE`` rows that any first sentence flips: the kit line holds on 2.10.
* A shop's after-sales line read as a report's own words (``REPORTED_TO``, ``MONEY_LOST``): "Kalau ada kendala lapor
  ke admin ya kak.", "Report ke admin kalau ada masalah pesanan.", "Uang tidak akan hilang, pakai rekber.", "Anti
  ditipu, bisa COD." each hid 1 of 5,150 appended (lv10c-asked-04, a "Mau tanya" title over a forger's offer, whose
  one heading then counted with the line as a report's second telling; 2.9: 0), and "Laporkan ke admin jika barang
  tidak sesuai." alike; hostile12 reads a sentence that names the order's trouble or terms ("kendala", "pesanan",
  "tidak sesuai", "rekber", "COD"), and money lost denied, as no report's words (``told_voice._AFTER_SALES``,
  ``_LOSS_DENIED``): 0 of 5,150 each.  The reader addressed ("ya kak") is no such term: gating on it (tried) read a
  warning's "Laporkan akun itu ke Kominfo ya kak kalau kalian ketemu." blank (p12dc-report-02 so respelt).  Still
  pulled: "Sudah banyak pembeli yang ditipu toko sebelah.", "Komplain? Laporkan ke admin marketplace." (its terms in
  a sentence of their own): 1 each.
* A notice's words in a line of their own make a genre-headed offer with no seller's sentence a notice again
  (``notice_voice``): "Kepada warga yang membutuhkan, silakan order." 7 of 5,150, "Warga yang butuh silakan chat." 9,
  "Stok nasional aman.", "Ratusan warga sudah berlangganan.", "Pelayanan pengiriman setiap hari Senin pukul 08.00.",
  "Dilansir dari pelanggan, barang bagus." 8 each (all of them levers12's own heading rows, hidden by the heading
  alone on 2.9).  Tried and taken back: reading a sentence holding a shop's terms ("order", "chat") as no notice's
  (7 -> 0) read real notices whose one notice sentence sends residents to a contact ("Warga silakan hubungi kelurahan
  …", "… silakan WA call center Disdukcapil") blank: 4 of 5 written notices.  Still pulled, all six.
* levers12 read "di sini ada / kami punya" as the seller's voice in any sentence, so a resident's or an office's "Di sini
  ada banyak warga yang antre sejak pagi." made a real notice under "Pengumuman:" a seller's offer: 30 of every third
  hard negative (1,453) turned blank appended (2.9: 0); hostile12 reads it as the seller's only beside the goods, as a
  shop's terms are: 0 of 4,331 appended.
* Held (0 hidden of 5,150 appended, of 1,027 offers prepended: every fifth beyond ``ANY_FIRST_LINE``): the lines of ``HOLDING``.

Found and left to the integrator (strict xfails below, counted):

* levers12's ``score._opens_with_publication`` keeps a genre heading over a clipping only when the description's first
  clause names the medium: a line naming anything before it ("Barang koleksi pribadi. Artikel berita tentang …",
  "Dijual cepat. Kliping koran …") reads the clipping as a blank offer: 10 of 4,331 hard negatives prepended, 5 of them
  newly (h5-hardneg-0172, lv12c-notice-publication-01, p12a-003, p12c-tags-03, seller-0133; 2.9: 5 others of 4,195).  Reading any clause's medium instead (tried) hid 24 heading offers with "Artikel terkait: …" appended; the
  first clause with hits, 10: no small fix.
* precision12_d's "belum ada NIK" as a card's unfilled field: an innocent parent's "Anak saya belum ada NIK." appended
  turns 212 of 4,331 hard negatives non-benign (2.9: 130 of 4,195; 149 rows newly).
* Pre-existing on 2.9 alike (not this change's, counted over 560 sampled offers, 2.10 / 2.9 of 536): a tag list or a
  notice's words before the title: "#infoktp #pengumuman #berita" 528 / 508, "Hanya dicetak di tempat kami." 528 /
  508, "Gimana cara order? Klik beli." 488 / 470; appended to the description: "Artikel terkait: cara merawat
  kartu." 298 of 5,150 (2.9: 296 of 4,940), "Pengumuman: toko libur tanggal 25." 168 (2.9: 176); residents who
  want or order ("Warga Kecamatan Sukajadi sudah banyak yang order.", "Warga yang butuh silakan chat.") 2 of 5,150
  (lang12-028, lang12-033: the same 2 on 2.9).
* Over-reach measured and judged no defect: "Resident ID card untuk WNA berbeda." turns 182 of 4,331 hard negatives (it
  names the KTP, as "KTP untuk WNA berbeda." does on 2.9: 175); "Kartunya belum pernah dipakai atau diisi." 213 (as
  2.9's "Kartunya belum diisi." 201).  Swapped letters: every one-swap of each ``SWAPPED_KEYS`` word (181 forms) and
  every word of the tune corpus were read; none that ``_swapped_key`` corrects is a word of either language.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from matchers.score import _names_goods
from matchers.voiceless import title_without_hashtags
from tests.matchers.test_evasion_levers10 import ANY_FIRST_LINE, OFFERS, RANK
from tests.matchers.tune_rows import tune_rows

#: the hard negatives of the tune corpus the matcher reads benign
BENIGN = [r for r in tune_rows() if r["label"] == "benign"
          and score_listing(r["title"], r["description"]).verdict.value == "benign"]
#: offers any first line flips left out (test_evasion_levers10)
STEADY = [row for row in OFFERS if row["id"] not in ANY_FIRST_LINE]
#: offers under a genre heading that levers12 reads past (the rows the notice lines hid, hostile12)
HEADED = [row for row in OFFERS if row["id"].startswith(("lv12a-", "lv12b-", "lv12c-"))]


def _added(title: str, description: str, line: str, where: str) -> tuple[str, str]:
    if where == "title_prefix":
        return f"{line} {title}", description
    if where == "prefix":
        return title, f"{line} {description}".strip()
    return title, f"{description} {line}".strip()


def _hidden(rows: list[dict], line: str, where: str) -> list[str]:
    return [row["id"] for row in rows
            if RANK[score_listing(*_added(row["title"], row["description"], line, where)).verdict.value] < RANK[row["label"]]]


def _raised(rows: list[dict], line: str, where: str) -> list[str]:
    return [row["id"] for row in rows
            if score_listing(*_added(row["title"], row["description"], line, where)).verdict.value != "benign"]


#: a seller's everyday lines that pull one of 2.10's readings and hide nothing (0 of 5,150 appended), by reading
HOLDING = {
    "kit_list": ["Isi paket: printer kartu, software layout.", "Isi paket: kartu, bubble wrap, dus.",
                 "Isi paket: 1 pcs sesuai foto.", "Varian: putih, biru.", "Bonus: software layout dan printer kartu."],
    "reported_to": ["Kalau ada kendala lapor ke admin ya kak.", "Report ke admin kalau ada masalah pesanan.",
                    "Laporkan jika ada seller nakal.", "Laporkan ke admin jika barang tidak sesuai.",
                    "Jika ada penipuan mengatasnamakan toko kami, laporkan ke polisi."],
    "money_lost": ["Uang tidak akan hilang, pakai rekber.", "Anti ditipu, bisa COD.",
                   "Banyak yang tertipu di toko lain, di sini aman."],
    "past_purchase": ["Testimoni: kemarin saya beli 10 pcs, sampai aman.", "Dulu saya beli di sini, puas banget.",
                      "Pernah saya order 2x, aman."],
    "notice_words": ["Info: pengiriman setiap hari kerja.", "Pemberitahuan: resi diupdate malam hari."],
    "heads_and_questions": ["Laporan: barang sudah sampai di pembeli.", "Diskusi: silakan tanya di kolom diskusi.",
                            "Tanya jawab: bisa COD? Bisa kak.", "Pertanyaan: apakah barang original? Jawab: original.",
                            "Keluhan pembeli langsung kami tanggapi.", "Kok bisa murah? Karena stok banyak."],
    "disclaimers_and_others": ["Disclaimer: foto hanya ilustrasi.", "Bukan penipuan, sudah banyak testi.",
                               "Bukan reseller, tangan pertama.", "Toko lain menjual lebih mahal.",
                               "Akun itu jual barang palsu, kami asli.", "Buat yang KTP-nya rusak, bisa order.",
                               "Waspada akun palsu mengatasnamakan toko kami."],
}
LINES = [line for lines in HOLDING.values() for line in lines]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(OFFERS), st.sampled_from(LINES))
def test_a_sellers_line_appended_never_hides_an_offer(row: dict, line: str) -> None:
    assert _hidden([row], line, "suffix") == []


@pytest.mark.parametrize("lever", sorted(HOLDING))
def test_each_reading_holds_appended_and_prepended(lever: str) -> None:
    """Every 25th offer: each line of a lever appended or prepended hides none (prepended: rows any first line flips
    aside)."""
    assert [(line, where) for line in HOLDING[lever] for where, rows in (("suffix", OFFERS[::25]), ("prefix", STEADY[::25]))
            if _hidden(rows, line, where)] == []


def test_after_sales_lines_do_not_make_a_headed_offer_a_report() -> None:
    """lv10c-asked-04 ("Mau tanya KTP hilang?" over a forger's offer) has one heading over the goods; a shop's after-sales
    line appended counted as a report's second telling on 2.10 before hostile12 (1 of 5,150 for each line)."""
    row = next(r for r in OFFERS if r["id"] == "lv10c-asked-04")
    lines = ["Kalau ada kendala lapor ke admin ya kak.", "Report ke admin kalau ada masalah pesanan.",
             "Uang tidak akan hilang, pakai rekber.", "Anti ditipu, bisa COD.", "Laporkan ke admin jika barang tidak sesuai."]
    assert [line for line in lines if _hidden([row], line, "suffix")] == []


def test_a_residents_there_is_is_no_sellers_voice() -> None:
    """"Di sini ada banyak warga …" / "Kami punya stok formulir …" name no goods: a notice keeps its voice (every
    third hard negative: 30 turned blank appended on 2.10 before hostile12)."""
    lines = ["Di sini ada banyak warga yang antre sejak pagi.", "Kami punya stok formulir di loket."]
    assert [(line, rid) for line in lines for rid in _raised(BENIGN[::3], line, "suffix")
            if (line, rid) not in _RAISED_ON_MAIN_ALIKE] == []


#: (notice13) a holder "cocok untuk menyimpan blangko e-KTP" under "Ready kak" behind a spec table: main (5f0720b) reads
#: the same text with "Kami punya stok formulir di loket." appended blank alike, spec table or none (the shop's own
#: stock said beside the goods); the concept row only made it a hard negative this sample meets
#: (integrator, 2.11) tags13's t13b-010, a tips article read right only because its closing "Lihat artikel lain: …" line
#: (whose titles name blanks) is read past: any sentence run on after that line without a line break joins the link,
#: which is then no link (its title cannot be told from the seller's words); the metamorphic suite holds it apart too
_RAISED_ON_MAIN_ALIKE = {("Kami punya stok formulir di loket.", "n13c-chatter-03"),
                         ("Di sini ada banyak warga yang antre sejak pagi.", "t13b-010"),
                         ("Kami punya stok formulir di loket.", "t13b-010")}


#: lever -> (line, where, rows, count measured by hostile12): still pulled on 2.10 (strict xfails)
STILL_PULLED = {
    # another shop's victims, or a complaint's report in a sentence of its own: 1 of 5,150 (lv10c-asked-04)
    "others_victims": ("Sudah banyak pembeli yang ditipu toko sebelah.", "suffix", "offers", 1),
    "complaint_then_report": ("Komplain? Laporkan ke admin marketplace.", "suffix", "offers", 1),
    # a notice's words in a line of their own make a genre-headed offer with no seller's
    # sentence ("Pengumuman: Kartu e-KTP blank chip" / "… 25 keping tersisa.") a notice again: 8 of 5,150 each (these
    # offers were all hidden by the heading on 2.9)
    "notice_words_under_a_heading": ("Stok nasional aman.", "suffix", "headed", 8),
    "residents_addressed_under_a_heading": ("Kepada warga yang membutuhkan, silakan order.", "suffix", "headed", 7),
    "residents_under_a_heading": ("Ratusan warga sudah berlangganan.", "suffix", "headed", 8),
    "service_day_under_a_heading": ("Pelayanan pengiriman setiap hari Senin pukul 08.00.", "suffix", "headed", 8),
    "newsroom_source_under_a_heading": ("Dilansir dari pelanggan, barang bagus.", "suffix", "headed", 8),
    # pre-existing on 2.9 alike: 2 of 5,150 (2.9: the same 2 of 4,940)
    "report_tags": ("#laporan #diskusi #keluhan", "suffix", "offers", 2),
    # pre-existing on 2.9 alike: a notice's words before the title (of 560 sampled; 2.9 508 of 536).  Tag lists before
    # the title (528 of 560) are closed by tags13: test_tags13.py counts them
    "only_printed_here_before_title": ("Hanya dicetak di tempat kami.", "title_prefix", "offers", 528),
    "how_to_order_before_title": ("Gimana cara order? Klik beli.", "title_prefix", "offers", 488),
    # "Artikel terkait: …" (298 of 5,150) and "Pengumuman: toko libur …" (168) appended: closed by tags13, counted in
    # test_tags13.py and held below (test_closed_by_tags13)
    # over-reach (benign turned offer): levers12's publication opening the description's first clause only, 10 of
    # 4,331 (5 newly; 2.9: 5 of 4,195)
    "line_before_a_clipping": ("Barang koleksi pribadi.", "prefix", "benign", 10),
    # over-reach: precision12_d's "belum ada NIK" read as a card's unfilled field, 212 of 4,331 (2.9: 130 of 4,195);
    # the integrator narrowed it to a card's own ("kartu/blanko belum ada NIK") or NIK with another field: 145 of
    # 4,331, 2.9's own readings of "belum ada" beside KTP words
    "child_without_nik": ("Anak saya belum ada NIK.", "suffix", "benign", 145),
}


@pytest.mark.parametrize("lever", [pytest.param(name, marks=pytest.mark.xfail(
    strict=True, reason=f"{name}: '{line}' ({where}) turns {count} {rows} (hostile12), not narrowed yet"))
    for name, (line, where, rows, count) in STILL_PULLED.items()])
def test_still_pulled(lever: str) -> None:
    line, where, rows, _ = STILL_PULLED[lever]
    if rows == "headed":
        changed = _hidden(HEADED, line, where)
    elif lever in ("others_victims", "complaint_then_report"):
        changed = _hidden([r for r in OFFERS if r["id"] == "lv10c-asked-04"], line, where)
    elif lever == "report_tags":
        changed = _hidden([r for r in OFFERS if r["id"] in ("lang12w-08", "lang3-042")], line, where)
    elif rows == "offers":
        changed = _hidden(STEADY[::5] if where != "suffix" else OFFERS[::5], line, where)
    else:
        changed = _raised(BENIGN, line, where)
    assert changed == []


#: levers closed by tags13 (were strict xfails here: counts on 2.10 over 5,150 offers, 560 sampled before the title)
CLOSED_BY_TAGS13 = {
    "genre_tags_before_title": ("#infoktp #pengumuman #berita", "title_prefix", 528),
    "related_article": ("Artikel terkait: cara merawat kartu.", "suffix", 298),
    "shop_notice": ("Pengumuman: toko libur tanggal 25.", "suffix", 168),
}


@pytest.mark.parametrize("lever", sorted(CLOSED_BY_TAGS13))
def test_closed_by_tags13(lever: str) -> None:
    """Hidden now: 0 of every fifth offer appended; before the title only titles whose own words name no goods (73 of
    1,037, every fifth offer beyond ``ANY_FIRST_LINE``; test_tags13.py counts all)."""
    line, where, _ = CLOSED_BY_TAGS13[lever]
    hidden = _hidden(STEADY[::5] if where != "suffix" else OFFERS[::5], line, where)
    titles = {row["id"]: f"{line} {row['title']}" for row in OFFERS}
    moved = [rid for rid in hidden if where == "title_prefix" and title_without_hashtags(titles[rid], _names_goods)[1]
             and _names_goods(title_without_hashtags(titles[rid], _names_goods)[0])]
    assert [rid for rid in hidden if where != "title_prefix"] == [] and moved == []
