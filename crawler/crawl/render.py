"""Rendering JavaScript catalogs: scrapy-playwright driving Debian's headless Chromium.

Only a crawl whose sources include one with ``render`` gets the Playwright download handler, so
ordinary crawls start no browser. Requests without ``meta["playwright"]`` still go through
Scrapy's plain HTTP handler (scrapy-playwright falls back to it), robots.txt included.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from crawler.sources import Source

CHROMIUM_ENV = "CEUSCOUT_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BrowserMissing(RuntimeError):
    """A source needs rendering and the browser is not installed."""


def chromium_path() -> Path | None:
    """Debian's Chromium (or ``$CEUSCOUT_CHROMIUM``) when it is an executable file, else None."""
    wanted = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    found = shutil.which(wanted)
    return Path(found) if found else None


def render_settings(sources: list[Source], navigation_timeout_s: float = 30) -> dict:
    """Settings that install the browser handler, or {} when no source renders.

    Raises BrowserMissing naming the browser and the sources that need it.
    """
    rendering = [s.slug for s in sources if s.render]
    if not rendering:
        return {}
    browser = chromium_path()
    if browser is None:
        wanted = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
        raise BrowserMissing(
            f"source(s) {', '.join(rendering)} need a browser (render: in data/sources.yml) but "
            f"Chromium was not found at {wanted}; install Debian's chromium "
            f"(apt-get install chromium) or set {CHROMIUM_ENV} to its path"
        )
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": str(browser),
            "headless": True,
            "args": CHROMIUM_ARGS,
        },
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": navigation_timeout_s * 1000,
        # A rendered page costs a browser tab; a few at a time keep memory bounded.
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
        # Images, fonts and media never carry course links.
        "PLAYWRIGHT_ABORT_REQUEST": _skip_media,
    }


def _skip_media(request) -> bool:
    return request.resource_type in ("image", "media", "font")
