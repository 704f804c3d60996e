"""A small crawl over two hosts, run as its own process by the pacing tests (the reactor starts once).

``python -m tests.distributed.two_host_crawl URL,URL,... '{"SCRAPY_SETTING": ...}'`` fetches
every URL once (retries aside) with ktpwatch's base settings and its
``RetryAfterMiddleware``; the extra settings turn on shared pacing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response

from crawler.settings import BASE_SETTINGS


class TwoHostSpider(scrapy.Spider):
    name = "two_hosts"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = [u for u in urls.split(",") if u]

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            yield scrapy.Request(url, dont_filter=True)

    def parse(self, response: Response) -> Any:
        yield {"url": response.url, "status": response.status}


def crawl_settings(extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **BASE_SETTINGS,
        "SPIDER_MODULES": [],
        "DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.RetryAfterMiddleware": 560},
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [429],
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def main(argv: list[str]) -> int:
    extra = json.loads(argv[1]) if len(argv) > 1 else {}
    process = AsyncCrawlerProcess(crawl_settings(extra))
    process.crawl(TwoHostSpider, urls=argv[0])
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
