"""``crawler.settings`` is Scrapy's project settings module: cheap to import, still a working project.

Importing it once loaded the configuration and looked for Chromium (issue 18);
now it holds constants and the configuration is applied by an add-on when a
crawler is built.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
from scrapy.crawler import Crawler
from scrapy.utils.project import get_project_settings

from config import load_config
from crawler.marketplace_addresses import ADDRESSES_PATH
from crawler.settings import BASE_SETTINGS, build_scrapy_settings
from sandbox.server import SandboxHandle
from spiders.keys import SETTINGS_KEY

ROOT = Path(__file__).resolve().parents[2]

#: Imports crawler.settings with file opens audited and the config loader and browser search trapped.
PROBE = r"""
import json, os, sys
root = os.path.realpath(sys.argv[1])
opened = []
def audit(event, args):
    if event == "open" and isinstance(args[0], str):
        path = os.path.realpath(args[0])
        inside = path.startswith(root + os.sep) and os.sep + ".venv" + os.sep not in path
        if inside and not path.endswith((".py", ".pyc")):
            opened.append(path)
    elif event == "subprocess.Popen":
        opened.append("started " + str(args[0]))
sys.addaudithook(audit)
import config, config.loader, config.browser
called = []
config.load_config = config.loader.load_config = lambda *a, **k: called.append("load_config")
config.browser.find_browser = lambda *a, **k: called.append("find_browser")
import crawler.settings
print(json.dumps({"opened": opened, "called": called}))
"""


def _probe(env: dict[str, str]) -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(ROOT)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def test_importing_the_settings_module_reads_no_file_and_looks_for_no_browser() -> None:
    seen = _probe({**os.environ, "KTPWATCH_CONFIG": str(ROOT / "config" / "ktpwatch.toml")})
    assert seen == {"opened": [], "called": []}


def test_importing_the_settings_module_works_with_a_broken_configuration(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("this is [not toml", encoding="utf-8")
    seen = _probe({**os.environ, "KTPWATCH_CONFIG": str(broken)})
    assert seen == {"opened": [], "called": []}


def test_scrapy_list_names_every_marketplace_spider() -> None:
    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= set(load_config().settings.marketplaces)


def test_a_command_line_crawl_gets_the_configured_settings(monkeypatch) -> None:
    """What ``scrapy crawl <marketplace>`` builds: the project constants plus the configuration."""
    monkeypatch.chdir(ROOT)
    project = get_project_settings()
    assert project.get(SETTINGS_KEY) is None  # nothing configuration-dependent at import
    crawler = Crawler(_spider("olx"), project)
    crawler.addons.load_settings(crawler.settings)  # Crawler.crawl's first step of applying settings
    expected = build_scrapy_settings(load_config().settings)
    for key in ("USER_AGENT", "DOWNLOAD_DELAY", "RETRY_TIMES", "CONCURRENT_REQUESTS_PER_DOMAIN",
                *BASE_SETTINGS):
        assert crawler.settings.get(key) == expected[key], key
    assert crawler.settings.getdict("DOWNLOADER_MIDDLEWARES") == expected["DOWNLOADER_MIDDLEWARES"]
    assert crawler.settings.get(SETTINGS_KEY) == expected[SETTINGS_KEY]


def test_the_add_on_leaves_a_configured_crawl_alone() -> None:
    """``ktpwatch scan`` passes its own (sandbox-pointed) settings: the add-on must not reload them."""
    loaded = load_config().settings
    mine = loaded.model_copy(update={"crawl": loaded.crawl.model_copy(update={"user_agent": "mine/1"})})
    built = {**build_scrapy_settings(mine, browser=False), "ADDONS": {"crawler.settings.ConfiguredCrawl": 0}}
    crawler = Crawler(_spider("olx"), built)
    crawler.addons.load_settings(crawler.settings)
    assert crawler.settings.get(SETTINGS_KEY).crawl.user_agent == "mine/1"
    assert crawler.settings.get("USER_AGENT") == "mine/1"
    assert crawler.settings.getdict("DOWNLOAD_HANDLERS") == {}


def _spider(name: str) -> type:
    from scrapy.settings import Settings
    from scrapy.spiderloader import SpiderLoader

    return SpiderLoader.from_settings(Settings(BASE_SETTINGS)).load(name)


def test_scrapy_crawl_reads_a_marketplace_with_the_configured_settings(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    """``scrapy crawl olx`` in the repository: the add-on applies the configuration (addresses,
    politeness, host filter), the spider reads the shop, the feed export writes its listings."""
    addresses = httpx.get(sandbox.base_url + ADDRESSES_PATH, timeout=10).json()["marketplaces"]["olx"]
    config = tmp_path / "ktpwatch.toml"
    olx = "".join(f"{key} = {json.dumps(value)}\n" for key, value in addresses.items())  # JSON strings
    config.write_text("[crawl]\ndownload_delay = 0.0\nautothrottle = false\n"  # and lists are TOML
                      f"[marketplaces.olx]\n{olx}", encoding="utf-8")
    out = tmp_path / "olx.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "olx", "-a", "query=blanko ktp", "-a", "max_pages=1",
         "-O", str(out), "-s", "LOG_LEVEL=INFO"],
        capture_output=True, text=True, cwd=ROOT, timeout=180,
        env={**os.environ, "KTPWATCH_CONFIG": str(config)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    listings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert listings and {item["marketplace"] for item in listings} == {"olx"}
    assert "crawler.middlewares.ConfiguredHostsMiddleware" in result.stderr  # the host filter is on
