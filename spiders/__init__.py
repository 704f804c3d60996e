"""One spider module per marketplace, plus a page parser per page kind.

Spiders only build requests and hand responses to parsers; parsers are pure
functions of a response body that return ``ListingItem``s and a
``PageOutcome`` (blocked, captcha and layout changes are said, never hidden).

- ``spiders.items``: the item types (``ListingItem``, ``PageOutcome``,
  ``HttpExchange``), plain dataclasses that ``crawler/`` reads;
- ``spiders.base``: what every marketplace spider shares (arguments,
  pagination, details, retries of blocked pages, stats);
- ``spiders.browser``: the browser transport (a Playwright page per request);
  ``spiders.exchanges``: evidence records of what Scrapy fetched;
- ``spiders.parsers``: one parser per page kind, tested on recorded answers.

Spiders import ``config`` and each other, nothing from ``crawler/``.
"""
