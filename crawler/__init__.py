"""The Scrapy project (settings, middlewares, pipelines) and the application shell.

``crawler.cli`` is the ``ktpwatch`` command (one module per command group),
``crawler.schedule`` the scheduler and ``sandbox`` the local
marketplaces used by the demo, the tests and the benchmarks.
"""

__version__ = "0.1.0"
