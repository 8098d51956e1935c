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
    first: list[str] = []

    def too_many_once(path):
        """The first course page asked for answers 429 once; then every page is served."""
        if not first:
            first.append(path)
            when = int(time.time()) + 4  # an HTTP-date has whole seconds
            resume_at.append(when)
            return (429, {"Retry-After": email.utils.formatdate(when, usegmt=True)}, "slow down")
        return course(path.rsplit("/", 1)[-1].upper())[0]

    with FaultWeb("127.0.0.31", "127.0.0.32") as web:
        busy = web.serve(
            "127.0.0.31",
            {
                "/robots.txt": page(""),
                "/courses": listing("/course/a", "/course/b", "/course/c", "/course/d"),
                **{f"/course/{c}": [too_many_once] for c in "abcd"},
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
        # With no delay at all, Scrapy 2.19 starts every queued request of a slot at once (its
        # concurrency is counted only once the download coroutines run): the 429 would find
        # the host's other requests already sent.
        one_at_a_time = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.1")
        result = run_crawl(tmp_path / "c.db", sources, *one_at_a_time)

    assert result.returncode == 0, result.stderr[-3000:]
    (answered_429,) = busy.times(first[0])[:1]
    until = resume_at[0]
    during = [(t, p) for t, p in busy.log if answered_429 < t < until]
    assert during == [], f"requests to the paused host before its Retry-After date: {during}"
    retried = busy.times(first[0])
    assert len(retried) == 2 and retried[1] >= until
    assert [t for t in calm.times() if answered_429 < t < until], "the other host was held too"
    titles = {r["title"] for r in rows(tmp_path / "c.db", "SELECT title FROM courses")}
    assert {"A", "B", "C", "D"} <= titles and len(titles) == 12
    held = [p for t, p in busy.log if t >= until and p != first[0]]
    assert held, "nothing of that host was queued during the pause: the test proves nothing"
    gap = min(t for t, _ in busy.log if t > answered_429) - answered_429
    print(f"next request to the paused host {gap:.2f} s after the 429; held: {held}")
