"""The related concepts of ktpwatch-matchers/2.7, each with hard negatives that share its words.

The offers were missed by 2.6 (measured first on ``corpus/related7_a.jsonl`` and
``independent5.jsonl``); the negatives must stay benign.  Each concept is also checked
against everyday sentences appended, which may never flip a verdict.
"""

from __future__ import annotations

import pytest

from matchers import score_listing

OFFERS = {
    # the ID the object of a sale or supply verb a word or two on
    "scans sold": ("Scan warna", "Dijual hasil scan KTP warna asli, ratusan file."),
    "supplied for a check": ("Verifikasi wajah", "Kami sediakan wajah dan KTP yang cocok untuk aplikasi pinjaman."),
    "English sale": ("Selling NIK + KK data", "Selling NIK + KK data, fresh, for SIM registration."),
    # a population document said done
    "done with a place": ("KTP Batam jadi", "KTP Batam jadi, buat kerja di kawasan industri."),
    "done, chat spelling": ("Ktp nya udh jadi boss", "Tinggal ambil, data pesanan kemarin."),
    # the office's process bypassed inside it
    "insider": ("Jasa cek dukcapil (akses orang dalam)", ""),
    # people tracked down by their NIK, a NIK sold
    "lookup": ("Lacak orang", "Lacak data orang lewat NIK, hasil nama, alamat, keluarga."),
    "NIK sold": ("Data nasabah + NIK dijual", "Lengkap dengan tanggal lahir."),
    # an office's stamp made to order
    "stamp made": ("Stempel dukcapil custom", "Bikin stempel dukcapil kabupaten mana saja."),
    # population documents listed over clauses as the goods, said done
    "document set": ("Dokumen lengkap", "Dokumen: KTP, KK, akta, surat pindah. Semua jadi."),
    # a buyer collecting blanks, a KTP with new or the buyer's data, the office gone round, a NIK sold
    "collector of blanks": ("Penampung blangko e-KTP sisa", "Hubungi kami, bayar tunai."),
    "new data": ("KTP data baru", "Buat daftar kerja luar negeri, umur bisa diatur."),
    "buyer's data, not via the office": ("Kartu identitas dengan data kamu", "Dicetak di kartu berchip. Bukan lewat Dukcapil."),
    "NIK sold after a word": ("Jual data lengkap: NIK, nama, ibu kandung", "Per data 40rb."),
    "a hospital's letter skipped": ("Akta kematian", "Akta kematian untuk klaim asuransi tanpa surat dari rumah sakit."),
    "Acehnese, no office": ("Peugot KTP", "Peugot KTP ngon KK, hana payah jak u kantor, siap lam dua uroe."),
    "Malay, no coming": ("KTP Indonesia", "Boleh uruskan KTP Indonesia, tak payah datang, siap seminggu."),
    # a KTP printed on a genuine blank: the blank is the material, the KTP the forged goods
    "printed on a blank": ("Cetak e-ktp di blanko ori, data kamu", "Tinggal terima jadi."),
    "data printed on top of a blank": ("Cetak data di blanko asli", "Kami cetakkan data anda di atas blanko e-KTP asli."),
    "second identity in English": ("Dokumen second identity", "Second identity: KTP, SIM, paspor baru."),
    "a KTP held for someone's credit": ("Ktp titipan buat daftar kredit", "Fee dibagi dua."),
    "KYC packs in English": ("Sell Indo KYC", "Sell Indonesian KYC packs: ID front/back + selfie, for fintech verification."),
    # (after voices7_b) an identity borrowed, a collector, data to order on any document, a blank data page
    "identity borrowed": ("Titip nama di KTP", "Dibutuhkan orang yang mau dipinjam identitasnya untuk didaftarkan sebagai pemilik usaha."),
    "collector, regional": ("Mau beli sisa blangko", "Menampung blangko e-KTP tidak terpakai, kondisi kosong."),
    "NPWP to order": ("Kartu NPWP bebas pilih nama", "Nomor kami buatkan, nama dan alamat bebas."),
    "passport data page blank": ("Paspor model lama halaman data kosong", "Harga per buku, hanya ketemuan."),
    # spellings: chat, Madurese, brand and e-wallet words
    "chat usable": ("ktp bs dipake daftar bank", ""),
    "Madurese": ("Adamel KTP dhaddhi", "Nerema adamel KTP dhaddhi, ta' osah ngantre."),
    "Facebook account": ("Jual akun Facebook tua + KTP untuk verif", "Akun FB tua + foto KTP untuk verifikasi."),
    "e-wallet account": ("Akun dompet digital verif KTP (jual)", ""),
}

HARD_NEGATIVES = {
    "holder, KTP kept whole": ("Holder KTP akrilik bening", "Biar KTP jadi awet dan tidak patah."),
    "KTP made a requirement": ("Jadi reseller yuk", "Jadi reseller kartu perdana, KTP jadi syarat daftar."),
    "laminating done": ("Jasa laminating dokumen", "Laminating KTP, KK, ijazah, 5 menit jadi."),
    "no broker at the office": ("Info pelayanan Dukcapil", "Urus KTP di dukcapil gratis, tanpa calo, cukup bawa KK asli."),
    "wallet sold": ("Jual dompet kulit", "Jual dompet kulit muat KTP dan 8 kartu."),
    "rental deposit": ("Sewa kamera mirrorless", "Disewakan kamera mirrorless, jaminan KTP asli."),
    "copy shop": ("Sedia print & fotokopi", "Sedia print dan fotokopi KTP bolak balik."),
    "company stamp": ("Stempel flash 1 jam jadi", "Stempel toko, stempel perusahaan, custom logo, 1 jam jadi."),
    "village stamp ordered by the office": ("Stempel kantor desa", "Pengadaan stempel kantor desa, wajib surat pesanan dari kepala desa."),
    "e-wallet payment": ("Kaos polos hitam", "Bayar pakai dompet digital atau transfer, KTP tidak perlu."),
    "Facebook shop": ("Kaos distro", "Cek Facebook kami untuk katalog lengkap."),
    "papers of an applicant": ("Loker gudang", "Berkas: KTP, KK, SKCK, surat sehat. Proses cepat, langsung kerja."),
    "papers kept": ("Organizer dokumen", "Organizer dokumen keluarga: KK, akta, buku nikah, ijazah. Jadi rapi."),
    "office's own update": ("Info perubahan data", "Setelah menikah, KTP dengan data baru diurus di Dukcapil, bawa buku nikah."),
    "buying used phones": ("Kami beli HP bekas", "Kami beli HP bekas segala merk, transaksi wajib bawa KTP asli."),
    "IKD at the office": ("Aktivasi IKD", "Aktivasi IKD langsung di dukcapil, bukan lewat calo. Bawa HP dan KTP."),
    "own shop verified": ("Kaos polos premium", "Toko Shopee kami sudah terverifikasi, aman belanja."),
    "game account, owner's identity safe": ("Jual akun Mobile Legends",
                                            "Akun ML sultan, sudah verifikasi email, identitas pemilik aman tidak dipakai."),
    "Malay delivery": ("Kuih raya", "Tak payah datang ke kedai, kami hantar ke rumah."),
    "Acehnese copy shop": ("Fotokopi keliling", "Hana payah jak u kantor, kamoe fotokopi KTP dan KK di rumah droeneuh."),
    "invitation printed on a form": ("Undangan pernikahan", "Cetak nama di atas blanko undangan premium, 3 hari jadi."),
    "a thriller": ("Novel Second Identity", "Novel thriller karya penulis lokal tentang agen rahasia, 300 halaman."),
    "phones left for sale": ("Titipan jual HP", "Terima titipan jual HP bekas, bawa KTP dan dus HP."),
    "a laptop sold in English": ("Used laptop", "Sell my old laptop, bundle with bag. KTP owner available for trust."),
    "passport cover named": ("Cover paspor kulit", "Cover paspor kulit, nama bebas custom grafir."),
    "buying a phone": ("Mau beli iPhone bekas", "Mau beli iPhone bekas mulus, yang punya japri, bawa KTP saat COD."),
    "domain rented": ("Sewa nama domain", "Sewa nama domain premium tahunan, identitas pemilik domain disamarkan."),
    "papers to bring": ("Info rekam e-KTP", "Dokumen yang dibawa: KTP lama, KK, akta lahir. Cepat, gratis."),
}

EVERYDAY = ("Bisa COD di tempat.", "Packing aman pakai bubble wrap.", "Fast respon jam 08.00-21.00.",
            "Bukan mainan, bukan kartu PVC.")


@pytest.mark.parametrize("name", sorted(OFFERS))
def test_offer_is_related(name: str) -> None:
    title, description = OFFERS[name]
    assert score_listing(title, description).verdict == "related"


@pytest.mark.parametrize("name", sorted(HARD_NEGATIVES))
def test_hard_negative_is_benign(name: str) -> None:
    title, description = HARD_NEGATIVES[name]
    assert score_listing(title, description).verdict == "benign"


@pytest.mark.parametrize("sentence", EVERYDAY)
def test_everyday_sentence_flips_no_concept(sentence: str) -> None:
    for title, description in (*OFFERS.values(), *HARD_NEGATIVES.values()):
        before = score_listing(title, description).verdict
        assert score_listing(title, f"{description}\n{sentence}".strip()).verdict == before, (title, sentence)


def test_each_is_no_holder() -> None:
    """"masing-masing" (each) is a word of its own, not a typo of "casing" (2.6 read a holder in it)."""
    reasons = score_listing("Sepuluh set", "Masing-masing foto depan belakang dan selfie pegang.").reasons
    assert [r.rule for r in reasons if r.rule == "neg_holder"] == []


def test_a_blank_to_be_printed_by_the_office_stays_blank() -> None:
    description = "Blanko e-KTP kosong original, siap dicetak data di atas blanko oleh dinas."
    assert score_listing("Blanko e-KTP", description).verdict == "blank"


def test_a_buying_question_opens_a_blank_offer() -> None:
    """"Mau beli?" asked is a seller's opening; said, a wanted advert (2.7 reads it as seeking)."""
    assert score_listing("Blanko e-KTP", "Mau beli? Blanko e-KTP kosong ready, langsung chat.").verdict == "blank"


@pytest.mark.parametrize("words", ["belum jadi", "blm jadi", "tidak jadi", "durung jadi"])
def test_a_document_said_not_yet_or_not_done_is_no_made_document(words: str) -> None:
    """'KTP elektronik (belum jadi)' is a card not yet made (a blank row of blank_recall6 read related after the
    merge of related7): the absent word before "jadi" denies the state document_done reads."""
    for title in (f"KTP elektronik {words}", f"KTP Batam {words}"):
        assert "document_done" not in {r.rule for r in score_listing(title, "").reasons}, title
    assert "document_done" in {r.rule for r in score_listing("KTP Batam jadi", "").reasons}
