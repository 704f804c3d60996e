"""Write the seventh independent pool (issue 15 labels) from the hand-written cores.

Each line of ``listings_<family>.txt`` is one hand-written offer (``title || description``).
Every core is written out three times, each time in another shape a crawler brings back
(structured shop listing, offer hidden in a variant list and its Q&A, Facebook / OLX post,
WhatsApp broadcast, Telegram post, Kaskus thread, tweet, Instagram caption, a regional voice),
with everyday shop sentences, contacts and deliberate non-identifiers, and on some rows an
evasion of the key words.  Identifiers are built here and their expected normalised values
computed by construction; this script never imports ``matchers``.  Kept for audit only:
running it again rewrites both files (the holdout is frozen).
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
HOLDOUT = HERE / "holdout.jsonl"
TUNE = HERE.parent / "corpus" / "independent7.jsonl"
LABEL = {"blank": "blank", "related": "related", "hardneg": "benign", "ordinary": "benign"}

EVERYDAY = [
    "Bisa COD area Jabodetabek.", "Pengiriman via JNE, J&T, SiCepat, AnterAja.",
    "Packing aman pakai bubble wrap + kardus.", "Bayar bisa DANA, OVO, GoPay, ShopeePay.",
    "Toko buka Senin-Sabtu 08.00-17.00, Minggu libur.", "Selamat datang di toko kami, happy shopping!",
    "Order sebelum jam 3 sore dikirim hari ini.", "Jangan lupa follow toko untuk promo terbaru.",
    "Barang ready, langsung checkout aja kak.", "Mohon baca deskripsi sampai habis sebelum order.",
    "Komplain wajib video unboxing tanpa putus.", "Tidak melayani retur tanpa video unboxing.",
    "Harga nego tipis, yang serius aja.", "Fast respon jam kerja.", "Bisa kirim ke luar pulau, ongkir menyesuaikan.",
    "Rating bintang 5 dapat voucher belanja berikutnya.", "Stok terbatas, siapa cepat dia dapat.",
    "Gratis ongkir min. belanja 50rb.", "Terima kasih sudah mampir, salam sehat.",
    "Pesanan diproses 1x24 jam hari kerja.", "Ada pertanyaan? langsung chat penjual.",
    "Grosir dan ecer, reseller welcome.", "Instant/sameday via Gojek/Grab area kota.",
    "Foto asli, bukan ambil dari google.", "Yang PHP mohon maaf diblok.", "Bisa titip beli sekalian.",
    "Alamat toko di ruko pasar baru lantai 2.", "Cek ongkir dulu sebelum transfer ya.",
    "Kami juga jual casing HP dan aksesoris.", "Dropship diperbolehkan, nama pengirim bisa diganti.",
    "Barang sesuai foto, garansi uang kembali.", "Paket dikirim tiap hari kecuali tanggal merah.",
]
CITIES = ["Jakarta Timur", "Bekasi", "Depok", "Bandung", "Semarang", "Surabaya", "Medan", "Makassar",
          "Palembang", "Banjarmasin", "Pontianak", "Kupang", "Jayapura", "Padang", "Yogyakarta", "Malang",
          "Denpasar", "Manado", "Pekanbaru", "Balikpapan", "Sidoarjo", "Tangerang", "Bogor", "Cirebon"]
VOICES = [
    ("Monggo dipun pirsani rumiyin.", "Sing minat langsung japri nggih, ojo mung takon thok."),
    ("Mangga nu peryogi.", "Hatur nuhun, nu serius wae nya."),
    ("Se'minat langsung bhai.", "Kiriman ka mana bhai bisa."),
    ("Aye jual nih bang.", "Kalo minat japri aje, kagak usah lama-lama."),
    ("Bagi dunsanak nan paralu.", "Japri se lai, ongkir murah."),
    ("Nang handak, langsung haja.", "Kada usah ragu, barang bagus."),
    ("Horas lae, ini ada barang.", "Bah, langsung inbox saja lae."),
    ("Sodara dong yang butuh.", "Su siap kirim, tra usah tunggu lama."),
    ("Kitorang ada jual ni.", "Kalo mau, baku dapa di pasar saja."),
    ("Ready stock guys, fast response.", "Serious buyer only, no PHP please."),
    ("Tabe', yang butuh.", "Nanti dikirim dari Makassar di'."),
    ("Assalamualaikum, numpang lapak admin.", "Maaf kalau tidak berkenan."),
]
GENERIC_TITLES = {
    "blank": ["Kartu PVC Chip Putih 85x54 Aneka Varian", "Perlengkapan Cetak Kartu Lengkap",
              "Kartu Chip Polos Bermacam Jenis", "Grosir Kartu Kosong Murah", "Aneka Kartu Siap Cetak"],
    "related": ["Jasa Dokumen & Desain Serba Ada", "Layanan Digital Lengkap", "Paket Verifikasi Akun",
                "Jasa Cetak Kartu Semua Jenis", "Produk Digital Murah"],
    "hardneg": ["Aksesoris Kartu & ID Card Lengkap", "Perlengkapan Kantor Serba Ada",
                "Toko Alat Tulis & Percetakan", "ID Card Supplies Murah", "Kebutuhan Kartu Grosir"],
    "ordinary": ["Toko Serba Ada Murah", "Kebutuhan Rumah Tangga Lengkap", "Grosir Harian Murah"],
}
OTHER_VARIANTS = ["PVC polos 0.76mm", "lanyard polos", "holder akrilik", "kartu member full color",
                  "ribbon YMCKO", "yoyo id card", "kartu mifare 1K", "laminating pouch"]
SEO = "Tag: ktp, e-ktp, ktp el, blanko ktp, id card, kartu, casing, holder, murah, original"
PREFIXES = ["811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "817", "818",
            "819", "859", "877", "878", "831", "832", "838", "881", "882", "887", "895", "896", "897", "898"]
PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
             "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82"]
HANDLES = ["infokartu", "grosirkartu", "dokumenkilat", "lapakmurah", "stokgudang", "kartuidn", "barangready",
           "promoharian", "tokoserba", "updatestok", "jualbelimurah", "cetakcepat"]
FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789"}
CYRILLIC = {"K": "К", "T": "Т", "P": "Р", "a": "а", "o": "о", "e": "е", "A": "А", "E": "Е", "O": "О"}


def phone(rng: random.Random) -> tuple[str, str]:
    """A mobile number written as sellers write it, and its E.164 value."""
    prefix, rest = rng.choice(PREFIXES), "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))
    value = "+62" + prefix + rest
    a, b = rest[:4], rest[4:]
    shapes = [f"0{prefix}-{a}-{b}", f"0{prefix} {a} {b}", f"0{prefix}{rest}", f"+62 {prefix}-{a}-{b}",
              f"(+62) {prefix} {a} {b}", f"62{prefix}{rest}", f"0{prefix}.{a}.{b}", f"+62{prefix}{rest}",
              "".join(FULLWIDTH[c] for c in f"0{prefix}{rest}")]
    return rng.choice(shapes), value


def nik(rng: random.Random) -> tuple[str, str]:
    """A structurally possible NIK, written plain, spaced or dotted."""
    day = rng.randint(1, 28) + rng.choice((0, 40))
    value = (rng.choice(PROVINCES) + f"{rng.randint(1, 20):02d}{rng.randint(1, 20):02d}"
             + f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}{rng.randint(1, 999):04d}")
    shapes = [value, " ".join(value[i:i + 4] for i in range(0, 16, 4)),
              f"{value[:2]}.{value[2:4]}.{value[4:6]}.{value[6:12]}.{value[12:]}"]
    return rng.choice(shapes), value


def chip(rng: random.Random) -> tuple[str, str]:
    """A chip UID of 4, 7 or 8 bytes as readers and sellers print it."""
    size = rng.choice((4, 7, 7, 8))
    raw = (["04"] if size == 7 else []) + [f"{rng.randint(0, 255):02X}" for _ in range(size - (size == 7))]
    value = "".join(raw)
    shapes = [":".join(raw), " ".join(raw), "0x" + value, "-".join(raw).lower(), value, " ".join(raw).lower()]
    return rng.choice(shapes), value


def non_identifier(rng: random.Random) -> str:
    """A number that is deliberately no labelled identifier."""
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    return rng.choice([
        f"Rek BCA {rng.choice('1234567')}{digits(9)} a.n. toko", f"Resi JNE: CGK{digits(10)}",
        f"No. pesanan 2312{digits(2)}{rng.choice('ABCDEFGH')}{digits(5)}", f"Barcode EAN 899{digits(10)}",
        f"IMEI 35{digits(13)}", f"SKU: KRT-{digits(4)}-{rng.choice('ABC')}",
        f"Kode voucher member 00{digits(14)}", f"Mandiri 1{digits(12)}", f"No. order #{rng.randint(1, 9)}{digits(11)}",
    ])


def contact(rng: random.Random, ids: list[dict]) -> str:
    """A contact line; its identifiers are appended to ``ids``."""
    kind = rng.random()
    if kind < 0.55:
        shown, value = phone(rng)
        ids.append({"kind": "phone", "value": value})
        return rng.choice(["WA: ", "Hub/WA ", "Info & order: ", "Kontak ", "wa ", "CP: ", "Telp/WA "]) + shown
    if kind < 0.8:
        _, value = phone(rng)
        link = rng.choice(["wa.me/", "https://wa.me/", "WA.ME/"]) + value[1:]
        ids += [{"kind": "url", "value": "https://wa.me/" + value[1:]}, {"kind": "phone", "value": value}]
        return rng.choice(["Order klik ", "Chat langsung: ", "Link WA ", ""]) + link
    handle = rng.choice(HANDLES) + str(rng.randint(1, 99))
    ids.append({"kind": "url", "value": "https://t.me/" + handle.lower()})
    return rng.choice(["Join channel t.me/", "Telegram: https://t.me/", "gabung grup t.me/"]) + handle


def evade(text: str, rng: random.Random) -> str:
    """Hide the key words the way evading sellers do (one evasion per row)."""
    style = rng.randrange(8)
    words = ["KTP", "ktp", "Ktp", "blanko", "Blanko", "blangko", "Blangko"]

    def hide(word: str) -> str:
        return [lambda w: ".".join(w), lambda w: " ".join(w),
                lambda w: w.replace("a", "4").replace("o", "0").replace("T", "7").replace("t", "7"),
                lambda w: "🔥".join(w), lambda w: w[:-1] + w[-1] * 4,
                lambda w: "".join(CYRILLIC.get(c, c) for c in w), lambda w: "\u200b".join(w),
                lambda w: "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in w)][style](word)
    for word in words:
        text = text.replace(word, hide(word))
    return text


def extras(rng: random.Random, family: str) -> list[tuple[str, list[dict]]]:
    """The extra lines of a row, each with the identifiers written in it (labelled only if the
    shape writes the line: the tweet shape keeps the first one only)."""
    lines: list[tuple[str, list[dict]]] = [(line, []) for line in rng.sample(EVERYDAY, rng.randint(1, 3))]
    if rng.random() < {"blank": 0.45, "related": 0.5, "hardneg": 0.3, "ordinary": 0.2}[family]:
        line_ids: list[dict] = []
        lines.append((contact(rng, line_ids), line_ids))
    if rng.random() < 0.25:
        lines.append((non_identifier(rng), []))
    return lines


def uid_line(rng: random.Random, ids: list[dict]) -> str:
    shown, value = chip(rng)
    ids.append({"kind": "chip_uid", "value": value})
    return rng.choice(["Contoh UID chip: ", "UID: ", "cek pakai NFC Tools, UID ", "no seri chip ", "Chip UID = "]) + shown


def nik_line(rng: random.Random, ids: list[dict]) -> str:
    shown, value = nik(rng)
    ids.append({"kind": "nik", "value": value})
    return rng.choice(["contoh data: NIK ", "sample NIK ", "NIK tertera ", "NIK: "]) + shown


def frame(shape: int, title: str, desc: str, family: str, rng: random.Random, ids: list[dict]) -> tuple[str, str]:
    """Dress one core in one of the shapes a crawler brings back.  Only the identifiers of the
    extra lines the shape writes are added to ``ids`` (the tweet shape writes the first one only)."""
    drawn = extras(rng, family)
    written = drawn[:1] if shape == 6 else drawn
    more = [line for line, _ in drawn]
    ids += [i for _, line_ids in written for i in line_ids]
    city = rng.choice(CITIES)
    if shape == 0:  # structured shop listing
        spec = (f"Spesifikasi:\n- Kondisi: Baru\n- Berat: {rng.choice((20, 50, 100, 250))} gram\n"
                f"- Dikirim dari: {city}\n\nDeskripsi:\n{desc}\n\nCatatan:\n" + "\n".join(more))
        return title, spec
    if shape == 1:  # offer in the variant list, the Q&A or the package contents
        others = rng.sample(OTHER_VARIANTS, 2)
        core = title.lower()
        body = (f"Varian: {others[0]} / {others[1]} / {core}\nKondisi: Baru\n"
                f"Isi paket: sesuai varian dipilih\n\nQ: kak varian '{core}' itu gimana?\nA: {desc}\n\n"
                + "\n".join(more) + ("\n" + SEO if family == "hardneg" else ""))
        return rng.choice(GENERIC_TITLES[family]), body
    if shape == 2:  # Facebook Marketplace / OLX
        return title, (f"{desc}\nLokasi {city}. {rng.choice(['Nego tipis.', 'Harga pas.', 'Bisa nego.'])} "
                       + " ".join(more) + " Serius aja ya.")
    if shape == 3:  # WhatsApp broadcast
        return "*" + title.upper() + "* 🔥", "✅ " + desc + "\n" + "\n".join("➡️ " + m for m in more)
    if shape == 4:  # Telegram post
        return "📢 " + title, desc + "\n\n" + "\n".join(more)
    if shape == 5:  # Kaskus thread
        return "[WTS] " + title, ("Permisi agan-agan, mau nawarin barang.\n" + desc
                                  + "\nRekber boleh, cek lapak ane gan.\n" + "\n".join(more))
    if shape == 6:  # tweet / X post
        tags = " ".join("#" + "".join(w for w in title.lower().split() if w.isalnum())[:30] for _ in range(1))
        return title.lower(), desc + " " + more[0].lower() + " " + tags
    if shape == 7:  # Instagram caption
        return "✨ " + title + " ✨", desc + "\n.\n.\n" + "\n".join(more) + "\n#" + city.replace(" ", "").lower()
    opener, closer = rng.choice(VOICES)  # regional voice
    return title, opener + " " + desc + " " + closer + "\n" + "\n".join(more)


def rows_of(family: str) -> list[dict]:
    rows: list[dict] = []
    cores = [line.split(" || ") for line in (HERE / f"listings_{family}.txt").read_text("utf-8").splitlines() if line]
    for n, (title, desc) in enumerate(cores):
        shapes = random.Random(f"{family}{n}").sample(range(9), 3)
        for k, shape in enumerate(shapes):
            rng = random.Random(f"{family}-{n}-{k}")
            ids: list[dict] = []
            d = desc
            if family in ("blank", "hardneg") and rng.random() < 0.12 and ("chip" in desc or "nfc" in desc.lower()
                                                                           or "mifare" in desc.lower() or "rfid" in desc.lower()):
                d = d + "\n" + uid_line(rng, ids)
            if family == "related" and rng.random() < 0.15 and "ktp" in desc.lower():
                d = d + "\n" + nik_line(rng, ids)
            if family == "hardneg" and ("ditemukan" in desc or "hilang dompet" in desc):
                d = d + "\n" + nik_line(rng, ids)
            t, body = frame(shape, title, d, family, rng, ids)
            if k == 2 and n % 2 == 0:
                t, body = evade(t, rng), evade(body, rng)
            rows.append({"id": f"h7-{family}-{len(rows) + 1:04d}", "title": t, "description": body,
                         "label": LABEL[family], "identifiers": ids})
    return rows


def split(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] < 0x99 else "tune"


def main() -> None:
    pool = [row for family in ("blank", "related", "hardneg", "ordinary") for row in rows_of(family)]
    seen = set()
    for row in pool:
        key = (row["title"], row["description"])
        assert key not in seen, row["id"]
        seen.add(key)
        row["split"] = split(row["id"])
        assert all(len(i["value"]) == 16 for i in row["identifiers"] if i["kind"] == "nik")
        assert all(len(i["value"]) in (8, 14, 16) for i in row["identifiers"] if i["kind"] == "chip_uid")
        # dedupe an identifier written twice (a wa.me link and the same phone)
        uniq = {(i["kind"], i["value"]): i for i in row["identifiers"]}
        row["identifiers"] = list(uniq.values())
    for path, part in ((HOLDOUT, "holdout"), (TUNE, "tune")):
        with path.open("w", encoding="utf-8") as fh:
            for row in pool:
                if row["split"] == part:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
