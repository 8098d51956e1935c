"""Run a crawl of some sources into the catalog: one Scrapy process, one spider per source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings

from crawler.crawl.prepare import prepare_runs
from crawler.crawl.render import render_settings
from crawler.sources import Source
from crawler.spiders.base import CatalogSpider
from crawler.store import CatalogStore

# Loopback servers answer in microseconds; politeness delays would only slow the demo down.
LOCAL_SETTINGS = {
    "CEUSCOUT_ALLOW_PRIVATE": True,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 1,
    "CEUSCOUT_BACKOFF_MAX_SECONDS": 5,
}


def crawl(
    sources: list[Source],
    db_path: Path,
    *,
    today: date | None = None,
    local: bool = False,
    overrides: dict | None = None,
) -> dict[str, int]:
    """Crawl ``sources`` into ``db_path``; returns the run id of each source. Blocks until done.

    ``local`` opts in to loopback addresses with no politeness delay (the demo web, tests).
    Raises ``BrowserMissing`` before any request when a source renders and Chromium is absent.
    """
    today = today or date.today()
    db_path = Path(db_path)
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("CEUSCOUT_TODAY", today.isoformat())
    settings.set("LOG_INSTALL_ROOT_HANDLER", True)
    for key, value in {**(LOCAL_SETTINGS if local else {}), **(overrides or {})}.items():
        settings.set(key, value)
    browser = render_settings(sources)  # checks Chromium before any request
    # One store (one SQLite connection) for the whole crawl, handed to every spider; the
    # pipeline and middlewares use their crawler's spider's store. All run on the reactor thread.
    with CatalogStore(db_path) as store:
        runs = prepare_runs(sources, store, today)
        process = AsyncCrawlerProcess(settings)
        for source in sources:
            spider = _crawler(settings, browser) if source.render else CatalogSpider
            process.crawl(spider, source=source, store=store, run_id=runs[source.slug])
        process.start()
    return runs


def _crawler(settings: Settings, browser: dict) -> Crawler:
    """A crawler with the browser handler: only sources that render get one, because each
    handler starts its own Playwright driver."""
    own = settings.copy()
    for key, value in browser.items():
        own.set(key, value)
    return Crawler(CatalogSpider, own)
