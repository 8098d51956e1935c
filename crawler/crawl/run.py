"""Run a crawl of some sources into the catalog: one Scrapy process, one spider per source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

from crawler.crawl.runtime import close_stores, store_for
from crawler.sources import Source
from crawler.spiders.base import CatalogSpider
from crawler.urls import canonicalize

# Loopback servers answer in microseconds; politeness delays would only slow the demo down.
LOCAL_SETTINGS = {
    "CEUSCOUT_ALLOW_PRIVATE": True,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 1,
    "CEUSCOUT_BACKOFF_MAX_SECONDS": 5,
}


def prepare_runs(sources: list[Source], db_path: Path, today: date) -> dict[str, int]:
    """Register providers, open (or resume) a run per source and seed its frontier."""
    store = store_for(db_path)
    runs = {}
    for source in sources:
        store.upsert_provider(
            source.slug,
            name=source.name,
            homepage=source.homepage,
            demo=int(source.demo),
            aama_approved_provider=int(source.aama_approved_provider),
            contact_url=source.contact_page,
        )
        run_id = store.begin_run(source.slug, today=today)
        store.seed(run_id, source.slug, [(canonicalize(url), kind) for url, kind in source.seeds()])
        runs[source.slug] = run_id
    return runs


def summary_table(db_path: Path, runs: dict[str, int]) -> str:
    """One line per provider: how its run ended and what it found."""
    store = store_for(db_path)
    lines = [
        "",
        f"{'provider':<24}{'status':<13}{'pages':>6}{'courses':>8}{'new':>5}{'changed':>8}"
        f"{'errors':>7}",
    ]
    for slug, run_id in runs.items():
        s = store.run_summary(run_id)
        lines.append(
            f"{slug:<24}{s['status']:<13}{s['pages']:>6}{s['courses']:>8}{s['new_courses']:>5}"
            f"{s['changed_courses']:>8}{s['errors']:>7}"
        )
    close_stores()
    return "\n".join(lines)


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
    """
    today = today or date.today()
    db_path = Path(db_path)
    runs = prepare_runs(sources, db_path, today)
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("CEUSCOUT_DB", str(db_path))
    settings.set("CEUSCOUT_TODAY", today.isoformat())
    for key, value in {**(LOCAL_SETTINGS if local else {}), **(overrides or {})}.items():
        settings.set(key, value)
    process = AsyncCrawlerProcess(settings, install_root_handler=True)
    for source in sources:
        cls = type(
            f"CatalogSpider_{source.slug.replace('-', '_')}",
            (CatalogSpider,),
            {"name": source.slug, "custom_settings": {"CEUSCOUT_RUN_ID": runs[source.slug]}},
        )
        process.crawl(cls, source=source)
    process.start()
    close_stores()
    return runs
