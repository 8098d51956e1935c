"""A real crawl of the trap site from its homepage: the courses are found, the traps are not
followed, and the run records which guard stopped what."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from urllib.parse import urlsplit

import pytest
import yaml

from crawler.crawl.traps import repeated_segment
from tests.support.demo import ROOT, TODAY, rows
from tests.support.trapserver import COURSES, TrapServer

pytestmark = pytest.mark.slow


def _crawl(folder, **limits):
    db, sources = folder / "catalog.db", folder / "sources.yml"
    with TrapServer() as server:
        entry = {"slug": "trap-ce", "name": "Trap CE", "homepage": server.url("/"), **limits}
        sources.write_text(yaml.safe_dump({"providers": [entry]}))
        command = [sys.executable, "-m", "crawler.cli.main", "crawl", "--allow-private"]
        command += ["--sources", str(sources), "--db", str(db), "--today", TODAY]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
        return db, server.paths(), result


@pytest.fixture(scope="module")
def trapped(tmp_path_factory):
    db, paths, result = _crawl(tmp_path_factory.mktemp("traps"))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return db, paths, result


def _family(path: str) -> str:
    return urlsplit(path).path


def test_every_real_course_is_stored_and_nothing_else(trapped):
    db, _, _ = trapped
    stored = {urlsplit(r["url"]).path for r in rows(db, "select url from courses")}
    assert stored == {f"/courses/{ref}.html" for ref in COURSES}


def test_requests_stay_bounded_and_never_nest(trapped):
    _, paths, _ = trapped
    assert not [p for p in paths if repeated_segment(urlsplit(p).path)], paths
    per_family = Counter(_family(p) for p in paths)
    assert per_family["/events"] <= 5, per_family
    assert per_family["/list"] <= len({1, 2, 3}) + 4, per_family
    assert per_family["/catalog"] <= 12, per_family
    assert len(paths) <= 50, per_family


def test_the_run_records_each_guard_that_fired(trapped):
    db, _, _ = trapped
    guards = {r["guard"] for r in rows(db, "select guard from run_guards")}
    assert {"trap-url", "stale-family", "query-params"} <= guards, guards


def test_trap_guards_are_noted_but_the_run_is_trusted(trapped):
    db, _, result = trapped
    assert rows(db, "select status from crawl_runs")[0]["status"] == "finished"
    assert "note: query-params:" in result.stdout and "note: trap-url:" in result.stdout


def test_a_page_budget_that_cuts_the_crawl_short_degrades_the_run(tmp_path):
    db, paths, result = _crawl(tmp_path, max_pages=8)
    assert result.returncode == 1, result.stdout
    assert len(paths) <= 8 + 2  # robots.txt and the sitemap probe are not pages
    run = rows(db, "select status from crawl_runs")[0]
    assert run["status"] == "degraded"
    assert "degraded: page-budget: page budget of 8 pages reached" in result.stdout
