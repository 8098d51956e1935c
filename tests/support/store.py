"""Shared builders and fixtures for the store tests (this module holds no tests itself)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from crawler.items import Course, PageResult
from crawler.store import CatalogStore

TODAY = date(2026, 11, 25)
SITE = "http://127.0.0.2"


class FakeClock:
    """A clock the test moves by hand, so timestamps are exact and comparable."""

    def __init__(self, start: datetime = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def open_store(tmp_path: Path, clock: FakeClock | None = None) -> CatalogStore:
    return CatalogStore(tmp_path / "data" / "catalog.db", clock=clock or FakeClock())


# Test modules import these by their function names and request them as ``clock`` and ``store``
# (distinct function names keep the fixture from being shadowed by a test parameter).
@pytest.fixture(name="clock")
def clock_fixture() -> FakeClock:
    return FakeClock()


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path, clock: FakeClock):
    """An open CatalogStore in ``tmp_path`` whose timestamps come from the ``clock`` fixture."""
    with open_store(tmp_path, clock) as opened:
        yield opened


def course_url(ref: str) -> str:
    return f"{SITE}/courses/{ref}"


def make_course(ref: str, source: str = "jsonld", provider: str = "demo", **values) -> Course:
    """A course whose fields in ``values`` all come from extraction layer ``source``."""
    course = Course(id=f"{provider}:{ref}", provider=provider, url=course_url(ref))
    course.set("title", values.pop("title", f"Course {ref}"), source)
    for name, value in values.items():
        course.set(name, value, source)
    return course


def make_page(
    courses: list[Course] | Course | None = None,
    url: str | None = None,
    links: list[tuple[str, str]] | None = None,
    source: str = "demo",
    **extra,
) -> PageResult:
    if isinstance(courses, Course):
        courses = [courses]
    courses = courses or []
    return PageResult(
        source=source,
        url=url or (courses[0].url if courses else f"{SITE}/catalog"),
        kind="detail" if courses else "listing",
        courses=courses,
        links=links or [],
        **extra,
    )
