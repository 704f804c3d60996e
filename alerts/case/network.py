"""The picture of an actor's network: listings, the shops that sold them and the identifiers they show.

Nodes are the actor's listings, its shops (``marketplace:seller id``) and the
identifiers two or more of its listings show (an identifier of one listing
joins nothing: it is listed under that listing, not drawn); an edge says why
two nodes touch (the seller, the identifier's kind, or a link's reason).  A link between two listings whose
shared shop or identifier is already drawn as a node is not drawn twice; the
others (a similar photo, an account named without its bank) are drawn as an
edge between the listings with the link's reason.

The layout is networkx's spring layout with a fixed seed (the same case file
draws the same picture); the SVG is written by our template, so no plotting
library is needed and the picture is vector in the PDF too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from math import sqrt

import networkx as nx

from alerts.case.model import CaseFile

WIDTH = 960
HEIGHT = 640
MARGIN = 70
LAYOUT_SEED = 2018
#: room per node, in SVG pixels along each side of a square holding the layout
NODE_SPACING = 150


@dataclass(frozen=True)
class NodeShape:
    """One node where the picture draws it: ``kind`` is listing, shop or identifier."""

    key: str
    kind: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class EdgeShape:
    """One labelled edge where the picture draws it."""

    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    strength: str


@dataclass(frozen=True)
class NetworkPicture:
    width: int
    height: int
    nodes: tuple[NodeShape, ...]
    edges: tuple[EdgeShape, ...]


def _listing(alert_id: int) -> str:
    return f"listing:{alert_id}"


def shared_identifiers(case: CaseFile) -> set[tuple[str, str]]:
    """The (kind, value) pairs shown by two or more of the actor's listings."""
    counts = Counter(pair for li in case.listings for pair in set(li.identifiers))
    return {pair for pair, n in counts.items() if n > 1}


def case_graph(case: CaseFile) -> nx.Graph:
    """The actor's network as a graph whose nodes carry ``kind`` and ``label``, and edges ``label``."""
    graph = nx.Graph()
    shops = {s.key: s for s in case.shops}
    shared = shared_identifiers(case)
    for li in case.listings:
        node = _listing(li.alert_id)
        graph.add_node(node, kind="listing", label=f"#{li.alert_id} {li.marketplace}")
        if li.shop_key in shops:
            shop = shops[li.shop_key]
            graph.add_node(f"seller:{shop.key}", kind="shop", label=f"{shop.name or shop.key} ({shop.marketplace})")
            graph.add_edge(node, f"seller:{shop.key}", label="toko / shop", strength="strong")
        for kind, value in (pair for pair in li.identifiers if pair in shared):
            graph.add_node(f"{kind}:{value}", kind="identifier", label=f"{kind}: {value}")
            graph.add_edge(node, f"{kind}:{value}", label=kind, strength="")
    for link in case.links:
        a, b = _listing(link.a), _listing(link.b)
        through = f"{link.reason}:{link.detail}"
        if a not in graph or b not in graph:
            continue
        if through in graph and graph.has_edge(a, through) and graph.has_edge(b, through):
            continue
        graph.add_edge(a, b, label=f"{link.reason} ({link.strength})", strength=link.strength)
    return graph


def _scaled(positions: dict[str, tuple[float, float]], width: int, height: int) -> dict[str, tuple[float, float]]:
    """Layout coordinates stretched to fill the picture inside its margins (one point: the centre)."""
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]

    def place(v: float, low: float, high: float, size: int) -> float:
        return round(MARGIN + (v - low) / (high - low) * (size - 2 * MARGIN), 1) if high > low else size / 2

    return {k: (place(x, min(xs), max(xs), width), place(y, min(ys), max(ys), height))
            for k, (x, y) in positions.items()}


def picture_size(nodes: int) -> tuple[int, int]:
    """A canvas that grows with the network, so labels of a large actor do not pile up (3:2)."""
    width = max(WIDTH, int(NODE_SPACING * sqrt(max(nodes, 1)) * 1.5))
    return width, max(HEIGHT, width * 2 // 3)


def network_picture(graph: nx.Graph, *, size: tuple[int, int] | None = None) -> NetworkPicture:
    """Lay the graph out (deterministically) and give every node and edge its place."""
    width, height = size or picture_size(graph.number_of_nodes())
    raw = nx.spring_layout(graph, seed=LAYOUT_SEED, k=1.6 / sqrt(max(graph.number_of_nodes(), 1)))
    placed = _scaled({k: (float(v[0]), float(v[1])) for k, v in raw.items()}, width, height)
    nodes = tuple(NodeShape(key=k, kind=d["kind"], label=d["label"], x=placed[k][0], y=placed[k][1])
                  for k, d in sorted(graph.nodes(data=True)))
    edges = tuple(EdgeShape(x1=placed[u][0], y1=placed[u][1], x2=placed[v][0], y2=placed[v][1],
                            label=d["label"], strength=d["strength"])
                  for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])))
    return NetworkPicture(width=width, height=height, nodes=nodes, edges=edges)
