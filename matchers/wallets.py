"""E-wallet numbers: a phone number offered as a DANA, OVO, GoPay or ShopeePay account.

Indonesian e-wallets are keyed by the owner's mobile number, so a wallet is a
phone number with a wallet name right next to it ("DANA: 0812…", "OVO/GoPay
0812…", "0812… (DANA)").  The phone itself is still reported as ``phone`` (it
links listings like any phone); the wallet is reported besides it as kind
``ewallet`` with value ``WALLET:+62…`` (E.164), e.g. ``DANA:+6281234567890``.
A wallet name elsewhere in the text ("bayar bisa lewat DANA") marks no number.
"""

from __future__ import annotations

import re

#: Wallet codes and how sellers write them.
WALLETS: tuple[tuple[str, str], ...] = (
    ("DANA", r"dana"),
    ("OVO", r"ovo"),
    ("GOPAY", r"go[ \-]?pay"),
    ("SHOPEEPAY", r"shopee[ \-]?pay|spay"),
)
_NAME = "|".join(f"(?P<{code}>{pattern})" for code, pattern in WALLETS)
_ANY_NAME = "|".join(pattern for _, pattern in WALLETS)
_JOIN = r"\s*(?:[/,&+|]|\bdan\b|\batau\b)?\s*"
#: Wallet names chained right before a number ("OVO/DANA no: ").
_CHAIN_BEFORE = re.compile(
    rf"(?<![a-z0-9])(?:(?:{_ANY_NAME}){_JOIN})*(?:{_ANY_NAME})\s*(?:[:=\-]|\bno\.?|\bnomor|\bke)?\s*[:=]?\s*\(?\s*$",
    re.IGNORECASE,
)
#: Wallet names right after a number ("0812… (DANA/OVO)").
_CHAIN_AFTER = re.compile(rf"^\s*[(\[]?\s*(?:{_ANY_NAME})(?:{_JOIN}(?:{_ANY_NAME}))*(?![a-z0-9])", re.IGNORECASE)
_ONE = re.compile(rf"(?<![a-z0-9])(?:{_NAME})(?![a-z0-9])", re.IGNORECASE)
_LOOK = 40


def may_have_wallet(low: str) -> bool:
    """Necessary test on lower-cased text: some wallet name occurs."""
    return any(word in low for word in ("dana", "ovo", "pay"))


def wallet_codes(text: str, start: int, end: int) -> list[str]:
    """Codes of the wallets named right next to the phone number at ``text[start:end]``."""
    before = _CHAIN_BEFORE.search(text[max(0, start - _LOOK):start])
    after = _CHAIN_AFTER.match(text[end:end + _LOOK])
    codes: list[str] = []
    for chain in (before, after):
        if chain is None:
            continue
        for m in _ONE.finditer(chain.group(0)):
            code = m.lastgroup
            if code is not None and code not in codes:
                codes.append(code)
    return codes
