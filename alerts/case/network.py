"""The picture of an actor's network: listings, the shops that sold them and the identifiers they show.

Nodes are the actor's listings, its shops (``marketplace:seller id``) and the
identifiers its listings show; an edge says why two nodes touch (the seller,
the identifier's kind, or a link's reason).  A link between two listings whose
shared shop or identifier is already drawn as a node is not drawn twice; the
others (a similar photo, an account named without its bank) are drawn as an
edge between the listings with the link's reason.

The layout is networkx's spring layout with a fixed seed (the same case file
draws the same picture); the SVG is written by our template, so no plotting
library is needed and the picture is vector in the PDF too.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from alerts.case.model import CaseFile

WIDTH = 960
HEIGHT = 640
MARGIN = 70
LAYOUT_SEED = 2018


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


def case_graph(case: CaseFile) -> nx.Graph:
    """The actor's network as a graph whose nodes carry ``kind`` and ``label``, and edges ``label``."""
    graph = nx.Graph()
    shops = {s.key: s for s in case.shops}
    for li in case.listings:
        node = _listing(li.alert_id)
        graph.add_node(node, kind="listing", label=f"#{li.alert_id} {li.marketplace}")
        if li.shop_key in shops:
            shop = shops[li.shop_key]
            graph.add_node(f"seller:{shop.key}", kind="shop", label=f"{shop.name or shop.key} ({shop.marketplace})")
            graph.add_edge(node, f"seller:{shop.key}", label="toko / shop", strength="strong")
        for kind, value in li.identifiers:
            graph.add_node(f"{kind}:{value}", kind="identifier", label=f"{kind}: {value}")
            graph.add_edge(node, f"{kind}:{value}", label=kind, strength="")
    for link in case.links:
        a, b = _listing(link.a), _listing(link.b)
        shared = f"{link.reason}:{link.detail}"
        if a not in graph or b not in graph:
            continue
        if shared in graph and graph.has_edge(a, shared) and graph.has_edge(b, shared):
            continue
        graph.add_edge(a, b, label=f"{link.reason} ({link.strength})", strength=link.strength)
    return graph


def _scaled(positions: dict[str, tuple[float, float]], width: int, height: int) -> dict[str, tuple[float, float]]:
    """Layout coordinates stretched to fill the picture inside its margins."""
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def place(v: float, low: float, span: float, size: int) -> float:
        return round(MARGIN + (v - low) / span * (size - 2 * MARGIN), 1) if span else size / 2

    return {k: (place(x, min(xs), span_x, width), place(y, min(ys), span_y, height))
            for k, (x, y) in positions.items()}


def network_picture(graph: nx.Graph, *, width: int = WIDTH, height: int = HEIGHT) -> NetworkPicture:
    """Lay the graph out (deterministically) and give every node and edge its place."""
    if graph.number_of_nodes() == 1:
        positions = {next(iter(graph.nodes)): (0.0, 0.0)}
    else:
        raw = nx.spring_layout(graph, seed=LAYOUT_SEED, k=1.6 / max(graph.number_of_nodes(), 1) ** 0.5)
        positions = {k: (float(v[0]), float(v[1])) for k, v in raw.items()}
    placed = _scaled(positions, width, height)
    if graph.number_of_nodes() == 1:
        placed = {k: (width / 2, height / 2) for k in placed}
    nodes = tuple(NodeShape(key=k, kind=d["kind"], label=d["label"], x=placed[k][0], y=placed[k][1])
                  for k, d in sorted(graph.nodes(data=True)))
    edges = tuple(EdgeShape(x1=placed[u][0], y1=placed[u][1], x2=placed[v][0], y2=placed[v][1],
                            label=d["label"], strength=d["strength"])
                  for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])))
    return NetworkPicture(width=width, height=height, nodes=nodes, edges=edges)
