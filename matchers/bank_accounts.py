"""Indonesian bank account numbers offered for payment ("BCA 1234567890 a.n. Budi").

A run of digits is an account number only when

* a bank name or an account word (rek, rekening, no. rek, norek, a.n., a/n,
  atas nama) is its nearest cue: the nearest cue *before* it decides, and a
  label that owns the number instead (NIK, resi, order, invoice, transaksi,
  kode booking, virtual account, serial, HP/WA, tanggal, Rp …) rules it out;
  with no cue before it, a bank name or account word right after it counts
  ("1234567890 (BCA) a.n. Budi");
* its length is one that bank issues (:data:`BANK_FORMATS`; an account word
  with no bank name takes any length in :data:`UNNAMED_BANK_LENGTHS`);
* its digits are not part of a cue ("BNI 46"), and not a phone number or a
  link (the caller claims those first and passes their spans).  A price
  carries its own cue (Rp, harga); a NIK too, so a 16-digit number that is a
  possible NIK but stands after "BTN" is reported as both (the NIK extractor
  knows no bank names).

Values are ``CODE:digits`` (``BCA:1234567890``); ``REK:digits`` when the text
names no bank.  A run that joins two numbers ("BNI 46 …", "… 2 pcs") is read
from each group onwards, longest valid prefix first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class BankFormat:
    """How one bank is written and how long its account numbers are, with where that is from."""

    code: str
    pattern: str
    lengths: frozenset[int]
    source: str


_PR = ("Pikiran Rakyat, 'Begini Cara Mengetahui Bank dari Nomor Rekening' (list of account "
       "lengths per bank; mirrored at xcloud.id/begini-cara-mengetahui-bank-dari-nomor-rekening)")
_XENDIT = ("length ranges used with Xendit's payout bank codes in public integration code "
           "(BANK_ACCOUNT_LENGTH_RULES: CIMB 10–14, Permata 7–16)")
_DIGITAL = ("no published table found; the 12-digit account numbers these digital banks show in "
            "their apps (unverified: widen when a listing shows another length)")

#: Banks whose accounts sellers give, longest names first where one contains another.
BANK_FORMATS: tuple[BankFormat, ...] = (
    BankFormat("BSI", r"bank\s?syariah\s?indonesia|mandiri\s?syariah|b\.?s\.?i", frozenset({10}), _PR),
    BankFormat("BCA", r"b[ .]?c[ .]?a", frozenset({10}), _PR),
    BankFormat("BRI", r"bank\s?rakyat\s?indonesia|b[ .]?r[ .]?i", frozenset({15}), _PR),
    BankFormat("BNI", r"b[ .]?n[ .]?i(?:\s?46)?", frozenset({10}), _PR),
    BankFormat("MANDIRI", r"mandiri", frozenset({13}), _PR),
    BankFormat("CIMB_NIAGA", r"cimb(?:\s?niaga)?", frozenset({12, 13, 14}), f"{_PR}; {_XENDIT}"),
    BankFormat("PERMATA", r"permata(?:\s?bank)?", frozenset({10}), f"{_XENDIT} (10: savings accounts)"),
    BankFormat("BTN", r"b[ .]?t[ .]?n", frozenset({16}), _PR),
    BankFormat("DANAMON", r"danamon", frozenset({10}), _PR),
    BankFormat("JAGO", r"jago", frozenset({12}), _DIGITAL),
    BankFormat("SEABANK", r"sea\s?bank", frozenset({12}), _DIGITAL),
    BankFormat("MUAMALAT", r"muamalat", frozenset({10}), _PR),
    BankFormat("OCBC_NISP", r"ocbc(?:\s?nisp)?", frozenset({12}), _PR),
)
#: The code and the lengths when an account word stands with no bank name.
UNNAMED_BANK = "REK"
UNNAMED_BANK_LENGTHS = frozenset(range(10, 17))
_ALL_LENGTHS = frozenset().union(*(b.lengths for b in BANK_FORMATS), UNNAMED_BANK_LENGTHS)
_BY_CODE = {b.code: b for b in BANK_FORMATS}

_B = r"(?<![a-z0-9])"  # a cue starts a word …
_E = r"(?![a-z0-9])"  # … and ends one
_ACCOUNT_WORDS = r"no\.?\s?rek(?:ening)?\.?|norek|rek(?:ening)?\.?|a\s?\.\s?n\.?|a/n|atas\s?nama|an"
_OTHER_LABELS = (
    r"nik|no\.?\s?kk|npwp|resi|awb|tracking|order|pesanan|invoice|inv|transaksi|trx|booking|"
    r"kode|serial|s/n|sn|imei|sku|barcode|virtual\s?account|va|ref|"
    r"hp|wa|whatsapp|telp|tlp|telepon|phone|tgl|tanggal|rp|harga|stok|berat|ukuran"
)
_CUE = re.compile(
    "|".join(f"{_B}(?P<{b.code}>{b.pattern}){_E}" for b in BANK_FORMATS)
    + f"|{_B}(?P<account>{_ACCOUNT_WORDS}){_E}|{_B}(?P<other>{_OTHER_LABELS}){_E}",
    re.IGNORECASE,
)
#: A run of digit groups joined by one space, dot or dash, not part of a word, code or path.
_RUN = re.compile(r"(?<![0-9A-Za-z/])\d+(?:[ .\-]\d+)*(?![0-9A-Za-z/])")
_GROUP = re.compile(r"\d+")
_BEFORE_WINDOW = 40
_AFTER_WINDOW = 25
#: Necessary for any account: a bank name or an account word somewhere in the text.
_HINT = re.compile(
    _B + "(?:" + "|".join(b.pattern for b in BANK_FORMATS) + f"|{_ACCOUNT_WORDS}){_E}", re.IGNORECASE
)
#: How far before a run a cue that overlaps it may start ("bank syariah indonesia").
_LONGEST_CUE = 30


def may_have_bank_account(text: str, digit_count: int) -> bool:
    """Necessary tests: ten digits and a bank name or account word (cheap, before the regexes)."""
    return digit_count >= 10 and _HINT.search(text) is not None


def _cue_kind(match: re.Match[str]) -> str:
    kind = match.lastgroup
    assert kind is not None
    return kind


def _bank_for(text: str, start: int, end: int) -> str | None:
    """The bank code (or :data:`UNNAMED_BANK`) the cues around ``text[start:end]`` give, or None."""
    before = [m for m in _CUE.finditer(text, max(0, start - _BEFORE_WINDOW), start)]
    if before:
        nearest = _cue_kind(before[-1])
        if nearest == "other":
            return None
        if nearest != "account":
            return nearest
        named = [_cue_kind(m) for m in before if _cue_kind(m) in _BY_CODE]
        after = _CUE.search(text, end, end + _AFTER_WINDOW)
        if after is not None and _cue_kind(after) in _BY_CODE:
            return _cue_kind(after)
        return named[-1] if named else UNNAMED_BANK
    after = _CUE.search(text, end, end + _AFTER_WINDOW)
    if after is None or _cue_kind(after) == "other":
        return None
    return _cue_kind(after) if _cue_kind(after) in _BY_CODE else UNNAMED_BANK


def _lengths(code: str) -> frozenset[int]:
    return UNNAMED_BANK_LENGTHS if code == UNNAMED_BANK else _BY_CODE[code].lengths


def _account_in_run(text: str, run: re.Match[str], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Accounts in one run of digit groups: from each group on, the longest prefix that is one."""
    groups = list(_GROUP.finditer(text, run.start(), run.end()))
    found: list[tuple[int, int, str]] = []
    first = 0
    while first < len(groups):
        for last in range(len(groups), first, -1):
            start, end = groups[first].start(), groups[last - 1].end()
            digits = "".join(g.group(0) for g in groups[first:last])
            if len(digits) not in _ALL_LENGTHS or any(start < e and s < end for s, e in taken):
                continue
            code = _bank_for(text, start, end)
            if code is not None and len(digits) in _lengths(code):
                found.append((start, end, f"{code}:{digits}"))
                first = last - 1
                break
        first += 1
    return found


def find_bank_accounts(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, ``CODE:digits``) of every bank account in ``text`` outside the ``taken`` spans.

    Example: ``find_bank_accounts("rek BCA 123 456 7890 a.n. Budi", [])`` gives
    ``[(8, 20, "BCA:1234567890")]``.
    """
    found: list[tuple[int, int, str]] = []
    for run in _RUN.finditer(text):
        if sum(c.isdigit() for c in run.group(0)) >= min(_ALL_LENGTHS):
            # digits inside a cue ("BNI 46") are no account's
            cues = [m.span() for m in _CUE.finditer(text, max(0, run.start() - _LONGEST_CUE), run.end())]
            found += _account_in_run(text, run, taken + cues)
    return found
