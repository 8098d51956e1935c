"""Serving the demo web and running real crawls of it, for the end-to-end tests."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from crawler.demo.run import free_port
from crawler.demo.server import DemoWeb
from crawler.sources import load_sources
from tests.support.browser import require_chromium
from tests.support.paths import ROOT

ROOT = ROOT
DATA = ROOT / "data"
TODAY = "2026-11-25"


def demo_sources():
    return [s for s in load_sources() if s.demo]


_PORT: list[int] = []


def demo_port() -> int:
    """One free port for the whole test session: URLs (and so stored rows) stay the same."""
    if not _PORT:
        _PORT.append(free_port([urlsplit(s.homepage).hostname for s in demo_sources()]))
    return _PORT[0]


@contextmanager
def serve_demo(sites_dir: Path | None = None):
    """The demo web on the session's port, shared by every demo host; yields the port."""
    sources = demo_sources()
    hosts = [urlsplit(s.homepage).hostname for s in sources]
    port = demo_port()
    sites_dir = sites_dir or (DATA / sources[0].demo_site).parent
    with DemoWeb(sites_dir, {s.slug: (h, port) for s, h in zip(sources, hosts, strict=True)}):
        yield port


def crawl_command(port: int, db: Path) -> list[str]:
    """`ceuscout crawl --demo`: every demo provider, brightpath-ce rendered in Chromium."""
    require_chromium()
    return [
        sys.executable,
        "-m",
        "crawler.cli.main",
        "crawl",
        "--demo",
        "--demo-port",
        str(port),
        "--db",
        str(db),
        "--today",
        TODAY,
    ]


def run_crawl(port: int, db: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(
        crawl_command(port, db),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result


def rows(db: Path, sql: str, *args) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def truth() -> dict[str, dict]:
    """Every demo course's true record, by course id, with the provider's truth file name."""
    out = {}
    for path in sorted((DATA / "demo" / "truth").glob("*.json")):
        data = json.loads(path.read_text())
        for course in data["courses"]:
            out[course["id"]] = {**course, "provider": data["provider"]}
    return out


def not_courses() -> dict[str, list[str]]:
    out = {}
    for path in sorted((DATA / "demo" / "truth").glob("*.json")):
        data = json.loads(path.read_text())
        out[data["provider"]] = data.get("not_courses", [])
    return out
