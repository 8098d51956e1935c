"""Politeness and safety over real HTTP on loopback: robots.txt (RFC 9309), Crawl-delay,
Retry-After, and refusing private addresses unless opted in."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.crawl.backoff import retry_after_seconds
from crawler.demo.run import free_port
from tests.support.demo import ROOT, rows

pytestmark = pytest.mark.slow

COURSE = """<html><head><title>{title}</title></head>
<body><h1>{title}</h1>
<h2>Learning Objectives</h2>
<ul><li>Describe the order of draw.</li><li>Identify tube additives.</li></ul>
<h2>Contact Hours</h2><p>1.0 contact hour</p><p>Price: $15.00</p></body></html>"""


class Site:
    """A tiny programmable site: path -> list of (status, headers, body) answered in turn."""

    def __init__(self, host: str, port: int, routes: dict):
        self.routes = {k: list(v) for k, v in routes.items()}
        self.log: list[tuple[float, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.log.append((time.monotonic(), self.path))
                answers = site.routes.get(self.path) or [(404, {}, "not found")]
                status, headers, body = answers[0] if len(answers) == 1 else answers.pop(0)
                if status == 0:  # a broken server: drop the connection without answering
                    self.close_connection = True
                    return
                data = body.encode()
                self.send_response(status)
                for key, value in {"Content-Type": "text/html", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paths(self) -> list[str]:
        return [p for _, p in self.log]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def ok(body: str, **headers):
    return [(200, headers, body)]


def listing(*links: str) -> list:
    return ok("<html><body>" + "".join(f'<a href="{u}">{u}</a>' for u in links) + "</body></html>")


def _sources_file(tmp_path, entries: list[tuple[str, str, int]]) -> str:
    text = "providers:\n"
    for slug, host, port in entries:
        text += (
            f"  - slug: {slug}\n    name: {slug}\n    homepage: http://{host}:{port}/\n"
            f"    start_urls: ['http://{host}:{port}/courses']\n"
            f"    listing: ['/courses$']\n    detail: ['/course/']\n"
        )
    path = tmp_path / "sources.yml"
    path.write_text(text)
    return str(path)


def _crawl(tmp_path, sources: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.cli.main",
            "crawl",
            "--sources",
            sources,
            "--db",
            str(tmp_path / "c.db"),
            "--today",
            "2026-11-25",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def test_robots_rules_5xx_crawl_delay_and_retry_after(tmp_path):
    hosts = ["127.0.0.21", "127.0.0.22", "127.0.0.23"]
    port = free_port(hosts)
    broken = Site(
        hosts[0],
        port,
        {
            "/robots.txt": [(503, {}, "busy")],
            "/courses": listing("/course/a"),
        },
    )
    delayed = Site(
        hosts[1],
        port,
        {
            "/robots.txt": ok("User-agent: *\nCrawl-delay: 1\nDisallow: /course/private\n"),
            "/courses": listing("/course/one", "/course/two", "/course/private"),
            "/course/one": ok(COURSE.format(title="Order of Draw")),
            "/course/two": ok(COURSE.format(title="Capillary Puncture")),
            "/course/private": ok(COURSE.format(title="Members Only")),
        },
    )
    throttled = Site(
        hosts[2],
        port,
        {
            "/robots.txt": [(404, {}, "none")],
            "/courses": listing("/course/busy"),
            "/course/busy": [
                (429, {"Retry-After": "1"}, "slow down"),
                (200, {}, COURSE.format(title="Busy")),
            ],
        },
    )
    try:
        sources = _sources_file(
            tmp_path,
            [
                ("broken", hosts[0], port),
                ("delayed", hosts[1], port),
                ("throttled", hosts[2], port),
            ],
        )
        result = _crawl(tmp_path, sources, "--allow-private")
    finally:
        for site in (broken, delayed, throttled):
            site.close()

    assert result.returncode == 1, result.stderr[-3000:]
    assert "degraded: every request failed" in result.stdout, result.stdout
    assert set(broken.paths()) == {"/robots.txt"}, "a 5xx robots.txt means disallow all"
    errors = rows(tmp_path / "c.db", "select url, error from crawl_errors")
    assert any(
        hosts[0] in e["url"] and "robots.txt answered HTTP 503" in e["error"] for e in errors
    ), errors
    assert "/course/private" not in delayed.paths()
    fetched = [t for t, p in delayed.log if p != "/robots.txt"]
    gaps = [b - a for a, b in itertools.pairwise(fetched)]
    assert len(fetched) == 3 and min(gaps) >= 0.9, f"Crawl-delay 1 not honoured: {gaps}"
    busy = [t for t, p in throttled.log if p == "/course/busy"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 0.9, "Retry-After 1 not honoured"
    titles = {r["title"] for r in rows(tmp_path / "c.db", "select title from courses")}
    assert titles == {"Order of Draw", "Capillary Puncture", "Busy"}


def _many_starts(tmp_path, base: str, paths: list[str]) -> str:
    starts = ", ".join(f"'{base}{p}'" for p in paths)
    path = tmp_path / "sources.yml"
    path.write_text(
        f"providers:\n  - slug: many\n    name: Many\n    homepage: {base}/\n"
        f"    start_urls: [{starts}]\n    listing: ['/courses']\n    detail: ['/course/']\n"
    )
    return str(path)


def test_robots_rules_hold_for_every_request_waiting_on_robots_txt(tmp_path):
    """Stock Scrapy (asyncio reactor) lets all but the first concurrent waiter through."""
    port = free_port(["127.0.0.26"])
    private = [f"/course/private-{n}" for n in range(6)]
    site = Site(
        "127.0.0.26",
        port,
        {
            "/robots.txt": ok("User-agent: *\nDisallow: /course/private\n"),
            "/course/open": ok(COURSE.format(title="Open Course")),
            **{p: ok(COURSE.format(title="Private")) for p in private},
        },
    )
    try:
        sources = _many_starts(tmp_path, f"http://127.0.0.26:{port}", [*private, "/course/open"])
        result = _crawl(tmp_path, sources, "--allow-private")
    finally:
        site.close()
    # The start pages are listings, so the run finds no course and says so.
    assert result.returncode == 1 and "degraded: 0 courses found" in result.stdout
    assert "6 skipped" in result.stderr, "refused by robots.txt is a skip, not a failure"
    assert set(site.paths()) == {"/robots.txt", "/course/open"}, site.paths()


def test_unreachable_robots_txt_closes_the_host(tmp_path):
    port = free_port(["127.0.0.25"])
    site = Site(
        "127.0.0.25",
        port,
        {
            "/robots.txt": [(0, {}, "")],
            "/courses": listing("/course/x"),
            "/course/x": ok(COURSE.format(title="Never Fetched")),
        },
    )
    # Several start pages wait on the same robots.txt at once.
    sources = _many_starts(
        tmp_path,
        f"http://127.0.0.25:{port}",
        ["/courses?page=1", "/courses?page=2", "/courses?page=3"],
    )
    try:
        result = _crawl(tmp_path, sources, "--allow-private")
    finally:
        site.close()
    assert result.returncode == 1 and "degraded: every request failed" in result.stdout
    assert set(site.paths()) == {"/robots.txt"}, "an unreachable robots.txt means disallow all"
    errors = [e["error"] for e in rows(tmp_path / "c.db", "select error from crawl_errors")]
    assert errors and all("robots.txt could not be fetched" in e for e in errors), errors


def test_a_cached_robots_txt_stands_in_when_the_host_cannot_serve_it(tmp_path):
    port = free_port(["127.0.0.27"])
    site = Site(
        "127.0.0.27",
        port,
        {
            "/robots.txt": [(200, {}, "User-agent: *\nDisallow: /course/private\n"), (0, {}, "")],
            "/course/open": ok(COURSE.format(title="Open Course")),
            "/course/private": ok(COURSE.format(title="Private")),
        },
    )
    sources = _many_starts(
        tmp_path, f"http://127.0.0.27:{port}", ["/course/open", "/course/private"]
    )
    try:
        first = _crawl(tmp_path, sources, "--allow-private")
        second = _crawl(tmp_path, sources, "--allow-private")  # robots.txt now drops the line
    finally:
        site.close()
    # The start pages are listings: each run finds no course and says so.
    assert "degraded: 0 courses found" in first.stdout + second.stdout, second.stderr[-3000:]
    fetched = site.paths()
    assert fetched.count("/course/open") == 2, "the cached rules let the second crawl in"
    assert "/course/private" not in fetched, "and still keep it out of the disallowed part"
    assert "using its robots.txt cached at" in second.stderr


def test_private_addresses_are_refused_without_opt_in(tmp_path):
    port = free_port(["127.0.0.24"])
    site = Site("127.0.0.24", port, {"/courses": listing("/course/x"), "/robots.txt": ok("")})
    try:
        result = _crawl(tmp_path, _sources_file(tmp_path, [("local", "127.0.0.24", port)]))
    finally:
        site.close()
    assert result.returncode == 1 and "degraded: every request failed" in result.stdout
    assert site.paths() == [], "no request may reach a loopback address without opt-in"
    errors = rows(tmp_path / "c.db", "select error from crawl_errors")
    assert any("private or loopback" in e["error"] for e in errors)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        (b"0", 0.0),
        (None, None),
        (b"soon", None),
        (b"Wed, 25 Nov 2026 10:00:30 GMT", 30.0),
    ],
)
def test_retry_after_values(value, seconds):
    from email.utils import parsedate_to_datetime

    now = parsedate_to_datetime("Wed, 25 Nov 2026 10:00:00 GMT").timestamp()
    assert retry_after_seconds(value, now) == seconds


def test_autothrottle_never_adapts_below_a_crawl_delay():
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from crawler.crawl.throttle import CrawlDelayAutoThrottle

    crawler = get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True, "DOWNLOAD_DELAY": 0.1})
    throttle = CrawlDelayAutoThrottle(crawler)
    per_slot = {"slow.example": {"delay": 2.0, "jitter": 0.0}}
    crawler.engine = SimpleNamespace(downloader=SimpleNamespace(per_slot_settings=per_slot))
    throttle._spider_opened(None)  # as the spider_opened signal does

    def answer(host):
        request = Request(f"https://{host}/", meta={"download_slot": host})
        return Response(request.url, status=200, request=request)

    asked, free = Slot(1, 2.0, 0.0), Slot(1, 2.0, 0.0)
    for _ in range(5):  # fast answers make AutoThrottle lower the delay
        throttle._adjust_delay(asked, 0.01, answer("slow.example"))
        throttle._adjust_delay(free, 0.01, answer("fast.example"))
    assert asked.delay == 2.0
    assert free.delay < 0.2
