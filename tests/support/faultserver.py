"""A programmable HTTP server on loopback for crawl fault tests (Scrapy's tests/mockserver is
the pattern): one server per host (127.0.0.x) on a shared free port, every request logged with
its arrival time (``time.time()``, so it compares with HTTP dates)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crawler.demo.run import free_port
from tests.support.paths import ROOT

# An answer is (status, headers, body), or a callable taking the request path and returning one.
Answer = tuple[int, dict[str, str], str] | Callable[[str], tuple[int, dict[str, str], str]]

COURSE = """<html><head><title>{title}</title></head>
<body><h1>{title}</h1>
<h2>Learning Objectives</h2>
<ul><li>Describe the order of draw.</li><li>Identify tube additives.</li></ul>
<h2>Contact Hours</h2><p>1.0 contact hour</p><p>Price: $15.00</p></body></html>"""


def page(body: str, status: int = 200, **headers: str) -> list[Answer]:
    return [(status, headers, body)]


def listing(*links: str) -> list[Answer]:
    return page("<html><body>" + "".join(f'<a href="{u}">{u}</a>' for u in links) + "</body>")


def course(title: str) -> list[Answer]:
    return page(COURSE.format(title=title))


class FaultHost:
    """One host: path -> answers given in turn (the last one repeats); unknown paths get 404.
    ``delay`` seconds pass before each answer."""

    def __init__(self, host: str, port: int, routes: dict[str, list[Answer]], delay: float = 0):
        self.host, self.port = host, port
        self.routes = {path: list(answers) for path, answers in routes.items()}
        self.delay = delay
        self.log: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, port), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _answer(self, path: str) -> tuple[int, dict[str, str], str]:
        with self._lock:
            self.log.append((time.time(), path))
            answers = self.routes.get(path) or [(404, {}, "not found")]
            answer = answers[0] if len(answers) == 1 else answers.pop(0)
        return answer(path) if callable(answer) else answer

    def _handler(self):
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, headers, body = host._answer(self.path)
                time.sleep(host.delay)
                data = body.encode()
                self.send_response(status)
                for key, value in {"Content-Type": "text/html", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def times(self, path: str | None = None) -> list[float]:
        return [t for t, p in self.log if path is None or p == path]

    def paths(self) -> list[str]:
        return [p for _, p in self.log]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FaultWeb:
    """Several FaultHosts on one free port; a context manager that closes them all."""

    def __init__(self, *hosts: str):
        self.names = hosts
        self.port = free_port(list(hosts))
        self.hosts: dict[str, FaultHost] = {}

    def serve(self, host: str, routes: dict[str, list[Answer]], delay: float = 0) -> FaultHost:
        self.hosts[host] = FaultHost(host, self.port, routes, delay)
        return self.hosts[host]

    def __enter__(self) -> FaultWeb:
        return self

    def __exit__(self, *exc_info) -> None:
        for host in self.hosts.values():
            host.close()


def sources_file(path: Path, entries: list[tuple[str, str]]) -> Path:
    """A sources file of (slug, base URL) providers: /courses lists, /course/… are courses."""
    text = "providers:\n"
    for slug, base in entries:
        text += (
            f"  - slug: {slug}\n    name: {slug}\n    homepage: {base}/\n"
            f"    start_urls: ['{base}/courses']\n"
            f"    listing: ['/courses$']\n    detail: ['/course/']\n"
        )
    path.write_text(text)
    return path


# Run as `python -c`: the crawl command with extraction raising for URLs containing the first
# argument (a fault no page can be made to cause on purpose).
_BREAK_EXTRACTION = """
import sys
import crawler.spiders.base as base
real, marker = base.extract_page, sys.argv.pop(1)
def extract_page(body, url, *args):
    if marker in url:
        raise RuntimeError("extractor crashed on purpose")
    return real(body, url, *args)
base.extract_page = extract_page
from crawler.cli.main import main
sys.exit(main())
"""


def run_crawl(
    db: Path, sources: Path, *extra: str, break_extraction_at: str | None = None
) -> subprocess.CompletedProcess:
    """``ceuscout crawl`` in a subprocess against loopback, as a cron job would run it."""
    command = ["-m", "crawler.cli.main"]
    if break_extraction_at:
        command = ["-c", _BREAK_EXTRACTION, break_extraction_at]
    return subprocess.run(
        [
            sys.executable,
            *command,
            "crawl",
            "--allow-private",
            "--sources",
            str(sources),
            "--db",
            str(db),
            "--today",
            "2026-11-25",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
