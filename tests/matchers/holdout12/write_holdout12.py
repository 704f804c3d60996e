"""Writes holdout12/holdout.jsonl from the hand-written cores in listings_<family>.txt.

Kept for audit only: it was run once, before the commit that froze the holdout, and must
never be re-run afterwards (the test pins the file's SHA-256).

Every core (``title || description``, ``\\n`` for a line break) is rendered twice, in two
different shapes a crawler brings back (Shopee, Tokopedia, Lazada/Blibli spec table, Facebook,
OLX, WhatsApp broadcast, Telegram post, Kaskus thread, tweet, Instagram caption), with shop
chatter, contacts and deliberate non-identifiers.  Every other core's second rendering carries
one evasion of its key word (the same evasions on offers and hard negatives).  Identifiers
are built here, their expected values known by construction, and checked to be in the text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261207_12
FAMILIES = ("blank", "related", "hardneg", "ordinary")
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}

rng = random.Random(SEED)

# --------------------------------------------------------------------------- identifiers

MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "823", "851", "852", "853", "855", "856",
                   "857", "858", "859", "877", "878", "881", "882", "887", "895", "896", "897",
                   "898", "899", "831", "838")
PROVINCES = ("11", "12", "13", "14", "16", "18", "21", "31", "32", "33", "34", "35", "36", "51",
             "52", "53", "61", "63", "64", "71", "73", "74", "81", "82", "91", "94")
TG_HANDLES = ("KartuMurahID", "Gudang_Kantor88", "lapakbang_oji", "InfoStokJkt", "SumberRejekiStore",
              "jualanmbakrini", "Toko_Serba_Ada", "BarangLangka_ID", "ciwidey_shop", "KedaiUcok",
              "MedanDagang", "SolorayaOlshop", "PakdheStore", "nusantara_grosir")


def new_phone() -> str:
    """National significant number without the leading 0, e.g. ``81234567890``."""
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))
    return prefix + rest


def write_phone(n: str) -> str:
    style = rng.randrange(7)
    local = "0" + n
    if style == 0:
        return local
    if style == 1:
        return f"{local[:4]}-{local[4:8]}-{local[8:]}"
    if style == 2:
        return f"{local[:4]} {local[4:8]} {local[8:]}"
    if style == 3:
        return f"+62 {n[:3]}-{n[3:7]}-{n[7:]}"
    if style == 4:
        return "62" + n
    if style == 5:
        return f"+62{n}"
    return f"{local[:4]}.{local[4:8]}.{local[8:]}"


def new_nik() -> str:
    female = rng.random() < 0.5
    day = rng.randint(1, 28) + (40 if female else 0)
    return (rng.choice(PROVINCES) + f"{rng.randint(1, 9):02d}" + f"{rng.randint(1, 12):02d}"
            + f"{day:02d}" + f"{rng.randint(1, 12):02d}" + f"{rng.choice(list(range(55, 100)) + list(range(0, 8))):02d}"
            + f"{rng.randint(1, 899):04d}")


def write_nik(nik: str) -> str:
    if rng.random() < 0.3:
        return " ".join(nik[i:i + 4] for i in range(0, 16, 4))
    return nik


def new_uid() -> str:
    size = rng.choice((4, 7, 7, 8))
    while True:
        body = [rng.randrange(256) for _ in range(size)]
        if size == 7:
            body[0] = 0x04
        value = "".join(f"{b:02X}" for b in body)
        if sum(c.isalpha() for c in value) >= 2 and sum(c.isdigit() for c in value) >= 2:
            return value


def write_uid(uid: str) -> str:
    pairs = [uid[i:i + 2] for i in range(0, len(uid), 2)]
    style = rng.randrange(5)
    if style == 0:
        return uid
    if style == 1:
        return ":".join(pairs)
    if style == 2:
        return " ".join(pairs)
    if style == 3:
        return "0x" + uid
    return uid.lower()


def contact_lines(ids: list[dict]) -> list[str]:
    """Zero to two contacts, each adding its identifiers to ``ids``."""
    lines = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
        kind = rng.choice(("phone", "phone", "phone", "wa", "tg"))
        if kind == "phone":
            n = new_phone()
            label = rng.choice(("WA", "Hubungi", "CP", "Telp/WA", "Chat aja ke", "Info & order:", "wa/sms", "Call"))
            lines.append(f"{label} {write_phone(n)}")
            ids.append({"kind": "phone", "value": "+62" + n})
        elif kind == "wa":
            n = new_phone()
            link = rng.choice((f"wa.me/62{n}", f"https://wa.me/62{n}", f"http://wa.me/62{n}"))
            lines.append(rng.choice(("Klik ", "Langsung chat: ", "Order via ", "")) + link)
            ids.append({"kind": "url", "value": f"https://wa.me/62{n}"})
            ids.append({"kind": "phone", "value": "+62" + n})
        else:
            handle = rng.choice(TG_HANDLES)
            link = rng.choice((f"t.me/{handle}", f"https://t.me/{handle}"))
            lines.append(rng.choice(("Join channel ", "Telegram: ", "Info stok di ", "Gabung grup ")) + link)
            ids.append({"kind": "url", "value": f"https://t.me/{handle.lower()}"})
    return lines


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def non_identifier() -> str:
    """A number that is no phone, NIK or chip UID: bank account, receipt, order, EAN, IMEI, SKU …"""
    kind = rng.randrange(10)
    if kind == 0:
        return f"Transfer ke rek BCA {rng.choice('1234567')}{digits(9)} a.n. {rng.choice(('Rina S', 'Agus W', 'CV Maju'))}"
    if kind == 1:
        return f"Resi JNE hari ini: CGK{rng.choice('ABCDEF')}{digits(11)}"
    if kind == 2:
        return f"No. pesanan {rng.choice(('2612', '2611'))}{digits(2)}{rng.choice('ABCDEFGH')}{rng.choice('JKLMNPQR')}{digits(6)}"
    if kind == 3:
        return f"Barcode EAN 899{digits(10)}"
    if kind == 4:
        return f"IMEI HP tester 35{digits(13)} (bukan untuk dijual)"
    if kind == 5:
        return f"SKU: {rng.choice(('HLD', 'TKO', 'ATK', 'GRS'))}-{digits(4)}-{rng.choice('ABCXYZ')}"
    if kind == 6:
        return f"Pakai kode voucher {rng.choice(('HEMAT', 'GAJIAN', 'ONGKIR', 'MURAH'))}{digits(2)}"
    if kind == 7:
        # 16 digits, province 99 / 00: no possible NIK
        return f"No. invoice {rng.choice(('99', '00'))}{digits(14)}"
    if kind == 8:
        return f"Kode bayar Indomaret {rng.choice(('88', '77', '10'))}{digits(14)}"
    return f"ID pelanggan PLN 5{digits(11)}"


# --------------------------------------------------------------------------- evasions

KEYWORDS = ("blangko", "blanko", "balngko", "ktp", "dukcapil", "kosong", "polos", "kartu", "chip")
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к",
            "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "T": "Т", "B": "В", "H": "Н", "M": "М"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "A": "4", "E": "3", "I": "1", "O": "0", "s": "5", "S": "5"}
EMOJI = ("🔥", "✨", "💳", "⭐", "🙏", "📌")


def evade(word: str, how: str) -> str:
    if how == "dotted":
        return ".".join(word)
    if how == "spaced":
        return " ".join(word)
    if how == "leet":
        out = "".join(LEET.get(c, c) for c in word)
        return out if out != word else ".".join(word)
    if how == "emoji":
        cut = max(1, len(word) // 2)
        return word[:cut] + rng.choice(EMOJI) + word[cut:]
    if how == "stretched":
        for i, c in enumerate(word):
            if c.lower() in "aiueo":
                return word[:i] + c * rng.randint(3, 5) + word[i + 1:]
        return word[:-1] + word[-1] * 3
    if how == "cyrillic":
        out = "".join(CYRILLIC.get(c, c) for c in word)
        return out if out != word else "\u200b".join(word)
    if how == "zerowidth":
        return "\u200b".join(word)
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)
    raise ValueError(how)


EVASIONS = ("dotted", "spaced", "leet", "emoji", "stretched", "cyrillic", "zerowidth", "fullwidth")


def apply_evasion(title: str, desc: str, how: str) -> tuple[str, str, str | None]:
    both = (title + "\n" + desc).lower()
    for key in KEYWORDS:
        if key in both:
            pattern = re.compile(re.escape(key), re.IGNORECASE)
            swap = lambda m: evade(m.group(0), how)  # noqa: E731
            return pattern.sub(swap, title), pattern.sub(swap, desc), key
    return title, desc, None


# --------------------------------------------------------------------------- chatter and shapes

CITIES = ("Jakarta Barat", "Kab. Bogor", "Kota Bandung", "Surabaya", "Semarang", "Kota Medan", "Makassar",
          "Kab. Sleman", "Palembang", "Denpasar", "Kota Padang", "Pontianak", "Kab. Garut", "Tangerang")
NAMES = ("Mas Dimas", "Bu Yanti", "Kang Asep", "Bang Ucok", "Uda Rizal", "Mbak Sari", "Koh Andi",
         "Teh Neng", "Pak Harto", "Sis Wulan", "Bro Fikri", "Om Benny")
HANDLES = ("@lapak_serbaada", "@dimas.olshop", "@tokokita_id", "@sumber.rejeki22", "@mbak_rini_store",
           "@kedai_ucok", "@ciwidey.shop", "@grosir.murah.jkt", "@ayu_jualan", "@bang_ojixx")
CATEGORIES = ("Buku & Alat Tulis > Perlengkapan Kantor", "Hobi & Koleksi > Lainnya", "Perlengkapan Rumah > Lainnya",
              "Komputer & Aksesoris > Lainnya", "Fashion > Aksesoris", "Makanan & Minuman > Lainnya",
              "Jasa > Lainnya", "Elektronik > Aksesoris")
SHOP_LINES = (
    "Selamat datang di toko kami, happy shopping!",
    "Pengiriman setiap hari kecuali Minggu dan tanggal merah.",
    "Order sebelum jam 15.00 dikirim hari yang sama.",
    "Bisa COD, cek dulu baru bayar.",
    "Packing aman pakai bubble wrap dan kardus.",
    "Wajib video unboxing untuk klaim komplain.",
    "Toko buka Senin-Sabtu jam 08.00-17.00.",
    "Chat dibalas di jam kerja ya kak.",
    "Barang sesuai foto, real pict.",
    "Pembayaran bisa transfer, QRIS, atau e-wallet.",
    "Jangan lupa follow toko biar dapet info promo.",
    "Kasih bintang 5 kalau puas ya kak 🙏",
    "Harga bisa berubah sewaktu-waktu.",
    "Stok selalu update, langsung checkout aja.",
    "Melayani grosir dan ecer.",
    "Kirim pakai JNE, J&T, SiCepat, atau instan.",
    "Retur hanya untuk barang cacat produksi.",
    "Yang PHP mohon maaf langsung skip.",
    "Terima kasih sudah mampir 😊",
    "Ongkir ditanggung pembeli.",
)
FB_LINES = ("Minat? Langsung inbox aja.", "Lokasi bisa COD di sekitaran kota.", "Nego tipis, yang serius aja.",
            "Share ya teman-teman, siapa tau ada yang butuh.", "Komen 'minat' nanti aku DM.",
            "No tipu-tipu, sudah banyak testi.", "Maaf kalau ganggu beranda 🙏", "Japri ya, jangan di komen.")
KASKUS_LINES = ("Permisi agan-agan, numpang lapak.", "Rekber kaskus welcome gan.", "Cendol dong gan kalau berkenan.",
                "Cek feedback ane di signature.", "Mohon jangan OOT di thread jualan ane.", "Update stok di post #1.")
WA_LINES = ("Assalamualaikum, selamat pagi semua 🙏", "Info dari kami hari ini:", "Silakan teruskan ke yang membutuhkan.",
            "Maaf jika broadcast ini mengganggu.", "Balas 'STOP' kalau tidak ingin menerima pesan lagi.")
QA = (("Kak ready?", "Ready kak, langsung checkout aja."), ("Bisa kirim hari ini?", "Bisa kak, sebelum jam 3."),
      ("Bisa COD?", "Bisa kak, pilih COD di checkout."), ("Ada grosir?", "Ada kak, chat penjual aja."),
      ("Packingnya aman?", "Aman kak, double bubble wrap."))
NOTES = ("Catatan: pesanan hari Sabtu dikirim Senin.", "Catatan: tidak menerima komplain tanpa video unboxing.",
         "Catatan: warna bisa sedikit berbeda karena cahaya foto.", "Catatan: toko libur tanggal merah.")
HASHTAGS = ("#jualanonline", "#olshop", "#murah", "#readystock", "#promo", "#trustedseller", "#codbayarditempat",
            "#olshopindonesia", "#grosir", "#jakarta", "#bandung", "#surabaya")


def chatter(pool: tuple[str, ...], k: int) -> list[str]:
    return rng.sample(pool, k)


def shopee(title, desc, extras):
    spec = (f"Spesifikasi:\nKategori: {rng.choice(CATEGORIES)}\nMerek: Tidak Ada Merek\n"
            f"Stok: {rng.randint(3, 240)}\nDikirim dari: {rng.choice(CITIES)}")
    parts = [spec, "Deskripsi Produk:", desc, *chatter(SHOP_LINES, 2), *extras]
    if rng.random() < 0.5:
        parts.append(rng.choice(NOTES))
    prefix = rng.choice(("", "", "[READY] ", "⚡ ", "TERMURAH "))
    return prefix + title, "\n".join(parts)


def tokopedia(title, desc, extras):
    q, a = rng.choice(QA)
    parts = [f"Kondisi: Baru\nMin. Pemesanan: {rng.choice((1, 1, 2, 5))} Buah\nEtalase: Semua Etalase", desc,
             *chatter(SHOP_LINES, 2), *extras, f"Diskusi:\n{rng.choice(NAMES)}: {q}\nPenjual: {a}"]
    return title, "\n\n".join(parts)


def lazada(title, desc, extras):
    table = (f"| Merek | No Brand |\n| SKU Penjual | {rng.choice(('ATK', 'GEN', 'MISC'))}{rng.randint(100, 999)} |\n"
             f"| Garansi | Tidak ada garansi |\n| Berat (kg) | 0.{rng.randint(1, 9)} |")
    parts = ["Highlight Produk", desc, "Spesifikasi Produk", table, *chatter(SHOP_LINES, 1), *extras]
    return title, "\n".join(parts)


def facebook(title, desc, extras):
    parts = [desc, *chatter(FB_LINES, 2), f"📍 {rng.choice(CITIES)}", *extras]
    return title, "\n".join(parts)


def olx(title, desc, extras):
    parts = [f"Kondisi: {rng.choice(('Baru', 'Bekas'))}", desc, chatter(FB_LINES, 1)[0],
             f"Lokasi: {rng.choice(CITIES)}", f"Diiklankan oleh {rng.choice(NAMES)}", *extras]
    return title, "\n".join(parts)


def whatsapp(title, desc, extras):
    parts = [chatter(WA_LINES, 1)[0], f"*{title}*", desc, *chatter(SHOP_LINES, 1), *extras,
             chatter(WA_LINES, 1)[0]]
    return "Pesan siaran diteruskan", "\n".join(parts)


def telegram(title, desc, extras):
    channel = rng.choice(("Info Lapak Murah", "Grosir Nusantara", "Jualan Harian", "Pasar Online 24 Jam"))
    parts = [f"📢 {title.upper()}", desc, *chatter(SHOP_LINES, 1), *extras, f"👁 {rng.randint(120, 9800)}"]
    return channel, "\n".join(parts)


def kaskus(title, desc, extras):
    parts = [chatter(KASKUS_LINES, 1)[0], desc, *chatter(KASKUS_LINES, 1), *extras]
    return rng.choice(("[WTS] ", "[JUAL] ", "", "[INFO] ")) + title, "\n".join(parts)


def tweet(title, desc, extras):
    handle = rng.choice(HANDLES)
    body = f"{title}. {desc}".replace("\n", " ")
    parts = [body, *extras, rng.choice(("rt ya guys", "🙏🙏", "#zonauang", "tolong bantu rt"))]
    return f"{handle} on X", " ".join(parts)


def instagram(title, desc, extras):
    tags = " ".join(rng.sample(HASHTAGS, 5))
    parts = [f"✨ {title} ✨", desc, *chatter(SHOP_LINES, 1), *extras, "DM for order 📩", tags]
    return f"Instagram post by {rng.choice(HANDLES)}", "\n".join(parts)


SHAPES = {"shopee": shopee, "tokopedia": tokopedia, "lazada": lazada, "facebook": facebook, "olx": olx,
          "whatsapp": whatsapp, "telegram": telegram, "kaskus": kaskus, "tweet": tweet, "instagram": instagram}


# --------------------------------------------------------------------------- rendering


def fill(text: str, ids: list[dict]) -> str:
    def uid(_m):
        value = new_uid()
        ids.append({"kind": "chip_uid", "value": value})
        return write_uid(value)

    def nik(_m):
        value = new_nik()
        ids.append({"kind": "nik", "value": value})
        return write_nik(value)

    return re.sub(r"\{NIK\}", nik, re.sub(r"\{UID\}", uid, text))


def check(row: dict) -> None:
    text = row["title"] + "\n" + row["description"]
    only_digits = re.sub(r"\D", "", text)
    only_hex = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    assert "{" not in text, row["id"]
    for ident in row["identifiers"]:
        kind, value = ident["kind"], ident["value"]
        if kind == "phone":
            assert re.fullmatch(r"\+628\d{8,10}", value) and value[3:] in only_digits, (row["id"], value)
        elif kind == "nik":
            assert len(value) == 16 and value in only_digits, (row["id"], value)
        elif kind == "chip_uid":
            assert len(value) in (8, 14, 16) and value in only_hex.replace("0X", ""), (row["id"], value)
        elif kind == "url":
            tail = value.split("/")[-1]
            assert tail in text.lower() and value.startswith(("https://wa.me/62", "https://t.me/")), (row["id"], value)
        else:
            raise AssertionError(kind)


def cores(family: str) -> list[tuple[str, str]]:
    out = []
    for line in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            title, desc = line.split(" || ", 1)
            out.append((title.strip(), desc.strip().replace("\\n", "\n")))
    return out


def main() -> None:
    rows = []
    evasion_turn = 0
    evaded: dict[tuple[str, str], int] = {}
    for family in FAMILIES:
        number = 0
        for index, (title, desc) in enumerate(cores(family)):
            for rendering, shape in enumerate(rng.sample(sorted(SHAPES), 2)):
                t, d = title, desc
                if rendering == 1 and index % 2 == 1:
                    t, d, key = apply_evasion(t, d, EVASIONS[evasion_turn % len(EVASIONS)])
                    if key:
                        how = EVASIONS[evasion_turn % len(EVASIONS)]
                        evaded[(family, how)] = evaded.get((family, how), 0) + 1
                        evasion_turn += 1
                ids: list[dict] = []
                t, d = fill(t, ids), fill(d, ids)
                extras = contact_lines(ids)
                if rng.random() < 0.55:
                    extras.insert(rng.randrange(len(extras) + 1), non_identifier())
                t, d = SHAPES[shape](t, d, extras)
                number += 1
                unique = []
                for ident in ids:
                    if ident not in unique:
                        unique.append(ident)
                row = {"id": f"h12-{family}-{number:04d}", "title": t, "description": d,
                       "label": LABEL[family], "identifiers": unique, "split": "holdout"}
                check(row)
                rows.append(row)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for family in FAMILIES:
        print(family, {how: evaded.get((family, how), 0) for how in EVASIONS})


if __name__ == "__main__":
    main()
