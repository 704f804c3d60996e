"""Live crawl numbers for whoever watches a scan (the CLI's Rich progress, tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

#: called with (marketplace, stats snapshot) every half second while the crawl runs
ProgressCallback = Callable[[str, dict[str, Any]], None]
#: Scrapy setting holding the callback; the extension is off without one
PROGRESS_SETTING = "KTPWATCH_PROGRESS"


class ProgressExtension:
    """Hands a stats snapshot to ``KTPWATCH_PROGRESS`` twice a second."""

    def __init__(self, crawler: Crawler, callback: ProgressCallback) -> None:
        self.crawler = crawler
        self.callback = callback
        self._task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        callback = crawler.settings.get(PROGRESS_SETTING)
        if not callable(callback):
            raise NotConfigured
        ext = cls(crawler, callback)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def _tick(self) -> None:
        spider = self.crawler.spider
        if spider is not None and self.crawler.stats is not None:
            self.callback(spider.name, dict(self.crawler.stats.get_stats()))

    def opened(self) -> None:
        from twisted.internet import task

        self._task = task.LoopingCall(self._tick)
        self._task.start(0.5, now=True)

    def closed(self) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self._tick()


def progress_settings(callback: ProgressCallback | None) -> dict[str, Any]:
    """The Scrapy settings that report a local crawl's progress to ``callback``."""
    return {PROGRESS_SETTING: callback,
            "EXTENSIONS": {f"{__name__}.{ProgressExtension.__name__}": 500}}
