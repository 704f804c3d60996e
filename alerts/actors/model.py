"""The records the actor graph is built from and the actors it gives back (plain, frozen data).

A *listing record* is what storage knows of one alert's listing, reduced to what
links sellers: the seller id per marketplace, the identifiers the matcher found
(kind and normalised value, as in ``classify``), the photos' 64-bit pHashes and
when it was seen.  An *edge* says why two alerts are taken to be one seller
and how much that is worth; an *actor* is a connected component of alerts.
Analyst corrections are *constraints* on alert ids, so they outlive actor ids
and hold on every rescan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum


class Strength(IntEnum):
    """How much one shared thing says that two listings have one seller."""

    WEAK = 1
    MEDIUM = 2
    STRONG = 3


@dataclass(frozen=True)
class ListingRecord:
    """One alert's listing as the actor graph sees it."""

    alert_id: int
    marketplace: str
    seller_id: str | None
    seller_name: str | None
    first_seen: datetime
    last_seen: datetime
    #: (kind, value) as the matcher reports them: ``("bank_account", "BCA:1234567890")``
    identifiers: tuple[tuple[str, str], ...] = ()
    #: 64-bit pHashes of the listing's photos, hex (``alerts.images.phash``)
    photo_phashes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    """Why alerts ``a`` and ``b`` (``a < b``) are one seller: the shared thing and its strength."""

    a: int
    b: int
    reason: str
    strength: Strength
    #: the shared value: ``BCA:1234567890``, ``tokopedia:1234``, a pHash with its distance
    detail: str


@dataclass(frozen=True)
class Merge:
    """An analyst's "these two alerts are one seller" (``actors merge A B`` names an alert of each)."""

    alert_a: int
    alert_b: int
    note: str = ""


@dataclass(frozen=True)
class Split:
    """An analyst's "the alerts of ``side_a`` are not the seller of ``side_b``".

    The builder cuts the weakest set of links that separates the two sides (a
    minimum cut, recomputed on every build), so the sides stay apart whatever
    later listings link them.  A later :class:`Merge` across the sides
    overrides it, and it overrides an earlier one.
    """

    side_a: frozenset[int]
    side_b: frozenset[int]
    note: str = ""


Constraint = Merge | Split


@dataclass(frozen=True)
class Actor:
    """One seller behind one or more alerts."""

    actor_id: str
    alert_ids: tuple[int, ...]
    display_name: str
    marketplaces: tuple[str, ...]
    #: every (kind, value) of its listings, sellers as ``("seller", "marketplace:id")``
    identifiers: tuple[tuple[str, str], ...]
    edges: tuple[Edge, ...]
    first_seen: datetime
    last_seen: datetime
    #: the key the id was derived from (``bank_account:BCA:…``) when the id was made
    anchor: str


@dataclass(frozen=True)
class ActorGraph:
    """The actors of one build, and what became of the ids of the previous build."""

    actors: tuple[Actor, ...]
    #: previous id → the id that absorbed it (two actors joined: the oldest id stays)
    merged_into: dict[str, str] = field(default_factory=dict)
    #: new id → the previous id it was split off (the larger part keeps the old id)
    split_from: dict[str, str] = field(default_factory=dict)
    #: previous ids none of whose alerts are in this build
    retired: tuple[str, ...] = ()
    #: photo pHashes shared by too many sellers to link anyone
    common_photos: tuple[str, ...] = ()
    #: analyst corrections left unapplied: a later one contradicts them, or (a split) merges hold its sides together
    overridden: tuple[Merge | Split, ...] = ()
    #: analyst corrections naming an alert that is not in the records (left unapplied for those alerts)
    stale: tuple[Merge | Split, ...] = ()

    def actor_of(self, alert_id: int) -> Actor | None:
        """The actor holding ``alert_id``, if any."""
        return next((a for a in self.actors if alert_id in a.alert_ids), None)
