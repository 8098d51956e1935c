"""The accuracy measure counts what a user would: courses found, junk stored, fields right."""

from __future__ import annotations

import sqlite3

from crawler.bench.accuracy import compare_web, format_accuracy
from crawler.bench.truth import page_key, same_value

SITE = {
    "provider": "acme",
    "name": "Acme CE",
    "origin": "http://127.0.0.9:8620",
    "courses": [
        {"id": "acme:a", "path": "/course/a/", "expect_in_catalog": True, "status": "active",
         "fields": {"title": "Wound Care", "price_amount": 25.0, "format": "webinar"},
         "criteria": {"rationale": "met", "refund_policy": "missing"}},
        {"id": "acme:b", "path": "/enrol/index.php?id=7", "expect_in_catalog": True,
         "status": "active", "fields": {"title": "HIPAA", "price_amount": 0, "format": None}},
        {"id": "acme:c", "path": "/private/c", "expect_in_catalog": False, "fields": {}},
    ],
    "not_courses": ["/blog/recertify/"],
}  # fmt: skip


def _db(tmp_path, rows, cards=()):
    db = tmp_path / "catalog.db"
    conn = sqlite3.connect(db)
    conn.execute("create table courses (id, provider, url, status, title, price_amount, format)")
    conn.executemany("insert into courses values (?,?,?,?,?,?,?)", rows)
    conn.execute("create table score_cards (course_id, rationale, refund_policy)")
    conn.executemany("insert into score_cards values (?,?,?)", cards)
    conn.commit()
    conn.close()
    return db


def test_found_missing_junk_and_fields_are_counted_per_site(tmp_path):
    db = _db(
        tmp_path,
        [
            ("acme:a", "acme", "http://127.0.0.9:8620/course/a/", "active", "Wound care",
             25, "self-paced"),
            ("acme:x", "acme", "http://127.0.0.9:8620/blog/recertify/", "active", "Blog", 0, None),
            ("acme:y", "acme", "http://127.0.0.9:8620/about/", "active", "About", 0, None),
            ("acme:z", "acme", "http://127.0.0.9:8620/gone", "withdrawn", "Gone", 0, None),
        ],
        [("acme:a", "met", "met")],
    )  # fmt: skip
    report = compare_web(db, [SITE])
    site = report["sites"][0]
    assert (site["courses"], site["found"]) == (2, 1)
    assert site["missing"] == ["/enrol/index.php?id=7"]
    assert site["non_courses_stored"] == ["/blog/recertify/"]
    assert site["unlisted_stored"] == ["/about/"]
    fields = report["fields"]
    assert fields["title"]["share"] == 1.0  # case and spacing folded
    assert fields["format"]["right"] == 0 and fields["format"]["total"] == 1
    assert report["criteria"]["rationale"]["accuracy"] == 1.0
    assert report["criteria"]["refund_policy"]["accuracy"] == 0.0
    text = format_accuracy({"heldout": {"web": "w", "entries": "e", "crawl_exit": 1,
                                        "crawl_errors": ["Error: boom"], **report}})  # fmt: skip
    assert "courses found 1/2 (50.0%); non-courses stored 2" in text
    assert "crawl: Error: boom" in text


def test_an_empty_crawl_counts_every_course_missing(tmp_path):
    report = compare_web(tmp_path / "never-written.db", [SITE])
    assert report["sites"][0]["found"] == 0 and report["fields"] == {}


def test_values_compare_as_a_reader_would():
    assert same_value("price_amount", 0, "0.0")
    assert not same_value("price_amount", 0, None)
    assert same_value("instructors", [{"name": "Ann Lee", "credentials": ["RN"]}],
                      '[{"name": "ann lee", "credentials": ["RN"]}]')  # fmt: skip
    assert same_value("format", None, "")
    assert not same_value("format", None, "webinar")
    assert page_key("http://h:1/enrol/index.php?id=7") == "/enrol/index.php?id=7"
