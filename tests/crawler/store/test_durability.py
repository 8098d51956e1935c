"""kill -9 in the middle of a crawl loses nothing and duplicates nothing."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from crawler.store import CatalogStore
from tests.support.paths import ROOT
from tests.support.store import SITE, TODAY, course_url, make_course, make_page

START = f"{SITE}/catalog"
COURSES = 400
CHILD = (
    "import sys; sys.path[:0] = sys.argv[1:2];"
    "from tests.crawler.store.test_durability import crawl; crawl(*sys.argv[2:])"
)


def page_for(url: str, source: str):
    """The demo site: the catalog links to the first courses, each course to the next five."""
    if url == START:
        links = [(course_url(str(i)), "detail") for i in range(5)]
        return make_page(url=START, links=links, source=source)
    number = int(url.rsplit("/", 1)[1])
    following = range(number + 1, min(number + 6, COURSES))
    course = make_course(
        str(number), provider=source, price_amount=float(number), description="About " * 50
    )
    links = [(course_url(str(i)), "detail") for i in following]
    return make_page(course, links=links, source=source)


def crawl(path: str, source: str = "demo"):
    with CatalogStore(path) as store:
        run_id = store.begin_run(source, today=TODAY)
        store.seed(run_id, source, [(START, "listing")])
        while rows := store.pending(run_id, limit=10):
            for row in rows:
                store.claim(run_id, row.url)
                store.store_page(run_id, page_for(row.url, source))
        return store.finish_run(run_id, "finished", TODAY)


def start_child(path: Path, source: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(path), source])


def done_pages(path: Path) -> int:
    try:
        with closing(sqlite3.connect(path, timeout=5)) as conn:
            return conn.execute("SELECT COUNT(*) FROM frontier WHERE state = 'done'").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def kill_when_done(path: Path, pages: int) -> None:
    child = start_child(path, "demo")
    try:
        deadline = time.monotonic() + 60
        while done_pages(path) < pages and child.poll() is None:
            assert time.monotonic() < deadline, "child crawl made no progress"
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the crawl finished before it could be killed"


def test_sigkill_mid_crawl_then_resume_stores_every_course_exactly_once(tmp_path):
    path = tmp_path / "catalog.db"
    for fraction in (0.3, 0.7):
        kill_when_done(path, int(COURSES * fraction))
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    summary = crawl(str(path))

    with CatalogStore(path) as store:
        runs = list(store.db.query("SELECT id, status FROM crawl_runs"))
        assert runs == [{"id": summary.run_id, "status": "finished"}]
        assert store.frontier_counts(summary.run_id) == {
            "pending": 0,
            "in_progress": 0,
            "done": COURSES + 1,
            "failed": 0,
            "skipped": 0,
        }
        rows = store.courses("demo")
        assert sorted(r["price_amount"] for r in rows) == [float(i) for i in range(COURSES)]
        assert all(r["title"] == f"Course {int(r['price_amount'])}" for r in rows)
        assert (summary.courses, summary.new_courses, summary.changed_courses) == (
            COURSES,
            COURSES,
            0,
        )
        assert store.db.execute("SELECT COUNT(*) FROM course_history").fetchone()[0] == 0


def test_two_sources_crawled_by_two_processes_at_once_both_complete(tmp_path):
    """Sources run as independent jobs writing the same (here new) catalog."""
    path = tmp_path / "catalog.db"
    children = [start_child(path, source) for source in ("demo", "demo2")]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    with CatalogStore(path) as store:
        for source in ("demo", "demo2"):
            assert len(store.courses(source)) == COURSES
        finished = store.db.execute("SELECT COUNT(*) FROM crawl_runs WHERE status = 'finished'")
        assert finished.fetchone()[0] == 2
