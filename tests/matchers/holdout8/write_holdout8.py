"""Write holdout8/holdout.jsonl from the hand-written cores (kept for audit; never re-run after the commit).

Every core of ``listings_<family>.txt`` (``title || description``, ``\\n`` for a line break;
a leading ``~`` marks a post that is no shop listing: a notice, a question, a wanted advert)
is rendered twice, in two different of ten shapes a crawler brings back, with everyday
shop sentences, contacts and deliberate non-identifiers.  The second rendering of every
other core carries one evasion of a key word (the same evasions for offers and hard
negatives).  ``{NIK}`` and ``{UID}`` in a core become a NIK or a chip UID written after
its cue.  Identifiers are labelled by construction, then checked to be written in the text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}

# ---------------------------------------------------------------- identifiers

PREFIXES = ["811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "816",
            "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "832",
            "838", "895", "896", "897", "898", "899", "881", "882", "887", "889"]
PROVINCES = ["11", "12", "13", "14", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
             "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "76", "81", "82", "91", "94"]


def new_phone(rng: random.Random) -> str:
    """National significant number without the leading 0, e.g. 81234567890."""
    return rng.choice(PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.choice([7, 8])))


def write_phone(rng: random.Random, nsn: str) -> str:
    a, b, c = nsn[:3], nsn[3:7], nsn[7:]
    return rng.choice([
        f"0{nsn}", f"0{a}-{b}-{c}", f"0{a} {b} {c}", f"+62 {a}-{b}-{c}", f"+62{nsn}",
        f"62{nsn}", f"(+62) {a} {b} {c}", f"0{a}.{b}.{c}",
    ])


def new_nik(rng: random.Random) -> str:
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    return (rng.choice(PROVINCES) + f"{rng.randint(1, 25):02d}" + f"{rng.randint(1, 20):02d}"
            + f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}" + f"{rng.randint(1, 999):04d}")


def write_nik(rng: random.Random, nik: str) -> str:
    return rng.choice([nik, nik, f"{nik[:6]} {nik[6:12]} {nik[12:]}", f"{nik[:4]}.{nik[4:8]}.{nik[8:12]}.{nik[12:]}"])


def new_uid(rng: random.Random) -> str:
    size = rng.choice([4, 7, 7, 8])
    head = ["04"] if size == 7 else []
    return "".join(head + [f"{rng.randint(0, 255):02X}" for _ in range(size - len(head))])


def write_uid(rng: random.Random, uid: str) -> str:
    pairs = [uid[i:i + 2] for i in range(0, len(uid), 2)]
    cue = rng.choice(["UID:", "UID", "no seri chip:", "UID chip", "nomor chip:", "CSN:"])
    body = rng.choice([":".join(pairs), " ".join(pairs), uid, "-".join(pairs).lower(), uid.lower()])
    return f"{cue} {body}"


def non_identifier(rng: random.Random) -> str:
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    return rng.choice([
        f"Rek BCA {rng.choice('1234579')}{digits(9)} a.n. {rng.choice(NAMES)}",
        f"Transfer ke Mandiri 1{rng.choice('3457')}{digits(11)}",
        f"Resi JNE: JP{digits(10)}",
        f"Resi SPX: SPXID0{digits(11)}",
        f"No. pesanan: 2612{digits(2)}{rng.choice('ABCDEFGHJK')}{rng.choice('LMNPQRSTUV')}{digits(4)}",
        f"EAN 899{digits(10)}",
        f"SKU: {rng.choice(['HLD', 'KRT', 'PVC', 'BRG', 'GDG'])}-{digits(4)}",
        f"Kode voucher: HEMAT{rng.randint(10, 50)}",
        f"IMEI printer 35{digits(13)}",
        f"No. VA 88{digits(14)}",
        f"ID pelanggan PLN 5{digits(11)}",
        f"Invoice INV/2026120{rng.randint(1, 6)}/MPL/{digits(9)}",
    ])


# ---------------------------------------------------------------- everyday sentences

NAMES = ["Rina", "Dedi S", "Toko Berkah", "Mas Joko", "Bu Sri", "Ucok", "Yanti", "Asep", "Fajar", "Lina Store"]
SHOPS = ["BerkahJaya", "SumberRejeki", "MitraCard", "TokoAmanah", "DuniaKartu", "LapakUcok", "IdolaShop",
         "CahayaOlshop", "GrosirMurah", "SinarMas_Official", "KartuKita", "SerbaAda88"]
CITIES = ["Jakarta Barat", "Bekasi", "Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Depok",
          "Tangerang", "Palembang", "Yogyakarta", "Malang", "Pekanbaru", "Padang", "Denpasar", "Bogor"]
SHOP_LINES = [
    "Pengiriman setiap hari Senin-Sabtu, order di atas jam 15.00 dikirim besok.",
    "Bisa COD (bayar di tempat) untuk area tertentu.",
    "Packing aman pakai bubble wrap + kardus, gratis.",
    "Pembayaran via transfer bank, e-wallet, atau COD.",
    "Jam operasional toko 08.00 - 20.00 WIB, Minggu slow respon.",
    "Selamat berbelanja, jangan lupa follow toko kami ya kak 🙏",
    "Barang yang sudah dibeli tidak dapat ditukar kecuali ada perjanjian.",
    "Wajib video unboxing kalau mau komplain.",
    "Foto hanya ilustrasi, barang sesuai deskripsi.",
    "Gratis ongkir dengan voucher toko.",
    "Kirim pakai JNE, J&T, SiCepat, AnterAja, atau Gosend/Grab instan.",
    "Fast respon, chat dulu sebelum order biar gak kehabisan.",
    "Harga bisa nego tipis buat yang serius.",
    "Stok selalu update, langsung checkout aja kak.",
    "Yang PHP mohon maaf, diblok ya.",
    "Terima kasih sudah mampir di lapak kami.",
    "Bisa dropship, nama pengirim bisa diganti.",
    "Resi diinput maksimal 1x24 jam.",
]
SHOP_LINES_EN = ["Ships daily except Sunday.", "Payment by bank transfer only.", "Serious buyers only, no time wasters."]
POST_LINES = [
    "Mohon dibantu share ya teman-teman.",
    "Terima kasih atas perhatiannya.",
    "Semoga bermanfaat.",
    "Makasih sebelumnya 🙏",
    "Info lebih lanjut bisa tanya di kolom komentar.",
    "Mohon maaf kalau salah kamar.",
]
GREETINGS = ["Halo kak!", "Assalamualaikum, selamat pagi.", "Permisi agan-agan,", "Hai sis & bro 👋",
             "Selamat datang di toko kami.", "Met siang semua,", "Sugeng rawuh,"]


def contact(rng: random.Random, shop: str, shop_like: bool = True) -> tuple[str, list[dict]]:
    """One contact line and what it labels."""
    kind = rng.choice(["phone", "phone", "phone", "wa", "wa", "tg", "none"])
    if kind == "none":
        return rng.choice(["Chat via fitur chat aja ya.", "Info lanjut DM.", "Tanya-tanya lewat komentar."]), []
    if kind == "tg":
        handle = shop.lower().replace("_", "") + rng.choice(["", "_id", "store", "official"])
        return (f"{rng.choice(['Telegram:', 'Join channel', 'TG'])} t.me/{rng.choice([handle, handle.capitalize()])}",
                [{"kind": "url", "value": f"https://t.me/{handle}"}])
    nsn = new_phone(rng)
    if kind == "wa":
        cue = ['Order langsung:', 'Klik', 'Chat WA'] if shop_like else ['Info:', 'Hubungi', 'Kabari ke']
        return (f"{rng.choice(cue)} wa.me/62{nsn}",
                [{"kind": "url", "value": f"https://wa.me/62{nsn}"}, {"kind": "phone", "value": f"+62{nsn}"}])
    label = rng.choice(["WA", "wa", "Hub.", "CP", "WhatsApp/Telp", "Kontak", "SMS/WA", "Japri"] if shop_like
                       else ["Info hub.", "Kontak", "WA", "Telp/WA"])
    return f"{label} {write_phone(rng, nsn)}", [{"kind": "phone", "value": f"+62{nsn}"}]


# ---------------------------------------------------------------- evasions

KEYWORDS = ["blangko", "blanko", "balngko", "ktp", "kosong", "kosongan", "polos", "dukcapil", "nik",
            "kk", "chip", "blangkon", "sim"]
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "k": "к", "x": "х", "y": "у",
            "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "T": "Т", "H": "Н", "M": "М", "B": "В"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "A": "4", "E": "3", "I": "1", "O": "0", "s": "5", "S": "5"}
EMOJI = ["🔥", "⭐", "✅", "💳", "📌"]


def evade(word: str, how: str, rng: random.Random) -> str:
    if how == "dotted":
        return ".".join(word)
    if how == "spaced":
        return " ".join(word)
    if how == "leet":
        out = "".join(LEET.get(c, c) for c in word)
        return out if out != word else word[0] + "." + word[1:]
    if how == "emoji":
        cut = max(1, len(word) // 2)
        return word[:cut] + rng.choice(EMOJI) + word[cut:]
    if how == "stretched":
        vowels = [i for i, c in enumerate(word) if c.lower() in "aiueo"]
        i = vowels[-1] if vowels else len(word) - 1
        return word[:i + 1] + word[i] * rng.randint(2, 4) + word[i + 1:]
    if how == "cyrillic":
        out = "".join(CYRILLIC.get(c, c) for c in word)
        return out if out != word else word[0] + "\u200b" + word[1:]
    if how == "zerowidth":
        return "\u200b".join(word)
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)
    raise ValueError(how)


EVASIONS = ["dotted", "spaced", "leet", "emoji", "stretched", "cyrillic", "zerowidth", "fullwidth"]


def apply_evasion(title: str, desc: str, how: str, rng: random.Random) -> tuple[str, str, str | None]:
    present = [k for k in KEYWORDS if re.search(rf"(?<![a-z{{]){k}(?![a-z}}])", f"{title} {desc}", re.I)]
    if not present:
        return title, desc, None
    key = present[0] if rng.random() < 0.6 else rng.choice(present)
    pattern = re.compile(rf"(?<![A-Za-z{{]){key}(?![A-Za-z}}])", re.I)
    sub = lambda text: pattern.sub(lambda m: evade(m.group(0), how, rng), text)  # noqa: E731
    return sub(title), sub(desc), key


# ---------------------------------------------------------------- shapes


def lines_of(desc: str) -> str:
    return desc.replace("\\n", "\n")


def shop_extras(rng: random.Random, shop_like: bool, k: int) -> list[str]:
    pool = SHOP_LINES if shop_like else POST_LINES
    return rng.sample(pool, k=min(k, len(pool)))


def shape_shopee(c: dict, rng: random.Random) -> tuple[str, str]:
    tags = rng.choice(["", "[READY] ", "PROMO ", "⚡ ", "[COD] "]) if c["shop"] else ""
    spec = ["Spesifikasi:", f"- Kondisi: {rng.choice(['Baru', 'Baru (segel)', 'Bekas'])}",
            f"- Berat: {rng.choice([10, 50, 100, 250, 500, 1000])} gram", f"- Dikirim dari: Kota {c['city']}"]
    parts = [rng.choice(GREETINGS), c["desc"], "\n".join(spec)]
    if rng.random() < 0.5:
        parts.append(f"Isi paket:\n- {rng.choice(['1 pcs', '1 set', '1 paket', 'sesuai varian'])} {c['title'].split()[0].lower()}")
    notes = shop_extras(rng, c["shop"], 3)
    parts.append("Catatan:\n" + "\n".join(f"- {n}" for n in notes))
    parts += c["tail"]
    return tags + c["title"], "\n\n".join(parts)


def shape_tokopedia(c: dict, rng: random.Random) -> tuple[str, str]:
    head = [f"Kondisi: {rng.choice(['Baru', 'Baru', 'Bekas'])}", f"Min. Pemesanan: {rng.choice([1, 1, 2, 5])} Buah",
            f"Etalase: {rng.choice(['Semua Etalase', 'Produk Terbaru', 'Promo', 'Lainnya'])}"]
    qa = rng.choice([("Kak, bisa dikirim hari ini?", "Bisa kak, order sebelum jam 14.00 ya."),
                     ("Ready gan?", "Ready gan, silakan diorder."),
                     ("Bisa pakai Gosend?", "Bisa kak, pilih kurir instan."),
                     ("Min ada garansi?", "Garansi tukar kalau barang rusak saat diterima kak.")])
    parts = ["\n".join(head), "Deskripsi Produk", c["desc"], "\n".join(shop_extras(rng, c["shop"], 2))] + c["tail"]
    parts.append(f"Diskusi (1)\n{rng.choice(NAMES)}: {qa[0]}\nPenjual: {qa[1]}")
    return c["title"], "\n\n".join(parts)


def shape_facebook(c: dict, rng: random.Random) -> tuple[str, str]:
    opener = rng.choice(["Dijual", "Lapak malam 🌙", "Numpang jualan min 🙏", "Info", "Bismillah"]) if c["shop"] \
        else rng.choice(["Izin share min", "Mohon info", "Teman-teman", "Info penting"])
    parts = [f"{opener}\n{c['title']}", c["desc"], f"Lokasi: {c['city']}"]
    parts += shop_extras(rng, c["shop"], 1) + c["tail"]
    return c["title"], "\n".join(parts)


def shape_olx(c: dict, rng: random.Random) -> tuple[str, str]:
    parts = [f"Kondisi: {rng.choice(['Baru', 'Bekas', 'Baru'])} | Lokasi: {c['city']}", c["desc"]]
    parts += shop_extras(rng, c["shop"], 1) + c["tail"]
    return c["title"], "\n\n".join(parts)


def shape_whatsapp(c: dict, rng: random.Random) -> tuple[str, str]:
    parts = [rng.choice(["_*Broadcast*_", "*INFO*", "📢 *BC*", "*Open order*"]), c["desc"]]
    parts += [f"• {s}" for s in shop_extras(rng, c["shop"], 2)] + c["tail"]
    parts.append(rng.choice(["_Maaf kalau BC mengganggu_ 🙏", "_Abaikan jika tidak berminat_", "Salam sukses!"]))
    return f"*{c['title'].upper()}*", "\n".join(parts)


def shape_telegram(c: dict, rng: random.Random) -> tuple[str, str]:
    parts = [f"📌 {c['title']}", c["desc"], "\n".join(f"👉 {s}" for s in shop_extras(rng, c["shop"], 2))] + c["tail"]
    parts.append(rng.choice(["🔔 Nyalakan notifikasi channel", "Forward ke yang butuh", "#update"]))
    return c["title"], "\n\n".join(parts)


def shape_kaskus(c: dict, rng: random.Random) -> tuple[str, str]:
    prefix = rng.choice(["[WTS] ", "[Jual] ", "[Lapak] "]) if c["shop"] else rng.choice(["[Ask] ", "[Info] ", ""])
    intro = "Selamat datang di lapak ane gan, monggo dilihat-lihat." if c["shop"] else "Permisi agan sista, numpang thread."
    parts = [intro, c["desc"]]
    if c["shop"]:
        parts.append(f"Pembayaran: {rng.choice(['Rekber Kaskus', 'Transfer', 'COD/Transfer'])}\n"
                     f"Pengiriman: {rng.choice(['JNE', 'J&T', 'POS', 'SiCepat'])} dari {c['city']}")
    parts += c["tail"]
    parts.append(rng.choice(["Cendol dan bata dipersilakan 😁", "Thanks gan sudah mampir", "Sundul gan!"]))
    return prefix + c["title"], "\n\n".join(parts)


def shape_tweet(c: dict, rng: random.Random) -> tuple[str, str]:
    body = c["desc"].replace("\n", " ")
    tail = " ".join(c["tail"])
    tag = rng.choice(["", " #zonajajan", " #racuntwitter", " #tanyarl", " #jualan"])
    return f"{c['shop_name']} (@{c['shop_name'].lower()})", f"{c['title']} — {body} {tail}{tag}".strip()


def shape_instagram(c: dict, rng: random.Random) -> tuple[str, str]:
    words = [w.lower().strip("()[]!?,:;\"'") for w in c["title"].split()]
    tags = ["#" + w for w in words if len(w) >= 3 and re.fullmatch(r"[a-z0-9]+", w)][:4]
    tags += rng.sample(["#olshop", "#jualanonline", "#olshopindonesia", "#ready", "#trustedseller", "#infojakarta"], 2)
    parts = [f"✨ {c['title']} ✨", c["desc"], ".\n.\n" + "\n".join(shop_extras(rng, c["shop"], 1))] + c["tail"]
    parts.append(" ".join(tags))
    return f"@{c['shop_name'].lower()}", "\n".join(parts)


def shape_lazada(c: dict, rng: random.Random) -> tuple[str, str]:
    table = ["Spesifikasi Produk", f"Merek: {rng.choice(['No Brand', 'OEM', c['shop_name']])}",
             f"SKU Penjual: {rng.choice(['A', 'B', 'K'])}{rng.randint(100, 999)}-{rng.randint(10, 99)}",
             f"Berat paket (kg): {rng.choice(['0.05', '0.1', '0.25', '1'])}", f"Garansi: {rng.choice(['Tanpa garansi', '7 hari toko'])}"]
    parts = ["\n".join(table), "Deskripsi:\n" + c["desc"], "Dalam kotak: 1 x sesuai deskripsi"]
    parts += shop_extras(rng, c["shop"], 2) + c["tail"]
    return c["title"], "\n\n".join(parts)


SHAPES = [shape_shopee, shape_tokopedia, shape_facebook, shape_olx, shape_whatsapp, shape_telegram,
          shape_kaskus, shape_tweet, shape_instagram, shape_lazada]
#: the shapes a post that is no shop listing (a notice, a question, a wanted advert) comes back in
POST_SHAPES = [shape_facebook, shape_whatsapp, shape_telegram, shape_kaskus, shape_tweet, shape_instagram]


# ---------------------------------------------------------------- rows


def fill(text: str, rng: random.Random, ids: list[dict]) -> str:
    def nik(_: re.Match) -> str:
        value = new_nik(rng)
        ids.append({"kind": "nik", "value": value})
        return f"{rng.choice(['NIK', 'NIK:', 'nik'])} {write_nik(rng, value)}"

    def uid(_: re.Match) -> str:
        value = new_uid(rng)
        ids.append({"kind": "chip_uid", "value": value})
        return write_uid(rng, value)

    return re.sub(r"\{UID\}", uid, re.sub(r"\{NIK\}", nik, text))


def written(row: dict, ident: dict) -> bool:
    text = f"{row['title']}\n{row['description']}"
    digits = re.sub(r"\D", "", text)
    value = ident["value"]
    if ident["kind"] in ("phone", "nik"):
        return re.sub(r"\D", "", value.replace("+62", "")) in digits
    if ident["kind"] == "chip_uid":
        return value in re.sub(r"[^0-9A-F]", "", text.upper())
    return value.split("//", 1)[1] in text.lower()


def render(family: str, index: int, line: str, evasion: str | None) -> list[dict]:
    shop_like = not line.startswith("~")
    title, desc = (part.strip() for part in line.lstrip("~").split("||", 1))
    rng = random.Random(f"h8-{family}-{index}")
    shapes = rng.sample(SHAPES if shop_like else POST_SHAPES, 2)
    rows = []
    for r, shape in enumerate(shapes):
        ids: list[dict] = []
        t, d = title, lines_of(desc)
        if r == 1 and evasion:
            t, d, _ = apply_evasion(t, d, evasion, rng)
        t, d = fill(t, rng, ids), fill(d, rng, ids)
        shop_name = rng.choice(SHOPS)
        tail: list[str] = []
        if rng.random() < (0.8 if shop_like else 0.45):
            line_c, got = contact(rng, shop_name, shop_like)
            tail.append(line_c)
            ids += got
        if rng.random() < 0.3 and shop_like:
            line_c, got = contact(rng, shop_name)
            if got and got[-1] not in ids:
                tail.append(line_c)
                ids += got
        if rng.random() < (0.6 if shop_like else 0.2):
            tail.append(non_identifier(rng))
        if rng.random() < 0.1 and shop_like:
            tail.append(rng.choice(SHOP_LINES_EN))
        c = {"title": t, "desc": d, "tail": tail, "shop": shop_like, "city": rng.choice(CITIES), "shop_name": shop_name}
        out_t, out_d = shape(c, rng)
        row = {"id": f"h8-{family}-{2 * index + r + 1:04d}", "title": out_t, "description": out_d,
               "label": FAMILIES[family], "identifiers": ids, "split": "holdout"}
        missing = [i for i in ids if not written(row, i)]
        assert not missing, (row["id"], missing)
        rows.append(row)
    return rows


def main() -> None:
    rows = []
    for family in FAMILIES:
        cores = [ln for ln in (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
        evaded = 0
        for i, core in enumerate(cores):
            how = None
            if i % 2 == 1:
                how = EVASIONS[evaded % len(EVASIONS)]
                evaded += 1
            rows += render(family, i, core, how)
    with (HERE / "holdout.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
