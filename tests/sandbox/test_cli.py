"""`ktpwatch sandbox serve`: prints where everything is, serves, stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from typer.testing import CliRunner

from crawler.cli import app
from sandbox.shops import load_shops


def test_bad_fault_plan_is_one_line_error(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"rates": {"meteor": 0.5}}')
    result = CliRunner().invoke(app, ["sandbox", "serve", "--fault-plan", str(plan)])
    assert result.exit_code == 1
    assert "unknown fault kind 'meteor'" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["sandbox", "serve", "--faults", "1.5"])
    assert result.exit_code == 2


def test_port_in_use_is_one_line_error() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["sandbox", "serve", "--port", str(port), "--listings", "60"])
    assert result.exit_code == 1 and "already in use" in result.output


def test_serve_prints_each_shops_own_host_and_stops_on_ctrl_c() -> None:
    shops = load_shops()
    if not shops:
        pytest.skip("no shop modules yet")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "ktpwatch"), "sandbox", "serve", "--port", "0", "--listings", "300",
         "--admin", "--seed", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ},
    )
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("press Ctrl-C"):
                break
        text = "".join(lines)
        urls = [ln.split()[-1] for ln in lines if ln.startswith("sandbox listening on")]
        assert urls, text
        base_url = urls[0]
        addresses = httpx.get(f"{base_url}/_sandbox/marketplaces", timeout=10).json()["marketplaces"]
        assert set(addresses) == set(shops)
        for name in shops:
            assert f"{name:<10} {addresses[name]['web_base_url']}" in text
        assert len({urlsplit(a["web_base_url"]).hostname for a in addresses.values()}) == len(shops)
        assert text.count("smtp://127.0.0.1:") == len(shops)
        assert httpx.get(f"{base_url}/_sandbox/truth", timeout=10).json()["seed"] == 2
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "sandbox stopped" in out
