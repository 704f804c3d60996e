"""False hits a hostile review of matcher 2.4 found in ordinary listings (corpus/hostile_benign.jsonl).

Each class is tested by varying its parts, with a control that the same words still count where
they are what is offered, so a fix cannot pass by switching the rule off.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from matchers import score_listing

# --- 8-byte addresses of disks, radios and buses are not chip UIDs ---------------------------------

_LABELS = ("WWN", "WWPN", "WWNN", "EUI64", "EUI-64", "DevEUI", "AppEUI", "IEEE", "IEEE address", "CID", "GUID",
           "ROM code")
#: a listing about cards only because it names a warranty card, a card slot or a tag
_CARD_TOPICS = ("Kartu garansi ada.", "Termasuk kartu panduan.", "Slot SD card.", "Tag harga masih nempel.")
# a hex letter and a digit: all digits is a decimal number, all letters a word (AADAFAFA…)
_ADDRESS = st.lists(st.integers(0, 255), min_size=8, max_size=8).filter(
    lambda octets: any(c in "ABCDEF" for c in bytes(octets).hex().upper())
    and any(c.isdigit() for c in bytes(octets).hex()))


def _printed(octets: list[int], colons: bool) -> str:
    hexed = bytes(octets).hex().upper()
    return ":".join(hexed[i:i + 2] for i in range(0, 16, 2)) if colons else "0x" + hexed


def _chip_uids(title: str, description: str) -> list[str]:
    return [i.value for i in score_listing(title, description).identifiers if i.kind == "chip_uid"]


@settings(max_examples=60, deadline=None)
@given(_ADDRESS, st.booleans(), st.sampled_from(_LABELS), st.sampled_from(_CARD_TOPICS))
# found by a random run: the hex literal's tail "081000000000" was read as a phone and hid the UID
@example([0x00, 0x0A, 0x08, 0x10, 0x00, 0x00, 0x00, 0x00], False, "WWN", "Kartu garansi ada.")
def test_a_labelled_device_address_is_no_chip_uid(octets: list[int], colons: bool, label: str, topic: str) -> None:
    address = _printed(octets, colons)
    assert _chip_uids("Modul server bekas", f"{label} {address}. {topic}") == []
    # control: the same bytes under a chip word are a UID
    assert _chip_uids("Tag NFC NTAG216", f"UID {address}. {topic}") == [bytes(octets).hex().upper()]


# --- what the buyer provides, asked in a list or by a word after it -------------------------------

_ASKED = ("data KTP", "foto KTP", "selfie dengan KTP", "data KK")
_REQUIREMENT_LISTS = (
    "Syarat: KTP asli, {asked}, slip gaji.",
    "Persyaratan: SIM A, {asked}, NPWP.",
    "Dokumen yang dibawa: KTP asli, {asked}.",
    "{asked} para pendiri dibutuhkan untuk akta.",
    "{asked} penyewa wajib dilampirkan saat booking.",
    "Isi form dengan {asked} sendiri.",
    "Masukkan {asked} penumpang sesuai identitas.",
    "Kirimkan {asked} via WA.",
    "Input {asked} reseller untuk kontrak.",
)
_TITLES = ("Sewa mobil lepas kunci", "Kredit motor tanpa DP", "Jasa pendirian CV", "Pendaftaran BPJS mandiri")


@pytest.mark.parametrize("template", _REQUIREMENT_LISTS)
@pytest.mark.parametrize("asked", _ASKED)
def test_what_the_buyer_provides_is_not_on_offer(template: str, asked: str) -> None:
    for title in _TITLES:
        assessment = score_listing(title, template.format(asked=asked))
        assert assessment.verdict == "benign", (title, template.format(asked=asked), assessment.reasons)


@pytest.mark.parametrize("asked", _ASKED)
@pytest.mark.parametrize("sale", ("Ready: KTP asli, {asked}, siap pakai.", "Jual {asked} valid, fresh."))
def test_the_same_words_on_offer_stay_related(sale: str, asked: str) -> None:
    assert score_listing("Paket verifikasi akun", sale.format(asked=asked)).verdict == "related"


@pytest.mark.parametrize("terms", (
    "Jual data KTP, foto selfie dengan KTP, dibutuhkan untuk verifikasi pinjol.",
    "Ready data KTP, selfie dengan KTP, cocok yang dibutuhkan buat pinjol.",
    "Syarat: transfer dulu, data KTP dikirim setelahnya.",
    "Data KTP valid, siap pakai, DP diperlukan.",
    "Foto selfie dengan KTP ready bisa dibawa kemana saja.",
))
def test_a_sellers_terms_with_a_requirement_word_stay_related(terms: str) -> None:
    # control: a requirement word in a list or clause that offers or deals is the seller's terms
    assert score_listing("Paket verifikasi", terms).verdict == "related"


@pytest.mark.parametrize(("title", "description"), (
    ("Lowongan kerja admin gudang", "Kirim CV, data KTP, ijazah terakhir ke email HRD."),
    ("Asuransi mobil all risk", "Data KTP tertanggung, STNK dan foto kendaraan diperlukan untuk polis."),
))
def test_documents_asked_in_a_list_without_a_heading_are_benign(title: str, description: str) -> None:
    assert score_listing(title, description).verdict == "benign"


# --- a phone-shaped number a product labels as its own is no contact ------------------------------

_PRODUCT_LABELS = ("SKU", "Part no", "Part number:", "Kode produk", "Barcode", "Resi JNE", "No seri", "Serial",
                   "Batch", "Invoice", "Model", "IMEI", "S/N")
_MOBILE = st.builds(lambda prefix, rest: f"08{prefix}{rest}", st.sampled_from(["11", "12", "13", "21", "52", "57", "77"]),
                    st.text(alphabet="0123456789", min_size=7, max_size=8))


def _phones(description: str) -> list[str]:
    return [i.value for i in score_listing("Barang ready", description).identifiers if i.kind == "phone"]


@settings(max_examples=60, deadline=None)
@given(_MOBILE, st.sampled_from(_PRODUCT_LABELS), st.sampled_from(["WA", "Hub", "Telp", "HP:"]))
def test_a_number_labelled_as_the_products_own_is_no_phone(number: str, label: str, cue: str) -> None:
    contact = _phones(f"{cue} {number}")
    assume(contact != [])  # a valid mobile number: after a contact word it is a phone
    assert _phones(f"{label} {number}. Ready stok.") == []
    assert _phones(f"{label} 1234. {cue} {number}") == contact


# --- a 16-digit payment or voucher number that passes the NIK check is no NIK --------------------

_NIK_SHAPED = st.builds(
    lambda province, regency, district, day, month, year, serial: (
        f"{province}{regency:02d}{district:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"),
    st.sampled_from([11, 31, 32, 33, 35, 51, 52, 53, 73]), st.integers(1, 79), st.integers(1, 40),
    st.integers(1, 28), st.integers(1, 12), st.integers(0, 99), st.integers(1, 9999))
_PAYMENT_LABELS = ("VA", "Virtual account:", "Kartu kredit", "Kode voucher", "Token", "SHM nomor", "Barcode", "Resi")


def _niks(description: str) -> list[str]:
    return [i.value for i in score_listing("Barang ready", description).identifiers if i.kind == "nik"]


@settings(max_examples=60, deadline=None)
@given(_NIK_SHAPED, st.sampled_from(_PAYMENT_LABELS), st.booleans())
def test_a_labelled_payment_number_is_no_nik(digits: str, label: str, grouped: bool) -> None:
    written = " ".join(digits[i:i + 4] for i in range(0, 16, 4)) if grouped else digits
    assert _niks(f"NIK {written}") == [digits]  # control: a valid NIK after its own word
    assert _niks(f"{label} {written} dikirim setelah bayar.") == []


# --- colon-printed numbers that are not one byte per group, or run past a UID --------------------

_GROUPS_OF_TWO = st.lists(st.integers(0, 0xFFFF), min_size=4, max_size=8).map(
    lambda groups: ":".join(f"{g:04x}" for g in groups)).filter(lambda s: any(c in "abcdef" for c in s))
_LONG_RUN = st.lists(st.integers(0, 255), min_size=9, max_size=20).map(
    lambda octets: ":".join(f"{o:02x}" for o in octets)).filter(lambda s: any(c in "abcdef" for c in s))


@settings(max_examples=60, deadline=None)
@given(st.one_of(_GROUPS_OF_TWO, _LONG_RUN), st.sampled_from(_CARD_TOPICS), st.sampled_from(["", "Device ID ", "code "]))
def test_two_byte_groups_and_long_runs_are_no_uid_without_a_cue(printed: str, topic: str, before: str) -> None:
    assert _chip_uids("Router bekas", f"{before}{printed} sudah diset. {topic}") == []


@settings(max_examples=40, deadline=None)
# a reader's print needs a hex letter to be told from a decimal number without a cue
@given(_ADDRESS.map(lambda octets: bytes([0x04, *octets[:6]])).filter(lambda uid: any(c in "ABCDEF" for c in uid.hex().upper())))
def test_a_seven_byte_uid_printed_by_a_reader_still_needs_no_cue(uid: bytes) -> None:
    printed = ":".join(f"{b:02X}" for b in uid)
    assert _chip_uids("Kartu NFC NTAG216", f"Hasil scan {printed} siap pakai.") == [uid.hex().upper()]


# --- an ID named as the source of a party's details, or the buyer's own NIK ------------------------

_ID_TERMS = ("e-KTP", "KTP-el", "KTP", "KTP elektronik")
_REFERENCES = ("Nama dicetak sesuai {id} anggota.", "Nama mempelai sesuai {id}.", "Diisi sesuai {id} pemohon.",
               "Nama lengkap sesuai {id}, foto menyusul.")
_BLANK_LOOKING_TITLES = ("Blangko undangan nikah custom", "Kartu kosong anggota koperasi", "Blanko surat kuasa")


@pytest.mark.parametrize("title", _BLANK_LOOKING_TITLES)
@pytest.mark.parametrize("reference", _REFERENCES)
@pytest.mark.parametrize("id_term", _ID_TERMS)
def test_an_id_named_as_where_details_come_from_is_not_the_product(title: str, reference: str, id_term: str) -> None:
    assert score_listing(title, reference.format(id=id_term)).verdict == "benign"


@pytest.mark.parametrize("id_term", _ID_TERMS)
def test_a_blank_like_the_real_id_stays_blank(id_term: str) -> None:
    # control: the ID after "sesuai" with no party is still what the blank is compared to
    assert score_listing("Kartu kosong chip", f"Kartu kosong sesuai {id_term} asli, chip aktif.").verdict == "blank"


@pytest.mark.parametrize("own", ("NIK KTP sendiri", "NIK KK sendiri", "NIK dan KK pribadi"))
def test_registering_with_ones_own_nik_is_no_data_for_sale(own: str) -> None:
    assert score_listing("Kartu perdana kosong", f"Belum registrasi, registrasi pakai {own}.").verdict == "benign"
    assert score_listing("Data NIK", "NIK KTP aktif siap pakai, fresh.").verdict == "related"  # control


@pytest.mark.parametrize("column", ("kolom nomor {id}", "kolom {id}", "kolom NIK {id}"))
@pytest.mark.parametrize("id_term", _ID_TERMS)
def test_a_forms_column_for_the_id_is_not_the_product(column: str, id_term: str) -> None:
    description = f"Daftar hadir kosong, {column.format(id=id_term)} dan tanda tangan."
    assert score_listing("Blanko absen kosong isi 50 lembar", description).verdict == "benign"
