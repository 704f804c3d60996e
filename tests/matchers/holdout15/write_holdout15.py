"""Write holdout15/holdout.jsonl from the hand-written cores (kept for audit; never re-run after the commit).

Every core of ``listings_<family>.txt`` (``title || description``) is rendered twice, in two
different shapes a crawler brings back, with shop chatter, contacts and deliberate
non-identifiers; every other core's second rendering carries one evasion of a key word.
Identifiers are built here and labelled by construction, then checked against the text.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
FAMILIES = ("blank", "related", "hardneg", "ordinary")
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}
rng = random.Random(15_2026_12_07)

# --- identifiers -----------------------------------------------------------------------------

MOBILE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0856",
                   "0815", "0817", "0818", "0819", "0859", "0877", "0878", "0896", "0895", "0898",
                   "0881", "0882", "0838", "0831")
PROVINCES = (11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63,
             64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 94)


def phone_local() -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))


def phone_written(local: str) -> str:
    rest = local[1:]
    style = rng.randrange(5)
    if style == 0:
        return f"{local[:4]}-{local[4:8]}-{local[8:]}"
    if style == 1:
        return f"{local[:4]} {local[4:8]} {local[8:]}"
    if style == 2:
        return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"
    if style == 3:
        return "62" + rest
    return local


def nik() -> str:
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    return (f"{rng.choice(PROVINCES):02d}{rng.randint(1, 30):02d}{rng.randint(1, 25):02d}"
            f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}{rng.randint(1, 999):04d}")


def uid() -> tuple[str, str]:
    """(written, value) of a 4-, 7- or 8-byte chip UID."""
    size = rng.choice((4, 7, 7, 8))
    data = [0x04] + [rng.randrange(256) for _ in range(size - 1)] if size == 7 else [rng.randrange(256) for _ in range(size)]
    value = "".join(f"{b:02X}" for b in data)
    style = rng.randrange(3)
    if style == 0:
        written = ":".join(f"{b:02X}" for b in data)
    elif style == 1:
        written = " ".join(f"{b:02X}" for b in data)
    else:
        written = value
    return written, value


HANDLE_PARTS = ("toko", "lapak", "grosir", "sumber", "jaya", "makmur", "berkah", "amanah", "official",
                "store", "shop", "mandiri", "sentosa", "abadi", "rejeki", "barokah", "murah", "id")


def handle() -> str:
    words = rng.sample(HANDLE_PARTS, 2)
    return "".join(w.capitalize() if rng.random() < 0.5 else w for w in words) + (
        str(rng.randint(1, 99)) if rng.random() < 0.4 else "")


def contact_lines(ids: list[dict]) -> list[str]:
    lines = []
    for _ in range(rng.choice((0, 1, 1, 1, 2))):
        kind = rng.randrange(5)
        if kind <= 1:
            local = phone_local()
            lab = rng.choice(("WA", "Hub", "Telp/WA", "CP", "Admin", "Info & order", "Call/WA"))
            lines.append(f"{lab}: {phone_written(local)}")
            ids.append({"kind": "phone", "value": "+62" + local[1:]})
        elif kind == 2:
            local = phone_local()
            url = "https://wa.me/62" + local[1:]
            lines.append(rng.choice(("Chat admin: ", "Order klik ", "WA langsung: ")) + (
                url if rng.random() < 0.7 else url.removeprefix("https://")))
            ids.append({"kind": "url", "value": url})
            ids.append({"kind": "phone", "value": "+62" + local[1:]})
        elif kind == 3:
            h = handle()
            written = "t.me/" + h
            lines.append(rng.choice(("Join channel ", "Telegram: ", "Info lengkap di ")) + (
                "https://" + written if rng.random() < 0.5 else written))
            ids.append({"kind": "url", "value": "https://t.me/" + h.lower()})
        else:
            lines.append(rng.choice(("IG: @", "Follow IG @", "Tiktok @")) + handle().lower())
    return lines


def digits(n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def non_identifiers(family: str) -> list[str]:
    """Numbers a listing carries that no investigator wants: never labelled."""
    pool = [
        lambda: f"Rek BCA {digits(10, '2345679')} a.n. {rng.choice(('Toko', 'CV', 'Sdr'))} {handle()}",
        lambda: f"Transfer ke BRI {digits(4, '0')}-01-{digits(6)}-{digits(2)}-{digits(1)}",
        lambda: f"No. resi contoh: JP{digits(10, '1234567')}",
        lambda: f"No. pesanan {rng.randint(23, 25)}{rng.randint(10, 12)}{rng.randint(10, 28)}"
                + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8)),
        lambda: f"SKU: {rng.choice(('KTP', 'ATK', 'CRD', 'HLD', 'GEN'))}-{digits(4)}-{rng.choice('ABCDX')}",
        lambda: f"Barcode {'899' + digits(10, '0123456789')}",
        lambda: f"Kode voucher {rng.choice(('HEMAT', 'ONGKIR', 'PAYDAY', 'GAJIAN'))}{rng.randint(5, 50)}",
        lambda: f"Jam operasional {rng.randint(7, 9):02d}.00-{rng.randint(16, 21):02d}.00 WIB",
        lambda: f"ID pelanggan PLN {digits(12, '1345')}",
        lambda: f"No. pesanan {nik()}",
        lambda: f"Berat {rng.randint(20, 900)} gram, dimensi {rng.randint(5, 30)}x{rng.randint(5, 30)}x{rng.randint(1, 9)} cm",
    ]
    if family == "ordinary":
        pool.append(lambda: f"IMEI 35{digits(13, '0123456789')}")
    return [rng.choice(pool)() for _ in range(rng.choice((0, 1, 1, 2)))]


# --- shop chatter ----------------------------------------------------------------------------

CHATTER = (
    "Pengiriman setiap hari kecuali Minggu dan tanggal merah.",
    "Order sebelum jam 15.00 dikirim hari yang sama.",
    "Bisa COD area tertentu, tanyakan dulu ya.",
    "Packing aman pakai bubble wrap dan kardus.",
    "Pembayaran via transfer bank atau e-wallet.",
    "Selamat datang di toko kami, selamat berbelanja!",
    "Jangan lupa follow toko untuk info promo.",
    "Komplain wajib sertakan video unboxing.",
    "Barang yang sudah dibeli tidak dapat dikembalikan.",
    "Fast respon jam kerja, di luar jam kerja slow respon.",
    "Mohon baca deskripsi sampai habis sebelum bertanya.",
    "Terima kasih sudah mampir, semoga berkah.",
    "Toko buka Senin-Sabtu 08.00-17.00.",
    "Ongkir menyesuaikan lokasi pembeli.",
    "Harap cantumkan catatan di kolom pesanan.",
    "Kirim via JNE, J&T, SiCepat, AnterAja.",
    "Stok bisa berubah sewaktu-waktu, chat dulu sebelum order.",
    "Mohon maaf apabila balasan chat agak lama.",
    "Bintang 5 dari kakak sangat berarti buat kami.",
    "Gambar hanya ilustrasi, warna bisa sedikit berbeda.",
)
GREETINGS = ("Assalamualaikum kak", "Halo semuanya", "Permisi numpang lewat", "Selamat pagi gaes",
             "Sugeng enjing sedulur", "Punten akang teteh", "Halo guys", "Misi min, izin share")
CITIES = ("Jakarta Timur", "Bekasi", "Bandung", "Surabaya", "Semarang", "Medan", "Makassar", "Palembang",
          "Yogyakarta", "Malang", "Padang", "Depok", "Tangerang", "Bogor", "Denpasar", "Pontianak")
SHOP_NAMES = ("Sinar Abadi Store", "Toko Berkah Jaya", "Grosir Murah 88", "Lapak Mandiri", "Sumber Rejeki Shop",
              "Amanah Official", "Cahaya ATK", "Maju Terus Store", "Barokah Olshop", "Toko Serba Ada 27")
QA = (("Kak bisa kirim hari ini?", "Bisa kak, sebelum jam 3 ya."),
      ("Ready kak?", "Silakan langsung diorder kak, stok sesuai etalase."),
      ("Bisa COD?", "Tergantung ekspedisi di daerah kakak."),
      ("Kak kok harganya beda sama toko sebelah?", "Kualitas kami jamin kak."))
TAGS = ("#jualanonline", "#olshopindonesia", "#promo", "#murah", "#terpercaya", "#amanah", "#fyp",
        "#belanjaonline", "#ready", "#cod")


def chatter(k: int) -> list[str]:
    return rng.sample(CHATTER, k)


# --- evasions ----------------------------------------------------------------------------------

KEY = re.compile(r"(?<![{\w])(e-KTP|KTP-el|blangkon|blangko|blanko|balngko|KTP|Dukcapil|chip|NIK|SIM|akta|"
                 r"paspor|stempel|hologram|holder|kartu|data|rekening|identitas)(?![}\w])", re.IGNORECASE)
#: the key words in the order an evasion looks for them (the blank's own words first)
KEY_ORDER = ("e-KTP", "KTP-el", "blangkon", "blangko", "blanko", "balngko", "KTP", "Dukcapil", "chip", "NIK",
             "SIM", "akta", "paspor", "stempel", "hologram", "holder", "kartu", "data", "rekening", "identitas")


def key_match(text: str):
    """The first occurrence of the most telling key word in ``text``."""
    for word in KEY_ORDER:
        m = re.search(r"(?<![{\w])" + re.escape(word) + r"(?![}\w])", text, re.IGNORECASE)
        if m:
            return m
    return None
CYR = str.maketrans({"a": "а", "o": "о", "e": "е", "p": "р", "c": "с", "x": "х", "K": "К", "T": "Т",
                     "P": "Р", "A": "А", "B": "В", "E": "Е", "O": "О", "H": "Н", "M": "М", "C": "С",
                     "i": "і", "I": "І", "k": "к"})
LEET = str.maketrans({"a": "4", "o": "0", "e": "3", "i": "1", "A": "4", "O": "0", "E": "3", "I": "1"})


def _dotted(w: str) -> str:
    return ".".join(w)


def _spaced(w: str) -> str:
    return " ".join(w)


def _leet(w: str) -> str:
    out = w.translate(LEET)
    return out if out != w else w.replace("T", "7").replace("t", "7")


def _emoji(w: str) -> str:
    mid = len(w) // 2
    return w[:mid] + rng.choice("🔥✨📌💯") + w[mid:]


def _stretch(w: str) -> str:
    for i, c in enumerate(w):
        if c.lower() in "aeiou":
            return w[:i] + c * 4 + w[i + 1:]
    return w + w[-1] * 3


def _cyrillic(w: str) -> str:
    return w.translate(CYR)


def _zero_width(w: str) -> str:
    return "\u200b".join(w)


def _full_width(w: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w)


EVASIONS = (_dotted, _spaced, _leet, _emoji, _stretch, _cyrillic, _zero_width, _full_width)


def evade(title: str, desc: str, how) -> tuple[str, str]:
    for field in ("title", "desc"):
        text = title if field == "title" else desc
        m = key_match(text)
        if m is None and field == "title":
            continue
        if m is None:
            m = re.search(r"(?<![{\w])[A-Za-z]{5,}(?![}\w])", title)
            if m is None:
                return title, desc
            return title[:m.start()] + how(m.group()) + title[m.end():], desc
        new = text[:m.start()] + how(m.group()) + text[m.end():]
        return (new, desc) if field == "title" else (title, new)
    return title, desc


# --- shapes ------------------------------------------------------------------------------------

def shopee(t, d, extra):
    shop = rng.choice(SHOP_NAMES)
    body = [f"Selamat datang di {shop}!", "", d, "", "Spesifikasi:",
            f"Kondisi: {rng.choice(('Baru', 'Baru', 'Bekas'))}", f"Stok: {rng.randint(1, 200)}",
            f"Dikirim dari: {rng.choice(CITIES)}", "", "Catatan:"] + [f"- {c}" for c in chatter(2) + extra]
    return f"{t} | {shop}" if rng.random() < 0.5 else t, "\n".join(body)


def tokopedia(t, d, extra):
    q, a = rng.choice(QA)
    body = ["Deskripsi Produk", d, "", *chatter(2), *extra, "", "Diskusi (1)", f"Pembeli: {q}", f"Penjual: {a}"]
    return t, "\n".join(body)


def facebook(t, d, extra):
    body = [rng.choice(GREETINGS), "", t, d, "", f"Lokasi: {rng.choice(CITIES)}", *chatter(1), *extra]
    return t, "\n".join(body)


def olx(t, d, extra):
    body = ["Deskripsi", d, "", f"Kondisi: {rng.choice(('Baru', 'Bekas'))}", f"Lokasi: {rng.choice(CITIES)}",
            *chatter(1), *extra]
    return t, "\n".join(body)


def whatsapp(t, d, extra):
    body = [f"*{t.upper()}*", "", d, "", *[f"✅ {c}" for c in chatter(2)], *[f"📞 {e}" for e in extra],
            "", "_Pesan ini dikirim ke daftar siaran_"]
    return f"Broadcast: {t}", "\n".join(body)


def telegram(t, d, extra):
    channel = rng.choice(SHOP_NAMES)
    body = [f"📢 {t}", "", d, "", *chatter(1), *extra, "", f"— {channel}", f"👁 {rng.randint(80, 4000)}"]
    return channel, "\n".join(body)


def kaskus(t, d, extra):
    body = ["Permisi agan-agan sekalian,", "", d, "", *chatter(2), *extra, "",
            rng.choice(("Cek thread ane yang lain gan.", "Ditunggu cendolnya gan.", "Terima kasih sudah mampir."))]
    return f"[{rng.choice(('Lapak', 'Info', 'Tanya', 'Share'))}] {t}", "\n".join(body)


def tweet(t, d, extra):
    user = "@" + handle().lower()
    text = f"{t}. {d}".replace("\n", " ")
    return f"Tweet {user}", "\n".join([text, *extra, " ".join(rng.sample(TAGS, 2))])


def instagram(t, d, extra):
    shop = rng.choice(SHOP_NAMES)
    m = KEY.search(t + " " + d)
    tags = rng.sample(TAGS, 3) + ([f"#{m.group().lower().replace('-', '')}"] if m and rng.random() < 0.6 else [])
    body = [t, "", d, "", *chatter(1), *extra, "", " ".join(tags)]
    return shop, "\n".join(body)


def lazada(t, d, extra):
    body = [d, "", "Spesifikasi Produk", f"Merek: {rng.choice(('No Brand', 'OEM', 'Lokal'))}",
            f"Garansi: {rng.choice(('Tidak ada', '7 hari toko', '1 bulan'))}",
            f"Berat: {rng.randint(20, 900)} g", *extra, "", *chatter(1)]
    return t, "\n".join(body)


SHAPES = (shopee, tokopedia, facebook, olx, whatsapp, telegram, kaskus, tweet, instagram, lazada)

# --- rendering ---------------------------------------------------------------------------------


def fill(text: str, ids: list[dict]) -> str:
    while "{NIK}" in text:
        n = nik()
        text = text.replace("{NIK}", n, 1)
        ids.append({"kind": "nik", "value": n})
    while "{UID}" in text:
        written, value = uid()
        text = text.replace("{UID}", written, 1)
        ids.append({"kind": "chip_uid", "value": value})
    return text


def render(family: str, title: str, desc: str, shape, evasion) -> tuple[str, str, list[dict]]:
    if evasion is not None:
        title, desc = evade(title, desc, evasion)
    ids: list[dict] = []
    desc = fill(desc.replace("\\n", "\n"), ids)
    title = fill(title, ids)
    extra = non_identifiers(family)
    if "chip" in (title + desc).lower() and rng.random() < 0.3:
        written, value = uid()
        extra.append(rng.choice(("UID chip sampel: ", "Contoh UID: ", "no seri chip ")) + written)
        ids.append({"kind": "chip_uid", "value": value})
    extra += contact_lines(ids)
    rng.shuffle(extra)
    t, d = shape(title, desc, extra)
    return t, d, ids


def check(row: dict) -> None:
    text = row["title"] + "\n" + row["description"]
    flat = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    for ident in row["identifiers"]:
        v = ident["value"]
        key = {"phone": v[3:], "nik": v, "chip_uid": v}.get(ident["kind"], v.rsplit("/", 1)[-1].upper())
        assert key.upper() in flat, (row["id"], ident)


def main() -> None:
    rows = []
    for family in FAMILIES:
        cores = [line.split(" || ", 1) for line in
                 (HERE / f"listings_{family}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
        n = 0
        for i, (title, desc) in enumerate(cores):
            first, second = rng.sample(SHAPES, 2)
            for k, shape in enumerate((first, second)):
                evasion = EVASIONS[(i // 2) % len(EVASIONS)] if k == 1 and i % 2 == 0 else None
                t, d, ids = render(family, title, desc, shape, evasion)
                n += 1
                seen, uniq = set(), []
                for ident in ids:
                    if (ident["kind"], ident["value"]) not in seen:
                        seen.add((ident["kind"], ident["value"]))
                        uniq.append(ident)
                row = {"id": f"h15-{family}-{n:04d}", "title": t, "description": d, "label": LABEL[family],
                       "identifiers": uniq, "split": "holdout"}
                check(row)
                rows.append(row)
    out = HERE / "holdout.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "rows; sha256", hashlib.sha256(out.read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
