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


@pytest.fixture(scope="module")
def trapped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("traps")
    db, sources = folder / "catalog.db", folder / "sources.yml"
    with TrapServer() as server:
        entry = {"slug": "trap-ce", "name": "Trap CE", "homepage": server.url("/")}
        sources.write_text(yaml.safe_dump({"providers": [entry]}))
        command = [sys.executable, "-m", "crawler.cli.main", "crawl", "--allow-private"]
        command += ["--sources", str(sources), "--db", str(db), "--today", TODAY]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-4000:]
        return db, server.paths()


def _family(path: str) -> str:
    return urlsplit(path).path


def test_every_real_course_is_stored_and_nothing_else(trapped):
    db, _ = trapped
    stored = {urlsplit(r["url"]).path for r in rows(db, "select url from courses")}
    assert stored == {f"/courses/{ref}.html" for ref in COURSES}


def test_requests_stay_bounded_and_never_nest(trapped):
    _, paths = trapped
    assert not [p for p in paths if repeated_segment(urlsplit(p).path)], paths
    per_family = Counter(_family(p) for p in paths)
    assert per_family["/events"] <= 5, per_family
    assert per_family["/list"] <= len({1, 2, 3}) + 4, per_family
    assert per_family["/catalog"] <= 12, per_family
    assert len(paths) <= 50, per_family


def test_the_run_records_each_guard_that_fired(trapped):
    db, _ = trapped
    guards = {r["guard"] for r in rows(db, "select guard from run_guards")}
    assert {"trap-url", "stale-family", "query-params"} <= guards, guards
