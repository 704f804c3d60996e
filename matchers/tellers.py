"""Who tells of the blank, sentence by sentence: a police or an office heading a headline, a victim, someone quoted
without quotation marks, a law, a story of one's own KTP (precision15).

:mod:`matchers.others_voices` reads a listing read blank as no offer when every sentence naming the blank is asked,
refused, quoted or told of.  Fresh non-offers written in many voices (``corpus/precision15_a``) and the retired holdouts'
misreads showed where a teller's sentence still read as a seller's or a plain product phrase, and what the grammar says
of who speaks there:

* *a headline's actor*: a police force, an office, a court or a ministry as the subject of a verb heading the sentence
  ("Polresta ungkap jual beli blangko …", "Dispendukcapil terima 5.000 keping blangko …"): a product phrase has no
  actor and no verb;
* *reported speech*: a third party (the seller spoken of as "penjualnya", the culprit, "dia") saying, offering or
  pricing, with what follows its verb its words ("Penjualnya bilang blanko asli, harga 125rb"): the price is theirs;
* *a seizure*: the blank seized or kept as evidence ("disita 300 keping blangko yang dijual 90rb"): the police's count;
* *a law*: the trade named a crime ("termasuk pidana", "ilegal", "kajian hukum"), not denied;
* *a victim*: the writer cheated ("saya korban penipuan …", "kemarin saya ketipu");
* *a story*: the writer's own e-KTP ("KTP-el ku"), the writer registering or waiting for the print ("aku rekam bulan
  Maret", "abdi tos dua bulan teu acan dicetak");
* *a shortage* named as a noun ("kekurangan blangko", "krisis blangko");
* *a seller dealt with*: a seller of blanks as the other party of the writer's act ("chat gue sama penjual blanko").

Each is read only where a seller's voice is not (:func:`matchers.notice_speaker.sellers` runs first, except for
reported speech and seizures, whose price is the third party's), and a denial before it ("bukan korban", "tidak ilegal")
undoes it.  A sentence that names none of the blank's goods (an account, a suket, a KK brought) and no seller speaks
says nothing of the blank (:func:`names_only_other_documents`), and such a sentence that tells (a victim, an office's notice, a
report asked of an admin) backs a telling of the goods (:func:`tells_without_goods`).

The title's crawl wrapping is read past (:func:`said_title`): a shop tag in brackets heading it ("[READY]") and a
shop's name after a spaced dash ("… - Grosir Jaya 88"), each segment read as its own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from matchers.notice_speaker import DENIED_BEFORE, said
from matchers.told_voice import speaks_as_notice

#: The blank's goods: a blank, an e-KTP or a KTP, a blank or unprinted state, an ID's material, a chip, a KTP's size or
#: kind, an office's stock of blanks: named before a telling, they stand outside it.
THE_BLANK = frozenset({"BLANGKO", "EKTP", "KTP", "KOSONG", "IDMATERIAL", "SIZEKTP", "TYPEKTP", "READYID", "PRINTEDID",
                       "CHIP", "DINASSTOCK", "EMPTYEMBLEM", "OUTOFSTOCK"})
#: Goods a sentence may name without offering anything of the blank or of a forger: an account, a KK, a civil record,
#: a suket, an app ("Cek info di akun resmi kami", "saiki nganggo suket disik", "bawa KK").  A forger's words (usable,
#: custom data, fake), a fast track, speed, a verified account or the blank's own goods are named as offers are.
_MERELY_NAMED = frozenset({"AKUN", "KK", "AKTA", "KIA", "CIVILDOC", "OTHERDOC", "SOFTWARE"})
#: Speed named alone ("cerita sehari-hari", "proses cepat"): speed of no document named is no goods.
_SPEED = frozenset({"SHORTCUT"})


#: Tags that make a document named a product offered or made: a sale, a service, another product (a template of a KK is
#: an edit file, a hard negative's tag beside the document).
_OFFERED = frozenset({"SALE", "SERVICE"})


def names_only_other_documents(tags: frozenset[str], goods: frozenset[str]) -> bool:
    """Whether a sentence (its tags, and those among the ID goods) names only an account or another document
    (``_MERELY_NAMED``) with no sale, service or other product beside it, or speed alone: in no seller's voice, such a
    sentence says nothing of the blank ("Cek info di akun resmi kami", "cerita sehari-hari")."""
    if not goods:
        return False
    if goods == _SPEED:
        return True
    return goods <= _MERELY_NAMED and _OFFERED.isdisjoint(tags) and not any(tag.startswith("NEG") for tag in tags)


#: A shop tag in brackets heading a title ("[READY]", "[PROMO]", "【NEW】"): a crawl's or a shop's label on every listing,
#: no goods named.  A sale word in brackets ("[Jual]", "[WTB]") is the poster's own and is kept.
_SHOP_TAG = re.compile(r"^\W*?[\[【(](?:ready(?: stok| stock)?|promo|new|hot|sale|ori|original|cod|best seller|terlaris"
                       r"|diskon|flash sale|free ongkir|gratis ongkir)[\]】)]\s*", re.IGNORECASE)
#: A spaced dash, pipe or bullet parting a title's segments ("Berita: … - Grosir Jaya 88", "akun • Instagram").
_TITLE_PARTS = re.compile(r"\s+[-–—|•]\s+")


#: A question's or an answer's label inside a title ("Blanko KTP kosongan J: …", "… T: ada?"): a Q&A run on into the
#: title, another speaker's turn, which opens a line of its own (precision16: the words before it are the title's own,
#: not the answer's).
_TURN_INSIDE = re.compile(r"(?<=\S)\s+(?=(?:j|a|q|t|jawab|jawaban|tanya)\s*:\s)", re.IGNORECASE)


def said_title(title: str) -> str:
    """A title as its poster says it: a shop tag heading it read past, its segments one line each (a shop's name after
    a dash is then a line naming no goods, and a sentence's speaker head stands at its line's start), and each Q&A
    label inside it opening a line (``_TURN_INSIDE``)."""
    said = _TITLE_PARTS.sub("\n", _SHOP_TAG.sub("", title, count=1))
    return _TURN_INSIDE.sub("\n", said) if ":" in said else said


#: A police force, an office, a court or a ministry heading a sentence as the subject of a verb: a headline's bare verb
#: ("Polresta ungkap …", "Dukcapil terima …", "Kemendagri kirim …") or an active one ("Polres Bogor mengamankan …").
_HEADLINE = re.compile(
    r"^\W*(?:polresta|polres|polda|polsek|polisi|kepolisian|bareskrim|dukcapil|disdukcapil|dispendukcapil"
    r"|dispenduk|kemendagri|mendagri|ditjen|dirjen|pemkab|pemkot|pemprov|jaksa|hakim|pengadilan"
    r"|ombudsman|dprd|kominfo|camat|lurah|bupati|gubernur|kecamatan|kelurahan)\b(?: (?!dan\b|atau\b|yang\b)[\w.]+){0,3}? "
    r"(?:ungkap|bongkar|tangkap|ciduk|amankan|sita|terima|kirim|salurkan|distribusikan|bagikan|tegaskan"
    r"|tahan|vonis|(?!memastikan|menjamin|mentah)(?:me|mem|men|meng|meny)[a-z]{3,})\b")
#: A third party saying, offering or pricing, heading a sentence or a clause: the seller spoken of ("penjualnya",
#: "penjual itu"), the culprit, a tout, "dia"/"mereka", an account or a person pointed at.  A Q&A's "Penjual:" label
#: is the seller speaking (a colon, no verb).
_REPORTED_SPEECH = re.compile(
    r"(?:^|[,;] )\W*(?:penjualnya|penjual (?:itu|tersebut|tadi)|pelaku(?:nya)?|penipu(?:nya)?|tersangka|terdakwa|oknum"
    r"|calo(?:nya)?|dia|mereka|akun (?:itu|tersebut)|orang (?:itu|tersebut)|si penjual)"
    r"(?: (?:itu|tersebut|tadi|juga|lalu|terus|sempat|pun))* (?:bilang|nulis|menulis|mengaku|ngaku|janji"
    r"|menjanjikan|menawarkan|nawarin|mematok|minta|meminta|pasang harga|memasang harga|jual|menjual|jualan)\b")
#: The blank seized or kept as evidence ("disita 300 keping", "barang bukti ratusan lembar"): the police's count ("bukan barang
#: sitaan", "diamankan dalam kardus" are a seller's).
_SEIZED = re.compile(r"\b(?:disita|menyita|barang bukti)\b")
#: The trade named a crime or a matter of law ("termasuk pidana", "ilegal", "melanggar UU", "kajian hukum", "apa sanksinya?").
_LAW = re.compile(r"\b(?:ilegal|illegal|pidana|dipidana|penjara|sanksi\w*|melanggar (?:hukum|uu|aturan)"
                  r"|(?:kajian|ancaman|jerat) hukum|dijerat|terancam (?:pidana|penjara))\b")
#: The writer cheated ("saya korban penipuan", "kemarin saya ketipu", "teman saya tertipu").
_VICTIM = re.compile(r"\b(?:saya|aku|gue|gw|ane|kami|sy|teman saya|temen gue|temen saya|keluarga saya)\b"
                     r"(?: (?!bukan|tidak|tak|gak|ga|nggak|belum|anti)\w+){0,2}? "
                     r"(?:jadi |menjadi )?(?:korban|ketipu|tertipu|ditipu|kena tipu|kena scam)\b")
#: A story of one's own e-KTP: "KTP-el ku", or the writer registering, queuing or waiting for the print ("aku rekam …",
#: "abdi tos dua bulan teu acan dicetak", "saya belum dicetak").
_OWN_STORY = re.compile(
    r"\b(?:e ktp|ektp|ktpel|ktp el|e-ktp|ktp-el) ?ku\b"
    r"|^\W*(?:saya|aku|abdi|kula|gue|gw|ane|ambo|awak|sy)\b(?: (?!jual|jamin|pastikan|garansi)\w+){0,4}? "
    r"(?:(?:belum|blm|teu acan|durung|urung|alun|acan) (?:dicetak|tercetak|jadi|keluar)|rekam|antre|antri|ngantri)\b")
#: A shortage named as a noun heading the goods ("kekurangan blangko", "krisis blangko e-KTP"), not a seller's condition
#: ("bila instansi kekurangan …").
_SHORTAGE_NOUN = re.compile(r"(?<!bila )(?<!jika )(?<!kalau )(?<!kalo )(?<!saat )(?<!yang )(?<!yg )\b(?:kekurangan|krisis"
                            r"|kelangkaan) (?:stok |stock )?(?:bl\S*|ktp|e-ktp|ktp-el|ktpel|e ktp|bahan)")
#: A seller of blanks as the other party of the writer's act ("chat gue sama penjual blanko", "beli dari penjual …") or
#: reported ("Laporan penjual blangko", "melaporkan toko ini").
_SELLER_DEALT_WITH = re.compile(r"\b(?:sama|dengan|dgn|dari|ke|kepada|oleh) (?:si |para |seorang |oknum )?penjual\b"
                                r"|\b(?:laporan|lapor|laporkan|melaporkan|report)\b (?:\w+ )?(?:penjual|toko|akun|lapak|seller)\b")


#: (precision17) Residents told to fetch their own e-KTP, at the office or with their registration's proof ("silakan
#: ambil KTP Anda", "KTP-el sudah bisa diambil", "mendhet KTP wonten kecamatan", "dengan membawa bukti rekam", "nyandak KTP … bawa resi
#: rekamanana", "manjapuik KTP"): the card is the reader's own, issued, and the office hands it out; a seller sends its
#: goods to the buyer, it does not tell the buyer to come for a KTP of their own, nor asks the proof of a registration.
_COLLECTED = re.compile(
    r"\b(?:ambil|mengambil|diambil|pengambilan|jemput|menjemput|mendhet|nyandak|manjapuik)\b(?: (?:e ktp|ektp|ktpel|ktp)"
    r"(?:[ -]?el)?(?:nya)?)(?: (?:anda|kamu|warga|bapak ibu|panjenengan|sampeyan)\b|(?: [\w-]+){0,2}? (?:di|ke|ing|wonten) (?:kantor"
    r"|kelurahan|kecamatan|kacamatan|balai|desa|dukcapil|disdukcapil|dinas|mpp)\b)"
    r"|\b(?:membawa|bawa|bao) (?:bukti (?:rekam|perekaman)|resi(?: rekam\w*| perekaman)?\b|surat keterangan perekaman)"
    r"|\b(?:e ktp|ektp|ktpel|ktp)(?:[ -]?el)?(?:nya| warga| anda)? (?:sudah |sdh |udah )?(?:bisa |dapat |boleh )?diambil\b")
#: (precision17) The writer's money paid ("udah transfer 900rb", "sudah bayar Rp 1,2 juta", "tf 500rb"): in a victim's
#: sentence, the amount the victim lost, not the seller's price.
_PAID_AMOUNT = re.compile(r"\b(?:transfer|tf|trf|bayar|membayar|dibayar|kirim uang|ngirim uang)\b(?: (?:dulu|duluan|sebesar"
                          r"|uang|sejumlah|total))? (?:rp\.? ?)?\d[\d.,]*(?: ?(?:rb|ribu|k|jt|juta))?\b")


#: Whether some words name the blank's goods (the caller's tagging).
NamesBlank = Callable[[str], bool]


#: A condition opening the clause ("bila instansi kekurangan blangko", "kalau takut jadi korban penipu"): a seller's
#: pitch of what it solves, no telling.
_CONDITION = re.compile(r"\b(?:bila|jika|kalau|kalo|klo|apabila)\b[^,.;!?]*$")


def _tells_first(patterns: tuple[re.Pattern[str], ...], forms: tuple[str, str], names_blank: NamesBlank) -> bool:
    """Whether one of ``patterns`` matches in a sentence with no denial right before it, no condition opening its clause
    and no blank named before it: a product phrase the telling follows ("BLANKO KTP-EL 2026 saya korban penipuan …", a title with a line run on) is
    the seller's, outside the telling."""
    return any(DENIED_BEFORE.search(form[:match.start()]) is None and _CONDITION.search(form[:match.start()]) is None
               and not names_blank(form[:match.start()])
               for pattern in patterns for form in forms for match in pattern.finditer(form))


def opens_reported_speech(text: str) -> bool:
    """Whether some words open with a third party saying, offering or pricing (``_REPORTED_SPEECH``): what follows its
    verb are its words, so a quotation before them is not what it frames (precision16)."""
    return _REPORTED_SPEECH.match(text.lstrip(" ,;:-")) is not None


def tells_as_reporter(forms: tuple[str, str], names_blank: NamesBlank) -> bool:
    """Whether a sentence's price or stock is a third party's: reported speech or a seizure (read before a seller's
    voice is, since the amount in it is someone else's)."""
    return _tells_first((_REPORTED_SPEECH, _SEIZED), forms, names_blank)


def without_victims_payment(sentence: str, names_blank: NamesBlank) -> str:
    """A victim's sentence with the money the writer paid read past (``_PAID_AMOUNT`` after ``_VICTIM``: "saya tertipu
    akun yang jual blangko KTP, udah transfer 900rb"): a seller's price is what a buyer is asked, a victim's amount is
    what was lost; any other amount, and the seller's voice of the rest, stays.  Other sentences are returned as they
    are (precision17)."""
    if not _PAID_AMOUNT.search(sentence) or not _tells_first((_VICTIM,), (sentence, sentence), names_blank):
        return sentence
    return _PAID_AMOUNT.sub(" ", sentence)


#: The trade named as a noun or a verb's act ("jual beli blangko", "penjualan blangko", "memperjualbelikan"): the goods
#: after it are the trade's object, the subject a law's verdict speaks of.
_TRADE = re.compile(r"\b(?:jual beli|penjualan|peredaran|pembelian|memperjualbelikan|diperjualbelikan)\b")


def tells_of_law(forms: tuple[str, str], names_blank: NamesBlank) -> bool:
    """Whether a sentence names the trade a crime or a matter of law (``_LAW``), not denied: read before a seller's
    voice, since "jual beli blangko" opens it as a sale word opens an offer.  The goods may stand before the verdict
    where the trade names them ("jual beli blangko KTP-el termasuk pidana")."""
    return _tells_first((_LAW,), forms, lambda text: names_blank(_before_trade(text)))


def _before_trade(text: str) -> str:
    """The words before the first trade named in ``text`` (all of them when none is): the goods after it are its object."""
    trade = _TRADE.search(text)
    return text[:trade.start()] if trade else text


#: A chat log named as a noun ("ini chat penipu", "isi chat sama pelaku", "screenshot chat penjualnya"): a report's
#: exhibit, not a seller's "chat admin".
_CHAT_LOG = re.compile(r"\b(?:ini |isi |bukti |ss |screenshot )?chat(?:nya)? (?:si |sama |dengan |dgn |dari )?"
                       r"(?:penipu\w*|pelaku\w*|penjual\w*|oknum)\b")


def without_chat_log(sentence: str) -> str:
    """A sentence with a chat log named as a noun read past (``_CHAT_LOG``)."""
    return _CHAT_LOG.sub(" ", sentence)


_TELLINGS = (_LAW, _VICTIM, _OWN_STORY, _SHORTAGE_NOUN, _SELLER_DEALT_WITH, _COLLECTED)


def tells_as_teller(forms: tuple[str, str], names_blank: NamesBlank) -> bool:
    """Whether a sentence in no seller's voice tells of the blank as a headline, a law, a victim, a story, a shortage
    or a dealing with a seller does (module docstring), not right after a denial nor after the goods named."""
    return any(_HEADLINE.match(form) is not None for form in forms) or _tells_first(_TELLINGS, forms, names_blank)


#: A sale of what a sentence names denied or barred ("tidak boleh diperjualbelikan"), an admin asked to act ("mohon
#: admin marketplace menindak"): a report's words without the goods.
_ADMIN_ASKED = re.compile(r"\b(?:mohon|tolong|minta)\b(?: \w+){0,3}? (?:menindak|tindak|hapus|blokir|ditindak|diblokir"
                          r"|dihapus)\b")


def tells_without_goods(forms: tuple[str, str]) -> bool:
    """Whether a sentence naming no goods tells as a victim, a report asking an admin or an office's notice does: it
    backs a telling of the goods in the listing (a second telling), never stands for one.  A warning, a law, a supply
    or a sale denied is not enough: a shop says "Hati-hati penipuan", "tidak untuk tindakan melanggar hukum", "stok
    aman", "barang sudah datang" of its own goods."""
    return any(said(_VICTIM, form) or _ADMIN_ASKED.search(form) or _OPINION_ASKED.search(form) for form in forms) \
        or speaks_as_notice(forms)


#: An amount said gone ("total 875rb melayang", "2 juta raib"): a victim's loss, no price.
_AMOUNT_GONE = re.compile(r"\d ?(?:rb|ribu|k|jt|juta)\b[^.,;]{0,15}?\b(?:hilang|raib|melayang|lenyap|amblas|ludes)\b")


def is_money_lost(sentence: str) -> bool:
    """Whether a sentence says an amount gone (``_AMOUNT_GONE``): the poster's loss, not the seller's price."""
    return _AMOUNT_GONE.search(sentence) is not None


#: A title opened by asking ("Tanya blangko KTP-el di toko ini", "Nanya soal …"), not a seller inviting questions
#: ("Tanya dulu boleh", "tanya admin").
_ASKS = re.compile(r"^\W*(?:tanya|nanya|menanyakan)\b(?!-| (?:dulu|aja|saja|boleh|langsung|admin|penjual|seller|stok"
                   r"|harga|kak|gan|sis|ke)\b)")


def opens_asking(sentence: str) -> bool:
    """Whether a title's sentence opens by asking (``_ASKS``)."""
    return _ASKS.match(sentence) is not None


#: (precision17) A question whether anyone has done or knows something ("Ada yang pernah?", "ada yg tau caranya?"):
#: asked of the readers, so no yes of the poster to its own question ("ada." answering "kosong?").
_ASKS_ANYONE = re.compile(r"^\W*ada (?:yang|yg)\b[^?]*\?")


def asks_anyone(sentence: str) -> bool:
    """Whether a sentence asks the readers whether anyone has done or knows something (``_ASKS_ANYONE``)."""
    return _ASKS_ANYONE.match(sentence) is not None


#: (precision17) A marketplace's discussion block opening ("Diskusi:", "Diskusi produk", "Tanya jawab:", "Ulasan:"), a
#: line of its own: the turns under it are the page's generic questions and answers ("Putu: masih ada kak?" / "Toko:
#: ready kak"), which a crawl puts under every listing.
_DISCUSSION = re.compile(r"^\W*(?:diskusi(?: produk)?|tanya jawab|ulasan(?: pembeli)?)\W*$")


def opens_discussion(line: str) -> bool:
    """Whether a line opens a marketplace's discussion block (``_DISCUSSION``)."""
    return _DISCUSSION.match(line) is not None


#: (precision17) A question of why the goods are scarce or late ("kenapa sih blangko KTP sering langka?", "mengapa
#: blangko e-KTP selalu telat?", "kok blangko kosong terus?"): the shortage is what is asked about, a discussion's or
#: an opinion's question; a buyer asks whether there is any, not why there is none.  The question word opens the
#: sentence (after a label: "Opini: kenapa …"): a product phrase run on into it ("Blangko e-KTP kenapa sih … langka?",
#: a line added after a title) is the seller's, outside the question (put after every offer's title, the unanchored
#: reading hid 599 of 5,442).
_WHY_SHORT = re.compile(r"\b(?:kenapa|mengapa|knp|kok)\b(?: [\w.-]+){0,6}? (?:langka|kosong|habis|telat|terlambat|menipis"
                        r"|kurang|belum (?:ada|datang|turun|tersedia))\b")
#: (precision17) The readers asked their opinion ("menurut kalian gimana?", "menurut agan?"): a discussion's question,
#: which backs a telling of the goods in the listing.  ("pendapat" is left out: no tune text says it, and the one text
#: that did was a retired holdout's: a word for one text, integ17.)
_OPINION_ASKED = re.compile(r"\bmenurut (?:agan|kalian|gan|sis|kakak|teman teman|temen temen|netizen|warganet)\b")


#: The question word opening a sentence as written, after at most a bullet or an emoji and a label.
_WHY_OPENS = re.compile(r"^\W{0,4}(?:[\w ]{1,20}:\s*)?(?:kenapa|mengapa|knp|kok)\b")


def asks_why_short(forms: tuple[str, str]) -> bool:
    """Whether a question asks why the goods are scarce or late (``_WHY_SHORT``, read as the matcher spells it: "e-K*T*P"
    is "ektp"), its question word opening the sentence as written too: a product phrase in letters no word pattern
    reads ("ⓑⓛⓐⓝⓚⓞ ⓔⓚⓣⓟ kenapa …") still stands before the question."""
    return "?" in forms[0] and _WHY_OPENS.match(forms[0]) is not None and _WHY_SHORT.search(forms[1]) is not None


#: (precision17) A warning's or a report's hashtag ("#waspada", "#penipuan", "#stoppenipuan", "#hoax", "#modus"): a run
#: of hashtags holding one tags a warning, its goods words the warning's subject, no product phrase of a shop.
_WARNING_TAG = re.compile(r"#(?:\w*(?:waspada|penipu|tipu|scam|hoax|hoaks|modus|awas|hatihati|lapor)\w*)\b")


def tags_a_warning(run: str) -> bool:
    """Whether a run of hashtags holds a warning's or a report's tag (``_WARNING_TAG``)."""
    return _WARNING_TAG.search(run) is not None


def is_a_warnings_tag_line(line: str) -> bool:
    """Whether a line is a warning's hashtags only (``_WARNING_TAG`` among them): every word a hashtag, or a piece of one
    broken by stray spaces ("#waspada #bl an ko #ektp"), which a leading tag's reading-past stops at."""
    return "#" in line and tags_a_warning(line) and all(word.startswith("#") or len(word) <= 3 for word in line.split())


#: A marketplace's price header ("Rp45.000 · Kab. Bekasi"): the page's field, no one's words of the goods.
_PRICE_HEADER = re.compile(r"^\W*rp ?\d[\d.,]*\s*[·•|]\s*\S")


def is_price_header(sentence: str) -> bool:
    """Whether a sentence is a marketplace's price header (``_PRICE_HEADER``)."""
    return _PRICE_HEADER.match(sentence) is not None


#: A line opening a chat log under a scam's or a report's frame ("biar kalian tau modusnya:", "ini chat penipunya:"):
#: one of these words, and the colon ending the line after it.
_FRAME_WORD = re.compile(r"\b(?:penipu\w*|tipu\w*|ketipu|tertipu|ditipu|korban|modus\w*|scam|waspada|awas|hati.hati"
                         r"|screenshot|contoh chat|isi chat\w*)\b")
#: A chat turn: a person's label and its words ("Penjual: ready gan", "Gue: asli ga?"); a spec field ("Harga: 150rb",
#: "Kondisi: baru") is no one's turn.
_TURN = re.compile(r"^\W*(?:penjual|pembeli|seller|buyer|saya|aku|gue|gw|ane|sy|aq|dia|admin|pelaku|penipu|korban|cs|me"
                   r"|temen|teman|istri|suami|mas|mbak|bang|kak)(?:nya| saya| gue| aku)?\s*:\s*\S")


def opens_chat_log(line: str) -> bool:
    """Whether a line opens a chat log a report quotes: it ends with a colon (white space after it only) and a frame word
    (``_FRAME_WORD``) stands before the colon on its line.  Read as the colon ending the text first, then a word
    searched for on its line, not one regex looking for a colon after each frame word: on a long line of frame words
    and no colon that backtracked to the line's end from each ('Saya jadi korban penipuan blangko e-KTP. ' * 4000:
    3.4 s, quadratic)."""
    head = line.rstrip()
    return head.endswith(":") and _FRAME_WORD.search(head, head.rfind("\n") + 1) is not None


def is_chat_turn(line: str) -> bool:
    """Whether a line is a chat turn (``_TURN``): under a chat log's frame, someone's words quoted."""
    return _TURN.match(line) is not None


#: Words one of this module's telling readings needs (a headline's actor, a third party, a seizure, a law, a victim, a
#: story, a shortage, a seller dealt with), and an office's speech verbs :mod:`matchers.others_voices` reads: its
#: reading starts on them too.  A sentence naming no blank or the crawl's wrapping read past makes no reading hold.
GATE_WORDS = frozenset({"polresta", "polres", "polda", "polsek", "polisi", "kepolisian", "bareskrim", "dukcapil",
                        "disdukcapil", "dispendukcapil", "dispenduk", "kemendagri", "mendagri", "ditjen", "dirjen", "pemkab",
                        "pemkot", "pemprov", "jaksa", "hakim", "pengadilan", "ombudsman", "dprd", "kominfo", "camat",
                        "lurah", "bupati", "gubernur", "kecamatan", "kelurahan", "penjualnya", "penjual", "pelaku",
                        "penipu", "penipunya", "tersangka", "terdakwa", "oknum", "calo", "calonya", "dia", "mereka",
                        "disita", "menyita", "bukti", "ilegal", "illegal", "pidana", "dipidana", "penjara", "sanksi",
                        "sanksinya", "melanggar", "hukum", "dijerat", "terancam", "korban", "ketipu", "tertipu", "ditipu",
                        "tipu", "scam", "ku", "rekam", "antre", "antri", "ngantri", "belum", "blm", "acan", "durung",
                        "urung", "alun", "kekurangan", "krisis", "kelangkaan", "mengumumkan", "menginformasikan",
                        "menyampaikan", "mohon", "tolong", "minta"})
