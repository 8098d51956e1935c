"""The CSV re-writer neutralizes formulas however the stream is chunked."""

from __future__ import annotations

import csv
import io

import pytest

from crawler.publish.csv_safety import CsvNeutralizer, neutralize_cell

ROWS = [
    ["id", "title", "price"],
    ["a:1", '=HYPERLINK("http://evil.example","x")', "0.0"],
    ["a:2", "+SUM(1,2)", "-3"],
    ["a:3", "@cmd", "-1+2"],
    ["a:4", 'line one\nline two, with "quotes"', "12.5"],
    ["a:5", "Phlébotomie — naïve ✓", ""],
    ["a:6", "\tTabbed", "\rCR"],
]


def as_csv(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1-800-FLOWERS", "'+1-800-FLOWERS"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("-3", "-3"),
        ("+2.5e3", "+2.5e3"),
        ("Phlebotomy", "Phlebotomy"),
        ("", ""),
    ],
)
def test_neutralize_cell(cell, expected):
    assert neutralize_cell(cell) == expected


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 64, 100_000])
def test_rewrite_is_the_same_for_any_chunking(chunk_size):
    data = as_csv(ROWS)
    rewriter = CsvNeutralizer({"title": "Title"})
    out = (
        b"".join(rewriter.feed(data[i : i + chunk_size]) for i in range(0, len(data), chunk_size))
        + rewriter.close()
    )
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    assert rows[0] == ["id", "Title", "price"]
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[2][1:] == ["'+SUM(1,2)", "-3"]
    assert rows[3][1:] == ["'@cmd", "'-1+2"]
    assert rows[4][1] == 'line one\nline two, with "quotes"'
    assert rows[5][1] == "Phlébotomie — naïve ✓"
    assert rows[6][1:] == ["'\tTabbed", "'\rCR"]
    assert len(rows) == len(ROWS)


def test_without_header_mapping_first_row_is_data():
    rewriter = CsvNeutralizer(None)
    out = rewriter.feed(as_csv([["title"], ["=1"]])) + rewriter.close()
    assert out.decode() == "title\r\n'=1\r\n"
