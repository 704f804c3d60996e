"""Properties of the network picture on generated actors: what is drawn, and that it fits."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.case.model import CaseFile, CaseListing, Link, Shop
from alerts.case.network import case_graph, network_picture

T = datetime(2026, 1, 1, tzinfo=UTC)
_IDS = st.sampled_from([("phone", "+6281111111111"), ("bank_account", "BCA:1234567890"),
                        ("chip_uid", "04A23B1C5D807E"), ("email", "a@b.id"), ("nik", "3174********0003")])


def _listing(alert_id: int, shop: str, ids: tuple[tuple[str, str], ...]) -> CaseListing:
    return CaseListing(alert_id=alert_id, marketplace="tokopedia", external_id=str(alert_id), title="t", url="",
                       price=None, first_seen=T, last_seen=T, status="new", verdict="blank", shop_key=shop,
                       notified_at=None, removed_at=None, identifiers=ids, screenshots=())


def _case(listings: tuple[CaseListing, ...], links: tuple[Link, ...]) -> CaseFile:
    shops = tuple(Shop(key=k, marketplace="tokopedia", name=k, url="")
                  for k in sorted({li.shop_key for li in listings if li.shop_key}))
    return CaseFile(actor_id="act-0000000001", display_name="x", status="active", risk_score=0, risk=(),
                    marketplaces=("tokopedia",), first_seen=T, last_seen=T, shops=shops, listings=listings,
                    links=links, evidence=(), custody=(), generated_at=T, generated_by="ana", revealed=False)


@st.composite
def cases(draw: st.DrawFn) -> CaseFile:
    n = draw(st.integers(1, 25))
    listings = tuple(_listing(i, f"tokopedia:s{draw(st.integers(1, 4))}",
                              tuple(draw(st.lists(_IDS, max_size=3, unique=True)))) for i in range(1, n + 1))
    links = tuple(Link(a=a, b=b, reason="photo", strength="weak", detail="c3d4e5f6a7b8c9d0 (2 bits)")
                  for a, b in draw(st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=5)) if a < b)
    return _case(listings, links)


@settings(max_examples=40, deadline=None)
@given(case=cases())
def test_every_listing_and_shop_is_drawn_with_exactly_the_shared_identifiers(case: CaseFile) -> None:
    graph = case_graph(case)
    kinds = Counter(d["kind"] for _, d in graph.nodes(data=True))
    assert kinds["listing"] == len(case.listings) and kinds["shop"] == len(case.shops)
    shown_by = Counter(pair for li in case.listings for pair in li.identifiers)
    drawn = {k for k, d in graph.nodes(data=True) if d["kind"] == "identifier"}
    assert drawn == {f"{k}:{v}" for (k, v), n in shown_by.items() if n > 1}
    assert {frozenset((f"listing:{lk.a}", f"listing:{lk.b}")) for lk in case.links} <= {frozenset(e) for e in graph.edges}


@settings(max_examples=40, deadline=None)
@given(case=cases())
def test_the_picture_fits_its_canvas_and_is_the_same_every_time(case: CaseFile) -> None:
    picture = network_picture(case_graph(case))
    assert all(0 <= n.x <= picture.width and 0 <= n.y <= picture.height for n in picture.nodes)
    assert all(min(e.x1, e.x2) >= 0 and max(e.x1, e.x2) <= picture.width for e in picture.edges)
    assert network_picture(case_graph(case)) == picture
