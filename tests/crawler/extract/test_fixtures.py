"""Every saved page under tests/fixtures/extract/ against its .expected.json.

An expected file holds the page's URL (and optional sources.yml ``config``), whether it is a
course (or why not), and the fields that must come out, with the layer each came from.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from crawler.extract import extract_page
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES / "extract"
CASES = sorted(p.name.removesuffix(".html") for p in FIXTURES.glob("*.html"))


def _provider(url: str) -> str:
    return url.split("//", 1)[1].split(".", 1)[0]


@pytest.mark.parametrize("case", CASES)
def test_page_extraction_matches_expected(case: str) -> None:
    expected = json.loads((FIXTURES / f"{case}.expected.json").read_text())
    html = (FIXTURES / f"{case}.html").read_bytes()
    result = extract_page(html, expected["url"], _provider(expected["url"]), expected.get("config"))

    assert result.is_course == expected["is_course"]
    assert result.not_course_reason == expected.get("not_course_reason")
    if not expected["is_course"]:
        assert result.course is None
        return
    course = asdict(result.course)
    wanted = dict(expected["course"])
    sources = wanted.pop("field_sources", {})
    assert {k: course[k] for k in wanted} == wanted
    assert {k: course["field_sources"].get(k) for k in sources} == sources
    if "section_headings" in expected:
        assert list(course["sections"]) == expected["section_headings"]
    assert result.course.validate() == []
    assert set(course["field_sources"]) <= {
        k for k, v in course.items() if v not in (None, "", [], {})
    }


def test_every_fixture_has_an_expected_file() -> None:
    assert len(CASES) >= 10
    for case in CASES:
        assert (FIXTURES / f"{case}.expected.json").is_file(), case


@pytest.mark.parametrize(
    "html",
    [
        b"",
        "   ",
        b"\x00\xff\xfe binary junk \x89PNG",
        "<html><body><script>var price = '$5';</script></body></html>",
        "<p>unclosed <div><h1>Title only",
        '<script type="application/ld+json">{"@type": "Course", "name": </script>',
        '<script type="application/ld+json">[1, "x", null, {"@graph": 3}]</script>',
        "<html><body>" + "<div>" * 400 + "deep" + "</div>" * 400 + "</body></html>",
    ],
)
def test_bad_input_is_not_a_course_and_does_not_crash(html) -> None:
    result = extract_page(html, "https://x.example/c/1", "x")
    assert result.is_course is False and result.course is None
    assert result.not_course_reason


def test_page_bytes_in_a_declared_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1252"></head><body><h1>Soins des plaies</h1>'
        "<p>Cours approuvé pour 1.0 contact hour. Price: 25 €</p>"
        "<h2>Objectives</h2><ul><li>Décrire les étapes</li></ul></body></html>"
    ).encode("cp1252")
    result = extract_page(html, "https://x.example/c/plaies", "x")
    assert result.is_course
    assert result.course.objectives == ["Décrire les étapes"]
    assert (result.course.price_amount, result.course.price_currency) == (25.0, "EUR")
