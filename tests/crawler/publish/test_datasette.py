"""The served catalog, in process: search, facets, canned queries, CSV, course page, safety."""

from __future__ import annotations

import asyncio
import csv
import io
import sqlite3
import threading
from collections import Counter

import pytest

from crawler.publish.catalog_table import (
    AAMA_APPROVED_LABEL,
    AAMA_NON_APPROVED_LABEL,
    CRITERIA,
    MAY_COUNT_CREDENTIALS,
)
from crawler.publish.serve import make_datasette
from crawler.publish.snapshot import publish
from tests.support.publish import (
    FORMULA_TITLE,
    XSS_DESCRIPTION,
    XSS_TITLE,
    build_source_db,
    sample_courses,
    score_card,
)


@pytest.fixture(scope="module")
def get(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    build_source_db(folder / "live.db")
    publish(folder / "live.db", folder / "snapshot.db")
    datasette = make_datasette(folder / "snapshot.db")
    loop = asyncio.new_event_loop()

    def fetch(path):
        return loop.run_until_complete(datasette.client.get(path))

    yield fetch
    loop.close()


def rows(response):
    return response.json()["rows"]


def ids(response):
    return sorted(row["id"] for row in rows(response))


def test_search_matches_title_description_provider_and_instructors(get):
    assert ids(get("/catalog/catalog.json?_search=venipuncture&_shape=objects")) == [
        "medce:phleb-101",
        "medce:phleb-cert",
    ]
    assert ids(get("/catalog/catalog.json?_search=Ruiz&_shape=objects")) == ["medce:phleb-101"]
    nurse = get("/catalog/catalog.json?_search=NurseEd&_shape=objects")
    assert len(rows(nurse)) == 3


def test_default_view_is_best_score_first(get):
    scores = [row["score"] for row in rows(get("/catalog/catalog.json?_shape=objects"))]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == 10


@pytest.mark.parametrize(
    ("facet", "expected"),
    [
        ("provider_name", {"MedCE Learning": 7, "NurseEd Online": 3}),
        ("cost_class", {"free": 5, "paid": 3, "free-certificate-paid": 1, "member-free": 1}),
        ("aama_approved", {"yes": 6, "no": 3}),
        ("aama_category", {"clinical": 6, "administrative": 1, "general": 1}),
        ("format", {"self-paced online": 8, "live webinar": 1, "home study": 1}),
        (
            "counts_toward",
            {
                "; ".join((AAMA_APPROVED_LABEL, *MAY_COUNT_CREDENTIALS)): 5,
                "; ".join((AAMA_NON_APPROVED_LABEL, *MAY_COUNT_CREDENTIALS)): 3,
            },
        ),
        ("band", {"A": 2, "B": 2, "C": 2, "D": 2, "E": 2}),
        ("status", {"active": 9, "withdrawn": 1}),
    ],
)
def test_facets(get, facet, expected):
    data = get("/catalog/catalog.json").json()
    counts = {item["value"]: item["count"] for item in data["facet_results"][facet]["results"]}
    for value, count in expected.items():
        assert counts[value] == count, (facet, counts)


def test_every_checklist_criterion_is_a_facet_counting_statuses(get):
    data = get("/catalog/catalog.json").json()
    cards = [score_card(c, 95 - 9 * i, "A") for i, c in enumerate(sample_courses())]
    for criterion in CRITERIA:
        results = data["facet_results"][f"check_{criterion}"]["results"]
        counts = {item["value"]: item["count"] for item in results}
        assert counts == Counter(card[criterion] for card in cards), criterion


def test_facets_on_a_filtered_view_count_the_filtered_rows(get):
    data = get("/catalog/catalog.json?cost_class=free").json()
    facets = data["facet_results"]
    approved = {item["value"]: item["count"] for item in facets["aama_approved"]["results"]}
    assert approved == {"yes": 4, "no": 1}
    cost = facets["cost_class"]["results"]
    assert [(item["value"], item["selected"]) for item in cost] == [("free", True)]
    assert "cost_class=free" not in cost[0]["toggle_url"]
    yes = next(i for i in facets["aama_approved"]["results"] if i["value"] == "yes")
    assert "cost_class=free" in yes["toggle_url"] and "aama_approved=yes" in yes["toggle_url"]
    searched = get("/catalog/catalog.json?_search=phlebotomy").json()["facet_results"]
    assert {i["value"]: i["count"] for i in searched["status"]["results"]} == {
        "active": 5,
        "withdrawn": 1,
    }


def test_free_filter_excludes_paid_certificates(get):
    free = ids(get("/catalog/catalog.json?cost_class=free&aama_approved=yes&_shape=objects"))
    assert "medce:phleb-cert" not in free
    assert "medce:phleb-101" in free


def test_sortable_columns(get):
    data = get("/catalog/catalog.json?_sort=price_per_contact_hour&_shape=objects").json()
    prices = [
        r["price_per_contact_hour"] for r in data["rows"] if r["price_per_contact_hour"] is not None
    ]
    assert prices == sorted(prices)
    for column in ("score", "price_amount", "contact_hours", "price_per_contact_hour"):
        assert get(f"/catalog/catalog.json?_sort_desc={column}").status_code == 200


def test_canned_free_aama_approved_in_category(get):
    clinical = rows(get("/catalog/free_aama_approved.json?category=clinical&_shape=objects"))
    assert [r["id"] for r in clinical] == ["medce:phleb-101", "medce:xss"]
    admin = rows(get("/catalog/free_aama_approved.json?category=administrative&_shape=objects"))
    assert [r["id"] for r in admin] == ["medce:billing"]


def test_canned_under_budget(get):
    found = ids(get("/catalog/under_budget.json?budget=25&min_hours=2&_shape=objects"))
    assert found == ["medce:billing", "nurseed:phleb-adv"]


def test_canned_best_value(get):
    found = rows(get("/catalog/best_value.json?min_score=40&_shape=objects"))
    per_hour = [r["price_per_contact_hour"] for r in found]
    assert per_hour == sorted(per_hour)
    assert all(r["score"] >= 40 for r in found)
    assert "medce:old" not in [r["id"] for r in found]


def test_canned_new_this_month_and_expiring_soon(get):
    assert ids(get("/catalog/new_this_month.json?_shape=objects")) == ["medce:phleb-cert"]
    assert ids(get("/catalog/expiring_soon.json?days=30&_shape=objects")) == ["nurseed:hipaa"]
    assert ids(get("/catalog/expiring_soon.json?days=5&_shape=objects")) == []


def read_csv(response):
    return list(csv.DictReader(io.StringIO(response.text)))


def test_filtered_csv_export_streams_all_rows_with_readable_headers(get):
    response = get("/catalog/catalog.csv?_stream=1&_size=2&cost_class=free&_dl=1")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    exported = read_csv(response)
    assert len(exported) == 5
    assert {"Title", "Provider", "Score (0-100)", "Price per contact hour"} <= set(exported[0])
    assert {row["Cost class"] for row in exported} == {"free"}
    # the plain CSV link (no _stream) exports every row too, not just one page
    assert len(read_csv(get("/catalog/catalog.csv?_size=2&cost_class=free"))) == 5


def test_csv_neutralizes_spreadsheet_formulas(get):
    exported = read_csv(get("/catalog/catalog.csv?_stream=1&cost_class=paid"))
    formula = next(row for row in exported if row["Course id"] == "medce:formula")
    assert formula["Title"] == "'" + FORMULA_TITLE
    for row in exported:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
    canned = get("/catalog/best_value.csv?min_score=0")
    assert "'=HYPERLINK" in canned.text
    texts = read_csv(get("/catalog/course_details.csv?id=medce:formula"))
    assert texts[0]["Description"] == "'+SUM(1,2) looks like a formula"
    assert texts[0]["Instructors"].startswith("'@cmd")


def test_course_page_shows_score_card_with_evidence(get):
    page = get("/catalog/catalog/medce~3Aphleb-101")
    assert page.status_code == 200
    html = page.text
    assert "Phlebotomy Safety Essentials" in html
    assert "Score 95 · band A" in html
    assert "of 100 points" in html or "every point could be checked" in html
    assert html.count('class="check-status"') == 10
    assert "Evidence for refund_policy: stated on the course page." in html
    assert "This course is approved by the AAMA for 1.0 clinical CEU." in html
    assert '<strong class="price">Free</strong>' in html
    assert "1 contact hour" in html and "contact hours (" not in html
    assert '<a href="https://medce.example/courses/phleb-101" rel="nofollow' in html
    assert '<a href="https://medce.example/" rel="nofollow noopener noreferrer">' in html
    assert "Purpose stated" in html and "Instructor credentials" in html


def test_home_page_explains_and_links_to_filters(get):
    html = get("/").text
    assert "What it does not promise" in html
    assert "the provider&#39;s" in html or "the provider's" in html
    for link in (
        "?cost_class=free",
        "?aama_approved=yes",
        "?cost_class=free&amp;aama_approved=yes",
        "aama_category=clinical",
        "/catalog/best_value",
    ):
        assert link in html


@pytest.mark.parametrize(
    ("path", "shown_as_text"),
    [
        ("/catalog/catalog/medce~3Axss", "&lt;script&gt;alert("),
        ("/catalog/catalog?_search=XSS", "&lt;script&gt;alert("),
        ("/catalog/free_aama_approved?category=clinical", "&lt;script&gt;alert("),
        ("/catalog/score_evidence?course_id=medce:xss", "javascript:alert(&#39;evidence"),
        ("/catalog/catalog/medce~3Axss", "javascript:alert(&#39;evidence"),
        ("/catalog/catalog/medce~3Axss", "&lt;img src=x onerror"),
        ("/catalog/course_details?id=medce:xss", "&lt;img src=x onerror"),
    ],
)
def test_crawled_text_is_escaped_everywhere(get, path, shown_as_text):
    html = get(path).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "<b>bold</b>" not in html
    assert shown_as_text in html


def test_xss_payloads_survive_as_text(get):
    data = get("/catalog/course_details/medce~3Axss.json?_shape=objects").json()
    assert data["rows"][0]["title"] == XSS_TITLE
    assert data["rows"][0]["description"] == XSS_DESCRIPTION


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/catalog?sql=select+1", 403),
        ("/catalog.json?sql=select+1", 403),
        ("/catalog/catalog.json?_where=1=1", 403),
        ("/catalog.db", 403),
        ("/catalog/catalog.json?_size=5000", 400),
        ("/catalog/catalog.json?_size=1000", 200),
    ],
)
def test_safety_settings(get, path, status):
    assert get(path).status_code == status


def test_no_internal_tables_or_memory_database(get):
    tables = [t["name"] for t in get("/catalog.json").json()["tables"]]
    assert "frontier" not in tables and "courses" not in tables
    assert [d["name"] for d in get("/-/databases.json").json()] == ["catalog"]


def test_serving_a_live_database_while_a_crawl_writes_does_not_error(tmp_path):
    build_source_db(tmp_path / "live.db")
    datasette = make_datasette(tmp_path / "live.db", live=True)
    stop = threading.Event()

    def crawl():
        conn = sqlite3.connect(tmp_path / "live.db", timeout=30)
        n = 0
        while not stop.is_set():
            with conn:
                for _ in range(20):
                    conn.execute(
                        "insert into course_history (course_id, field, old_value, new_value,"
                        " changed_at, run_id) values ('x', 'price', '1', '2', 'now', 1)"
                    )
                    n += 1
        conn.close()

    async def read_while_writing():
        statuses = []
        for _ in range(30):
            response = await datasette.client.get("/catalog/course_history.json?_size=5")
            statuses.append(response.status_code)
        return statuses

    writer = threading.Thread(target=crawl)
    writer.start()
    try:
        statuses = asyncio.run(read_while_writing())
    finally:
        stop.set()
        writer.join()
    assert statuses == [200] * 30


def test_csv_is_a_download_named_after_its_filters(get):
    response = get("/catalog/catalog.csv?cost_class=free&aama_approved=yes&aama_category=clinical")
    assert response.headers["content-type"].startswith("text/csv")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="ceuscout-free-aama-clinical-')
    assert disposition.endswith('.csv"')
