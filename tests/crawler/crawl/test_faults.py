"""Real crawls against the fault server: host-wide back-off and runs that tell the truth."""

from __future__ import annotations

import email.utils
import time

import pytest

from tests.support.demo import rows
from tests.support.faultserver import FaultWeb, course, listing, page, run_crawl, sources_file

pytestmark = pytest.mark.slow


def test_429_with_http_date_pauses_the_whole_host_while_others_go_on(tmp_path):
    resume_at: list[float] = []

    def too_many(path):
        when = int(time.time()) + 4  # an HTTP-date has whole seconds
        resume_at.append(when)
        return (429, {"Retry-After": email.utils.formatdate(when, usegmt=True)}, "slow down")

    with FaultWeb("127.0.0.31", "127.0.0.32") as web:
        busy = web.serve(
            "127.0.0.31",
            {
                "/robots.txt": page(""),
                "/courses": listing("/course/a", "/course/b", "/course/c", "/course/d"),
                "/course/a": [too_many, *course("A")],
                **{f"/course/{c}": course(c.upper()) for c in "bcd"},
            },
        )
        calm = web.serve(
            "127.0.0.32",
            {
                "/robots.txt": page(""),
                "/courses": listing(*[f"/course/{i}" for i in range(8)]),
                **{f"/course/{i}": course(f"Calm {i}") for i in range(8)},
            },
            delay=0.5,
        )
        sources = sources_file(tmp_path / "s.yml", [("busy", busy.base), ("calm", calm.base)])
        result = run_crawl(tmp_path / "c.db", sources, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")

    assert result.returncode == 0, result.stderr[-3000:]
    (answered_429,) = [t for t, p in busy.log if p == "/course/a"][:1]
    until = resume_at[0]
    during = [(t, p) for t, p in busy.log if answered_429 < t < until]
    assert during == [], f"requests to the paused host before its Retry-After date: {during}"
    retried = busy.times("/course/a")
    assert len(retried) == 2 and retried[1] >= until
    assert [t for t in calm.times() if answered_429 < t < until], "the other host was held too"
    titles = {r["title"] for r in rows(tmp_path / "c.db", "SELECT title FROM courses")}
    assert {"A", "B", "C", "D"} <= titles and len(titles) == 12
    print(
        f"429 at {answered_429:.2f}, date {until}, next request {min(t for t, _ in busy.log if t > answered_429):.2f}"
    )
