"""Issue 17: a parser bug is a ``parser_error`` (with its traceback), not a layout change; a request
that got no answer is classified dns / connect / tls / timeout, so an unreachable shop is told apart
from a blocked one and from a changed layout."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st
from OpenSSL import SSL
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet import defer
from twisted.internet import error as net_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from config import load_config
from crawler.scan import unreachable_causes
from crawler.settings import build_scrapy_settings
from spiders.failures import CAUSES, NETWORK_CAUSES, exception_cause, failure_cause
from spiders.items import HttpExchange, ListingItem, PageOutcome
from spiders.parsers import never_raises
from spiders.tokopedia import TokopediaSpider
from tests.marketplace_hosts import every_marketplace_under

EXCHANGE = HttpExchange("u", "GET", (), b"", 200, (), b"")


@never_raises([])
def _buggy_parser(body: bytes | str, *, url: str, base_url: str, query: str = "") -> tuple[
        list[ListingItem], PageOutcome]:
    return [], PageOutcome(status="ok", total=int("not a number"))


def test_never_raises_reports_parser_error_with_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        items, outcome = _buggy_parser(b"{}", url="https://shop/search", base_url="https://shop")
    assert items == [] and outcome.status == "parser_error"
    assert "ValueError" in outcome.reason
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and "https://shop/search" in logged[0].getMessage()
    assert logged[0].exc_info is not None and logged[0].exc_info[0] is ValueError


def test_spider_counts_parser_errors_apart_from_layout_changes() -> None:
    settings = every_marketplace_under(load_config().settings, "http://127.0.0.1:9")
    crawler = get_crawler(TokopediaSpider, build_scrapy_settings(settings))
    spider = TokopediaSpider.from_crawler(crawler, query="ktp", transport="api")
    spider.search_parser = _buggy_parser  # type: ignore[assignment]
    list(spider.handle_search(b"{}", "u", 200, "ktp", 1, EXCHANGE))
    stats = crawler.stats
    assert stats is not None
    assert stats.get_value("ktpwatch/tokopedia/parser_errors") == 1
    assert stats.get_value("ktpwatch/tokopedia/parse_failures") is None


def _never_received(exc: BaseException) -> ResponseNeverReceived:
    return ResponseNeverReceived([Failure(exc)])


@pytest.mark.parametrize(("exc", "cause"), [
    (net_error.DNSLookupError("nohost.invalid"), "dns"),
    (net_error.ConnectionRefusedError(), "connect"),
    (net_error.ConnectError(), "connect"),
    (net_error.TCPTimedOutError(), "timeout"),
    (defer.TimeoutError(), "timeout"),
    (net_error.TimeoutError(), "timeout"),
    (_never_received(SSL.Error([("SSL routines", "", "certificate verify failed")])), "tls"),
    (_never_received(net_error.ConnectionLost()), "connect"),
    (Exception("net::ERR_NAME_NOT_RESOLVED at https://www.tokopedia.com/search"), "dns"),
    (Exception("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/"), "connect"),
    (Exception("net::ERR_CERT_AUTHORITY_INVALID at https://shopee.co.id/"), "tls"),
    (Exception("Timeout 30000ms exceeded."), "timeout"),
    (ValueError("something else"), "other"),
])
def test_exception_cause(exc: BaseException, cause: str) -> None:
    assert exception_cause(exc) == cause


def test_an_http_error_is_an_answer_not_a_network_cause() -> None:
    response = Response("https://shop/search", status=503, request=Request("https://shop/search"))
    assert failure_cause(Failure(HttpError(response, "503"))) == "http"


@given(st.integers(0, 5), st.dictionaries(st.sampled_from(["200", "403", "503"]), st.integers(0, 3)),
       st.dictionaries(st.sampled_from(CAUSES), st.integers(1, 5)))
def test_unreachable_only_when_nothing_answered(
    answered: int, by_status: dict[str, int], causes: dict[str, int]
) -> None:
    verdict = unreachable_causes(answered, by_status, causes)
    reached = answered > 0 or any(by_status.values()) or any(c not in NETWORK_CAUSES for c in causes)
    if reached or not causes:
        assert verdict == ""
    else:
        assert verdict.split(", ") == sorted(causes)
