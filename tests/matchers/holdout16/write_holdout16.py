"""Write holdout16/holdout.jsonl from the hand-written cores in listings_<family>.txt.

Each core (``title || description``, ``\\n`` for a line break) is rendered twice, in two
different shapes a crawler brings back, with shop chatter, contacts and deliberate
non-identifiers; every other core's second rendering carries one evasion of a key word.
Identifiers (phone, url, nik, chip_uid) are built here and labelled by construction.
Seeded: running it again writes the same bytes.

    python tests/matchers/holdout16/write_holdout16.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = (("blank", "blank"), ("related", "related"), ("hardneg", "benign"), ("ordinary", "benign"))
RNG = random.Random(16_2026)

# ---------------------------------------------------------------- identifiers

MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "823", "852", "853", "851", "814", "815", "816",
                   "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "832",
                   "838", "895", "896", "897", "898", "899", "881", "882", "887", "888")
PROVINCES = ("11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
             "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
             "81", "82", "91", "92", "94")
HANDLES = ("@tokokartu.id", "@lapak_amanah", "@grosir.mandiri88", "@si_ucok_mdn", "@kedai.banjar",
           "@daeng.shop", "@urangawak.store", "@mas_bro_official", "@neng.geulis.shop", "@abang.jkt")


def national_number() -> str:
    return RNG.choice(MOBILE_PREFIXES) + "".join(RNG.choice("0123456789") for _ in range(RNG.choice((7, 8))))


def spell_phone(n: str) -> str:
    a, b, c = n[:3], n[3:7], n[7:]
    shapes = (
        f"0{a}-{b}-{c}", f"0{a} {b} {c}", f"0{a}{b}{c}", f"+62 {a}-{b}-{c}", f"(+62) {a} {b} {c}",
        f"(+62){a}-{b}{c}", f"62{a}{b}{c}", f"+62{a}{b}{c}", f"0{a}.{b}.{c}", f"(62) {a}-{b}-{c}",
    )
    return RNG.choice(shapes)


def nik() -> str:
    day = RNG.randint(1, 28) + RNG.choice((0, 40))
    return (RNG.choice(PROVINCES) + f"{RNG.randint(1, 19):02d}" + f"{RNG.randint(1, 25):02d}"
            + f"{day:02d}{RNG.randint(1, 12):02d}{RNG.randint(60, 99):02d}" + f"{RNG.randint(1, 40):04d}")


def chip_uid() -> tuple[str, str]:
    size = RNG.choice((4, 7, 7, 8))
    body = [RNG.randrange(256) for _ in range(size)]
    if size == 7:
        body[0] = 0x04
    value = "".join(f"{b:02X}" for b in body)
    pairs = [value[i:i + 2] for i in range(0, len(value), 2)]
    written = RNG.choice((value, ":".join(pairs), " ".join(pairs), "0x" + value))
    return value, written


def handle() -> str:
    return RNG.choice(HANDLES)


class Contacts:
    """The contacts of one row, and what they label."""

    def __init__(self) -> None:
        self.identifiers: list[dict] = []
        self.lines: list[str] = []

    def add_phone(self, lead: str) -> None:
        n = national_number()
        self.identifiers.append({"kind": "phone", "value": "+62" + n})
        self.lines.append(f"{lead} {spell_phone(n)}")

    def add_wa_link(self) -> None:
        n = national_number()
        url = f"https://wa.me/62{n}"
        self.identifiers.append({"kind": "phone", "value": "+62" + n})
        self.identifiers.append({"kind": "url", "value": url})
        self.lines.append(RNG.choice(("Chat langsung: ", "Klik ", "Order via ", "WA ")) + url
                          + f" (0{n[:3]}-{n[3:7]}-{n[7:]})")

    def add_tg_link(self) -> None:
        name = RNG.choice(("lapakkartu", "infostokgrosir", "grosirmurah_id", "tokoamanah88", "kedaibanjar",
                           "pasarmedan", "daengstore", "lapak_sunda"))
        url = f"https://t.me/{name}"
        self.identifiers.append({"kind": "url", "value": url})
        self.lines.append(RNG.choice(("Channel: ", "Gabung grup ", "Info update di ", "Tele: ")) + url)

    def add_handle(self) -> None:
        self.lines.append(RNG.choice(("IG ", "Follow ", "TikTok ", "cek juga ")) + handle())


def contacts_for() -> Contacts:
    c = Contacts()
    leads = ("WA", "wa:", "Hub.", "Telp/WA", "Kontak", "No HP", "Whatsapp", "SMS/WA", "hubungi", "cp")
    for _ in range(RNG.choice((1, 1, 2))):
        c.add_phone(RNG.choice(leads))
    if RNG.random() < 0.35:
        c.add_wa_link()
    if RNG.random() < 0.25:
        c.add_tg_link()
    if RNG.random() < 0.4:
        c.add_handle()
    RNG.shuffle(c.lines)
    return c


def digits(k: int, first: str = "123456789") -> str:
    return RNG.choice(first) + "".join(RNG.choice("0123456789") for _ in range(k - 1))


def non_identifier() -> str:
    """A number a listing carries that is no identifier."""
    bank = RNG.choice(("BCA", "BRI", "BNI", "Mandiri", "BSI", "CIMB"))
    makers = (
        lambda: f"Rek {bank} {digits(10)} a.n. {RNG.choice(('Toko Amanah', 'Sri W', 'Budi S', 'CV Maju'))}",
        lambda: f"Transfer ke rekening {bank}: {digits(10)}",
        lambda: f"No. resi kemarin: JP{digits(10)}",
        lambda: f"Resi JNE {RNG.choice(('CGK', 'SUB', 'MES', 'UPG'))}{digits(12)}",
        lambda: f"No. pesanan {digits(6, '2')}{RNG.choice('ABCDEFGH')}{digits(7)}",
        lambda: f"No. pesanan: {nik()}",
        lambda: f"Order ID {nik()} sudah dikirim",
        lambda: f"SKU: {RNG.choice(('KRT', 'HLD', 'PVC', 'ACC', 'GEN'))}-{digits(4)}",
        lambda: f"SKU 0{RNG.choice(MOBILE_PREFIXES)}{digits(7)}",
        lambda: f"EAN {RNG.choice(('899', '888', '471'))}{digits(10, '0123456789')}",
        lambda: f"Barcode 899{digits(10, '0123456789')}",
        lambda: f"IMEI tester: 35{digits(13, '0123456789')}",
        lambda: f"Kode voucher: {RNG.choice(('HEMAT', 'GRATISONGKIR', 'PAYDAY', 'TOKO'))}{RNG.randint(10, 99)}",
        lambda: f"Bisa bayar token, ID pelanggan PLN {digits(12, '1523')}",
        lambda: f"Kode bayar {digits(16, '8')}",
        lambda: f"Invoice INV/2026/12/{digits(6)}",
    )
    return RNG.choice(makers)()


# ---------------------------------------------------------------- chatter

CHATTER = (
    "Pengiriman setiap hari jam 16.00, order lewat jam itu dikirim besok.",
    "Bisa COD area Jabodetabek, luar kota pakai ekspedisi.",
    "Packing aman pakai bubble wrap dan kardus.",
    "Pembayaran transfer bank atau e-wallet, no ribet.",
    "Jam operasional 08.00-20.00, Minggu slow respon.",
    "Selamat datang di toko kami, happy shopping!",
    "Barang yang sudah dibeli tidak dapat dikembalikan kecuali ada video unboxing.",
    "Cek juga produk lain: tas, sandal, dan aksesoris HP.",
    "Sedia juga casing HP dan tempered glass, tanya aja.",
    "Harga sewaktu-waktu bisa berubah, chat dulu ya kak.",
    "Dropship welcome, nama pengirim bisa diganti.",
    "Gratis ongkir min. belanja 50rb (syarat dan ketentuan berlaku).",
    "Maaf slow respon kalau lagi packing.",
    "Kirim pakai JNE, J&T, SiCepat, atau Gosend.",
    "Sudah termasuk bubble wrap, tidak perlu tambah asuransi.",
    "Jangan lupa kasih bintang 5 ya kak, terima kasih.",
    "Mohon baca deskripsi sampai habis sebelum order.",
    "Toko buka lagi setelah lebaran, order tetap bisa masuk.",
    "Yang nanya doang tanpa order mohon maaf kami balas belakangan.",
    "Bisa ambil di toko, alamat di profil.",
    "Lagi ada promo bundling dengan lanyard dan gantungan kunci.",
    "Sedia pulsa dan token listrik juga.",
    "Assalamualaikum, selamat berbelanja.",
    "Harga belum termasuk ongkir.",
    "Pembeli dari luar Jawa silakan tanya ongkir dulu.",
    "Foto produk asli hasil jepretan sendiri.",
    "Komplain maks 2x24 jam setelah barang diterima.",
    "Bisa bayar di Indomaret/Alfamart.",
)
SIGNOFFS = ("Salam, admin.", "Terima kasih.", "Matur nuwun.", "Hatur nuhun.", "Makasih bosku.",
            "Tabik.", "Mauliate.", "Tarimo kasih.", "Thx.", "Trims gan.")
HASHTAGS = ("#promo", "#murah", "#ready", "#jualan", "#olshop", "#grosir", "#codbisa", "#fyp", "#tokoonline",
            "#stokterbatas", "#original", "#medan", "#bandung", "#makassar", "#banjarmasin")


def chatter(k: int) -> list[str]:
    return RNG.sample(CHATTER, k)


# ---------------------------------------------------------------- evasions

KEY_WORDS = ("blangko", "blanko", "e-KTP", "KTP-el", "ektp", "eKTP", "KTP", "kosongan", "kosong", "NIK", "SIM",
             "KK", "holder", "printer", "kartu")
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "K": "К",
            "T": "Т", "P": "Р", "E": "Е", "B": "В", "M": "М", "H": "Н", "A": "А", "O": "О", "C": "С"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "A": "4", "E": "3", "I": "1", "O": "0", "S": "5"}


def _dots(w: str) -> str:
    return ".".join(w)


def _spaces(w: str) -> str:
    return " ".join(w)


def _leet(w: str) -> str:
    return "".join(LEET.get(ch, ch) for ch in w) if any(ch in LEET for ch in w) else _dots(w)


def _emoji(w: str) -> str:
    i = max(1, len(w) // 2)
    return w[:i] + RNG.choice(("🔥", "✅", "⭐", "💯", "📌")) + w[i:]


def _stretch(w: str) -> str:
    vowels = [i for i, ch in enumerate(w) if ch.lower() in "aeiou"]
    if not vowels:
        return w[:-1] + w[-1] * 4
    i = vowels[-1]
    return w[:i] + w[i] * 4 + w[i + 1:]


def _cyrillic(w: str) -> str:
    return "".join(CYRILLIC.get(ch, ch) for ch in w) if any(ch in CYRILLIC for ch in w) else _dots(w)


def _zero_width(w: str) -> str:
    return "\u200b".join(w) if len(w) < 4 else w[:2] + "\u200b" + w[2:4] + "\u200c" + w[4:]


def _full_width(w: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in w)


EVASIONS = (_dots, _spaces, _leet, _emoji, _stretch, _cyrillic, _zero_width, _full_width)


def evade(title: str, description: str, evasion) -> tuple[str, str]:
    for word in KEY_WORDS:
        for field in ("title", "description"):
            text = title if field == "title" else description
            m = re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text, flags=re.IGNORECASE)
            if m:
                new = text[:m.start()] + evasion(m.group(0)) + text[m.end():]
                return (new, description) if field == "title" else (title, new)
    return title, description


# ---------------------------------------------------------------- shapes


def shopee(t, d, c, extra):
    desc = [d, "", "Spesifikasi:", f"- Kondisi: {RNG.choice(('Baru', 'Bekas'))}",
            f"- Stok: {RNG.randint(3, 400)}", f"- Dikirim dari: {RNG.choice(('Jakarta Barat', 'Kota Medan', 'Kab. Bandung', 'Kota Makassar', 'Banjarmasin', 'Kota Padang', 'Surabaya'))}",
            "", "Catatan:", *chatter(2), *extra, *c.lines]
    return t, "\n".join(desc)


def tokopedia(t, d, c, extra):
    desc = [d, "", *chatter(1), *extra, "", "Diskusi:",
            f"Pembeli: {RNG.choice(('ready kak?', 'bisa kirim hari ini?', 'masih ada gan?', 'minimal order berapa?'))}",
            f"Penjual: {RNG.choice(('ready kak, silakan diorder', 'bisa kak sebelum jam 3', 'masih, langsung checkout aja'))}",
            "", "Ulasan:", f"★★★★★ {RNG.choice(('barang sesuai', 'respon cepat', 'packing rapi', 'mantap seller'))}",
            *c.lines]
    return f"{t} | {RNG.choice(('Original', 'Termurah', 'Ready Stock', 'Grosir'))}", "\n".join(desc)


def facebook(t, d, c, extra):
    desc = [RNG.choice(("Dijual", "Jual", "Lepas", "Info")) + ": " + t, d, *chatter(1), *extra,
            f"Lokasi {RNG.choice(('Bekasi', 'Deli Serdang', 'Cimahi', 'Gowa', 'Banjarbaru', 'Bukittinggi', 'Depok'))}",
            *c.lines, RNG.choice(SIGNOFFS)]
    return t, "\n".join(desc)


def olx(t, d, c, extra):
    desc = [d, "", f"Harga: Rp {RNG.randint(2, 90) * 5000:,}".replace(",", "."), "Kondisi: " + RNG.choice(("Baru", "Bekas")),
            *chatter(1), *extra, *c.lines]
    return t + RNG.choice(("", " - nego", " (bisa nego)")), "\n".join(desc)


def whatsapp(t, d, c, extra):
    desc = [f"*{t.upper()}*", "", d, "", "_" + RNG.choice(CHATTER) + "_", *extra, *c.lines,
            "Silakan forward ke grup lain 🙏"]
    return t, "\n".join(desc)


def telegram(t, d, c, extra):
    desc = [f"📢 {t}", d, "➖➖➖➖", *chatter(1), *extra, *c.lines, f"👁 {RNG.randint(80, 4000)} views"]
    return t, "\n".join(desc)


def kaskus(t, d, c, extra):
    desc = ["Permisi agan sista, numpang lapak.", "", d, "", *chatter(1), *extra, *c.lines, "", "Sundul gan!"]
    return f"[WTS] {t}", "\n".join(desc)


def tweet(t, d, c, extra):
    body = d.split("\n")[0]
    tags = " ".join(RNG.sample(HASHTAGS, 2))
    desc = [f"{t}: {body} {tags}", *extra[:1], *c.lines[:2]]
    return t, "\n".join(desc)


def instagram(t, d, c, extra):
    desc = [f"✨ {t} ✨", d, "", *chatter(1), *extra, *c.lines, "", " ".join(RNG.sample(HASHTAGS, 4))]
    return t, "\n".join(desc)


def spec_table(t, d, c, extra):
    desc = [f"Merek: {RNG.choice(('No Brand', 'OEM', 'Generic'))}", f"Berat: {RNG.randint(50, 2000)} g",
            f"Garansi: {RNG.choice(('Tidak ada', '7 hari toko', '1 bulan'))}", "Deskripsi: " + d.replace("\n", " "),
            *extra, *c.lines]
    return f"{t} {RNG.choice(('- Blibli', '| Lazada', ''))}".strip(), "\n".join(desc)


def live_chat(t, d, c, extra):
    users = ("dewi_88", "ucok.mdn", "ahmad_r", "nenk123", "daeng_rudi", "uda_minang", "bang_jali")
    lines = [f"[LIVE] {t}"]
    for part in d.split("\n"):
        lines.append(f"host: {part}")
        lines.append(f"{RNG.choice(users)}: {RNG.choice(('ready kak?', 'harga?', 'bisa cod?', 'spill dong', 'mau 2'))}")
    lines += [f"host: {RNG.choice(CHATTER)}", *(f"host: {x}" for x in extra), *(f"host: {x}" for x in c.lines)]
    return t, "\n".join(lines)


SHAPES = (shopee, tokopedia, facebook, olx, whatsapp, telegram, kaskus, tweet, instagram, spec_table, live_chat)

# ---------------------------------------------------------------- rows

CHIP_LEADS = ("UID chip contoh:", "Cek chip pakai NFC, UID", "chip UID:", "UID sampel", "Nomor chip (UID):")
NIK_LEADS = ("contoh data NIK", "NIK:", "NIK sampel", "nik")


def wants_nik(family: str, core: str) -> bool:
    low = core.lower()
    if family == "related":
        return "nik" in low or "data" in low or "identitas" in low or RNG.random() < 0.15
    if family == "hardneg":
        return ("penipu" in low or "scam" in low or "laporan" in low) and RNG.random() < 0.7
    return False


def wants_chip(family: str, core: str) -> bool:
    low = core.lower()
    if family == "blank":
        return "chip" in low and RNG.random() < 0.45
    if family == "related":
        return ("clone" in low or "kloning" in low or "chip" in low) and RNG.random() < 0.7
    if family == "hardneg":
        return ("rfid" in low or "nfc" in low or "mifare" in low) and RNG.random() < 0.8
    return False


def render(family: str, core: str, second: bool, evasion, shape) -> tuple[str, str, list[dict]]:
    title, description = (part.strip() for part in core.split("||", 1))
    description = description.replace("\\n", "\n")
    if evasion is not None:
        title, description = evade(title, description, evasion)
    c = contacts_for()
    extra = [non_identifier() for _ in range(RNG.choice((1, 1, 2)))]
    if wants_nik(family, core):
        value = nik()
        c.identifiers.append({"kind": "nik", "value": value})
        extra.append(f"{RNG.choice(NIK_LEADS)} {value}")
    if wants_chip(family, core):
        value, written = chip_uid()
        c.identifiers.append({"kind": "chip_uid", "value": value})
        extra.append(f"{RNG.choice(CHIP_LEADS)} {written}")
    RNG.shuffle(extra)
    t, d = shape(title, description, c, extra)
    if shape is tweet:  # a tweet keeps only its first extra line and two contact lines: label what it keeps
        kept = "\n".join([*extra[:1], *c.lines[:2]])
        c.identifiers = [i for i in c.identifiers if present(i, kept)]
    ids: list[dict] = []
    for i in c.identifiers:
        if i not in ids:
            ids.append(i)
    for i in ids:
        assert present(i, t + "\n" + d), (family, i)
    return t, d, ids


def present(identifier: dict, text: str) -> bool:
    kind, value = identifier["kind"], identifier["value"]
    if kind == "phone":
        return value[3:] in re.sub(r"\D", "", text)
    if kind == "chip_uid":
        return value in re.sub(r"[\s:]|0x", "", text)
    return value in text


def main() -> None:
    rows = []
    for family, label in FAMILIES:
        cores = [ln for ln in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
        n = 0
        for k, core in enumerate(cores):
            first, second = RNG.sample(SHAPES, 2)
            for j, shape in enumerate((first, second)):
                evasion = RNG.choice(EVASIONS) if (j == 1 and k % 2 == 1) else None
                t, d, ids = render(family, core, j == 1, evasion, shape)
                n += 1
                rows.append({"id": f"h16-{family}-{n:04d}", "title": t, "description": d, "label": label,
                             "identifiers": ids, "split": "holdout"})
    assert len({(r["title"], r["description"]) for r in rows}) == len(rows)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
