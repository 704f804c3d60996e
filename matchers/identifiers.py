"""Identifiers an investigator needs: chip UIDs, NIKs, phone numbers, contact URLs.

Every candidate is validated before it is reported: a hex string is a chip UID
only when it has 4, 7 or 8 bytes and a chip cue names it (read by
:mod:`matchers.chip_uids`, which also says how many characters were read from an
OCR lookalike letter: :func:`chip_readings`); a 16-digit number is a NIK only when its structure is possible (real province,
regency and district not 00, day 01–31 or 41–71 for women, month 01–12); a
phone number must be a valid Indonesian mobile number, and not one a product labels as
its own ("SKU 0812…", "Part no 0812…"); a NIK-shaped number labelled as an order's, a
payment's, a utility customer's, a member's or a code ("No. pesanan", "kode bayar", "ID
pelanggan", "no anggota", "kode:") is no NIK.  A number that fails
validation is not an identifier.  Unicode's other digit forms (full-width,
mathematical, Arabic-Indic, circled, keycap …), Cyrillic and Greek letters drawn
like Latin ones, full-width letters, invisible characters and pictographs between
digits are undone first, in one place (:mod:`matchers.identifier_text`).

Kinds: ``chip_uid``, ``nik``, ``phone`` (E.164), ``url`` (contact and group
links), and from the modules this one calls: ``bank_account``
(``BCA:1234567890``, :mod:`matchers.bank_accounts`), ``ewallet``
(``DANA:+6281234567890``, :mod:`matchers.wallets`), ``email`` and
``social_handle`` (``instagram:@name``, :mod:`matchers.contacts`).  Links,
NIKs and phones are claimed first; a bank account is read only in digits none
of them took, so the older kinds are found exactly as before.  A number its label
gives to a bank account ("rekening BCA 0812345678", "rek BTN 3274…") is neither a
phone nor a NIK: it is left to the account reader.  Phones spelled out in words
("nol delapan satu dua …") are read by :mod:`matchers.identifiers_spelled`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    import phonenumbers

from matchers.bank_accounts import BANK_FORMATS, find_bank_accounts, may_have_bank_account
from matchers.chip_uids import (
    CHIP_UID_BYTES,
    LOOKALIKE_DIGITS,
    MARKED_BYTES,
    UID_CONTEXT,
    ChipReading,
    about_chips,
    find_chip_readings,
    has_uid_cue,
    names_chip_number,
)
from matchers.contacts import find_contacts, find_group_links, may_have_contact
from matchers.identifier_text import identifier_text
from matchers.identifiers_spelled import may_have_spelled_number, spelled_numbers
from matchers.result import IdentifierMatch
from matchers.wallets import may_have_wallet, wallet_codes

#: Province codes of the NIK (Kemendagri), including the Papua provinces created in 2022.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
     61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}
)

_DIGIT = re.compile(r"\d")
_PHONE_HINT = re.compile(r"(?:\+ ?62|62|0)\)?(?:[ .\-]| [\-\u2013\u2014] )?(?:\(0\)[ .\-]?)?\(?8")
#: Sixteen digits, single separators allowed (also between every two: "3 1 7 4 …"); not part of a
#: longer dotted or dashed number ("1.3201…"), but a full stop glued to a word before is no separator
#: ("NIK.3578…").
#: (2.6) A spaced dash is one separator too ("3201 - 0145 - 0690 - 0002").
_NIK = re.compile(r"(?<!\d)(?<!\d[.\-])\d(?:(?:[ .\-]| - )?\d){15}(?![\d])")
#: (2.6) The same broken across a line, read only right after a NIK cue ("NIK: 32010145\n06900002"): a
#: number pasted from a photo's text or a narrow chat; two numbers on two lines are two elsewhere.
_NIK_ACROSS_A_LINE = re.compile(r"(?<!\d)(?<!\d[.\-])\d(?:(?:[ .\-]| - |[ \t]*\r?\n[ \t]*)?\d){15}(?![\d])")
_NIK_CUE = r"\b(?:nik|(?:no|nomor|nmr)\.?\s*ktp)\b"
_NIK_CUE_BEFORE = re.compile(_NIK_CUE + r"[\s:.=#]{0,4}$")
#: A mobile number: 08…, 62 8…, +62 8…, with the country code or the operator
#: prefix in brackets as sellers write them ("(+62) 812…", "+62 (812) …", "+62 (0)812 …"),
#: or read out in pairs ("08 12 34 56 78 90": only spaces inside the operator prefix, so
#: a date "08-12-2023 10.30" never becomes one); groups may be set apart by a spaced dash
#: before a group of three digits or more, or of digits spaced one by one ("0812 - 3456 - 7890",
#: "0 8 1 3 - 2 2 9 9 - 7 7 1 0"; not "0812-3456-7890 - 2 pcs");
#: the trunk 0 may stay after the country code ("+62 0812…"), which may be dialled "0062" or set
#: apart by a spaced dash ("62 - 812 - …").  A number whose last digits are
#: masked ("0813-1234-56XX", "0812 3456 78**") is no number: its readable head is not one either.
#: (2.6) Nor is one joined by a dot or dash to digits before it ("SN 20231206-0812345678": that code's tail).
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[.\-])(?:(?:\( ?\+? ?62 ?\)|(?:\+|00) ?62)(?:[ .\-]?0)?|62|0)(?:[ .\-]| [\-\u2013\u2014] )?(?:\(0\)[ .\-]?)?\(?8(?: ?\d){1,2}\)?(?:(?:[ .\-\u2013\u2014]| ?[\-\u2013\u2014] (?=\d{3}|\d \d \d))?\d){6,9}"
    r"(?!\d|[xX*]|[ .\-][xX*]{2})"
)
#: A label right before a 16-digit number that makes it a family card's number (nomor KK), which
#: is built like a NIK (region, date, serial) but names a household, not a person.
#: A label's own number word after it ("SHM no. 3201…", "KK nomor: 3201…").
_LABEL_NUMBER_WORD = r"(?:\s*(?:no|nomor|nomer|nmr|number)\.?)?"
_FAMILY_CARD_LABEL = re.compile(rf"(?<![a-z])(?:kk|kartu\s+keluarga)(?:nya)?{_LABEL_NUMBER_WORD}[\s:.#=]*$")
#: Labels of a product's own numbers: a phone- or NIK-shaped number right after one is that number
#: ("SKU 0812…", "Part no 0812…", "Barcode 0812…", "Resi JNE 0812…", "Batch 0852 …"), not a contact.
_PRODUCT_NUMBER_LABELS = (
    r"sku|plu|barcode|ean|upc|isbn|imei|iccid|awb|invoice|inv|faktur|batch|lot|model|p/n|s/n|sn"
    r"|resi(?:\s+[a-z&]+)?|part(?:\s+(?:no|number|num))?|serial(?:\s+(?:no|number))?|(?:kode|id)\s+(?:produk|barang|item)"
    r"|(?:no|nomor|nomer)\.?\s*(?:seri|serial|part|resi|invoice|batch)"
)
#: ... with the code's own letters glued before the number ("kode produk SPT-0812345678").
_PRODUCT_NUMBER_LABEL = re.compile(
    rf"(?<![a-z])(?:{_PRODUCT_NUMBER_LABELS}){_LABEL_NUMBER_WORD}[\s:.#=]*(?:[a-z]{{1,6}}[\-/])?$")
#: ... and of payment and voucher numbers, 16 digits as often as a NIK ("VA 5105…", "kartu kredit 5105…")
_OTHER_THAN_NIK_LABEL = re.compile(  # not after "NIK": "NIK anggota 3201…" is a member's NIK
    rf"(?<![a-z])(?<!nik )(?:{_PRODUCT_NUMBER_LABELS}|va|virtual\s+account|kartu\s+kredit|credit\s+card|cc|voucher"
    r"|kode\s+(?:voucher|redeem|tiket|booking)|token|tiket|ticket|sertifikat|shm|shgb"
    # an order's, a payment's, a utility customer's or a member's number (16 digits as often as a NIK)
    # with the shop, merchant or utility it is for ("kode bayar indomaret", "ID pelanggan PLN")
    r"|(?:order|pesanan|transaksi|trx|booking|(?:kode|no|nomor)\s+(?:bayar|pembayaran)|(?:id|no|nomor)\s+pelanggan"
    r"|member|membership|anggota|nasabah|polis|kontrak|kode"
    # (2.6) a card's own number: e-money, debit and member cards are numbered 16 digits too ("nomor kartu
    # TapCash 7546 …"); not the identity card's full name ("no kartu tanda penduduk", "kartu identitas")
    r"|(?:no|nomor|nomer)\.?\s*kartu(?!\s+(?:tanda|identitas|ktp|penduduk)))"
    r"(?:\s+(?!nik(?![a-z]))[a-z]+)?)" + _LABEL_NUMBER_WORD + r"[\s:.#=]*$"
)
#: The text right after a number saying it is no NIK ("3201… (voucher, bukan NIK)").
_NIK_DENIED_AFTER = re.compile(r"[^\n]{0,20}?(?<![a-z])(?:bukan|bkn|not|non)[ \-]?(?:a )?nik(?![a-z])")
_BANK_NAMES = "|".join(bank.pattern for bank in BANK_FORMATS)
#: A bank account's label right before a number ("rek BCA 0812345678", "rekening BTN 3274…"): the
#: number is that account (:mod:`matchers.bank_accounts` reads it), not a phone and not a NIK.
_ACCOUNT_LABEL = re.compile(
    rf"(?<![a-z])(?:(?:(?:no\.?\s?)?rek(?:ening)?\.?|norek)(?:\s+(?:bank\s+)?(?:{_BANK_NAMES}))?"
    rf"|(?:bank\s+)?(?:{_BANK_NAMES}))[\s:.#=]*$"
)
#: (2.6) A mobile number written digit by digit with one repeated dot or dash between every two
#: ("0.8.1.2.3.4.5.6.7.8.9.0", "+6-2-8-1-2-…"), a way past number filters: a date, a time, a price or
#: a version number has groups of digits, never ten single ones in a row.
_PHONE_BY_DIGIT = re.compile(r"(?<![\w.\-+])(?:\+ ?)?\d(?P<sep>[.\-])\d(?:(?P=sep)\d){8,12}(?![\w]|[.\-]\d)")
#: (2.6) A phone-shaped run grouped 4-4-4 right after a group of four digits and the same separator.
_FOUR_FOUR_FOUR = re.compile(r"\d{4}(?P<sep>[ .\-])\d{4}(?P=sep)\d{4}")
_FOUR_BEFORE = re.compile(r"(?<![\d.\-])\d{4}[ .\-]$")
_PHONE_BRACKETS = re.compile(r"\(0\)|[()]")
#: Any chip cue (a necessary condition the prefilter and its test rely on).
_UID_CONTEXT = UID_CONTEXT
#: (2.6) A link's dot written past a link filter: spaced ("wa . me"), bracketed ("wa[.]me", "t(.)me")
#: or as a word ("wa dot me", "wa titik me"); such a link is read only with its slash after it.
_HIDDEN_DOT = r"(?:[ \t]*(?:\.|\[\.\]|\(\.\)|\[dot\]|\(dot\)|\u3002)[ \t]*|[ \t]+(?:dot|titik)[ \t]+)"
_CONTACT_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<host>(?P<wa>wa\.me|(?<![a-z0-9])wa" + _HIDDEN_DOT + r"me(?=[ \t]*/))"
    r"|t\.me|(?<![a-z0-9])t" + _HIDDEN_DOT + r"me(?=[ \t]*/)|telegram\.me|tg://resolve\?domain="
    r"|(?:api\.whatsapp\.com/|whatsapp://)send/?\?phone=(?:%2B)?)"
    # "t.me/@name" and the preview "t.me/s/name" are the channel; a group invite ("t.me/+HASH",
    # "t.me/joinchat/HASH") is "https://t.me/+HASH" as :mod:`matchers.contacts` reads it
    # a wa.me number typed with spaces or dashes ("wa.me/62 812 3456 7890") is still its number
    r"(?:[ \t]*/[ \t]*)?(?:s/|@|(?P<join>joinchat/))?(?P<path>(?<=joinchat/)[A-Za-z0-9_\-]{10,64}|\+[A-Za-z0-9_\-]{10,64}"
    # (2.6) a WhatsApp Business short link or QR link ("wa.me/message/Q7XKZ3VLMPB2A1"): the business's own code
    r"|(?(wa)(?P<code>(?:message|qr)/[A-Za-z0-9]{6,32})(?![A-Za-z0-9_])|(?!))"
    r"|(?(wa)\+?\d{2,4}(?:[ \-]\d{2,5}){1,5}(?![A-Za-z0-9_])|(?!))|\+?[A-Za-z0-9_]{3,64})",
    re.IGNORECASE,
)


def _may_have_link(low: str) -> bool:
    """Necessary test for ``_CONTACT_URL`` in lower-cased text: a host, or the slash after a hidden
    dot's "me" (substring tests)."""
    return "whatsapp" in low or "telegram" in low or "tg://" in low or (
        "me" in low and ("wa.me" in low or "t.me" in low or "me/" in low or "me /" in low))


# Skeletons of ASCII text, made with one ``bytes.translate`` each, that cheaply rule
# out the identifier regexes: a NIK or phone number becomes a run of "1"s once
# the separators they allow are deleted, a chip UID a run of 8+ "h"s.
_DIGIT_SKELETON = bytes(ord("1") if chr(c).isdigit() else ord("_") for c in range(256))
_DIGIT_SEPARATORS = b" .-()+"
#: Hex digits and the letters read as digits in a UID (O, I, L, S …), separators deleted.
#: Hex digits and the letters read as digits in a UID (O, I, L, S …), separators deleted.
_HEX_SKELETON = bytes(ord("h") if chr(c) in "0123456789abcdefABCDEF" + "".join(LOOKALIKE_DIGITS) else ord("_")
                      for c in range(256))
_HEX_SEPARATORS = b":-._, \t\r\nxX"
#: ... and the marks the chip reader reads as spaces between bytes ("04|A2|3B|…", "04/A2/3B/…").
_HEX_SEPARATORS_AND_MARKS = _HEX_SEPARATORS + b"|;/"
_NON_DIGIT = re.compile(r"\D")


#: A number written right after a phone cue with the letter O for a zero or l/I for a one
#: ("WA O812 3456 789O", "wa 08l2 …"): sellers do it to slip past filters.  Only there are they
#: read as digits, and only in a run that starts like a mobile number (O8 / 08), holds at least
#: seven real digits and ends the word, so words and codes elsewhere ("SO 0812", "PO 1234") and a
#: word after the number ("0812 3456 7890 ok") are left alone.
#: The run may start with the country code ("WA +62 812-3456-789O") and its groups may be joined by
#: underscores ("wa 0812_3456_7890"), read as spaces there.
#: (2.6) What may stand between a cue and its number: spaces, a colon or an equals sign, and arrows and
#: pictographs sellers point with ("wa 👉 0856_…", "WA ➡️ 0812…", "NIK -> 3201…").
_CUE_GAP = r"(?:[\s:.=>\-]|[^\x00-\x7f]){0,5}"
_PHONE_CUE = r"\b(?:wa|whatsapp|hp|telp|tlp|telepon|sms|call|(?:kontak|contact)(?:\s+person)?|hub|hubungi|cp|chat)\b"
_PHONE_CUE_RUN = re.compile(
    _PHONE_CUE + _CUE_GAP
    + r"((?:(?:\+ ?)?62[ .\-]?[0o]?|[0o])8[0-9oli _.\-]{7,18}[0-9oli])(?![a-z0-9])",
    re.IGNORECASE,
)
#: (2.6) Digits on lines right after a phone cue, a line break among them (see ``_phones_across_lines``).
_CUED_LINES = re.compile(
    _PHONE_CUE + _CUE_GAP + r"((?:\+ ?)?[0-9][0-9 .\-]*(?:[ \t]*\r?\n[ \t]*[0-9][0-9 .\-]*)+)", re.IGNORECASE)
_LINE = re.compile(r"[^\r\n]+")
_DIGITS_ACROSS_A_LINE = re.compile(r"[0-9][ \t]*\r?\n[ \t]*[0-9]")  # a cheap test before the cue's regex
#: "O8", or a digit then O, l, I or an underscore: one character class first, a third of an alternation's cost.
_PHONE_LOOKALIKE_HINT = re.compile(r"[0-9oO][oOlI_8](?<![0-9]8)(?<![oO][oOlI_])")
_PHONE_DIGITS = str.maketrans("oOlIiL_", "001111 ")
#: The same for a NIK right after its cue ("NIK", "No. KTP"), as OCR reads a KTP's photo ("NIK :
#: 32O1O1450690OOO2"): sixteen characters, at least ten of them real digits, read as a NIK only when
#: they make a valid one.
_NIK_CUE_RUN = re.compile(_NIK_CUE + _CUE_GAP + r"([0-9oli][0-9oli .\-]{14,22}[0-9oli])(?![a-z0-9])", re.IGNORECASE)
_NIK_LOOKALIKE_DIGITS = 10


def _may_have_phone_run(text: str) -> bool:
    """Necessary test for ``_PHONE_CUE_RUN``: its run starts with +62 or 62, or with 08, o8 or O8.
    Substring tests, where the lookalike hint's regex stops at every digit and o of a description."""
    return "08" in text or "o8" in text or "O8" in text or "+" in text or "62" in text


def _zero_for_o(match: re.Match[str]) -> str:
    run = match.group(1)
    if sum(ch.isdigit() for ch in run) < 7:
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start(0)] + run.translate(_PHONE_DIGITS)


def _nik_zero_for_o(match: re.Match[str]) -> str:
    run = match.group(1)
    read = run.translate(_PHONE_DIGITS)
    if sum(ch.isdigit() for ch in run) < _NIK_LOOKALIKE_DIGITS or not valid_nik(_NON_DIGIT.sub("", read)):
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start(0)] + read


@lru_cache(maxsize=4_096)
def _prepare(text: str) -> str:
    """Unicode's other digit, letter and dash forms and its invisible characters undone
    (:func:`matchers.identifier_text.identifier_text`), O read as 0 and l/I as 1 in a number right
    after a phone or NIK cue.  Cached: a title is prepared again as the description's context."""
    text = identifier_text(text)  # ASCII comes back as it is
    if "**" in text:  # markdown's bold ("**WA: 0812-3456-7890**"): its stars are no masked digits
        text = _MARKDOWN_BOLD.sub(_spaces_for_stars, text)
    # a digit then O, l or I (or "O8"): in every misread phone or NIK run but a NIK's whose every lookalike
    # starts a group (one character class first: as cheap as the substring prechecks, which run after it)
    if _PHONE_LOOKALIKE_HINT.search(text):
        if _may_have_phone_run(text):
            text = _PHONE_CUE_RUN.sub(_zero_for_o, text)
        if _may_name_a_nik(text):
            text = _NIK_CUE_RUN.sub(_nik_zero_for_o, text)
    return text


#: (2.6) Markdown's bold, "**…**", on one line: the stars are read as spaces (one for one).
_MARKDOWN_BOLD = re.compile(r"\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*")


def _spaces_for_stars(bold: re.Match[str]) -> str:
    return "  " + bold.group(1) + "  "


_KTP_NUMBER_WORDS = ("no ktp", "no. ktp", "nomor ktp")


def _may_name_a_nik(text: str) -> bool:
    """Cheap test before ``_NIK_CUE_RUN``: "NIK", or "KTP" after a number word (substring tests)."""
    if "nik" in text or "NIK" in text or "Nik" in text:
        return True
    if "ktp" not in text and "KTP" not in text and "Ktp" not in text:
        return False
    low = text.lower()
    return any(map(low.__contains__, _KTP_NUMBER_WORDS))


def _may_have_numbers(text: str) -> tuple[bool, bool]:
    """(a NIK is possible, a phone number is possible): necessary tests only."""
    if text.isascii():
        skeleton = _digit_skeleton(text)
        nik = b"1" * 16 in skeleton or ("\n" in text and skeleton.count(b"1") >= 16 and _may_name_a_nik(text))
        phone = b"1" * 9 in skeleton or ("\n" in text and skeleton.count(b"1") >= 9)  # "WA\n0812 3456\n7890"
        return nik, phone and _may_start_a_phone(text)
    digits = len(_DIGIT.findall(text))
    return digits >= 16, digits >= 9 and _may_start_a_phone(text)


def _may_start_a_phone(text: str) -> bool:
    """A phone number's start: _PHONE's, or one written digit by digit (``_PHONE_BY_DIGIT``)."""
    return _PHONE_HINT.search(text) is not None or _may_be_by_digit(text)


def _may_be_by_digit(text: str) -> bool:
    """Necessary test for ``_PHONE_BY_DIGIT``: its trunk 0 or its country code's 2 before the mobile 8."""
    return "0.8" in text or "0-8" in text or "6.2.8" in text or "6-2-8" in text


def _may_have_account(text: str) -> bool:
    """Necessary test for a bank account: ten digits in a run (separators allowed) and a bank or account word."""
    if text.isascii():
        return b"1" * 10 in _digit_skeleton(text) and may_have_bank_account(text, 10)
    return may_have_bank_account(text, len(_DIGIT.findall(text)))


def _may_have_uid(text: str, low: str) -> bool:
    """Necessary tests for a chip UID: hex-looking characters enough for one, and a cue word."""
    # prepared text: what is not ASCII now (emoji, other scripts) is never part of a token, so it is dropped
    if not _hex_looking(text):
        return False
    return has_uid_cue(low)  # UID_CONTEXT_LOW's cues: those find_chip_readings reads are in ``low``


def _hex_looking(text: str) -> bool:
    """Eight hex-looking ASCII characters in a row once separators are dropped, or bytes joined by
    marks (``chip_uids.MARKED_BYTES``, looked for only where the cheap test with marks dropped passes)."""
    if b"h" * 8 in _hex_skeleton(text):
        return True
    if "/" not in text and "|" not in text and ";" not in text:
        return False
    data = text.encode("ascii", "ignore")
    return b"h" * 8 in data.translate(_HEX_SKELETON, _HEX_SEPARATORS_AND_MARKS) and \
        MARKED_BYTES.search(data.decode("ascii")) is not None


@lru_cache(maxsize=8)
def _digit_skeleton(text: str) -> bytes:
    """ASCII text's digits as "1"s, other characters "_", a NIK's or phone's separators dropped:
    made once for the NIK, phone and account gates of one text (a few recent texts kept)."""
    return text.encode("ascii").translate(_DIGIT_SKELETON, _DIGIT_SEPARATORS)


@lru_cache(maxsize=8)
def _hex_skeleton(text: str) -> bytes:
    """The text's ASCII characters as "h" (hex-looking) or "_", a UID's separators dropped: made once
    for the caller's and the reader's UID gates of one text (a few recent texts kept)."""
    return text.encode("ascii", "ignore").translate(_HEX_SKELETON, _HEX_SEPARATORS)


def _may_have_printed_uid(text: str, low: str, topical: bool) -> bool:
    """Necessary tests for a UID printed by a reader, which needs no cue in a listing about chips
    or cards (``chip_uids.printed_by_a_reader``): a reader's mark, fourteen hex-looking characters
    in a row, and the topic."""
    if ":" not in text and "0x" not in low:
        return False
    if b"h" * 14 not in _hex_skeleton(text):
        return False
    return topical or about_chips(low)


def _may_hold_uid(text: str) -> bool:
    """Necessary test for a token of UID length: for ASCII, eight hex-looking characters in a row
    once separators are dropped (a byte-table test, a tenth of the token regex's cost)."""
    return not text.isascii() or _hex_looking(text)


def valid_nik(digits: str) -> bool:
    """True when a 16-digit string has the structure of a real NIK."""
    if len(digits) != 16 or not digits.isdigit():
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    return (
        int(digits[0:2]) in PROVINCE_CODES
        and digits[2:4] != "00"
        and digits[4:6] != "00"
        and (1 <= day <= 31 or 41 <= day <= 71)
        and 1 <= month <= 12
        and digits[12:16] != "0000"
    )


def _is_mobile(number: phonenumbers.PhoneNumber) -> bool:
    """A mobile number (or one that may be); ``phonenumbers`` is imported on first use, not with
    this module: its metadata was a tenth of the start-up of every command that masks NIKs."""
    import phonenumbers

    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return phonenumbers.number_type(number) in kinds


_PLAIN_PHONE = re.compile(r"\+?[\d .\-()]+")


@lru_cache(maxsize=16_384)
def phone_e164(candidate: str) -> str | None:
    """E.164 form of an Indonesian mobile number, or None when it is not one.

    The commonest shapes (``08…`` and ``+62 8…`` with separators) are read
    directly: ``phonenumbers.parse`` took 20 of the 34 µs a number cost.
    Anything else goes through ``parse`` (same answers: a test compares both
    on thousands of candidates).
    """
    if _PLAIN_PHONE.fullmatch(candidate):
        digits = _NON_DIGIT.sub("", candidate)
        if candidate.startswith("+62"):  # without "+", parse may read 62… as a national number
            national = digits[2:]
            national = national[1:] if national[:2] == "08" else national  # "+62 0812…": a trunk 0 kept
        elif digits.startswith("0") and candidate[0] != "+":
            national = digits[1:]
        else:
            national = ""
        if national[:1] == "8" and len(national) <= 17:
            import phonenumbers

            number = phonenumbers.PhoneNumber(country_code=62, national_number=int(national))
            return f"+62{national}" if _is_mobile(number) else None
    return _phone_e164_parsed(candidate)


def _phone_e164_parsed(candidate: str) -> str | None:
    """:func:`phone_e164` by ``phonenumbers.parse``: any form, the reference answer."""
    import phonenumbers

    try:
        number = phonenumbers.parse(candidate, "ID")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    if not _is_mobile(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_UID_SEPARATORS = re.compile(r"0x|[:\-\s]", re.IGNORECASE)
_HEX_ONLY = re.compile(r"[0-9A-F]+")
_UID_HEX_LENGTHS = frozenset(2 * n for n in CHIP_UID_BYTES)


def chip_uid(raw: str) -> str | None:
    """The canonical form of a chip UID (upper-case hex, no separators), or None.

    ``"04:a1:b2:c3"``, ``"0x04 0xA1 0xB2 0xC3"`` and ``"04A1B2C3"`` are all
    ``"04A1B2C3"``. Only hex digits, ``0x`` prefixes and ``:``/``-``/space
    separators are allowed, and the UID must have 4, 7 or 8 bytes. Every
    ``chip_uid`` value ktpwatch stores is in this form, so the stock ledger
    normalises its UIDs with this same function.
    """
    if len(raw) in _UID_HEX_LENGTHS and _HEX_ONLY.fullmatch(raw):
        return raw  # already canonical (a ledger's million rows): skip the rewriting below
    hexdigits = _UID_SEPARATORS.sub("", raw.strip()).upper()
    if len(hexdigits) not in _UID_HEX_LENGTHS or not _HEX_ONLY.fullmatch(hexdigits):
        return None
    return hexdigits


def _unbracketed(candidate: str) -> str:
    """A phone candidate without brackets: "(+62) 812…" → "+62 812…", "+62 (0)812" → "+62 812"; the
    international prefix dialled from abroad read as "+" ("0062 812…" → "+62 812…")."""
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    if "(" not in candidate and ")" not in candidate:
        return candidate
    plain = _PHONE_BRACKETS.sub("", candidate).strip()
    return "+" + plain if plain.startswith("62") else plain


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def extract_identifiers(
    text: str, *, source: str = "description", image_sha256: str | None = None, context: str = ""
) -> tuple[IdentifierMatch, ...]:
    """Every validated identifier in ``text``, in order of appearance, without duplicates.

    ``context`` is the text of the listing's other fields (its title, when ``text`` is
    the description): one that labels a chip number ("UID chip", "nomor chip") cues
    the UIDs written in ``text``.

    Example: ``extract_identifiers("WA 0812-3456-7890")`` gives one ``phone``
    identifier with value ``+6281234567890``.
    """
    found = _found(text, context)
    if not found:
        return ()
    return tuple(IdentifierMatch(kind, value, source, raw, image_sha256, corrected)
                 for kind, value, raw, corrected in found)


def chip_readings(text: str, *, context: str = "") -> list[ChipReading]:
    """The chip UIDs in ``text`` with how many characters each read from a lookalike letter.

    Exactly the ``chip_uid`` values :func:`extract_identifiers` gives for the same
    arguments, in the same order (a differential test holds them equal), so a
    photo's OCR text can be matched fuzzily where ``corrected`` > 0 (issue 19).
    Example: ``chip_readings("UID 04A23B1C5D8O7E")`` is ``[ChipReading("04A23B1C5D807E", 1)]``.
    """
    found = _found(text, context)
    return [ChipReading(value, corrected) for kind, value, _, corrected in found if kind == "chip_uid"]


def _found(text: str, context: str) -> tuple[tuple[str, str, str, int], ...]:
    if not text:
        return ()
    text = str(text)
    # the text is tested first: titles repeat (their answer is cached), descriptions seldom do
    if context and _may_hold_uid(text):
        return _identifiers_in(text, *_context_cues(str(context)))
    return _identifiers_in(text)


@lru_cache(maxsize=16_384)
def _context_cues(context: str) -> tuple[bool, bool]:
    """(the listing's other fields label a chip number, they are about chips or ID cards): cached,
    each field of a listing is the context of the others."""
    low = _prepare(context).lower()
    return names_chip_number(low), about_chips(low)


@lru_cache(maxsize=16_384)
def _identifiers_in(text: str, cued: bool = False, topical: bool = False) -> tuple[tuple[str, str, str, int], ...]:
    """(kind, value, raw, corrected) of every identifier in ``text``, in order, first of each
    (kind, value) only; ``corrected`` counts a chip UID's lookalike letters (0 for other kinds).
    ``cued``: another field of the listing names a chip number; ``topical``: it is about chips or
    cards.  Cached by text: scans see the same descriptions again."""
    text = _prepare(text)
    low = text.lower()
    has_url = _may_have_link(low)
    nik_possible, phone_possible = _may_have_numbers(text)
    # cued: the caller found room for a UID
    has_uid = cued or _may_have_uid(text, low) or _may_have_printed_uid(text, low, topical)
    has_contact = may_have_contact(low)
    account_possible = _may_have_account(text)
    spelled_possible = may_have_spelled_number(low)
    if not (has_url or nik_possible or phone_possible or has_uid or has_contact or account_possible
            or spelled_possible):
        return ()
    found: list[tuple[int, str, str, str, int]] = []
    taken: list[tuple[int, int]] = []
    nik_spans: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, value: str, corrected: int = 0) -> None:
        taken.append((start, end))
        found.append((start, kind, value, text[start:end], corrected))

    for start, end, kind, contact in find_contacts(text) if has_contact else ():
        add(start, end, kind, contact)
    for start, end, kind, url in find_group_links(text) if has_url else ():
        add(start, end, kind, url)
    for start, end, url, phone, number in _contact_urls(text) if has_url else ():
        if _overlaps((start, end), taken):  # a group invite link taken above
            continue
        add(start, end, "url", url)
        if phone is not None:  # the number of a wa.me link, right after the link
            found.append((start + 1, "phone", phone, number, 0))
    for start, end, digits in _niks(text, low, taken) if nik_possible else ():
        add(start, end, "nik", digits)
        nik_spans.append((start, end))
    for start, end, phone in _phones(text, low, taken) if phone_possible else ():
        add(start, end, "phone", phone)
        for wallet in wallet_codes(text, start, end) if may_have_wallet(low) else ():
            found.append((start, "ewallet", f"{wallet}:{phone}", text[start:end], 0))
    for start, end, phone in _spelled_phones(low, taken) if spelled_possible else ():
        add(start, end, "phone", phone)
    for start, end, reading in find_chip_readings(text, low, cued=cued, topical=topical) if has_uid else ():
        if not _overlaps((start, end), taken):
            add(start, end, "chip_uid", reading.uid, reading.corrected)
    # a NIK's digits may be an account too: the bank's cues decide
    for start, end, account in find_bank_accounts(text, [s for s in taken if s not in nik_spans]) \
            if account_possible else ():
        add(start, end, "bank_account", account)
    return _in_order_first_of_each(found)


def _niks(text: str, low: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of each valid NIK outside ``taken``; a number a label gives to a family
    card, a payment, an order or a product is claimed (added to ``taken``), an account's left alone."""
    for m in _nik_candidates(text, low):
        digits = _NON_DIGIT.sub("", m.group(0))
        if not valid_nik(digits) or _overlaps(m.span(), taken):
            continue
        if _FAMILY_CARD_LABEL.search(low, max(0, m.start() - 24), m.start()) or \
                _OTHER_THAN_NIK_LABEL.search(low, max(0, m.start() - 24), m.start()):
            taken.append(m.span())  # a family card's or payment's number: built like a NIK, but no NIK
        elif not _ACCOUNT_LABEL.search(low, max(0, m.start() - 40), m.start()) \
                and not _denied_nik(low, m.start(), m.end()):  # BTN's accounts have 16 digits
            yield m.start(), m.end(), digits


def _nik_candidates(text: str, low: str) -> Iterator[re.Match[str]]:
    """Runs of sixteen digits shaped like a NIK, and those a line break cuts right after a NIK cue."""
    yield from _NIK.finditer(text)
    if "\n" in text and _may_name_a_nik(text):
        for m in _NIK_ACROSS_A_LINE.finditer(text):
            if "\n" in m.group(0) and _NIK_CUE_BEFORE.search(low, max(0, m.start() - 16), m.start()):
                yield m


def _denied_nik(low: str, start: int, end: int) -> bool:
    """True when the words after a number say it is no NIK ("3201… (voucher, bukan NIK)"), unless a NIK
    cue labels it ("NIK 3201…, bukan NIK palsu" denies a fake, not the number)."""
    return _NIK_DENIED_AFTER.match(low, end) is not None and "nik" not in low[max(0, start - 12):start]


def _phones(text: str, low: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, E.164) of each mobile number outside ``taken``; a product's own number is claimed
    (added to ``taken``), an account's ("rekening BCA 0812345678") left to the account reader."""
    for start, end, candidate in _phone_candidates(text):
        if _overlaps((start, end), taken) or _inside_a_word(text, start, end):
            continue
        phone = phone_e164(candidate)
        if phone is not None and (_PRODUCT_NUMBER_LABEL.search(low, max(0, start - 24), start)
                                  or _tail_of_a_card_number(text, start, end)):
            taken.append((start, end))  # a product's own number, shaped like a phone
        elif phone is not None and not _ACCOUNT_LABEL.search(low, max(0, start - 40), start):
            yield start, end, phone


def _tail_of_a_card_number(text: str, start: int, end: int) -> bool:
    """True when a phone-shaped run grouped 4-4-4 is the tail of a sixteen-digit number grouped 4-4-4-4
    ("no kartu 0145 0812 3456 7890": an e-money card's, a virtual account's)."""
    return _FOUR_FOUR_FOUR.fullmatch(text, start, end) is not None and \
        _FOUR_BEFORE.search(text, max(0, start - 5), start) is not None


def _phone_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, number as ``phone_e164`` reads it) of each run shaped like a phone number."""
    # A phone number starts where _PHONE_HINT (a prefix of _PHONE but an opening bracket) first matches, or later.
    phone_hint = _PHONE_HINT.search(text)
    for m in _PHONE.finditer(text, max(0, phone_hint.start() - 3)) if phone_hint else ():  # "( +62"
        yield m.start(), m.end(), _unbracketed(m.group(0))
    if _may_be_by_digit(text):
        for m in _PHONE_BY_DIGIT.finditer(text):
            yield m.start(), m.end(), m.group(0).replace(m.group("sep"), "").replace(" ", "")
    if "\n" in text and _DIGITS_ACROSS_A_LINE.search(text):
        yield from _phones_across_lines(text)


def _phones_across_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, number) of each number its phone cue heads that a line break cuts ("via WA\n0822
    1265\n2299"): the fewest lines that join into one (as a NIK's after its cue); elsewhere two lines
    are two numbers."""
    for m in _CUED_LINES.finditer(text):
        lines = [*_LINE.finditer(text, m.start(1), m.end(1))]
        for last in lines[1:]:
            joined = " ".join(line.group(0).strip() for line in lines[: lines.index(last) + 1])
            if _PHONE.fullmatch(joined):
                yield m.start(1), last.end(), _unbracketed(joined)
                break


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """True when the match is part of a longer code, not a number of its own ("wa081234567890"
    is one): letters or digits run on at both ends ("0xD081000000000A00"), or the run it is cut
    from is a hex number ("0x000A081000000000", "0810000000000A00": a chip UID's hex)."""
    before = start > 0 and text[start - 1].isalnum()
    after = end < len(text) and text[end].isalnum()
    if before and after:
        return True
    if not (before or after):
        return False
    first, last = start, end
    while first > 0 and text[first - 1].isalnum():
        first -= 1
    while last < len(text) and text[last].isalnum():
        last += 1
    run = text[first:last]
    if run[:2] in ("0x", "0X"):
        run = run[2:]
    if _HEX_RUN.fullmatch(run) is not None:
        return True
    # (2.6) letters glued before the number: a code's ("JP0812345678", a J&T resi; "SPXID0812…"), but
    # a contact cue's ("wa081234567890", "#hp0812…")
    return before and _GLUED_CONTACT_CUE.search(text[first:start].lower()) is None


_HEX_RUN = re.compile(r"(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]+|[0-9]+")
_GLUED_CONTACT_CUE = re.compile(
    r"(?:wa|whatsapp|hp|nohp|telp|tlp|tel|telepon|phone|ph|sms|call|cp|kontak|contact|hub|hubungi|no|nomor|nomer|nmr)$")


def _spelled_phones(low: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, E.164) of each mobile number spelled out in words (:mod:`matchers.identifiers_spelled`)."""
    for start, end, digits in spelled_numbers(low):
        phone = phone_e164("+" + digits if digits.startswith("62") else digits)
        if phone is not None and not _overlaps((start, end), taken):
            yield start, end, phone


def _contact_urls(text: str) -> Iterator[tuple[int, int, str, str | None, str]]:
    """(start, end, url, phone or None, path) of each wa.me / t.me link, and of the apps' own links to the
    same (``whatsapp://send?phone=…``, ``tg://resolve?domain=…``); a wa.me link's number is its phone;
    a business's short link keeps its code as written (codes are case-sensitive)."""
    for m in _CONTACT_URL.finditer(text):
        host = m.group("host").lower()
        path = m.group("path")
        if m.group("code"):
            kind, _, code = path.partition("/")
            yield m.start(), m.end(), f"https://wa.me/{kind.lower()}/{code}", None, path
        elif host.startswith(("api.whatsapp.com", "whatsapp://")) or m.group("wa"):
            number = path.lstrip("+").replace(" ", "").replace("-", "")
            phone = phone_e164("+" + number) if number.isdigit() else None
            if phone is not None:
                yield m.start(), m.end(), f"https://wa.me/{phone[1:]}", phone, path
        else:
            # usernames are case-insensitive, a "+" invite hash is not
            value = "+" + path if m.group("join") else path if path.startswith("+") else path.lower()
            yield m.start(), m.end(), f"https://t.me/{value}", None, path


def _in_order_first_of_each(
    found: list[tuple[int, str, str, str, int]],
) -> tuple[tuple[str, str, str, int], ...]:
    """(kind, value, raw, corrected) by position (stable: a wallet follows its phone), first of each
    (kind, value); ``corrected`` is the fewest lookalike letters of any place the value is written."""
    found.sort(key=lambda item: item[0])
    kept: dict[tuple[str, str], tuple[str, str, str, int]] = {}
    for _, kind, value, raw, corrected in found:
        first = kept.setdefault((kind, value), (kind, value, raw, corrected))
        if corrected < first[3]:
            kept[(kind, value)] = (kind, value, first[2], corrected)
    return tuple(kept.values())


class _Keyed(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...


_Identifier = TypeVar("_Identifier", bound=_Keyed)


def dedupe_identifiers(identifiers: Iterable[_Identifier]) -> tuple[_Identifier, ...]:
    """The first of each (kind, value), in the given order: an identifier a listing shows in
    several fields is kept once, from the first (the matcher's and the photo rescore's rule)."""
    seen: set[tuple[str, str]] = set()
    kept: list[_Identifier] = []
    for ident in identifiers:
        if (ident.kind, ident.value) not in seen:
            seen.add((ident.kind, ident.value))
            kept.append(ident)
    return tuple(kept)
