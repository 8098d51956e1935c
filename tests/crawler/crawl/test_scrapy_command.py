"""`scrapy crawl catalog -a source=<slug>` from the project root crawls one source like `ceuscout
crawl` does: the spider opens its own store and run when Scrapy's command line starts it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.demo import TODAY, demo_sources, rows, serve_demo, truth
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow


def test_scrapy_crawl_catalog_stores_one_sources_courses(tmp_path):
    db = tmp_path / "catalog.db"
    with serve_demo() as port:
        source = next(s for s in demo_sources() if s.slug == "carepoint-learning")
        sources = tmp_path / "sources.yml"
        moved = source.with_port(port)
        sources.write_text(
            "providers:\n"
            f"  - slug: {moved.slug}\n"
            f"    name: {moved.name}\n"
            f"    homepage: {moved.homepage}\n"
            f"    start_urls: [{moved.start_urls[0]}]\n"
            f"    listing: {json.dumps(list(moved.listing))}\n"
            f"    detail: {json.dumps(list(moved.detail))}\n"
        )
        settings = {
            "CEUSCOUT_DB": db,
            "CEUSCOUT_SOURCES": sources,
            "CEUSCOUT_TODAY": TODAY,
            "CEUSCOUT_ALLOW_PRIVATE": 1,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": 0,
        }
        command = [sys.executable, "-m", "scrapy", "crawl", "catalog", "-a", f"source={moved.slug}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    stored = {r["id"] for r in rows(db, "select id from courses where provider = ?", moved.slug)}
    expected = {c for c, t in truth().items() if t["provider"] == moved.slug}
    assert stored == expected
    [run] = rows(db, "select status from crawl_runs where source = ?", moved.slug)
    assert run["status"] == "finished"
