"""Names the spiders share with the crawler that runs them: one definition each.

The spiders read the configuration from a Scrapy setting and count what they
see in Scrapy stats; the crawler (pipelines, the scan summary, distributed
workers) sets that setting and reads those stats. Both sides name them here,
in the lower layer, because spiders import nothing from ``crawler/``.
"""

from __future__ import annotations

#: Scrapy setting holding the typed :class:`config.Settings` of the crawl
SETTINGS_KEY = "KTPWATCH_SETTINGS"

#: every ktpwatch stats key starts with this (Scrapy's own stats do not)
STATS_PREFIX = "ktpwatch/"


def stat_key(key: str) -> str:
    """A crawl-wide ktpwatch stats key, e.g. ``ktpwatch/store_errors``."""
    return f"{STATS_PREFIX}{key}"


def marketplace_stat_key(marketplace: str, key: str = "") -> str:
    """A per-marketplace stats key, e.g. ``ktpwatch/shopee/items``; with no key, the prefix."""
    return f"{STATS_PREFIX}{marketplace}/{key}"
