"""Regenerate the catalog screenshots in docs/ from the offline demo.

    .venv/bin/python -m tests.browser.screenshots

Builds the demo catalog in a temporary folder (`ceuscout demo --no-serve`), serves it with
`ceuscout serve` on a free loopback port and photographs a filtered search at 1280 px and a
course page at 390 px with Debian's Chromium (never a downloaded browser).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.browser.test_publish_browser import CHROMIUM, CHROMIUM_ARGS, free_port
from tests.support.paths import ROOT

DOCS = ROOT / "docs"
SERVE = (sys.executable, "-m", "crawler.cli.main", "serve")
RESULTS = "/catalog/catalog?_search=phlebotomy&aama_approved=yes"


def _serve(snapshot: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [*SERVE, "--db", str(snapshot), "--port", str(port)],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("ceuscout serve did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "catalog.db"
        subprocess.run(
            [sys.executable, "-m", "crawler.cli.main", "demo", "--no-serve", "--db", str(db)],
            cwd=ROOT,
            check=True,
        )
        port = free_port()
        server = _serve(Path(folder) / "catalog-public.db", port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                wide = browser.new_page(viewport={"width": 1280, "height": 1000})
                wide.goto(base + RESULTS)
                DOCS.mkdir(exist_ok=True)
                wide.screenshot(path=str(DOCS / "catalog-results.png"))
                course = wide.locator("li.card h2 a").first.get_attribute("href")
                phone = browser.new_page(viewport={"width": 390, "height": 844})
                phone.goto(base + course)
                phone.screenshot(path=str(DOCS / "catalog-course.png"), full_page=False)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"wrote {DOCS / 'catalog-results.png'} and {DOCS / 'catalog-course.png'}")


if __name__ == "__main__":
    main()
