"""A clean Redis database per test, and a spider bound to a crawler with distributed settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis as redis_lib
from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector

from config import load_config
from crawler.distributed import distributed_scrapy_settings
from crawler.settings import build_scrapy_settings
from spiders.tokopedia import TokopediaSpider
from tests.servers import RedisServer


@pytest.fixture
def server(redis: RedisServer) -> Iterator[Any]:
    client = redis_lib.Redis.from_url(redis.url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def make_spider(scan_id: int, worker: str, redis_url: str, **spider_args: Any) -> TokopediaSpider:
    settings = load_config(None).settings
    scrapy_settings = {**build_scrapy_settings(settings),
                       **distributed_scrapy_settings(scan_id, redis_url, worker)}
    crawler = Crawler(TokopediaSpider, scrapy_settings)
    crawler.stats = MemoryStatsCollector(crawler)
    spider = TokopediaSpider.from_crawler(crawler, **spider_args)
    assert isinstance(spider, TokopediaSpider)
    return spider
