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


FOUR = ("a", "b", "c", "d")


def _healthy(only: tuple[str, ...] = FOUR) -> dict:
    return {
        "/robots.txt": page(""),
        "/courses": listing(*[f"/course/{c}" for c in only]),
        **{f"/course/{c}": course(f"Course {c.upper()}") for c in FOUR},
    }


def _statuses(db) -> list[tuple[str, str]]:
    return [(r["source"], r["status"]) for r in rows(db, "SELECT * FROM crawl_runs ORDER BY id")]


def _active(db) -> int:
    return rows(db, "SELECT COUNT(*) AS n FROM courses WHERE status = 'active'")[0]["n"]


def _crawl_twice_after_a_good_run(tmp_path, host: str, broken_routes: dict):
    """A finished run of four courses, then two runs against ``broken_routes``."""
    db = tmp_path / "c.db"
    with FaultWeb(host) as web:
        site = web.serve(host, _healthy())
        sources = sources_file(tmp_path / "s.yml", [("shop", site.base)])
        good = run_crawl(db, sources)
        site.routes = {path: list(answers) for path, answers in broken_routes.items()}
        results = [run_crawl(db, sources) for _ in range(2)]
    assert good.returncode == 0, good.stdout + good.stderr[-3000:]
    assert _active(db) == 4
    return db, results


def test_a_host_failing_every_request_is_degraded_and_keeps_its_courses(tmp_path):
    down = {"/robots.txt": page("down", 503, **{"Retry-After": "0"})}
    down.update({f"/course/{c}": page("down", 503, **{"Retry-After": "0"}) for c in FOUR})
    down["/courses"] = page("down", 503, **{"Retry-After": "0"})
    db, results = _crawl_twice_after_a_good_run(tmp_path, "127.0.0.33", down)
    for result in results:
        assert result.returncode == 1
        assert "degraded: every request failed" in result.stdout, result.stdout
    assert _statuses(db) == [("shop", "finished"), ("shop", "degraded"), ("shop", "degraded")]
    assert _active(db) == 4, "a degraded run withdraws nothing"


def test_a_redesign_with_no_courses_is_degraded_and_keeps_them(tmp_path):
    redesign = {
        "/robots.txt": page(""),
        "/courses": listing("/catalogue/a", "/catalogue/b"),  # links the rules do not know
    }
    db, results = _crawl_twice_after_a_good_run(tmp_path, "127.0.0.34", redesign)
    for result in results:
        assert result.returncode == 1 and "degraded: 0 courses found" in result.stdout
    assert _active(db) == 4


def test_far_fewer_courses_than_last_time_is_degraded_and_says_the_numbers(tmp_path):
    db, results = _crawl_twice_after_a_good_run(tmp_path, "127.0.0.35", _healthy(only=("a",)))
    for result in results:
        assert result.returncode == 1
        assert "degraded: 1 courses, last finished run had 4" in result.stdout, result.stdout
    assert _active(db) == 4
    assert rows(db, "SELECT MAX(missed_runs) AS m FROM courses")[0]["m"] == 0


def test_no_network_at_all_is_degraded_with_a_clear_message(tmp_path):
    with FaultWeb("127.0.0.36") as web:  # a free port with nothing listening on it
        sources = sources_file(
            tmp_path / "s.yml",
            [("refused", f"http://127.0.0.36:{web.port}"), ("nxdomain", "http://ceuscout.invalid")],
        )
        result = run_crawl(tmp_path / "c.db", sources, "-s", "DNS_TIMEOUT=5")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    refused = lines[lines.index(next(x for x in lines if x.startswith("refused"))) + 1]
    assert "degraded: every request failed" in refused and "onnection refused" in refused, refused
    assert any("every request failed" in x and "DNS" in x for x in lines), result.stdout
    assert _statuses(tmp_path / "c.db") == [("refused", "degraded"), ("nxdomain", "degraded")]


def test_an_exception_extracting_one_page_is_a_crawl_error_not_a_lost_page(tmp_path):
    db = tmp_path / "c.db"
    with FaultWeb("127.0.0.37") as web:
        site = web.serve("127.0.0.37", _healthy())
        sources = sources_file(tmp_path / "s.yml", [("shop", site.base)])
        result = run_crawl(db, sources, break_extraction_at="/course/b")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    errors = rows(db, "SELECT url, error FROM crawl_errors")
    assert [e["url"] for e in errors] == [f"{site.base}/course/b"]
    assert "extraction failed: RuntimeError: extractor crashed on purpose" in errors[0]["error"]
    assert rows(db, "SELECT state FROM frontier WHERE url LIKE '%/course/b'") == [
        {"state": "failed"}
    ]
    assert _active(db) == 3
    assert "1 failed" in result.stderr


def test_a_login_wall_where_a_course_was_keeps_the_course_and_says_so(tmp_path):
    login = """<html><head><title>Sign in</title></head><body><h1>Sign in</h1>
    <form><input name="user"><input type="password" name="pw"></form></body></html>"""
    walled = _healthy()
    walled["/course/a"] = page("", 302, Location="/login")
    walled["/course/b"] = page("forbidden", 403)
    walled["/login"] = page(login)
    db, results = _crawl_twice_after_a_good_run(tmp_path, "127.0.0.38", walled)
    for result in results:
        assert "note: login wall where a course was" in result.stdout, result.stdout
    assert rows(db, "SELECT MAX(missed_runs) AS m FROM courses")[0]["m"] == 0
    assert _active(db) == 4, "a login wall or a 403 where a course was withdraws nothing"


def test_a_scrapy_setting_from_the_command_line_reaches_the_crawl(tmp_path):
    with FaultWeb("127.0.0.39") as web:
        site = web.serve("127.0.0.39", _healthy())
        sources = sources_file(tmp_path / "s.yml", [("shop", site.base)])
        stopped = run_crawl(tmp_path / "c.db", sources, "-s", "CLOSESPIDER_PAGECOUNT=2")
        malformed = run_crawl(tmp_path / "d.db", sources, "-s", "CLOSESPIDER_PAGECOUNT")
    assert stopped.returncode == 1, stopped.stderr[-3000:]
    assert "interrupted: closespider_pagecount" in stopped.stdout, stopped.stdout
    assert malformed.returncode == 2 and "is not NAME=VALUE" in malformed.stderr
