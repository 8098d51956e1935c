"""Discovery from a homepage: entries with only slug, name and homepage crawl a whole site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from crawler.urls import course_id
from tests.support.demo import ROOT, TODAY, demo_sources, not_courses, rows, serve_demo, truth

pytestmark = pytest.mark.slow


def minimal_sources(path: Path, port: int) -> Path:
    # Only what a person knows without reading a site's markup; `render: true` stays, since a
    # catalog built by JavaScript is invisible to plain HTTP and the entry must say so.
    entries = [
        {"slug": s.slug, "name": s.name, "homepage": s.with_port(port).homepage}
        | ({"render": True} if s.render else {})
        for s in demo_sources()
    ]
    path.write_text(yaml.safe_dump({"demo_providers": entries}))
    return path


def crawl_minimal(sources: Path, db: Path, port: int) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "crawler.cli.main", "crawl", "--demo", "--sources"]
    command += [str(sources), "--db", str(db), "--today", TODAY, "--demo-port", str(port)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


@pytest.fixture(scope="module")
def discovered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("discovery")
    db = folder / "catalog.db"
    with serve_demo() as port:
        crawl_minimal(minimal_sources(folder / "sources.yml", port), db, port)
    return db


def test_minimal_entries_find_exactly_the_demo_courses(discovered):
    stored = {r["id"] for r in rows(discovered, "select id from courses")}
    # Ids come from the URL; the demo entries' course_ref rules are identity, not discovery,
    # so the minimal entries' ids are the default ref of each true course URL.
    expected = {
        course_id(t["provider"], t["path"]) for t in truth().values() if t["expect_in_catalog"]
    }
    assert stored == expected, (sorted(expected - stored)[:5], sorted(stored - expected)[:5])


def test_minimal_entries_store_no_non_course(discovered):
    stored = {urlsplit(r["url"]).path for r in rows(discovered, "select url from courses")}
    for provider, paths in not_courses().items():
        assert not (set(paths) & stored), provider


def test_discovered_policy_pages_give_the_provider_refund_policy(discovered):
    providers = {p["slug"]: p for p in rows(discovered, "select * from providers")}
    for path in sorted((ROOT / "data" / "demo" / "truth").glob("*.json")):
        data = json.loads(path.read_text())
        got = providers[data["provider"]]["refund_policy_url"]
        assert (urlsplit(got).path if got else None) == data["provider_facts"][
            "refund_policy_url"
        ], data["provider"]
