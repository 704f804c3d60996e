"""Shop chatter a crawl wraps around every listing (notice13): blocks that name no goods, put where shops put them.

Each block is ``(before, after)``: text put before the description (a spec table, a greeting, a broadcast's opening)
and after it (shipping, payment, checkout, store hours, follow-the-shop, a generic "Diskusi", hashtags).  Chatter names
no goods, so it is nobody's evidence: it must neither make a notice, a news item, a warning or a story about blanks an
offer, nor hide an offer.  Written for notice13, in the shapes crawled listings show, not copied from any holdout.
"""

from __future__ import annotations

#: (before the description, after it); "" where a block puts nothing
CHATTER: dict[str, tuple[str, str]] = {
    "spec_table": ("Kondisi: Baru\nMin. Pemesanan: 1 Buah\nEtalase: Semua Etalase\n\n", ""),
    "spec_pipes": ("Spesifikasi Produk\nMerek | OEM\nGaransi | Tidak ada\nDikirim dari | Bandung\n\nDeskripsi:\n", ""),
    "diskusi_last": ("", "\n\nDiskusi:\nPembeli: bisa kirim hari ini?\nPenjual: Bisa kak, asal bayar sebelum jam 3."),
    "diskusi_ready": ("", "\n\nDiskusi:\nPembeli: ready kak?\nPenjual: Ready kak, silakan diorder."),
    "hashtags": ("", "\n\n#info #jualanonline #olshopindonesia #ready #murah #promo"),
    "checkout": ("", "\n\nStok selalu update, langsung checkout aja.\nGratis ongkir dengan voucher toko."),
    "shipping_payment": ("", "\n\nPengiriman setiap hari kecuali Minggu dan tanggal merah.\nPembayaran via transfer bank, "
                             "e-wallet atau COD."),
    "store_hours": ("", "\n\nAdmin online jam 08.00-21.00.\nOrder sebelum jam 15.00 dikirim hari ini juga."),
    "follow_shop": ("Selamat datang di toko kami!\n\n", "\n\nFollow toko kami untuk info promo terbaru.\nJangan lupa kasih "
                    "bintang 5 ya kak."),
    "broadcast": ("_Broadcast_\n\n", "\n\n✅ Bisa COD area dalam kota.\n✅ Packing aman pakai bubble wrap.\nMaaf kalau BC ini "
                  "mengganggu 🙏"),
    "forum_greeting": ("Permisi agan-agan sekalian,\n\n", "\n\nSekian gan, monggo dipantau."),
    "policy": ("", "\n\nCatatan:\n- Barang yang sudah dibeli tidak dapat dikembalikan.\n- Wajib video unboxing untuk "
               "klaim komplain."),
    "min_spend": ("", "\n\nGratis ongkir min. belanja 50rb.\nHarga sewaktu-waktu bisa berubah."),
    "ready_all": ("", "\n\nSemua produk ready, tinggal klik beli.\nStok terbatas, buruan checkout!"),
    "spec_and_diskusi": ("Kondisi: Baru\nBerat: 100 gram\n\n", "\n\nDiskusi:\nPembeli: ini barang baru?\n"
                         "Penjual: Sesuai deskripsi ya kak."),
}


def wrapped(row: dict, block: str) -> tuple[str, str]:
    """A row's (title, description) with a chatter block around its description."""
    before, after = CHATTER[block]
    return row["title"], f"{before}{row['description']}{after}"
