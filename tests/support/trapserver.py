"""A provider site full of crawler traps on 127.0.0.1, logging every request path.

Eleven real courses (``/courses/c<N>.html``) sit behind four traps:

- ``/events?month=YYYY-MM``: an infinite calendar, every month links the next;
- ``/list?page=N``: pagination that answers its last page for every N past it;
- ``/courses/``: relative ``href="courses/more"`` links, so ``/courses/courses/…`` forever;
- ``/catalog``: sort and facet links whose combinations never end.

Example::

    with TrapServer() as server:
        print(server.url("/"), server.paths())
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

COURSES = [f"c{n}" for n in range(1, 12)]
LIST_PAGES = {1: ["c3", "c4"], 2: ["c5", "c6"], 3: ["c7", "c8"]}
FACETS = {
    "sort": ["title", "price", "date"],
    "cat": ["admin", "clinical", "general"],
    "fmt": ["online", "live"],
}


def course_page(ref: str) -> str:
    return f"""<!doctype html><html><head><title>Course {ref} | Trap CE</title></head><body>
<main><h1>Medical Assistant Skills {ref.upper()}</h1>
<p>This course is designed to refresh the clinical skills medical assistants use daily.</p>
<h2>Learning objectives</h2><ul><li>Describe the order of draw</li>
<li>Explain specimen labeling rules</li></ul>
<h2>Credits</h2><p>1 AAMA CEU (clinical)</p>
<h2>Price</h2><p>$15.00</p>
<h2>Faculty</h2><p>Jane Doe, MSN, RN</p></main></body></html>"""


def listing_page(title: str, refs: list[str], extra: str = "") -> str:
    items = "".join(
        f'<li><h3><a href="/courses/{r}.html">Medical Assistant Skills {r.upper()}</a></h3>'
        "<p>1 AAMA CEU</p></li>"
        for r in refs
    )
    return f"""<!doctype html><html><head><title>{title} | Trap CE</title></head><body>
<main><h1>{title}</h1><ul>{items}</ul>{extra}</main></body></html>"""


def _month_after(month: str) -> str:
    year, number = (int(x) for x in month.split("-"))
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return f"{year:04d}-{number:02d}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.log.append(self.path)
        target = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        body = self.page(target.path, query)
        status = 404 if body is None else 200
        data = (body or "<title>Not found</title><h1>Not found</h1>").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def page(self, path: str, query: dict) -> str | None:
        if path == "/":
            links = "".join(
                f'<li><a href="{p}">{t}</a></li>'
                for p, t in [
                    ("/courses/", "Courses"),
                    ("/list", "All courses"),
                    ("/events?month=2026-01", "Events"),
                    ("/catalog", "Catalog"),
                ]
            )
            return f"<title>Trap CE</title><main><h1>Trap CE</h1><ul>{links}</ul></main>"
        if path.startswith("/courses/") and path.endswith(".html"):
            ref = path.rsplit("/", 1)[1][:-5]
            return course_page(ref) if ref in COURSES and path.count("/") == 2 else None
        if path.startswith("/courses/"):
            # Sloppy relative link: resolved under the current folder, it nests forever.
            return listing_page("Courses", ["c1", "c2"], '<p><a href="courses/more">More</a></p>')
        if path == "/list":
            number = int(query.get("page", "1"))
            last = max(LIST_PAGES)
            refs = LIST_PAGES[min(number, last)]
            return listing_page(
                f"All courses, page {min(number, last)}",
                refs,
                f'<a href="/list?page={number + 1}">Next</a>',
            )
        if path == "/events":
            month = query.get("month", "2026-01")
            return listing_page(
                f"Events {month}",
                ["c9"],
                f'<a href="/events?month={_month_after(month)}">Next month</a>',
            )
        if path == "/catalog":
            links = ""
            for name, values in FACETS.items():
                for value in values:
                    links += f'<a href="/catalog?{urlencode({**query, name: value})}">{value}</a> '
            return listing_page("Catalog", ["c10", "c11"], f"<nav class='facets'>{links}</nav>")
        return None


class TrapServer:
    def __init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.log = []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> TrapServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        """Every request target served so far (path with query), in arrival order."""
        return list(self._server.log)
