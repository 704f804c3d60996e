"""The related concepts of ktpwatch-matchers/2.8, each beside hard negatives that share its words.

2.7 missed the offers (measured first on ``corpus/related8_a``, ``related8_b`` and the writer's
``voices8_a``/``voices8_b``, before any change); the negatives must stay benign.  Where a concept is a
matter of position or of what surrounds it, a property holds it over generated listings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing

OFFERS = {
    # the place an ID is kept is no holder on offer
    "spare KTP for the wallet": ("Cetak e-KTP cadangan untuk dompet", "Data sama persis punyamu, kartu ber-chip."),
    "kept in the wallet": ("KTP duplikat buat simpan di dompet", ""),
    # the population card or chip named by its register; the digital ID
    "writer with population chips": ("Alat tulis chip kependudukan", "Lengkap 30 kartu chip kosong."),
    "digital ID without the owner": ("Aktivasi KTP digital tanpa hadir", "Untuk orang lain juga bisa."),
    # a driving licence named as a card
    "police licence blank": ("Kartu SIM polisi kosong", "Belum ada nama, ada hologram."),
    # a stamp made like an office's own
    "stamp like the office's": ("Stempel mirip punya kecamatan", "Dibuat sesuai foto cap aslinya."),
    # identity papers named one by one as the goods
    "ID, tax card and selfie": ("KTP + NPWP + selfie", "Satu orang, data cocok semua."),
    "papers under a vague title": ("Paket siap usaha", "KK + KTP + buku tabungan. Serius saja."),
    # (after related8_c) a stand-in for the test, a letter skipped, the buyer's sent data, a few days done
    "stand-in for the licence test": ("Joki ujian SIM A", "Kamu tinggal datang foto, sisanya kami."),
    "birth record without the midwife's letter": ("Akta lahir anak", "Diurus tanpa surat dari bidan, 6 hari kelar."),
    "reprinted with the sent data": ("Cetak ulang", "KTP dicetak ulang sesuai data yang anda kirim."),
    # software that makes KTPs; a NIK to order
    "software making KTPs": ("Program pembuat KTP", "Isi data, keluar siap cetak."),
    "NIK to order": ("Kartu sudah terisi", "KTP sudah jadi, NIK sesuai request."),
    # (after related8_d) the seller's own identity or face used for the buyer's checks
    "seller's identity for a check": ("Joki verif exchange", "Verifikasi akun kamu pakai identitas kami."),
}

HARD_NEGATIVES = {
    "holder for the wallet": ("Holder KTP untuk dompet", "Akrilik bening, KTP tidak tergores."),
    "wallet for cards": ("Dompet untuk KTP dan SIM", "Kulit sapi, muat 6 kartu."),
    "phone SIM card": ("Kartu SIM Telkomsel kosong", "Nomor cantik, belum aktif."),
    "IKD at the office": ("Aktivasi IKD", "Aktivasi IKD langsung di dukcapil, bukan lewat calo. Bawa HP dan KTP."),
    "IKD guide": ("Cara aktivasi IKD", "Panduan aktivasi identitas kependudukan digital lewat aplikasi resmi."),
    "stamp ordered by the office": ("Stempel kantor kelurahan", "Pengadaan stempel resmi, wajib surat pesanan dari kelurahan."),
    "warned never to lend": ("Pinjol legal", "Syarat KTP sendiri. Jangan pernah pinjamkan KTP kamu ke orang lain."),
    "warned never to send": ("Info keamanan", "Jangan pernah kirim foto KTP dan selfie ke orang tak dikenal."),
    # papers beside anything else, lost, or asked of the buyer
    "wallet for papers": ("Dompet KTP + SIM + ATM", "Kulit sintetis, muat semua."),
    "papers copied": ("Fotokopi KTP + KK", "Bolak balik, 500 perak."),
    "papers required": ("Lowongan sopir", "Syarat: KTP + SIM B1 + SKCK."),
    # a product suited to an ID is no ID made
    "pas-foto suited to a KTP": ("Cetak pas foto 3x4", "Cocok buat KTP, SKCK dan lamaran, 10 menit jadi."),
    "invitation from the sent data": ("Undangan custom", "Cetak undangan sesuai data yang kamu kirim, 4 hari jadi."),
    "coursework stand-in": ("Joki tugas kuliah", "Makalah dan laporan praktikum, dijamin beres."),
    "game stand-in": ("Joki rank Mobile Legends", "Sampai mythic, akun aman."),
    "a loan's papers": ("Pinjaman online resmi", "Pinjaman tanpa dokumen apapun, cukup KTP, cair 1 hari."),
    "name-card software": ("Software cetak kartu nama", "Desain dan cetak kartu nama, ID card karyawan."),
    "a KK printed at home": ("Cetak KK mandiri", "Dukcapil: KK kini bisa dicetak mandiri lewat aplikasi resmi."),
    "the buyer's own NIK": ("Formulir pendaftaran lomba", "Isi NIK sesuai KTP, nama sesuai permintaan panitia."),
    "a clinic's own care": ("Klinik kecantikan", "Perawatan wajah kami pakai produk BPOM."),
    "a shop's privacy": ("Tentang toko kami", "Kami menjaga kerahasiaan identitas kami dan pelanggan."),
    # papers a lost wallet held, named in a row; a phone SIM card not yet registered
    "a lost wallet's papers": ("Info kehilangan", "Telah hilang dompet berisi KTP elektronik, SIM C dan kartu ATM."),
    "a SIM card to register": ("Kartu perdana baru, belum registrasi KTP", "Aktifkan pakai NIK sendiri."),
}


@pytest.mark.parametrize("title, description", OFFERS.values(), ids=OFFERS.keys())
def test_an_offer_is_read_related(title: str, description: str) -> None:
    assert score_listing(title, description).verdict == "related"


@pytest.mark.parametrize("title, description", HARD_NEGATIVES.values(), ids=HARD_NEGATIVES.keys())
def test_a_hard_negative_stays_benign(title: str, description: str) -> None:
    assert score_listing(title, description).verdict == "benign"


@pytest.mark.xfail(strict=True, reason=(
    "a lost notice whose title names only papers ('KTP + KK hilang') reads as an identity set: the word after the "
    "last paper is outside every rule, so the engine's outline cannot tell it from 'KTP + KK'; 'hilang' cannot "
    "discount the clause, as calo offers say 'Urus KTP hilang tanpa ke kantor'"))
def test_a_lost_notice_naming_only_papers_stays_benign() -> None:
    assert score_listing("KTP + KK hilang", "Hilang di sekitar pasar, yang menemukan mohon hubungi.").verdict == "benign"


#: A print or copy shop's other goods and services, some of them hard negatives (a sticker, a name card).
_SHOP_ITEMS = ("fotokopi", "jilid", "print warna", "stiker nama", "kartu nama", "undangan", "spanduk",
               "ID card", "brosur", "laminating", "cetak foto", "kalender")
#: A claim said of a KTP in the clause after it: the buyer's data, passing as real, no office.
#: The shop's opening line, naming no product: the list that follows is its goods, none the product phrase.
_OPENING = "Percetakan Cahaya melayani warga sejak 2005.\n"
_CLAIMS = ("hasil kaya asli", "nama dan alamat bebas", "tanpa ke dukcapil", "dijamin lolos verifikasi")


@settings(max_examples=60, deadline=None)
@given(items=st.lists(st.sampled_from(_SHOP_ITEMS), min_size=0, max_size=9),
       claim=st.sampled_from(_CLAIMS))
def test_a_claim_said_in_the_next_clause_holds_however_deep_in_a_shop_list(items: list[str], claim: str) -> None:
    """A print shop's list before it does not hide "cetak KTP, <claim>" (2.7 needed the pair within the
    description's first four clauses and divided it by every other product named)."""
    listing = _OPENING + ", ".join(items) + (". " if items else "") + f"Layanan khusus: cetak KTP, {claim}."
    assert score_listing("Percetakan Cahaya", listing).verdict == "related"


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.sampled_from(_SHOP_ITEMS), min_size=1, max_size=9))
def test_a_shop_list_naming_a_ktp_copy_and_no_claim_stays_benign(items: list[str]) -> None:
    """The same lists with a plain KTP service and no claim after it stay a shop's list."""
    listing = _OPENING + ", ".join(items) + ". Fotokopi KTP, legalisir ijazah, hasil tajam."
    assert score_listing("Percetakan Cahaya", listing).verdict == "benign"
