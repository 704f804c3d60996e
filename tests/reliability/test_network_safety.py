"""Only configured hosts are fetched, redirects cannot leave them, and a decompression bomb is stopped.

A local server (127.0.0.1) serves a gzip bomb (about 100 KB on the wire,
100 MB inflated) and redirects to other hosts and private addresses.
Follow-up re-checks (httpx) and Scrapy crawls (``DOWNLOAD_MAXSIZE``) both
stop reading at their configured limits.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from alerts.evidence.hosts import HostPolicy
from alerts.followup import FetchLimits, fetch_listing
from config.settings import url_origin
from tests.http_answers import send_body
from tests.servers import free_port

INFLATED = 100 * 1024 * 1024
BOMB = gzip.compress(b"\0" * INFLATED, compresslevel=9)
REPO = Path(__file__).resolve().parents[2]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/bomb"):
            send_body(self, 200, "application/json", BOMB, [("Content-Encoding", "gzip")])
        elif self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.end_headers()
        else:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _own(server: str) -> HostPolicy:
    """The test server's origin, configured explicitly (as the sandbox's 127.0.0.1:PORT is)."""
    origin = url_origin(server)
    assert origin is not None
    return HostPolicy(frozenset({origin}))


def test_followup_stops_reading_a_gzip_bomb(server: str) -> None:
    assert len(BOMB) < 200_000
    fetched = fetch_listing(f"{server}/bomb", _own(server), FetchLimits(max_bytes=1024 * 1024))
    assert fetched.truncated and len(fetched.body or b"") == 1024 * 1024


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://10.0.0.1/admin",
    "http://localhost:9/",
    "http://evil.example/steal",
    "file:///etc/passwd",
])
def test_followup_refuses_redirects_off_the_configured_hosts(server: str, target: str) -> None:
    fetched = fetch_listing(f"{server}/to/{target}", _own(server))
    assert fetched.status is None and fetched.error and "refused" in fetched.error.lower()


def test_followup_refuses_loopback_unless_configured(server: str) -> None:
    fetched = fetch_listing(f"{server}/plain", HostPolicy(frozenset({("https", "www.tokopedia.com", 443)})))
    assert fetched.status is None and "refused" in (fetched.error or "").lower()


SPIDER = '''
import scrapy
class Bomb(scrapy.Spider):
    name = "bomb"
    def __init__(self, url, **kw):
        super().__init__(**kw)
        self.url = url
    async def start(self):
        for path in ("/bomb", "/to/http://10.0.0.1/x", "/to/http://evil.example/y", "/plain"):
            yield scrapy.Request(self.url + path, callback=self.parse, errback=self.failed,
                                 dont_filter=True)
    def parse(self, response):
        self.logger.warning("GOT %s %d bytes", response.url, len(response.body))
    def failed(self, failure):
        self.logger.warning("FAILED %s", failure.getErrorMessage()[:200])
'''


def test_scrapy_drops_a_gzip_bomb_and_offsite_redirects(server: str, tmp_path: Path) -> None:
    """The real ktpwatch Scrapy settings (host filter, DOWNLOAD_MAXSIZE) with 127.0.0.1 configured."""
    (tmp_path / "bombspider.py").write_text(SPIDER)
    config = tmp_path / "ktpwatch.toml"
    config.write_text(f'[crawl]\ndownload_delay = 0\ndownload_maxsize = 1048576\ndownload_warnsize = 524288\n'
                      f'[marketplaces.olx]\napi_base_url = "{server}"\nweb_base_url = "{server}"\n')
    runner = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from scrapy.crawler import CrawlerProcess;"
        "from config import load_config; from crawler.settings import build_scrapy_settings;"
        "from bombspider import Bomb;"
        "s = build_scrapy_settings(load_config().settings); s['LOG_LEVEL'] = 'WARNING';"
        "p = CrawlerProcess(s); p.crawl(Bomb, url=sys.argv[2]); p.start()"
    )
    env = {**os.environ, "KTPWATCH_CONFIG": str(config), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", runner, str(tmp_path), server], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    log = done.stderr
    assert done.returncode == 0, log[-2000:]
    assert "GOT" in log and f"{server}/plain" in log  # the configured host is fetched
    assert f"GOT {server}/bomb" not in log  # the bomb never reaches a callback
    assert "larger than download max size" in log or "exceeds" in log.lower() or "maxsize" in log.lower()
    assert "10.0.0.1" not in "".join(line for line in log.splitlines() if "GOT" in line)
    assert "evil.example" not in "".join(line for line in log.splitlines() if "GOT" in line)
    assert "refused" in log
