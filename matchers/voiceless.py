"""Lines that are nobody's voice: related links and a shop's own announcements (tags13).

A crawled listing carries lines that speak of no goods of the listing: links to other articles or products ("Baca
juga: Cara mengurus KTP hilang", "Artikel terkait: …", "Produk lain: holder KTP, lanyard") and the shop telling of its
own days ("Pengumuman: toko libur tanggal 25", "Info: pengiriman ditunda karena banjir", "Libur lebaran: toko tutup
…").  Read as the listing's words they did two wrong things, both measured on 2.10: a link's title put an article's,
a guide's or a notice's word beside an offer ("Artikel terkait: cara merawat kartu" hid 298 of 5,150 offers read
right) and a shop's "Pengumuman" made an offer a notice (168).  They neither name the goods on offer nor make the
listing a notice, a report or an article, so the scorer reads each field without them (:func:`without_voiceless`),
and names what it read past in a reason.

The lines are found by their shape, not their words alone:

* a *link line* is a link heading and a title-like phrase or a list of them, with no price, no quantity and no
  seller's terms (sale, payment, shipping): "Produk lain: blanko e-KTP 150rb/pcs" is still the shop offering;
* a *shop notice* is an announcement heading (or a day off named as its heading, "Libur lebaran:") over the shop's
  own operations (closed, a day off, shipping delayed, prices going up) naming no goods: an office's "Pengumuman:
  layanan cetak KTP-el libur" names the e-KTP and is a notice still.

(levers16) Two more of the seller's own: its *warnings against impostors* ("Waspada penipuan blangko e-KTP, order hanya
di toko ini.", "Hati-hati penipuan mengatasnamakan toko kami."), read past from the warning word to its sentence's end
wherever they stand, title included (:func:`without_own_warnings`: the shop speaks of itself in the first person or
tells the buyer to order at it; a third party's warning does neither and stays); and a sentence run on with no stop
after a closing link line or a hashtag is kept apart from it (:func:`hashtags_closed`, ``_link_run_on``), so a link
stays a link and a hashtag's words do not join the sentence's.

Tag lists ("Tag: …", "Kata kunci: …", hashtags) are read where they stand, under the scorer's tag-list cue
(``score._tag_lists``), because a tag list may still say what a listing is about when nothing else does; a run of
hashtags in a title whose own words name goods is moved to open the description (:func:`title_without_hashtags`; the
scorer decides whether they name goods) so it is read as one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

#: Headings that open a link to other articles or other goods ("Baca juga:", "Artikel terkait:", "Produk lain di toko
#: kami:", "Rekomendasi produk:", "Lihat artikel lain:").
_LINK_HEAD = re.compile(
    r"^\W*(?:baca juga|artikel (?:terkait|lain(?:nya)?)|berita (?:terkait|lain(?:nya)?)|lihat (?:juga|artikel lain)"
    r"|produk (?:lain(?:nya)?|terkait)(?: di toko (?:kami|ini))?|rekomendasi produk|related)"
    r"\s*:", re.IGNORECASE)
#: Headings that open a shop's or anyone's announcement, or name a day off as the heading ("Libur lebaran:").
_NOTICE_HEAD = re.compile(
    r"^\W*(?:pengumuman|pemberitahuan|info(?:rmasi)?(?: toko)?|catatan toko|store notice|notice"
    r"|libur(?: \w+)?)\s*(?::|(?=\w)(?=[^:]*$))", re.IGNORECASE)
#: A shop's operations a notice tells of: closing, a day off, a delay, prices going up, slow replies.
_OPERATION_WORDS = frozenset({"libur", "tutup", "ditunda", "tertunda", "closed", "naik", "slow",
                              "off"})
#: Words of the shop itself or its orders, one of which a shop notice names (beside its operation word).
_SHOP_WORDS = frozenset({"toko", "lapak", "shop", "pengiriman", "pesanan", "order", "resi", "admin", "harga", "kami",
                         "libur", "ekspedisi"})
#: A price or a quantity: a link line holding one offers something ("Produk lain: blanko e-KTP 150rb").
PRICE_OR_QUANTITY = re.compile(
    r"\brp\b|\d\s*(?:rb|ribu|k|jt|juta|pcs|pc|keping|lembar|biji|box|rim)\b|\bharga\b|\bstok\b|\bready\b",
    re.IGNORECASE)
#: The tags of a seller's terms: a line holding one is the seller speaking, not a link.
_TERMS_TAGS = frozenset({"SALE", "CUEPAY", "CUESHIP"})
#: Segment ends in a description: a line, a sentence, a " | " bar, and a space before a link or notice heading run on
#: after the last sentence without its full stop ("… Hub 0812 Artikel terkait: …").
_SEGMENT_END = re.compile(
    r"(\n+|(?<=[.!?])\s+|\s+\|\s+|\s+(?=(?:baca juga|artikel terkait|artikel lain|berita terkait|lihat juga|produk lain"
    r"|produk terkait|rekomendasi produk|pengumuman|pemberitahuan|info|catatan toko|libur)(?: \w+){0,3}\s*:))",
    re.IGNORECASE)
#: Segment ends in a title: also " - " and dashes, which part a title's phrases.
_TITLE_SEGMENT_END = re.compile(r"(\s+[|\u2013\u2014-]\s+)")
#: A run of two or more hashtags ("#infoktp #pengumuman #berita"): a title's, and the scorer's in a description.
HASHTAG_RUN = re.compile(r"(?:(?<![^\s,])#\w+[\s,]*){2,}")  # each hashtag at a word's start ("k#s#ong" is a masked word)

#: Strings one of which every link or notice heading holds: a cheap gate before the segments are cut.
_HEAD_HINTS = ("juga", "terkait", "lain", "rekomendasi", "related", "pengumuman", "pemberitahuan", "info", "catatan",
               "notice", "libur")

TagsOf = Callable[[str], frozenset[str]]


#: Words a link's title may hold: a link names one article or a few goods, not a paragraph.
_LINK_WORDS = 12


def _kind(segment: str, tags_of: TagsOf, goods_tags: frozenset[str], titled: bool, own_line: bool, opening: bool) -> str:
    """"link", "notice" or "" for one segment of a field (``titled``: a title's, where a notice needs no colon).

    ``own_line``: the segment ends at a line break, or at the field's end after other text; ``opening``: nothing comes
    before it.  A link opening the field must end at a line break, or name nothing an offer could be
    (:func:`_names_no_goods`): "Baca juga: Tips memilih dompet kulit" put before a
    description runs on into the seller's first sentence, which would be read past with it (hid 475 of 5,184 offers
    when any sentence's end closed a link; 2.10 108, by the link's words read as a guide's)."""
    if titled and not _names_no_goods(segment, tags_of):
        return ""  # a title's segment naming goods is its product phrase, whatever heads it ("Baca juga: blanko KTP el")
    head = _LINK_HEAD.match(segment)
    if head:
        # a link run on into the seller's next sentence ("Baca juga: Tips … Blangko ini untuk ektp.") is no link: its
        # title cannot be told from the seller's words, which would be read past with it
        if len(segment[head.end():].split()) > _LINK_WORDS:
            return ""
        if opening and not own_line and not _names_no_goods(segment, tags_of):
            return ""  # the seller's first sentence may run on after the link's title, to a sentence's or the field's end
        if PRICE_OR_QUANTITY.search(segment) or not _TERMS_TAGS.isdisjoint(tags_of(segment)):
            return ""
        return "link"
    head = _NOTICE_HEAD.match(segment)
    if head is None or (":" not in head.group(0) and not titled) or (opening and not own_line):
        return ""  # a notice opening the description on the seller's first line cannot be told from it ("Libur lebaran: …")
    words = set(re.findall(r"[a-z]+", segment.lower()))
    if _OPERATION_WORDS.isdisjoint(words) or _SHOP_WORDS.isdisjoint(words):
        return ""
    return "" if not goods_tags.isdisjoint(tags_of(segment)) else "notice"


#: (levers16) Where a sentence may run on after a link's titles with no stop: a capital after a word ("… Cara blokir
#: NIK yang disalahgunakan Pesanan di hari libur diproses …", "… disalahgunakan COD tersedia …").
_RUN_ON = re.compile(r"(?<=\w)\s+(?=[A-Z])")


def _link_run_on(segment: str, tags_of: TagsOf, goods_tags: frozenset[str], own_line: bool,
                 opening: bool) -> tuple[str, str]:
    """(levers16) A link line a sentence runs on into ("Lihat artikel lain: …; Cara blokir NIK Pesanan di hari libur
    diproses hari kerja berikutnya."): (the link, "link") when the words up to a capital are a link (the longest such),
    the sentence kept as the listing's own words (the caller keeps what follows the link); (the segment, "") when none
    is.  A link opening the field keeps its
    own test (:func:`_kind`), as a seller's first sentence may run on after it."""
    for boundary in reversed(list(_RUN_ON.finditer(segment))):  # the longest link first: its titles hold capitals
        link = segment[:boundary.start()]
        if _kind(link, tags_of, goods_tags, False, own_line or not opening, opening) == "link":
            return link, "link"
    return segment, ""


def _names_no_goods(segment: str, tags_of: TagsOf) -> bool:
    """Whether a segment's words name nothing an offer could be: only negatives (a guide, a holder), cues and a bare
    card ("Artikel terkait: cara merawat kartu."), so no seller's sentence ran on into it."""
    return all(tag.startswith(("NEG", "CUE")) or tag == "KARTU" for tag in tags_of(segment))


def without_voiceless(text: str, tags_of: TagsOf, goods_tags: frozenset[str],
                      titled: bool = False) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(the text without its link lines and shop notices, (kind, line) of each read past).  The text itself when it has
    none; a text with no colon (and no bar in a title) has none, so most listings pay one ``in`` test."""
    if ":" not in text and not (titled and ("|" in text or " - " in text)):
        return text, ()
    lowered = text.lower()
    if not any(hint in lowered for hint in _HEAD_HINTS):
        return text, ()
    parts = (_TITLE_SEGMENT_END if titled else _SEGMENT_END).split(text)
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    for index in range(0, len(parts), 2):
        segment, end = parts[index], parts[index + 1] if index + 1 < len(parts) else ""
        opening = not titled and not "".join(parts[:index]).strip()
        own_line = titled or "\n" in end or (not end and not opening)
        kind = _kind(segment, tags_of, goods_tags, titled, own_line, opening) if segment.strip() else ""
        if not kind and not titled and _LINK_HEAD.match(segment):
            link, kind = _link_run_on(segment, tags_of, goods_tags, own_line, opening)
            if kind:  # the sentence run on after the link is the listing's own
                dropped.append((kind, link.strip()))
                kept.append("\n" + segment[len(link):].lstrip() + end)
                continue
        if kind:
            dropped.append((kind, segment.strip()))
        else:
            kept.append(segment + end)
    if not dropped:
        return text, ()
    return "".join(kept).strip(" \n|-\u2013\u2014"), tuple(dropped)


def title_without_hashtags(title: str, names: Callable[[str], object] = bool) -> tuple[str, str]:
    """(the title without a run of hashtags, the run) when the title names something besides it: a tag list before or
    after the title's words is read as a tag list in the description, not as the title's product phrase
    ("#infoktp #pengumuman #berita Blanko KTP el original").  A title of hashtags only is its own words, as is one whose
    other words are pieces of a respelt hashtag ("#ektp #bl an ko"), unless ``names`` finds something in them (a title
    spelled out letter by letter, "b l a n k o  e k t p")."""
    if title.count("#") < 2:
        return title, ""
    runs = [run.group(0).strip(" ,") for run in HASHTAG_RUN.finditer(title)]
    if not runs:
        return title, ""
    rest = " ".join(HASHTAG_RUN.sub(" ", title).split()).strip(" |-,")
    if "#" in rest:
        return title, ""  # a respelt hashtag's pieces ("#ektp #bl an ko #ko so ng"): the title is read as written
    if not names(rest):
        return title, ""  # the title's own words name no goods ("Barang langka ready", "Info untuk warga:")
    return rest, " ".join(runs)


#: (levers16) A warning word opening a warning ("Waspada …", "Awas …", "Hati-hati …", Javanese and Betawi "Ati-ati …").
_WARNING_WORD = re.compile(r"\b(?:waspada|awas|hati[- ]?hati|hati2|ati[- ]?ati|ati2)\b", re.IGNORECASE)
#: What the shop calls itself, in its own first person ("toko kami", "lapak aye", "admin kami", Sundanese "toko abdi",
#: Javanese "nomer kulo"): the one warning is the shop.
_SHOP_ITSELF = re.compile(
    r"\b(?:toko|lapak|olshop|shop|store|akun|admin|nomor|nomer|rekening|cs|wa|ig|etalase)(?: resmi)?"
    r" (?:kami|kita|aye|abdi|kulo)\b"
    # impostors said to use the shop's name ("mengatasnamakan kami", "mencatut nama lapak kami", "ngaku-ngaku aye")
    r"|\b(?:mengatasnamakan|atas nama|mencatut|catut|ngaku|mengaku|meniru|peniru)\b[\w -]{0,24}?\b(?:kami|kita|aye|abdi"
    r"|kulo)\b", re.IGNORECASE)
#: The buyer told where to order or write: only, straight, safely at the shop ("order hanya di toko ini", "belanja aman
#: di toko kami", "pesan langsung ke nomor kami saja").  Not after a prohibition ("jangan order di toko ini"): a third
#: party pointing at a shop.
_ORDER_HERE = re.compile(
    r"(?<!jangan )(?<!tidak )(?<!gak )\b(?:order|pesan|beli|belanja|transaksi|checkout|hubungi|chat|dm)\b"
    r"(?: (?:hanya|cuma|langsung|aman|saja|aja|resmi))* (?:di|lewat|via|ke|melalui) (?:\w+ )?(?:kami|ini|aye|abdi|kulo)\b",
    re.IGNORECASE)
#: A sentence's end inside a field: the warning read past runs to it.
_SENTENCE_CLOSE = re.compile(r"[.!?\n]+")
#: A bare warning ("Awas penipuan!", "Waspada!"): at most this many words, it warns through the sentence after it.
_BARE_WARNING_WORDS = 3


def _sentence_from(closes: list[int], length: int, start: int) -> int:
    """Where the sentence running from ``start`` ends (past its closing marks), or the text's end (``length``).

    ``closes`` are the ends of the text's runs of closing marks, found once per text: searching the text again from
    each warning word scanned to its end for every one of them where no mark follows (a long run of warning words with
    no stop took seconds)."""
    at = bisect_right(closes, start)
    return closes[at] if at < len(closes) else length


def _shop_speaks(span: str) -> bool:
    """Whether words speak as the shop itself (its own first person, or the buyer told to order at it)."""
    return _SHOP_ITSELF.search(span) is not None or _ORDER_HERE.search(span) is not None


def without_own_warnings(text: str, offers: Callable[[str], bool]) -> tuple[str, tuple[str, ...]]:
    """(levers16) The text without the shop's own warnings against its impostors, and each warning read past.

    A shop warns its buyers of those who use its name ("Waspada penipuan blangko e-KTP, order hanya di toko ini.",
    "Hati-hati penipuan mengatasnamakan toko kami.", "Awas penipuan! Akun resmi kami hanya yang ini."): the seller
    speaking of its own channels, like its announcements above, no report of the goods.  Read as the listing's words its
    warning made an offer a warning's (run on after a title, "Waspada penipuan blangko" read as the title's publication,
    hid 4,165 of 5,280 read-right offers on 2.13).  So a warning whose sentence (or, for a bare "Awas penipuan!", the
    next) speaks as the shop is read past from its warning word to that sentence's end.  A third party's warning names
    no shop in the first person ("… mengatasnamakan Dukcapil", "jangan order di toko ini", "laporkan ke polisi") and
    stays.  ``offers`` says whether the words read past offer goods themselves (a price, a sale word beside goods):
    then they are the seller's offer, and stay."""
    if not _WARNING_WORD.search(text):
        return text, ()
    kept: list[str] = []
    dropped: list[str] = []
    at = 0
    warnings = list(_WARNING_WORD.finditer(text))
    closes = [close.end() for close in _SENTENCE_CLOSE.finditer(text)]
    for index, warning in enumerate(warnings):
        if warning.start() < at:
            continue
        end = _sentence_from(closes, len(text), warning.end())
        if index + 1 < len(warnings) and warnings[index + 1].start() < end:
            continue  # a later warning in the sentence is the one its shop's words close (a title's own warning stays)
        span = text[warning.start():end]
        if not _shop_speaks(span) and len(span.split()) <= _BARE_WARNING_WORDS:
            end = _sentence_from(closes, len(text), end)
            span = text[warning.start():end]
        if not _shop_speaks(span) or offers(span):
            continue
        kept.append(text[at:warning.start()])
        dropped.append(span.strip())
        at = end
    if not dropped:
        return text, ()
    kept.append(text[at:])
    return "\n".join(part.strip(" ") for part in kept).strip(), tuple(dropped)


#: (levers16) A hashtag a sentence runs on after with no stop ("… #jasalegalisirktp Pesanan di hari libur …").
_HASHTAG_RUN_ON = re.compile(r"(?<![^\s,])(#\w+)[ \t]+(?=[A-Z][a-z])")


def hashtags_closed(text: str) -> str:
    """(levers16) The text with a line break after each hashtag a capitalised sentence runs on after: a hashtag is
    one word of search terms, and its words ("#jasalegalisirktp" is "jasa legalisir ktp") do not join the next
    sentence's ("… ktp" + "Pesanan di hari libur …" read "KTP pesanan", a KTP made to order)."""
    return _HASHTAG_RUN_ON.sub(r"\1\n", text) if "#" in text else text
