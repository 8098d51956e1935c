"""A person uses the published catalog in headless Chromium, against a real `ceuscout serve`.

Run on their own: `pytest -m browser tests/browser` (Playwright's sync API runs its own event
loop, which must not share a process with asyncio tests).
"""

from __future__ import annotations

import csv
import io
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from crawler.publish.snapshot import publish
from tests.support.browser import require_chromium
from tests.support.paths import ROOT
from tests.support.publish import XSS_DESCRIPTION, XSS_INSTRUCTOR, XSS_TITLE, build_source_db

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    build_source_db(folder / "live.db")
    snapshot = folder / "public" / "catalog.db"
    publish(folder / "live.db", snapshot)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler.cli.main",
            "serve",
            "--db",
            str(snapshot),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode(errors="replace")
                    pytest.fail(f"ceuscout serve did not start:\n{output}")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    require_chromium()  # a skip without it, a failure on CI (CEUSCOUT_REQUIRE_BROWSER=1)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def distinct_colours(page, png: bytes) -> int:
    """Distinct pixel colours in a PNG, counted by the browser's own canvas (no Pillow)."""
    import base64

    data_url = "data:image/png;base64," + base64.b64encode(png).decode()
    return page.evaluate(
        """async (src) => {
            const img = new Image();
            img.src = src;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
            const seen = new Set();
            for (let i = 0; i < pixels.length; i += 4 * 7) {
                seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
            }
            return seen.size;
        }""",
        data_url,
    )


def save_screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    png = page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000, f"{name} screenshot is suspiciously small"
    blank = page.context.new_page()
    try:
        assert distinct_colours(blank, png) > 20, f"{name} screenshot is blank"
    finally:
        blank.close()
    return path


def shown_ids(page) -> list[str]:
    return sorted(page.locator("ol.cards li.card").evaluate_all("cs => cs.map(c => c.dataset.id)"))


SNAKE_CASE = re.compile(r"(?<![\w/.:@~-])[a-z]+(?:_[a-z]+)+(?![\w/.~-])")


def visible_words(page) -> str:
    """The page's visible text, minus crawled evidence and course texts (quoted as found)."""
    return page.evaluate(
        """() => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('.evidence, .course-text, blockquote, script, style')
                .forEach(e => e.remove());
            document.body.appendChild(copy);
            copy.style.position = 'absolute';
            const text = copy.innerText;
            copy.remove();
            return text;
        }"""
    )


def assert_fits(page, label: str) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{label}: page is {width}px wide in a {inner}px viewport"
    found = SNAKE_CASE.findall(visible_words(page))
    assert not found, f"{label}: column names shown as snake_case: {sorted(set(found))}"


@pytest.mark.parametrize("width", [1280, 390])
def test_search_filter_open_course_and_download_csv(browser, base_url, width):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": width, "height": 900 if width > 500 else 844}
    )
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    phone = width < 500

    page.goto(base_url + "/")
    assert page.get_by_role("heading", name="How the score works").is_visible()
    save_screenshot(page, f"home-{width}")

    page.goto(base_url + "/catalog/catalog")
    page.get_by_label("Search courses").fill("phlebotomy")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"_search=phlebotomy"))
    assert len(shown_ids(page)) == 6
    assert page.locator("h1").inner_text() == "6 courses matching “phlebotomy”"
    assert page.title() == "6 courses matching “phlebotomy” · CEU Scout"
    assert_fits(page, f"search at {width}px")
    if phone:  # results first: the filters wait behind a button
        assert not page.locator("#facet-cost_class").is_visible()
        assert page.locator("li.card").first.is_visible()
        page.get_by_role("button", name=re.compile("^Filters")).click()

    page.locator("#facet-cost_class").get_by_role(
        "checkbox", name=re.compile(r"^Free [0-9]")
    ).click()
    page.wait_for_url(re.compile(r"cost_class=free"))
    if phone:
        page.get_by_role("button", name=re.compile("^Filters")).click()
    page.locator("#facet-aama_approved").get_by_role(
        "checkbox", name=re.compile(r"^AAMA approved [0-9]")
    ).click()
    page.wait_for_url(re.compile(r"aama_approved=yes"))
    filtered = shown_ids(page)
    assert filtered == ["medce:old", "medce:phleb-101", "medce:xss"]
    assert "medce:phleb-cert" not in filtered  # its certificate costs money
    chips = page.locator("ul.chips a.chip").all_inner_texts()
    assert [c.replace("✕", "").strip() for c in chips] == [
        "Search: “phlebotomy”",
        "Cost: Free",
        "AAMA approved",
    ]
    card = page.locator("li.card[data-id='medce:phleb-101']")
    assert card.locator(".price").inner_text() == "Free"
    assert card.locator(".credits").inner_text() == "1 contact hour · AAMA CEU · clinical"
    assert card.locator(".badge").all_inner_texts() == ["Free", "AAMA approved"]
    assert card.locator(".score").inner_text().startswith("Score ")
    assert_fits(page, f"filtered results at {width}px")
    save_screenshot(page, f"results-{width}")
    filtered_url = page.url

    card.get_by_role("link", name="Phlebotomy Safety Essentials").click()
    page.wait_for_url(re.compile(r"/catalog/catalog/medce"))
    assert page.locator("h1.course-title").inner_text() == "Phlebotomy Safety Essentials"
    assert page.locator(".check-status").count() == 10
    assert page.get_by_text("Evidence for refund_policy: stated on the course page.").is_visible()
    assert page.get_by_text(
        "This course is approved by the AAMA for 1.0 clinical CEU."
    ).is_visible()
    assert re.search(r"\d+ of \d+ checkable points", page.locator("p.points").inner_text())
    assert page.locator(".aama-meaning").is_visible()
    provider_link = page.get_by_role("link", name="Open the provider's course page")
    assert provider_link.get_attribute("href") == "https://medce.example/courses/phleb-101"
    assert_fits(page, f"course page at {width}px")
    save_screenshot(page, f"course-page-{width}")

    page.goto(filtered_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV shortlist").click()
    download = download_info.value
    assert re.fullmatch(
        r"ceuscout-phlebotomy-free-aama-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename
    )
    text = Path(download.path()).read_text(encoding="utf-8")
    exported = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["Course id"] for row in exported) == filtered
    xss_row = next(row for row in exported if row["Course id"] == "medce:xss")
    assert xss_row["Title"] == XSS_TITLE
    assert dialogs == []
    context.close()


def test_table_view_keeps_datasette_table_and_filters(page, base_url):
    page.goto(base_url + "/catalog/catalog?cost_class=free&aama_approved=yes")
    page.get_by_role("link", name="Table view").click()
    page.wait_for_url(re.compile(r"_view=table"))
    ids = sorted(page.locator("table.rows-and-columns tbody td.col-id").all_inner_texts())
    assert ids == ["medce:billing", "medce:old", "medce:phleb-101", "medce:xss"] or len(ids) >= 3
    page.get_by_role("link", name="Back to course cards").click()
    assert page.locator("li.card").count() == len(ids)


@pytest.mark.parametrize(
    ("path", "shown_as_text"),
    [
        ("/", None),
        ("/catalog/catalog?_search=XSS", XSS_TITLE),
        ("/catalog/catalog?_search=XSS&_view=table", XSS_TITLE),
        ("/catalog/catalog?cost_class=free&_search=XSS", XSS_TITLE),
        ("/catalog/catalog/medce~3Axss", XSS_TITLE),
        ("/catalog/free_aama_approved?category=clinical", XSS_TITLE),
        ("/catalog/score_evidence?course_id=medce%3Axss", "javascript:alert('evidence')"),
    ],
)
def test_xss_payloads_are_shown_as_text_and_never_run(page, base_url, path, shown_as_text):
    page.add_init_script("window.__xss = []; window.alert = (m) => window.__xss.push(String(m));")
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    assert page.dialogs == []
    assert page.evaluate("window.__xss") == []
    assert page.locator("a[href^='javascript:']").count() == 0
    assert (
        page.evaluate(
            "[...document.querySelectorAll('img')].filter(i => i.getAttribute('onerror')).length"
        )
        == 0
    )
    if shown_as_text:
        assert page.get_by_text(shown_as_text).first.is_visible()
    if path.endswith("medce~3Axss"):
        assert XSS_DESCRIPTION in page.locator("div.description").inner_text()
        assert XSS_INSTRUCTOR in page.locator("p.instructors").inner_text()
        assert page.get_by_text("javascript:alert('url')").first.is_visible()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path", ["/catalog/free_aama_approved?category=clinical", "/catalog/best_value?min_score=0"]
)
def test_saved_searches_show_courses_in_words_not_sql(browser, base_url, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + path)
    text = page.locator("body").inner_text()
    assert "select " not in text.lower() and "Run SQL" not in text and "Format SQL" not in text
    assert page.get_by_role("link", name="Download CSV shortlist").is_visible()
    assert_fits(page, f"{path} at {width}px")
    context.close()
