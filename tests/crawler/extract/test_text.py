"""The text shortcuts the fast paths rely on give what the plain (slow) way gives."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from crawler.extract.fields import first_phone, trim
from crawler.extract.text import clean, matches_at, parse_html, visible_text
from crawler.extract.text_patterns import (
    _COURSE_REF,
    _COURSE_REF_KEYS,
    _PRICE_KEYS,
    _PRICE_LINE,
)

_SLOW_VISIBLE = etree.XPath("//body//text()[not(ancestor::script or ancestor::style)]")

PROSE = (
    "Course #: CC-1055\nAAMA course number 88-1 and approval course code 77X are not refs.\n"
    "Module ID: M-2 then module no. 9 here.\nPrice: $25 for members\n  free\n$19.99 USD\n"
    "FEE waived; Registration opens soon at no charge.\nENROLLMENT is $5.\nFree\n€ 12,50"
)


@pytest.mark.parametrize(
    ("rx", "keys", "line_starts"),
    [(_COURSE_REF, _COURSE_REF_KEYS, False), (_PRICE_LINE, _PRICE_KEYS, True)],
)
def test_matches_at_finds_what_finditer_finds(rx, keys, line_starts):
    expected = [m.span() for m in rx.finditer(PROSE)]
    assert expected  # the sample exercises the pattern
    assert [m.span() for m in matches_at(rx, PROSE, keys, line_starts)] == expected


def test_matches_at_keeps_lookbehind_context_and_handles_case_changes():
    rx = re.compile(r"(?<!not )\bcourse \d+", re.I)
    assert [m.group(0) for m in matches_at(rx, "not course 1, COURSE 2", ("course",))] == [
        "COURSE 2"
    ]
    # "İ" lowercases to two characters: positions would shift, so it falls back to finditer
    text = "İ course 3"
    assert [m.group(0) for m in matches_at(rx, text, ("course",))] == ["course 3"]


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Call 555-123-4567</p><script>var t = '800-555-0000';</script>"
        "<style>p{}</style> tail</body></html>",
        # a script whose text equals a visible text node: dropping by value would be ambiguous
        "<html><body><p>x</p><script> </script> <p>y</p> <style> </style></body></html>",
        "<html><body><p>no scripts <b>at</b> all</p></body></html>",
    ],
)
def test_visible_text_leaves_out_scripts_and_styles(html):
    tree = parse_html(html)
    assert visible_text(tree) == " ".join(_SLOW_VISIBLE(tree))


def test_phone_in_a_script_is_not_the_contact_phone():
    tree = parse_html(
        "<html><body><script>var t = '800-555-0000';</script><p>Call (312) 555-0199</p></body>"
    )
    assert first_phone(tree, visible_text(tree)) == "(312) 555-0199"


@pytest.mark.parametrize("words", [10, 1500, 1700, 5000])
def test_trim_of_long_text_matches_cleaning_it_all(words):
    text = " \n ".join(f"word{i}\u200b\t" for i in range(words))
    cleaned = clean(text)
    expected = cleaned if len(cleaned) <= 2000 else cleaned[:1999].rsplit(" ", 1)[0] + "…"
    assert trim(text) == expected
