"""Serve the bundled demo web on loopback: one static site per provider, each on its own address.

Each site is a folder of files exactly as the site serves them. An optional ``_routes.json`` in
the folder maps a request target (path, with its query string when it has one) to what a plain
static server cannot express::

    {"/api/courses?page=2": {"file": "api/courses-2.json"},
     "/old/course/123": {"redirect": "/courses/123.html", "status": 301},
     "/busy": {"status": 503, "headers": {"Retry-After": "2"}}}

A target without a route falls back to the file at its path (the query string is ignored, as
static servers do), ``index.html`` for a folder, then the site's ``404.html`` with status 404.
Files whose name starts with "_" or "." are never served. Pages are written with the site's
default origin (``_site.json``: "origin"); text responses get it rewritten to the address the
site really listens on, so sitemaps and canonical links stay right on any port.

Example::

    with DemoWeb(Path("data/demo/sites"), {"medassist-academy": ("127.0.0.2", 0)}) as web:
        print(web.base_url("medassist-academy"))
"""

from __future__ import annotations

import json
import posixpath
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROUTES_FILE = "_routes.json"
SITE_FILE = "_site.json"
CONTENT_TYPES = {
    "": "text/html; charset=utf-8",  # extension-less pages such as /terms
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
DEFAULT_404 = b"<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>"


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


@dataclass
class SiteConfig:
    root: Path
    routes: Mapping[str, dict]
    verbose: bool = False
    default_origin: bytes = b""
    origin: bytes = b""  # set once the server is bound


class SiteHandler(BaseHTTPRequestHandler):
    """Serves one site folder, described by ``site`` (bound per site with functools.partial)."""

    server_version = "CEUScoutDemo/1.0"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, site: SiteConfig, **kwargs):
        self.site = site
        self.root = site.root
        self.routes = site.routes
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args) -> None:
        if self.site.verbose:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        target = urlsplit(self.path)
        path = unquote(target.path) or "/"
        route = self.routes.get(f"{path}?{target.query}") if target.query else None
        route = route or self.routes.get(path)
        if route is not None:
            self._send_route(route, send_body)
            return
        file = self._resolve(path)
        if file is None:
            self._send_not_found(send_body)
        elif file.is_dir():
            self._send(301, b"", {"Location": path + "/"}, send_body)
        else:
            self._send_file(file, 200, {}, send_body)

    def _resolve(self, path: str) -> Path | None:
        """The file or folder ``path`` names inside the site, or None (never outside the site)."""
        clean = posixpath.normpath(path).lstrip("/")
        if clean in (".", ""):
            clean = ""
        parts = [p for p in clean.split("/") if p]
        if any(p.startswith((".", "_")) for p in parts):
            return None
        candidate = self.root.joinpath(*parts)
        if candidate.is_dir():
            index = candidate / "index.html"
            if not path.endswith("/") and parts:
                return candidate
            return index if index.is_file() else None
        return candidate if candidate.is_file() and not path.endswith("/") else None

    def _send_route(self, route: dict, send_body: bool) -> None:
        status = int(route.get("status", 200))
        headers = dict(route.get("headers", {}))
        if "redirect" in route:
            headers["Location"] = route["redirect"]
            self._send(int(route.get("status", 301)), b"", headers, send_body)
        elif "file" in route:
            file = self._resolve("/" + route["file"])
            if file is None or file.is_dir():
                raise FileNotFoundError(f"route file {route['file']!r} missing in {self.root}")
            self._send_file(file, status, headers, send_body)
        else:
            body = route.get("body", "").encode("utf-8")
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
            self._send(status, body, headers, send_body)

    def _send_not_found(self, send_body: bool) -> None:
        page = self.root / "404.html"
        body = page.read_bytes() if page.is_file() else DEFAULT_404
        self._send(404, body, {"Content-Type": CONTENT_TYPES[".html"]}, send_body)

    def _send_file(self, file: Path, status: int, headers: dict, send_body: bool) -> None:
        content_type = CONTENT_TYPES.get(file.suffix.lower(), "application/octet-stream")
        headers.setdefault("Content-Type", content_type)
        body = file.read_bytes()
        old, new = self.site.default_origin, self.site.origin
        if old and old != new and file.suffix.lower() in CONTENT_TYPES:
            body = body.replace(old, new)
        self._send(status, body, headers, send_body)

    def _send(self, status: int, body: bytes, headers: dict, send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class DemoWeb:
    """Serve each demo site from ``sites_dir/<slug>`` on its own (host, port).

    ``bindings`` maps slug -> (host, port); port 0 picks a free port. Use as a context manager
    or call ``start()`` / ``stop()``. Servers run in daemon threads.
    """

    def __init__(
        self, sites_dir: Path, bindings: Mapping[str, tuple[str, int]], verbose: bool = False
    ):
        self.sites_dir = Path(sites_dir)
        self.bindings = dict(bindings)
        self.verbose = verbose
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []

    def start(self) -> DemoWeb:
        for slug, (host, port) in self.bindings.items():
            root = self.sites_dir / slug
            if not root.is_dir():
                self.stop()
                raise FileNotFoundError(f"demo site {slug!r}: no folder {root}")
            site = SiteConfig(root, _load_routes(root), self.verbose, _default_origin(root))
            handler = partial(SiteHandler, site=site)
            try:
                server = _QuietServer((host, port), handler)
            except OSError as exc:
                self.stop()
                raise RuntimeError(
                    f"demo site {slug!r}: cannot listen on {host}:{port}: {exc}"
                ) from exc
            self._servers[slug] = server
            site.origin = self.base_url(slug).encode()
            thread = threading.Thread(target=server.serve_forever, name=f"demo-{slug}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def address(self, slug: str) -> tuple[str, int]:
        host, port = self._servers[slug].server_address[:2]
        return host, port

    def base_url(self, slug: str) -> str:
        host, port = self.address(slug)
        return f"http://{host}:{port}"

    def base_urls(self) -> dict[str, str]:
        return {slug: self.base_url(slug) for slug in self._servers}


def _load_routes(root: Path) -> dict[str, dict]:
    file = root / ROUTES_FILE
    if not file.is_file():
        return {}
    try:
        routes = json.loads(file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"{file}: not valid JSON: {exc}") from exc
    if not isinstance(routes, dict) or not all(isinstance(v, dict) for v in routes.values()):
        raise ValueError(f"{file}: expected an object of path -> route object")
    return routes


def _default_origin(root: Path) -> bytes:
    file = root / SITE_FILE
    if not file.is_file():
        return b""
    return json.loads(file.read_text(encoding="utf-8")).get("origin", "").encode()
