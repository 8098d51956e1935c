"""The trap guards on their own: junk URLs, budgets, stale URL families, parameter probes."""

from __future__ import annotations

import pytest

from crawler.crawl.traps import PARAM_PROBES, STALE_PAGES, FrontierGuard, junk_reason

BASE = "https://ce.example"


@pytest.mark.parametrize(
    ("path", "junk"),
    [
        ("/courses/intro/", False),
        ("/programs/clinical/wound-care.html", False),
        ("/courses/courses/intro", True),
        ("/a/b/a/b/", True),
        ("/x/a/y/a/z/a", True),
        ("/catalog/" + "x" * 300, True),
    ],
)
def test_junk_urls(path, junk):
    assert bool(junk_reason(BASE + path)) is junk


def test_page_budget_and_depth():
    guard = FrontierGuard(max_pages=2, max_depth=3)
    assert guard.admit(f"{BASE}/a", 1) is None
    assert guard.admit(f"{BASE}/b", 4)[0] == "depth"
    assert guard.admit(f"{BASE}/c", 2) is None
    assert guard.admit(f"{BASE}/d", 2)[0] == "page-budget"


def test_a_family_that_gives_nothing_new_is_closed():
    guard = FrontierGuard(100, 8)
    guard.confirmed.add("page")
    for n in range(STALE_PAGES):
        guard.fetched(f"{BASE}/courses?page={n + 9}", productive=False)
    refused = guard.admit(f"{BASE}/courses?page=99", 2, f"{BASE}/courses?page=12")
    assert refused[0] == "stale-family"
    assert guard.admit(f"{BASE}/courses/new-course", 2, f"{BASE}/courses?page=12") is None


def test_a_productive_page_resets_its_family():
    guard = FrontierGuard(100, 8)
    for n in range(STALE_PAGES - 1):
        guard.fetched(f"{BASE}/courses?page={n}", productive=False)
    guard.fetched(f"{BASE}/courses?page=5", productive=True)
    guard.fetched(f"{BASE}/courses?page=6", productive=False)
    assert guard.admit(f"{BASE}/courses?page=7", 2, f"{BASE}/courses") is None


def test_unconfirmed_parameters_get_a_few_probes_confirmed_ones_stay():
    guard = FrontierGuard(1000, 8)
    parent = f"{BASE}/catalog"
    admitted = [guard.admit(f"{parent}?sort={n}", 1, parent) is None for n in range(10)]
    assert admitted.count(True) == PARAM_PROBES
    assert guard.admit(f"{parent}?sort=a&page=2", 1, parent)[0] == "query-params"
    guard.admit(f"{parent}?page=2", 1, parent)
    guard.fetched(f"{parent}?page=2", productive=True)
    assert all(guard.admit(f"{parent}?page={n}", 1, parent) is None for n in range(3, 20))


def test_parameters_on_links_to_other_paths_are_not_probed():
    guard = FrontierGuard(1000, 8)
    parent = f"{BASE}/course/index.php?categoryid=1"
    ids = [f"{BASE}/course/view.php?id={n}" for n in range(40)]
    assert all(guard.admit(url, 1, parent) is None for url in ids)
