"""How a run ends: finished, degraded (with its causes) or interrupted; only a finished run
counts a miss toward withdrawing a course."""

from __future__ import annotations

from tests.support.store import TODAY, make_course, make_page


def _run(store, refs):
    run_id = store.begin_run("demo", today=TODAY)
    for ref in refs:
        store.store_page(run_id, make_page(make_course(ref)))
    return run_id


def test_a_guard_degrades_the_run_and_it_withdraws_nothing(store):
    store.finish_run(_run(store, "abcd"), "finished", TODAY)
    for _ in range(2):
        run_id = _run(store, "abc")
        store.degrade(run_id, "trap guard: 500 calendar pages without a course")
        store.degrade(run_id, "trap guard: 500 calendar pages without a course")  # said once
        summary = store.finish_run(run_id, "finished", TODAY)
        assert summary.status == "degraded" and summary.missed == 0
        assert summary.causes == ("trap guard: 500 calendar pages without a course",)
    assert {c["id"]: c["missed_runs"] for c in store.courses()}["demo:d"] == 0


def test_far_fewer_courses_than_the_last_finished_run_says_the_numbers(store):
    store.finish_run(_run(store, "abcd"), "finished", TODAY)
    summary = store.finish_run(_run(store, "a"), "finished", TODAY)
    assert summary.status == "degraded"
    assert summary.causes == ("1 courses, last finished run had 4",)
    # Half as many is still a normal run, and its unseen courses count a miss.
    summary = store.finish_run(_run(store, "ab"), "finished", TODAY)
    assert (summary.status, summary.missed) == ("finished", 2)


def test_every_request_failed_and_interruptions(store):
    run_id = store.begin_run("demo", today=TODAY)
    store.fail(run_id, "http://127.0.0.2/catalog", "DNSLookupError: no such host", final=True)
    summary = store.finish_run(run_id, "finished", TODAY)
    assert summary.causes == ("every request failed (1), e.g. DNSLookupError: no such host",)
    interrupted = store.finish_run(_run(store, "a"), "closespider_timeout", TODAY)
    assert (interrupted.status, interrupted.causes) == ("interrupted", ())
