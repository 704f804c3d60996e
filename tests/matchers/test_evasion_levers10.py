"""A seller pulling 2.9's new readings: a few words added to a real offer must not hide it (hostile10).

The 2.9 change (levers10, blankrec10, precision10 merged on ``integ``) added a seller's-voice lift of a report or
question head (:mod:`matchers.told_voice`), new shortage readings (``OUTOFSTOCK``: "blangko katanya habis", "karena
blangko kosong", "di kecamatan blangko habis"), new report cues (``CUEREPORT``, and ``CUEOTHERS`` for another's act: "maraknya penjualan", "modus
penipuan", "jutaan keping", "<office> memastikan", "itu penipu"), the writer's own KTP not yet printed ("KTP saya
belum dicetak"), the purpose, raw and base card readings ("kartu buat KTP", "mentahan blangko", "kartu dasar KTP") and
the emblem chip-card lift.  Each is attacked as ``test_evasion_levers8.py`` does: a line a seller could add, before or
after the title or the description, over the offers the tune rows read right (4,940 on integ 4bbb20f; main 4c0bcc6:
4,739).  The 2.9 counts are this branch's (integ with hostile10's buyer's-voice reading); integ alone hides one more
offer with each told-of line (lv10c-asker-buyer-01: "Laporan:"+"Diskusi:" 1,809, the hearsay in the title 506, "karena
blangko kosong" in the title 27, before the description 8, each appended told-of line 2).  Counts are measured over all of them; the tests run all of them, or every 5th for a lever hiding 100 or more.

Levers that hold are plain tests; levers still pulled are strict xfails with their counts.  Innocent text holding the
new positive words (``OVER_REACH``) is held to its verdict, or is a strict xfail where 2.9 reads it as an offer.
"""

from __future__ import annotations

import pytest

from matchers import score_listing
from tests.matchers.tune_rows import RANK, read_right_offers

#: the offers of the tune corpus the matcher reads right (label = verdict)
OFFERS = read_right_offers()
#: a line in a clause of its own before a field moves the product phrase or pushes the description's evidence a clause
#: on: these rows flip with any first sentence, on 2.8 alike ("Stok terbatas.", "KTP hilang?"; test_levers10)
ANY_FIRST_LINE = frozenset({"br8a-014", "br8e-006", "h4-related-0205", "h5-related-0114", "h6-blank-0013", "lang13-013",
                            "r7b-003", "r7d-002", "r8b-002", "r8d-003", "lang7-007", "v6a-045", "lang-editfile-09",
                            "lang-reader-07", "idlang6c-004"})


def _added(row: dict, line: str, where: str) -> tuple[str, str]:
    title, description = row["title"], row["description"]
    if where == "title_only":  # the line is the whole title, the offer's title opens the description
        return line, f"{title}. {description}".strip()
    if where == "title_prefix":
        return f"{line} {title}", description
    if where == "title_suffix":
        return f"{title} {line}", description
    if where == "two_heads":  # "head one||head two": one before the title, one before the description
        first, second = line.split("||")
        return f"{first} {title}", f"{second} {description}".strip()
    if where == "prefix":
        return title, f"{line} {description}".strip()
    return title, f"{description} {line}".strip()


def _hidden(row: dict, line: str, where: str) -> bool:
    return RANK[score_listing(*_added(row, line, where)).verdict.value] < RANK[row["label"]]


#: lever -> (line, where, offers hidden on integ of 4,940, on main of 4,739), every count over all read-right offers,
#: the rows any first line flips (``ANY_FIRST_LINE``) left out only in the tests.
HOLDING = {
    "raw_blank_appended": ("Mentahan blangko e-KTP.", "suffix", 0, 0),
    "raw_blank_before": ("Mentahan blangko e-KTP.", "prefix", 0, 0),
    "printed_with_printer_appended": ("Bisa dicetak printer kartu.", "suffix", 0, 0),
    "printed_with_printer_in_title": ("Bisa dicetak printer kartu.", "title_suffix", 0, 0),
    "scheme_warning_appended": ("Waspada modus penipuan, kami jual asli.", "suffix", 0, 0),
    "cheat_selling_appended": ("Penipu jual murah, kami jual asli.", "suffix", 0, 0),
    "own_ktp_appended": ("KTP saya belum dicetak juga, makanya jualan.", "suffix", 1, 1),
    "purpose_card_appended": ("Kartu buat KTP.", "suffix", 1, 0),
    "purpose_card_before": ("Kartu buat KTP.", "prefix", 1, 0),
    # (levers12) closed: a genre heading is read past unless the listing speaks as a notice (told_voice.notice_voice);
    # report heads over the goods count once among a report's tellings.  Now 0 of 4,987 each (the first-line rows
    # aside), as the neutral "Info produk:" heading; the two report heads hide 1 (v7c-035, below)
    "announcement_head_before_title": ("Pengumuman:", "title_prefix", 4692, 4504),
    "announcement_head_before_description": ("Pengumuman:", "prefix", 388, 363),
    # (levers12) the same service row (v7b-001) now reads its skipped police letter "tidak perlu surat kehilangan dari
    # polisi" a word further on: only the five rows any first line flips stay hidden
    "office_named_first_shortage_before": ("Di dukcapil blangko e-KTP habis, di sini ada.", "prefix", 6, 5),
}

#: levers still pulled: (line, where, hidden on integ of 4,940, on main of 4,739, why).  levers12 counts over 4,990 (its
#: rows added): the shortages in the title hide 5, 17 and 16 more, each an offer of levers12's rows under a genre heading
#: (which 2.9 hid already): the shortage in the title's product phrase is news as before
PULLED = {
    # (1) a publication word after the goods (the headings before a field: HOLDING since levers12); levers12 hides 172
    "announcement_appended": ("Pengumuman:", "suffix", 176, 168, "a publication word after the goods"),
    # (2) two report heads made the told-of voice heard twice (1,805 on 2.9); levers12 counts heads over the goods once
    # among a report's tellings: 1 of 4,987 still hidden, a related account offer whose seller's instruction "Atas nama
    # orang lain, jangan diganti" reads as a warning (CUEWARN "jangan") and so as a report's second telling
    "report_and_discussion_heads": ("Laporan:||Diskusi:", "two_heads", 1, 4020,
                                    "the seller's instruction 'jangan diganti' (v7c-035) reads as a warning told of"),
    # (3) an office's shortage glued to the title takes the title's product phrase
    "hearsay_shortage_in_title": ("Di kecamatan blangko katanya habis, di sini ready.", "title_suffix", 522, 474,
                                  "a shortage in the title's product phrase is news, the offer beside it is lost"),
    "shortage_again_in_title": ("Di kecamatan blangko habis terus? Di sini ready.", "title_suffix", 520, 502,
                                "'habis terus' (precision10) in the title's product phrase"),
    # (2.9) new shortage as a cause: none hidden on main
    # blankrec12: +1 on both lines below (over the merged rows: 32), br12a-022 (a new tune offer, "Dari kenalan orang dalam" as its title), which
    # main (2.9) hides alike
    "shortage_as_cause_in_title": ("KTP belum jadi karena blangko kosong? Solusinya di sini.", "title_suffix", 32, 14,
                                   "'karena blangko kosong' (2.9 OUTOFSTOCK) in the title's product phrase"),
    "shortage_as_cause_before": ("KTP belum jadi karena blangko kosong? Solusinya di sini.", "prefix", 7, 0,
                                 "'karena blangko kosong' (2.9) is a told-of sentence: it lets a 'Mau tanya' head "
                                 "hold over a service offer (lv10c-asked-04)"),
    "your_ktp_empty_in_title": ("E-KTP anda masih kosong?", "title_suffix", 20, 10,
                                "'<KTP> anda <KOSONG>' (2.9) reads the offer's empty card as the reader's own KTP"),
    # a told-of line appended to a "Mau tanya KTP hilang?" service offer ("Diskusi dulu kak: KTP baru langsung jadi
    # tanpa surat kehilangan …, data sama, 1 hari") makes it a question told of twice: a turnaround ("1 hari") is no
    # seller's voice told_voice reads.  (A buyer's "Mau tanya siapa punya blangko?" + "Butuh 30 keping, bayar di
    # muka" was hidden too, 2 of 4,940 in all, until hostile10 read a buyer's counted need as its own voice.)
    "shortage_appended_to_a_service": ("Blangko sering habis.", "suffix", 1, 0,
                                       "a 'Mau tanya' head + any told-of line over a service offer: its turnaround "
                                       "('1 hari') is not read as the seller's voice"),
    "millions_of_pieces_appended": ("Sudah terjual jutaan keping.", "suffix", 1, 0,
                                    "'jutaan keping' (precision10, CUEOTHERS) is told of: the same service row"),
    "hearsay_shortage_appended": ("Di kecamatan blangko katanya habis, di sini ready.", "suffix", 1, 0,
                                  "'blangko katanya habis' (precision10) is told of: the same service row"),
    "authority_appended": ("Dukcapil memastikan kualitas sama.", "suffix", 1, 0,
                           "'<office> memastikan' (precision10, CUEOTHERS): the same service row"),
}


def _rows(count: int) -> list[dict]:
    """Every offer for a lever measured to hide fewer than 100 (a few rows must all be tried), else every 5th."""
    return OFFERS if count < 100 else OFFERS[::5]


#: told-of lines a buyer of a wanted advert could add; each hid "Mau tanya siapa punya blangko e-KTP kosong?" / "Butuh
#: 30 keping, bayar di muka." (lv10c-asker-buyer-01) on integ b8f0fc9, since the buyer's voice was not its own
BUYER_LINES = ("Blangko sering habis.", "Sudah terjual jutaan keping.", "Dukcapil memastikan kualitas sama.",
               "Di kecamatan blangko katanya habis.", "Yang jual lebih murah itu penipu.", "Waspada modus penipuan.")


@pytest.mark.parametrize("line", BUYER_LINES)
@pytest.mark.parametrize("where", ("suffix", "prefix"))
def test_a_told_of_line_keeps_a_counted_need_wanted(line: str, where: str) -> None:
    """A buyer's need counted ("butuh 30 keping") or payment offered ("bayar di muka") is its own voice (hostile10)."""
    row = {"title": "Mau tanya siapa punya blangko e-KTP kosong?", "description": "Butuh 30 keping, bayar di muka.",
           "label": "related"}
    assert not _hidden(row, line, where)


@pytest.mark.parametrize("lever", sorted(HOLDING))
def test_a_line_that_holds_hides_no_offer(lever: str) -> None:
    line, where, _, _ = HOLDING[lever]
    assert [r["id"] for r in OFFERS if r["id"] not in ANY_FIRST_LINE and _hidden(r, line, where)] == []


#: (2.9, integration) a title that names only its genre hid 4,548 of 4,940 offers (main 4,369) read as a publication in
#: the product phrase; read from the description alone (score._names_only_a_genre), such a title now hides the 55 a
#: neutral title moved the same way does ("Info produk") and no other (measured over all 4,940)
GENRE_TITLES = ["Pengumuman", "PENGUMUMAN!!", "Berita terkini", "Info penting", "Kabar warga", "P3ngumuman"]


@pytest.mark.parametrize("genre", GENRE_TITLES)
def test_a_title_naming_only_its_genre_hides_no_more_than_a_neutral_title(genre: str) -> None:
    rows = OFFERS[::5]
    neutral = {r["id"] for r in rows if _hidden(r, "Info produk", "title_only")}
    assert [r["id"] for r in rows if _hidden(r, genre, "title_only") and r["id"] not in neutral] == []


@pytest.mark.parametrize("lever", [pytest.param(name, marks=[pytest.mark.xfail(
    strict=True, reason=f"{name}: '{line}' ({where}) hides {now} of 4,940 offers on 2.9 (main {old} of 4,739): {why}")])
    for name, (line, where, now, old, why) in sorted(PULLED.items())])
def test_a_line_still_pulled_hides_no_offer(lever: str) -> None:
    line, where, now, _, _ = PULLED[lever]
    assert [r["id"] for r in _rows(now) if r["id"] not in ANY_FIRST_LINE and _hidden(r, line, where)] == []


@pytest.mark.parametrize("lever", sorted(PULLED))
def test_a_pulled_lever_hides_no_more_than_measured(lever: str) -> None:
    """A ceiling: a pulled lever hides no more than measured (of every 5th offer, a fifth of it, +10%)."""
    line, where, now, _, _ = PULLED[lever]
    hidden = sum(1 for r in _rows(now) if _hidden(r, line, where))
    assert hidden <= (now if now < 100 else now // 5 * 11 // 10 + 1)


#: innocent text holding 2.9's new positive words: (title, description, verdict 2.8 gave, right verdict)
OVER_REACH = {
    "holder_for_ktp": ("Holder kartu untuk KTP dan ATM", "Tempat kartu bahan kulit, muat 6 kartu.", "benign"),
    "sleeve_for_ktp": ("Pelindung kartu buat KTP anti air", "Plastik pelindung kartu ukuran KTP, isi 50 lembar.", "benign"),
    "nfc_souvenir_emblem": ("Kartu NFC custom logo garuda",
                            "Kartu NFC putih, belum ada data, bisa cetak logo garuda untuk souvenir 17 Agustus.", "benign"),
    "member_card_emblem": ("Kartu member NFC Garuda",
                           "Kartu member bergambar lambang garuda, chip NFC, belum ada data, untuk klub.", "benign"),
    "pvc_clean_white": ("Kartu PVC putih bersih", "Kartu PVC putih bersih ukuran KTP, untuk ID card karyawan.", "benign"),
    "photo_clean_white": ("Pas foto background putih bersih", "Cetak pas foto untuk KTP, background putih bersih.", "benign"),
    "first_ektp_news": ("Rekam e-KTP perdana untuk pemilih pemula",
                        "Disdukcapil gelar perekaman KTP el perdana di sekolah.", "benign"),
    "own_ktp_waited": ("KTP saya belom jadi",
                       "Sudah 3 bulan rekam, KTP saya belom dicetak juga. Blangko belom dikirim katanya.", "benign"),
    "stolen_office_cards_news": ("Kartu dinas yg buat cetak KTP",
                                 "Berita: kartu dinas yg buat cetak KTP dicuri dari gudang, polisi selidiki.", "benign"),
    "reader_model": ("Reader Omnikey 5422", "Smart card reader Omnikey untuk baca e-KTP di kantor.", "benign"),
}
#: innocent text 2.9 reads wrong (main read it right): key -> (title, description, right verdict, 2.9 verdict, why)
OVER_REACH_WRONG = {
    "base_card_article": ("Kartu dasar KTP", "Artikel: kartu dasar KTP terbuat dari PVC dan chip.", "benign", "blank",
                          "'kartu dasar KTP' (2.9 IDMATERIAL) +65 in the title; the article is a weak -20 negative"),
    "empty_part_question": ("KTP kosongnya kenapa", "Bagian kosongnya di KTP untuk apa ya?", "benign", "blank",
                            "'kosongnya' read as 'kosong' (2.9): 'KTP kosong' +65 in the title"),
    "nfc_tag_with_emblem_picture": ("Kartu chip NFC kosong",
                                    "Kartu NFC NTAG215 kosong, belum ada data, bisa tulis sendiri. Gambar garuda.",
                                    "benign", "blank",
                                    "the emblem chip-card lift (2.9) drops the NFC plain-card negative for any emblem"),
    "ktp_template_design": ("Template kartu KTP mentahan", "Desain kartu KTP mentahan format CDR.", "related", "benign",
                            "'kartu KTP mentahan' (2.9 IDMATERIAL) takes the words the KTP template reading needed"),
    "wanted_need_now": ("Saya yang lagi butuh blangko e-KTP", "Ada yang jual? Butuh 10 keping.", "related", "blank",
                        "'yang lagi butuh' (2.9 AUDIENCE) reads the poster's own need as a seller's buyers addressed "
                        "(main reads 'Saya yang butuh …' so too)"),
    "greeting_card_emblem": ("Kartu putih garuda", "Kartu ucapan putih garuda untuk 17 Agustus, isi 20 lembar.",
                             "benign", "blank", "'kartu putih garuda' (2.9 EMPTYEMBLEM, the bare emblem) in the title"),
    "citizen_report_one_sentence": ("Laporan warga",
                                    "Laporan warga: akun FB itu jual blanko e-KTP kosong 150rb per keping. Sudah kami "
                                    "teruskan ke Dukcapil.", "benign", "blank",
                                    "levers10: a heading title tells of nothing, so the report is told of once and its "
                                    "'Laporan warga:' discount is lifted (the same under 'Berita hari ini')"),
    "first_ektp_thanks": ("E-KTP perdana anak saya",
                          "Alhamdulillah KTP el perdana anak saya sudah jadi, terima kasih Dukcapil.", "benign",
                          "related", "'KTP el perdana' (2.9 EKTP) then 'sudah jadi': a finished KTP (document_done)"),
}


@pytest.mark.parametrize("key", sorted(OVER_REACH))
def test_innocent_text_with_the_new_words_keeps_its_verdict(key: str) -> None:
    title, description, verdict = OVER_REACH[key]
    assert score_listing(title, description).verdict.value == verdict


@pytest.mark.parametrize("key", [pytest.param(key, marks=[pytest.mark.xfail(strict=True, reason=why)])
                                 for key, (_, _, _, _, why) in sorted(OVER_REACH_WRONG.items())])
def test_innocent_text_2_9_reads_wrong(key: str) -> None:
    title, description, verdict, _, _ = OVER_REACH_WRONG[key]
    assert score_listing(title, description).verdict.value == verdict


#: reports and questions naming a counted need or a payment that is not the poster's own: still told of (hostile10's
#: buyer's-voice reading must not lift their discount; each benign on main and on integ)
COUNTED_NEED_TOLD_OF = [
    ("Mau tanya, kenapa kecamatan butuh 1000 keping blangko?", "Blangko sering habis. Warga sudah antre 3 bulan."),
    ("Diskusi: blanko e-KTP dijual online", "Katanya ada yang beli 50 keping blangko. Kasus ini sudah dilaporkan."),
    ("Laporan warga", "Pelaku cari 20 keping blangko e-KTP, bayar di muka. Polisi sudah menangkap."),
]


@pytest.mark.parametrize(("title", "description"), COUNTED_NEED_TOLD_OF)
def test_someone_elses_counted_need_stays_told_of(title: str, description: str) -> None:
    assert score_listing(title, description).verdict.value == "benign"
