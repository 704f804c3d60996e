"""Write holdout10/holdout.jsonl from the hand-written cores (run once, before the commit; never again).

Every core (``title || description``, ``\\n`` for a line break; ``{NIK}``, ``{NIKF}``, ``{UID4}``,
``{UID7}`` are filled with generated identifiers) is rendered twice, in two different of nine
shapes a crawler brings back, with everyday shop sentences, contacts and numbers that are no
identifiers.  Every other core's second rendering carries one evasion of a key word (the same
evasions on offers and on hard negatives).  Identifiers are labelled by construction, and only
when the value is written in the row's text (checked below).  Seeded: the output is deterministic.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
rng = random.Random(20261207)

# ---------------------------------------------------------------- identifiers
PREFIXES = ["0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0856",
            "0878", "0877", "0817", "0818", "0819", "0859", "0895", "0896", "0897", "0898",
            "0881", "0882", "0838", "0831", "0815", "0814"]
PROVINCES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62,
             63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 94]
HANDLES = ["PusatKartuNusantara", "infoblast_jkt", "Lapak_Serba_Ada", "grosirmurah_id",
           "TokoAmanahSby", "DiskonHarian", "kabar_warga", "OlshopBunda", "GudangPromoID",
           "jualbeli_bdg", "Bursa_Medan", "PasarMalamOnline", "rekanusaha_smg", "SuaraKampung"]
SHOPS = ["Toko Berkah Jaya", "Sinar Abadi Store", "Lapak Mas Bro", "Kios Ceria", "Mitra Usaha 88",
         "Rumah Grosir", "Toko Serba Kartu", "Official Store Murah", "Warung Online Bu Tini"]
CITIES = ["Jakarta Barat", "Bekasi", "Bandung", "Semarang", "Surabaya", "Medan", "Makassar",
          "Yogyakarta", "Palembang", "Denpasar", "Malang", "Pontianak", "Padang", "Tangerang"]


def phone_local() -> str:
    return rng.choice(PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.choice([7, 8])))


def phone_written(local: str) -> str:
    body = local[1:]
    style = rng.randrange(6)
    if style == 0:
        return local
    if style == 1:
        return f"{local[:4]}-{local[4:8]}-{local[8:]}"
    if style == 2:
        return f"{local[:4]} {local[4:8]} {local[8:]}"
    if style == 3:
        return f"+62 {body[:3]}-{body[3:7]}-{body[7:]}"
    if style == 4:
        return "+62" + body
    return f"0{body[:3]}.{body[3:7]}.{body[7:]}"


def contact() -> tuple[str, list[dict]]:
    """One contact line and its identifiers."""
    kind = rng.randrange(7)
    local = phone_local()
    e164 = "+62" + local[1:]
    if kind in (0, 1, 2):
        label = rng.choice(["WA", "Whatsapp", "Hubungi", "Info & order", "Call/SMS/WA", "Kontak",
                            "Fast respon WA", "CP", "Admin"])
        return f"{label}: {phone_written(local)}", [{"kind": "phone", "value": e164}]
    if kind == 3:
        link = "62" + local[1:]
        pre = rng.choice(["https://wa.me/", "wa.me/"])
        return (f"{rng.choice(['Klik', 'Chat langsung', 'Order lewat', 'Link WA'])}: {pre}{link}",
                [{"kind": "url", "value": "https://wa.me/" + link}, {"kind": "phone", "value": e164}])
    if kind == 4:
        h = rng.choice(HANDLES)
        pre = rng.choice(["https://t.me/", "t.me/"])
        return (f"{rng.choice(['Gabung channel', 'Telegram', 'Info update di'])}: {pre}{h}",
                [{"kind": "url", "value": "https://t.me/" + h.lower()}])
    if kind == 5:
        h = rng.choice(HANDLES)
        return (f"WA {phone_written(local)} / tele t.me/{h}",
                [{"kind": "phone", "value": e164}, {"kind": "url", "value": "https://t.me/" + h.lower()}])
    return rng.choice(["Chat via fitur chat aja ya", "DM aja", "Langsung klik beli ya kak",
                       "Japri lewat inbox", "Komen 'minat' nanti admin hubungi"]), []


def nik(female: bool | None = None) -> str:
    if female is None:
        female = rng.random() < 0.5
    day = rng.randint(1, 28) + (40 if female else 0)
    return (f"{rng.choice(PROVINCES):02d}{rng.randint(1, 25):02d}{rng.randint(1, 30):02d}"
            f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}{rng.randint(1, 999):04d}")


def uid(nbytes: int) -> tuple[str, str]:
    data = [0x04] + [rng.randrange(256) for _ in range(nbytes - 1)] if nbytes == 7 else \
        [rng.randrange(16, 256) for _ in range(nbytes)]
    value = "".join(f"{b:02X}" for b in data)
    style = rng.randrange(3)
    if style == 0:
        return value, value
    if style == 1:
        return ":".join(f"{b:02X}" for b in data), value
    return " ".join(f"{b:02X}" for b in data), value


def fill(text: str, ids: list[dict]) -> str:
    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key in ("NIK", "NIKF"):
            v = nik(True if key == "NIKF" else None)
            ids.append({"kind": "nik", "value": v})
            return v
        written, v = uid(4 if key == "UID4" else 7)
        ids.append({"kind": "chip_uid", "value": v})
        return written
    return re.sub(r"\{(NIK|NIKF|UID4|UID7)\}", sub, text)


# ------------------------------------------------------------ non-identifiers
def non_identifier() -> str:
    k = rng.randrange(8)
    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    if k == 0:
        return f"Rek BCA {rng.choice('1234567')}{d(9)} a.n. {rng.choice(['Sri W', 'Agus P', 'Dewi L'])}"
    if k == 1:
        return f"No. resi contoh: {rng.choice(['JP', 'CGK', 'SPXID', 'JX'])}{d(10)}"
    if k == 2:
        return f"No. pesanan: {d(6)}{rng.choice(['QK', 'BF', 'XT'])}{d(6)}"
    if k == 3:
        return f"Barcode: 899{d(10)}"
    if k == 4:
        return f"SKU: {rng.choice(['KTW', 'BRG', 'PRD'])}-{d(4)}-{rng.choice('ABCD')}"
    if k == 5:
        return f"Pakai voucher HEMAT{d(2)} buat potongan ongkir"
    if k == 6:
        return f"INV/2026{d(4)}/MPL/7{d(9)}"
    return f"Jam buka 08.00-17.00, Minggu libur. Gudang: Jl. Raya No. {rng.randint(1, 200)}"


SHOP_LINES = [
    "Pengiriman setiap hari kecuali Minggu.", "Order sebelum jam 15.00 dikirim hari ini.",
    "Bisa COD area tertentu, tanyakan dulu ya.", "Packing aman pakai bubble wrap + kardus.",
    "Pembayaran via transfer bank, e-wallet, atau COD.", "Selamat berbelanja, semoga berkah!",
    "Barang sesuai foto, no tipu-tipu.", "Komplain wajib sertakan video unboxing.",
    "Jam operasional 08.00-20.00 WIB.", "Harga bisa berubah sewaktu-waktu.",
    "Jangan lupa follow toko kami untuk promo.", "Happy shopping kak 🙏",
    "Stok selalu update, langsung checkout aja.", "Kirim pakai JNE, J&T, SiCepat, atau instan.",
    "Tidak menerima retur tanpa konfirmasi.", "Slow respon saat jam ibadah.",
    "Yang PHP mohon maaf langsung skip.", "Terima kasih sudah mampir ke lapak kami.",
    "Ongkir ditanggung pembeli.", "Fast respon, insya Allah amanah.",
]


def shop_lines(n: int) -> str:
    return "\n".join(rng.sample(SHOP_LINES, n))


def tags(title: str) -> str:
    stop = {"dari", "yang", "untuk", "dengan", "buat", "bisa", "jual", "sama", "atau"}
    words = [w.lower() for w in re.findall(r"[A-Za-z]{4,}", title) if w.lower() not in stop][:3]
    return " ".join("#" + w for w in words + rng.sample(["jualan", "olshop", "ready", "murah",
                                                         "cod", "terpercaya", "promo"], 3))


# ------------------------------------------------------------------ evasions
KEY = re.compile(r"(?i)blangkon|blangko|blanko|balngko|e-?ktp|ktp-el|ktp|kosong\w*|polos|blank|chip")
CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "k": "к", "y": "у",
       "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "T": "Т", "B": "В", "H": "Н", "M": "М"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "t": "7", "A": "4", "E": "3", "I": "1", "O": "0", "T": "7"}
EVASIONS = ["dotted", "spaced", "leet", "emoji", "stretched", "cyrillic", "zero-width", "full-width"]


def evade(word: str, how: str) -> str:
    if how == "dotted":
        return ".".join(word)
    if how == "spaced":
        return " ".join(word)
    if how == "leet":
        return "".join(LEET.get(c, c) for c in word)
    if how == "emoji":
        mid = max(1, len(word) // 2)
        return word[:mid] + rng.choice(["🔥", "✨", "💳", "⭐"]) + word[mid:]
    if how == "stretched":
        i = max(i for i, c in enumerate(word) if c.isalpha())
        vowels = [i for i, c in enumerate(word) if c.lower() in "aiueo"]
        j = vowels[-1] if vowels else i
        return word[:j + 1] + word[j] * 3 + word[j + 1:]
    if how == "cyrillic":
        return "".join(CYR.get(c, c) for c in word)
    if how == "zero-width":
        return "\u200b".join(word)
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def apply_evasion(title: str, desc: str, how: str) -> tuple[str, str]:
    target = "title" if KEY.search(title) and rng.random() < 0.6 else "desc"
    text = title if target == "title" else desc
    m = KEY.search(text)
    if not m:
        target, text = ("desc", desc) if target == "title" else ("title", title)
        m = KEY.search(text)
        if not m:
            return title, desc
    text = text[:m.start()] + evade(m.group(0), how) + text[m.end():]
    return (text, desc) if target == "title" else (title, text)


# -------------------------------------------------------------------- shapes
def shopee(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    body = (f"Spesifikasi:\n- Kondisi: {rng.choice(['Baru', 'Bekas'])}\n- Stok: {rng.randint(3, 400)}\n"
            f"- Dikirim dari: {rng.choice(CITIES)}\n\nDeskripsi:\n{d}\n\n"
            f"Varian: {rng.choice(['1 pcs / 5 pcs / 10 pcs', 'Hitam / Putih', 'Satuan / Grosir', 'Standar'])}\n"
            f"Isi paket: {rng.choice(['1 pcs + bubble wrap', 'sesuai varian', '1 unit'])}\n\n"
            f"Catatan:\n{shop_lines(2)}\n" + "\n".join(extra))
    if rng.random() < 0.4:
        body += "\n\nDiskusi:\nT: bisa kirim hari ini?\nJ: bisa kak, order sebelum jam 3 ya."
    return rng.choice(["", "[READY] ", "✅ ", "PROMO "]) + t, body


def tokopedia(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    return t, (f"Kondisi: Baru\nMin. Pemesanan: 1 Buah\nEtalase: {rng.choice(['Semua Produk', 'Terlaris', 'Lainnya'])}\n\n"
               f"{d}\n\n{rng.choice(SHOPS)} - {rng.choice(CITIES)}\n{shop_lines(3)}\n" + "\n".join(extra)
               + "\n\nKebijakan pengembalian: retur maks. 2x24 jam setelah barang diterima.")


def fb_olx(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    greet = rng.choice(["Assalamualaikum, izin share min.", "Permisi admin, numpang jualan.", "Halo semua,", ""])
    return t, (f"{greet}\n{d}\nLokasi: {rng.choice(CITIES)}. {rng.choice(['Harga nego.', 'Nett.', 'Nego tipis.'])}\n"
               + "\n".join(extra)).strip()


def whatsapp(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    return f"*{t.upper()}*", (f"_Broadcast_ 📢\n{d}\n\n*Format order:* Nama # Alamat # Jumlah\n{shop_lines(1)}\n"
                              + "\n".join(extra) + "\n_Abaikan jika tidak berkenan_ 🙏")


def telegram(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    return "📣 " + t, f"{d}\n\n{shop_lines(1)}\n" + "\n".join(extra) + f"\n👁 {rng.randint(80, 9000)} views"


def kaskus(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    return t, (f"Selamat {rng.choice(['pagi', 'siang', 'malam'])} agan sista sekalian,\n\n{d}\n\n"
               + "\n".join(extra) + "\n\nSekian dari ane, jangan lupa cendol 🍻")


def tweet(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    handle = rng.choice(HANDLES).lower()
    text = f"{t} — {d}".replace("\n", " ")
    return f"@{handle} on X", text + ("\n" + extra[0] if extra else "")


def instagram(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    handle = rng.choice(HANDLES).lower()
    return (f"Instagram post by @{handle}",
            f"{t} ✨\n\n{d}\n\n" + "\n".join(extra) + f"\n📩 DM / link di bio\n.\n.\n{tags(t)}")


def spec_table(t: str, d: str, extra: list[str]) -> tuple[str, str]:
    return t, (f"Merek: No Brand | Garansi: {rng.choice(['Tidak ada', '7 hari toko'])} | "
               f"Berat: {rng.randint(50, 900)} g | Asal: {rng.choice(CITIES)}\n\nDeskripsi produk\n{d}\n\n"
               f"Informasi pengiriman\n{shop_lines(2)}\n" + "\n".join(extra))


SHAPES = [shopee, tokopedia, fb_olx, whatsapp, telegram, kaskus, tweet, instagram, spec_table]


def render(core: str, shape, evasion: str | None) -> tuple[str, str, list[dict]]:
    title, desc = core.split(" || ", 1)
    desc = desc.replace("\\n", "\n")
    ids: list[dict] = []
    title, desc = fill(title, ids), fill(desc, ids)
    if evasion:
        title, desc = apply_evasion(title, desc, evasion)
    extra: list[str] = []
    for _ in range(rng.choice([0, 1, 1]) if shape is tweet else rng.choice([0, 1, 1, 2])):
        line, found = contact()
        extra.append(line)
        ids.extend(found)
    if shape is not tweet:
        for _ in range(rng.choice([1, 1, 2])):
            extra.append(non_identifier())
        rng.shuffle(extra)
    title, desc = shape(title, desc, extra)
    unique = []
    for i in ids:
        if i not in unique:
            unique.append(i)
    return title, desc, unique


def written(row: dict, ident: dict) -> bool:
    text = row["title"] + "\n" + row["description"]
    digits = re.sub(r"\D", "", text)
    if ident["kind"] == "phone":
        return ident["value"][3:] in digits
    if ident["kind"] == "nik":
        return ident["value"] in text
    if ident["kind"] == "chip_uid":
        return ident["value"] in re.sub(r"[^0-9A-F]", "", text.upper())
    return ident["value"].split("/")[-1].lower() in text.lower()


def main() -> None:
    rows = []
    for family, label in FAMILIES.items():
        cores = [ln for ln in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
        made = []
        for n, core in enumerate(cores):
            first, second = rng.sample(SHAPES, 2)
            for k, shape in enumerate((first, second)):
                evasion = rng.choice(EVASIONS) if (k == 1 and n % 2 == 1) else None
                title, desc, ids = render(core, shape, evasion)
                made.append({"title": title, "description": desc, "label": label, "identifiers": ids})
        rng.shuffle(made)
        for i, r in enumerate(made, 1):
            row = {"id": f"h10-{family}-{i:04d}", "title": r["title"], "description": r["description"],
                   "label": r["label"], "identifiers": r["identifiers"], "split": "holdout"}
            assert all(written(row, x) for x in row["identifiers"]), row
            rows.append(row)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "rows")


if __name__ == "__main__":
    main()
