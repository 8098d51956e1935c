"""Discovery on dev sites unlike the demo web (WooCommerce, an old college table catalog, Moodle),
each crawled from an entry with only slug, name and homepage."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml

from crawler.demo.run import free_port
from crawler.demo.server import DemoWeb
from crawler.urls import course_id
from tests.support.demo import ROOT, TODAY, rows
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.slow
DEVWEB = FIXTURES / "devweb"
SITES = sorted(p.name for p in DEVWEB.iterdir() if (p / "_truth.json").is_file())


def _path(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def devweb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("devweb")
    db, sources = folder / "catalog.db", folder / "sources.yml"
    port = free_port(["127.0.0.1"])
    for slug in SITES:  # one host, so one site at a time
        with DemoWeb(DEVWEB, {slug: ("127.0.0.1", port)}):
            entry = {"slug": slug, "name": slug, "homepage": f"http://127.0.0.1:{port}/"}
            sources.write_text(yaml.safe_dump({"providers": [entry]}))
            command = [sys.executable, "-m", "crawler.cli.main", "crawl", "--allow-private"]
            command += ["--sources", str(sources), "--db", str(db), "--today", TODAY]
            result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
            assert result.returncode == 0, result.stderr[-4000:]
    return db


@pytest.mark.parametrize("slug", SITES)
def test_dev_site_courses_are_all_found(devweb, slug):
    truth = json.loads((DEVWEB / slug / "_truth.json").read_text())
    stored = rows(devweb, "select id from courses where provider = ?", slug)
    assert {r["id"] for r in stored} >= {course_id(slug, p) for p in truth["courses"]}


# Known gap in extraction (crawler/extract/pagetype.row_links drops the query string, so a
# table of `detail.asp?id=N` rows counts as one link and the catalog reads as a course).
ROW_LINKS_GAP = pytest.mark.xfail(strict=True, reason="pagetype.row_links ignores the query")


@pytest.mark.parametrize(
    "slug", [pytest.param(s, marks=ROW_LINKS_GAP) if s == "college-ce" else s for s in SITES]
)
def test_dev_site_stores_nothing_but_courses(devweb, slug):
    truth = json.loads((DEVWEB / slug / "_truth.json").read_text())
    stored = rows(devweb, "select id, url from courses where provider = ?", slug)
    assert {r["id"] for r in stored} == {course_id(slug, p) for p in truth["courses"]}
    assert not {_path(r["url"]) for r in stored} & set(truth["not_courses"])


@pytest.mark.parametrize("slug", SITES)
def test_dev_site_policy_and_contact_pages_are_found(devweb, slug):
    truth = json.loads((DEVWEB / slug / "_truth.json").read_text())
    (provider,) = rows(devweb, "select * from providers where slug = ?", slug)
    assert _path(provider["refund_policy_url"]) == truth["refund_policy_url"]
    assert _path(provider["contact_url"]) == truth["contact_url"]
