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

(levers12) A heading's words tell of something once, however many heads a seller puts on: a sentence told of only by
heading words over the goods ("Laporan: blangko e-KTP kosong", "Diskusi: chip aktif …") counts once, so a report must
bring its own words too (another's act: "akun FB itu jual …", "penjualnya bilang"; how or whether it is so: "gimana
bisa blangko bocor?"; a shortage, a warning).  The same reading tells a notice under a genre heading ("Pengumuman:",
"Berita:") from a seller's offer under one (:func:`notice_voice`): an office or a newsroom speaks as one (residents
addressed, an office acting, a day of service, "dilansir", a dateline, free of charge, the office the only place) or
tells of the goods twice, and no sentence is in the seller's voice.
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
_SKIPPED_REPORT = re.compile(r"\b(?:tanpa|ga|gak|nggak|tidak|tak|ndak|no|bebas)\b(?: \w+){0,4}? (?:lapor\w*(?: (?:ke )?polisi)?|polisi|kepolisian)\b")

#: Sentence ends (a full stop only before a space or the end: "Rp 175.000" is one sentence).
SENTENCE = re.compile(r"(?:[^.!?\n;]|\.(?=\S))+[.!?\n;]*")
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
#: (levers12) Not "habis" as "after" ("habis rekam", "habis bayar") nor a document expired ("paspor habis", "masa berlaku
#: habis") nor a clearance's "semua harus habis": none tells of blanks run out.
_SHORTAGE = re.compile(r"(?<!sebelum )(?<!sampai )(?<!hingga )(?<!keburu )(?<!paspor )(?<!berlaku )(?<!stnk )(?<!harus )"
                       r"\b(?:habis(?! (?:rekam|perekaman|cetak|pakai|bayar|transfer)\b)|belum datang|belum dikirim|menipis|kosong lagi)\b")

#: Someone other than the poster acting ("penjualnya", "akunnya" too): what a sentence says of a price or stock is
#: theirs, reported.
_OTHERS = frozenset({"akun", "toko", "lapak", "penjual", "seller", "calo", "oknum", "pelaku", "tersangka", "terdakwa",
                     "dia", "mereka", "katanya", "ngakunya", "bilang", "iklan", "postingan", "penipu", "sindikat",
                     "beredar", "ditawari", "ditawarin", "nawarin", "menawarkan", "mengaku", "ngaku", "polisi", "pria"})
#: ... or a sale said of someone in a relative clause ("pria yang menjual blangko", "akun yg jualan").
SOLD_BY_OTHERS = re.compile(r"\b(?:yang|yg) (?:me|men)?(?:jual|jualan|nawarin|menawarkan)")
#: The seller's own shop or account ("lapak ane", "toko kami"), and a Q&A's seller speaking ("Penjual: …").
_OWN_SHOP = re.compile(r"\b(?:akun|toko|lapak|penjual|seller) (?:kami|ane|saya|kita|aku|gue|gw|sendiri)\b"
                       r"|\b(?:kami|ane|saya|kita) (?:seller|penjual)|\b(?:chat|hubungi|dm|pm|wa|tanya) (?:penjual|seller|admin)\b"
                       r"|^\W*(?:penjual|seller|admin toko)\s*:|siapa cepat dia dapat")
#: A Q&A's speaker label for the seller ("Penjual: …", "Seller: …").
_SPEAKER = re.compile(r"^\W*(?:penjual|seller|admin toko)\s*:")
#: A sale or an order denied ("Blanko KTP tidak dijual", "jangan beli"): an answer or a warning, no offer.
_DENIED = re.compile(r"\b(?:tidak|tdk|gak|ga|nggak|bukan|tak|dilarang|jangan) (?:untuk )?(?:di|me|men|ber)?"
                     r"(?:jual|perjualbelikan|beli|order|kirim)\w*")
#: Words of money gone and of being cheated, shared by the loss told of (``_LOSS``, ``_MONEY_LOST``) and denied
#: (``_LOSS_DENIED``).
_GONE = "hilang|raib|melayang|lenyap|amblas|ludes"
_CHEATED = "tertipu|ditipu|kena tipu"
#: Money said gone ("Uang 300rb hilang").
_MONEY_GONE = rf"\b(?:uang|duit|dana)\b[^.,?!]{{0,20}}?\b(?:{_GONE})\b"
#: (precision12) Money lost told of ("Uang 300rb hilang", "rugi 500rb", "tertipu 2 juta"): a victim's loss, no price.
_LOSS = re.compile(rf"{_MONEY_GONE}|\b(?:rugi|kerugian|{_CHEATED})\b[^.,?!]{{0,20}}")

#: The seller's own offer words (a gate: a sentence holding none, and no number, is not read further).
_SELLER_WORDS = frozenset({
    "chat", "wa", "whatsapp", "japri", "pm", "dm", "inbox", "hubungi", "kontak", "telegram", "order", "orderan",
    "checkout", "minat", "pesan", "ready", "redy", "stok", "stock", "sisa", "harga", "nego", "grosir", "reseller",
    "minimal", "min", "pcs", "rb", "ribu", "rp", "sini", "disini", "kirim", "dikirim", "pengiriman", "cod", "ongkir", "rekber",
    "pembayaran", "bayar", "ambil", "cepat", "kak", "gan", "sis", "jual", "dijual", "jualan", "sedia", "menjual",
    "jne", "jnt", "sicepat", "anteraja", "gosend", "penjual", "seller"})
#: Words a seller speaking of itself uses (a gate for ``_VOUCHING``).
_VOUCHERS = frozenset({"kami", "ane", "sini", "disini", "toko", "lapak", "olshop", "shop", "bukan", "mohon", "harap"})
#: A price, a stock or a term said as only a seller says it: enough in any sentence of the seller's own voice, as each
#: says an amount, a count or the seller's own act (notice13: what shop chatter never says without the goods).
_SELLER_SAYS = re.compile(
    # a price with its amount ("harga 150rb", "150rb/pcs", "Rp 175.000"; not a loss of "Rp 2,3 triliun")
    r"\b(?:harga|hrg)\b[^.]{0,12}?\d|\d+ ?(?:rb|ribu|k)\b|\brp ?(?>\d+(?:[ .,]\d+)*)(?! ?(?:jt|juta|miliar|m|triliun|t)\b)"
    r"|\d ?(?:/|per) ?(?:pcs|pc|keping|lembar|set|biji|buah)\b"
    # a stock with its count ("stok 40", "ready 15 pcs", "ada lagi 15")
    r"|\b(?:stok|stock|sisa|ready|isi|ada(?: lagi)?)\b ?\d|\b\d+ ?(?:pcs|pc)\b"
    r"|\b(?:stok|stock|sisa|ready|redy|ada lagi)\b(?: [a-z]+){0,2} \d+ ?(?:keping|lembar|biji|buah|set)\b"
    r"|^\W*(?:stok|stock|ready|sedia|tersedia) (?:untuk|buat|bagi) (?:\w+ )?(?:yang|yg|operator|reseller|agen|kakak|anda|kamu)\b"
    # the seller's own act ("kami jual")
    r"|\b(?:kami|ane|saya|kita|aku|gue|gw) (?:jual|menjual|sediakan|menyediakan|bantu|buatkan|bikinin|cetakkan|uruskan)\b"
    # a minimum order, the seller's terms and urgency
    r"|\b(?:min|minimal)\.? ?(?:order|beli|pembelian|ambil|\d)|\bambil (?:banyak|\d+)|\bsiapa cepat dia dapat"
    r"|\bbayar (?:setelah|sesudah|kalau|pas) (?:jadi|barang|sampai)"
    # (hostile10) a buyer's own need counted or its payment offered ("Butuh 30 keping, bayar di muka"): a wanted
    # advert speaks in its own voice too, and a told-of line added ("Blangko sering habis.") must not make it a question
    r"|\b(?:butuh|perlu|cari|nyari|beli|borong)\b ?\d+ ?(?:keping|pcs|pc|lembar|biji|buah)\b|\bbayar (?:di muka|dimuka)\b")
#: (notice13) What a shop says of whatever it sells, with no amount: a stock's state ("stok terbatas", "stok ready"), a
#: sale word heading or closing the sentence ("Ready kak", "Jual"), a seller answering a buyer ("Penjual: Bisa kak").
#: The seller's voice only in a sentence that names the goods ("Blangko e-KTP ready kak"): a crawl wraps every listing
#: in the same lines ("Stok terbatas, buruan checkout!", a generic "Diskusi:" answering "bisa kirim hari ini?"), which
#: name nothing and so are nobody's voice: they made a notice copied into a shop an offer (holdout9's shape).
_SELLER_SAYS_OF_GOODS = re.compile(
    r"\b(?:stok|stock) (?:ready|banyak|terbatas|tinggal|masih)"
    r"|^\W*(?:ready|redy|jual|dijual|jualan|sedia|open po|open order|terima (?:order|orderan|pesanan))\b|\b(?:ready|redy)\W*$"
    r"|\b(?:ready|redy|sedia) (?:kak|ka|gan|sis|bos|bro|stok|stock|lagi|banyak)\b"
    r"|^\W*(?:[ja]|jawab|jawaban|penjual|seller)?\W*(?:iya|ya|bisa|ada|ga ada|gak ada|ready|asli|siap|boleh|ok|oke)\b\W+"
    r"(?:kak|ka|gan|sis|bos|bro|kakak|agan)\b")
#: (notice13) Shop chatter, said of whatever a shop sells: a Q&A's labelled lines ("Pembeli: ready kak?" / "Penjual:
#: Ready kak, silakan diorder."), the whole shop's stock ("Semua produk ready", "Stok selalu update"), a checkout urged
#: ("Stok terbatas, buruan checkout!").  Naming no goods, such a line is nobody's voice: a stock's state, a sale word or
#: an answer in it (``_SELLER_SAYS_OF_GOODS``) is the seller's only beside the goods.
_CHATTER = re.compile(r"^\W*(?:pembeli|penjual|seller|admin|t|j|tanya|jawab)\s*:|\b(?:semua|seluruh) (?:produk|barang|varian|item|stok)\b"
                      r"|\bstok selalu\b|\bcheckout\b|\bklik beli\b")
#: A way to buy any shop says (an order, a contact, shipping, COD, payment, haggling): the seller's own voice only in a
#: sentence that names the goods, since a shop's boilerplate ("Order sebelum jam 2 dikirim hari yang sama") says
#: nothing about what is on offer (the metamorphic suite appends it to reports too).
_SHOP_TERMS = re.compile(
    r"\b(?:chat|wa|whatsapp|japri|pm|dm|inbox|hubungi|kontak|telegram)\b|\b(?:order|orderan|checkout|minat|pesan)\b"
    r"|\bnego\b|\bgrosir\b|\breseller\b|\b(?:bisa|siap|free|gratis) (?:cod|kirim|ongkir)|\bkirim (?:ke seluruh|seluruh|pakai|pake|via|lewat|dengan)\b"
    r"|\bcod\b|\bongkir\b|\brekber\b|\bpembayaran (?:via|bisa|pakai)|\b(?:jne|jnt|sicepat|anteraja|gosend)\b"
    # (levers12; hostile12: only beside the goods) the shop's own stock said ("di sini ada blanko", "kami punya"): an
    # office or a resident says "di sini ada banyak warga yang antre", "kami punya stok formulir" as easily
    r"|\b(?:di sini|disini|kami|ane)\b (?:ada|ready|redy|sedia|tersedia|punya)\b(?! (?:yang|yg|ga|gak|tidak)\b)")


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


#: A shop's amount for shipping or a minimum spend ("Gratis ongkir min. belanja 50rb"): boilerplate, no price of goods.
_SHOP_AMOUNT = re.compile(r"\b(?:ongkir|belanja|voucher|diskon|cashback|potongan)\b[^.,]{0,20}?\d+ ?(?:rb|ribu|k)\b")


def _seller_speaks_of_itself(forms: tuple[str, str]) -> bool:
    """Whether a sentence is the seller vouching for itself, naming its own shop or pleading with the buyer: a warning
    or a report's word in it ("Hati-hati penipuan, kami seller terpercaya") tells of nothing."""
    words = set(_WORD.findall(forms[0])) | set(_WORD.findall(forms[1]))
    return not _VOUCHERS.isdisjoint(words) and any(map(_VOUCHING.search, forms))


def _in_own_voice(forms: tuple[str, str], names_goods: bool) -> bool:
    """Whether a sentence offers in the seller's own voice: the seller's offer words, no one else acting; a shop's terms
    only where it names the goods (``names_goods``); a sale denied or money lost is read past.  ``forms``: the sentence lower-cased as written and as the matcher
    spells it (:func:`told_of_voice`)."""
    forms = (_LOSS.sub(" ", _DENIED.sub(" ", _HEAD_LABEL.sub("", _SHOP_AMOUNT.sub(" ", forms[0])))),
             _LOSS.sub(" ", _DENIED.sub(" ", _SHOP_AMOUNT.sub(" ", forms[1]))))
    words = set(_WORD.findall(forms[0])) | set(_WORD.findall(forms[1]))
    if _SELLER_WORDS.isdisjoint(words) and not any(word[0].isdigit() for word in words):
        return False
    if _others_act(forms):
        return False
    if any(map(_SELLER_SAYS.search, forms)):
        return True
    if names_goods:
        return any(map(_SELLER_SAYS_OF_GOODS.search, forms)) or any(map(_SHOP_TERMS.search, forms))
    return _CHATTER.search(forms[0]) is None and any(map(_SELLER_SAYS_OF_GOODS.search, forms))


def _others_act(forms: tuple[str, str], others: frozenset[str] = _OTHERS) -> bool:
    """Whether someone other than the poster (one of ``others``) acts in a sentence ("penjualnya bilang ready", "pria
    yang menjual blangko"): the seller's own shop ("toko kami") and a Q&A's "Penjual:" label are the poster."""
    words = set(_WORD.findall(_OWN_SHOP.sub(" ", forms[0])))
    if _SPEAKER.match(forms[0]) is None:  # a Q&A's "Penjual:" label is the seller speaking, its spelling loses the colon
        words |= set(_WORD.findall(_OWN_SHOP.sub(" ", forms[1])))
    return not others.isdisjoint(words | {word[:-3] for word in words if word.endswith("nya")}) \
        or any(map(SOLD_BY_OTHERS.search, forms))


#: Those of ``_OTHERS`` that are someone acting, never the goods or their source: an account, a shop, a tout, an
#: advert, a man or the police are what related offers sell or name ("akun shopee verified KTP", "Calo KTP", "SIM
#: polisi", "foto KTP pria"), and "mau nawarin barang" is the poster's own offer.
_ACTORS = _OTHERS - {"akun", "toko", "lapak", "calo", "iklan", "polisi", "beredar", "seller", "penjual", "katanya", "pria",
                     "nawarin", "menawarkan"}
#: A buyer asking for a seller ("ada yg jual?", "ada yang menawarkan?"): no one else has acted yet.
_SELLER_ASKED_FOR = re.compile(r"\bada (?:yang|yg) (?:mau )?(?:me|men)?(?:jual|jualan|nawarin|menawarkan)\w*")
#: ... or an account, a shop or an advert selling ("akun FB itu jual blanko", "toko online berani pasang harga").
SHOP_SELLING = re.compile(r"\b(?:akun|toko|lapak|calo|iklan|olshop)\b(?: (?!kami|ane|saya|kita)\w+){0,3} (?:jual|menjual|jualan|nawarin"
                           r"|menawarkan|pasang|masang|memasang)\b")


#: ... or a person a report counts or points at selling ("seorang pria menjual blanko", "oknum pegawai menjual",
#: "dua pemuda menawarkan"): a man alone is what "foto KTP pria" sells, a man counted or pointed at is someone acting.
PERSON_SELLING = re.compile(r"\b(?:seorang|seorg|sejumlah|beberapa|para|dua|tiga|empat|oknum|si) (?:oknum )?(?:pria|wanita"
                             r"|perempuan|laki-laki|lelaki|pemuda|warga|pegawai|pelaku|orang|mahasiswa|honorer|petugas|ibu|bapak)"
                             r"\b(?: (?!kami|ane|saya|kita)\w+){0,3} (?:jual|menjual|jualan|nawarin|menawarkan|memperjualbelikan)\b")


def _tells_of_others(forms: tuple[str, str]) -> bool:
    """Whether a sentence tells of someone else's act: a report's narrative, which a heading a seller puts on its own
    offer does not bring (levers12)."""
    forms = (_SELLER_ASKED_FOR.sub(" ", forms[0]), _SELLER_ASKED_FOR.sub(" ", forms[1]))
    return _others_act(forms, _ACTORS) or any(map(SHOP_SELLING.search, forms)) or any(map(PERSON_SELLING.search, forms))


#: A purchase told as past ("kemarin saya beli", "dulu aku order"): a heading's words (``_HEAD_WORDS``) and, beside the
#: goods, a story (``_PAST_PURCHASE``).
_PAST_PURCHASE_WORDS = r"(?:pernah|sempat|kemarin|lalu|dulu) (?:saya|aku|gue|gw|ane) (?:beli|membeli|order|pesan)"
#: A discussion's, a question's or a report's heading words ("Diskusi", "Mau tanya", "Kenapa", "Laporan", "Thread"): a
#: sentence told of by these alone tells of something only when it names the goods ("Kenapa?" or "Laporan warga." on
#: its own line tells of nothing), while a report's narrative ("Terdakwa membantah …"), a warning or a shortage does.
_HEAD_WORDS = re.compile(r"\b(?:diskusi|berdiskusi|tanya jawab|pertanyaan|kenapa|mengapa|knp|kok bisa|(?:mau|mo|numpang|izin) (?:tanya|nanya)"
                         r"|thread|curhat|pengalaman|keluhan|mengeluh|ngeluh|laporan|lapor|kasus|perkara|menurut \w+|himbauan|imbauan"
                         # (precision12) a report asked for, a claim to sell, a purchase told as past: as a heading's
                         # words, they tell of something only beside the goods ("Laporkan seller nakal ke admin.")
                         r"|laporkan|report|ditindak|menindak|mengaku|ngaku|" + _PAST_PURCHASE_WORDS + r")\b")
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
#: (levers12) A heading's label opening a sentence ("Diskusi: stok untuk operator …", "Laporan stok: …"): the seller's
#: words after it are read as they open the sentence, as a seller's voice is read without the label.
_HEAD_LABEL = re.compile(r"^\W*(?:" + _HEAD_WORDS.pattern + r")(?: \w+){0,2}\s*:\s*")
#: A sale denied tells of something only of the goods ("Blanko KTP tidak dijual"), not of a shop's display.
_DENIALS = frozenset({"NOTSOLD", "NOTFORSALE"})
#: Tags naming goods a report tells of: an ID, a blank, a card, a civil document, population data, an office's stock.
GOODS_TAGS = frozenset({"KTP", "EKTP", "BLANGKO", "KOSONG", "IDMATERIAL", "SIZEKTP", "TYPEKTP", "FORGE", "READYID",
                        "PRINTEDID", "KARTU", "CHIP", "KK", "AKTA", "KIA", "CIVILDOC", "OTHERDOC", "NIK",
                        "OUTOFSTOCK", "DINASSTOCK", "EMPTYEMBLEM"})


#: A question of how or whether, asked of the goods ("bagaimana blangko bisa keluar dari gudang?", "apakah itu barang
#: bocoran?", "kenapa blanko bisa bocor?"): an asker's own words, which a heading a seller puts on an offer ("Kenapa?",
#: "Diskusi:") does not bring.
_ASKED_HOW = re.compile(r"\b(?:bagaimana|gimana|gmn|apakah|apa iya|kok|masa|emang|memang)\b"
                        r"|\b(?:kenapa|mengapa|knp)\b[^?]*\bbisa\b")
#: (levers12) What the goods are likened to ("sama persis kayak blanko di kecamatan", "kualitas sama dengan yang beredar
#: di Dukcapil"): a seller's standard, nothing told of; read past to the clause's end.
_COMPARED = re.compile(r"\b(?:sama|mirip|persis|setara|identik)\b(?: persis)? (?:kayak|kaya|kek|seperti|spt|dengan|dgn|sama)\b[^,.;!?]*")
#: How a sentence tells of something: not at all, by a heading's words over the goods alone ("Laporan: blangko e-KTP
#: kosong"), or by a report's own words (a narrative, a warning, a shortage, someone else's sale, a sale denied).
_NOT_TOLD, _HEADED, _TOLD = 0, 1, 2
#: (merge of precision12 and levers12) A victim's money lost ("Uang 300rb hilang", "tertipu 2 juta"), not a shop's
#: "dijamin gak rugi": a report's own words wherever it stands.
_MONEY_LOST = re.compile(rf"{_MONEY_GONE}|\b(?:{_CHEATED})\b")
#: (hostile12) A shop's after-sales terms: the order's trouble or terms named ("Kalau ada kendala lapor ke admin ya kak",
#: "Report ke admin kalau ada masalah pesanan", "Laporkan ke admin jika barang tidak sesuai", "… pakai rekber"): a report
#: asked of the platform or money lost said there is the seller's policy, no report's words (one such line appended made
#: a headed offer a report).  Not the reader addressed: a warning says "Laporkan akun itu ke Kominfo ya kak" too.
_AFTER_SALES = re.compile(r"\b(?:pesanan|orderan|cod|rekber|garansi|komplain|retur|refund|kendala|tidak sesuai)\b")
#: (hostile12) Money lost or a cheat denied ("uang tidak akan hilang", "anti ditipu", "dijamin gak kena tipu"): a shop's
#: reassurance, no victim's loss.
_LOSS_DENIED = re.compile(r"\b(?:tidak|tak|gak|ga|nggak|ngga|enggak|anti|bebas|aman dari|dijamin)\b(?: \w+){0,2}?"
                          rf" (?:{_GONE}|{_CHEATED})\b")


def _without_loss_denied(forms: tuple[str, str]) -> tuple[str, str]:
    """``forms`` with money lost or a cheat denied read past (``_LOSS_DENIED``)."""
    return _LOSS_DENIED.sub(" ", forms[0]), _LOSS_DENIED.sub(" ", forms[1])


#: A purchase told as past (precision12's heading words): beside the goods it is a story, which levers12's count of
#: a seller's heads must not take for a heading's label ("Pengalaman beli …" + "Dulu saya beli blanko KTP el …").
_PAST_PURCHASE = re.compile(rf"\b{_PAST_PURCHASE_WORDS}\b")


def _tells_of(forms: tuple[str, str], tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> int:
    """How a sentence (``forms``: as written and as ``spelled``) tells of something: a report's, a question's or a
    warning's words, a sale denied or a shortage in one of its clauses (``_TOLD``), heading words only with the goods
    named (``_HEADED``); not a police report skipped ("tanpa surat kehilangan dari polisi", "ga usah lapor polisi") nor
    the buyer's questions invited ("tanya-tanya boleh")."""
    forms = (_SKIPPED_REPORT.sub(" ", forms[0]), _SKIPPED_REPORT.sub(" ", forms[1]))
    if any(map(_ASKERS_ADDRESSED.search, forms)):
        return _NOT_TOLD
    if (any(map(_REPORTED_TO.search, forms)) or any(map(_MONEY_LOST.search, _without_loss_denied(forms)))) \
            and not any(map(_AFTER_SALES.search, forms)):
        return _TOLD  # the reader told where to turn, or a victim's money lost: a report's own words
    forms = (_COMPARED.sub(" ", forms[0]), _COMPARED.sub(" ", forms[1]))
    tags = tags_of_clauses(forms[0], tags_of, spelled)
    if not _told_in(forms, tags):
        return _NOT_TOLD
    # the heading words read past as the matcher spells them too ("berpengalaman" is "ber pengalaman")
    rests = (_HEAD_WORDS.sub(" ", forms[0]), _HEAD_WORDS.sub(" ", forms[1]))
    rest_tags = tags_of_clauses(rests[0], tags_of, lambda clause: _HEAD_WORDS.sub(" ", spelled(clause)))
    if _told_in(rests, rest_tags - _DENIALS):
        return _TOLD
    if GOODS_TAGS.isdisjoint(tags):
        return _TOLD if _tells_of_others(forms) else _NOT_TOLD  # another's act, its goods named before ("toko itu masang harga")
    if _told_in(rests, rest_tags) or _tells_of_others(forms) \
            or ("?" in forms[0] and any(map(_ASKED_HOW.search, forms))) or any(map(_PAST_PURCHASE.search, forms)):
        return _TOLD  # of the goods: a sale denied ("Blanko KTP tidak dijual"), another's act, how or whether it is so,
        # the goods bought once told as a story ("Dulu saya beli blanko KTP el di marketplace")
    return _HEADED


def tags_of_clauses(sentence: str, tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> frozenset[str]:
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
    told, headed, voiced = 0, 0, False
    for text in (title, description):
        for match in SENTENCE.finditer(text.lower()):
            sentence = match.group(0)
            forms = (sentence, spelled(sentence))
            if "?" not in sentence and _in_own_voice(forms, not GOODS_TAGS.isdisjoint(tags_of_clauses(sentence, tags_of, spelled))):
                return False  # read before the seller's vouching: "Punya kami asli, 190rb per keping" prices its goods
            if _seller_speaks_of_itself(forms):
                continue
            how = _tells_of(forms, tags_of, spelled)
            told += how == _TOLD
            headed += how == _HEADED
            voiced = voiced or (headed > 1 and speaks_as_notice(forms, office=False))
    return _reported(told, headed, voiced)


def _reported(told: int, headed: int, voiced: bool) -> bool:
    """Whether a listing's tellings make it a report: two, a heading's over the goods counted once (a headline), and
    not at all when every field has its own heading (a seller's two heads) unless some sentence speaks as a notice, a
    newsroom or residents of a place do (``voiced``: "Keluhan warga Kecamatan Sukajadi: …"), not merely an office acting, which a
    seller appends as easily ("Dukcapil menegaskan stok aman")."""
    return told + (headed == 1 or (headed > 1 and voiced)) >= 2


# --- (levers12) a notice's voice under a genre heading ---------------------------------------------------------------
#: The words of a genre heading that may stand before a title's subject ("Pengumuman: …", "Berita: …", "Info: …").
GENRE_HEADS = frozenset({"pengumuman", "berita", "info", "informasi", "artikel", "warta", "kabar", "pemberitahuan",
                         "himbauan", "imbauan", "edaran", "siaran", "press"})
#: Words one of ``_NOTICE_SAYS`` holds (a gate: most sentences hold none and are not read further).
_NOTICE_WORDS = frozenset({
    "warga", "masyarakat", "pemohon", "sahabat", "silakan", "silahkan", "dipersilakan", "harap", "diharapkan", "hanya", "diberitahukan",
    "diinformasikan", "disampaikan", "diumumkan", "dihimbau", "diimbau", "dukcapil", "disdukcapil", "dinas", "kemendagri",
    "kecamatan", "kelurahan", "kabupaten", "provinsi", "pemprov", "pemerintah", "pemkab", "pemkot", "pemda", "petugas", "kepala", "camat", "lurah", "kades",
    "ombudsman", "dprd", "polisi", "polda", "polres", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    "pukul", "tanggal", "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "jam", "dilansir", "dikutip", "ditemui", "ujarnya", "kata", "ungkapnya",
    "tuturnya", "jelasnya", "tidak", "tanpa", "artikel", "stok", "kliping", "koran", "infografis", "liputan", "ant"})
#: An office's or a newsroom's notice speaking (levers12): residents and applicants addressed or spoken of, the notice's
#: own verbs ("diberitahukan", "disampaikan"), an office acting as the subject ("Disdukcapil Kabupaten Sleman akan
#: melaksanakan", "Kemendagri memastikan"), a date or hour of service ("Sabtu 12 Desember", "pukul 08.00", "(7/12)"),
#: a newsroom's sources ("dilansir", "saat ditemui", "ujarnya", "(ant)"), a service free of charge ("tidak dipungut
#: biaya"), a publication named first ("Artikel koran lokal tentang …").
_NOTICE_SAYS = re.compile(
    # residents addressed or spoken of as the notice's subject ("kepada warga Kecamatan …", "warga yang sudah rekam",
    # "ratusan warga antre"), not a card's or data's name ("kartu tanda penduduk", "data warga", "warga negara asing")
    r"\b(?:kepada|bagi|kagem) (?:para |seluruh |bapak/ibu )?(?:warga|masyarakat)\b(?! (?:negara|asing|luar)\b)"
    r"|\b(?:warga|masyarakat)\b(?: (?:desa|kelurahan|kecamatan|kabupaten|kota|dusun|rt|rw)(?: [\w.]+)?)? (?:yang|yg|bisa|dapat"
    r"|diminta|diharap\w*|silakan|silahkan|datang|mengeluh\w*|keluhkan|diberi\w*|tidak perlu|rela|antre|antri|menunggu|masih|dihimbau|diimbau)\b"
    r"|\b(?:ratusan|ribuan|puluhan|seorang|para|sejumlah) (?:warga|pemohon)\b|\bpemohon\b|\bsahabat dukcapil\b"
    r"|\b(?:diberitahukan|diinformasikan|disampaikan|diumumkan|dihimbau|diimbau)\b"
    # residents sent to the office ("Silakan cetak di kecamatan", "silakan datang ke kantor kelurahan")
    r"|\b(?:silakan|silahkan|dipersilakan|harap|diharapkan)\b[^.]{0,30}\b(?:ke|di) (?:kantor (?:desa|kelurahan|kecamatan)|kecamatan"
    r"|kelurahan|dinas|dukcapil|disdukcapil|balai desa|loket)\b"
    # the office the only place ("blanko KTP-el hanya dicetak di kantor dukcapil")
    r"|\bhanya (?:dicetak|dilayani|diproses|diurus) di\b"
    # residents of a place named ("Keluhan warga Kecamatan Sukajadi: …"; a bare "Laporan warga:" is a heading anyone adds)
    r"|\b(?:warga|masyarakat) (?:desa|kelurahan|kecamatan|kabupaten|dusun|rt|rw)"
    r" (?!(?:yang|yg|untuk|buat|bagi|dan|atau|di|ke|dari|sini|lain|ini|itu|sendiri)\b)[\w.]+")
#: An office acting as the subject ("Disdukcapil Kabupaten Sleman akan melaksanakan", "Kemendagri mendistribusikan",
#: "Camat menyebut"), not vouching for the goods ("Dukcapil memastikan kualitas sama" is a seller's line; the office's
#: supply or service is not): a notice's voice, but not one that makes two headings a report (a seller appends it).
_OFFICE_ACTS = re.compile(
    r"\b(?:dukcapil|disdukcapil|dinas|kemendagri|kecamatan|kelurahan|kabupaten|provinsi|pemerintah|pemkab|pemkot|pemprov"
    r"|pemda|petugas|kepala \w+"
    r"|camat|lurah|kades|ombudsman|dprd|polisi|polda|polres)\b(?: (?!dan\b|atau\b)[\w.]+){0,3}? (?:akan |telah |sudah |masih )?"
    r"(?:(?!memastikan|mentah)(?:me|mem|men|meng|meny)[a-z]{3,}|memastikan (?:stok|distribusi|ketersediaan|pasokan|layanan"
    r"|pelayanan))\b")
#: ... and a notice's days and sources.
_NOTICE_SAYS_MORE = re.compile(
    # a day, a date or an hour of a service ("pelayanan cetak KTP-el dibuka hari Sabtu 12 Desember", "diambil di kantor
    # desa pada jam kerja"), not a shop's hours ("Admin online setiap hari pukul 9 pagi")
    r"\b(?:pelayanan|layanan|pengambilan|perekaman|pencetakan|rekam|dibuka|dilaksanakan|diambil|antre|antrean|jemput bola)\b"
    r"[^.]*(?:\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b,? ?(?:\(?\d|mulai|pukul|jam)|\bpukul \d|\btanggal \d"
    r"|\b\d{1,2} (?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b"
    r"|\bjam (?:kerja|layanan|pelayanan)\b)"
    r"|(?:\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b,? ?(?:\(?\d|mulai|pukul|jam)|\bpukul \d|\btanggal \d"
    r"|\b\d{1,2} (?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b)"
    r"[^.]*\b(?:pelayanan|layanan|pengambilan|perekaman|pencetakan|rekam|dibuka|dilaksanakan|diambil|antre|antrean)\b"
    r"|\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)"
    r"|\b(?:dilansir|dikutip|saat ditemui|ujarnya|ungkapnya|tuturnya|jelasnya)\b|\((?:ant|antara)\)|\(\w{2,4}/ant\)"
    r"|\b(?:tidak|tanpa) (?:dipungut biaya|ada pungutan|ada biaya)\b(?! tambahan)"
    # the state's own stock ("Stok nasional aman hingga akhir tahun", "stok blangko provinsi")
    r"|\bstok (?:blangko |blanko )?(?:nasional|provinsi|daerah)\b")
#: A genre heading's label opening the title ("Pengumuman: ", "PENGUMUMAN!!! ", "Info penting - "): the words after it
#: are read as they open the sentence, so a seller's "Ready kak" keeps its voice under it.
_GENRE_LABEL = re.compile(r"^\W*(?:" + "|".join(sorted(GENRE_HEADS)) + r")\b(?: [\w-]+){0,3}?\s*(?:[:|!]+|\s[-–—])\s*")
#: A newsroom's dateline opening the body ("KARAWANG - …", "JAKARTA, KOMPAS.com - …"), read as written (capitals); not
#: a shop's capitals ("COD - Jabodetabek", "READY - …").
_DATELINE = re.compile(r"^\W*(?!(?:COD|READY|READY STOK|PROMO|SALE|NEW|ORI|OPEN|STOK|STOCK|INFO|PENGUMUMAN|BLANKO|BLANGKO|KTP|HOT"
                       r"|DISKON|FREE|JUAL|BONUS|NOTE|PENTING)\b)[A-Z]{3,}(?: [A-Z]{3,})*(?:, [\w.]+)? ?[-–—] ")



def speaks_as_notice(forms: tuple[str, str], office: bool = True) -> bool:
    """Whether a sentence (as written and as the matcher spells it: "k*e*c*a*m*a*t*a*n" is "kecamatan") speaks as an
    office's or a newsroom's notice (``_NOTICE_SAYS``; with ``office``, an office acting too), after a word-set gate."""
    if _NOTICE_WORDS.isdisjoint(_WORD.findall(forms[0])) and _NOTICE_WORDS.isdisjoint(_WORD.findall(forms[1])):
        return False
    patterns = (_NOTICE_SAYS, _NOTICE_SAYS_MORE, _OFFICE_ACTS) if office else (_NOTICE_SAYS, _NOTICE_SAYS_MORE)
    return any(pattern.search(form) for pattern in patterns for form in forms)


@lru_cache(maxsize=1024)
def notice_voice(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                 spelled: Callable[[str], str]) -> bool:
    """Whether a listing under a genre heading ("Pengumuman: …", "Berita: …") speaks as a real notice: it speaks as an
    office or a newsroom in some sentence (``_NOTICE_SAYS``, a dateline), or tells of the goods as a report does, twice
    (:func:`_tells_of`, a heading's words counted once: one told-of line a seller adds is no report), and no sentence that
    is no question offers in the seller's own voice or vouches for the seller.  A seller who heads any offer with
    "Pengumuman:" keeps the seller's voice ("harga 160rb/pcs", "Ready kak", "kami jual"), and an offer with none (a
    bare "ksng, ori") brings no notice's words: either way the heading is read past (levers12).  A source named in the
    heading alone ("Info dari Dukcapil: …") is no notice's voice: a seller writes it as easily as "Pengumuman:"."""
    noticed, told, headed = _DATELINE.match(description) is not None, 0, 0
    for text in (_GENRE_LABEL.sub("", title.lower()), _GENRE_LABEL.sub("", description.lower())):
        for match in SENTENCE.finditer(text):
            sentence = _SHOP_AMOUNT.sub(" ", match.group(0))
            forms = (sentence, spelled(sentence))
            names_goods = not GOODS_TAGS.isdisjoint(tags_of_clauses(sentence, tags_of, spelled))
            if "?" not in sentence and _in_own_voice(forms, names_goods):
                return False
            if _seller_speaks_of_itself(forms):
                continue  # a shop's greeting or vouching ("Selamat datang di toko kami") offers nothing, tells nothing
            noticed = noticed or speaks_as_notice(forms)
            how = _tells_of(forms, tags_of, spelled) if names_goods else _NOT_TOLD
            told += how == _TOLD
            headed += how == _HEADED
    return noticed or _reported(told, headed, voiced=False)
