"""The actor network export: GraphML and CSV, every NIK masked unless revealed."""

from __future__ import annotations

import csv
import io

import networkx as nx

from alerts.actors import build_actors
from alerts.actors.export import (
    EDGE_FIELDS,
    NODE_FIELDS,
    actor_network,
    add_identifiers,
    write_csv,
    write_graphml,
)
from tests.actors.records import BCA, rec

NIK = ("nik", "3201014506900002")


def _network(reveal: bool = False) -> nx.MultiGraph:
    records = [rec(1, ids=(BCA, NIK), name="Toko 3201014506900002"), rec(2, marketplace="shopee", ids=(BCA,)),
               rec(3, ids=(NIK,))]
    network = actor_network(build_actors(records), reveal=reveal)
    add_identifiers(network, {r.alert_id: r.identifiers for r in records}, reveal=reveal)
    return network


def test_graphml_round_trips_with_types_reasons_and_strengths() -> None:
    stream = io.BytesIO()
    write_graphml(_network(), stream)
    back = nx.read_graphml(io.BytesIO(stream.getvalue()))
    types = nx.get_node_attributes(back, "type")
    assert sorted(types.values()).count("actor") == 1 and sorted(types.values()).count("listing") == 3
    assert sorted(types.values()).count("identifier") == 2
    links = [d for _, _, d in back.edges(data=True) if d["type"] == "link"]
    assert {(d["reason"], d["strength"]) for d in links} >= {("bank_account", "strong"), ("nik", "strong")}


def test_no_full_nik_in_any_output_unless_revealed() -> None:
    graphml = io.BytesIO()
    write_graphml(_network(), graphml)
    nodes, edges = io.StringIO(), io.StringIO()
    write_csv(_network(), nodes, edges)
    for text in (graphml.getvalue().decode(), nodes.getvalue(), edges.getvalue()):
        assert "3201014506900002" not in text and "3201********0002" in text
    revealed = io.BytesIO()
    write_graphml(_network(reveal=True), revealed)
    assert "3201014506900002" in revealed.getvalue().decode()


def test_csv_has_its_headers_and_one_row_per_node_and_edge() -> None:
    network = _network()
    nodes, edges = io.StringIO(), io.StringIO()
    write_csv(network, nodes, edges)
    node_rows = list(csv.DictReader(io.StringIO(nodes.getvalue())))
    edge_rows = list(csv.DictReader(io.StringIO(edges.getvalue())))
    assert tuple(node_rows[0]) == NODE_FIELDS and tuple(edge_rows[0]) == EDGE_FIELDS
    assert len(node_rows) == network.number_of_nodes() and len(edge_rows) == network.number_of_edges()
