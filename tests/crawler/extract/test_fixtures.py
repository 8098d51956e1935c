"""Every saved provider page against its whole expected extraction (see tests.support.fixtures,
which also regenerates the expected files after a reviewed change)."""

from __future__ import annotations

import json

import pytest

from crawler.extract import extract_page
from tests.support.fixtures import expected_file, extraction_of, pages

PAGES = pages()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_extraction_matches_expected(page) -> None:
    expected = json.loads(expected_file(page).read_text(encoding="utf-8"))
    got = extraction_of(page, expected["url"], expected.get("config"))
    assert got == expected["extraction"], "run `python -m tests.support.fixtures` after review"
    if got["is_course"]:
        course = got["course"]
        assert set(course["field_sources"]) <= {
            k for k, v in course.items() if v not in (None, "", [], {})
        }


def test_every_fixture_has_an_expected_file() -> None:
    assert len(PAGES) >= 10
    for page in PAGES:
        assert expected_file(page).is_file(), page


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
