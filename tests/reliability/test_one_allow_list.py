"""One host allow-list: the crawl, the browser transport and the fetchers decide alike (differential).

``crawler.middlewares`` used to carry its own ``host_allowed`` beside
``alerts.evidence.hosts.HostPolicy``; two implementations of one rule drift
apart. Now the downloader middleware, the browser request filter, photo
fetches and re-checks all ask :meth:`HostPolicy.allows` / ``refusal``; this
test holds their answers equal over generated URLs, ports, schemes and hosts.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from alerts.evidence.hosts import HostPolicy
from crawler.middlewares import BrowserRequestFilter, ConfiguredHostsMiddleware, HostsConfig

ORIGINS = frozenset({("https", "shop.example", 443), ("http", "127.0.0.1", 8900)})
ANSWERS = {"shop.example": ["93.184.216.34"], "inward.example": ["10.1.2.3"]}


def _resolve(host: str) -> list[str]:
    if host not in ANSWERS:
        raise OSError("no such host")
    return ANSWERS[host]


class _Page:
    resource_type = "document"

    def __init__(self, url: str) -> None:
        self.url = url


urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}:{port}{path}",
    st.sampled_from(["http", "https"]),
    st.sampled_from(["shop.example", "127.0.0.1", "inward.example", "localhost", "10.0.0.1", "[::1]"]),
    st.sampled_from([80, 443, 8900, 6379, 5432]),
    st.sampled_from(["/", "/p/1", "/img/a.jpg"]),
)


@settings(max_examples=200, deadline=None)
@given(url=urls)
def test_every_component_gives_the_policys_answer(url: str) -> None:
    policy = HostPolicy(ORIGINS | {("https", "inward.example", 443)}, resolver=_resolve)
    fetchers_allow = policy.refusal(url) is None
    middleware = ConfiguredHostsMiddleware(HostsConfig(policy), stats=None)
    try:
        middleware.process_request(Request(url))
        crawl_allows = True
    except IgnoreRequest:
        crawl_allows = False
    browser_allows = not BrowserRequestFilter(policy)(_Page(url))
    assert crawl_allows == browser_allows == fetchers_allow == policy.allows(url)


@pytest.mark.parametrize("url", ["data:image/png;base64,AAAA", "about:blank", "blob:https://shop.example/1"])
def test_browser_local_schemes_pass_the_browser_but_are_never_fetched(url: str) -> None:
    policy = HostPolicy(ORIGINS, resolver=_resolve)
    assert policy.allows(url) and not BrowserRequestFilter(policy)(_Page(url))
    assert policy.refusal(url) is not None
