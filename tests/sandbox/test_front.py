"""The front port: where the shops are, who may use the admin API, and a loud warning off loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from crawler.cli import app
from sandbox.addresses import is_loopback, plan_addresses
from sandbox.admin_guard import admin_refusal
from sandbox.server import SandboxHandle

NAMES = ["tokopedia", "shopee", "lazada", "blibli", "olx", "facebook"]


@given(port=st.integers(min_value=1, max_value=60000), count=st.integers(min_value=1, max_value=6))
def test_loopback_front_gives_every_shop_its_own_host_and_port(port: int, count: int) -> None:
    plan = plan_addresses("127.0.0.1", port, NAMES[:count])
    assert len({a.bind_host for a in plan.values()}) == count
    assert all(is_loopback(a.bind_host) and a.bind_host != "127.0.0.1" for a in plan.values())
    assert sorted(a.port for a in plan.values()) == list(range(port + 1, port + 1 + count))


def test_other_fronts_share_their_host_and_free_ports_stay_free() -> None:
    plan = plan_addresses("0.0.0.0", 0, NAMES)
    assert {a.bind_host for a in plan.values()} == {"0.0.0.0"}
    assert {a.port for a in plan.values()} == {0}
    assert {a.url_host for a in plan.values()} == {"127.0.0.1"}


def test_published_addresses_name_six_hosts(sandbox: SandboxHandle) -> None:
    answer = httpx.get(f"{sandbox.base_url}/_sandbox/marketplaces", timeout=10).json()["marketplaces"]
    hosts = {urlsplit(entry["web_base_url"]).hostname for entry in answer.values()}
    assert len(hosts) == len(answer) == len(sandbox.shop_urls)
    for name, entry in answer.items():
        assert entry["api_base_url"] == entry["web_base_url"] == sandbox.shop_url(name)
        shop = urlsplit(sandbox.shop_url(name))
        assert entry["image_hosts"] == [f"{shop.scheme}://{shop.netloc}"]  # photos: the shop's own port
    assert answer["shopee"]["image_base_url"] == f"{sandbox.shop_url('shopee')}/file/"


def test_scan_sandbox_flag_turns_the_addresses_into_configuration(sandbox: SandboxHandle) -> None:
    from config import load_config
    from crawler.marketplace_addresses import point_at

    settings = point_at(load_config(env={}).settings, sandbox.base_url)
    for name, url in sandbox.shop_urls.items():
        assert settings.marketplace(name).web_base_url == url
    assert settings.allowed_hosts() == {urlsplit(u).hostname for u in sandbox.shop_urls.values()}


def test_cross_site_text_plain_reset_is_refused(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({"rates": {"captcha": 0.5}})
    port = urlsplit(sandbox.base_url).port
    attacks: list[dict[str, Any]] = [
        # a form on another site: text/plain needs no CORS preflight
        {"content": b'{"x":1}', "headers": {"Content-Type": "text/plain", "Origin": "http://evil.example"}},
        # same, with the JSON type but from elsewhere
        {"json": {}, "headers": {"Origin": "http://evil.example"}},
        # DNS rebinding: a name that resolves to 127.0.0.1 but is not ours
        {"json": {}, "headers": {"Host": f"rebind.evil.example:{port}"}},
        # no JSON type at all, even from this machine
        {"content": b"", "headers": {}},
    ]
    for attack in attacks:
        answer = httpx.post(f"{sandbox.base_url}/_sandbox/reset", timeout=10, **attack)
        assert answer.status_code in (403, 415), attack
    assert sandbox.server.dice.plan.default.rates  # nothing was reset
    assert httpx.get(f"{sandbox.base_url}/_sandbox/truth", headers={"Host": f"rebind.evil.example:{port}"},
                     timeout=10).status_code == 403
    same_origin = {"Origin": sandbox.base_url}
    assert httpx.post(f"{sandbox.base_url}/_sandbox/reset", json={}, headers=same_origin,
                      timeout=10).status_code == 200
    assert not sandbox.server.dice.plan.default.rates


@pytest.mark.parametrize(("host", "origin", "ctype", "method", "ok"), [
    ("127.0.0.1:8900", None, "application/json", "POST", True),
    ("localhost:8900", "http://localhost:8900", "application/json", "POST", True),
    ("127.0.0.1:8900", None, "", "GET", True),
    ("127.0.0.1:8900", None, "text/plain", "POST", False),
    ("127.0.0.1:8900", None, "application/x-www-form-urlencoded", "POST", False),
    ("127.0.0.1:8900", "null", "application/json", "POST", False),
    ("127.0.0.1:8900", "http://127.0.0.1:8901", "application/json", "POST", False),
    ("127.0.0.1:8901", None, "application/json", "POST", False),
    ("sandbox.example:8900", None, "application/json", "POST", False),
])
def test_admin_refusal_rules(host: str, origin: str | None, ctype: str, method: str, ok: bool) -> None:
    refusal = admin_refusal(method=method, host_header=host, origin=origin, content_type=ctype, port=8900)
    assert (refusal is None) == ok


def test_serve_on_a_non_loopback_host_warns_loudly(tmp_path: Path) -> None:
    bad_plan = tmp_path / "plan.json"
    bad_plan.write_text("{nope")  # stops the command right after the host check
    loud = CliRunner().invoke(app, ["sandbox", "serve", "--host", "0.0.0.0", "--admin",
                                    "--fault-plan", str(bad_plan)])
    assert loud.exit_code == 1
    assert "WARNING: the sandbox listens on 0.0.0.0" in loud.output and "--admin is on" in loud.output
    quiet = CliRunner().invoke(app, ["sandbox", "serve", "--admin", "--fault-plan", str(bad_plan)])
    assert quiet.exit_code == 1 and "WARNING" not in quiet.output


def test_scan_sandbox_without_a_sandbox_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", "--sandbox", "http://127.0.0.1:9", "--marketplace", "olx"],
                                env={"KTPWATCH_DB_URL": f"sqlite:///{tmp_path / 'k.db'}"})
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot read the marketplace addresses at http://127.0.0.1:9/_sandbox/marketplaces" in result.output


def test_scan_sandbox_error_never_shows_a_password(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", "--sandbox", "http://user:hunter2@127.0.0.1:9"],
                                env={"KTPWATCH_DB_URL": f"sqlite:///{tmp_path / 'k.db'}"})
    assert result.exit_code == 1 and "hunter2" not in result.output and "user:***@" in result.output
