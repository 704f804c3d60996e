"""Evidence links between alerts: what two listings share, and how strongly that joins them.

Strengths (:data:`KIND_STRENGTH`): a bank account, phone, e-wallet, NIK, e-mail,
social handle or direct contact link is one person's and is **strong**; so is
the same seller id on the same marketplace.  A chip UID is **medium** (one
seller's stock, but a batch can be resold).  A group invite link is **medium**
(a group has many members).  A photo whose pHash is within the configured
distance is **weak**, and a photo shared by more than ``common_photo_sellers``
sellers (a stock picture of a blank card) links no one at all.

An account given without the bank's name (``REK:digits``) is the account of
the one named bank that has those digits in the records, if there is one.

Links are a star per shared value: every later alert is linked to the first
(lowest id) alert that showed it, which joins the same alerts as linking every
pair and reads as "shares X with alert N".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations, pairwise

from alerts.actors.model import Edge, ListingRecord, Strength
from alerts.images.phash import hamming
from matchers.bank_accounts import UNNAMED_BANK

#: Strength of a shared identifier of each kind; a kind not listed links nothing.
KIND_STRENGTH: dict[str, Strength] = {
    "bank_account": Strength.STRONG,
    "phone": Strength.STRONG,
    "ewallet": Strength.STRONG,
    "nik": Strength.STRONG,
    "email": Strength.STRONG,
    "social_handle": Strength.STRONG,
    "url": Strength.STRONG,
    "chip_uid": Strength.MEDIUM,
}
#: Contact links that name a group rather than a person.
GROUP_LINK_PREFIXES = ("https://t.me/+", "https://chat.whatsapp.com/", "https://whatsapp.com/channel/")
SELLER = "seller"
PHOTO = "photo"


def identifier_strength(kind: str, value: str) -> Strength | None:
    """How strongly sharing (kind, value) links two listings; None when it does not."""
    if kind == "url" and value.startswith(GROUP_LINK_PREFIXES):
        return Strength.MEDIUM
    return KIND_STRENGTH.get(kind)


def seller_key(record: ListingRecord) -> str | None:
    """``marketplace:seller id``, the seller's identity on its marketplace."""
    return f"{record.marketplace}:{record.seller_id}" if record.seller_id else None


def record_keys(record: ListingRecord) -> list[tuple[str, str, Strength]]:
    """(reason, value, strength) of everything in ``record`` that can link it (photos aside)."""
    keys = [(kind, value, strength) for kind, value in record.identifiers
            if (strength := identifier_strength(kind, value)) is not None]
    seller = seller_key(record)
    if seller is not None:
        keys.append((SELLER, seller, Strength.STRONG))
    return keys


def _star(alert_ids: Iterable[int], reason: str, strength: Strength, detail: str) -> list[Edge]:
    ordered = sorted(set(alert_ids))
    return [Edge(ordered[0], other, reason, strength, detail) for other in ordered[1:]]


def _named_accounts(records: Sequence[ListingRecord]) -> dict[str, str]:
    """``REK:digits`` → ``BANK:digits`` where exactly one named bank has those digits.

    A listing that gives "no rek 1234567890" without the bank's name is the
    same account as another's "BCA 1234567890"; when two banks share the
    digits the unnamed one stays unresolved.
    """
    banks: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for kind, value in record.identifiers:
            code, _, digits = value.partition(":")
            if kind == "bank_account" and code != UNNAMED_BANK:
                banks[digits].add(value)
    return {f"{UNNAMED_BANK}:{digits}": next(iter(named)) for digits, named in banks.items() if len(named) == 1}


def identifier_edges(records: Sequence[ListingRecord]) -> list[Edge]:
    """Edges for every identifier and seller id shared by two or more alerts."""
    resolved = _named_accounts(records)
    holders: dict[tuple[str, str, Strength], set[int]] = defaultdict(set)
    for record in records:
        for reason, value, strength in record_keys(record):
            if reason == "bank_account":
                value = resolved.get(value, value)
            holders[(reason, value, strength)].add(record.alert_id)
    edges: list[Edge] = []
    for (reason, value, strength), alert_ids in sorted(holders.items()):
        edges += _star(alert_ids, reason, strength, value)
    return edges


def _seller_of(record: ListingRecord) -> str:
    return seller_key(record) or f"alert:{record.alert_id}"


def _chunks(value: int, bits: int, parts: int) -> list[tuple[int, int]]:
    """(part, bits of that part) of ``value`` cut into ``parts`` runs of near-equal length."""
    bounds = [bits * i // parts for i in range(parts + 1)]
    return [(i, (value >> lo) & ((1 << (hi - lo)) - 1)) for i, (lo, hi) in enumerate(pairwise(bounds))]


def near_pairs(hashes: Sequence[str], max_distance: int) -> list[tuple[str, str, int]]:
    """(a, b, distance) of every pair of distinct hex hashes within ``max_distance`` bits, a < b.

    Pigeonhole: cut each hash into ``max_distance + 1`` parts; two hashes that
    differ in at most ``max_distance`` bits agree exactly on one part at least,
    so only hashes sharing a part are compared (a few per cent of all pairs).
    """
    bits = 4 * max((len(h) for h in hashes), default=0)
    parts = min(max_distance + 1, bits)
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for h in hashes:
        for key in _chunks(int(h, 16), bits, max(parts, 1)):
            buckets[key].append(h)
    candidates = {(a, b) for bucket in buckets.values() for a, b in combinations(sorted(set(bucket)), 2)}
    found = [(a, b, hamming(a, b)) for a, b in sorted(candidates)]
    return [(a, b, d) for a, b, d in found if d <= max_distance]


def photo_edges(
    records: Sequence[ListingRecord], *, max_distance: int, common_photo_sellers: int
) -> tuple[list[Edge], list[str]]:
    """Weak edges between alerts with near-identical photos, and the photos too common to link.

    A photo is common when the listings showing it (or a photo within
    ``max_distance`` of it) belong to more than ``common_photo_sellers``
    different sellers.
    """
    alerts_of: dict[str, set[int]] = defaultdict(set)
    sellers_of: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for phash in set(record.photo_phashes):
            alerts_of[phash].add(record.alert_id)
            sellers_of[phash].add(_seller_of(record))
    near: dict[str, dict[str, int]] = {h: {h: 0} for h in alerts_of}
    for a, b, distance in near_pairs(sorted(alerts_of), max_distance):
        near[a][b] = near[b][a] = distance
    common = sorted(h for h in alerts_of
                    if len(set().union(*(sellers_of[o] for o in near[h]))) > common_photo_sellers)
    excluded = set(common)
    edges: list[Edge] = []
    for phash in sorted(alerts_of):
        if phash in excluded:
            continue
        for other, distance in sorted(near[phash].items()):
            if other < phash or other in excluded:
                continue
            group = alerts_of[phash] | alerts_of[other]
            edges += _star(group, PHOTO, Strength.WEAK, f"{phash}~{other} (distance {distance})")
    return edges, common
