"""Find a Chromium to drive: the configured executable, else Debian's, else Playwright's own.

``playwright install`` cannot download on locked-down machines, so ktpwatch
never assumes Playwright's bundled browser exists.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

#: Flags that let headless Chromium start as root in a container with no network.
HEADLESS_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class BrowserNotFound(Exception):
    """No usable Chromium: the message says how to install one."""


def _playwright_own() -> str | None:
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))
    for candidate in sorted(root.glob("chromium*/chrome-linux*/chrome"), reverse=True):
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def find_browser(configured: str = "") -> str | None:
    """Path of the Chromium executable to use, or None when there is none."""
    if configured:
        path = shutil.which(configured) or configured
        return path if os.access(path, os.X_OK) else None
    for candidate in SYSTEM_CHROMIUM:
        if os.access(candidate, os.X_OK):
            return candidate
    return _playwright_own()


def require_browser(configured: str = "") -> str:
    path = find_browser(configured)
    if path is None:
        where = f"configured browser {configured!r} is not executable" if configured else (
            "no Chromium found (/usr/bin/chromium or Playwright's own)"
        )
        raise BrowserNotFound(f"{where}; install one with: apt-get install -y chromium")
    return path
