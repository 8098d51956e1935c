"""course_from_record: one record of a JSON catalog endpoint -> a Course (source "json-api")."""

from __future__ import annotations

from typing import Any

from crawler.extract.fields import apply_field
from crawler.items import Course
from crawler.urls import canonicalize, course_id

SOURCE = "json-api"
_MISSING = object()


def dig(record: Any, path: str) -> Any:
    """``record["a"]["b"]`` for "a.b"; list indexes as digits ("offers.0.price"). None when "
    "absent."""
    value = record
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part, _MISSING)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
        if value is _MISSING:
            return None
    return value


def course_from_record(
    record: dict, fields: dict, url: str, provider: str, config: dict | None = None
) -> Course:
    """Map catalog columns to record keys (``fields``: column -> dotted key) and normalize the
    values exactly as page values are (price text, credit text, dates, people)."""
    config = config or {}
    course = Course(
        id=course_id(provider, url, config.get("course_ref")),
        provider=provider,
        url=canonicalize(url),
    )
    for column, key in fields.items():
        apply_field(course, column, dig(record, key), SOURCE)
    course.set("provider_name", config.get("name"), "source-config")
    return course
