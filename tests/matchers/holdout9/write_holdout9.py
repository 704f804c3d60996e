"""Writer of the ninth frozen holdout (kept for audit; never re-run after the commit).

Renders every hand-written core of ``listings_<family>.txt`` twice, in two different of
nine shapes a crawler brings back, with everyday shop sentences, contacts and
non-identifiers; on every other core's second rendering one key word is evaded.
Identifiers are built here and labelled by construction; a check makes sure every
labelled value is written in its row's text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
rng = random.Random(20261207_9)

# --- identifiers ---------------------------------------------------------------------------
PREFIXES = ["811", "812", "813", "821", "822", "823", "852", "853", "851", "857", "858",
            "856", "877", "878", "881", "882", "895", "896", "897", "898", "831", "838"]
PROVINCES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
             61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 94]
HANDLES = ["tokoberkah88", "sumbermakmur_id", "lapakjaya", "grosirmurah21", "kedaiana",
           "infoready", "mitra_usaha", "barokahstore", "santuyshop", "dapoermama",
           "serbaada_id", "juraganstok", "rumahkartu", "toko_amanah", "cahayaonline"]


def national() -> str:
    """A mobile number without its leading 0: 8xx plus 7 or 8 digits."""
    return rng.choice(PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))


def phone_text(nsn: str) -> str:
    style = rng.randrange(6)
    if style == 0:
        return "0" + nsn
    if style == 1:
        return f"0{nsn[:3]}-{nsn[3:7]}-{nsn[7:]}"
    if style == 2:
        return f"0{nsn[:3]} {nsn[3:7]} {nsn[7:]}"
    if style == 3:
        return f"+62 {nsn[:3]}-{nsn[3:7]}-{nsn[7:]}"
    if style == 4:
        return "62" + nsn
    return f"+62{nsn}"


def nik() -> str:
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    return (f"{rng.choice(PROVINCES):02d}{rng.randint(1, 25):02d}{rng.randint(1, 30):02d}"
            f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(60, 99) if rng.random() < 0.7 else rng.randint(0, 6):02d}"
            f"{rng.randint(1, 2999):04d}")


def nik_text(value: str) -> str:
    if rng.random() < 0.8:
        return value
    return " ".join(value[i:i + 4] for i in range(0, 16, 4))


def uid() -> str:
    size = rng.choice((4, 7, 7, 8))
    first = "04" if size == 7 else rng.choice("0123456789ABCDEF") + rng.choice("0123456789ABCDEF")
    return first + "".join(rng.choice("0123456789ABCDEF") for _ in range(2 * (size - 1)))


def uid_text(value: str) -> str:
    pairs = [value[i:i + 2] for i in range(0, len(value), 2)]
    style = rng.randrange(4)
    if style == 0:
        return value
    if style == 1:
        return ":".join(pairs)
    if style == 2:
        return " ".join(pairs)
    return "0x" + value


def contacts(ids: list[dict], shape: str) -> list[str]:
    """Contact lines for a shape; adds their identifiers to ``ids``."""
    lines = []
    n = rng.choice((0, 1, 1, 1, 2))
    for _ in range(n):
        kind = rng.choice(("phone", "phone", "wa", "tg"))
        if kind == "phone":
            nsn = national()
            ids.append({"kind": "phone", "value": "+62" + nsn})
            lines.append(rng.choice(("WA ", "Hub ", "Kontak: ", "SMS/WA: ", "Telp ", "Call/WA ")) + phone_text(nsn))
        elif kind == "wa":
            nsn = national()
            ids.append({"kind": "url", "value": f"https://wa.me/62{nsn}"})
            ids.append({"kind": "phone", "value": "+62" + nsn})
            lines.append(rng.choice(("Klik: ", "Chat langsung ", "Order via ", "")) + rng.choice(("https://", "")) + f"wa.me/62{nsn}")
        else:
            handle = rng.choice(HANDLES) + str(rng.randint(1, 99))
            shown = handle if rng.random() < 0.6 else handle.capitalize()
            ids.append({"kind": "url", "value": f"https://t.me/{handle.lower()}"})
            lines.append(rng.choice(("Telegram: ", "Join channel ", "Gabung grup ", "")) + rng.choice(("https://", "")) + f"t.me/{shown}")
    if shape in ("tweet", "instagram") and rng.random() < 0.5:
        lines.append("DM @" + rng.choice(HANDLES))
    return lines


def non_identifiers() -> list[str]:
    out = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        kind = rng.randrange(8)
        if kind == 0:
            out.append("Resi kemarin: JP" + "".join(rng.choice("0123456789") for _ in range(10)))
        elif kind == 1:
            out.append("No. pesanan: " + rng.choice(("00", "99", "26", "40")) + "".join(rng.choice("0123456789") for _ in range(14)))
        elif kind == 2:
            out.append(f"Transfer ke rek BCA {rng.randint(1, 9)}{rng.randint(100000000, 999999999)} a.n. " + rng.choice(("Siti R", "Agus P", "Dewi L", "Hendra K")))
        elif kind == 3:
            out.append("EAN: 899" + "".join(rng.choice("0123456789") for _ in range(10)))
        elif kind == 4:
            out.append("IMEI bekas unit lama 35" + "".join(rng.choice("0123456789") for _ in range(13)))
        elif kind == 5:
            out.append("SKU: " + rng.choice(("HLD", "GEN", "STK", "PKT")) + "-" + str(rng.randint(1000, 9999)) + "-" + rng.choice("ABCDXYZ"))
        elif kind == 6:
            out.append("Pakai kode voucher " + rng.choice(("HEMAT", "GRATISONG", "PAYDAY", "BARU")) + str(rng.randint(10, 99)) + " biar lebih murah")
        else:
            out.append("ID pelanggan PLN 5" + "".join(rng.choice("0123456789") for _ in range(11)) + " (buat bayar listrik, jangan salah)")
    return out


# --- everyday shop sentences -----------------------------------------------------------------
SHOP = [
    "Pengiriman setiap hari kecuali Minggu dan tanggal merah.",
    "Order sebelum jam 15.00 dikirim hari ini juga.",
    "Bisa COD area dalam kota, luar kota via ekspedisi.",
    "Packing aman pakai bubble wrap + kardus, gratis.",
    "Pembayaran via transfer bank, QRIS, atau e-wallet.",
    "Toko buka Senin-Sabtu 08.00-17.00 WIB.",
    "Selamat berbelanja, semoga berkah 🙏",
    "Terima kasih sudah mampir ke lapak kami.",
    "Barang yang sudah dibeli tidak dapat dikembalikan kecuali cacat produksi.",
    "Wajib video unboxing untuk klaim komplain.",
    "Harga sewaktu-waktu bisa berubah tanpa pemberitahuan.",
    "Slow respon kalau lagi sholat ya kak.",
    "Follow toko kami untuk info promo terbaru.",
    "Kirim pakai JNE, J&T, SiCepat, AnterAja.",
    "Stok selalu update, langsung checkout aja.",
    "Gratis ongkir dengan voucher toko.",
    "Admin online jam 09.00-21.00.",
    "Jangan lupa kasih bintang 5 ya kak 🌟",
]
CITIES = ["Jakarta Timur", "Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Depok",
          "Bekasi", "Palembang", "Yogyakarta", "Malang", "Padang", "Denpasar", "Bogor", "Pontianak"]
SHOPS = ["Berkah Jaya Store", "Toko Sumber Rejeki", "Mitra Grosir", "Kios Amanah",
         "Rumah Belanja 88", "Lapak Mas Bro", "Cahaya Official", "Sentosa Mart"]


def chatter(k: int) -> list[str]:
    return rng.sample(SHOP, k)


def render(shape: str, title: str, desc: str, extra: list[str], ids: list[dict]) -> tuple[str, str]:
    contact = contacts(ids, shape)
    noise = non_identifiers()
    if shape == "shopee":
        body = [f"Selamat datang di {rng.choice(SHOPS)}!", "", desc, "", "Spesifikasi:",
                f"- Kondisi: {rng.choice(('Baru', 'Baru', 'Bekas'))}", f"- Berat: {rng.choice((50, 100, 250, 500))} gram",
                f"- Dikirim dari: {rng.choice(CITIES)}", "", "Catatan:", *("- " + s for s in chatter(2)), *extra, *noise, *contact]
        return title, "\n".join(body)
    if shape == "tokopedia":
        q = rng.choice((("ready kak?", "Ready kak, silakan diorder."), ("bisa kirim hari ini?", "Bisa kak, asal bayar sebelum jam 3."),
                        ("bisa dikirim ke Kalimantan?", "Bisa kak, ongkir menyesuaikan."), ("ini barang baru?", "Sesuai deskripsi ya kak.")))
        body = [f"Kondisi: Baru\nMin. Pemesanan: 1 Buah\nEtalase: {rng.choice(('Semua Etalase', 'Terlaris', 'Produk Baru'))}", "",
                desc, "", *chatter(2), *extra, *noise, *contact, "", "Diskusi:", f"Pembeli: {q[0]}", f"Penjual: {q[1]}"]
        return title, "\n".join(body)
    if shape == "facebook":
        body = [desc, "", f"Lokasi: {rng.choice(CITIES)}", *chatter(1), *extra, *noise, *contact,
                rng.choice(("Minat? komen atau inbox.", "Yang serius aja ya.", "Nego tipis.", "Tanya-tanya boleh."))]
        return title, "\n".join(body)
    if shape == "whatsapp":
        body = ["_Broadcast_", "", f"*{title}*", desc, "", *("✅ " + s for s in chatter(2)), *extra, *noise, *contact,
                "Maaf kalau BC ini mengganggu 🙏"]
        return f"*{title.upper()}*", "\n".join(body)
    if shape == "telegram":
        body = [f"📌 {title}", "", desc, "", *chatter(1), *extra, *noise, *contact, "👁 " + str(rng.randint(80, 4000))]
        return f"📣 {title}", "\n".join(body)
    if shape == "kaskus":
        body = ["Permisi agan-agan sekalian,", "", desc, "", *chatter(2), *extra, *noise, *contact, "",
                rng.choice(("Sekian gan, thanks udah mampir.", "Jangan lupa cendolnya gan.", "Monggo dipantau gan."))]
        return title, "\n".join(body)
    if shape == "tweet":
        body = [f"{title}. {desc}".replace("\n", " "), *extra, *contact, *noise[:1]]
        return f"@{rng.choice(HANDLES)} on X", " ".join(body)
    if shape == "instagram":
        tags = " ".join("#" + w.lower() for w in re.findall(r"[A-Za-z]{4,}", title)[:4])
        body = [f"✨ {title} ✨", "", desc, "", *chatter(1), *extra, *noise, *contact, "",
                tags + " #jualanonline #olshopindonesia #ready"]
        return rng.choice(HANDLES), "\n".join(body)
    # lazada / blibli spec table
    body = ["Spesifikasi Produk", f"Merek | {rng.choice(('No Brand', 'OEM', 'Lokal'))}", f"Garansi | {rng.choice(('Tidak ada', '7 hari', '1 bulan'))}",
            f"Lokasi | {rng.choice(CITIES)}", "", "Deskripsi:", desc, "", *chatter(2), *extra, *noise, *contact]
    return title, "\n".join(body)


SHAPES = ["shopee", "tokopedia", "facebook", "whatsapp", "telegram", "kaskus", "tweet", "instagram", "lazada"]

# --- evasions -----------------------------------------------------------------------------------
KEYWORDS = re.compile(r"blangko|blanko|balngko|ktp|kosong|dukcapil|kartu|chip|polos|selfie|hologram|nik\b", re.I)
CYR = str.maketrans("aeopcxyKTBHMAEOPCX", "аеорсхуКТВНМАЕОРСХ")
LEET = str.maketrans("aAeEiIoO", "44331100")


def evade(word: str, how: int) -> str:
    if how == 0:
        return ".".join(word)
    if how == 1:
        return " ".join(word)
    if how == 2:
        return word.translate(LEET)
    if how == 3:
        mid = len(word) // 2
        return word[:mid] + rng.choice("🔥💥✨📌") + word[mid:]
    if how == 4:
        vowels = [i for i, c in enumerate(word) if c.lower() in "aeiou"] or [len(word) - 1]
        i = rng.choice(vowels)
        return word[:i] + word[i] * 3 + word[i + 1:]
    if how == 5:
        return word.translate(CYR)
    if how == 6:
        return "\u200b".join(word)
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def evade_once(title: str, desc: str) -> tuple[str, str]:
    spots = [(0, m) for m in KEYWORDS.finditer(title)] + [(1, m) for m in KEYWORDS.finditer(desc)]
    if not spots:
        spots = [(1, m) for m in re.finditer(r"[A-Za-z]{5,}", desc)]
    field, m = rng.choice(spots)
    how = rng.randrange(8)
    text = (title, desc)[field]
    text = text[:m.start()] + evade(m.group(), how) + text[m.end():]
    return (text, desc) if field == 0 else (title, text)


# --- placeholders and chip lines ----------------------------------------------------------------
def fill(text: str, ids: list[dict]) -> str:
    while "{NIK}" in text:
        value = nik()
        ids.append({"kind": "nik", "value": value})
        text = text.replace("{NIK}", nik_text(value), 1)
    while "{UID}" in text:
        value = uid()
        ids.append({"kind": "chip_uid", "value": value})
        text = text.replace("{UID}", uid_text(value), 1)
    return text


CHIPPY = re.compile(r"chip|mifare|nfc|rfid|ntag", re.I)


def chip_line(family: str, core: str, ids: list[dict]) -> list[str]:
    if not CHIPPY.search(core) or family == "ordinary" or rng.random() < 0.5:
        return []
    value = uid()
    ids.append({"kind": "chip_uid", "value": value})
    return [rng.choice(("UID chip sampel: ", "No seri chip: ", "Contoh UID: ", "CSN kartu tes: ")) + uid_text(value)]


NIKKY = re.compile(r"NIK|data|selfie|identitas|KTP jadi|verif", re.I)


def nik_line(family: str, core: str, ids: list[dict]) -> list[str]:
    if family != "related" or "{NIK}" in core or not NIKKY.search(core) or rng.random() < 0.5:
        return []
    value = nik()
    ids.append({"kind": "nik", "value": value})
    return [rng.choice(("Contoh data: NIK ", "Sampel NIK ", "NIK contoh: ", "cek dulu NIK ")) + nik_text(value)]


def ktp_noise(family: str) -> list[str]:
    """Deliberate NIK-like non-identifiers: masked numbers."""
    if family in ("hardneg", "related") and rng.random() < 0.15:
        return ["NIK disensor: 3201" + "*" * 8 + "0001"]
    return []


# --- check ------------------------------------------------------------------------------------
def squeezed(text: str) -> str:
    return re.sub(r"(?<=[0-9A-Fa-f])[ .\-:](?=[0-9A-Fa-f])", "", text)


def written(row: dict, ident: dict) -> bool:
    text = squeezed(row["title"] + "\n" + row["description"])
    value = ident["value"]
    if ident["kind"] == "phone":
        return value[3:] in re.sub(r"\D", "", text)
    if ident["kind"] == "url":
        return value.split("/")[-1].lower() in text.lower()
    if ident["kind"] == "chip_uid":
        return value in text.upper().replace("0X", "")
    return value in text


def main() -> None:
    rows = []
    cores = []
    for family in FAMILIES:
        for line in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                title, desc = (part.strip() for part in line.split("||", 1))
                cores.append((family, title, desc.replace("\\n", "\n")))
    numbers = rng.sample(range(1, 10000), 2 * len(cores))
    for index, (family, title, desc) in enumerate(cores):
        for turn, shape in enumerate(rng.sample(SHAPES, 2)):
            t, d = title, desc
            if turn == 1 and index % 2 == 1:
                t, d = evade_once(t, d)
            ids: list[dict] = []
            t = fill(t, ids)
            d = fill(d, ids)
            extra = chip_line(family, title + desc, ids) + nik_line(family, title + desc, ids) + ktp_noise(family)
            t, d = render(shape, t, d, extra, ids)
            unique = []
            for ident in ids:
                if ident not in unique:
                    unique.append(ident)
            row = {"id": f"h9-{family}-{numbers.pop():04d}", "title": t, "description": d,
                   "label": FAMILIES[family], "identifiers": unique, "split": "holdout"}
            assert all(written(row, i) for i in unique), row["id"]
            rows.append(row)
    rng.shuffle(rows)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
