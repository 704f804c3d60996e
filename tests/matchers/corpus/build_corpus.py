"""Builds the labelled matcher corpus (``*.jsonl`` next to this file).

Run ``.venv/bin/python tests/matchers/corpus/build_corpus.py`` after editing a
template; the output is committed so tests never depend on this script.

Every listing text below was written by hand in the language of Indonesian
marketplace listings; the script only combines titles with descriptions,
applies the obfuscations sellers use (leetspeak, separators inside words,
homoglyphs, full-width letters, zero-width characters, emoji, typos) and
inserts identifiers whose expected normalised value it knows by construction
(it never calls the matcher).  Templates, not listings, are split: a template
whose number is divisible by 4 went to ``holdout`` in the first corpus; that
split was seen while tuning, so every row is now ``tune`` (the frozen holdout
lives in ``tests/matchers/holdout/``, written apart from this lexicon).

The second part (``build_more``) adds listings in the language the first
corpus lacked (issue 15): everyday shop sentences inside descriptions,
disclaimers ("bukan mainan"), cross-field evidence (a vague title, the
explicit words in the description), hashtags and run-together words,
stretched letters and typos, regional verbs for making a KTP, forgery
described in words, publications, pas-foto services, novelty cards, and
identifiers written with bracketed country codes or as lists of chip UIDs.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
PRDECT = HERE.parents[3] / "shared" / "recorded" / "datasets" / "PRDECT-ID_unique_product_names.csv"
rng = random.Random(20240613)

# ---------------------------------------------------------------- obfuscation

ZW = "\u200b"
CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "k": "к", "t": "т", "x": "х", "y": "у", "i": "і"}
CYR_UP = {"A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "T": "Т", "X": "Х", "B": "В", "H": "Н", "M": "М"}
GREEK_UP = {"A": "Α", "B": "Β", "E": "Ε", "K": "Κ", "T": "Τ", "P": "Ρ", "O": "Ο", "I": "Ι", "N": "Ν"}
LEET = {"a": "4", "e": "3", "o": "0", "i": "1", "l": "1"}
EMOJI = ["🔥", "✅", "⭐", "💯", "📌", "🪪"]


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def homoglyph(s: str) -> str:
    return "".join(CYR.get(c, CYR_UP.get(c, c)) for c in s)


def greek(s: str) -> str:
    return "".join(GREEK_UP.get(c.upper(), c) if c.isalpha() else c for c in s.upper())


def leet(s: str) -> str:
    return "".join(LEET.get(c, c) if rng.random() < 0.7 else c for c in s)


def zero_width(s: str) -> str:
    return ZW.join(s)


def spaced(s: str, sep: str) -> str:
    return sep.join(s)


def emoji_inside(s: str) -> str:
    mid = len(s) // 2
    return s[:mid] + rng.choice(EMOJI) + s[mid:]


BLANK_WORDS = {
    "plain": ["blangko", "blanko", "Blangko", "BLANKO", "Blanko", "blank"],
    "typo": ["blangkko", "blnko", "belangko", "blangco", "blanco", "blamko", "blankoo", "blngko"],
}
EKTP_WORDS = ["e-KTP", "E-KTP", "KTP-el", "KTP el", "ektp", "EKTP", "KTP elektronik", "e KTP", "Ktp-El",
              "KTP Elektronik", "ktp el", "e-ktp"]


def obfuscate(word: str, how: str) -> str:
    if how == "leet":
        return leet(word.lower())
    if how == "dots":
        return spaced(word, ".")
    if how == "spaces":
        return spaced(word, " ")
    if how == "underscores":
        return spaced(word, "_")
    if how == "dashes":
        return spaced(word, "-")
    if how == "homoglyph":
        return homoglyph(word)
    if how == "greek":
        return greek(word)
    if how == "fullwidth":
        return fullwidth(word)
    if how == "zerowidth":
        return zero_width(word)
    if how == "emoji":
        return emoji_inside(word) if len(word) > 4 else word + rng.choice(EMOJI)
    if how == "nbsp":
        return word.replace(" ", "\u00a0").replace("-", "\u00a0")
    return word


OBFUSCATIONS = ["plain", "plain", "leet", "dots", "spaces", "underscores", "dashes", "homoglyph", "greek",
                "fullwidth", "zerowidth", "emoji", "nbsp", "typo"]

# ---------------------------------------------------------------- identifiers

MOBILE_PREFIXES = ["811", "812", "813", "821", "822", "823", "852", "853", "857", "858", "878", "877",
                   "896", "895", "898", "838", "831", "881", "882", "815", "856"]
PROVINCES = [11, 12, 13, 14, 16, 18, 31, 32, 33, 34, 35, 36, 51, 52, 61, 63, 64, 71, 73, 81, 91]


def phone() -> tuple[str, list[dict[str, str]]]:
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = "".join(rng.choice("0123456789") for _ in range(8))
    e164 = f"+62{prefix}{rest}"
    style = rng.randrange(6)
    written = [
        f"0{prefix}-{rest[:4]}-{rest[4:]}",
        f"0{prefix}{rest}",
        f"0{prefix} {rest[:4]} {rest[4:]}",
        f"+62 {prefix}-{rest[:4]}-{rest[4:]}",
        f"62{prefix}{rest}",
        f"+62{prefix}{rest}",
    ][style]
    return written, [{"kind": "phone", "value": e164}]


def wa_url() -> tuple[str, list[dict[str, str]]]:
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = "".join(rng.choice("0123456789") for _ in range(8))
    digits = f"62{prefix}{rest}"
    lead = rng.choice(["wa.me/", "https://wa.me/", "http://wa.me/"])
    return lead + digits, [{"kind": "url", "value": f"https://wa.me/{digits}"}, {"kind": "phone", "value": "+" + digits}]


def tg_url() -> tuple[str, list[dict[str, str]]]:
    name = rng.choice(["blangko_store", "DokumenCepat", "ktpel_murah", "SuplierChip", "capil_resmi", "arsipdinas"])
    name += str(rng.randrange(10, 99))
    lead = rng.choice(["t.me/", "https://t.me/", "@ t.me/"])
    return lead + name, [{"kind": "url", "value": f"https://t.me/{name.lower()}"}]


def nik() -> tuple[str, list[dict[str, str]]]:
    day = rng.randrange(1, 29) + (40 if rng.random() < 0.5 else 0)
    digits = (f"{rng.choice(PROVINCES):02d}{rng.randrange(1, 30):02d}{rng.randrange(1, 25):02d}"
              f"{day:02d}{rng.randrange(1, 13):02d}{rng.randrange(60, 99):02d}{rng.randrange(1, 999):04d}")
    style = rng.randrange(3)
    written = [digits, " ".join(digits[i:i + 4] for i in range(0, 16, 4)),
               f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:12]}.{digits[12:]}"][style]
    return written, [{"kind": "nik", "value": digits}]


def chip_uid() -> tuple[str, list[dict[str, str]]]:
    n = rng.choice([4, 7, 7, 8])
    raw = [rng.randrange(256) for _ in range(n)]
    if n == 7:
        raw[0] = 0x04
    hexes = [f"{b:02X}" for b in raw]
    if not any(c in "ABCDEF" for h in hexes for c in h):
        hexes[-1] = "AF"
    value = "".join(hexes)
    style = rng.randrange(5)
    written = [":".join(hexes), "-".join(hexes), " ".join(hexes), value, "0x" + value][style]
    if rng.random() < 0.3:
        written = written.lower()
    ctx = rng.choice(["UID chip: ", "serial chip ", "no seri chip ", "UID ", "chip uid "])
    return ctx + written, [{"kind": "chip_uid", "value": value}]


NOT_IDENTIFIERS = [
    "Harga Rp 150.000/pcs", "Ukuran 85,6 x 54 mm tebal 0,76 mm", "kode produk 04A23B1C9", "telp kantor 021-5551234",
    "no seri 20230001", "NIK contoh 9901011201900001", "stok 1000 pcs", "berat 250 gram",
    "SKU 3201011234560001", "kirim H+1, resi 004512398761", "min order 50", "garansi 12 bulan",
]


def identifier_snippet(hard_negative: bool = False) -> tuple[str, list[dict[str, str]]]:
    kinds = ["phone", "phone", "wa", "tg", "nik", "uid", "uid", "none", "none", "none"]
    if hard_negative:  # shops selling holders or blank PVC cards show a phone, never a NIK
        kinds = ["phone", "wa", "uid", "none", "none", "none"]
    kind = rng.choice(kinds)
    if kind == "phone":
        text, ids = phone()
        return rng.choice(["WA ", "Hub WA: ", "Fast respon WA ", "Chat wa ", "No HP "]) + text, ids
    if kind == "wa":
        text, ids = wa_url()
        return "Order langsung " + text, ids
    if kind == "tg":
        text, ids = tg_url()
        return "Info lanjut di telegram " + text, ids
    if kind == "nik":
        text, ids = nik()
        return rng.choice(["contoh hasil cetak NIK ", "sample NIK ", "NIK: "]) + text, ids
    if kind == "uid":
        return chip_uid()
    return rng.choice(NOT_IDENTIFIERS), []


# ---------------------------------------------------------------- templates
# {B} blank word, {E} e-KTP word. Every list below is one template family.

BLANK_TITLES = [
    "{B} {E} original dinas", "Jual {B} {E} asli", "{B} {E} chip aktif siap personalisasi",
    "{E} {B} murah grosir", "Kartu {E} {B} ORI capil", "{B} {E} terbaru 2024", "READY {B} {E} stok banyak",
    "{B} KTP elektronik chip", "{B} ktp el kosong", "{E} kosongan belum tercetak", "{E} polos chip aktif",
    "{B} {E} + hologram", "Supplier {B} {E} termurah", "{B} {E} isi 10 lembar", "PAKET {B} {E} 50 pcs",
    "{B} {E} bahan dari dinas", "{B} {E} bekas gudang dukcapil", "Kartu {E} belum dicetak", "{E} blank chip original",
    "{B} ktp 100% ori", "{B} KTP asli kemendagri", "{B} {E} grade A", "Jual {E} kosong asli dinas",
    "{E} {B} sisa proyek pemda", "grosir {B} {E} chip",
]
BLANK_DESCRIPTIONS = [
    "{B} {E} asli dari dinas, chip aktif bisa dibaca. Pengiriman rapi dan aman.",
    "Ready {B} {E} kondisi baru, belum tercetak, hologram lengkap. Minat langsung chat.",
    "Kartu {E} kosong, tinggal cetak data. Cocok untuk yang butuh cepat.",
    "Stok {B} {E} terbatas. Barang original dari capil, bukan kw.",
    "Dijual {B} KTP elektronik chip, belum personalisasi. Harga nego untuk banyak.",
    "Menjual {E} kosongan, fisik sama persis dengan yang asli. Pengiriman ke seluruh Indonesia.",
    "{B} {E} bahan asli. Bisa COD area Jakarta. Pembelian grosir ada harga khusus.",
    "Barang sesuai foto. {B} {E} polos, chip tertanam, siap isi data.",
    "",
]
VAGUE_TITLES = [
    "kartu chip original dinas", "Kartu chip ori dukcapil", "kartu dinas chip asli stok terbatas",
    "Kartu chip dinas murah", "kartu chip resmi instansi", "kartu identitas chip original dinas",
    "Kartu chip ORI capil grosir", "kartu dinas original", "chip card dinas ori",
]
VAGUE_DESCRIPTIONS = [
    "Ini {B} {E} asli, chip aktif, belum tercetak. Pengiriman aman.",
    "Isi: {B} {E} original dinas. Tanya stok dulu kak.",
    "Produk berupa {E} kosong dari dukcapil. Bisa grosir.",
    "Kartu yang dijual adalah {B} KTP elektronik, bukan kartu biasa.",
]
RELATED = [
    ("Blangko KK asli dinas", "Blangko kartu keluarga kosong, kertas security asli. Siap cetak."),
    ("Blanko Kartu Keluarga kosongan", "Kertas KK kosong ada barcode, untuk yang butuh."),
    ("Blangko akta kelahiran kosong", "Blanko akta kelahiran asli capil, belum diisi."),
    ("Blanko akte lahir original", "Akte kelahiran kosong, kertas hologram."),
    ("Blangko KIA kartu identitas anak", "Blangko KIA kosong chip, sesuai standar."),
    ("KTP jadi 1 hari", "Bikin KTP cepat tanpa antri, data sesuai permintaan."),
    ("Jasa pembuatan KTP kilat", "Jasa bikin KTP jadi, tinggal kirim data dan foto."),
    ("KTP palsu mirip asli", "Bisa untuk verifikasi, hasil rapi."),
    ("Jual data NIK aktif", "Data NIK + KK valid untuk registrasi kartu dan akun."),
    ("Foto KTP + selfie untuk verifikasi", "Paket foto KTP dan selfie, data asli, ready banyak."),
    ("Database NIK KK lengkap", "Ribuan data NIK valid terbaru, format excel."),
    ("Jual NIK KK buat registrasi", "NIK aktif siap pakai untuk daftar akun."),
    ("Blanko surat pindah kosong", "Blangko surat pindah dari capil."),
    ("Ktp aspal siap pakai", "Ktp jadi dengan data pilihan sendiri."),
    ("Selfie KTP dijual", "Foto selfie dengan KTP asli, cocok untuk verifikasi akun."),
    ("Blanko buku nikah kosong", "Buku nikah kosong asli KUA."),
]
HARD_NEGATIVES = [
    ("Blangkon Jogja {c} motif batik", "Blangkon asli Jogja, bahan kain batik halus, ukuran {n}."),
    ("Blangkon Solo gaya {c}", "Blangkon mondolan, cocok untuk acara adat dan wisuda."),
    ("Holder KTP {c} transparan", "Tempat KTP dan kartu ATM, bahan plastik tebal."),
    ("Casing KTP-el akrilik {c}", "Pelindung KTP el anti gores, muat kartu ukuran standar."),
    ("Dompet kartu KTP kulit {c}", "Dompet kecil untuk KTP, SIM dan kartu ATM."),
    ("Sleeve pelindung e-KTP isi {n}", "Plastik pelindung KTP kosong ukuran pas, isi {n} lembar."),
    ("Kartu PVC blank putih ukuran KTP isi {n}", "Kartu PVC polos untuk printer ID card, tebal 0,76 mm."),
    ("Blank card PVC ukuran KTP {n} pcs", "Kartu blank untuk cetak ID card karyawan dan kartu member."),
    ("Kartu RFID 125khz blank ukuran KTP", "Kartu RFID kosong untuk akses pintu dan absensi."),
    ("Kartu NFC NTAG215 blank seukuran KTP", "NFC card kosong bisa ditulis pakai HP."),
    ("Kartu Mifare 1K blank {c}", "Mifare S50 kosong untuk akses hotel dan parkir."),
    ("Printer ID card Evolis {c}", "Printer kartu PVC, cocok untuk cetak KTP karyawan dan ID card."),
    ("Ribbon printer kartu YMCKO", "Ribbon untuk printer ID card, 200 print."),
    ("Card reader e-KTP {c}", "Pembaca KTP el untuk kantor dan bank, USB."),
    ("Jasa fotocopy KTP dan KK", "Fotokopi KTP KK akta, bisa bolak balik."),
    ("Jasa laminating KTP {c}", "Laminating KTP dan dokumen, tahan air."),
    ("Jasa scan KTP dan dokumen", "Scan dokumen resolusi tinggi, kirim via email."),
    ("Blanko kwitansi {n} lembar", "Buku kwitansi 2 ply, ukuran kecil."),
    ("Blangko nota kontan {c}", "Nota kontan 1 ply isi {n} set."),
    ("Blanko surat jalan rangkap 3", "Surat jalan NCR, isi {n} set."),
    ("Blangko faktur penjualan", "Faktur kosong rangkap 2."),
    ("Blanko tanda terima", "Buku tanda terima barang."),
    ("Mainan kartu KTP anak {c}", "Kartu KTP mainan untuk anak bermain peran, bahan kertas tebal."),
    ("KTP mainan edukasi anak", "Kartu identitas mainan, isi {n} pcs, aman untuk anak."),
    ("Template KTP PSD editable", "File desain KTP untuk belajar desain grafis."),
    ("Stiker skin kartu KTP {c}", "Stiker garskin untuk kartu ATM dan KTP."),
    ("Lanyard ID card {c} + holder", "Tali ID card dengan holder kartu."),
    ("Map dokumen KTP KK akta {c}", "Tempat menyimpan KTP, KK dan akta kelahiran."),
    ("Kaos polos {c} cotton combed 30s", "Kaos polos bahan adem, ukuran S-XXL."),
    ("Buku tulis kosong {n} lembar", "Buku catatan polos, sampul {c}."),
    ("Kartu nama blank {c}", "Kartu nama kosong siap cetak, art carton."),
    ("Kartu ucapan blanko {c}", "Kartu ucapan kosong untuk hadiah."),
    ("Stok kosong - e-KTP reader", "Sementara stok kosong, reader KTP el tersedia lagi minggu depan."),
    ("Kartu ATM case {c}", "Case kartu, muat KTP dan ATM."),
    ("Foto copy KTP warna", "Jasa foto copy warna KTP dan SIM."),
    ("Undangan blanko {c}", "Blanko undangan pernikahan, tinggal cetak."),
    ("Gantungan kunci kartu {c}", "Gantungan kunci model kartu identitas."),
    ("Printer kartu ID Zebra ZC300", "Printer kartu PVC, bisa cetak kartu pelajar dan KTP karyawan."),
    ("Kartu pelajar blank PVC", "Kartu pelajar kosong siap cetak, ukuran standar."),
    ("Dompet blangkon batik", "Dompet motif blangkon untuk souvenir."),
    ("Kertas HVS A4 polos {n} lembar", "Kertas putih polos untuk print."),
    ("Chip card reader USB {c}", "Pembaca smart card chip untuk e-KTP dan kartu bank."),
    ("Casing HP polos {c}", "Case silikon polos."),
    ("Kartu member blank {n} pcs", "Member card PVC kosong untuk toko dan cafe."),
    ("Bingkai foto ukuran KTP {c}", "Frame kecil ukuran KTP."),
    ("Kertas foto ukuran KTP", "Kertas glossy ukuran kartu."),
    ("Buku blanko rapor SD", "Blanko rapor kosong kurikulum terbaru."),
    ("Blanko ijazah TK", "Blanko ijazah kosong untuk TK dan PAUD, desain {c}."),
    ("Formulir pendaftaran blanko", "Formulir kosong untuk sekolah."),
    ("ID card holder kulit {c}", "Holder ID card dengan klip."),
]
COLOURS = ["hitam", "putih", "coklat", "merah", "biru", "hijau", "abu", "navy", "maroon"]


def fill(template: str, blank_how: str | None = None) -> str:
    how = blank_how or rng.choice(OBFUSCATIONS)
    if how == "typo":
        b = rng.choice(BLANK_WORDS["typo"])
        how = "plain"
    else:
        b = rng.choice(BLANK_WORDS["plain"])
    e = rng.choice(EKTP_WORDS)
    if "{B}" in template:
        b = obfuscate(b, how)
    elif "{E}" in template:
        e = obfuscate(e, how) if how not in ("spaces",) else obfuscate(e.replace("-", "").replace(" ", ""), how)
    return template.replace("{B}", b).replace("{E}", e).replace("{c}", rng.choice(COLOURS)).replace(
        "{n}", str(rng.choice([10, 20, 50, 100, 200])))


def with_ids(description: str, hard_negative: bool = False) -> tuple[str, list[dict[str, str]]]:
    snippet, ids = identifier_snippet(hard_negative)
    return (description + " " + snippet).strip(), ids


def split_of(family: str, index: int) -> str:
    return "tune"


#: Templates first written as hard negatives that sell a file to make a KTP (a KTP
#: PSD template or mockup): related, as the matcher's issue defines population-document
#: fraud (a KTP edit file), whatever use the seller names ("untuk belajar desain").
KTP_EDIT_FILES = frozenset({"Template KTP PSD editable", "Template desain KTP mockup PSD"})


def label_of_hard(title_template: str) -> str:
    return "related" if title_template in KTP_EDIT_FILES else "benign"


def build() -> dict[str, list[dict[str, object]]]:
    files: dict[str, list[dict[str, object]]] = {"blank": [], "related": [], "hard_negative": [], "ordinary": []}

    def add(name: str, family: str, index: int, title: str, description: str, label: str,
            ids: list[dict[str, str]]) -> None:
        files[name].append({"id": f"{name}-{len(files[name]) + 1:04d}", "title": title, "description": description,
                            "label": label, "identifiers": ids, "split": split_of(family, index)})

    for i, template in enumerate(BLANK_TITLES):
        for _ in range(6):
            desc_t = rng.choice(BLANK_DESCRIPTIONS)
            desc, ids = with_ids(fill(desc_t, "plain") if desc_t else "")
            add("blank", "title", i, fill(template), desc, "blank", ids)
    for i, template in enumerate(VAGUE_TITLES):
        for _ in range(4):
            desc, ids = with_ids(fill(rng.choice(VAGUE_DESCRIPTIONS)))
            add("blank", "vague", i, template, desc, "blank", ids)
    for i, (title, description) in enumerate(RELATED):
        for _ in range(6):
            desc, ids = with_ids(description)
            t = title if rng.random() < 0.6 else obfuscate(title, rng.choice(["homoglyph", "zerowidth", "nbsp", "plain"]))
            add("related", "related", i, t, desc, "related", ids)
    for i, (title, description) in enumerate(HARD_NEGATIVES):
        for _ in range(7):
            desc, ids = with_ids(fill(description, "plain"), hard_negative=True)
            add("hard_negative", "hard", i, fill(title, "plain"), desc, label_of_hard(title), ids)
    if PRDECT.is_file():
        with PRDECT.open(encoding="utf-8") as fh:
            names = [row["product_name"] for row in csv.DictReader(fh)]
        for i, name in enumerate(rng.sample(names, 250)):
            add("ordinary", "ordinary", i, name, "", "benign", [])
    return files


# ---------------------------------------------------------------- second part (issue 15)

EVERYDAY = [
    "Bisa COD di tempat.", "Packing aman pakai bubble wrap dan plastik.", "Dikirim dalam map coklat.",
    "Free cover.", "Bonus tali lanyard.", "Pembayaran bisa transfer atau bayar pakai e-wallet.",
    "Pengiriman setiap hari kecuali hari libur.", "Pesanan sebelum jam 3 sore dikirim hari ini.",
    "Jam operasional toko 08.00-17.00.", "Terima kasih sudah berkunjung, happy shopping!",
    "Cek juga etalase kami untuk holder KTP dan casing HP.", "Tersedia juga dompet kartu dan tali ID card.",
    "Wajib video unboxing untuk komplain.", "Garansi uang kembali jika barang tidak sesuai.",
    "Kirim pakai JNE, J&T atau SiCepat, resi diupdate malam.", "Admin slow respon di hari Minggu.",
    "Selamat datang di toko kami.", "Gratis ongkir untuk pembelian di atas 100rb.",
    "Kemasan kardus tebal, dilapisi lakban.", "Bayar di tempat (COD) tersedia untuk area Jabodetabek.",
]
DISCLAIMERS = [
    "Bukan mainan, bukan kartu PVC, bukan blangkon.", "Tanpa holder.", "Bukan casing, bukan dompet.",
    "Tidak termasuk tali lanyard.", "Non PVC.", "Bkn stiker, bkn template.", "Ini bukan jasa fotokopi.",
    "Gak pakai printer.", "Bukan buku atau majalah.",
]
# {B} blank word, {E} e-KTP word; the title says less than the description
CROSS_FIELD = [
    ("{B} original dinas stok terbatas", "Produk: {E} chip aktif, kondisi baru."),
    ("Kartu identitas chip {B}", "Yang dijual {E} asli, bisa grosir."),
    ("{E} original dinas", "Kondisi kosong, belum tercetak, chip aktif."),
    ("{E} chip ori", "Barang masih {B}, tinggal personalisasi."),
    ("Ready {B} dari capil", "Isi paket: {E} 10 lembar."),
    ("Kartu chip ORI dukcapil", "{B} ini untuk {E}, bukan kartu biasa."),
]
HASHTAG_TITLES = [
    "#jualblankoektp #ready", "#blangkoektp murah", "blankoektp original", "#ektpkosong chip aktif",
    "blangkoktp asli dinas", "#ktpelkosong ready", "JUALBLANKOKTP ORI",
]
STRETCHED_TITLES = [
    "BLANKOOO E-KTP ORI", "blangkooo ektp asli", "E-KTP KOSONGGG chip", "Blankoo ktp el ready",
    "Ktp-el kosonggg original", "BLANGKOOO KTP DINAS",
]
TYPO_TITLES = [
    "blnko e-ktp ori", "blangco ektp asli", "blamko KTP el", "belangko e-KTP dinas", "blanco ktp elektronik",
    "blngko e-ktp chip", "e-ktp kosngan chip", "Blangko e-KTP elektornik",
]
EVADE_DESCRIPTIONS = [
    "KTP-el kosong. Bukan mainan, bukan kartu PVC, bukan blangkon.",
    "{B} {E}, tanpa holder, tanpa casing. Chip aktif.",
    "Kartu {E} kosong asli, non PVC, bukan stiker.",
]
RELATED_MORE = [
    ("KTP bisa dipake buat verifikasi", "KTP jadi, lolos verifikasi bank dan pinjol."),
    ("Kartu identitas seperti asli", "KTP seperti asli, bisa dipakai untuk daftar akun."),
    ("KTP palsu bahan PVC", "KTP palsu bahan PVC, hologram, mirip asli."),
    ("Jasa gawe KTP cepet", "Gawe KTP sehari rampung, data sesuai request."),
    ("Nyieun KTP gancang", "Bisa nyieun KTP tanpa antri, kirim data wae."),
    ("Damel KTP enggal", "Jasa damel KTP, hasil rapi, lolos scan."),
    ("Bikinin KTP express", "Bikinin KTP dengan data pilihan, tembus verifikasi."),
    ("KTP el siap pakai lolos cek", "E-KTP aspal, chip bisa dibaca, lolos cek."),
]
HARD_MORE = [
    ("Koran Kompas edisi berita blangko e-KTP {c}", "Koran bekas tahun 2013, berita blangko e-KTP kosong di daerah."),
    ("Majalah Tempo liputan e-KTP", "Majalah bekas, liputan khusus proyek e-KTP."),
    ("Buku Administrasi Kependudukan dan e-KTP", "Buku membahas pengadaan blangko e-KTP dan data penduduk."),
    ("Skripsi sistem informasi e-KTP", "File skripsi tentang pelayanan KTP elektronik di dinas."),
    ("Jurnal pelayanan KTP-el", "Kumpulan jurnal dan makalah tentang KTP-el."),
    ("Ebook panduan urus e-KTP", "Ebook tata cara mengurus e-KTP yang hilang."),
    ("Kliping berita e-KTP {c}", "Kliping koran tentang kosongnya blangko e-KTP, untuk tugas sekolah."),
    ("Tesis kebijakan e-KTP", "Tesis tentang kebijakan blangko KTP elektronik."),
    ("Modul pelatihan operator e-KTP", "Modul dan artikel untuk operator perekaman e-KTP."),
    ("Tabloid lawas berita KTP", "Tabloid dan buletin lama, ada artikel soal KTP."),
    ("Cetak pas foto 3x4 untuk KTP", "Jasa pas foto background merah atau biru untuk KTP, SIM dan lamaran."),
    ("Jasa edit foto KTP {c}", "Edit foto ganti background untuk berkas, bukan untuk KTP palsu."),
    ("Pasfoto kilat ukuran KTP", "Pasfoto jadi 15 menit, cetak foto glossy."),
    ("Foto studio pas foto keluarga", "Studio foto, cetak foto dan pas foto."),
    ("KTP kucing custom nama anabul {c}", "Kartu identitas kucing lucu, isi nama dan foto anabul."),
    ("KTP anjing peliharaan custom", "KTP untuk anjing, bahan PVC, hanya pajangan."),
    ("KTP lucu couple {c}", "KTP couple parodi untuk kado, bukan KTP asli."),
    ("KTP hewan peliharaan akrilik", "KTP hewan buat kalung anabul."),
    ("Holder KTP tanpa blangko", "Holder saja, bukan blangko e-KTP. Tanpa kartu."),
    ("Casing e-KTP transparan {c}", "Casing KTP el bening, tidak termasuk kartu."),
    ("Dompet kartu KTP {c} muat 10 kartu", "Dompet kulit, tempat KTP dan kartu ATM."),
    ("ID card lanyard sekolah {c}", "Tali ID card, holder kartu pelajar. Bonus klip."),
    ("Kartu RFID 125khz kosong", "Kartu RFID untuk absensi dan akses pintu."),
    ("Ribbon printer kartu PVC", "Ribbon YMCKO untuk printer ID card Fargo."),
    ("Template desain KTP mockup PSD", "Mockup kartu identitas untuk portofolio desain."),
    ("Buku kwitansi dan faktur {c}", "Faktur dan kwitansi rangkap 2, invoice dan tanda terima."),
]
IDENTIFIER_SNIPPETS = ["phone_bracket", "uid_list"]


def phone_bracketed() -> tuple[str, list[dict[str, str]]]:
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = "".join(rng.choice("0123456789") for _ in range(8))
    written = rng.choice([f"(+62) {prefix}-{rest[:4]}-{rest[4:]}", f"+62 ({prefix}) {rest[:4]} {rest[4:]}",
                          f"(62){prefix}{rest}", f"+62 (0){prefix} {rest[:4]} {rest[4:]}", f"(+62){prefix}{rest}"])
    return rng.choice(["WA ", "Hub ", "Kontak: "]) + written, [{"kind": "phone", "value": f"+62{prefix}{rest}"}]


def chip_uid_list() -> tuple[str, list[dict[str, str]]]:
    values = []
    for _ in range(rng.randrange(3, 6)):
        raw = [0x04] + [rng.randrange(256) for _ in range(6)]
        hexes = [f"{b:02X}" for b in raw]
        if not any(c in "ABCDEF" for h in hexes for c in h):
            hexes[-1] = "AF"
        values.append(hexes)
    sep = rng.choice([", ", "\n", "; ", ", dan "])
    written = sep.join(rng.choice([":", "-", ""]).join(h) for h in values)
    return "Daftar UID chip: " + written, [{"kind": "chip_uid", "value": "".join(h)} for h in values]


def with_new_ids(description: str) -> tuple[str, list[dict[str, str]]]:
    snippet, ids = (phone_bracketed() if rng.random() < 0.5 else chip_uid_list()) if rng.random() < 0.6 else ("", [])
    return (description + " " + snippet).strip(), ids


def with_everyday(description: str, n: int = 2) -> str:
    return " ".join([description, *rng.sample(EVERYDAY, n)]).strip()


def build_more(files: dict[str, list[dict[str, object]]]) -> None:
    def add(name: str, title: str, description: str, label: str, ids: list[dict[str, str]]) -> None:
        files[name].append({"id": f"{name}-{len(files[name]) + 1:04d}", "title": title, "description": description,
                            "label": label, "identifiers": ids, "split": "tune"})

    for title_t, desc_t in CROSS_FIELD:
        for _ in range(5):
            desc, ids = with_new_ids(with_everyday(fill(desc_t, "plain"), 1))
            add("blank", fill(title_t, "plain"), desc, "blank", ids)
    for title in HASHTAG_TITLES + STRETCHED_TITLES + TYPO_TITLES:
        for _ in range(2):
            desc, ids = with_new_ids(with_everyday(fill(rng.choice(BLANK_DESCRIPTIONS[:-1]), "plain"), 2))
            add("blank", title, desc, "blank", ids)
    for desc_t in EVADE_DESCRIPTIONS:
        for _ in range(4):
            desc, ids = with_new_ids(with_everyday(fill(desc_t, "plain"), 1))
            add("blank", fill(rng.choice(BLANK_TITLES[:8]), "plain"), desc, "blank", ids)
    for title, description in RELATED_MORE:
        for _ in range(4):
            desc, ids = with_new_ids(with_everyday(description, 1))
            add("related", title, desc, "related", ids)
    for title, description in HARD_MORE:
        for _ in range(4):
            desc, ids = with_new_ids(with_everyday(fill(description, "plain"), 1))
            add("hard_negative", fill(title, "plain"), desc, label_of_hard(title), ids)


# every everyday sentence and every disclaimer once in a blank and once in a hard-negative listing
EVERYDAY_ALL = [
    *EVERYDAY,
    "Pengiriman via AnterAja, GoSend atau kurir toko.", "Ongkos kirim ditanggung pembeli, ekspedisi bebas pilih.",
    "Kiriman luar pulau pakai kargo.", "Bisa kirim JNT dan JNE.", "Barang dikemas rapi, pengemasan dengan wrapping tebal.",
    "Bayar bisa lewat DANA, OVO, GoPay, ShopeePay atau QRIS.", "Bisa cicilan pakai PayLater.",
    "Transfer ke rekening BCA atau bayar pakai ewallet.", "Halo kak, selamat berbelanja.",
    "Hai, welcome to our store.", "Makasih sudah mampir, salam hangat.", "Terimakasih atas kepercayaannya.",
    "Toko buka jam 9 pagi.", "Retur atau return barang maksimal 2 hari, refund penuh.",
    "Jangan lupa review, rating dan ulasan bintang 5.", "Harga sudah include packing.",
    "Cek produk lain di toko kami, lainnya ada di etalase.",
]
DISCLAIMERS_ALL = [
    *DISCLAIMERS,
    "Ga pakai holder.", "Gak termasuk dompet.", "Gk pakai casing.", "Nggak termasuk tali.", "Ngga ada printer.",
    "Enggak pakai stiker.", "Tak termasuk map.",
]
BLANK_WORDING = [
    ("Blangko e-KTP blm dicetak", "Kartu e-KTP blm dicetak, chip aktif."),
    ("e-KTP blom diisi", "Blanko ektpnya blom diisi data, siap pakai."),
    ("KTP el blum tercetak", "Blangkonya asli, KTP el blum tercetak."),
    ("E-KTP belum dipersonalisasi", "Kartu e-KTP belum dipersonalisasi, chipnya aktif."),
    ("Blanko KTP tidak diprint", "KTP el tidak diprint, belum terisi data."),
    ("Blangko ktpnya asli disdukcapil", "Blangko ktpnya langsung dari disdukcapil, e-KTP polosan."),
    ("Blanko e-KTP sisa pemerintah", "Blanko e-KTP sisa proyek pemerintah."),
    ("E-KTP chip siap diisi", "Kartu e-KTP tinggal diisi, siap dicetak atau tinggal diprint."),
    ("Blangko e-KTP ready", "Stock kosong? Tidak, stok ready. Kalau sedang habis kami kabari."),
    ("Ready stock kosongan e-KTP", "Tidak hanya blangko e-KTP, kami juga jual blangko KK. Bukan sekedar kartu biasa."),
    ("e-KTP kosong chip aktif", "Gak cuma blanko e-KTP, tersedia juga holder. Tak sekadar kartu."),
]
RELATED_WORDING = [
    ("Bocoran data NIK", "List NIK dan dump data KTP terbaru."),
    ("Blanko akta cerai kosong", "Blanko akta cerai dan akta kematian kosong."),
    ("Blangko akta perkawinan", "Blangko akta perkawinan kosong asli."),
    ("Blanko SKPWNI kosong", "Blangko surat keterangan pindah (SKPWNI) kosong."),
    ("KTP ekspres 1 jam", "KTP ekspres, bisa nembak KTP tanpa antri."),
    ("Buatin KTP cepat", "Bisa buatin KTP, data bebas."),
    ("Gawekke KTP", "Nggawekke KTP sehari jadi."),
    ("Gawekne KTP kilat", "Nggawekne KTP, iso langsung dipakai."),
    ("Nggawe KTP anyar", "Nggawe KTP tanpa ribet."),
    ("Ndamel KTP enggal", "Ngadamel KTP gancang."),
    ("Mambuek KTP capek", "Bisa mambuek KTP baru."),
    ("Nyieunkeun KTP", "Nyieunkeun KTP sadinten."),
    ("E-KTP identik asli", "Dapat dipakai untuk verifikasi, tidak bisa dibedakan, dijamin lolos KYC."),
    ("KTP mirip aslinya", "KTP custom, mirip aslinya, bisa dipakai."),
    ("Bisa buatkan KTP", "Kami buatkan KTP dan bikinkan KK, mirip banget sama yang asli."),
    ("Dibuatkan e-KTP kilat", "Dibuatkan e-KTP atau dibikinin KTP biasa, persis sekali dengan aslinya."),
    ("Ngae KTP gelis", "Bisa ngae KTP, hasil seperti yang asli."),
    ("KTP bisa discan", "KTP yang bisa discan dan digunakan untuk daftar akun."),
]
HARD_WORDING = [
    ("KTP anime custom {c}", "KTP wibu dan KTP anime untuk koleksi."),
    ("KTP bucin couple", "KTP bucin dan KTP jomblo, kocak buat kado."),
    ("KTP lucu lucuan", "KTP lucu lucuan buat prank teman."),
    ("KTP pet custom", "KTP pet untuk kelinci, hamster dan kucing."),
    ("Cetak foto 2x3 dan 4x6", "Pasphoto 2x3, 3x4, 4x6 untuk KTP dan ijazah."),
    ("Jasa photoshop dan retouch foto", "Retouch foto dan ganti background pakai photoshop."),
    ("Novel bekas tema e-KTP", "Novel dan buku bekas."),
    ("Tugas akhir sistem e-KTP", "Laporan tugas akhir tentang KTP elektronik."),
    ("Blankon Solo {c}", "Blankon halus, ukuran {n}."),
    ("Kartu karton ukuran KTP", "Kartu karton tebal, sebesar KTP."),
    ("Kartu PVC kaya KTP", "Kartu PVC putih kayak e-KTP, polos."),
    ("Jasa photocopy dan scanner KTP", "Photocopy KTP dan KK, scanner resolusi tinggi."),
    ("Jasa laminasi KTP {c}", "Laminasi KTP dan kartu pelajar, tahan air."),
    ("Rental mobil lepas kunci {c}", "Syarat: foto KTP dan selfie, jaminan KTP asli. Wajib upload KK."),
    ("Kredit HP cukup KTP", "Persyaratan mudah, modal KTP saja. Lampirkan foto KTP, sertakan selfie."),
    ("Sewa kamera mirrorless", "Jaminan e-KTP asli dan kartu pelajar."),
    ("Foto KTP 3x4 background biru", "Cetak foto untuk KTP, ukuran 3x4 dan 4x6."),
    ("[GRATIS ONGKIR] Casing e-KTP kosong {c}", "Casing e-KTP bening, kartu tidak termasuk."),
    ("COD Holder KTP-el kosong {c}", "Holder saja."),
]


def build_wording(files: dict[str, list[dict[str, object]]]) -> None:
    def add(name: str, title: str, description: str, label: str, ids: list[dict[str, str]]) -> None:
        files[name].append({"id": f"{name}-{len(files[name]) + 1:04d}", "title": title, "description": description,
                            "label": label, "identifiers": ids, "split": "tune"})

    for i, sentence in enumerate(EVERYDAY_ALL + DISCLAIMERS_ALL):
        blank_title = fill(BLANK_TITLES[i % len(BLANK_TITLES)], "plain")
        desc = fill(BLANK_DESCRIPTIONS[i % (len(BLANK_DESCRIPTIONS) - 1)], "plain")
        add("blank", blank_title, f"{desc} {sentence}", "blank", [])
        hard_title, hard_desc = HARD_NEGATIVES[i % len(HARD_NEGATIVES)]
        add("hard_negative", fill(hard_title, "plain"), f"{fill(hard_desc, 'plain')} {sentence}",
            label_of_hard(hard_title), [])
    for title, description in BLANK_WORDING:
        for _ in range(2):
            desc, ids = with_new_ids(description)
            add("blank", title, desc, "blank", ids)
    for title, description in RELATED_WORDING:
        for _ in range(2):
            desc, ids = with_new_ids(description)
            add("related", title, desc, "related", ids)
    for title, description in HARD_WORDING:
        for _ in range(2):
            desc, ids = with_new_ids(fill(description, "plain"))
            add("hard_negative", fill(title, "plain"), desc, label_of_hard(title), ids)


def main() -> None:
    files = build()
    build_more(files)
    build_wording(files)
    for name, rows in files.items():
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)}")


if __name__ == "__main__":
    main()
