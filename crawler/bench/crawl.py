"""`ceuscout bench`: a bare link-following Scrapy spider and the full pipeline, side by side.

A synthetic provider site of N course pages (30-60 KB each, JSON-LD plus headed sections, like
real course pages) is served on loopback from its own process; each crawl runs in its own child
process so its peak memory (ru_maxrss) is its own. With ``render`` the full pipeline crawls the
same site a second time with every page rendered in headless Chromium (``render: all``), so the
cost of a rendered page is measured next to a plain HTTP one.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Process
from pathlib import Path

PER_LISTING = 50
_WORDS = [
    "patient",
    "specimen",
    "vital",
    "signs",
    "documentation",
    "privacy",
    "chart",
    "medication",
    "dosage",
    "infection",
    "control",
    "phlebotomy",
    "venipuncture",
    "tourniquet",
    "capillary",
    "coding",
    "billing",
    "insurance",
    "claim",
    "scheduling",
    "communication",
    "ethics",
    "safety",
    "electrocardiogram",
    "asepsis",
    "sterilization",
    "triage",
]


def course_page(n: int) -> bytes:
    rng = random.Random(n)
    title = f"Course {n}: " + " ".join(rng.choice(_WORDS).title() for _ in range(4))
    price = rng.choice(["0", "19.95", "24.00", "39.00", "49.99"])
    hours = rng.choice([1, 1.5, 2, 3])
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": title,
        "courseCode": f"BN-{n}",
        "description": f"A course about {rng.choice(_WORDS)} for medical assistants.",
        "provider": {"@type": "Organization", "name": "Bench Health Academy"},
        "offers": {"@type": "Offer", "price": price, "priceCurrency": "USD"},
        "hasCourseInstance": {"@type": "CourseInstance", "courseMode": "online"},
    }
    filler_paragraphs = rng.randint(52, 103)
    filler = "".join(
        "<p>" + " ".join(rng.choice(_WORDS) for _ in range(60)) + ".</p>\n"
        for _ in range(filler_paragraphs)
    )
    html = f"""<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<script type="application/ld+json">{json.dumps(jsonld)}</script></head>
<body><nav><a href="/catalog/page/1/">Catalog</a></nav>
<main><h1>{title}</h1>
<h2>Learning Objectives</h2><ul><li>Describe {rng.choice(_WORDS)} procedures.</li>
<li>Identify {rng.choice(_WORDS)} risks.</li><li>Explain {rng.choice(_WORDS)} to patients.</li></ul>
<h2>Faculty</h2><p>Jordan Lee, MSN, RN</p>
<h2>Contact Hours</h2><p>This course awards {hours} contact hours.</p>
<h2>Accreditation</h2><p>Approved by the AAMA for {hours} CEUs (clinical).</p>
<h2>Overview</h2>{filler}</main>
<footer>Refunds within 30 days. contact@bench.example</footer></body></html>"""
    return html.encode()


def listing_page(k: int, pages: int) -> bytes:
    first = (k - 1) * PER_LISTING + 1
    links = "".join(
        f'<li><a href="/course/{n}/">Course {n}</a></li>'
        for n in range(first, min(first + PER_LISTING, pages + 1))
    )
    following = f'<a href="/catalog/page/{k + 1}/">Next</a>' if first + PER_LISTING <= pages else ""
    return (
        f"<html><body><h1>Catalog page {k}</h1><ul>{links}</ul>{following}</body></html>".encode()
    )


def serve(port_file: str, pages: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = [p for p in self.path.split("/") if p]
            body, status = b"not found", 404
            if self.path == "/robots.txt":
                body, status = b"User-agent: *\nAllow: /\n", 200
            elif len(parts) == 3 and parts[:2] == ["catalog", "page"] and parts[2].isdigit():
                body, status = listing_page(int(parts[2]), pages), 200
            elif (
                len(parts) == 2
                and parts[0] == "course"
                and parts[1].isdigit()
                and int(parts[1]) <= pages
            ):
                body, status = course_page(int(parts[1])), 200
            self.send_response(status)
            self.send_header(
                "Content-Type", "text/html; charset=utf-8" if status == 200 else "text/plain"
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def bare_crawl(base: str) -> None:
    """A bare link-following spider: fetch every linked page on the host, extract nothing."""
    import scrapy
    from scrapy.crawler import AsyncCrawlerProcess

    from crawler.crawl.run import LOCAL_SETTINGS

    class Bare(scrapy.Spider):
        name = "bare"
        allowed_domains = ["127.0.0.1"]

        async def start(self):
            yield scrapy.Request(f"{base}/catalog/page/1/")

        def parse(self, response):
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href)

    settings = {
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "ERROR",
        "CONCURRENT_REQUESTS": 16,
        **{k: v for k, v in LOCAL_SETTINGS.items() if not k.startswith("CEUSCOUT")},
    }
    process = AsyncCrawlerProcess(settings)
    process.crawl(Bare)
    process.start()


def full_crawl(base: str, db: str, render: bool = False) -> None:
    from datetime import date

    from crawler.crawl.run import crawl
    from crawler.sources import Source
    from scoring.store import score_catalog

    source = Source(
        slug="bench",
        name="Bench Health Academy",
        homepage=f"{base}/",
        start_urls=(f"{base}/catalog/page/1/",),
        allowed_hosts=("127.0.0.1",),
        listing=(r"/catalog/page/\d+/$",),
        detail=(r"/course/\d+/$",),
        render=("listing", "detail") if render else (),
        render_budget=10**9,
    )
    today = date(2026, 11, 1)
    crawl(
        [source],
        Path(db),
        today=today,
        local=True,
        overrides={
            "LOG_LEVEL": "ERROR",
            "CONCURRENT_REQUESTS": 16,
            "CEUSCOUT_PROGRESS_SECONDS": 3600,
        },
    )
    score_catalog(Path(db), today=today)


def child(mode: str, base: str, db: str) -> None:
    started = time.perf_counter()
    if mode == "bare":
        bare_crawl(base)
    else:
        full_crawl(base, db, render=mode == "render")
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_rss_mb": round(peak_kb / 1024, 1)}))


def _run_child(mode: str, base: str, db: str, pages: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "crawler.bench.crawl", mode, base, db],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{mode} crawl failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    crawled = pages + -(-pages // PER_LISTING)
    result["pages"] = crawled
    result["pages_per_s"] = round(crawled / result["seconds"], 1)
    result["ms_per_page"] = round(1000 * result["seconds"] / crawled, 2)
    result["seconds"] = round(result["seconds"], 2)
    return result


def run_bench(pages: int, render: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        server = Process(target=serve, args=(str(port_file), pages), daemon=True)
        server.start()
        try:
            for _ in range(100):
                if port_file.exists() and port_file.read_text():
                    break
                time.sleep(0.05)
            base = f"http://127.0.0.1:{port_file.read_text()}"
            db = str(Path(tmp) / "bench.db")
            bare = _run_child("bare", base, db, pages)
            full = _run_child("full", base, db, pages)
            stored = _stored(db)
            if render:
                rendered_db = str(Path(tmp) / "rendered.db")
                rendered = _run_child("render", base, rendered_db, pages)
                rendered["courses_stored"] = _stored(rendered_db)
        finally:
            server.terminate()
    result = {
        "course_pages": pages,
        "page_kb": [round(len(course_page(n)) / 1024, 1) for n in (1, 2, 3)],
        "bare": bare,
        "full": full,
        "courses_stored": stored,
        "full_to_bare_ratio": round(full["pages_per_s"] / bare["pages_per_s"], 3),
    }
    if render:
        result["rendered"] = rendered
        result["rendered_to_full_ratio"] = round(rendered["pages_per_s"] / full["pages_per_s"], 3)
    return result


def _stored(db: str) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from courses").fetchone()[0]


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], sys.argv[3])
