"""The pure merge rules: missing fields never blank stored ones, weaker layers never win."""

import json
from datetime import date

from crawler.items import Course
from crawler.store.merge import is_empty, merge_course, status_for


def row(**values) -> dict:
    sources = values.pop("sources", {})
    course = Course(id="demo:1", provider="demo", url="http://127.0.0.2/courses/1", **values)
    course.field_sources.update(sources)
    return course.to_row()


def test_zero_and_false_are_values_not_missing():
    assert is_empty(None) and is_empty("") and is_empty([]) and is_empty({})
    assert not is_empty(0) and not is_empty(0.0) and not is_empty(False)


def test_missing_field_keeps_stored_value():
    stored = row(
        title="A", price_amount=25.0, sources={"title": "jsonld", "price_amount": "jsonld"}
    )
    merge = merge_course(stored, row(title="A", sources={"title": "jsonld"}))
    assert merge.updates == {} and merge.changed == []


def test_free_price_zero_replaces_a_stored_price():
    stored = row(price_amount=25.0, sources={"price_amount": "jsonld"})
    merge = merge_course(stored, row(price_amount=0.0, sources={"price_amount": "jsonld"}))
    assert merge.updates["price_amount"] == 0.0 and merge.changed == ["price_amount"]


def test_weaker_layer_does_not_replace_stronger_one():
    stored = row(price_amount=25.0, sources={"price_amount": "jsonld"})
    weaker = row(price_amount=99.0, sources={"price_amount": "text-pattern"})
    assert merge_course(stored, weaker).updates == {}


def test_equal_or_stronger_layer_replaces_and_records_its_source():
    stored = row(price_amount=25.0, sources={"price_amount": "heading-section"})
    for source in ("heading-section", "selector", "json-api"):
        merge = merge_course(stored, row(price_amount=30.0, sources={"price_amount": source}))
        assert merge.updates["price_amount"] == 30.0
        sources = merge.updates.get("field_sources", stored["field_sources"])
        assert json.loads(sources) == {"price_amount": source}


def test_weaker_layer_fills_a_field_that_was_empty():
    stored = row(title="A", sources={"title": "jsonld"})
    merge = merge_course(stored, row(audience="CMAs", sources={"audience": "text-pattern"}))
    assert merge.updates["audience"] == "CMAs"
    assert json.loads(merge.updates["field_sources"]) == {
        "title": "jsonld",
        "audience": "text-pattern",
    }


def test_same_value_from_stronger_layer_upgrades_source_without_a_change():
    stored = row(audience="CMAs", sources={"audience": "text-pattern"})
    merge = merge_course(stored, row(audience="CMAs", sources={"audience": "jsonld"}))
    assert merge.changed == []
    assert json.loads(merge.updates["field_sources"]) == {"audience": "jsonld"}


def test_unattributed_value_is_weakest():
    stored = row(audience="CMAs", sources={"audience": "text-pattern"})
    assert merge_course(stored, row(audience="Everyone")).updates == {}
    assert merge_course(row(audience="CMAs"), row(audience="Everyone")).changed == ["audience"]


def test_json_fields_compare_by_content():
    stored = row(objectives=["a", "b"], sources={"objectives": "jsonld"})
    stored["objectives"] = '["a",  "b"]'  # same list, other spacing
    merge = merge_course(stored, row(objectives=["a", "b"], sources={"objectives": "jsonld"}))
    assert merge.changed == []
    merge = merge_course(stored, row(objectives=["a", "c"], sources={"objectives": "jsonld"}))
    assert merge.changed == ["objectives"] and json.loads(merge.updates["objectives"]) == ["a", "c"]


def test_status_expires_on_expiry_or_approval_date():
    today = date(2026, 11, 25)
    assert status_for({"expiry_date": "2026-11-25"}, today) == "active"
    assert status_for({"expiry_date": "2026-11-24"}, today) == "expired"
    assert status_for({"approval_valid_through": "2025-12-31"}, today) == "expired"
    assert status_for({"expiry_date": None, "approval_valid_through": None}, today) == "active"
