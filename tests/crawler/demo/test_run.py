"""The README's main job: `ceuscout demo` crawls the demo web, scores it and serves the catalog."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from crawler.demo.run import free_port
from tests.support.browser import require_chromium
from tests.support.demo import ROOT, truth

pytestmark = pytest.mark.slow


def test_demo_serves_the_scored_catalog_at_the_printed_url(tmp_path):
    require_chromium()  # brightpath-ce's catalog exists only after JavaScript runs
    port = free_port(["127.0.0.1"])
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler.cli.main",
            "demo",
            "--db",
            str(tmp_path / "demo.db"),
            "--catalog-port",
            str(port),
            "--today",
            "2026-11-25",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    output = []
    try:
        url = None
        deadline = time.monotonic() + 300
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            output.append(line)
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            url = match.group(1) if match and "catalog" in line else None
        assert url == f"http://127.0.0.1:{port}/", "".join(output)[-3000:]
        home = _get(url, deadline)
        assert "CEU Scout" in home
        data = json.loads(_get(url + "catalog/catalog.json?_shape=objects&_size=1000", deadline))
        in_catalog = [t for t in truth().values() if t["expect_in_catalog"]]
        assert len(data["rows"]) == len(in_catalog)
        rendered = {c["id"] for c in in_catalog if c["provider"] == "brightpath-ce"}
        assert rendered and rendered <= {row["id"] for row in data["rows"]}
        assert all(row["score"] is not None for row in data["rows"])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    text = "".join(output)
    assert "scored" in text and "published snapshot" in text
    assert re.search(r"^quickceu-hub\s+finished", text, re.M), text
    assert re.search(r"^brightpath-ce\s+finished\s+\d+\s+14\b", text, re.M), text


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_demo_no_serve_exits_after_publishing(tmp_path):
    require_chromium()
    db = tmp_path / "demo.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.cli.main",
            "demo",
            "--no-serve",
            "--db",
            str(db),
            "--today",
            "2026-11-25",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "published snapshot" in done.stdout
    assert "Ctrl-C" not in done.stdout
    assert (tmp_path / "demo-public.db").stat().st_size > 0
