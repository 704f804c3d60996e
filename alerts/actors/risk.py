"""An actor's risk score: 0–100, deterministic, with every reason and its weight.

Each reason has a *weight* from configuration (``[actors.risk_weights]``) and a
*fullness* between 0 and 1 measured on the actor's listings; it adds
``weight × fullness`` points, and the score is the sum rounded and capped at
100.  When each reason is full (the constants below):

* ``blank_listings`` / ``related_listings``: 5 listings of that verdict;
* ``traced_chips``: 2 chip UIDs the stock ledger traced to an office (the
  ledger is the caller's: a :data:`ChipLookup`; without one no chip is traced);
* ``relisted_after_takedown``: 2 listings first seen after a takedown removed
  an earlier listing of the actor;
* ``several_marketplaces``: 3 marketplaces (one is empty);
* ``volume``: 20 blank or related listings;
* ``price``: Rp 5,000,000 asked in total over its blank or related listings
  (scale of the trade, not cheapness: sellers price blanks anywhere);
* ``evasion``: 3 listings whose counted words were obfuscated
  (:func:`alerts.actors.evasion.evasive`);
* ``time_active``: 180 days from the first sighting to the last.

Every fullness only grows as listings are added, so adding a listing (a relist
above all) never lowers a score, and raising a weight never lowers one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from config.settings import RiskWeights


class ChipStatus(StrEnum):
    """What the stock ledger says of one chip UID."""

    TRACED = "traced"  # a card from the state's stock, dispatched to an office
    UNTRACED = "untraced"  # looked up, not in the ledger
    UNKNOWN = "unknown"  # no ledger, or not looked up


ChipLookup = Callable[[str], ChipStatus]


def no_ledger(chip_uid: str) -> ChipStatus:
    """The lookup before the ledger exists: nothing is known of any chip."""
    return ChipStatus.UNKNOWN


@dataclass(frozen=True)
class RiskListing:
    """One listing of the actor as the risk score sees it."""

    alert_id: int
    verdict: str  # "blank" | "related" | "benign" (the matcher's)
    marketplace: str
    first_seen: datetime
    last_seen: datetime
    price: int | None = None  # IDR
    #: when a takedown removed it (follow-up re-check), if it was
    removed_at: datetime | None = None
    evasive: bool = False
    chip_uids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskReason:
    """One reason: its configured weight, how full it is, the points it adds and what was counted."""

    name: str
    weight: float
    fullness: float
    points: float
    detail: str


@dataclass(frozen=True)
class RiskScore:
    score: int
    reasons: tuple[RiskReason, ...]


FULL_BLANK = 5
FULL_RELATED = 5
FULL_TRACED_CHIPS = 2
FULL_RELISTS = 2
FULL_MARKETPLACES = 3
FULL_VOLUME = 20
FULL_PRICE_IDR = 5_000_000
FULL_EVASIVE = 3
FULL_DAYS = 180


def _relists(listings: Sequence[RiskListing]) -> int:
    """Listings first seen after another listing of the actor was removed by a takedown."""
    removals = [(x.removed_at, x.alert_id) for x in listings if x.removed_at is not None]
    return sum(1 for x in listings
               if any(when < x.first_seen and other != x.alert_id for when, other in removals))


def _measures(listings: Sequence[RiskListing], chip_status: ChipLookup) -> dict[str, tuple[float, str]]:
    """(fullness, detail) of every reason."""
    selling = [x for x in listings if x.verdict in ("blank", "related")]
    blank = sum(1 for x in listings if x.verdict == "blank")
    related = len(selling) - blank
    chips = sorted({c for x in listings for c in x.chip_uids})
    traced = [c for c in chips if chip_status(c) == ChipStatus.TRACED]
    relists = _relists(listings)
    marketplaces = sorted({x.marketplace for x in listings})
    asked = sum(max(0, x.price) for x in selling if x.price)
    evasive = sum(1 for x in listings if x.evasive)
    days = (max(x.last_seen for x in listings) - min(x.first_seen for x in listings)).total_seconds() / 86400
    return {
        "blank_listings": (blank / FULL_BLANK, f"{blank} blank listing(s)"),
        "related_listings": (related / FULL_RELATED, f"{related} related listing(s)"),
        "traced_chips": (len(traced) / FULL_TRACED_CHIPS, f"{len(traced)} of {len(chips)} chip UID(s) traced"),
        "relisted_after_takedown": (relists / FULL_RELISTS, f"{relists} listing(s) after a takedown"),
        "several_marketplaces": ((len(marketplaces) - 1) / (FULL_MARKETPLACES - 1),
                                 f"{len(marketplaces)} marketplace(s): {', '.join(marketplaces)}"),
        "volume": (len(selling) / FULL_VOLUME, f"{len(selling)} blank or related listing(s)"),
        "price": (asked / FULL_PRICE_IDR, f"Rp {asked:,} asked in total".replace(",", ".")),
        "evasion": (evasive / FULL_EVASIVE, f"{evasive} listing(s) with obfuscated words"),
        "time_active": (days / FULL_DAYS, f"active {days:.0f} day(s)"),
    }


def risk_score(
    listings: Sequence[RiskListing], weights: RiskWeights, *, chip_status: ChipLookup = no_ledger
) -> RiskScore:
    """The actor's score and every reason, highest points first (ties by name).

    Example: one blank listing, default weights: ``blank_listings`` adds 25 × 1/5 = 5 points.
    """
    if not listings:
        return RiskScore(0, ())
    total = 0.0
    reasons = []
    for name, (fullness, detail) in _measures(listings, chip_status).items():
        weight = float(getattr(weights, name))
        full = min(1.0, max(0.0, fullness))
        total += weight * full
        reasons.append(RiskReason(name, weight, round(full, 3), round(weight * full, 1), detail))
    reasons.sort(key=lambda r: (-r.points, r.name))
    return RiskScore(min(100, round(total)), tuple(reasons))
