"""Seller-written photo URLs reach only configured origins (scheme, host AND port), within a total deadline."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler
from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence.hosts import HostPolicy
from alerts.images import process_pending_images
from alerts.images.decode import ImageRefused
from alerts.images.fetch import fetch_image, make_client
from config import load_config
from config.settings import MarketplaceConfig, image_host_origins
from crawler.middlewares import ConfiguredHostsMiddleware
from crawler.settings import build_scrapy_settings
from sandbox.images import render_listing_image
from spiders.tokopedia import TokopediaSpider
from tests.canary import recording_connections
from tests.images.photo_server import serve_photos, serving
from tests.images.test_process import _listing, _settings
from tests.marketplace_hosts import every_marketplace_under

CDN = ("https", "cdn.example", 443)


@contextmanager
def counting_listener() -> Iterator[tuple[int, list[str]]]:
    """A local port (think Redis on 6379) that records every connection made to it."""
    sock = socket.create_server(("127.0.0.1", 0), backlog=8)
    with recording_connections(sock) as accepted:
        yield sock.getsockname()[1], accepted


def test_a_photo_url_to_an_unconfigured_local_port_is_never_contacted(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with serve_photos({"/ok.jpg": render_listing_image("ok", "Sepatu lari")}) as base, \
            counting_listener() as (trap_port, accepted):
        settings = _settings(base, tmp_path)
        _listing(session_factory, "tokopedia", "1", "s1",
                 [f"{base}/ok.jpg", f"http://127.0.0.1:{trap_port}/x.jpg",
                  f"https://127.0.0.1:{trap_port}/y.jpg"])
        report = process_pending_images(session_factory, settings)
        time.sleep(0.3)  # a connection, had one been made, is counted by now
    assert (report.ok, report.refused) == (1, 2)
    assert accepted == []


def test_the_crawler_refuses_other_ports_of_a_configured_host() -> None:
    settings = every_marketplace_under(load_config().settings, "http://127.0.0.1:9")
    crawler = get_crawler(TokopediaSpider, build_scrapy_settings(settings))
    middleware = ConfiguredHostsMiddleware.from_crawler(crawler)
    middleware.process_request(Request("http://127.0.0.1:9/tokopedia/p/1"))  # passes: no IgnoreRequest
    for url in ("http://127.0.0.1:6379/", "http://127.0.0.1:5432/x", "https://127.0.0.1:9/tokopedia"):
        with pytest.raises(IgnoreRequest):
            middleware.process_request(Request(url))


def _public(host: str) -> list[str]:
    return ["93.184.216.34"]


@given(port=st.integers(1, 65535), scheme=st.sampled_from(["http", "https"]))
def test_only_the_configured_scheme_and_port_pass(port: int, scheme: str) -> None:
    policy = HostPolicy(frozenset({CDN}), resolver=_public)
    allowed = policy.refusal(f"{scheme}://cdn.example:{port}/p.jpg") is None
    assert allowed is ((scheme, port) == ("https", 443))


def test_configured_names_resolving_inward_are_refused_addresses_written_in_config_are_not() -> None:
    answers = {"inward.example": ["10.0.0.5"], "mixed.example": ["93.184.216.34", "127.0.0.1"],
               "linklocal.example": ["fe80::1"], "public.example": ["93.184.216.34"]}

    def resolve(host: str) -> list[str]:
        if host not in answers:
            raise socket.gaierror("no such host")
        return answers[host]

    hosts = [*answers, "gone.example", "127.0.0.1", "10.0.0.5"]
    policy = HostPolicy(frozenset(("https", h, 443) for h in hosts), resolver=resolve)
    verdicts = {h: policy.refusal(f"https://{h}/x.jpg") for h in hosts}
    for refused in ("inward.example", "mixed.example", "linklocal.example"):
        assert "loopback, private or link-local" in (verdicts[refused] or ""), refused
    for passes in ("public.example", "gone.example", "127.0.0.1", "10.0.0.5"):
        assert verdicts[passes] is None, passes


def test_image_host_entries_name_origins() -> None:
    assert image_host_origins("cdn.example") == {("https", "cdn.example", 443), ("http", "cdn.example", 80)}
    assert image_host_origins("cdn.example:8443") == {("https", "cdn.example", 8443),
                                                       ("http", "cdn.example", 8443)}
    assert image_host_origins("http://127.0.0.1:8900") == {("http", "127.0.0.1", 8900)}
    with pytest.raises(ValueError, match="expected host"):
        MarketplaceConfig(api_base_url="https://a.example", web_base_url="https://a.example",
                          image_hosts=["cdn.example/path"])


# --------------------------------------------------------------------------- total deadline

TRICKLE_INTERVAL = 3.0
TRICKLE_BYTES = 8  # bounded: the server gives up after 24 s whatever the client does


@contextmanager
def trickling_server() -> Iterator[str]:
    """Answers 200 with a 1000-byte Content-Length, then one byte every 3 s."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(TRICKLE_BYTES):
                    self.wfile.write(b"\xff")
                    self.wfile.flush()
                    time.sleep(TRICKLE_INTERVAL)
            except OSError:
                return

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:  # ThreadingHTTPServer's handler threads are daemons
        yield base


def test_a_trickling_photo_is_abandoned_at_the_total_deadline() -> None:
    with trickling_server() as base:
        policy = HostPolicy(frozenset({("http", "127.0.0.1", int(base.rsplit(":", 1)[1]))}))
        with make_client("ktpwatch-test", policy) as client:
            started = time.monotonic()
            with pytest.raises(ImageRefused, match=r"gave up after 2s"):
                fetch_image(client, f"{base}/slow.jpg", policy=policy, max_bytes=10**6, deadline_seconds=2)
            assert time.monotonic() - started < 2 + TRICKLE_INTERVAL + 1


def test_the_photo_deadline_comes_from_configuration(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with trickling_server() as base:
        settings = _settings(base, tmp_path)
        images = settings.images.model_copy(update={"fetch_deadline_seconds": 2})
        settings = settings.model_copy(update={"images": images})
        _listing(session_factory, "tokopedia", "1", "s1", [f"{base}/slow.jpg"])
        started = time.monotonic()
        report = process_pending_images(session_factory, settings)
        elapsed = time.monotonic() - started
    assert report.failed == 1
    assert elapsed < 2 + TRICKLE_INTERVAL + 3


@contextmanager
def redirecting_server(location: str) -> Iterator[str]:
    """Answers every GET with a 302 to ``location``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        yield base


def test_a_follow_up_redirect_to_another_port_of_the_configured_host_is_refused() -> None:
    from alerts.followup import fetch_listing
    from config.settings import url_origin

    with counting_listener() as (trap_port, accepted), \
            redirecting_server(f"http://127.0.0.1:{trap_port}/") as base:
        origin = url_origin(base)
        assert origin is not None
        fetched = fetch_listing(f"{base}/p/1", HostPolicy(frozenset({origin})))
        time.sleep(0.3)
    assert fetched.status is None and "refused" in (fetched.error or "")
    assert accepted == []
