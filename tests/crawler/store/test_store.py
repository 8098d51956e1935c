"""Course upserts, history, withdrawal and provider facts through CatalogStore."""

import json
from datetime import date

import pytest

from crawler.store import PageOutcome
from tests.support.store import TODAY, course_url, make_course, make_page

CATALOG_JSON = "http://127.0.0.2/api/catalog?page=1"


def finished_run(store, clock, pages, today=TODAY):
    """One complete crawl of the demo source that stores ``pages``."""
    clock.advance(hours=1)
    run_id = store.begin_run("demo", today=today)
    for page in pages:
        store.store_page(run_id, page)
    return store.finish_run(run_id, "finished", today)


def test_new_course_is_inserted_active_with_timestamps(store, clock):
    run_id = store.begin_run("demo", today=TODAY)
    outcome = store.store_page(run_id, make_page(make_course("1", price_amount=25.0)))
    assert outcome == PageOutcome(new=1, changed=0, unchanged=0)
    row = store.course("demo:1")
    now = clock().isoformat(timespec="seconds")
    assert row["first_seen"] == row["last_seen"] == row["last_changed"] == now
    assert (row["status"], row["missed_runs"], row["last_run_id"]) == ("active", 0, run_id)
    assert row["price_amount"] == 25.0
    assert json.loads(row["field_sources"]) == {"title": "jsonld", "price_amount": "jsonld"}


@pytest.mark.parametrize(
    "dates", [{"expiry_date": "2026-11-24"}, {"approval_valid_through": "2025-06-30"}]
)
def test_new_course_past_its_dates_is_expired(store, dates):
    run_id = store.begin_run("demo", today=TODAY)
    store.store_page(run_id, make_page(make_course("1", **dates)))
    assert store.course("demo:1")["status"] == "expired"


def test_recrawl_of_unchanged_data_touches_only_last_seen_and_run(store, clock):
    course = make_course(
        "1", price_amount=25.0, objectives=["Explain HIPAA"], format="live webinar"
    )
    finished_run(store, clock, [make_page(course)])
    before = store.course("demo:1")
    summary = finished_run(store, clock, [make_page(course)])
    after = store.course("demo:1")
    assert after["last_seen"] > before["last_seen"]
    assert after["last_run_id"] == summary.run_id != before["last_run_id"]
    unchanged = {k: v for k, v in before.items() if k not in ("last_seen", "last_run_id")}
    assert {k: after[k] for k in unchanged} == unchanged
    assert store.history("demo:1") == []
    assert (summary.courses, summary.new_courses, summary.changed_courses) == (1, 0, 0)


def test_broken_selector_does_not_blank_stored_price(store, clock):
    finished_run(
        store, clock, [make_page(make_course("1", price_amount=25.0, price_currency="USD"))]
    )
    changed_at = store.course("demo:1")["last_changed"]
    summary = finished_run(store, clock, [make_page(make_course("1"))])
    row = store.course("demo:1")
    assert (row["price_amount"], row["price_currency"]) == (25.0, "USD")
    assert row["last_changed"] == changed_at
    assert summary.changed_courses == 0


def test_weaker_source_cannot_replace_stronger_value(store, clock):
    finished_run(store, clock, [make_page(make_course("1", price_amount=25.0))])
    finished_run(store, clock, [make_page(make_course("1", "text-pattern", price_amount=99.0))])
    row = store.course("demo:1")
    assert row["price_amount"] == 25.0
    assert json.loads(row["field_sources"])["price_amount"] == "jsonld"
    assert store.history("demo:1") == []


def test_price_change_from_equal_source_is_stored_with_history(store, clock):
    first = finished_run(store, clock, [make_page(make_course("1", "selector", price_amount=25.0))])
    second = finished_run(store, clock, [make_page(make_course("1", price_amount=30.0))])
    row = store.course("demo:1")
    assert row["price_amount"] == 30.0
    assert json.loads(row["field_sources"])["price_amount"] == "jsonld"
    assert row["last_changed"] == clock().isoformat(timespec="seconds")
    assert row["first_seen"] < row["last_changed"]
    assert [
        (h["field"], h["old_value"], h["new_value"], h["run_id"]) for h in store.history("demo:1")
    ] == [("price_amount", 25.0, 30.0, second.run_id)]
    assert first.run_id != second.run_id and second.changed_courses == 1


def test_approval_changes_are_recorded_in_history(store, clock):
    finished_run(
        store, clock, [make_page(make_course("1", aama_approved=False, cost_class="paid"))]
    )
    approved = make_course(
        "1", aama_approved=True, approval_body="AAMA", cost_class="free", price_amount=0.0
    )
    finished_run(store, clock, [make_page(approved)])
    changes = {h["field"]: (h["old_value"], h["new_value"]) for h in store.history("demo:1")}
    assert changes == {
        "aama_approved": (0, 1),
        "approval_body": (None, "AAMA"),
        "cost_class": ("paid", "free"),
        "price_amount": (None, 0.0),
    }


def test_same_course_from_catalog_json_and_detail_page_merges(store):
    run_id = store.begin_run("demo", today=TODAY)
    from_json = make_course("7", "json-api", price_amount=40.0, credit_amount=2.0)
    from_detail = make_course(
        "7", "jsonld", description="Coding basics", objectives=["Assign ICD-10 codes"]
    )
    assert store.store_page(run_id, make_page(from_json, url=CATALOG_JSON)).new == 1
    assert store.store_page(run_id, make_page(from_detail)).changed == 1
    rows = store.courses("demo")
    assert len(rows) == 1
    row = rows[0]
    assert (row["price_amount"], row["credit_amount"], row["description"]) == (
        40.0,
        2.0,
        "Coding basics",
    )
    assert json.loads(row["field_sources"])["price_amount"] == "json-api"
    summary = store.finish_run(run_id, "finished", TODAY)
    assert (summary.courses, summary.new_courses, summary.changed_courses) == (1, 1, 0)


def test_course_missing_two_finished_runs_is_withdrawn_then_revived(store, clock):
    keep, gone = make_course("keep"), make_course("gone", price_amount=10.0)
    finished_run(store, clock, [make_page(keep), make_page(gone)])
    first_miss = finished_run(store, clock, [make_page(keep)])
    assert (first_miss.missed, first_miss.withdrawn) == (1, 0)
    row = store.course("demo:gone")
    assert (row["status"], row["missed_runs"]) == ("active", 1)

    second_miss = finished_run(store, clock, [make_page(keep)])
    assert (second_miss.missed, second_miss.withdrawn) == (1, 1)
    row = store.course("demo:gone")
    assert (row["status"], row["missed_runs"], row["price_amount"]) == ("withdrawn", 2, 10.0)
    assert store.course("demo:keep")["missed_runs"] == 0

    finished_run(store, clock, [make_page(keep), make_page(make_course("gone"))])
    row = store.course("demo:gone")
    assert (row["status"], row["missed_runs"], row["price_amount"]) == ("active", 0, 10.0)
    statuses = [(h["old_value"], h["new_value"]) for h in store.history("demo:gone")]
    assert statuses == [("active", "withdrawn"), ("withdrawn", "active")]


def test_seen_course_resets_its_miss_count(store, clock):
    keep, flaky = make_course("keep"), make_course("flaky")
    finished_run(store, clock, [make_page(keep), make_page(flaky)])
    finished_run(store, clock, [make_page(keep)])
    finished_run(store, clock, [make_page(keep), make_page(flaky)])
    finished_run(store, clock, [make_page(keep)])
    row = store.course("demo:flaky")
    assert (row["status"], row["missed_runs"]) == ("active", 1)


def test_interrupted_run_counts_no_misses(store, clock):
    finished_run(store, clock, [make_page(make_course("a")), make_page(make_course("b"))])
    for _ in range(3):
        run_id = store.begin_run("demo", today=TODAY)
        store.store_page(run_id, make_page(make_course("a")))
        summary = store.finish_run(run_id, "shutdown", TODAY)
        assert summary.status == "interrupted"
    assert store.course("demo:b")["missed_runs"] == 0


def test_finishing_a_run_twice_counts_misses_once(store, clock):
    finished_run(store, clock, [make_page(make_course("a")), make_page(make_course("b"))])
    run_id = store.begin_run("demo", today=TODAY)
    store.store_page(run_id, make_page(make_course("a")))
    store.finish_run(run_id, "finished", TODAY)
    again = store.finish_run(run_id, "finished", TODAY)
    assert again.status == "finished" and again.missed == 0
    assert store.course("demo:b")["missed_runs"] == 1


def test_outage_and_failed_pages_are_not_misses(store, clock):
    finished_run(store, clock, [make_page(make_course("a")), make_page(make_course("b"))])
    for _ in range(2):  # a run that saw nothing at all: the site was down
        finished_run(store, clock, [])
    for _ in range(2):  # "b" failed to load each time: we could not tell
        clock.advance(hours=1)
        run_id = store.begin_run("demo", today=TODAY)
        store.store_page(run_id, make_page(make_course("a")))
        store.fail(run_id, course_url("b"), "TimeoutError", final=True)
        store.finish_run(run_id, "finished", TODAY)
    assert [r["status"] for r in store.courses("demo")] == ["active", "active"]
    assert store.course("demo:b")["missed_runs"] == 0


def test_course_that_passes_its_expiry_becomes_expired_with_history(store, clock):
    course = make_course("1", expiry_date="2026-12-31")
    finished_run(store, clock, [make_page(course)])
    finished_run(store, clock, [make_page(course)], today=date(2027, 1, 2))
    assert store.course("demo:1")["status"] == "expired"
    assert [(h["field"], h["new_value"]) for h in store.history("demo:1")] == [
        ("status", "expired")
    ]


def test_provider_facts_are_stored_and_never_blanked(store, clock):
    store.upsert_provider("demo", name="Demo CE", homepage="http://127.0.0.2/", demo=True)
    run_id = store.begin_run("demo", today=TODAY)
    facts = {
        "refund_policy_text": "Full refund within 14 days.",
        "refund_policy_url": "http://127.0.0.2/refund-policy",
    }
    store.store_page(run_id, make_page(url="http://127.0.0.2/refund-policy", provider_facts=facts))
    store.upsert_provider("demo", name=None, contact_email="ce@demo.test")
    provider = store.provider("demo")
    assert provider["name"] == "Demo CE" and provider["demo"] == 1
    assert provider["refund_policy_text"] == "Full refund within 14 days."
    assert provider["refund_policy_seen"] == clock().isoformat(timespec="seconds")
    assert provider["contact_email"] == "ce@demo.test"


def test_malformed_input_is_refused_and_stores_nothing(store):
    run_id = store.begin_run("demo", today=TODAY)
    bad = make_course("1", cost_class="cheap")
    with pytest.raises(ValueError, match=r"demo:1: cost_class='cheap'"):
        store.store_page(run_id, make_page(bad, links=[(course_url("2"), "detail")]))
    with pytest.raises(ValueError, match="unknown provider fact"):
        store.store_page(run_id, make_page(make_course("1"), provider_facts={"refund": "x"}))
    assert store.courses() == [] and store.pending(run_id) == []
    assert not store.is_done(run_id, course_url("1"))


def test_finishing_any_run_expires_courses_whose_dates_passed(store, clock):
    finished_run(store, clock, [make_page(make_course("1", approval_valid_through="2026-12-31"))])
    run_id = store.begin_run("demo", today=date(2027, 1, 2))
    summary = store.finish_run(run_id, "shutdown")  # stopped before re-crawling the course
    assert (summary.status, summary.expired) == ("interrupted", 1)
    assert store.course("demo:1")["status"] == "expired"
    assert store.history("demo:1")[0]["run_id"] == run_id
