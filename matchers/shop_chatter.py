"""Shop chatter opening a description: lines a crawl puts before every listing's own text (notice13).

A marketplace page opens a description with its spec table ("Kondisi: Baru", "Etalase: Semua Etalase", "Merek | OEM"),
a header ("Spesifikasi Produk", "Deskripsi:"), a greeting ("Selamat datang di toko kami!", "Permisi agan-agan
sekalian,") or a broadcast's label ("_Broadcast_").  These name no goods, yet as the description's first clause they
stood in the place of its product phrase: under a title that names nothing ("Ready kak") the description's first clause
says what is on offer, and a spec line there pushed the real one a clause on (a holder "cocok untuk blangko e-KTP" read
as a blank; a set of identity papers read benign).  So such lines are read past before the description is read, as if
the crawl had not put them there.  A spec line that names the goods ("Kondisi: blanko", "Jenis: KTP elektronik") is
the seller's own words and is kept, and so is everything from the first line that is not chatter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: A header or a greeting a shop opens with, the whole line.
_HEADER = re.compile(r"\W*(?:spesifikasi(?: produk)?|deskripsi(?: produk)?|detail produk|informasi produk|_?broadcast_?"
                     r"|selamat datang di [^\n]{0,40}|permisi (?:agan|kakak|kak|gan)[\w -]{0,25}|halo (?:kak|gan|sis)[^\n]{0,20})"
                     r"\W*", re.IGNORECASE)
#: A spec table's field with its value ("Kondisi: Baru", "Min. Pemesanan: 1 Buah", "Dikirim dari | Bandung").
_SPEC_FIELD = re.compile(r"\W*(?:kondisi|berat|etalase|merek|merk|garansi|asal|lokasi|dikirim dari|kategori|sku"
                         r"|min\.? (?:pemesanan|pembelian)|minimal (?:pemesanan|pembelian)|barang|bahan|ukuran)\s*[:|]\s*"
                         r"(?P<value>[^\n]{0,40})", re.IGNORECASE)
#: The first words of a header, a greeting or a spec field: a description opening with none is read no further.
_GATE = frozenset({"spesifikasi", "deskripsi", "detail", "informasi", "broadcast", "selamat", "permisi", "halo", "kondisi",
                   "berat", "etalase", "merek", "merk", "garansi", "asal", "lokasi", "dikirim", "kategori", "sku", "min",
                   "minimal", "barang", "bahan", "ukuran"})
_FIRST_WORD = re.compile(r"[\W_]*([a-z]+)")


def chatter_head_end(description: str, names_goods: Callable[[str], bool]) -> int:
    """Where a description's own text starts after the shop chatter opening it (0 when it opens with its own text, or
    when every line is chatter).  ``names_goods`` says whether a spec value names goods; a cheap first-word gate keeps
    most descriptions from being read further."""
    first = _FIRST_WORD.match(description.lower())
    if first is None or first.group(1) not in _GATE:
        return 0
    end = 0
    for line in description.splitlines(keepends=True):
        text = line.strip()
        if text and _HEADER.fullmatch(text) is None:
            field = _SPEC_FIELD.fullmatch(text)
            if field is None or names_goods(field.group("value")):
                break
        end += len(line)
    return end if description[end:].strip() else 0
