"""Render the hand-written cores of holdout14 into holdout.jsonl (run once, before the commit; never again).

Each core (``title || description``, ``\\n`` for a line break) is written out twice, in two
different shapes a crawler brings back, with everyday shop sentences, contacts and
non-identifiers; every other core's second rendering carries one evasion of a key word.
Identifiers are built here and labelled only when their digits / hex / handle are in the text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = ("blank", "related", "hardneg", "ordinary")
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
RNG = random.Random(140714)

# ---------------------------------------------------------------- identifiers
PREFIXES = ["811", "812", "813", "821", "822", "823", "852", "853", "851", "855", "856", "857",
            "858", "877", "878", "817", "818", "819", "859", "895", "896", "897", "898", "881", "882"]
PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34",
             "35", "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74",
             "75", "76", "81", "82", "91", "92", "94"]
TG_HANDLES = ["lapakkartu_id", "InfoStokGudang", "grupjualbeli_jkt", "KartuMurahNusantara", "admin_cetakcepat",
              "BursaKaskusan", "warung_digital88", "OlshopSerba", "JualBeliBandung", "PasarMalamOnline",
              "RakyatDagang", "TokoPakEko", "dagangan_mbak_sri", "sumatera_market", "GudangDiskonID"]


def new_phone() -> tuple[str, str]:
    """(text, E.164) for a fresh Indonesian mobile number."""
    rest = RNG.choice(PREFIXES) + "".join(RNG.choice("0123456789") for _ in range(RNG.choice((7, 8))))
    e164 = "+62" + rest
    style = RNG.randrange(6)
    if style == 0:
        text = "0" + rest
    elif style == 1:
        text = f"0{rest[:3]}-{rest[3:7]}-{rest[7:]}"
    elif style == 2:
        text = f"0{rest[:3]} {rest[3:7]} {rest[7:]}"
    elif style == 3:
        text = f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"
    elif style == 4:
        text = "62" + rest
    else:
        text = f"(+62) {rest[:3]} {rest[3:]}"
    return text, e164


def new_nik() -> str:
    day = RNG.randint(1, 28) + (40 if RNG.random() < 0.5 else 0)
    return (RNG.choice(PROVINCES) + f"{RNG.randint(1, 25):02d}" + f"{RNG.randint(1, 20):02d}"
            + f"{day:02d}{RNG.randint(1, 12):02d}{RNG.randint(60, 99) if RNG.random() < 0.7 else RNG.randint(0, 6):02d}"
            + f"{RNG.randint(1, 350):04d}")


def new_uid() -> tuple[str, str]:
    n = RNG.choice((4, 7, 7, 8))
    raw = [RNG.randrange(256) for _ in range(n)]
    if n == 7:
        raw[0] = 0x04
    if n == 4:
        raw[0] = RNG.choice((0x1A, 0x5C, 0x9E, 0xB3, 0xD4))
    hexes = [f"{b:02X}" for b in raw]
    style = RNG.randrange(3)
    text = ":".join(hexes) if style == 0 else " ".join(hexes) if style == 1 else "".join(hexes)
    return text, "".join(hexes)


def digits(n: int, first: str = "123457") -> str:
    return RNG.choice(first) + "".join(RNG.choice("0123456789") for _ in range(n - 1))


def non_identifier() -> str:
    kind = RNG.randrange(9)
    if kind == 0:
        return f"Rek BCA {digits(10)} a.n. {RNG.choice(['Siti Aminah', 'Budi Santoso', 'CV Maju Jaya', 'Dedi K'])}"
    if kind == 1:
        return f"Resi kemarin: JP{digits(10)} (J&T)"
    if kind == 2:
        return f"No. pesanan {RNG.choice(['2312', '2411', '2512', '2612'])}{RNG.randint(10, 28)}{''.join(RNG.choice('ABCDEFGHJKMNPQRSTUVWXYZ23456789') for _ in range(8))}"
    if kind == 3:
        return f"SKU: {RNG.choice(['KRT', 'ACC', 'GEN', 'HLD'])}-{RNG.randint(100, 9999)}"
    if kind == 4:
        return f"Barcode/EAN 899{digits(10, '0123456789')}"
    if kind == 5:
        return f"Kode voucher {RNG.choice(['HEMAT', 'GAJIAN', 'PAYDAY', 'TOKOBARU'])}{RNG.randint(10, 99)}"
    if kind == 6:
        return f"Mandiri {digits(3, '1')}-00-{digits(7)}-{RNG.randint(1, 9)} (transfer)"
    if kind == 7 and RNG.random() < 0.5:
        return f"ID pelanggan PLN {digits(12)}"
    if kind == 7:
        return f"Invoice INV/2026/{RNG.randint(10, 12)}/{digits(6)}"
    return f"Jam buka 08.00-{RNG.choice(['16.00', '17.00', '21.00'])}, {RNG.choice(['Senin-Sabtu', 'setiap hari'])}"


# ---------------------------------------------------------------- chatter
GREETINGS = ["Selamat datang di toko kami 🙏", "Halo kak, happy shopping!", "Assalamualaikum, selamat berbelanja.",
             "Hai bestie ✨", "Sugeng rawuh, monggo dipun pirsani.", "Wilujeng sumping di lapak kami.",
             "Halo agan-sista semua", "Met pagi semuanya"]
SHOP_LINES = [
    "Pengiriman setiap hari kecuali Minggu dan tanggal merah.",
    "Order sebelum jam 15.00 dikirim hari yang sama.",
    "Bisa COD, cek ongkir dulu sebelum checkout.",
    "Packing aman pakai bubble wrap + kardus, gratis.",
    "Pembayaran via transfer, QRIS, atau e-wallet.",
    "Komplain wajib video unboxing tanpa putus ya kak.",
    "Jangan lupa follow toko untuk info promo.",
    "Fast respon jam kerja, di luar itu slow ya.",
    "Barang sesuai foto, real pict.",
    "Harga sudah termasuk PPN.",
    "Yang PHP mohon maaf langsung kami blok.",
    "Stok selalu update, langsung checkout saja.",
    "Kasih bintang 5 ya kak kalau puas 🙏",
    "Pengiriman pakai JNE, J&T, SiCepat, AnterAja.",
    "Toko tutup tiap Jumat siang jam 11-13.",
    "Reseller dan dropshipper welcome.",
    "Barang yang sudah dibeli tidak dapat ditukar kecuali cacat produksi.",
    "Bisa kirim ke luar pulau, ongkir menyesuaikan.",
    "Mohon cantumkan catatan warna/varian saat order.",
    "Terima kasih sudah mampir, semoga berkah.",
    "Gojek/Grab instan area kota, order sebelum jam 5 sore.",
    "Nego tipis aja ya, harga sudah mepet.",
]
DISCLAIMERS = ["Foto hanya ilustrasi.", "Warna bisa sedikit beda karena cahaya.",
               "Harga bisa berubah sewaktu-waktu.", "Toko tidak bertanggung jawab atas kesalahan alamat."]
IG_TAGS = ["#olshop", "#jualanonline", "#readystok", "#murah", "#cod", "#promo", "#shopeeid", "#tokopedia",
           "#jakartaolshop", "#surabayaolshop", "#bandungjualbeli", "#trustedseller", "#fyp"]
SELLERS = ["Sumber Rejeki Store", "Kartu Jaya Abadi", "Toko Berkah 88", "Lapak Mas Bro", "Mbak Yuni Shop",
           "Grosir Kita", "Maju Mundur Cantik", "Toko Pojok", "Andalas Mart", "Cahaya Official"]
NAMES = ["Rudi", "Wati", "Bang Ucok", "Teh Neng", "Mas Joko", "Uda Rizal", "Cici Lina", "Bli Made", "Om Hendra", "Dewi"]


def chatter(k: int) -> list[str]:
    return RNG.sample(SHOP_LINES, k)


def contact_line(ids: list[dict], mode: str | None = None) -> str:
    mode = mode or RNG.choice(("hp", "hp", "wa", "tg", "none"))
    if mode == "none":
        return RNG.choice(["Chat via fitur chat aja ya kak.", "Hubungi lewat DM.", "Info lanjut klik tombol chat."])
    return fill("{" + mode.upper() + "}", ids)


def fill(text: str, ids: list[dict]) -> str:
    """Replace placeholders; record every identifier written."""
    def one(m: re.Match) -> str:
        key = m.group(1)
        if key == "HP":
            t, e = new_phone()
            ids.append({"kind": "phone", "value": e})
            return RNG.choice(["WA ", "wa: ", "Hp/WA ", "CP ", "telp ", "hub. ", ""]) + t
        if key == "WA":
            t, e = new_phone()
            link = "wa.me/" + e[1:]
            ids.append({"kind": "url", "value": "https://" + link})
            ids.append({"kind": "phone", "value": e})
            return RNG.choice(["", "https://", "klik "]) + link
        if key == "TG":
            h = RNG.choice(TG_HANDLES)
            ids.append({"kind": "url", "value": "https://t.me/" + h.lower()})
            return RNG.choice(["gabung t.me/", "Telegram: t.me/", "https://t.me/"]) + h
        if key == "NIK":
            n = new_nik()
            ids.append({"kind": "nik", "value": n})
            return n
        if key == "UID":
            t, v = new_uid()
            ids.append({"kind": "chip_uid", "value": v})
            return t
        if key == "REK":
            return f"BCA {digits(10)}"
        if key == "IMEI":
            return "35" + digits(13, "0123456789")
        raise KeyError(key)
    return re.sub(r"\{([A-Z]+)\}", one, text)


# ---------------------------------------------------------------- evasions
KEY_WORDS = ["blangko", "blanko", "bahan ktp", "ktp-el", "e-ktp", "ekatepe", "ktp", "kosongan", "kosong",
             "dukcapil", "polos", "chip", "akta", "paspor", "npwp", "nik", "stempel", "hologram", "blangkon",
             "kartu"]
CYR = {"a": "а", "o": "о", "e": "е", "p": "р", "c": "с", "x": "х", "k": "к", "A": "А", "O": "О", "E": "Е",
       "P": "Р", "C": "С", "K": "К", "T": "Т", "B": "В", "H": "Н", "M": "М"}
LEET = {"a": "4", "o": "0", "e": "3", "i": "1", "A": "4", "O": "0", "E": "3", "I": "1", "k": "k", "g": "9"}
EMOJI = ["🔥", "✅", "💳", "⭐", "👉"]


def evade(word: str, how: int) -> str:
    if how == 0:
        return ".".join(word)
    if how == 1:
        return " ".join(word)
    if how == 2:
        return "".join(LEET.get(c, c) for c in word)
    if how == 3:
        mid = max(1, len(word) // 2)
        return word[:mid] + RNG.choice(EMOJI) + word[mid:]
    if how == 4:
        for i, c in enumerate(word):
            if c.lower() in "aeiou":
                return word[:i] + c * RNG.randint(3, 5) + word[i + 1:]
        return word + word[-1] * 3
    if how == 5:
        return "".join(CYR.get(c, c) for c in word)
    if how == 6:
        return "\u200b".join(word)
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def with_evasion(title: str, desc: str, how: int) -> tuple[str, str]:
    for kw in KEY_WORDS:
        for field in ("title", "desc"):
            text = title if field == "title" else desc
            m = re.search(r"(?<![A-Za-z{])" + re.escape(kw) + r"(?![A-Z}])", text, re.IGNORECASE)
            if m:
                i = m.start()
                new = text[:i] + evade(text[i:i + len(kw)], how) + text[i + len(kw):]
                return (new, desc) if field == "title" else (title, new)
    m = re.search(r"[A-Za-z]{5,}", title)
    if m:
        return title[:m.start()] + evade(m.group(0), how) + title[m.end():], desc
    return title, desc


# ---------------------------------------------------------------- shapes
def shopee(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    lines = [RNG.choice(GREETINGS), "", d, "", "Spesifikasi:",
             f"- Kondisi: {RNG.choice(['Baru', 'Baru', 'Bekas'])}", f"- Stok: {RNG.randint(3, 400)}",
             f"- Dikirim dari: {RNG.choice(['Jakarta Barat', 'Kota Bandung', 'Surabaya', 'Kab. Sidoarjo', 'Medan'])}",
             "", "Catatan:", *chatter(2), non_identifier(), contact_line(ids, RNG.choice(("none", "hp")))]
    return t, "\n".join(lines)


def tokopedia(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    lines = [d, "", "Isi paket: sesuai deskripsi", f"Berat: {RNG.randint(50, 2000)} g",
             "", "Diskusi (1)", f"{RNG.choice(NAMES)}: ready kak?", "Penjual: ready kak, silakan diorder.",
             "", *chatter(2), RNG.choice(DISCLAIMERS), non_identifier()]
    return f"{t} - {RNG.choice(SELLERS)}" if RNG.random() < 0.4 else t, "\n".join(lines)


def facebook(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    body = f"{t}\n\n{d}\n\n{RNG.choice(SHOP_LINES)}\n{contact_line(ids, RNG.choice(('hp', 'wa')))}\nLokasi: {RNG.choice(['Bekasi Timur', 'Cimahi', 'Sleman', 'Palembang', 'Makassar', 'Pekanbaru'])}"
    return RNG.choice(["Postingan di Grup Jual Beli", t, f"{RNG.choice(NAMES)} di Marketplace"]), body


def olx(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    body = (f"{d}\n\nKondisi: {RNG.choice(['Baru', 'Bekas'])}\nHarga: {RNG.choice(['nego', 'Rp ' + str(RNG.randint(2, 90)) + '0.000', 'chat'])}\n"
            f"{contact_line(ids)}\n{non_identifier()}")
    return t, body


def whatsapp(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    body = (f"*{t.upper()}*\n\n{d}\n\n_{RNG.choice(SHOP_LINES)}_\nOrder: {contact_line(ids, RNG.choice(('hp', 'wa')))}\n"
            f"~ {RNG.choice(SELLERS)} ~")
    return RNG.choice(["Pesan siaran", "Broadcast", t]), body


def telegram(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    body = f"📌 {t}\n\n{d}\n\n{RNG.choice(SHOP_LINES)}\n{contact_line(ids, RNG.choice(('tg', 'hp', 'none')))}\n👁 {RNG.randint(120, 9000)}"
    return RNG.choice([t, f"Channel {RNG.choice(SELLERS)}"]), body


def kaskus(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    body = (f"Permisi agan-aganwati semua, ane mau posting ya.\n\n{d}\n\n{RNG.choice(SHOP_LINES)}\n"
            f"Rekber: {RNG.choice(['bisa', 'wajib', 'tidak'])}\n{contact_line(ids)}\n\nCendol dan bata silakan. Salam.")
    return f"[{RNG.choice(['WTS', 'Info', 'Tanya', 'Share'])}] {t}" if RNG.random() < 0.5 else t, body


def tweet(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    text = f"{t}. {d}".replace("\n", " ")
    if RNG.random() < 0.5:
        text += " " + contact_line(ids, RNG.choice(("hp", "tg", "none")))
    return f"@{RNG.choice(['akunjualan', 'lapak_ku', 'infowarga', 'si_dewi', 'ucok_ttb', 'tokoeko'])} di X", text


def instagram(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    body = f"{t} ✨\n\n{d}\n\n{RNG.choice(SHOP_LINES)}\n{contact_line(ids, RNG.choice(('wa', 'hp', 'none')))}\n\n" + " ".join(RNG.sample(IG_TAGS, 5))
    return f"Postingan Instagram oleh {RNG.choice(['@', '@olshop.'])}{RNG.choice(['kartu', 'serba', 'murah', 'dapur', 'sis'])}{RNG.randint(1, 99)}", body


def lazada(t: str, d: str, ids: list[dict]) -> tuple[str, str]:
    lines = [d, "", "Spesifikasi Produk", f"Merek | {RNG.choice(['No Brand', 'OEM', 'Generic'])}",
             f"SKU | {RNG.choice(['GEN', 'ACC'])}{RNG.randint(1000, 99999)}", f"Garansi | {RNG.choice(['Tidak ada', '7 hari toko'])}",
             f"Berat | {RNG.randint(1, 9)}00 g", "", RNG.choice(DISCLAIMERS), RNG.choice(SHOP_LINES)]
    return t, "\n".join(lines)


SHAPES = [shopee, tokopedia, facebook, olx, whatsapp, telegram, kaskus, tweet, instagram, lazada]


# ---------------------------------------------------------------- checks
def written(ident: dict, text: str) -> bool:
    kind, value = ident["kind"], ident["value"]
    if kind == "phone":
        return value[3:] in re.sub(r"\D", "", text)
    if kind == "url":
        return value.split("://", 1)[1].lower() in text.lower()
    if kind == "nik":
        return value in re.sub(r"\D", "", text)
    return value in re.sub(r"[^0-9A-F]", "", text.upper())


def read_cores(family: str) -> list[tuple[str, str]]:
    cores = []
    for line in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            title, desc = line.split(" || ", 1)
            cores.append((title.strip(), desc.strip().replace("\\n", "\n")))
    return cores


def main() -> None:
    rows = []
    seen = set()
    evasion_no = 0
    for family in FAMILIES:
        for n, (title, desc) in enumerate(read_cores(family)):
            shapes = RNG.sample(SHAPES, 2)
            for copy, shape in enumerate(shapes):
                t, d = title, desc
                if copy == 1 and n % 2 == 1:
                    t, d = with_evasion(t, d, evasion_no % 8)
                    evasion_no += 1
                ids: list[dict] = []
                t = fill(t, ids)
                d = fill(d, ids)
                if family in ("blank", "hardneg") and "chip" in (title + desc).lower() and RNG.random() < 0.25:
                    d += "\n" + fill(RNG.choice(["Contoh UID chip: {UID}", "no seri chip {UID}", "UID {UID} (dari foto sampel)"]), ids)
                t, d = shape(t, d, ids)
                text = t + "\n" + d
                unique = []
                for ident in ids:
                    assert written(ident, text), (ident, text)
                    if ident not in unique:
                        unique.append(ident)
                assert (t, d) not in seen
                seen.add((t, d))
                rows.append({"id": f"h14-{family}-{len([r for r in rows if r['id'].split('-')[1] == family]) + 1:04d}",
                             "title": t, "description": d, "label": LABEL[family],
                             "identifiers": unique, "split": "holdout"})
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
