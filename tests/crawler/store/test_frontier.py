"""The durable frontier: seeding, claiming, retries, resuming, and page-atomic writes."""

import pytest

from crawler.store import FrontierRow
from crawler.store import catalog as catalog_module
from tests.support.store import TODAY, course_url, make_course, make_page

START = "http://127.0.0.2/catalog"


def test_seed_ignores_known_urls_and_pending_lists_in_order(store):
    run_id = store.begin_run("demo", today=TODAY)
    assert store.seed(run_id, "demo", [(START, "listing"), (course_url("1"), "detail")]) == 2
    assert store.seed(run_id, "demo", [(START, "listing"), (course_url("2"), "detail")]) == 1
    assert store.pending(run_id) == [
        FrontierRow(START, "listing", 0),
        FrontierRow(course_url("1"), "detail", 0),
        FrontierRow(course_url("2"), "detail", 0),
    ]
    assert store.pending(run_id, limit=1) == [FrontierRow(START, "listing", 0)]


def test_claimed_url_leaves_pending_and_stored_page_is_done_with_its_links(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.seed(run_id, "demo", [(START, "listing")])
    store.claim(run_id, START)
    assert store.pending(run_id) == []
    links = [(course_url("1"), "detail"), (course_url("2"), "detail"), (START, "listing")]
    store.store_page(run_id, make_page(url=START, links=links))
    assert store.is_done(run_id, START)
    assert [row.url for row in store.pending(run_id)] == [course_url("1"), course_url("2")]
    assert store.frontier_counts(run_id) == {
        "pending": 2,
        "in_progress": 0,
        "done": 1,
        "failed": 0,
        "skipped": 0,
    }


def test_a_done_url_linked_again_stays_done(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.store_page(run_id, make_page(make_course("1")))
    store.store_page(run_id, make_page(url=START, links=[(course_url("1"), "detail")]))
    assert store.is_done(run_id, course_url("1")) and store.pending(run_id) == []


def test_failure_retries_at_the_given_time_then_fails_for_good(store, clock):
    run_id = store.begin_run("demo", today=TODAY)
    store.seed(run_id, "demo", [(START, "listing")])
    store.claim(run_id, START)
    clock.advance(seconds=1)
    retry = clock().replace(minute=30)
    store.fail(run_id, START, "HTTP 503 (Retry-After 1800)", retry_at=retry)
    assert store.pending(run_id) == []
    assert store.next_retry_at(run_id) == retry.isoformat(timespec="seconds")
    clock.moment = retry
    assert store.pending(run_id) == [FrontierRow(START, "listing", 1)]
    store.claim(run_id, START)
    store.fail(run_id, START, "HTTP 503 again", final=True)
    assert store.frontier_counts(run_id)["failed"] == 1 and store.pending(run_id) == []
    summary = store.run_summary(run_id)
    assert summary["providers"]["demo"]["errors"] == 2
    errors = list(store.db.query("SELECT url, error FROM crawl_errors ORDER BY id"))
    assert [e["error"] for e in errors] == ["HTTP 503 (Retry-After 1800)", "HTTP 503 again"]


def test_failure_reported_after_success_does_not_undo_done(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.store_page(run_id, make_page(make_course("1")))
    store.fail(run_id, course_url("1"), "duplicate request timed out")
    assert store.is_done(run_id, course_url("1")) and store.pending(run_id) == []


def test_redirected_request_url_is_marked_done_too(store):
    run_id = store.begin_run("demo", today=TODAY)
    old = "http://127.0.0.2/old/1"
    store.seed(run_id, "demo", [(old, "detail")])
    store.claim(run_id, old)
    store.store_page(run_id, make_page(make_course("1")), request_url=old)
    assert store.is_done(run_id, old) and store.is_done(run_id, course_url("1"))


def test_not_a_course_page_is_done_with_the_reason_noted(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.store_page(run_id, make_page(url=course_url("9"), not_course_reason="soft 404"))
    assert store.is_done(run_id, course_url("9"))
    (note,) = store.db.execute("SELECT last_error FROM frontier").fetchone()
    assert note == "not a course: soft 404"


def test_page_is_stored_all_or_nothing(store, monkeypatch):
    run_id = store.begin_run("demo", today=TODAY)
    store.claim(run_id, course_url("1"))

    def disk_full(*args):
        raise OSError("disk full")

    monkeypatch.setattr(catalog_module, "_upsert_provider", disk_full)
    page = make_page(
        make_course("1"),
        links=[(course_url("2"), "detail")],
        provider_facts={"contact_email": "ce@demo.test"},
    )
    with pytest.raises(OSError):
        store.store_page(run_id, page)
    assert store.course("demo:1") is None
    assert store.frontier_counts(run_id) == {
        "pending": 0,
        "in_progress": 1,
        "done": 0,
        "failed": 0,
        "skipped": 0,
    }
    monkeypatch.undo()
    store.store_page(run_id, page)
    assert store.course("demo:1") is not None and store.is_done(run_id, course_url("1"))


@pytest.mark.parametrize("status", ["running", "interrupted"])
def test_begin_run_resumes_and_requeues_in_progress(store, status):
    run_id = store.begin_run("demo", today=TODAY)
    store.seed(run_id, "demo", [(START, "listing"), (course_url("1"), "detail")])
    store.claim(run_id, START)
    if status == "interrupted":
        assert store.finish_run(run_id, "cancelled", TODAY).status == "interrupted"
    assert store.begin_run("demo", today=TODAY) == run_id
    assert store.run(run_id)["status"] == "running"
    assert store.pending(run_id) == [
        FrontierRow(START, "listing", 1),
        FrontierRow(course_url("1"), "detail", 0),
    ]


# A run that stored no course ends degraded ("0 courses found"), as does one that stopped for
# a reason that is not an interruption.
@pytest.mark.parametrize(("reason", "status"), [("finished", "degraded"), ("boom", "degraded")])
def test_begin_run_after_a_closed_run_starts_a_new_one(store, reason, status):
    run_id = store.begin_run("demo", today=TODAY)
    assert store.finish_run(run_id, reason, TODAY).status == status
    new_run = store.begin_run("demo", today=TODAY)
    assert new_run != run_id and store.pending(new_run) == []
    assert store.begin_run("other", today=TODAY) not in (run_id, new_run)


def test_a_page_that_kills_the_crawler_every_time_is_given_up(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.seed(run_id, "demo", [(START, "listing")])
    for _ in range(3):
        store.claim(run_id, START)
        store.begin_run("demo", today=TODAY, max_attempts=3)
    assert store.frontier_counts(run_id)["failed"] == 1 and store.pending(run_id) == []


def test_run_summary_counts_live_and_logged_errors_leave_the_frontier_alone(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.seed(run_id, "demo", [(START, "listing")])
    store.store_page(run_id, make_page(make_course("1")))
    store.store_page(run_id, make_page(make_course("2")))
    store.log_error(run_id, "demo", course_url("3"), "invalid course: missing title")
    summary = store.run_summary(run_id)
    assert summary["status"] == "running"
    assert (summary["pages"], summary["courses"], summary["new_courses"]) == (2, 2, 2)
    assert summary["errors"] == 1 and summary["frontier"]["pending"] == 1
    assert summary["providers"] == {
        "demo": {"pages": 2, "courses": 2, "new": 2, "changed": 0, "errors": 1}
    }
    assert store.done_urls(run_id) == {course_url("1"), course_url("2")}
