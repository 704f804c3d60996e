"""The actor network for Gephi, Maltego or i2: GraphML or two CSV files (nodes, edges).

Nodes are actors, listings (alerts) and identifiers; edges are an actor's
listings (``member``), what each listing shows (``shows``, with the identifier's
kind) and every evidence link between two listings with its reason and
strength.  Every text goes through :func:`alerts.redaction.redact_text`, so a
NIK is masked unless ``reveal`` is asked for (the caller audits that); an
identifier's node id is a hash of its value, so masked NIKs stay distinct nodes.
"""

from __future__ import annotations

import csv
import hashlib
from typing import IO

import networkx as nx

from alerts.actors.model import ActorGraph
from alerts.redaction import redact_text

NODE_FIELDS = ("id", "type", "label", "kind", "marketplaces", "first_seen", "last_seen")
EDGE_FIELDS = ("source", "target", "type", "reason", "strength", "detail")


def _identifier_node(kind: str, value: str) -> str:
    return "identifier:" + hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:16]


def actor_network(graph: ActorGraph, *, reveal: bool = False) -> nx.MultiGraph:
    """Actors, listings and identifiers as one graph whose attributes are plain, redacted strings."""
    def text(value: str) -> str:
        return redact_text(value, reveal=reveal)

    network = nx.MultiGraph()
    for actor in graph.actors:
        network.add_node(actor.actor_id, type="actor", label=text(actor.display_name), kind="",
                         marketplaces=",".join(actor.marketplaces), first_seen=actor.first_seen.isoformat(),
                         last_seen=actor.last_seen.isoformat())
        for alert_id in actor.alert_ids:
            listing = f"alert:{alert_id}"
            network.add_node(listing, type="listing", label=listing, kind="", marketplaces="",
                             first_seen="", last_seen="")
            network.add_edge(actor.actor_id, listing, type="member", reason="", strength="", detail="")
        for edge in actor.edges:
            network.add_edge(f"alert:{edge.a}", f"alert:{edge.b}", type="link", reason=edge.reason,
                             strength=edge.strength.name.lower(), detail=text(edge.detail))
    return network


def add_identifiers(network: nx.MultiGraph, shown: dict[int, tuple[tuple[str, str], ...]], *,
                    reveal: bool = False) -> None:
    """Add identifier nodes and ``shows`` edges: ``shown`` is each alert's (kind, value) pairs."""
    for alert_id, pairs in sorted(shown.items()):
        listing = f"alert:{alert_id}"
        if listing not in network:
            continue
        for kind, value in sorted(set(pairs)):
            node = _identifier_node(kind, value)
            network.add_node(node, type="identifier", label=redact_text(value, reveal=reveal), kind=kind,
                             marketplaces="", first_seen="", last_seen="")
            network.add_edge(listing, node, type="shows", reason=kind, strength="", detail="")


def write_graphml(network: nx.MultiGraph, stream: IO[bytes]) -> None:
    """GraphML (Gephi, yEd, i2 import), UTF-8."""
    nx.write_graphml(network, stream, encoding="utf-8")


def write_csv(network: nx.MultiGraph, nodes: IO[str], edges: IO[str]) -> None:
    """Two CSV files with headers :data:`NODE_FIELDS` and :data:`EDGE_FIELDS` (Maltego, spreadsheets)."""
    node_writer = csv.DictWriter(nodes, fieldnames=NODE_FIELDS)
    node_writer.writeheader()
    for node, data in sorted(network.nodes(data=True)):
        node_writer.writerow({"id": node, **{k: data.get(k, "") for k in NODE_FIELDS[1:]}})
    edge_writer = csv.DictWriter(edges, fieldnames=EDGE_FIELDS)
    edge_writer.writeheader()
    rows = sorted(network.edges(data=True), key=lambda e: (e[0], e[1], *(str(e[2].get(k, "")) for k in EDGE_FIELDS[2:])))
    for u, v, data in rows:
        edge_writer.writerow({"source": u, "target": v, **{k: data.get(k, "") for k in EDGE_FIELDS[2:]}})
