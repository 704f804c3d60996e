"""The sandbox server through a toy shop: routing, pagination, images, admin, faults."""

from __future__ import annotations

import json
import time
from collections import Counter

import httpx
import pytest
from rapidfuzz.distance import Levenshtein

from sandbox.faults import FaultPlan
from sandbox.server import SandboxHandle, run_sandbox
from tests.sandbox.toy_shop import ToyShop


def _search(toy: SandboxHandle, q: str, page: int = 1, rows: int = 20, **kw: str) -> httpx.Response:
    return httpx.get(f"{toy.shop_url('toyshop')}/api/search",
                     params={"q": q, "page": page, "rows": rows, **kw}, timeout=10)


def test_pagination_covers_the_whole_result_set_once(toy: SandboxHandle) -> None:
    expected = [item.external_id for item in toy.catalogue.search("toyshop", "blangko e-ktp")]
    assert len(expected) > 40
    seen: list[str] = []
    page = 1
    while True:
        data = _search(toy, "blangko e-ktp", page=page, rows=17).json()["data"]
        seen += [item["id"] for item in data["items"]]
        assert data["total"] == len(expected)
        if not data["has_more"]:
            break
        page += 1
    assert seen == expected  # newest first, no gaps, no duplicates


def test_search_filters_by_query_and_sorts(toy: SandboxHandle) -> None:
    items = _search(toy, "beras", rows=500).json()["data"]["items"]
    assert any("beras" in item["title"].lower() for item in items)
    for item in items:  # "beras" or a one-letter typo of it ("bekas"), nothing else
        assert any(Levenshtein.distance(word, "beras") <= 1 for word in item["title"].lower().split())
    assert len(items) < len(toy.catalogue.shops["toyshop"].listings) / 3
    assert _search(toy, "zzqqxx").json()["data"]["total"] == 0
    ranked = _search(toy, "blanko ktp el", sort="relevance").json()["data"]["items"]
    newest = _search(toy, "blanko ktp el").json()["data"]["items"]
    assert ranked != newest


def test_images_are_jpegs_and_unknown_ones_404(toy: SandboxHandle) -> None:
    item = _search(toy, "ktp").json()["data"]["items"][0]
    image = httpx.get(item["images"][0])
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.content[:3] == b"\xff\xd8\xff"
    assert httpx.get(item["images"][0]).content == image.content
    assert httpx.get(f"{toy.shop_url('toyshop')}/img/nope.jpg").status_code == 404


def test_truth_lists_planted_listings_with_shop_urls(toy: SandboxHandle) -> None:
    truth = httpx.get(f"{toy.base_url}/_sandbox/truth").json()
    assert truth == json.loads(json.dumps(toy.truth()))
    planted = truth["planted"]
    assert {p["marketplace"] for p in planted} == {"toyshop", "othertoy"}
    assert {p["label"] for p in planted} == {"blank", "related"}
    assert any(p["identifiers"] for p in planted) and any(p["detail_only"] for p in planted)
    first = planted[0]
    assert first["url"] == f"{toy.shop_url(first['marketplace'])}/item/{first['external_id']}"
    assert truth["hard_negatives"] and truth["abuse_desk"]["notices"] == []
    assert set(truth["abuse_desk"]["smtp_ports"]) == {"toyshop", "othertoy"}


def test_admin_paths_are_absent_without_admin() -> None:
    with run_sandbox(listings=60, admin=False, shops={"toyshop": ToyShop()}) as box:
        for method, path in (("GET", "truth"), ("GET", "stats"), ("POST", "reset"), ("POST", "faults")):
            assert httpx.request(method, f"{box.base_url}/_sandbox/{path}").status_code == 404
        assert box.truth()["planted"]  # the in-process handle still sees the truth


def _statuses(toy: SandboxHandle, n: int) -> list[int]:
    client = httpx.Client(timeout=10)
    out = []
    for i in range(n):
        try:
            out.append(client.get(f"{toy.shop_url('toyshop')}/api/search", params={"q": f"ktp {i}"}).status_code)
        except httpx.TransportError:
            out.append(0)
            client = httpx.Client(timeout=10)
    return out


def test_faults_appear_at_the_configured_rates(toy: SandboxHandle) -> None:
    toy.set_faults({"rates": {"server_error": 0.2, "rate_limited": 0.1, "dropped": 0.05}})
    statuses = Counter(_statuses(toy, 400))
    server_errors = sum(statuses[s] for s in (500, 502, 503))
    assert abs(server_errors / 400 - 0.2) < 0.06
    assert abs(statuses[429] / 400 - 0.1) < 0.05
    assert abs(statuses[0] / 400 - 0.05) < 0.035
    assert abs(statuses[200] / 400 - 0.65) < 0.07
    stats = toy.stats()["marketplaces"]["toyshop"]
    assert stats["requests"] == 400 and stats["faults"]["rate_limited"] == statuses[429]


def test_fault_sequence_is_deterministic(toy: SandboxHandle) -> None:
    plan = FaultPlan.mixed(0.5, seed=3, slow_seconds=0.0)
    toy.set_faults(plan)
    first = _statuses(toy, 60)
    toy.set_faults(plan)
    assert _statuses(toy, 60) == first
    assert len(set(first)) > 3


def test_mixed_plan_is_set_through_the_admin_api_and_validated(toy: SandboxHandle) -> None:
    url = f"{toy.base_url}/_sandbox/faults"
    assert httpx.post(url, content=b"{nope", headers={"Content-Type": "application/json"}).status_code == 400
    assert httpx.post(url, json={"rates": {"server_error": 0.9, "slow": 0.5}}).status_code == 400
    assert httpx.post(url, json={"marketplaces": {"nowhere": {}}}).status_code == 400
    answer = httpx.post(url, json={"marketplaces": {"othertoy": {"rates": {"server_error": 1.0}}}})
    assert answer.status_code == 200
    assert httpx.get(f"{toy.shop_url('othertoy')}/api/search", params={"q": "ktp"}).status_code >= 500
    assert _search(toy, "ktp").status_code == 200  # per marketplace: toyshop unaffected
    assert httpx.post(f"{toy.base_url}/_sandbox/reset", json={}).status_code == 200
    assert httpx.get(f"{toy.shop_url('othertoy')}/api/search", params={"q": "ktp"}).status_code == 200


@pytest.mark.parametrize("kind", ["rate_limited", "captcha", "blocked", "redirect", "truncated", "slow"])
def test_each_fault_kind_has_its_shape(toy: SandboxHandle, kind: str) -> None:
    toy.set_faults({"rates": {kind: 1.0}, "slow_seconds": 0.3, "retry_after_seconds": 7})
    started = time.monotonic()
    answer = _search(toy, "ktp")
    elapsed = time.monotonic() - started
    if kind == "rate_limited":
        assert answer.status_code == 429 and answer.headers["Retry-After"] == "7"
    elif kind == "captcha":
        assert answer.status_code == 200 and "text/html" in answer.headers["content-type"]
        assert "captcha" in answer.text and "items" not in answer.text
    elif kind == "blocked":
        assert answer.status_code == 200 and answer.json()["error"] == 90309999
    elif kind == "redirect":
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")
        landed = httpx.get(toy.shop_url("toyshop") + answer.headers["Location"])  # the login page is exempt
        assert landed.status_code == 200 and 'id="login_form"' in landed.text
    elif kind == "truncated":
        assert answer.status_code == 200
        with pytest.raises(ValueError):
            answer.json()
    elif kind == "slow":
        assert answer.status_code == 200 and elapsed >= 0.3
        assert answer.json()["data"]["items"]


def test_dropped_connection_sends_nothing(toy: SandboxHandle) -> None:
    toy.set_faults({"rates": {"dropped": 1.0}})
    with pytest.raises(httpx.RemoteProtocolError):
        _search(toy, "ktp")


def test_layout_changed_renames_json_keys_at_any_depth(toy: SandboxHandle) -> None:
    toy.set_faults({"layout_changed": True})
    data = _search(toy, "ktp").json()["data"]
    assert "items" not in data and data["productList"]
    assert "productName" in data["productList"][0] and "title" not in data["productList"][0]


def test_faults_spare_admin_and_static_assets_not_photos(toy: SandboxHandle) -> None:
    image = _search(toy, "ktp").json()["data"]["items"][0]["images"][0]
    toy.set_faults({"rates": {"server_error": 1.0}})
    assert httpx.get(f"{toy.base_url}/_sandbox/stats").status_code == 200
    assert httpx.get(image).status_code >= 500  # image CDNs fail too
    assert httpx.get(f"{toy.shop_url('toyshop')}/static/app.js").status_code == 200
    assert httpx.get(f"{toy.shop_url('toyshop')}/search").status_code >= 500
