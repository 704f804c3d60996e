"""The case file opens in headless Chromium with no network and shows every screenshot.

Every request the page makes goes through one route: ``file:`` requests go on,
anything else is recorded and aborted, and the test fails if there was any.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from config.browser import HEADLESS_ARGS
from crawler.cli import app
from tests.case.builders import seed_default_database

pytestmark = pytest.mark.browser


def _open_offline(executable: str, page_url: str) -> tuple[list[str], list[dict[str, object]], bool]:
    """(non-file requests attempted, every <img>'s load state, whether the network SVG drew) for the page."""
    from playwright.sync_api import Route, sync_playwright

    attempted: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=list(HEADLESS_ARGS))
        try:
            context = browser.new_context(offline=True)
            context.route("**/*", only_files)
            page = context.new_page()
            page.goto(page_url, wait_until="load")
            images = page.evaluate("""() => Array.from(document.images).map(i => (
                {src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth}))""")
            drawn = page.evaluate("() => document.querySelectorAll('.network svg circle').length > 0")
        finally:
            browser.close()
    return attempted, images, drawn


def test_case_html_opens_offline_and_every_screenshot_loads(chromium: str, tmp_path: Path) -> None:
    seeded = seed_default_database()
    out = tmp_path / "case"
    result = CliRunner().invoke(app, ["case", "export", seeded.actor_id, "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    attempted, images, drawn = _open_offline(chromium, (out / "case.html").as_uri())
    assert attempted == []
    assert len(images) == 2
    assert all(img["complete"] and int(str(img["width"])) > 0 for img in images), images
    assert drawn
