"""Who speaks of the blank: asked, refused, quoted, or answered by an office (precision14).

:mod:`matchers.notice_speaker` reads a listing as a notice when every sentence naming the goods says them as an office,
a newsroom, a warning or a story does.  Listings that look most like a shop's still escape it, since one sentence in
them names the blank plainly or in a seller's words, though no seller speaks it:

* a *question* names what the asker wants, not what the poster has ("Kak ada blangko KTP?", "Q: berapa harga
  blangko?", a title "Tanya: …"): an asker's words, unless a seller answers them;
* a *refusal* denies the sale of what it names ("toko ini tidak jual blangko", "kami tidak melayani pembelian
  blanko"): the refused goods are not on offer;
* a *quotation* under a report's frame is the quoted one's voice ("Akun itu posting: 'Ready blangko … 175rb'", a
  scam's chat quoted in full): its price and stock are the scammer's, told of by the poster;
* an *office said* ("Kepolisian menyatakan …", "Dukcapil menegaskan …") is reported speech of an office;
* a *warning headline* ("Modus penipuan blangko: contoh chat") names the blank as a warning's subject.

The reading holds when no sentence outside the quotations names the blank plainly or in a seller's voice, a seller's
sentence names only another product (a holder priced beside a refused blank: its hard negative) or none at all when
another product is priced, and the blank is told of at least once (a refusal, an office, a quotation under a report's
frame, notice_speaker's telling) and told or asked twice.  A seller's offer always names its goods plainly or prices
them (title or description), and that sentence ends the reading: a line added to an offer (a refusal of something else,
a warning, a testimonial in quotes, a question) leaves that sentence as it was (``tests/matchers/test_precision14.py``
adds each trigger to every offer the tune rows read right).

Asked only of listings read blank that notice_speaker did not read as a notice, and only when a cheap gate (a question
mark, a quotation mark, a refusal or an office's speech verb) finds something to read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from matchers.cache_sizes import READINGS_KEPT
from matchers.notice_speaker import (
    BLANK_GOODS,
    CROSS_SELLING,
    DISCLAIMER,
    ID_GOODS,
    SPEAKER_HEAD,
    STORY,
    names_id_goods,
    said,
    sellers,
    told_otherwise,
    without_leading_tags,
)
from matchers.regex_literals import one_word_of_each
from matchers.tellers import (
    GATE_WORDS,
    THE_BLANK,
    asks_anyone,
    asks_why_short,
    is_a_warnings_tag_line,
    is_chat_turn,
    is_money_lost,
    is_price_header,
    names_only_other_documents,
    opens_asking,
    opens_chat_log,
    opens_discussion,
    opens_reported_speech,
    said_title,
    tags_a_warning,
    tells_as_reporter,
    tells_as_teller,
    tells_of_law,
    tells_without_goods,
    without_chat_log,
    without_victims_payment,
)
from matchers.told_voice import (
    PERSON_SELLING,
    SENTENCE,
    SHOP_SELLING,
    SOLD_BY_OTHERS,
    tags_of_clauses,
)
from matchers.voiceless import HASHTAG_RUN

#: Quotation marks: a span between two of them (double, curly, or single at a word's edge) is someone's words quoted.
_QUOTE_CHARS = "\"“”„«»'‘’"
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»\n]{6,}?)[\"“”„«»]|(?:^|(?<=[\s:(]))['‘’]([^'‘’\n]{6,}?)['‘’](?=[\s.,;:!?)]|$)")
#: A report's frame for a quotation: a scam, its victim, a warning, an advert or post spoken of, a suspect, the police,
#: something the talk of the day ("ramai", "viral"), someone else saying or messaging it ("bilang", "ada yang DM").
_FRAME = re.compile(r"\b(?:penipu\w*|tipu\w*|ketipu|tertipu|ditipu|korban|modus|waspada|awas|hati hati|hati-hati|beredar"
                    r"|diblokir|tersangka|pelaku|terdakwa|polisi|kepolisian|iklannya|iklan|posting\w*|ditawari"
                    r"|ditawarin|contoh chat|screenshot|ramai|rame|viral|bilang|ngaku|mengaku"
                    r"|menulis|nulis|katanya|scam|ilegal|liat|lihat|nemu)\b|\bada (?:yang|yg|orang) (?:dm|chat|wa|inbox|japri|nawarin|menawarkan)\b")
#: A refusal: a sale, a supply or a service of what the sentence names denied ("tidak jual", "tidak melayani pembelian",
#: "tidak menyediakan", "tidak pernah menjual", "tidak diperjualbelikan").
_REFUSAL = re.compile(r"\b(?:tidak|tdk|tak|gak|ga|nggak|ngga|enggak|gk|bukan|dilarang)\b(?: (?:pernah|lagi|akan|bisa|memang))?"
                      r"(?: (?:kami|ane|saya))? (?:jual|menjual|dijual|jualan|menyediakan|sedia|melayani|terima|menerima"
                      r"|diperjualbelikan|memperjualbelikan|mencetak)\b")
#: An office as the subject of a speech verb ("Kepolisian menyatakan …", "Disdukcapil Kota X menegaskan …").
_OFFICE_SAYS = re.compile(r"\b(?:dukcapil|disdukcapil|dispendukcapil|ditjen|dirjen|kemendagri|mendagri|kepolisian|polres|polda"
                          r"|polri|polisi|kadis|kepala dinas|pemerintah|pemkot|pemkab|ombudsman)\b[\w .,'-]{0,40}?"
                          r"\b(?:menyatakan|mengatakan|menegaskan|menyebut|mengimbau|mengingatkan"
                          r"|memastikan|membantah|mengumumkan|menginformasikan|menyampaikan)\b")
#: A question's speaker label, a title asking or a sentence opened as a question ("Q:", "T:", "Tanya:", "Pembeli:",
#: "Tanya jawab …", "FAQ", "Mau tanya gan, …").
_ASKING = re.compile(r"^\W*(?:q|t|tanya|pertanyaan|pertanyaan warga|pembeli|tanya jawab|faq|ask)\b\s*[:(]|^\W*(?:tanya jawab|faq)\b"
                     r"|^\W*(?:mau|mo|numpang|izin|boleh) (?:tanya|nanya)\b")
#: A warning heading a title ("Modus penipuan …", "Waspada …", "Hati-hati …").
_WARNED = re.compile(r"^\W*(?:modus|penipuan|waspada|awas|hati hati|hati-hati|hati2|ketipu|tertipu|ditipu|kena tipu)\b")
#: A title about the blank: a preposition or a word of topic heads the goods ("Fakta soal blangko e-KTP", "Seputar
#: KTP-el"): what the title is about, no product phrase; it counts for nothing either way.
_ABOUT = re.compile(r"\b(?:soal|tentang|seputar|fakta|faktanya)\b")
#: The gate (``_gated``) reads words (``_gate_words()``, below the patterns they are read from) and the stems of another's
#: sale verbs, read inside words ("menjual", "jualan", "menawarkan", "pasang", "memasang"); the stems written by hand, since what a match of those readings holds is a stem inside a word ("yang menjualnya" ends in no boundary), of
#: which the words read from the patterns say nothing ("yang", "yg" open the gate on most listings).  Every match of
#: told_voice's SHOP_SELLING, PERSON_SELLING and SOLD_BY_OTHERS holds one (``tests/matchers/test_regex_literals.py``;
#: struct16 added "masang", of "masang"/"memasang", which hold no "pasang").  The gate reads the listing as written:
#: those readings search a sentence's spelled form too ("j.u.a.l", "ju4l"), which it does not (measured, not closed:
#: spelling every sentence of a listing it closes costs the scorer 0.5 % of its instructions and changed no output of
#: the tune rows or the bench listings).
_GATE_STEMS = ("jual", "nawar", "pasang", "masang")
_WORD = re.compile(r"[a-z]+")


def _gated(text: str) -> bool:
    """Whether a listing has anything this reading reads: a question or quotation mark, one of ``_gate_words()`` or a
    sale verb's stem."""
    return "?" in text or any(char in text for char in _QUOTE_CHARS) or any(stem in text for stem in _GATE_STEMS) \
        or not _gate_words().isdisjoint(_WORD.findall(text))


#: A variants cue and what parts a variants list: the cue's clause tags the cue only.
_VARIANT = "CUEVARIANT"
_VARIANT_PARTS = re.compile(r"\s[/+|]\s|[:/+|]")
#: The poster serving the buyer in its own voice ("kami cetak data kakak", "bisa kami bantu terbitkan"): a seller's.
_WE_SERVE = re.compile(r"\b(?:kami|kita|ane)\b (?:bisa |siap |akan )?(?:bantu|cetak|proses|buatkan|bikin|bikinin|urus|uruskan"
                       r"|terbitkan|kirim|layani|melayani|sediakan|jual|menjual)\b")
#: A tag list's heading ("Tag:", "Kata kunci:", "Keyword:", "Cari:"): what follows is search words.
_TAG_HEAD = re.compile(r"^\W*(?:tag|tags|kata kunci|keyword|keywords|label|hashtag|cari|pencarian terkait)\s*:")
#: What stands for a quotation cut out of its sentence.
_QUOTATION = "«»"


#: A question that pitches to the buyer ("Butuh blanko?", "Cari blangko e-KTP?", "Mau beli blanko?", "ente butuh?"): a
#: seller's, though it asks; a question to ask ("mau tanya") is none.
_PITCH = re.compile(r"\b(?:butuh|cari|nyari|mencari|perlu|pengen|ingin|minat|need|looking|mau(?! (?:tanya|nanya)))\b")
#: The poster wanting the goods (a wanted advert: "siapa ada …?", "ada yang jual?", "saya cari", "dicari", "WTB"): a
#: buyer's voice, which the matcher reads as it stands (related), never as no one's.  (precision16) So is a holder of
#: the goods told to make contact ("yang punya hubungi saya", "yang ready japri"): the poster wants what they have, as
#: a seller says "yang minat japri" of what the buyer wants.
_WANTS = re.compile(r"\bsiapa (?:yang |yg )?(?:ada|punya|jual)\b|\bada (?:yang|yg) (?:jual|punya)\b|\bwtb\b|\bdicari\b"
                    r"|\b(?:saya|aku|ane|gue|gw|kami) (?:lagi |sedang |mau )?(?:cari|nyari|mencari|butuh|beli|membeli|bayar)\b"
                    r"|\b(?:yang|yg) (?:punya|ada|ready|jual|jualan)(?: barang(?:nya)?| stok(?:nya)?)? (?:hubungi|japri|pm|dm|wa"
                    r"|kontak|chat|inbox|kabari)\b")
#: A yes opening an answer ("ada.", "iya", "ready kak", "bisa"): after a question of the goods, the poster answering
#: its own question as a seller does ("blanko ktp elektronik? ada. kosong? iya.").
_YES = re.compile(r"^\W*(?:(?:penjual|seller|admin|j|a|jawab)\s*:\s*)?(?:ada|iya|ya|yes|ready|bisa|masih|tersedia"
                  r"|ok|oke|siap|pasti|dijamin|tentu|benar|asli|ori)\b")
#: ID goods a seller names beside another product without offering an ID's goods ("holder KTP 15rb", "kartu seukuran
#: KTP"): a KTP, a card, a blank state, a KTP's size or kind only.
_BESIDE_GOODS = frozenset({"KTP", "KARTU", "KOSONG", "SIZEKTP", "TYPEKTP"})


#: A price or a count with its unit ("175rb", "Rp 50.000", "10 pcs"): a seller's; a number alone ("3 bulan") is none.
_PRICE = re.compile(r"\brp\.? ?\d|\b\d+[.,]?\d* ?(?:rb|ribu|k|jt|juta|pcs|pc|keping|lembar|biji|buah)\b")
#: A spec field of a shop's table ("- Stok: 320", "Isi paket: 1 pcs", "Varian: 1 pcs / 5 pcs"): chatter, no one's voice.
_SPEC_FIELD = re.compile(r"^\W*(?:stok|stock|isi paket|isi|varian|variasi|berat|kondisi|min\.? (?:pemesanan|order|pembelian)"
                         r"|pemesanan|etalase|merek|merk|sku|garansi|dikirim dari|lokasi)\s*[:|]")
#: The poster having paid ("saya transfer 900rb", "aku udah bayar"): a buyer's or a victim's amount, no seller's price.
_PAID = re.compile(r"\b(?:saya|aku|ane|gue|gw|sy)\b (?:sudah |udah |dah )?(?:transfer|tf|bayar|membayar|kirim uang)\b")
#: Hearsay in the regions' tongues ("ceunah blangko teu aya", "jarene"): someone else's word, as "katanya" is.
_HEARSAY = re.compile(r"\b(?:ceunah|jarene|kabarnya)\b")
#: A shortage said as it goes on ("blangko teu aya wae", "habis mulu", "gak ada terus"): a resident's complaint.
_SHORT = re.compile(r"\b(?:teu aya|ora ono|ora ana|ndak ada|gak ada|ga ada|nggak ada|tidak ada|habis|kosong)"
                    r" (?:wae|mulu|terus)\b")
#: Free of charge at an office ("datang ke kantor Dukcapil, gratis"): an office's answer, no seller's.
_FREE = re.compile(r"\b(?:gratis|tidak dipungut biaya|tanpa biaya|tidak dipungut)\b")
_AT_OFFICE = re.compile(r"\b(?:kantor|dukcapil|disdukcapil|dispendukcapil|kecamatan|kelurahan|capil)\b")


@cache
def _gate_words() -> frozenset[str]:
    """Words that let the reading start at all (the gate): a question, a quotation, a refusal or an office speaking.

    It holds a word every match of one of this module's own readings holds (a refusal's negation, an office's speech
    verb, a warning's, a topic's, a question label's, hearsay's, a shortage's or a free service's word: read from the
    patterns themselves, of each its set of the fewest words), so the gate changes no verdict: the reading holds only
    where one of them does (``_OWN``).  Words of letters, as ``_WORD`` reads the listing ("hati2" is "hati").  Read on
    first use (struct16), not at import: a command that never scores pays nothing for it."""
    return frozenset(max(_WORD.findall(word), key=len) for word in one_word_of_each(
        (_REFUSAL, _OFFICE_SAYS, _WARNED, _ABOUT, _ASKING, _HEARSAY, _SHORT, _FREE)))


#: A link or a handle ("t.me/…", "wa.me/…", "https://…", "@lapak"): an address, no one's words of the goods.
_LINK = re.compile(r"https?://|www\.|\b(?:t|wa)\.me/|(?<!\w)@\w")
#: A sentence's end before a quotation: the frame must be in the quotation's own sentence.
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")


#: The blank itself named (what others are told of selling; an account "siap jualan" is the goods, no one's act).
_BLANK_NAMED = frozenset({"BLANGKO", "EKTP"})


def _sold_by_others(forms: tuple[str, str]) -> bool:
    """Whether a sentence tells of an account, a shop or a person selling ("akun jual …", "toko yang jual …", "seorang
    pria menjual …"): told_voice's readings of another's sale, without its wider actors ("tinggal bilang")."""
    return any(pattern.search(form) for pattern in (SHOP_SELLING, PERSON_SELLING, SOLD_BY_OTHERS) for form in forms)


def _quotations_cut(line: str, framed_before: bool, names_blank: Callable[[str], bool]) -> tuple[str, bool]:
    """A line with the quotations a report frames cut out (each left as ``_QUOTATION`` closing its framing sentence),
    and whether the next line's quotations stand under the same frame.  A quotation is framed when a report's word
    (``_FRAME``) precedes it in its line, or the line before opened a frame with a colon ("Contoh chat penipu yang
    beredar:"), in the sentence that holds it; a quotation no report frames (a testimonial, a title quoting its own offer) is read as written."""
    cut: list[str] = []
    at = 0
    for match in _QUOTED.finditer(line):
        after = _SENTENCE_END.split(line[match.end():])[0]
        if opens_reported_speech(after) or names_blank(after):
            # (precision16) words after a quotation that name the blank or open another's speech ("'…' penjualnya bilang
            # …", "'…' saya korban penipuan blangko") say their own: they frame no quotation before them
            after = ""
        own_sentence = _SENTENCE_END.split(line[:match.start()])[-1] + " " + after
        if framed_before or _FRAME.search(own_sentence):
            cut.append(line[at:match.start()])
            cut.append(f" {_QUOTATION}. ")
            at = match.end()
    if cut and framed_before and _QUOTED.sub(" ", line).strip(" .,;:!?-*>"):
        return line, False  # a frame opened above covers a line of quotations only ("'Transfer dulu ya kak.'")
    if not cut:
        framed = _FRAME.search(line) is not None and line.rstrip().endswith(":")
        return line, framed
    return "".join(cut) + line[at:], framed_before or line.rstrip().endswith(":")


#: How one sentence speaks of the goods.
_PLAIN, _OTHER_SOLD, _PRICED, _TOLD, _ASKED, _NONE = "plain", "other", "priced", "told", "asked", "none"
#: Told of by one of this module's own readings (a quotation's frame, a refusal, an office said, a warning's headline,
#: another's sale), not only as notice_speaker reads a notice: the reading holds only with one of these or a question.
_OWN_TOLD = "own"


def _voice(sentence: str, in_title: bool, line_head: bool, tags_of: Callable[[str], frozenset[str]],
           spelled: Callable[[str], str]) -> str:
    """How a sentence (lower-cased, its quotations cut out) speaks of the goods: plainly or as a seller of the blank
    (``_PLAIN``), as a seller of another product (``_OTHER_SOLD``) or of nothing it names (``_PRICED``), telling of the
    blank (``_TOLD``, ``_OWN_TOLD``), asking for it (``_ASKED``), or naming no goods (``_NONE``)."""
    forms = (sentence, spelled(sentence))
    tags = tags_of_clauses(sentence, tags_of, spelled)
    if _VARIANT in tags:  # a variants list ("Varian: holder / lanyard / blanko KTP el"): each variant is goods offered
        tags = tags.union(*(tags_of(spelled(part)) for part in _VARIANT_PARTS.split(sentence)))
    names_goods = names_id_goods(tags) and (tags & ID_GOODS) != {"KARTU"}  # a shop's name ("Toko Serba Kartu") names none
    names_blank = _names_blank(tags_of, spelled)
    if (CROSS_SELLING in tags and (tags & ID_GOODS) <= _BESIDE_GOODS) or (not names_goods and _SPEC_FIELD.match(sentence)):
        return _NONE  # another product cross-sold ("Cek juga holder KTP"), a spec field naming no goods ("- Stok: 320")
    if _QUOTATION in sentence and BLANK_GOODS.isdisjoint(tags) and not sellers(sentence, forms, False, spelled):
        return _OWN_TOLD  # a quotation's framing sentence naming no blank ("Akun IG itu posting: '…'"): the reporter's
    if names_goods and any(map(_WANTS.search, forms)):
        return _PLAIN  # a wanted advert's voice: read as it stands
    if names_goods and not _PRICE.search(sentence) and tells_of_law(forms, names_blank):
        return _OWN_TOLD  # (precision15) the trade named a crime ("jual beli blangko termasuk pidana"), no price beside it
    if names_goods and (_ASKING.match(sentence) or _asks(sentence) or (in_title and opens_asking(sentence))):
        return _asked(sentence, forms, spelled)
    if in_title and names_goods and not _PRICE.search(sentence):
        unframed = _FRAME.sub(" ", without_chat_log(sentence))  # (precision15) "ini chat penipu": an exhibit, no "chat admin"
        if _WARNED.match(sentence) and not sellers(unframed, (unframed, spelled(unframed)), names_goods, spelled):
            return _OWN_TOLD  # a warning's headline: no price, no count, no seller's word beside its report's words
    if _TAG_HEAD.match(sentence):
        return _NONE  # a headed tag list ("Tag: blanko ktp, …"): search words, nobody's voice (tags13)
    if is_price_header(sentence) or tells_as_reporter(forms, names_blank):
        # (precision15) a marketplace's price header; another's words reported or a seizure: the price is theirs
        return _OWN_TOLD if names_goods and not is_price_header(sentence) else _NONE
    unpaid = without_victims_payment(sentence, names_blank)
    if unpaid != sentence:  # (precision17) a victim's amount paid ("saya tertipu …, udah transfer 900rb"): no price
        sentence, forms = unpaid, (unpaid, spelled(unpaid))
    if sellers(sentence, forms, names_goods, spelled) or (names_goods and _WE_SERVE.search(sentence)):
        if not names_goods:
            # "saya transfer 900rb", "total 875rb melayang": the poster paid or lost, a victim
            return _NONE if _PAID.search(sentence) or is_money_lost(sentence) else _PRICED
        other = (tags & ID_GOODS) <= _BESIDE_GOODS and any(tag.startswith("NEG") for tag in tags)
        return _OTHER_SOLD if other else _PLAIN
    if names_goods and ((_LINK.search(sentence) and (tags & ID_GOODS) <= _BESIDE_GOODS) or _ABOUT.search(sentence)):
        return _NONE  # a link naming a card ("t.me/rumahkartu"), words about the blank ("tulisan tentang blangko")
    voice = _told_voice(sentence, forms, tags, names_goods, line_head, tags_of, spelled)
    # (precision15) a sentence naming only an account or another document, in no seller's voice, says nothing of the
    # blank ("Cek info di akun resmi kami", "saiki nganggo suket"): no product phrase of it
    return _NONE if voice == _PLAIN and names_only_other_documents(tags, tags & ID_GOODS) else voice


#: A link with its query ("https://t.me/blanko_official?start=promo", "t.me/blanko_ktp?start=ref"): its "?" asks nothing.
_URL = re.compile(r"(?:https?://|www\.|\b(?:t|wa)\.me/)\S*")


def _asks(sentence: str) -> bool:
    """Whether a sentence holds a question mark outside a link's query (precision16: a link naming the blank
    ("t.me/blanko_ktp?start=…") is a seller's address, no question)."""
    return "?" in sentence and ("/" not in sentence or "?" in _URL.sub(" ", sentence))


def _names_blank(tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> Callable[[str], bool]:
    """Whether some words of a sentence name the blank's goods (:data:`matchers.tellers.THE_BLANK`), as tagged."""
    return lambda text: bool(text.strip()) and not THE_BLANK.isdisjoint(tags_of_clauses(text, tags_of, spelled))


def _asked(sentence: str, forms: tuple[str, str], spelled: Callable[[str], str]) -> str:
    """A question naming the goods: the asker's (``_ASKED``), a story asked of (``_OWN_TOLD``: "mau tanya, KTP saya
    …"), or a seller's (``_PLAIN``): priced, pitched ("Butuh blanko?"), or an offer run on into it ("… kirim hari ini
    mau tanya?")."""
    labelled = _ASKING.match(sentence) is not None
    if _PRICE.search(sentence) or _PITCH.search(_ASKING.sub(" ", sentence)) or (
            not labelled and sellers(sentence.replace("?", " "), forms, True, spelled)):
        return _PLAIN
    if asks_why_short(forms):
        return _OWN_TOLD  # (precision17) why the goods are scarce: a discussion's question, no buyer's
    return _OWN_TOLD if any(said(STORY, form) or _HEARSAY.search(form) for form in forms) else _ASKED


def _told_voice(sentence: str, forms: tuple[str, str], tags: frozenset[str], names_goods: bool, line_head: bool,
                tags_of: Callable[[str], frozenset[str]], spelled: Callable[[str], str]) -> str:
    """A sentence in no seller's voice: told of by another's sale, a refusal, an office said or answering, a shortage
    or hearsay (``_OWN_TOLD``), as notice_speaker reads a notice (``_TOLD``), naming no goods (``_NONE``), or plain."""
    if not _BLANK_NAMED.isdisjoint(tags) and _sold_by_others(forms):
        return _OWN_TOLD  # the blank sold by another ("banyak akun jual blangko", "toko yang jual blangko"), as a report tells
    if not names_goods or (DISCLAIMER.match(sentence) and (tags & ID_GOODS) <= _BESIDE_GOODS):
        return _NONE  # no goods, or a card disclaimed ("Bukan kartu PVC biasa"; "bukan palsu, KTP beneran" names them)
    if _REFUSAL.search(sentence) or _OFFICE_SAYS.search(sentence) or _HEARSAY.search(sentence) or _SHORT.search(sentence) \
            or (_FREE.search(sentence) and _AT_OFFICE.search(sentence)) \
            or tells_as_teller(forms, _names_blank(tags_of, spelled)):
        return _OWN_TOLD  # (precision15) a headline's actor, a law, a victim, a story, a shortage: matchers.tellers
    if line_head or told_otherwise(forms, tags_of, spelled):
        return _TOLD
    return _PLAIN


def _hashtags_name_the_goods(description: str, tags_of: Callable[[str], frozenset[str]],
                             spelled: Callable[[str], str]) -> bool:
    """Whether the description's hashtags name the blank ("Promo akhir tahun" / "#blangkoektp2025 #ektpkosongan"): score
    reads such hashtags as the listing's words under a title naming no other product (tags13), and a title that names
    the blank only as asked or told of names none, so they may be the product phrase: the reading does not start."""
    if "#" not in description:
        return False
    return any(not BLANK_GOODS.isdisjoint(tags_of(spelled(run.group(0).replace("#", " ")))) and not tags_a_warning(run.group(0))
               for run in HASHTAG_RUN.finditer(description.lower()))  # (precision17) a warning's run tags its subject


@lru_cache(maxsize=READINGS_KEPT)  # as many listings as notice_speaker and the scorer's field caches keep
def blank_spoken_of_by_others(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                              spelled: Callable[[str], str]) -> bool:
    """Whether no one offers the blank: every sentence naming it asks, refuses, quotes under a report's frame, or
    reports an office, and no seller speaks of it (module docstring)."""
    return _spoken_of_by_others(title, description, tags_of, spelled, None)


#: (told18) How a sentence speaks when someone other than the poster speaks it: told of or asked.
_OTHERS = frozenset({_TOLD, _OWN_TOLD, _ASKED})


@lru_cache(maxsize=256)  # asked only of listings whose blank others speak of
def posters_own_words(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                      spelled: Callable[[str], str]) -> tuple[str, str]:
    """(told18) The title and the description of a listing whose blank only others speak of
    (:func:`blank_spoken_of_by_others`), without the sentences others speak (told of, asked): the poster's own words.

    What the poster offers beside the told blank is said there (a print service over the buyer's blank under a
    why-question of the shortage); a news item's, a warning's or a story's goods stay told with the blank, since their
    sentences speak as others do ("berita: sindikat pemalsu KTP …", "KTP anak saya sudah jadi")."""
    own: list[tuple[bool, str]] = []
    _spoken_of_by_others(title, description, tags_of, spelled, own)
    return (" ".join(sentence for in_title, sentence in own if in_title),
            "\n".join(sentence for in_title, sentence in own if not in_title))


def _spoken_of_by_others(title: str, description: str, tags_of: Callable[[str], frozenset[str]],
                         spelled: Callable[[str], str], own: list[tuple[bool, str]] | None) -> bool:
    """:func:`blank_spoken_of_by_others`, each sentence no other speaks put in ``own`` (when given) with its field."""
    text = f"{title}\n{description}".lower()
    if not (_gated(text) or _gated_by_tellers(text)) or _hashtags_name_the_goods(description, tags_of, spelled):
        return False
    counts = {_OTHER_SOLD: 0, _PRICED: 0, _TOLD: 0, _OWN_TOLD: 0, _ASKED: 0}
    unnamed: list[tuple[str, str]] = []  # sentences naming no blank, read only if a second telling is wanted
    for in_title, text in ((True, said_title(title)), (False, description)):
        framed, chat_log, voice, discussion = False, False, _NONE, False
        for raw_line in text.lower().splitlines():
            discussion = discussion or (not in_title and opens_discussion(raw_line))
            if not in_title and is_a_warnings_tag_line(raw_line):
                continue  # (precision17) a warning's hashtags: its subject tagged, nobody's voice
            line, framed, chat_log = _said_line(raw_line, framed, chat_log and not in_title, _names_blank(tags_of, spelled))
            line_head = SPEAKER_HEAD.match(line) is not None
            for match in SENTENCE.finditer(line):
                sentence = match.group(0) if in_title else without_leading_tags(match.group(0))
                if voice == _ASKED and _YES.match(sentence) and not asks_anyone(sentence):
                    return False  # the poster answering its own question of the goods: a seller's
                before, voice = voice, _voice(sentence, in_title, line_head, tags_of, spelled)
                if voice == _PRICED and discussion:
                    voice = _NONE  # (precision17) a discussion block's "ready kak" naming no goods: the page's chatter
                if voice == _PLAIN:
                    return False
                if voice != _NONE:
                    counts[voice] += 1
                elif sentence.strip():
                    unnamed.append((sentence, spelled(sentence)))
                if own is not None and voice not in _OTHERS and not (voice == _NONE and before in _OTHERS and "?" in sentence):
                    own.append((in_title, sentence))  # a question naming nothing after others' words goes on asking
    if counts[_PRICED] and not counts[_OTHER_SOLD]:
        return False  # a price or a stock naming no goods, and no other product priced: the blank's
    told = counts[_TOLD] + counts[_OWN_TOLD]
    if told < 1 or counts[_OWN_TOLD] + counts[_ASKED] < 1:
        return False
    # (precision15) one telling of the blank, backed by a telling naming no goods ("Kemarin saya ketipu")
    return told + counts[_ASKED] >= 2 or any(map(tells_without_goods, unnamed))


def _gated_by_tellers(text: str) -> bool:
    """Whether a listing holds a word :mod:`matchers.tellers`' readings need (``GATE_WORDS``)."""
    return not GATE_WORDS.isdisjoint(_WORD.findall(text))


def _said_line(raw_line: str, framed: bool, chat_log: bool, names_blank: Callable[[str], bool]) -> tuple[str, bool, bool]:
    """A line as the reading takes it, and whether the next stands under a report's frame or in a chat log a report
    quotes: under a chat log's opening line in a description ("Ini chat penipunya:"), each person's turn is a quotation
    (a title's own product phrase never stands in a turn); otherwise the
    quotations a report frames are cut (:func:`_quotations_cut`)."""
    if chat_log and is_chat_turn(raw_line):
        return f" {_QUOTATION}. ", framed, True
    line, framed = _quotations_cut(_handle_run_on(raw_line), framed, names_blank)
    return line, framed, opens_chat_log(raw_line)


#: A handle's inner dot before a word spelled out letter by letter ("@ektp. k o s o n g" for "@ektp.kosong"): spacing
#: the handle's last word pulled the dot away from it, so it ends no sentence.
_HANDLE_DOT_SPELLED = re.compile(r"(@[\w.]*\w)\.(?=\s+[^\W\d_](?:\s+[^\W\d_]){2,}(?![^\W_]))")


def _handle_run_on(line: str) -> str:
    """A line with a handle's dot before a spelled-out word made a space (``_HANDLE_DOT_SPELLED``): a spelled-out
    listing reads as the written one (precision16)."""
    return _HANDLE_DOT_SPELLED.sub(r"\1 ", line) if "@" in line else line
