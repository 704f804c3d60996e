"""Gathering and drawing a case file from a hand-made database (no CLI, no files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from alerts.case.gather import UnknownActor, gather_case, shown
from alerts.case.network import case_graph, network_picture, picture_size
from alerts.case.render import case_environment, render_case_html
from alerts.evidence import EvidenceStore
from tests.case.builders import MASKED_NIK, NIK, PHONE, seed_case


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "evidence")


def test_gather_holds_summary_listings_screenshots_custody_and_hashes(session: Session,
                                                                      store: EvidenceStore) -> None:
    seeded = seed_case(session, store)
    case = gather_case(session, store, seeded.actor_id, reveal=False, generated_by="ana")
    a, b, c = seeded.alerts
    assert [li.alert_id for li in case.listings] == [a, b, c]
    assert set(case.marketplaces) == {"tokopedia", "shopee", "lazada"} and len(case.shops) == 3
    assert case.missing_screenshots == (c,)
    assert all(len(li.screenshots) == 1 for li in case.listings[:2])
    assert case.risk_score > 0 and {r.name for r in case.risk} >= {"several_marketplaces"}
    assert all(r.weight >= 0 for r in case.risk)
    assert {lk.reason for lk in case.links} == {"phone", "nik"}
    kinds = {e.kind for e in case.evidence}
    assert {"screenshot", "warc", "listing_json"} <= kinds and all(e.problem is None for e in case.evidence)
    actions = [(e.alert_id, e.by, e.action) for e in case.custody]
    assert (a, "rina", "confirm") in actions
    assert sum(1 for e in case.custody if e.action == "evidence_captured") == 2
    assert [e.at for e in case.custody] == sorted(e.at for e in case.custody)


def test_niks_are_masked_everywhere_unless_revealed(session: Session, store: EvidenceStore) -> None:
    seeded = seed_case(session, store)
    masked = gather_case(session, store, seeded.actor_id, reveal=False, generated_by="ana")
    assert NIK not in repr(masked) and MASKED_NIK in repr(masked)
    assert ("phone", PHONE) in masked.listings[0].identifiers
    revealed = gather_case(session, store, seeded.actor_id, reveal=True, generated_by="ana")
    assert ("nik", NIK) in revealed.listings[0].identifiers
    assert any(NIK in e.note for e in revealed.custody)


def test_unknown_actor_is_refused(session: Session, store: EvidenceStore) -> None:
    with pytest.raises(UnknownActor):
        gather_case(session, store, "act-0000000000", reveal=False, generated_by="ana")


def test_a_damaged_screenshot_is_reported_not_hidden(session: Session, store: EvidenceStore) -> None:
    seeded = seed_case(session, store)
    case = gather_case(session, store, seeded.actor_id, reveal=False, generated_by="ana")
    shot = case.listings[0].screenshots[0]
    path = store.path_for(shot.sha256)
    path.chmod(0o644)
    path.write_bytes(b"not the screenshot")
    again = gather_case(session, store, seeded.actor_id, reveal=False, generated_by="ana")
    assert [e.sha256 for e in again.damaged_evidence] == [shot.sha256]
    assert again.damaged_evidence[0].problem is not None and "altered" in again.damaged_evidence[0].problem


def test_network_draws_every_listing_shop_and_identifier_inside_the_picture(session: Session,
                                                                             store: EvidenceStore) -> None:
    seeded = seed_case(session, store)
    case = gather_case(session, store, seeded.actor_id, reveal=False, generated_by="ana")
    graph = case_graph(case)
    kinds = [d["kind"] for _, d in graph.nodes(data=True)]
    assert kinds.count("listing") == 3 and kinds.count("shop") == 3
    assert f"phone:{PHONE}" in graph  # one shared node, not a phone per listing
    assert f"nik:{MASKED_NIK}" in graph and not any(k.startswith("email:") for k in graph)  # joins nothing
    # the phone links are drawn through the phone node, not again between the listings
    assert not any(graph.nodes[u]["kind"] == graph.nodes[v]["kind"] == "listing" for u, v in graph.edges)
    picture = network_picture(graph)
    assert len(picture.nodes) == graph.number_of_nodes() and len(picture.edges) == graph.number_of_edges()
    assert all(0 <= n.x <= picture.width and 0 <= n.y <= picture.height for n in picture.nodes)
    assert all(e.label for e in picture.edges)
    assert network_picture(case_graph(case)) == picture  # the same case draws the same picture
    assert not any(NIK in n.label for n in picture.nodes)


def test_the_canvas_grows_with_the_network() -> None:
    sizes = [picture_size(n) for n in (1, 10, 40, 160, 640)]
    assert sizes == sorted(sizes) and sizes[0] == (960, 640) and sizes[-1][0] > sizes[2][0]
    assert all(abs(w / h - 1.5) < 0.01 for w, h in sizes)


def test_html_is_bilingual_and_says_which_listing_has_no_screenshot(session: Session,
                                                                     store: EvidenceStore) -> None:
    seeded = seed_case(session, store)
    case = gather_case(session, store, seeded.actor_id, reveal=False, generated_by="ana")
    html = render_case_html(case, network_picture(case_graph(case)), case_environment("Asia/Jakarta"),
                            wacz_name="evidence.wacz")
    assert html.index("Ringkasan pelaku") < html.index("Actor summary")
    assert html.count("No screenshot captured") == 1 and "Tidak ada tangkapan layar" in html
    for e in case.evidence:
        assert e.sha256 in html
    assert "<svg" in html and NIK not in html and MASKED_NIK in html


_NIKS = st.sampled_from(["3174012301850003", "3201014506900002", "3578106708010001"])
_JUNK = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(before=_JUNK, nik=_NIKS, sep=st.sampled_from(["", " ", ".", "-", "\u200b"]), after=_JUNK,
       limit=st.integers(20, 80))
def test_shown_never_leaves_a_nik_whole_however_it_is_written_or_cut(before: str, nik: str, sep: str,
                                                                      after: str, limit: int) -> None:
    written = before + sep.join([nik[:4], nik[4:8], nik[8:12], nik[12:]]) + after
    text = shown(written, reveal=False, limit=limit)
    digits = "".join(ch for ch in text if ch.isdigit())
    assert nik[4:12] not in digits
    assert len(text) <= limit
