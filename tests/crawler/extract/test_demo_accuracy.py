"""Page extraction accuracy on the bundled demo web against its recorded truth.

Every demo course page is read from data/demo/sites/ (no server) and extracted with its
sources.yml entry; each field the page states is compared with data/demo/truth/<slug>.json.
Out of scope, because a course page does not state them: fields a provider serves only from its
JSON catalog endpoint (their raw text is not in the page) and a refund policy that lives on a
site-wide page. Run with ``-s`` to see the per-field table.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from crawler.extract import extract_page, extract_site_facts
from tests.support.paths import DATA_DIR

DATA = DATA_DIR
DEMO = DATA / "demo"
STRICT = {"title", "price_amount", "cost_class", "credit_amount", "credit_unit", "aama_approved"}
STRICT_FLOOR, OTHER_FLOOR = 0.98, 0.90
TEXT_FIELDS = {
    "credits_raw",
    "price_raw",
    "approval_evidence",
    "description",
    "rationale",
    "audience",
}
# A raw column and the columns normalized from it: they are in or out of scope together.
DERIVED = {
    "price_raw": ("price_amount", "price_currency", "cost_class", "certificate_fee"),
    "credits_raw": (
        "credit_amount",
        "credit_unit",
        "contact_hours",
        "aama_category",
        "aama_points",
    ),
}
SKIP_FIELDS = {"refund_policy_text", "contact_email", "contact_phone", "sections", "field_sources"}

pytestmark = pytest.mark.skipif(not (DEMO / "truth").is_dir(), reason="demo web not built")


def _entries() -> dict[str, dict]:
    sources = yaml.safe_load((DATA / "sources.yml").read_text())
    return {e["slug"]: e for e in sources.get("demo_providers") or []}


def _page_file(slug: str, path: str) -> Path:
    relative = path.split("?")[0].lstrip("/")
    target = DEMO / "sites" / slug / relative
    return target / "index.html" if path.endswith("/") else target


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold().rstrip(".")


def _same(field: str, got, want) -> bool:
    if field in TEXT_FIELDS and got is not None and want is not None:
        a, b = _norm(got), _norm(want)
        return a in b or b in a
    if isinstance(want, float) and isinstance(got, int | float):
        return abs(got - want) < 1e-6
    return got == want


def _out_of_scope(entry: dict, truth: dict, html: str) -> set[str]:
    """Columns this page cannot state: catalog-only values and a site-wide refund policy."""
    skipped = set(SKIP_FIELDS)
    catalog_columns = set((entry.get("catalog_json") or {}).get("fields", {}))
    for column in catalog_columns:
        raw = truth.get(column)
        if raw is not None and _norm(raw) not in _norm(re.sub(r"<[^>]+>", " ", html)):
            skipped |= {column, *DERIVED.get(column, ())}
    if "price_amount" in skipped:
        skipped |= {"price_raw", *DERIVED["price_raw"]}
    return skipped


def measure() -> tuple[dict[str, list[int]], list[str]]:
    """field -> [right, total], and one line per miss."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for slug, entry in sorted(_entries().items()):
        truth_file = DEMO / "truth" / f"{slug}.json"
        if not truth_file.is_file():
            continue
        truth = json.loads(truth_file.read_text())
        for record in truth["courses"]:
            page = _page_file(slug, record["path"])
            if not page.is_file():
                continue
            html = page.read_text(encoding="utf-8")
            result = extract_page(html, truth["origin"] + record["path"], slug, entry)
            scores["is_course"][1] += 1
            if not result.is_course:
                misses.append(f"{record['id']}: not a course ({result.not_course_reason})")
                continue
            scores["is_course"][0] += 1
            course = result.course
            fields = record["fields"]
            skipped = _out_of_scope(entry, fields, html)
            for field, want in fields.items():
                if field in skipped:
                    continue
                got = getattr(course, field)
                if field == "refund_policy_url":
                    if want != record["path"]:
                        continue  # the site-wide policy page: not this page's to state
                    got = got and got.removeprefix(truth["origin"])
                if field in ("instructors", "objectives") and want is None:
                    want = []
                scores[field][1] += 1
                if _same(field, got, want):
                    scores[field][0] += 1
                else:
                    misses.append(f"{record['id']} {field}: got {got!r} want {want!r}")
        for path in truth.get("not_courses", []):
            page = _page_file(slug, path)
            if page.is_file() and page.suffix in (".html", ""):
                result = extract_page(
                    page.read_text(encoding="utf-8"), truth["origin"] + path, slug, entry
                )
                scores["not_course"][1] += 1
                scores["not_course"][0] += not result.is_course
                if result.is_course:
                    misses.append(f"{slug}{path}: taken for a course")
    return scores, misses


def test_demo_page_extraction_accuracy() -> None:
    scores, misses = measure()
    assert scores["is_course"][1] > 100, "expected the demo web's course pages"
    print("\nfield                    right/total  accuracy")
    for field, (right, total) in sorted(scores.items()):
        print(f"{field:24} {right:5}/{total:<5}  {right / total:6.1%}")
    print("\n".join(misses[:60]))
    low = {
        field: round(right / total, 3)
        for field, (right, total) in scores.items()
        if total
        and right / total < (STRICT_FLOOR if field in STRICT | {"is_course"} else OTHER_FLOOR)
    }
    assert not low, low


def test_demo_policy_pages_yield_provider_facts() -> None:
    """Each demo provider's site-wide policy page gives its refund terms and its contact e-mail."""
    checked = 0
    for slug, entry in sorted(_entries().items()):
        truth_file = DEMO / "truth" / f"{slug}.json"
        if not truth_file.is_file():
            continue
        facts_truth = json.loads(truth_file.read_text())["provider_facts"]
        for url in entry.get("policy_pages") or []:
            path = "/" + url.split("/", 3)[3]
            page = next(
                (p for p in (_page_file(slug, path), _page_file(slug, path + "/")) if p.is_file()),
                None,
            )
            if page is None:
                continue
            facts = extract_site_facts(page.read_bytes(), url)
            assert re.search(r"refund|cancel", facts.get("refund_policy_text", ""), re.I), url
            if facts_truth.get("contact_email") and "contact_email" in facts:
                assert facts["contact_email"] == facts_truth["contact_email"]
            checked += 1
    assert checked >= 3
