"""Whose voice a report or question cue heads: a reporter's, an asker's, or a seller's (levers10).

A report, discussion or question cue (lexicon ``CUEREPORT``: "diskusi", "mau tanya", "laporan", "pengalaman",
"thread" …) discounts the rest of its clause (2.8).  Alone, that is a lever: a seller who heads a field with
"Diskusi:" or puts "Mau tanya" before the title hid the offer in that clause (hostile8).  The voices are shaped apart:

* a *report, discussion or question* tells of the goods in more than one sentence: its headline and its body, under a
  report's, a question's or a warning's words, a sale denied, blanks run out at an office; where it names a price, a
  stock or a way to buy, it is someone else's ("ada akun IG jualan blanko 150rb", "katanya ready
  stok", "pria yang menjual blangko", "para pelaku menawarkan …");
* a *seller* names a way to buy in its own voice: a price with its amount, a stock with its count, a minimum order, a
  sale word heading its sentence or said by "kami"/"ane", a seller answering a buyer in a Q&A ("Penjual: minimal 5
  lembar kak", "J: bisa kak"); an order, a contact, shipping or payment only beside the goods, since any shop's
  boilerplate says those ("Order sebelum jam 2 dikirim hari yang sama"); it invites or refuses the buyer's questions
  ("kalau mau tanya-tanya boleh chat", "jangan banyak tanya"), vouches for itself ("kami seller terpercaya") or
  pleads ("Mohon jangan PHP ya kak"), which tell of nothing.
* a *buyer* of a wanted advert speaks in its own voice as a seller does: its need counted ("butuh 30 keping") or its
  payment offered ("bayar di muka"), so a told-of line it adds keeps its "Mau tanya siapa punya …" a wanted advert
  (hostile10).

So a told-of cue's discount holds only when two sentences tell of something and no sentence that is no question offers
in the seller's own voice (:func:`told_of_voice`).  A heading's words alone ("Kenapa?", "Laporan warga.") tell of
something only beside the goods, so a line a seller adds cannot stand in for a report's second sentence.  A sentence's
offer words are read only after a word-set gate, and only for listings whose reading has a hit under such a cue
(score), so most listings never come here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

#: Tags of a told-of cue (lexicon): a report, a discussion or a question, said before or after, a warning, a sale
#: denied, blanks run out (an office's shortage: "Kec. Parungkuda blanko habis").
TOLD_OF_TAGS = frozenset({"CUEREPORT", "CUEREPORTED", "CUEOTHERS", "CUEWARN", "NOTSOLD", "NOTFORSALE", "OUTOFSTOCK"})
#: A police report or letter skipped ("tanpa surat kehilangan dari polisi", "ga usah lapor polisi"): a forger's
#: terms, no report; read past before the sentence's cues are looked for.
_SKIPPED_REPORT = re.compile(r"\b(?:tanpa|ga|gak|nggak|tidak|tak|ndak|no|bebas)\b(?: \w+){0,3}? (?:lapor\w*(?: (?:ke )?polisi)?|polisi|kepolisian)\b")

#: Sentence ends (a full stop only before a space or the end: "Rp 175.000" is one sentence).
_SENTENCE = re.compile(r"(?:[^.!?\n;]|\.(?=\S))+[.!?\n;]*")
_WORD = re.compile(r"[a-z0-9]+")

#: The buyer's questions invited or refused by the seller ("kalau mau tanya-tanya boleh chat dulu", "Ada pertanyaan?
#: langsung chat", "tidak melayani pertanyaan", "jangan beli kalau cuma mau tanya-tanya"): the seller's terms, no report.
_ASKERS_ADDRESSED = re.compile(
    r"\b(?:kalau|kalo|klo|jika|bila|cuma|hanya|yg|yang|melayani|boleh|silakan|silahkan|bebas)\b[^.?!]{0,20}?\b(?:mau |mo )?"
    r"(?:tanya|nanya|pertanyaan)|\b(?:tanya|nanya|pertanyaan)\b\W*(?:\w+\W+){0,3}?(?:boleh|silakan|silahkan|langsung|chat|dm|pm|wa)\b"
    r"|\bjangan (?:banyak )?(?:tanya|nanya)|\bada (?:yang mau |yg mau )?(?:pertanyaan|ditanyakan)\b|\b(?:diskusi|diskusikan|tanya|tanya2|tanya tanya) (?:dulu|aja|saja)\b")
#: A warning to the reader ("Hati-hati penipuan jual blanko", "Waspada modus …"): told of, as the lexicon's warning cue.
_WARNING = re.compile(r"\b(?:waspada|awas|hati hati|hati-hati|modus|hoaks|hoax)\b")
#: Blanks run out or not yet come, as residents and offices say it ("Kec. B habis", "belum datang"): told of.
_SHORTAGE = re.compile(r"(?<!sebelum )(?<!sampai )(?<!hingga )(?<!keburu )\b(?:habis|belum datang|belum dikirim|menipis|kosong lagi)\b")

#: Someone other than the poster acting ("penjualnya", "akunnya" too): what a sentence says of a price or stock is
#: theirs, reported.
_OTHERS = frozenset({"akun", "toko", "lapak", "penjual", "seller", "calo", "oknum", "pelaku", "tersangka", "terdakwa",
                     "dia", "mereka", "katanya", "ngakunya", "bilang", "iklan", "postingan", "penipu", "sindikat",
                     "beredar", "ditawari", "ditawarin", "nawarin", "menawarkan", "mengaku", "ngaku", "polisi", "pria"})
#: ... or a sale said of someone in a relative clause ("pria yang menjual blangko", "akun yg jualan").
_SOLD_BY_OTHERS = re.compile(r"\b(?:yang|yg) (?:me|men)?(?:jual|jualan|nawarin|menawarkan)")
#: The seller's own shop or account ("lapak ane", "toko kami"), and a Q&A's seller speaking ("Penjual: …").
_OWN_SHOP = re.compile(r"\b(?:akun|toko|lapak|penjual|seller) (?:kami|ane|saya|kita|aku|gue|gw|sendiri)\b"
                       r"|\b(?:kami|ane|saya|kita) (?:seller|penjual)|\b(?:chat|hubungi|dm|pm|wa|tanya) (?:penjual|seller|admin)\b"
                       r"|^\W*(?:penjual|seller|admin toko)\s*:|siapa cepat dia dapat")
#: A Q&A's speaker label for the seller ("Penjual: …", "Seller: …").
_SPEAKER = re.compile(r"^\W*(?:penjual|seller|admin toko)\s*:")
#: A sale or an order denied ("Blanko KTP tidak dijual", "jangan beli"): an answer or a warning, no offer.
_DENIED = re.compile(r"\b(?:tidak|tdk|gak|ga|nggak|bukan|tak|dilarang|jangan) (?:untuk )?(?:di|me|men|ber)?"
                     r"(?:jual|perjualbelikan|beli|order|kirim)\w*")
#: (precision12) Money lost told of ("Uang 300rb hilang", "rugi 500rb", "tertipu 2 juta"): a victim's loss, no price.
_LOSS = re.compile(r"\b(?:uang|duit|dana)\b[^.,?!]{0,20}?\b(?:hilang|raib|melayang|lenyap|amblas|ludes)\b"
                   r"|\b(?:rugi|kerugian|tertipu|ditipu|kena tipu)\b[^.,?!]{0,20}")

#: The seller's own offer words (a gate: a sentence holding none, and no number, is not read further).
_SELLER_WORDS = frozenset({
    "chat", "wa", "whatsapp", "japri", "pm", "dm", "inbox", "hubungi", "kontak", "telegram", "order", "orderan",
    "checkout", "minat", "pesan", "ready", "redy", "stok", "stock", "sisa", "harga", "nego", "grosir", "reseller",
    "minimal", "min", "pcs", "rb", "ribu", "rp", "kirim", "dikirim", "pengiriman", "cod", "ongkir", "rekber",
    "pembayaran", "bayar", "ambil", "cepat", "kak", "gan", "sis", "jual", "dijual", "jualan", "sedia", "menjual",
    "jne", "jnt", "sicepat", "anteraja", "gosend", "penjual", "seller"})
#: Words a seller speaking of itself uses (a gate for ``_VOUCHING``).
_VOUCHERS = frozenset({"kami", "ane", "sini", "disini", "toko", "lapak", "olshop", "shop", "bukan", "mohon", "harap"})
#: A price, a stock or a term said as only a seller says it: enough in any sentence of the seller's own voice.
_SELLER_SAYS = re.compile(
    # a price with its amount ("harga 150rb", "150rb/pcs", "Rp 175.000"; not a loss of "Rp 2,3 triliun")
    r"\b(?:harga|hrg)\b[^.]{0,12}?\d|\d+ ?(?:rb|ribu|k)\b|\brp ?(?>\d+(?:[ .,]\d+)*)(?! ?(?:jt|juta|miliar|m|triliun|t)\b)"
    r"|\d ?(?:/|per) ?(?:pcs|pc|keping|lembar|set|biji|buah)\b"
    # a stock with its count or state ("stok 40", "ready 15 pcs", "ada lagi 15", "stok banyak")
    r"|\b(?:stok|stock|sisa|ready|isi|ada(?: lagi)?)\b ?\d|\b\d+ ?(?:pcs|pc)\b|\b(?:stok|stock) (?:ready|banyak|terbatas|tinggal|masih)"
    r"|^\W*(?:stok|stock|ready|sedia|tersedia) (?:untuk|buat|bagi) (?:\w+ )?(?:yang|yg|operator|reseller|agen|kakak|anda|kamu)\b"
    # a sale word heading the sentence or closing it, said to the buyer or by the seller ("Ready kak", "kami jual")
    r"|^\W*(?:ready|redy|jual|dijual|jualan|sedia|open po|open order|terima (?:order|orderan|pesanan))\b|\b(?:ready|redy)\W*$"
    r"|\b(?:ready|redy|sedia) (?:kak|ka|gan|sis|bos|bro|stok|stock|lagi|banyak)\b"
    r"|\b(?:kami|ane|saya|kita|aku|gue|gw) (?:jual|menjual|sediakan|menyediakan|bantu|buatkan|bikinin|cetakkan|uruskan)\b"
    # a minimum order, the seller's terms and urgency
    r"|\b(?:min|minimal)\.? ?(?:order|beli|pembelian|ambil|\d)|\bambil (?:banyak|\d+)|\bsiapa cepat dia dapat"
    r"|\bbayar (?:setelah|sesudah|kalau|pas) (?:jadi|barang|sampai)"
    # (hostile10) a buyer's own need counted or its payment offered ("Butuh 30 keping, bayar di muka"): a wanted
    # advert speaks in its own voice too, and a told-of line added ("Blangko sering habis.") must not make it a question
    r"|\b(?:butuh|perlu|cari|nyari|beli|borong)\b ?\d+ ?(?:keping|pcs|pc|lembar|biji|buah)\b|\bbayar (?:di muka|dimuka)\b"
    # a seller answering a buyer in a Q&A ("J: bisa kak, …", "Penjual: ga ada kak")
    r"|^\W*(?:[ja]|jawab|jawaban|penjual|seller)?\W*(?:iya|ya|bisa|ada|ga ada|gak ada|ready|asli|siap|boleh|ok|oke)\b\W+"
    r"(?:kak|ka|gan|sis|bos|bro|kakak|agan)\b")
#: A way to buy any shop says (an order, a contact, shipping, COD, payment, haggling): the seller's own voice only in a
#: sentence that names the goods, since a shop's boilerplate ("Order sebelum jam 2 dikirim hari yang sama") says
#: nothing about what is on offer (the metamorphic suite appends it to reports too).
_SHOP_TERMS = re.compile(
    r"\b(?:chat|wa|whatsapp|japri|pm|dm|inbox|hubungi|kontak|telegram)\b|\b(?:order|orderan|checkout|minat|pesan)\b"
    r"|\bnego\b|\bgrosir\b|\breseller\b|\b(?:bisa|siap|free|gratis) (?:cod|kirim|ongkir)|\bkirim (?:ke seluruh|seluruh|pakai|pake|via|lewat|dengan)\b"
    r"|\bcod\b|\bongkir\b|\brekber\b|\bpembayaran (?:via|bisa|pakai)|\b(?:jne|jnt|sicepat|anteraja|gosend)\b")


#: The seller speaking of itself: vouching for itself ("kami seller terpercaya", "di sini asli", "kami aman") or naming
#: its own shop ("penipuan mengatasnamakan toko kami"); read clause by clause, as a seller's reassurance follows what
#: it warns of ("Banyak yang ditawari barang palsu, di sini asli").
_VOUCHING = re.compile(r"\b(?:kami|ane|di sini|disini)\b[^.,]{0,20}?\b(?:terpercaya|amanah|asli|aman|resmi|original|ori|jujur"
                       r"|berpengalaman)\b|\b(?:toko|lapak|olshop|shop) (?:kami|ane|saya|kita|aku|gue|gw)\b"
                       # its buyers addressed, its own selling and sending ("kami mengimbau pembeli …", "kami benar-benar kirim")
                       r"|\b(?:kami|ane)\b[^.,]{0,25}?\b(?:pembeli|customer|pelanggan|buyer)\b"
                       r"|\b(?:kami|ane)(?: [\w-]+){0,2} (?:jual|menjual|kirim|mengirim|sediakan|menyediakan)\b"
                       # denying it is a scam, pleading with the buyer ("Bukan hoaks, barang ready", "Mohon jangan PHP ya kak")
                       r"|\bbukan (?:hoaks|hoax|penipuan|tipu|scam)\b|\b(?:mohon|harap)\b[^.?]{0,30}\b(?:kak|kakak|gan|agan|sis)\b")


def _seller_speaks_of_itself(forms: tuple[str, str]) -> bool:
    """Whether a sentence is the seller vouching for itself, naming its own shop or pleading with the buyer: a warning
    or a report's word in it ("Hati-hati penipuan, kami seller terpercaya") tells of nothing."""
    words = set(_WORD.findall(forms[0])) | set(_WORD.findall(forms[1]))
    return not _VOUCHERS.isdisjoint(words) and any(map(_VOUCHING.search, forms))


def _in_own_voice(forms: tuple[str, str], names_goods: bool) -> bool:
    """Whether a sentence offers in the seller's own voice: the seller's offer words, no one else acting; a shop's terms
    only where it names the goods (``names_goods``); a sale denied or money lost is read past.  ``forms``: the sentence lower-cased as written and as the matcher
    spells it (:func:`told_of_voice`)."""
    forms = (_LOSS.sub(" ", _DENIED.sub(" ", forms[0])), _LOSS.sub(" ", _DENIED.sub(" ", forms[1])))
    words = set(_WORD.findall(forms[0])) | set(_WORD.findall(forms[1]))
    if _SELLER_WORDS.isdisjoint(words) and not any(word[0].isdigit() for word in words):
        return False
    others = set(_WORD.findall(_OWN_SHOP.sub(" ", forms[0])))
    if _SPEAKER.match(forms[0]) is None:  # a Q&A's "Penjual:" label is the seller speaking, its spelling loses the colon
        others |= set(_WORD.findall(_OWN_SHOP.sub(" ", forms[1])))
    if not _OTHERS.isdisjoint(others | {word[:-3] for word in others if word.endswith("nya")}) \
            or any(map(_SOLD_BY_OTHERS.search, forms)):
        return False
    return any(map(_SELLER_SAYS.search, forms)) or (names_goods and any(map(_SHOP_TERMS.search, forms)))


#: A discussion's, a question's or a report's heading words ("Diskusi", "Mau tanya", "Kenapa", "Laporan", "Thread"): a
#: sentence told of by these alone tells of something only when it names the goods ("Kenapa?" or "Laporan warga." on
#: its own line tells of nothing), while a report's narrative ("Terdakwa membantah …"), a warning or a shortage does.
_HEAD_WORDS = re.compile(r"\b(?:diskusi|berdiskusi|tanya jawab|pertanyaan|kenapa|mengapa|knp|kok bisa|(?:mau|mo|numpang|izin) (?:tanya|nanya)"
                         r"|thread|curhat|pengalaman|keluhan|mengeluh|ngeluh|laporan|lapor|kasus|perkara|menurut \w+"
                         # (precision12) a report asked for, a claim to sell, a purchase told as past: as a heading's
                         # words, they tell of something only beside the goods ("Laporkan seller nakal ke admin.")
                         r"|laporkan|report|ditindak|menindak|mengaku|ngaku"
                         r"|(?:pernah|sempat|kemarin|lalu|dulu) (?:saya|aku|gue|gw|ane) (?:beli|membeli|order|pesan))\b")
#: (precision12_d) A report asked of an authority or the platform, of what the listing told of ("Laporkan ke
#: patrolisiber.", "Screenshot akunnya lalu report ke admin grup", "laporkan saja ke polsek", "adukan akun itu ke
#: Kominfo"): the reader told where to turn, a warning's voice, so it tells of something without the goods named, where a
#: bare "Laporkan!" is only a heading's word.  What is reported is the listing's own subject (none said, "-nya", "… itu"):
#: a shop's policy line names a kind of seller ("Laporkan seller nakal ke admin.") and stays a heading's word, no lever.
_REPORTED_TO = re.compile(
    r"\b(?:laporkan|laporin|laporke|lapor|report|adukan|aduin|adukno)\b"
    r"(?: (?:saja|aja|segera|langsung|juga|sudah|udah|saya|ane|aku|kami|kita|it|them|[\w.-]+nya|[\w.-]+ (?:itu|tersebut|ini)))*?"
    r" (?:ke|kepada|pada|menyang|to) (?:pihak |nomor |situs |website |web |akun )?(?:patroli ?siber|polisi|kepolisian|polri"
    r"|polda|polres|polsek|bareskrim|siber|cyber|admin|marketplace|platform|kominfo|komdigi|aduan|aduankonten|dukcapil"
    r"|disdukcapil|berwajib|yang berwajib|ojk)")
#: A sale denied tells of something only of the goods ("Blanko KTP tidak dijual"), not of a shop's display.
_DENIALS = frozenset({"NOTSOLD", "NOTFORSALE"})
#: Tags naming goods a report tells of: an ID, a blank, a card, a civil document, population data, an office's stock.
GOODS_TAGS = frozenset({"KTP", "EKTP", "BLANGKO", "KOSONG", "IDMATERIAL", "SIZEKTP", "TYPEKTP", "FORGE", "READYID",
                        "PRINTEDID", "KARTU", "CHIP", "KK", "AKTA", "KIA", "CIVILDOC", "OTHERDOC", "NIK",
                        "OUTOFSTOCK", "DINASSTOCK", "EMPTYEMBLEM"})


def _tells_of(forms: tuple[str, str], tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> bool:
    """Whether a sentence (``forms``: as written and as ``spelled``) tells of something: a report's, a question's or a
    warning's words, a sale denied or a shortage in one of its clauses, heading words only with the goods named; not a
    police report skipped ("tanpa surat kehilangan dari polisi", "ga usah lapor polisi") nor the buyer's questions
    invited ("tanya-tanya boleh")."""
    forms = (_SKIPPED_REPORT.sub(" ", forms[0]), _SKIPPED_REPORT.sub(" ", forms[1]))
    if any(map(_ASKERS_ADDRESSED.search, forms)):
        return False
    if any(map(_REPORTED_TO.search, forms)):
        return True
    tags = _tags_of_clauses(forms[0], tags_of, spelled)
    if not _told_in(forms, tags):
        return False
    if not GOODS_TAGS.isdisjoint(tags):
        return True
    rests = (_HEAD_WORDS.sub(" ", forms[0]), _HEAD_WORDS.sub(" ", forms[1]))
    return _told_in(rests, _tags_of_clauses(rests[0], tags_of, spelled) - _DENIALS)


def _tags_of_clauses(sentence: str, tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> frozenset[str]:
    """The tags of a sentence's clauses, each read alone and spelled as the matcher reads it ("sisa stok, masih kosong"
    is no shortage; "бланко" is "blanko")."""
    return frozenset().union(*(tags_of(spelled(clause)) for clause in sentence.split(", ")))


def _told_in(forms: tuple[str, str], tags: frozenset[str]) -> bool:
    """Whether words with these tags tell of something: a told-of cue, a warning or a shortage."""
    return not TOLD_OF_TAGS.isdisjoint(tags) or any(_WARNING.search(form) or _SHORTAGE.search(form) for form in forms)


@lru_cache(maxsize=4096)
def told_of_voice(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                  spelled: Callable[[str], str]) -> bool:
    """Whether the listing speaks as a report, discussion or question, so a told-of cue's discount holds: two sentences
    tell of something and none that is no question offers in the seller's own voice.  "Diskusi: blanko …, stok 50"
    names its own stock and "Mau tanya Blanko e-KTP kosong" tells once: the offer counts.  Each sentence is read as
    written (its colons, prices and question marks) and as ``spelled`` spells it (the matcher's words: "a*k*u*n" is
    "akun", "H*a*t*i-h*a*t*i" is "hati hati"), so a respelling hides neither voice."""
    told = 0
    for text in (title, description):
        for match in _SENTENCE.finditer(text.lower()):
            sentence = match.group(0)
            forms = (sentence, spelled(sentence))
            if _seller_speaks_of_itself(forms):
                continue
            if "?" not in sentence and _in_own_voice(forms, not GOODS_TAGS.isdisjoint(_tags_of_clauses(sentence, tags_of, spelled))):
                return False
            told += _tells_of(forms, tags_of, spelled)
    return told >= 2
