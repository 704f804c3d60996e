"""Actors: alerts joined by what their listings share, as connected components (networkx).

Pure: listing records and analyst constraints in, an :class:`ActorGraph` out;
nothing is read or written.  The steps:

1. evidence edges (:mod:`alerts.actors.links`): shared identifiers and seller
   ids, and near-identical photos that are not common (confirmed by the
   stored photo links when the caller gives them);
2. analyst merges add an edge that cannot be cut (reason ``analyst_merge``);
3. each analyst split cuts the minimum set of links separating its two sides,
   capacity by strength (a strong link costs 100, medium 10, weak 1), so the
   weakest evidence is what gives way.  When two corrections contradict each
   other the later one stands; the earlier one, and a split that merges hold
   together, are reported in ``overridden``;
4. connected components become actors, with ids kept across rescans
   (:mod:`alerts.actors.identity`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set

import networkx as nx

from alerts.actors.identity import anchor_of, assign_ids, display_name
from alerts.actors.links import identifier_edges, photo_edges, record_keys
from alerts.actors.model import (
    Actor,
    ActorGraph,
    Constraint,
    Edge,
    ListingRecord,
    Merge,
    Split,
    Strength,
)

#: Cut capacity of a link of each strength: one strong link outweighs any few weak ones.
CAPACITY = {Strength.WEAK: 1, Strength.MEDIUM: 10, Strength.STRONG: 100}
ANALYST_MERGE = "analyst_merge"


def evidence_graph(records: Sequence[ListingRecord], *, max_distance: int, common_photo_sellers: int,
                   photo_groups: Mapping[int, int] | None = None) -> tuple[nx.Graph, list[str]]:
    """One node per alert, one edge per linked pair holding its evidence and cut capacity.

    ``photo_groups`` (alert → group) keeps a photo edge only between alerts of
    one group: the photo links the close comparison confirmed
    (:mod:`alerts.images.linking`); two different card photos on the same
    table can be as near in a 64-bit pHash as a repost is.
    """
    graph = nx.Graph()
    graph.add_nodes_from(r.alert_id for r in records)
    photos, common = photo_edges(records, max_distance=max_distance, common_photo_sellers=common_photo_sellers)
    if photo_groups is not None:
        photos = [e for e in photos if photo_groups.get(e.a, -e.a) == photo_groups.get(e.b, -e.b)]
    for edge in identifier_edges(records) + photos:
        _add(graph, edge, CAPACITY[edge.strength])
    return graph, common


def _add(graph: nx.Graph, edge: Edge, capacity: float | None) -> None:
    """Add ``edge`` to the pair's evidence; ``capacity`` None makes the pair uncuttable."""
    if graph.has_edge(edge.a, edge.b):
        data = graph.edges[edge.a, edge.b]
        data["evidence"].append(edge)
        if capacity is None or "capacity" not in data:
            data.pop("capacity", None)
        else:
            data["capacity"] += capacity
    else:
        graph.add_edge(edge.a, edge.b, evidence=[edge])
        if capacity is not None:
            graph.edges[edge.a, edge.b]["capacity"] = capacity


def _crosses(merge: Merge, split: Split) -> bool:
    """Whether ``merge`` joins an alert of one side of ``split`` to one of the other."""
    pair = {merge.alert_a, merge.alert_b}
    return bool(pair & split.side_a) and bool(pair & split.side_b)


def _overridden(constraints: Sequence[Constraint]) -> set[int]:
    """Indexes of corrections that a later one contradicts: the analyst's latest word stands."""
    out: set[int] = set()
    for i, earlier in enumerate(constraints):
        for later in constraints[i + 1:]:
            if (isinstance(earlier, Split) and isinstance(later, Merge) and _crosses(later, earlier)) or \
                    (isinstance(earlier, Merge) and isinstance(later, Split) and _crosses(earlier, later)):
                out.add(i)
    return out


def _cut(graph: nx.Graph, split: Split) -> bool:
    """Remove the minimum cut between the split's sides; False when merges hold them together."""
    side_a = {a for a in split.side_a if a in graph} - split.side_b
    side_b = {b for b in split.side_b if b in graph} - split.side_a
    reach = set().union(*(nx.node_connected_component(graph, a) for a in side_a)) if side_a else set()
    if not reach & side_b:
        return True
    flow = nx.Graph(graph.subgraph(reach))
    source, sink = ("split", "a"), ("split", "b")
    flow.add_edges_from((source, a) for a in side_a)  # no capacity: uncuttable
    flow.add_edges_from((b, sink) for b in side_b & reach)
    try:
        _, (reachable, _) = nx.minimum_cut(flow, source, sink)
    except nx.NetworkXUnbounded:
        return False
    graph.remove_edges_from([(u, v) for u, v in flow.edges if (u in reachable) != (v in reachable)
                             and graph.has_edge(u, v)])
    return True


def apply_constraints(graph: nx.Graph, constraints: Sequence[Constraint]) -> list[Constraint]:
    """Merges as uncuttable edges, then splits as minimum cuts; returns the corrections not applied.

    A correction that a later one contradicts is not applied (a merge of two
    alerts a later split puts on opposite sides, and the other way round); a
    split that merges still hold together (through other alerts) is not applied.
    """
    skipped = _overridden(constraints)
    not_applied: list[Constraint] = [c for i, c in enumerate(constraints) if i in skipped]
    for i, merge in enumerate(constraints):
        if isinstance(merge, Merge) and i not in skipped and merge.alert_a in graph \
                and merge.alert_b in graph and merge.alert_a != merge.alert_b:
            a, b = sorted((merge.alert_a, merge.alert_b))
            _add(graph, Edge(a, b, ANALYST_MERGE, Strength.STRONG, merge.note), None)
    for i, split in enumerate(constraints):
        if isinstance(split, Split) and i not in skipped and not _cut(graph, split):
            not_applied.append(split)
    return not_applied


def _actor(actor_id: str, records: Sequence[ListingRecord], graph: nx.Graph) -> Actor:
    alert_ids = sorted(r.alert_id for r in records)
    keys = sorted({(reason, value) for r in records for reason, value, _ in record_keys(r)}
                  | {pair for r in records for pair in r.identifiers})
    edges = sorted((e for _, _, data in graph.subgraph(alert_ids).edges(data=True) for e in data["evidence"]),
                   key=lambda e: (e.a, e.b, -e.strength, e.reason, e.detail))
    return Actor(
        actor_id=actor_id,
        alert_ids=tuple(alert_ids),
        display_name=display_name(records, actor_id),
        marketplaces=tuple(sorted({r.marketplace for r in records})),
        identifiers=tuple(keys),
        edges=tuple(edges),
        first_seen=min(r.first_seen for r in records),
        last_seen=max(r.last_seen for r in records),
        anchor=anchor_of(records),
    )


def build_actors(
    records: Iterable[ListingRecord],
    *,
    constraints: Sequence[Constraint] = (),
    previous: Mapping[str, Set[int]] | None = None,
    max_distance: int = 6,
    common_photo_sellers: int = 3,
    photo_groups: Mapping[int, int] | None = None,
) -> ActorGraph:
    """Actors of ``records``: ``previous`` is the last build's ``{actor id: alert ids}``.

    ``photo_groups`` (alert → group of confirmed photo links) confirms photo
    edges; without it a pHash within ``max_distance`` is enough.

    Example: two listings on different marketplaces that give the same bank
    account are one actor; its edge says ``bank_account`` ``BCA:1234567890``.
    """
    by_id: dict[int, ListingRecord] = {}
    for record in records:
        if record.alert_id in by_id:
            raise ValueError(f"alert {record.alert_id} appears twice in the records")
        by_id[record.alert_id] = record
    ordered = [by_id[a] for a in sorted(by_id)]
    graph, common = evidence_graph(ordered, max_distance=max_distance, common_photo_sellers=common_photo_sellers,
                                   photo_groups=photo_groups)
    not_applied = apply_constraints(graph, constraints)
    stale = tuple(c for c in constraints if not _names_only(c, by_id.keys()))
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: c[0])
    members = [[by_id[a] for a in c] for c in components]
    ids = assign_ids(members, previous or {})
    actors = tuple(_actor(actor_id, group, graph) for actor_id, group in zip(ids.ids, members, strict=True))
    return ActorGraph(
        actors=actors, merged_into=ids.merged_into, split_from=ids.split_from, retired=tuple(ids.retired),
        common_photos=tuple(common), overridden=tuple(not_applied), stale=stale,
    )


def _names_only(constraint: Constraint, alert_ids: Set[int]) -> bool:
    """Whether every alert the constraint names is among ``alert_ids``."""
    named = {constraint.alert_a, constraint.alert_b} if isinstance(constraint, Merge) \
        else constraint.side_a | constraint.side_b
    return named <= alert_ids
