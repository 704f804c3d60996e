"""Write holdout11/holdout.jsonl from the hand-written cores (run once, 2026-12-07; kept for audit).

Every core of ``listings_<family>.txt`` (``title || description``, ``\\n`` for a line break)
is rendered twice, in two different of eleven shapes a crawler brings back (Shopee,
Tokopedia, Lazada/Blibli spec table, Facebook post, OLX ad, WhatsApp broadcast, Telegram
post, Kaskus thread, tweet, Instagram caption, Facebook Marketplace), with everyday shop
sentences, contacts and deliberate non-identifiers.  On every other core's second rendering
one key word is evaded (dots, spaces, leetspeak, emoji, stretched letters, Cyrillic
lookalikes, zero-width characters, full-width letters, a masked letter), the same way for
offers and for hard negatives.  Identifiers are built here and their expected values computed
by construction; a row is labelled only with values whose digits / hex / handle are in its
text (checked below).  Deterministic: seeded.  It must never be re-run after the commit.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
SEED = 11_20261207
FAMILIES = ("blank", "related", "hardneg", "ordinary")
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}

rng = random.Random(SEED)

# ---------------------------------------------------------------- identifiers
MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "823", "852", "853", "851", "814", "815",
                   "816", "855", "856", "857", "858", "895", "896", "897", "898", "899", "817",
                   "818", "819", "859", "877", "878", "831", "832", "833", "838", "881", "882",
                   "883", "887", "888", "889")
PROVINCES = (11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62,
             63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94)
HANDLE_PARTS = ("toko", "lapak", "grosir", "mitra", "jaya", "abadi", "sentosa", "official",
                "store", "id", "mart", "berkah", "makmur", "sumber", "rejeki", "cahaya", "maju")


def new_phone() -> tuple[str, str]:
    """(national number without the leading 0, E.164)."""
    nsn = rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))
    return nsn, "+62" + nsn


def phone_text(nsn: str) -> str:
    local = "0" + nsn
    style = rng.randrange(6)
    if style == 0:
        return local
    if style == 1:
        return f"{local[:4]}-{local[4:8]}-{local[8:]}"
    if style == 2:
        return f"{local[:4]} {local[4:8]} {local[8:]}"
    if style == 3:
        return f"+62 {nsn[:3]}-{nsn[3:7]}-{nsn[7:]}"
    if style == 4:
        return f"+62{nsn}"
    return f"{local[:4]}.{local[4:8]}.{local[8:]}"


def new_handle() -> str:
    a, b = rng.sample(HANDLE_PARTS, 2)
    return rng.choice((f"{a}{b}", f"{a}_{b}", f"{a}{b}{rng.randrange(10, 99)}"))


def new_nik() -> str:
    day = rng.randrange(1, 29) + (40 if rng.random() < 0.5 else 0)
    return (f"{rng.choice(PROVINCES):02d}{rng.randrange(1, 76):02d}{rng.randrange(1, 31):02d}"
            f"{day:02d}{rng.randrange(1, 13):02d}{rng.randrange(0, 100):02d}{rng.randrange(1, 1000):04d}")


def new_uid() -> str:
    while True:
        size = rng.choice((4, 7, 7, 8))
        data = bytes(rng.randrange(256) for _ in range(size))
        if size == 7:
            data = b"\x04" + data[1:]
        hexa = data.hex().upper()
        if sum(c.isdigit() for c in hexa) >= 3 and any(c.isalpha() for c in hexa):
            return hexa


def uid_text(uid: str) -> str:
    pairs = [uid[i:i + 2] for i in range(0, len(uid), 2)]
    style = rng.randrange(4)
    if style == 0:
        return uid
    if style == 1:
        return ":".join(pairs)
    if style == 2:
        return " ".join(pairs)
    return uid.lower()


# ------------------------------------------------------------ non-identifiers
def non_identifier() -> str:
    kind = rng.randrange(9)
    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    if kind == 0:
        return f"No. pesanan: 261207{rng.choice('ABCDEFGHJK')}{d(2)}{rng.choice('PQRSTUVWXY')}{d(4)}"
    if kind == 1:
        return f"Resi kemarin: SPXID0{d(11)} (sudah sampai)"
    if kind == 2:
        return f"Rek BCA {rng.choice('1234567')}{d(9)} a.n. pemilik toko"
    if kind == 3:
        return f"SKU: {rng.choice(('KRT', 'HLD', 'PRD', 'ACC'))}-{d(4)}-{rng.choice(('BLK', 'WHT', 'RED'))}"
    if kind == 4:
        return f"Barcode/EAN: 899{d(10)}"
    if kind == 5:
        return f"Kode voucher: {rng.choice(('HEMAT', 'DESEMBER', 'GAJIAN', 'ONGKIR'))}{d(2)}"
    if kind == 6:
        return f"No. invoice INV/20261207/MPL/{rng.choice('37')}{d(9)}"
    if kind == 7:
        return f"Mandiri 1{rng.choice('3456')}{d(11)} (transfer antarbank kena biaya admin)"
    return f"Warna label #{''.join(rng.choice('0123456789ABCDEF') for _ in range(6))}"


# ------------------------------------------------------------------- chatter
GREETINGS = ("Selamat datang di toko kami 🙏", "Halo kak, selamat berbelanja!", "Assalamualaikum kakak-kakak",
             "Hai sis & gan 👋", "Welcome to our store", "Salam kenal, toko kami buka tiap hari",
             "Halo bosku, makasih udah mampir", "Sugeng rawuh di lapak kami")
SHOP_LINES = (
    "Pesanan sebelum jam 15.00 dikirim hari yang sama.",
    "Pengiriman Senin–Sabtu, Minggu dan tanggal merah libur.",
    "Bisa COD, cek dulu baru bayar.",
    "Packing aman pakai bubble wrap dan kardus.",
    "Wajib video unboxing kalau mau komplain ya kak.",
    "Barang yang sudah dibeli tidak bisa dikembalikan kecuali cacat produksi.",
    "Pembayaran via transfer bank, e-wallet, atau QRIS.",
    "Jam operasional 08.00–21.00 WIB.",
    "Fast respon jam kerja, di luar jam kerja dibalas besok.",
    "Jangan lupa follow toko biar dapat info promo.",
    "Kasih bintang 5 ya kak kalau puas 🙏",
    "Harga bisa berubah sewaktu-waktu, tanyakan stok dulu.",
    "Ongkir menyesuaikan kurir dan berat paket.",
    "Melayani dropship, nama pengirim bisa diganti.",
    "Grosir dan reseller welcome, harga khusus.",
    "Stok selalu update, langsung checkout aja.",
    "Resi diinput maksimal 1x24 jam.",
    "Tanya-tanya dulu boleh banget, gratis 😁",
    "Mohon maaf yang cuma PHP langsung saya skip.",
    "Kirim dari gudang sendiri, bukan dropship.",
    "Hari Jumat tutup jam 11.00–13.00.",
    "Free packing kayu untuk pembelian di atas 1 juta.",
    "Bisa kirim ojol untuk dalam kota.",
    "Pengiriman ke luar pulau via kargo lebih hemat.",
    "Transaksi aman lewat aplikasi, jangan transfer di luar aplikasi.",
    "Foto produk asli, bukan ambil dari internet.",
    "Komplain maksimal 2x24 jam setelah barang diterima.",
    "Terima kasih sudah berbelanja, semoga berkah.",
)
SIGN_OFFS = ("Matur nuwun 🙏", "Hatur nuhun", "Makasih kak", "Terima kasih", "Happy shopping!",
             "Salam satu aspal gan", "Mauliate", "Tarimo kasih", "Thx", "Salam hangat")
CITIES = ("KOTA ADM. JAKARTA BARAT", "KAB. BEKASI", "KOTA SURABAYA", "KOTA BANDUNG", "KOTA MEDAN",
          "KAB. SLEMAN", "KOTA MAKASSAR", "KOTA SEMARANG", "KAB. TANGERANG", "KOTA PADANG",
          "KOTA DEPOK", "KAB. KLATEN", "KOTA PALEMBANG", "KOTA MALANG")
SHOP_NAMES = ("Sumber Rejeki Store", "Lapak Mas Bro", "Toko Cahaya Abadi", "Grosir Jaya 88",
              "Official Store Makmur", "Kedai Berkah", "Rumah Kartu", "Dapur Mama Ina",
              "Mitra Sentosa", "Toko Serba Ada", "Bang Jago Shop", "Warung Online Ceu Imas")


def contacts(row_ids: list[dict]) -> list[str]:
    """Zero to two contact lines; their identifiers are appended to ``row_ids``."""
    lines = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        kind = rng.randrange(4)
        if kind <= 1:
            nsn, e164 = new_phone()
            lead = rng.choice(("WA", "Hub", "Info & order", "Call/WA", "Telp", "SMS/WA", "Admin"))
            lines.append(f"{lead}: {phone_text(nsn)}")
            row_ids.append({"kind": "phone", "value": e164})
        elif kind == 2:
            nsn, e164 = new_phone()
            link = rng.choice((f"https://wa.me/62{nsn}", f"wa.me/62{nsn}"))
            lines.append(f"{rng.choice(('Chat langsung', 'Klik', 'Order'))}: {link}")
            row_ids.append({"kind": "url", "value": f"https://wa.me/62{nsn}"})
            row_ids.append({"kind": "phone", "value": e164})
        else:
            handle = new_handle()
            shown = rng.choice((handle, handle.capitalize(), handle.upper()))
            link = rng.choice((f"t.me/{shown}", f"https://t.me/{shown}"))
            lines.append(f"{rng.choice(('Channel', 'Grup Telegram', 'Join'))}: {link}")
            row_ids.append({"kind": "url", "value": f"https://t.me/{handle.lower()}"})
    return lines


def extras(n_lines: int) -> list[str]:
    return rng.sample(SHOP_LINES, n_lines)


def non_ids() -> list[str]:
    return [non_identifier() for _ in range(rng.choice((0, 1, 1, 2)))]


def hashtags(title: str) -> str:
    stop = {"dan", "dari", "yang", "untuk", "buat", "bisa", "ada", "the", "ini", "nih", "jual"}
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{3,}", title) if w.lower() not in stop))[:4]
    tags = ["#" + w for w in words] + [t for t in rng.sample(["#jualanonline", "#cod", "#olshop", "#murah",
                                                              "#ready", "#promo", "#grosir", "#shopee"], 3)
                                       if t[1:] not in words]
    if len(words) >= 2:
        tags.insert(0, "#" + "".join(words[:2]))
    return " ".join(tags)


# --------------------------------------------------------------------- shapes
def shopee(t, d, ids):
    tail = extras(3) + non_ids() + contacts(ids)
    spec = (f"Spesifikasi:\nKategori: {rng.choice(('Perlengkapan Kantor', 'Aksesoris', 'Lainnya', 'Hobi & Koleksi'))}"
            f"\nStok: {rng.randrange(3, 400)}\nDikirim dari: {rng.choice(CITIES)}")
    note = "Catatan:\n" + "\n".join("- " + s for s in tail)
    title = rng.choice((t, f"[READY] {t}", f"{t} | COD", f"{t} Termurah"))
    return title, f"{rng.choice(GREETINGS)}\n\n{d}\n\n{spec}\n\n{note}"


def tokopedia(t, d, ids):
    head = (f"Kondisi: {rng.choice(('Baru', 'Baru', 'Bekas'))}\nBerat Satuan: {rng.randrange(5, 900)} g\n"
            f"Etalase: {rng.choice(('Semua Etalase', 'Produk Terlaris', 'Promo', 'Kartu & Aksesoris'))}")
    disk = ("Diskusi:\nTanya: " + rng.choice(("ready kak?", "bisa kirim hari ini?", "bisa grosir?", "masih ada min?"))
            + "\nJawab (Penjual): " + rng.choice(("ready kak, silakan diorder", "bisa kak, sebelum jam 3",
                                                  "bisa kak, chat aja", "masih kak")))
    tail = extras(2) + non_ids() + contacts(ids)
    return t, f"{head}\n\n{d}\n\n" + "\n".join(tail) + f"\n\n{disk}"


def spec_table(t, d, ids):
    site = rng.choice(("Lazada", "Blibli"))
    rows = [("Merek", "No Brand"), ("SKU", f"{rng.randrange(10**9, 10**10)}_ID-{rng.randrange(10**10, 10**11)}"),
            ("Garansi", rng.choice(("Tidak ada garansi", "Garansi toko 7 hari"))),
            ("Berat", f"{rng.randrange(1, 20) / 10:.1f} kg"), ("Lokasi", rng.choice(CITIES))]
    table = "\n".join(f"{k} | {v}" for k, v in rows)
    tail = extras(2) + non_ids() + contacts(ids)
    title = t if site == "Lazada" else f"{t} - {rng.choice(SHOP_NAMES)}"
    return title, f"Deskripsi Produk\n{d}\n\nSpesifikasi\n{table}\n\n" + "\n".join(tail)


def facebook(t, d, ids):
    tail = contacts(ids) + extras(1) + non_ids()
    open_ = rng.choice(("Permisi admin, izin jualan 🙏", "Numpang lapak ya min", "Bismillah jualan lagi",
                        "Izin share", "Dijual cepat"))
    return t, f"{open_}\n{t}\n{d}\nLokasi: {rng.choice(CITIES).title()}\n" + "\n".join(tail) + "\nMinat? inbox aja"


def olx(t, d, ids):
    tail = contacts(ids) + non_ids()
    return (f"{t}", f"{d}\n\nKondisi: {rng.choice(('Baru', 'Bekas'))}\nTipe penjual: {rng.choice(('Perorangan', 'Dealer'))}\n"
            f"Lokasi: {rng.choice(CITIES).title()}\n" + "\n".join(tail + extras(1)))


def whatsapp(t, d, ids):
    tail = contacts(ids) + non_ids() + extras(2)
    body = f"*{t.upper()}*\n\n{d}\n\n" + "\n".join("✅ " + s for s in tail)
    return f"*{t}*", body + "\n\n_Pesan ini dikirim ke semua kontak, abaikan kalau tidak berkenan_ 🙏"


def telegram(t, d, ids):
    tail = extras(2) + non_ids() + contacts(ids)
    return f"📢 {t}", f"📢 {t}\n\n{d}\n\n" + "\n".join(tail) + f"\n\n👉 Admin: @{new_handle()}"


def kaskus(t, d, ids):
    tag = rng.choice(("[WTS]", "[Jual]", "[Tanya]", "[Info]", "[BU]"))
    tail = contacts(ids) + non_ids() + extras(1)
    return (f"{tag} {t}", f"Permisi agan-agan sekalian, {rng.choice(('mau share nih', 'langsung aja ya', 'numpang thread'))}\n\n"
            f"{d}\n\n" + "\n".join(tail) + "\n\nSundul gan biar naik 🙏\nRekber? Boleh.")


def tweet(t, d, ids):
    user = new_handle()
    tail = contacts(ids)
    text = f"{d.replace(chr(10), ' ')} " + " ".join(tail) + " " + hashtags(t)
    return f"{user.replace('_', ' ').title()} (@{user}) on X", text.strip()


def instagram(t, d, ids):
    user = new_handle()
    tail = contacts(ids) + extras(1) + non_ids()
    return (f"{user} • Instagram", f"{t} ✨\n\n{d}\n\n" + "\n".join(tail)
            + f"\nOrder via DM atau link di bio 🛒\n.\n.\n{hashtags(t)}")


def marketplace_fb(t, d, ids):
    tail = contacts(ids) + non_ids()
    price = rng.choice(("Rp85.000", "Rp90.000", "Rp150.000", "Gratis", "Rp1.200.000", "Rp45.000"))
    return t, (f"{price} · {rng.choice(CITIES).title()}\nDicantumkan {rng.randrange(1, 20)} hari yang lalu\n\n"
               f"Detail\nKondisi: {rng.choice(('Baru', 'Bekas - Seperti Baru'))}\n\n{d}\n" + "\n".join(tail + extras(1)))


SHAPES = {"shopee": shopee, "tokopedia": tokopedia, "spec_table": spec_table, "facebook": facebook,
          "olx": olx, "whatsapp": whatsapp, "telegram": telegram, "kaskus": kaskus, "tweet": tweet,
          "instagram": instagram, "marketplace_fb": marketplace_fb}

# -------------------------------------------------------------------- evasions
KEY_WORDS = ("blangko", "blanko", "balngko", "e-ktp", "ktp-el", "ktp", "dukcapil", "kosong", "kosongan",
             "polos", "chip", "kartu", "blank", "holder", "lanyard", "identitas", "printer")
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
            "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "T": "Т", "B": "В", "M": "М", "H": "Н"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "A": "4", "E": "3", "I": "1", "O": "0"}
EMOJI = ("🔥", "✅", "💯", "⭐", "📌")


def evade_word(word: str, how: str) -> str:
    letters = list(word)
    if how == "dots":
        return ".".join(letters)
    if how == "spaces":
        return " ".join(letters)
    if how == "leet" and any(c in LEET for c in word):
        return "".join(LEET.get(c, c) for c in word)
    if how == "emoji":
        at = max(1, len(word) // 2)
        return word[:at] + rng.choice(EMOJI) + word[at:]
    if how == "stretch":
        at = max((i for i, c in enumerate(word) if c.lower() in "aiueo"), default=len(word) - 1)
        return word[:at] + word[at] * 3 + word[at + 1:]
    if how == "cyrillic" and any(c in CYRILLIC for c in word):
        return "".join(CYRILLIC.get(c, c) for c in word)
    if how == "zero_width":
        return "\u200b".join(letters)
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)
    if how == "mask":
        at = max((i for i, c in enumerate(word) if c.lower() in "aiueo"), default=1)
        return word[:at] + "*" + word[at + 1:]
    return "-".join(letters)


EVASIONS = ("dots", "spaces", "leet", "emoji", "stretch", "cyrillic", "zero_width", "fullwidth", "mask")


def evade(title: str, desc: str, how: str) -> tuple[str, str]:
    """One evasion of the first key word found (title first); a line with a placeholder is left alone."""
    for field in ("title", "desc"):
        text = title if field == "title" else desc
        for key in KEY_WORDS:
            for m in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text, flags=re.IGNORECASE):
                line = text[text.rfind("\n", 0, m.start()) + 1:]
                line = line.split("\n", 1)[0]
                if "{" in line:
                    continue
                new = text[:m.start()] + evade_word(m.group(0), how) + text[m.end():]
                return (new, desc) if field == "title" else (title, new)
    words = list(re.finditer(r"[A-Za-z]{5,}", title))
    if words:
        m = words[0]
        return title[:m.start()] + evade_word(m.group(0), how) + title[m.end():], desc
    return title, desc


# ----------------------------------------------------------------------- build
def fill(text: str, ids: list[dict]) -> str:
    def nik(_m):
        value = new_nik()
        ids.append({"kind": "nik", "value": value})
        return value

    def uid(_m):
        value = new_uid()
        ids.append({"kind": "chip_uid", "value": value})
        return uid_text(value)

    return re.sub(r"\{UID\}", uid, re.sub(r"\{NIK\}", nik, text))


def check(row: dict) -> None:
    text = row["title"] + "\n" + row["description"]
    digits = re.sub(r"\D", "", text)
    hexes = re.sub(r"[^0-9A-F]", "", text.upper())
    for ident in row["identifiers"]:
        kind, value = ident["kind"], ident["value"]
        if kind == "phone":
            assert value.startswith("+62") and value[3:] in digits, (row["id"], value)
        elif kind == "nik":
            assert len(value) == 16 and value in digits, (row["id"], value)
        elif kind == "chip_uid":
            assert len(value) in (8, 14, 16) and value in hexes, (row["id"], value)
        elif kind == "url":
            assert value.startswith(("https://wa.me/62", "https://t.me/")), value
            assert value.split("/")[-1] in text.lower(), (row["id"], value)
        else:
            raise AssertionError(kind)
    assert "{" not in text and "||" not in text, row["id"]


def main() -> None:
    rows = []
    counts = {}
    for family in FAMILIES:
        cores = [line.rstrip("\n") for line in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        counts[family] = len(cores)
        number = 0
        for k, core in enumerate(cores):
            title, desc = (part.strip() for part in core.split("||", 1))
            desc = desc.replace("\\n", "\n")
            for rendering, shape in enumerate(rng.sample(sorted(SHAPES), 2)):
                t, d = title, desc
                if rendering == 1 and k % 2 == 1:
                    t, d = evade(t, d, rng.choice(EVASIONS))
                ids: list[dict] = []
                t, d = fill(t, ids), fill(d, ids)
                out_t, out_d = SHAPES[shape](t, d, ids)
                number += 1
                seen, unique = set(), []
                for ident in ids:
                    key = (ident["kind"], ident["value"])
                    if key not in seen:
                        seen.add(key)
                        unique.append(ident)
                row = {"id": f"h11-{family}-{number:04d}", "title": out_t, "description": out_d,
                       "label": LABEL[family], "identifiers": unique, "split": "holdout"}
                check(row)
                rows.append(row)
    rng.shuffle(rows)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("cores", counts, "rows", len(rows))


if __name__ == "__main__":
    main()
