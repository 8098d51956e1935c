"""The whole demo web crawled over real HTTP on loopback, checked against its recorded truth."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.bench.truth import STRICT_FIELDS, same_value
from tests.support.demo import DATA, demo_sources, not_courses, rows, run_crawl, serve_demo, truth

pytestmark = pytest.mark.slow

STRICT_MIN, OTHER_MIN = 0.98, 0.90
# Volatile store columns: the only ones a re-crawl of an unchanged web may touch.
VOLATILE = {"last_seen", "last_run_id"}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "catalog.db"
    with serve_demo() as port:
        result = run_crawl(port, db)
    return db, result


def test_every_demo_course_present_exactly_once(crawled):
    db, _ = crawled
    stored = {r["id"]: r for r in rows(db, "select * from courses")}
    expected = {cid for cid, t in truth().items() if t["expect_in_catalog"]}
    hidden = {cid for cid, t in truth().items() if not t["expect_in_catalog"]}
    assert len(expected) >= 150
    assert expected <= set(stored), f"missing: {sorted(expected - set(stored))[:10]}"
    assert not (hidden & set(stored)), "robots-disallowed courses were crawled"
    assert set(stored) == expected, f"unexpected rows: {sorted(set(stored) - expected)[:10]}"
    urls = [r["url"] for r in stored.values()]
    assert len(urls) == len(set(urls)), "one course stored under two ids"


def test_non_course_pages_are_not_courses(crawled):
    db, _ = crawled
    stored_paths = {urlsplit(r["url"]).path for r in rows(db, "select url from courses")}
    for provider, paths in not_courses().items():
        assert not (set(paths) & stored_paths), f"{provider}: non-course pages stored"


def test_field_accuracy_against_truth(crawled, capsys):
    db, _ = crawled
    stored = {r["id"]: r for r in rows(db, "select * from courses")}
    right, total, misses = defaultdict(int), defaultdict(int), defaultdict(list)
    for cid, record in truth().items():
        if not record["expect_in_catalog"]:
            continue
        row = stored[cid]
        expected = {**record["fields"], "provider": record["provider"], "url": record["path"]}
        expected["status"] = record.get("status", "active")
        for field, value in expected.items():
            if field not in row:
                continue
            total[field] += 1
            if same_value(field, value, row[field]):
                right[field] += 1
            else:
                misses[field].append((cid, value, row[field]))
    with capsys.disabled():
        print("\nfield accuracy over the demo web:")
        for field in sorted(total):
            print(
                f"  {field:<24}{right[field]:>4}/{total[field]:<4}"
                f"{right[field] / total[field]:7.1%}"
            )
    failures = []
    for field in total:
        share = right[field] / total[field]
        floor = STRICT_MIN if field in STRICT_FIELDS else OTHER_MIN
        if share < floor:
            failures.append(f"{field}: {share:.1%} < {floor:.0%}; e.g. {misses[field][:2]}")
    assert not failures, "\n".join(failures)


def test_crawl_prints_a_summary_per_provider(crawled):
    _, result = crawled
    for source in demo_sources():
        assert re.search(
            rf"^{re.escape(source.slug)}\s+finished\s+\d+\s+\d+", result.stdout, re.M
        ), result.stdout
    assert "scored" in result.stdout
    assert "pages" in result.stderr  # progress lines while crawling


def test_site_wide_refund_policy_attached_to_listings(crawled):
    db, _ = crawled
    providers = {p["slug"]: p for p in rows(db, "select * from providers")}
    with_policy = [p for p in providers.values() if p["refund_policy_url"]]
    assert with_policy, "no provider refund policy page was found"
    for provider in with_policy:
        courses = rows(
            db,
            "select refund_policy_url, field_sources from courses where provider = ?",
            provider["slug"],
        )
        attached = [c for c in courses if c["refund_policy_url"]]
        assert len(attached) == len(courses), provider["slug"]


def test_recrawl_of_unchanged_web_changes_nothing_but_last_seen(crawled, tmp_path):
    db, _ = crawled
    copy = tmp_path / "again.db"
    shutil.copy(db, copy)
    before = {r["id"]: r for r in rows(copy, "select * from courses")}
    history_before = rows(copy, "select count(*) n from course_history")[0]["n"]
    with serve_demo() as port:
        run_crawl(port, copy)
    after = {r["id"]: r for r in rows(copy, "select * from courses")}
    assert set(after) == set(before)
    for cid, row in after.items():
        changed = {k for k in row if row[k] != before[cid][k]} - VOLATILE
        assert not changed, f"{cid}: {changed}"
        assert row["last_seen"] >= before[cid]["last_seen"]
    assert rows(copy, "select count(*) n from course_history")[0]["n"] == history_before


def _mutable_web(tmp_path: Path) -> Path:
    sites = (DATA / demo_sources()[0].demo_site).parent
    target = tmp_path / "sites"
    shutil.copytree(sites, target)
    return target


def test_broken_price_does_not_blank_price_and_vanished_course_is_withdrawn(crawled, tmp_path):
    db, _ = crawled
    copy = tmp_path / "mutated.db"
    shutil.copy(db, copy)
    sites = _mutable_web(tmp_path)
    records = [
        t for t in truth().values() if t["expect_in_catalog"] and t["fields"].get("price_raw")
    ]
    priced = next(
        t
        for t in records
        if (sites / t["provider"] / _file_of(t["path"])).exists() and t["fields"]["price_amount"]
    )
    page = sites / priced["provider"] / _file_of(priced["path"])
    html = page.read_text()
    html = html.replace(priced["fields"]["price_raw"], "")
    html = re.sub(r'"price"\s*:\s*"?[\d.]+"?\s*,?', "", html)
    page.write_text(html)
    gone = next(t for t in records if t["provider"] != priced["provider"])
    (sites / gone["provider"] / _file_of(gone["path"])).unlink()
    stored_price = rows(copy, "select price_amount from courses where id = ?", priced["id"])[0][
        "price_amount"
    ]

    with serve_demo(sites) as port:
        run_crawl(port, copy)
        first = rows(copy, "select price_amount from courses where id = ?", priced["id"])[0]
        assert first["price_amount"] == stored_price
        assert (
            rows(copy, "select status from courses where id = ?", gone["id"])[0]["status"]
            != "withdrawn"
        )
        run_crawl(port, copy)
    gone_row = rows(copy, "select status from courses where id = ?", gone["id"])
    assert gone_row and gone_row[0]["status"] == "withdrawn", (
        "missing twice must mark withdrawn, not delete"
    )
    history = rows(
        copy, "select * from course_history where course_id = ? and field = 'status'", gone["id"]
    )
    assert history and history[-1]["new_value"] == "withdrawn"


def _file_of(path: str) -> str:
    path = path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def test_coverage_report_counts_listings_and_fields_per_provider(crawled):
    from crawler.store.coverage import coverage, coverage_table

    db, _ = crawled
    report = coverage(db)
    expected = defaultdict(int)
    for record in truth().values():
        if record["expect_in_catalog"]:
            expected[record["provider"]] += 1
    assert {p: r["listings"] for p, r in report.items()} == dict(expected)
    assert all(r["title"] == 1.0 for r in report.values())
    with_prices = [
        t for t in truth().values() if t["expect_in_catalog"] and t["fields"]["price_raw"]
    ]
    share = (
        len([t for t in with_prices if t["provider"] == "quickceu-hub"]) / expected["quickceu-hub"]
    )
    assert report["quickceu-hub"]["price_raw"] == pytest.approx(share)
    table = coverage_table(report)
    assert table.splitlines()[0].split()[1:] == sorted(expected)
