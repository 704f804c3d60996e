"""Stable actor ids and display names.

A new actor's id is derived from its *anchor*: the strongest identifier of its
listings (a contact identifier before a seller id), the earliest seen among equals (``act-`` and 10 hex digits of its
SHA-256), so the same seller gets the same id when the database is rebuilt.
Across rescans ids are carried by the previous build's membership:

* **grows**: a component holding alerts of one previous actor keeps its id;
* **merge**: a component holding alerts of several previous actors keeps the id
  of the oldest of them (earliest first seen); the others are reported in
  ``merged_into`` so commands given an old id can follow it;
* **split**: when a previous actor's alerts fall into several components, the
  component with most of them keeps the id; the others get fresh ids from
  their own anchors and are reported in ``split_from``;
* a previous actor none of whose alerts remain is ``retired``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime

from alerts.actors.links import SELLER, record_keys
from alerts.actors.model import ListingRecord


def anchor_of(records: Sequence[ListingRecord]) -> str:
    """The component's strongest identifier, earliest seen first: ``reason:value``.

    Among equally strong ones a contact identifier comes before a seller id: a
    phone or bank account follows the person from shop to shop, a seller id
    is one shop's name for them.
    """
    best: tuple[int, bool, datetime, str] | None = None
    for record in records:
        for reason, value, strength in record_keys(record):
            key = (-int(strength), reason == SELLER, record.first_seen, f"{reason}:{value}")
            if best is None or key < best:
                best = key
    if best is None:
        return f"alert:{min(r.alert_id for r in records)}"
    return best[3]


def derived_id(anchor: str) -> str:
    """``act-`` and the first 10 hex digits of the anchor's SHA-256."""
    return "act-" + hashlib.sha256(anchor.encode("utf-8")).hexdigest()[:10]


def display_name(records: Sequence[ListingRecord], fallback: str) -> str:
    """The most frequent seller name; ties go to the name seen first, then alphabetical."""
    names = [r for r in records if r.seller_name and r.seller_name.strip()]
    if not names:
        return fallback
    counts = Counter(r.seller_name.strip() for r in names if r.seller_name)
    first_seen: dict[str, datetime] = {}
    for r in sorted(names, key=lambda r: r.first_seen):
        first_seen.setdefault((r.seller_name or "").strip(), r.first_seen)
    return min(counts, key=lambda name: (-counts[name], first_seen[name], name))


@dataclass
class IdAssignment:
    """The id of each component (by index) and what became of the previous ids."""

    ids: list[str]
    merged_into: dict[str, str] = field(default_factory=dict)
    split_from: dict[str, str] = field(default_factory=dict)
    retired: list[str] = field(default_factory=list)


def _earliest(alerts: Set[int], seen: Mapping[int, datetime]) -> datetime | None:
    present = [seen[a] for a in alerts if a in seen]
    return min(present) if present else None


def _age_key(earliest: datetime | None, actor_id: str) -> tuple[bool, float, str]:
    """Oldest first; actors with no alert left last."""
    return (earliest is None, earliest.timestamp() if earliest is not None else 0.0, actor_id)


def assign_ids(
    components: Sequence[Sequence[ListingRecord]], previous: Mapping[str, Set[int]]
) -> IdAssignment:
    """Ids for ``components`` given the previous build's ``{actor id: alert ids}``."""
    seen = {r.alert_id: r.first_seen for c in components for r in c}
    component_of = {r.alert_id: i for i, c in enumerate(components) for r in c}
    component_start = [min(r.first_seen for r in c) for c in components]
    result = IdAssignment(ids=[""] * len(components))
    claimed: dict[int, str] = {}
    parts_of: dict[int, Counter[str]] = {}
    order = sorted(previous, key=lambda pid: _age_key(_earliest(previous[pid], seen), pid))
    for pid in order:
        overlap = Counter(component_of[a] for a in previous[pid] if a in component_of)
        if not overlap:
            result.retired.append(pid)
            continue
        top = min(overlap, key=lambda i: (-overlap[i], component_start[i], i))
        if top in claimed:
            result.merged_into[pid] = claimed[top]
        else:
            claimed[top] = pid
        for i, count in overlap.items():
            parts_of.setdefault(i, Counter())[pid] += count
    used = set(previous) | set(claimed.values())
    for i, component in enumerate(components):
        if i in claimed:
            result.ids[i] = claimed[i]
            continue
        result.ids[i] = _fresh(derived_id(anchor_of(component)), used)
        used.add(result.ids[i])
        if i in parts_of:
            result.split_from[result.ids[i]] = min(parts_of[i], key=lambda p: (-parts_of[i][p], p))
    return result


def _fresh(candidate: str, used: Set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` … when an actor already has it."""
    if candidate not in used:
        return candidate
    n = 2
    while f"{candidate}-{n}" in used:
        n += 1
    return f"{candidate}-{n}"
