"""JavaScript catalogs: a `render:` source has its listing pages rendered in headless Chromium.

The demo provider brightpath-ce builds its course links with a script from /api/courses.json, so
the same entry without `render` finds none of its courses: the browser does the work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crawler.crawl.render import HANDLER, render_settings
from crawler.demo.generate import brightpath_ce
from tests.support.browser import require_chromium
from tests.support.demo import TODAY, demo_sources, rows, serve_demo, truth
from tests.support.paths import ROOT

SLUG = "brightpath-ce"


def _sources_file(tmp_path, port: int, **render) -> str:
    source = next(s for s in demo_sources() if s.slug == SLUG).with_port(port)
    lines = [
        "providers:",
        f"  - slug: {source.slug}",
        f"    name: {source.name}",
        f"    homepage: {source.homepage}",
        f"    start_urls: [{source.start_urls[0]}]",
        f"    listing: {json.dumps(list(source.listing))}",
        f"    detail: {json.dumps(list(source.detail))}",
        *(f"    {key}: {json.dumps(value)}" for key, value in render.items()),
    ]
    path = tmp_path / "sources.yml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _crawl(tmp_path, port: int, env: dict | None = None, **render):
    db = tmp_path / "catalog.db"
    command = [
        *(sys.executable, "-m", "crawler.cli.main", "crawl", "--allow-private"),
        *("--sources", _sources_file(tmp_path, port, **render), "--db", str(db), "--today", TODAY),
        *("--log-level", "INFO"),
    ]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    stored = {r["id"] for r in rows(db, "select id from courses")} if db.exists() else set()
    return result, stored


def _expected() -> set[str]:
    return {c for c, t in truth().items() if t["provider"] == SLUG}


def test_an_ordinary_crawl_installs_no_browser():
    plain = [s for s in demo_sources() if not s.render]
    assert plain and render_settings(plain) == {}
    rendering = [s for s in demo_sources() if s.render]
    require_chromium()
    settings = render_settings(rendering)
    assert settings["DOWNLOAD_HANDLERS"]["http"] == HANDLER
    assert settings["PLAYWRIGHT_LAUNCH_OPTIONS"]["headless"] is True


@pytest.mark.slow
def test_without_render_the_javascript_catalog_yields_no_course(tmp_path):
    with serve_demo() as port:
        result, stored = _crawl(tmp_path, port)
    # Nothing found is a run that went wrong, and the crawl says so.
    assert result.returncode == 1, result.stderr[-3000:]
    assert "degraded: 0 courses found" in result.stdout
    assert stored == set()
    assert "scrapy-playwright" not in result.stderr, "a crawl without render started Playwright"


@pytest.mark.slow
def test_rendering_finds_every_course_of_the_javascript_catalog(tmp_path):
    require_chromium()
    with serve_demo() as port:
        result, stored = _crawl(tmp_path, port, render=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert stored == _expected()
    assert result.stderr.count("Launching browser chromium") == 1
    [run] = rows(tmp_path / "catalog.db", "select status from crawl_runs")
    assert run["status"] == "finished"


@pytest.mark.slow
def test_a_render_crawl_stops_rendering_at_its_budget(tmp_path):
    require_chromium()
    with serve_demo() as port:
        result, stored = _crawl(tmp_path, port, render=True, render_budget=1)
    assert result.returncode == 0, result.stderr[-3000:]
    # One rendered page is the first listing page: its courses, not the second page's.
    assert stored < _expected()
    assert len(stored) == brightpath_ce.PER_PAGE
    assert "render budget of 1 pages spent" in result.stderr + result.stdout


@pytest.mark.slow
def test_a_missing_browser_stops_the_render_crawl_naming_it(tmp_path):
    with serve_demo() as port:
        result, stored = _crawl(
            tmp_path, port, env={"CEUSCOUT_CHROMIUM": "/nonexistent/chromium"}, render=True
        )
    assert result.returncode != 0
    assert "Chromium was not found at /nonexistent/chromium" in result.stderr
    assert SLUG in result.stderr
    assert stored == set()


@pytest.mark.slow
def test_scrapy_crawl_catalog_renders_a_render_source_too(tmp_path):
    require_chromium()
    db = tmp_path / "catalog.db"
    with serve_demo() as port:
        command = [sys.executable, "-m", "scrapy", "crawl", "catalog", "-a", f"source={SLUG}"]
        settings = {
            "CEUSCOUT_DB": db,
            "CEUSCOUT_SOURCES": _sources_file(tmp_path, port, render=True),
            "CEUSCOUT_TODAY": TODAY,
            "CEUSCOUT_ALLOW_PRIVATE": 1,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": 0,
        }
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {r["id"] for r in rows(db, "select id from courses")} == _expected()
