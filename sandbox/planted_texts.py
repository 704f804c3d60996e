"""The listings the sandbox plants: blank e-KTP sales, document fraud, and the look-alikes.

Each builder returns a :class:`ListingText` — title, description, price,
category, ground-truth label and the identifiers planted in the text — drawn
from a caller-supplied ``random.Random`` so the catalogue stays deterministic.

Identifiers are recorded normalised so tests and the matchers can compare them
exactly: chip UIDs as upper-case hex without separators (``04A31B2C5D6E7F``),
NIKs as 16 digits (structurally valid: real province code, a real date of birth
with +40 on the day for women, serial from 0001), phone numbers in E.164
(``+6281234567890``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

PROVINCE_CODES = (
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
    61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 94,
)
PHONE_PREFIXES = ("811", "812", "813", "821", "822", "852", "853", "857", "858", "877", "878", "895", "896", "838")

HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "k": "к", "i": "і", "x": "х"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "b": "8", "s": "5", "t": "7", "g": "9"}
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060")


@dataclass(frozen=True)
class ListingText:
    title: str
    description: str
    price: int
    category: str
    label: str  # blank | related | benign
    kind: str  # planted | hard_negative
    detail_only: bool = False
    identifiers: tuple[tuple[str, str], ...] = ()


# --- identifiers -----------------------------------------------------------------


def make_nik(rng: random.Random) -> str:
    """A structurally valid 16-digit NIK (region, birth date, serial)."""
    region = f"{rng.choice(PROVINCE_CODES):02d}{rng.randint(1, 30):02d}{rng.randint(1, 25):02d}"
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    month = rng.randint(1, 12)
    year = rng.randint(60, 99) if rng.random() < 0.7 else rng.randint(0, 5)
    return f"{region}{day:02d}{month:02d}{year:02d}{rng.randint(1, 999):04d}"


def make_chip_uid(rng: random.Random) -> str:
    """A 7-byte NXP-style UID (first byte 04), upper-case hex without separators."""
    return "04" + "".join(f"{rng.randrange(256):02X}" for _ in range(6))


def make_phone(rng: random.Random) -> str:
    """An Indonesian mobile number in E.164."""
    return f"+62{rng.choice(PHONE_PREFIXES)}{rng.randint(1000_0000, 9999_9999)}"


def colon_uid(uid: str) -> str:
    return ":".join(uid[i : i + 2] for i in range(0, len(uid), 2))


def local_phone(phone: str, rng: random.Random) -> str:
    """How sellers write a number: 0812-3456-7890, 0812 3456 7890, 081234567890 or +62 812…"""
    national = "0" + phone[3:]
    style = rng.randrange(4)
    if style == 0:
        return f"{national[:4]}-{national[4:8]}-{national[8:]}"
    if style == 1:
        return f"{national[:4]} {national[4:8]} {national[8:]}"
    if style == 2:
        return national
    return f"+62 {phone[3:6]}-{phone[6:10]}-{phone[10:]}"


# --- obfuscation ---------------------------------------------------------------


def dotted(word: str, rng: random.Random) -> str:
    return rng.choice((".", "-", " ", "_")).join(word)


def leet(word: str, rng: random.Random) -> str:
    return "".join(LEET.get(ch, ch) for ch in word.lower()).upper()


def homoglyphs(word: str, rng: random.Random) -> str:
    return "".join(HOMOGLYPHS.get(ch, ch) if rng.random() < 0.7 else ch for ch in word)


def zero_width(word: str, rng: random.Random) -> str:
    return rng.choice(ZERO_WIDTH).join(word)


OBFUSCATIONS: tuple[Callable[[str, random.Random], str], ...] = (dotted, leet, homoglyphs, zero_width)


# --- planted listings ------------------------------------------------------------

BLANK_WORDS = ("Blangko", "Blanko", "BLANGKO", "blanko", "Blangko")
EKTP_WORDS = ("e-KTP", "E-KTP", "KTP-el", "KTP el", "EKTP", "KTP Elektronik", "e-ktp")
BLANK_TITLES = (
    "{blank} {ektp} Kosong Original Dukcapil",
    "{blank} {ektp} Asli Chip Aktif Ready",
    "Jual {blank} {ektp} Kosong Siap Cetak",
    "{blank} {ektp} Original Bergaransi Chip Terbaca",
    "{blank} {ektp} Kosong Grosir Min 10 pcs",
    "{ektp} {blank} Kosong + Hologram",
)
OBFUSCATED_TITLES = (
    "{obf} KTP Elektronik Kosong Chip Aktif",
    "{obf} e-KTP kosong siap pakai",
    "Kartu {obf} KTP el blank chip ori",
    "{obf} KTP-el KOSONG original",
)
DETAIL_ONLY_TITLES = (
    "Kartu KTP el Chip Original",
    "Kartu KTP el Chip NFC Ready Stok",
    "KTP el chip original bergaransi",
    "Kartu KTP elektronik chip warna biru",
    "Kartu ektp chip kosongan ori",
)
BLANK_DESCRIPTIONS = (
    "{blank} {ektp} asli kosong, chip aktif dan bisa dibaca reader Dukcapil.",
    "Stok {blank} {ektp} original, belum tercetak, lengkap dengan hologram dan security printing.",
    "Jual {blank} {ektp} kosong siap cetak, hasil sama persis dengan aslinya.",
)
RELATED_TITLES = (
    ("Blangko KK Kartu Keluarga Kosong Asli", "related"),
    ("Blanko Akta Kelahiran Kosong Original Capil", "related"),
    ("Jasa Pembuatan KTP Jadi Cepat 1 Hari", "related"),
    ("Data NIK KK Valid untuk Verifikasi Akun", "related"),
    ("Blangko KK Barcode Terbaru 2024", "related"),
    ("KTP Jadi Asli Terdaftar Online Dukcapil", "related"),
)
RELATED_DESCRIPTIONS = (
    "Dokumen asli, bisa dicek online. Proses cepat tanpa antri, cukup kirim foto data diri.",
    "Data valid untuk registrasi dan verifikasi. Harga per data, minimal order 10.",
    "Blangko resmi kosongan, tinggal isi. Pengiriman rahasia dan aman.",
)

HARD_NEGATIVES: tuple[tuple[str, str, int, int, str], ...] = (
    # (title, category, price_min, price_max, description)
    ("Blangkon Jawa Solo Motif Batik Premium", "Fashion Pria", 35_000, 150_000,
     "Blangkon gaya Solo, jahitan rapi, cocok untuk acara adat dan wisuda."),
    ("Blangkon Jogja Mondolan Asli Handmade", "Fashion Pria", 40_000, 180_000,
     "Blangkon Yogyakarta dengan mondolan, bahan batik tulis."),
    ("Dompet KTP Kulit Asli Slim", "Aksesoris Dompet", 25_000, 120_000,
     "Dompet tipis untuk menyimpan KTP, SIM dan kartu ATM."),
    ("Casing KTP Akrilik Anti Air Bening", "Aksesoris Dompet", 5_000, 25_000,
     "Pelindung kartu KTP elektronik agar tidak patah dan tergores."),
    ("Holder KTP Lanyard ID Card Tali", "Aksesoris Dompet", 7_000, 35_000,
     "ID card holder dengan tali lanyard, muat KTP dan kartu pegawai."),
    ("Kartu PVC Blank Ukuran KTP Isi 250 Lembar", "Alat Tulis & Kantor", 150_000, 450_000,
     "Kartu PVC putih polos ukuran KTP/ATM (CR80) untuk printer ID card. Bukan dokumen resmi."),
    ("Kartu PVC Blank Chip RFID Mifare Ukuran KTP", "Alat Tulis & Kantor", 3_000, 12_000,
     "Kartu RFID 13.56MHz untuk akses pintu dan absensi, ukuran standar kartu ATM."),
    ("Blanko Kwitansi Rangkap 2 Isi 50 Lembar", "Alat Tulis & Kantor", 6_000, 20_000,
     "Buku kwitansi untuk usaha dan toko, kertas NCR."),
    ("Blangko Kwitansi Kecil Sinar Dunia", "Alat Tulis & Kantor", 4_000, 15_000,
     "Blanko kwitansi ukuran kecil, 40 lembar per buku."),
    ("Card Reader e-KTP USB Smart Card", "Komputer & Laptop", 90_000, 450_000,
     "Pembaca kartu e-KTP untuk verifikasi data di kantor dan bank (butuh SAM resmi)."),
    ("Sampul KTP Plastik Tebal Isi 100 pcs", "Alat Tulis & Kantor", 10_000, 40_000,
     "Plastik pelindung KTP, SIM dan kartu pelajar."),
    ("Printer ID Card Cetak KTP Karyawan Evolis", "Printer & Scanner", 14_000_000, 28_000_000,
     "Printer kartu untuk ID karyawan, kartu member dan kartu pelajar."),
)

SCAM_SHOP_NAMES = (
    "Dokumen Center", "Adminduk Express", "Jasa Berkas Cepat", "Sumber Kartu", "Cetak Kilat ID",
    "Kios Dokumen 24", "Pusat Blangko", "Berkas Online", "Data Center ID", "Mitra Kependudukan",
)


def _contact_lines(rng: random.Random, ids: list[tuple[str, str]], *, force: str = "") -> list[str]:
    lines: list[str] = []
    choice = force or rng.choice(("uid", "nik", "wa", "walink", "mixed", "none"))
    if choice in ("uid", "mixed"):
        uid = make_chip_uid(rng)
        ids.append(("chip_uid", uid))
        lines.append(f"UID chip {colon_uid(uid) if rng.random() < 0.7 else uid} sudah dites.")
    if choice in ("nik", "mixed"):
        nik = make_nik(rng)
        ids.append(("nik", nik))
        lines.append(f"Contoh hasil cetak NIK {nik}, data bisa request.")
    if choice in ("wa", "mixed"):
        phone = make_phone(rng)
        ids.append(("phone", phone))
        lines.append(f"Order cepat WA {local_phone(phone, rng)} (fast respon).")
    if choice == "walink":
        phone = make_phone(rng)
        ids.append(("phone", phone))
        lines.append(f"Chat langsung: https://wa.me/{phone[1:]}")
    return lines


def planted_blank(
    rng: random.Random, variant: int,
    *, contacts: Callable[[random.Random, list[tuple[str, str]]], list[str]] | None = None,
) -> ListingText:
    """A blank e-KTP listing; ``variant`` cycles through plain, obfuscated, detail-only.

    ``contacts`` writes the contact lines (and records their identifiers) instead
    of the random ones: a planted actor's listings share its contact.
    """
    blank, ektp = rng.choice(BLANK_WORDS), rng.choice(EKTP_WORDS)
    ids: list[tuple[str, str]] = []
    detail_only = False
    style = variant % 4
    if style == 1:
        obf = rng.choice(OBFUSCATIONS)(rng.choice(("blanko", "blangko")), rng)
        title = rng.choice(OBFUSCATED_TITLES).format(obf=obf)
    elif style == 3:
        title = rng.choice(DETAIL_ONLY_TITLES)
        detail_only = True
    else:
        title = rng.choice(BLANK_TITLES).format(blank=blank, ektp=ektp)
    body = [rng.choice(BLANK_DESCRIPTIONS).format(blank=blank, ektp=ektp)]
    body += contacts(rng, ids) if contacts else _contact_lines(rng, ids, force="mixed" if variant % 5 == 0 else "")
    body.append(rng.choice(("Pengiriman rahasia, packing aman.", "Harga per lembar, nego untuk partai besar.",
                            "Tanya stok dulu sebelum order.")))
    return ListingText(
        title=title,
        description="\n".join(body),
        price=rng.randrange(35_000, 250_000, 500),
        category=rng.choice(("Alat Tulis & Kantor", "Perlengkapan Kantor", "Lain-lain")),
        label="blank",
        kind="planted",
        detail_only=detail_only,
        identifiers=tuple(ids),
    )


def planted_related(rng: random.Random) -> ListingText:
    """Document fraud that is not a blank e-KTP: blanko KK/akta, KTP jadi, NIK data."""
    title, label = rng.choice(RELATED_TITLES)
    ids: list[tuple[str, str]] = []
    body = [rng.choice(RELATED_DESCRIPTIONS), *_contact_lines(rng, ids, force=rng.choice(("nik", "wa", "walink", "none")))]
    return ListingText(
        title=title,
        description="\n".join(body),
        price=rng.randrange(50_000, 1_500_000, 1000),
        category="Lain-lain",
        label=label,
        kind="planted",
        identifiers=tuple(ids),
    )


def hard_negative(rng: random.Random) -> ListingText:
    """A legal product that shares words with the queries (blangkon, dompet KTP, kwitansi …)."""
    title, category, low, high, description = rng.choice(HARD_NEGATIVES)
    return ListingText(
        title=title,
        description=description,
        price=rng.randrange(low, high, 500),
        category=category,
        label="benign",
        kind="hard_negative",
    )
