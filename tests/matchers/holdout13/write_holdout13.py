"""Write holdout13/holdout.jsonl from the hand-written cores (run once, before the commit; never again).

Each core (``listings_<family>.txt``, ``title || description``) is rendered twice, in two
different of ten shapes a crawler brings back, with shop chatter, contacts and
non-identifiers; every other core's second rendering gets one evasion of its key word.
Identifiers are built here and their expected values computed by construction; a row is
labelled only with values whose digits / hex / handle are in its text (checked below).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
SEED = 13_2026_12_07

CITIES = ["Bekasi", "Depok", "Medan", "Surabaya", "Makassar", "Semarang", "Palembang", "Bandung",
          "Pontianak", "Padang", "Malang", "Denpasar", "Kupang", "Jayapura", "Balikpapan", "Jambi"]
SHOPS = ["Toko Sinar Jaya", "Berkah Abadi Store", "RinaShop", "Lapak Mas Joko", "Grosir Murah ID",
         "Ayu Collection", "Mitra Usaha 88", "Kedai Pak Harun", "Sumber Rejeki", "Cahaya Makmur Official"]
HANDLES = ["tokosinar88", "Lapak_Berkah", "RinaShop_id", "GrosirMurahID", "AdminCepat01", "MasJokoStore",
           "sumberrejeki_official", "Kedai_Harun", "CahayaMakmur", "ayu_collection21", "MitraUsaha88",
           "PusatGrosirMdn"]
OPERATORS = ["11", "12", "13", "21", "22", "23", "51", "52", "53", "14", "15", "17", "19", "55", "56",
             "57", "58", "77", "78", "81", "82", "83", "85", "87", "95", "96", "97", "98", "99"]
PROVINCES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63,
             64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 94]

CHATTER = [
    "Pengiriman setiap hari kecuali Minggu dan tanggal merah.",
    "Order sebelum jam 15.00 dikirim hari yang sama.",
    "Bisa COD, bisa transfer, bisa ShopeePay.",
    "Packing aman pakai bubble wrap + kardus, gratis.",
    "Mohon cantumkan catatan saat checkout ya kak.",
    "Jam operasional: Senin-Sabtu 08.00-17.00 WIB.",
    "Komplain wajib sertakan video unboxing tanpa jeda.",
    "Fast respon jam kerja, di luar jam kerja slow ya.",
    "Terima kasih sudah mampir di toko kami 🙏",
    "Barang yang sudah dibeli tidak dapat dikembalikan.",
    "Jangan lupa follow toko untuk info promo terbaru.",
    "Yang nanya-nanya doang tanpa beli mohon maaf ya 😅",
    "Ongkir menyesuaikan lokasi, cek dulu sebelum bayar.",
    "Bisa kirim instan Gosend/Grab area dalam kota.",
    "Happy shopping! Semoga berkah.",
    "Harga bisa berubah sewaktu-waktu tanpa pemberitahuan.",
    "Stok selalu update, langsung checkout aja.",
    "Assalamualaikum, selamat datang kak.",
    "Rating bintang 5 sangat membantu toko kecil kami ❤️",
    "Admin online 24 jam, tapi balasnya kadang telat hehe.",
    "Pembayaran via transfer bank atau e-wallet.",
    "Barang ready, bukan PO.",
    "Lokasi toko bisa dicek di Google Maps.",
    "No PHP ya, serius aja.",
]
NON_IDS = [
    lambda r: f"Rek BCA {r.randint(10**9, 10**10 - 1)} a.n. {r.choice(['Sri Wahyuni', 'Andi P', 'Toko Sinar'])}",
    lambda r: f"Resi JNE kemarin: CGK{r.randint(10**11, 10**12 - 1)}",
    lambda r: f"No. pesanan: 2612{r.randint(10, 28)}{''.join(r.choice('ABCDEFGHJKMNPQRSTUVWXYZ') for _ in range(6))}",
    lambda r: f"Barcode: 899{r.randint(10**9, 10**10 - 1)}",
    lambda r: f"IMEI: 35{r.randint(10**12, 10**13 - 1)}",
    lambda r: f"SKU: {r.choice(['KRT', 'TK', 'ACC', 'GRS'])}-{r.randint(100, 99999):05d}",
    lambda r: f"Pakai voucher {r.choice(['HEMAT', 'GRATISONGKIR', 'DES', 'PROMO'])}{r.randint(10, 99)}",
    lambda r: f"Kode toko: {r.randint(1000, 9999)}",
    lambda r: f"Mandiri 1{r.randint(10**11, 10**12 - 1)} (konfirmasi setelah transfer)",
]

KEYWORDS = ["blangko", "blanko", "e-ktp", "ektp", "ktp-el", "ktp", "kosong", "polos", "paspor", "npwp",
            "akta", "hologram", "chip", "nik", "kartu"]
CYR = dict(zip("aeopcxyAEOPCXHKMTB", "аеорсхуАЕОРСХНКМТВ", strict=True))
LEET = dict(zip("aeioAEIOsS", "4310431055", strict=True))
EMOJI = ["🔥", "✅", "💯", "⭐", "📌"]


def evade(word: str, kind: int, r: random.Random) -> str:
    letters = list(word)
    if kind == 0:
        return ".".join(letters)
    if kind == 1:
        return " ".join(letters)
    if kind == 2:
        return "".join(LEET.get(c, c) for c in word)
    if kind == 3:
        mid = len(word) // 2
        return word[:mid] + r.choice(EMOJI) + word[mid:]
    if kind == 4:
        return re.sub(r"([aeiouAEIOU])", lambda m: m.group(1) * 3, word, count=2)
    if kind == 5:
        return "".join(CYR.get(c, c) for c in word)
    if kind == 6:
        return "\u200b".join(letters)
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in word)


def apply_evasion(title: str, desc: str, kind: int, r: random.Random) -> tuple[str, str]:
    both = f"{title}\n{desc}".lower()
    for kw in KEYWORDS:
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(kw)}(?![A-Za-z])", re.IGNORECASE)
        if pattern.search(both):
            sub = lambda m: evade(m.group(0), kind, r)  # noqa: E731
            return pattern.sub(sub, title), pattern.sub(sub, desc)
    return title, desc


def phone(r: random.Random) -> tuple[str, str]:
    """(as written, E.164)"""
    national = "8" + r.choice(OPERATORS) + "".join(str(r.randint(0, 9)) for _ in range(r.choice([7, 8, 8])))
    e164 = "+62" + national
    style = r.randint(0, 5)
    local = "0" + national
    if style == 0:
        written = local
    elif style == 1:
        written = f"{local[:4]}-{local[4:8]}-{local[8:]}"
    elif style == 2:
        written = f"{local[:4]} {local[4:8]} {local[8:]}"
    elif style == 3:
        written = f"+62 {national[:3]}-{national[3:7]}-{national[7:]}"
    elif style == 4:
        written = "62" + national
    else:
        written = f"0{national[:3]}.{national[3:7]}.{national[7:]}"
    return written, e164


def nik(r: random.Random) -> str:
    day = r.randint(1, 28) + (40 if r.random() < 0.5 else 0)
    return (f"{r.choice(PROVINCES):02d}{r.randint(1, 20):02d}{r.randint(1, 25):02d}"
            f"{day:02d}{r.randint(1, 12):02d}{r.randint(60, 99) if r.random() < 0.7 else r.randint(0, 6):02d}"
            f"{r.randint(1, 999):04d}")


def uid(r: random.Random) -> tuple[str, str]:
    size = r.choice([4, 7, 7])
    data = [0x04] + [r.randint(0, 255) for _ in range(size - 1)] if size == 7 else [r.randint(0, 255) for _ in range(4)]
    value = "".join(f"{b:02X}" for b in data)
    if not re.search("[A-F]", value):  # a decimal-only UID would need a reader's mark to be one
        return uid(r)
    sep = r.choice(["", ":", " "])
    return sep.join(f"{b:02X}" for b in data), value


def contacts(r: random.Random, shape: str) -> tuple[list[str], list[dict]]:
    lines: list[str] = []
    ids: list[dict] = []
    n = r.choice([0, 1, 1, 2])
    if shape in ("wa", "telegram"):
        n = max(n, 1)
    for _ in range(n):
        what = r.choice(["phone", "phone", "wa", "tg"] if shape != "telegram" else ["tg", "phone"])
        if what == "phone":
            written, e164 = phone(r)
            lines.append(r.choice(["WA ", "Hub. ", "Telp/WA: ", "Info & order: ", "Call/SMS ", "wa aja ke "]) + written)
            ids.append({"kind": "phone", "value": e164})
        elif what == "wa":
            _, e164 = phone(r)
            lines.append(r.choice(["Order: ", "Klik: ", "Chat admin ", ""]) + f"wa.me/{e164[1:]}")
            ids += [{"kind": "url", "value": f"https://wa.me/{e164[1:]}"}, {"kind": "phone", "value": e164}]
        else:
            handle = r.choice(HANDLES)
            lines.append(r.choice(["Channel: ", "Gabung grup: ", "Telegram ", "Info lengkap di "])
                         + r.choice(["t.me/", "https://t.me/"]) + handle)
            ids.append({"kind": "url", "value": f"https://t.me/{handle.lower()}"})
    return lines, ids


def chatter(r: random.Random, k: int) -> list[str]:
    return r.sample(CHATTER, k)


def nonids(r: random.Random) -> list[str]:
    return [f(r) for f in r.sample(NON_IDS, r.choice([0, 1, 1, 2]))]


def hashtags(title: str, r: random.Random) -> str:
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]+", title) if len(w) > 2][:3]
    tags = ["#" + w.replace("-", "") for w in words] + r.sample(
        ["#jualan", "#olshop", "#codmurah", "#ready", "#grosir", "#promo", "#olshopindonesia", "#trusted"], 3)
    return " ".join(tags)


def render(shape: str, title: str, core: str, r: random.Random) -> tuple[str, str, list[dict]]:
    c_lines, ids = contacts(r, shape)
    extra = nonids(r)
    city = r.choice(CITIES)
    shop = r.choice(SHOPS)
    if shape == "shopee":
        t = r.choice(["", "[READY] ", "⚡ ", "PROMO "]) + title
        body = [core, "", "Spesifikasi:", f"Kategori: {r.choice(['Alat Tulis Kantor', 'Aksesoris', 'Perlengkapan', 'Lainnya'])}",
                f"Stok: {r.randint(3, 400)}", f"Dikirim dari: {city}", "", "Catatan:"]
        body += ["- " + s for s in chatter(r, 3) + extra + c_lines]
    elif shape == "tokopedia":
        t = title
        body = ["Kondisi: Baru", f"Berat Satuan: {r.randint(5, 900)} g", f"Etalase: {r.choice(['Semua Etalase', 'Produk Terlaris', 'Kartu', 'Lain-lain'])}",
                "", core, "", *chatter(r, 2), *extra, "", "Diskusi:",
                f"{r.choice(['Dewi', 'Rizal', 'Putu', 'Yohanes', 'Siti'])}: {r.choice(['masih ada kak?', 'bisa kirim hari ini?', 'ready ya gan?'])}",
                f"{shop}: {r.choice(['masih kak, silakan diorder', 'bisa kak, sebelum jam 3', 'ready kak'])}", *c_lines]
    elif shape == "facebook":
        t = title + r.choice(["", f" - {city}", " (COD)"])
        body = [r.choice(["Halo semua 👋", "Permisi admin, izin promo", "Bismillah, dijual:", "Hai kak"]), core,
                *chatter(r, 2), *extra, *c_lines, r.choice(["Minat? inbox aja", "Yg minat langsung japri", "Lokasi " + city])]
    elif shape == "olx":
        t = title
        body = [f"Lokasi: {city}", f"Kondisi: {r.choice(['Baru', 'Bekas'])}", "", core, "",
                r.choice(["Harga nego tipis.", "Harga pas.", "Nego sampai jadi."]), *extra, *c_lines, *chatter(r, 1)]
    elif shape == "wa":
        t = "*" + title.upper() + "*"
        body = [r.choice(["_Broadcast_", "📢 INFO", "*Pesan berantai, maaf kalau dobel*"]), "",
                "✅ " + core.replace("\n", "\n✅ "), "", *chatter(r, 1), *extra, *["👉 " + c for c in c_lines]]
    elif shape == "telegram":
        t = title
        body = [core, "", *chatter(r, 1), *extra, "", *["📌 " + c for c in c_lines],
                "Admin: @" + r.choice(HANDLES)]
    elif shape == "kaskus":
        t = r.choice(["[WTS] ", "", "[Jual] ", "Ask: "]) + title
        body = [r.choice(["Permisi agan-agan sekalian,", "Selamat siang gan,", "Numpang lapak gan,"]), "", core, "",
                r.choice(["Rekber welcome.", "Bisa rekber Kaskus.", "Cendol dikit boleh gan."]), *extra, *c_lines,
                r.choice(["Kirim PM ya gan.", "Makasih udah mampir ke thread ane.", "Ditunggu komennya gan."])]
    elif shape == "tweet":
        t = "@" + r.choice(HANDLES) + " " + title
        body = [core.replace("\n", " ") + " " + " ".join(c_lines) + " " + r.choice(["#rt", "#zonauang", "#jualbeli", ""])]
    elif shape == "instagram":
        t = shop + " on Instagram: " + title
        body = [core, "", *chatter(r, 2), *c_lines, *extra, "", hashtags(title, r)]
    else:  # lazada / blibli spec table
        t = title + r.choice(["", " - Original", " Termurah"])
        body = ["Spesifikasi Produk", f"| Merek | {r.choice(['No Brand', 'OEM', shop])} |",
                f"| Garansi | {r.choice(['Tidak ada', '7 hari toko'])} |", f"| Lokasi | {city} |", "",
                "Deskripsi:", core, "", "Dalam kotak: 1 paket sesuai deskripsi", *chatter(r, 2), *extra, *c_lines]
    return t, "\n".join(body).strip(), ids


SHAPES = ["shopee", "tokopedia", "facebook", "olx", "wa", "telegram", "kaskus", "tweet", "instagram", "lazada"]


def fill(core: str, r: random.Random) -> tuple[str, list[dict]]:
    ids: list[dict] = []
    while "{NIK}" in core:
        value = nik(r)
        written = value if r.random() < 0.7 else " ".join(value[i:i + 4] for i in range(0, 16, 4))
        core = core.replace("{NIK}", written, 1)
        ids.append({"kind": "nik", "value": value})
    while "{UID}" in core:
        written, value = uid(r)
        core = core.replace("{UID}", written, 1)
        ids.append({"kind": "chip_uid", "value": value})
    return core, ids


def present(row: dict) -> bool:
    text = row["title"] + "\n" + row["description"]
    digits = re.sub(r"\D", "", text)
    hexes = re.sub(r"[^0-9A-F]", "", text.upper())
    for ident in row["identifiers"]:
        v = ident["value"]
        if ident["kind"] == "phone" and v[3:] not in digits:
            return False
        if ident["kind"] == "nik" and v not in digits:
            return False
        if ident["kind"] == "chip_uid" and v not in hexes:
            return False
        if ident["kind"] == "url" and v.split("/")[-1] not in text.lower():
            return False
    return True


def main() -> None:
    rows: list[dict] = []
    for family, label in FAMILIES.items():
        cores = [ln for ln in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
        n = 0
        for i, line in enumerate(cores):
            r = random.Random(f"{SEED}-{family}-{i}")
            title, core = (p.strip() for p in line.split("||", 1))
            core = core.replace("\\n", "\n")
            for k, shape in enumerate(r.sample(SHAPES, 2)):
                filled, ids = fill(core, r)
                t, d, contact_ids = render(shape, title, filled, r)
                if k == 1 and i % 2 == 1:
                    t, d = apply_evasion(t, d, r.randrange(8), r)
                seen: list[dict] = []
                for ident in ids + contact_ids:
                    if ident not in seen:
                        seen.append(ident)
                n += 1
                row = {"id": f"h13-{family}-{n:04d}", "title": t, "description": d, "label": label,
                       "identifiers": seen, "split": "holdout"}
                assert present(row), row["id"]
                rows.append(row)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
