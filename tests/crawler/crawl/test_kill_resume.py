"""A crawl killed with SIGKILL at several points and restarted equals an uninterrupted crawl."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

import pytest

from crawler.items import COURSE_FIELDS
from tests.support.demo import ROOT, crawl_command, rows, run_crawl, serve_demo

pytestmark = pytest.mark.slow
# Every catalog field; store timestamps and run ids legitimately differ between two crawls.
COMPARED = [*COURSE_FIELDS, "status"]


def _done_pages(db) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("select count(*) from frontier where state = 'done'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def _kill_after(port, db, done_pages: int, deadline: float = 120) -> bool:
    """Start a crawl, SIGKILL it after ``done_pages`` more stored pages (False: it ended first)."""
    start_count = _done_pages(db)
    log = (db.parent / f"killed-after-{start_count}.log").open("w")  # kept for a failure's story
    process = subprocess.Popen(
        crawl_command(port, db),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ},
        start_new_session=True,
    )
    limit = time.monotonic() + deadline
    while time.monotonic() < limit:
        if process.poll() is not None:
            return False
        if _done_pages(db) >= start_count + done_pages:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    raise AssertionError("crawl made no progress")


def _catalog(db) -> dict[str, tuple]:
    columns = ", ".join(COMPARED)
    return {
        r["id"]: tuple(r[c] for c in COMPARED) for r in rows(db, f"select {columns} from courses")
    }


def test_killed_and_resumed_crawl_equals_uninterrupted(tmp_path):
    reference, resumed = tmp_path / "reference.db", tmp_path / "resumed.db"
    with serve_demo() as port:
        run_crawl(port, reference)
        kills = [_kill_after(port, resumed, n) for n in (1, 25, 60, 40)]
        assert sum(kills) >= 3, "the crawl finished before it could be killed three times"
        run_crawl(port, resumed)
    assert rows(resumed, "pragma integrity_check")[0]["integrity_check"] == "ok"
    want, got = _catalog(reference), _catalog(resumed)
    assert set(got) == set(want), f"lost {set(want) - set(got)}; extra {set(got) - set(want)}"
    differing = [cid for cid in want if want[cid] != got[cid]]
    assert not differing, f"{len(differing)} courses differ, e.g. {differing[:3]}"
    ids = [r["id"] for r in rows(resumed, "select id from courses")]
    assert len(ids) == len(set(ids))
    runs = rows(resumed, "select source, status from crawl_runs order by id")
    assert {r["status"] for r in runs} <= {"finished", "interrupted", "running"}
    assert all(r["status"] == "finished" for r in runs[-len({r["source"] for r in runs}) :])
