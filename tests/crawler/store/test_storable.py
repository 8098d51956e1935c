"""Text that cannot be encoded for SQLite (lone surrogates, NULs) is made storable once, at the
item/store boundary; the course is stored, never lost."""

import json

from crawler.items import Course, storable
from tests.support.store import TODAY, make_course, make_page

LONE = json.loads('"Stay safe \\ud83d at work\\u0000"')


def test_storable_replaces_lone_surrogates_and_drops_nuls() -> None:
    assert storable(LONE) == "Stay safe \ufffd at work"
    assert storable(["a\ud800", {"k\x00": "\udfff"}]) == ["a\ufffd", {"k": "\ufffd"}]
    assert storable("emoji 😀 kept") == "emoji 😀 kept"


def test_set_and_to_row_give_storable_text() -> None:
    course = Course(id="x:1", provider="x", url="https://x.example/1")
    course.set("title", LONE, "jsonld")
    course.instructors = [{"name": "A\ud83d"}]  # assigned without set()
    row = course.to_row()
    assert row["title"] == "Stay safe \ufffd at work"
    assert "\\ud83d" not in row["instructors"] and "\ud83d" not in row["instructors"]


def test_course_with_a_lone_surrogate_is_stored(store) -> None:
    run_id = store.begin_run("demo", today=TODAY)
    course = make_course("1")
    course.description = LONE
    course.objectives = ["Describe \ud83d hand hygiene"]
    store.store_page(run_id, make_page(course))
    row = store.course("demo:1")
    assert row["description"] == "Stay safe \ufffd at work"
    assert "\ufffd" in row["objectives"]
