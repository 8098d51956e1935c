"""The command line as a person uses it: inspect a saved page, run the benchmark."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crawler.cli.main import main
from tests.support.browser import require_chromium
from tests.support.paths import ROOT

PAGE = ROOT / "tests" / "fixtures" / "providers" / "careerce" / "jsonld_course.html"
CRITERION_IDS = (
    "rationale outcomes instructor_credentials instructional_method fee_reasonable refund_policy "
    "credits_stated approval_body provider_contact credit_valid"
).split()


def inspect_saved_page(tmp_path, *extra: str):
    args = ["inspect", str(PAGE), "--url", "https://ce.example.org/courses/hipaa"]
    return CliRunner().invoke(main, [*args, "--db", str(tmp_path / "none.db"), *extra])


def test_inspect_json_gives_fields_under_catalog_names_and_the_score_card(tmp_path):
    result = inspect_saved_page(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["is_course"] is True
    assert report["url"] == "https://ce.example.org/courses/hipaa"
    assert report["title"] and report["field_sources"]["title"] in ("jsonld", "microdata", "rdfa")
    assert isinstance(report["objectives"], list)
    assert 0 <= report["score"] <= 100
    assert set(report["criteria"]) == set(CRITERION_IDS)
    assert set(report["criteria"].values()) <= {"met", "partial", "missing", "unknown"}


def test_inspect_text_shows_fields_with_their_sources(tmp_path):
    result = inspect_saved_page(tmp_path)
    assert result.exit_code == 0, result.output
    assert "Course: yes" in result.output
    assert "title" in result.output and "jsonld" in result.output
    assert "Score:" in result.output


def test_inspect_says_why_a_page_is_not_a_course(tmp_path):
    page = tmp_path / "gone.html"
    page.write_text(
        "<html><head><title>Page not found</title></head><body><h1>Sorry, this "
        "course could not be found.</h1><p>It may have been removed.</p></body></html>"
    )
    result = CliRunner().invoke(
        main, ["inspect", str(page), "--url", "https://x.org/c/1", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["is_course"] is False and report["not_course_reason"]


def test_inspect_refuses_loopback_without_opt_in():
    result = CliRunner().invoke(main, ["inspect", "http://127.0.0.1:9/courses/x"])
    assert result.exit_code != 0
    assert "private or loopback" in result.output


def test_crawl_with_a_malformed_sources_file_stops_before_any_request(tmp_path):
    bad = tmp_path / "sources.yml"
    bad.write_text("providers:\n  - slug: x\n    name: X\n    homepage: ftp://x.example/\n")
    result = CliRunner().invoke(
        main, ["crawl", "--sources", str(bad), "--db", str(tmp_path / "c.db")]
    )
    assert result.exit_code != 0
    assert str(bad) in result.output and "not an absolute http(s) URL" in result.output
    assert not (tmp_path / "c.db").exists()


@pytest.mark.slow
def test_bench_crawls_both_ways_and_prints_figures():
    out = subprocess.run(
        [sys.executable, "-m", "crawler.cli.main", "bench", "--pages", "60"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout)
    assert result["courses_stored"] == 60
    assert all(28 <= kb <= 62 for kb in result["page_kb"])
    for mode in ("bare", "full"):
        assert result[mode]["pages"] == 62 and result[mode]["pages_per_s"] > 0
        assert result[mode]["peak_rss_mb"] > 0
    assert result["full_to_bare_ratio"] == pytest.approx(
        result["full"]["pages_per_s"] / result["bare"]["pages_per_s"], abs=0.01
    )


@pytest.mark.slow
def test_bench_render_measures_rendered_pages_next_to_plain_ones():
    require_chromium()
    out = subprocess.run(
        [sys.executable, "-m", "crawler.cli.main", "bench", "--pages", "20", "--render"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout)
    assert result["rendered"]["courses_stored"] == 20
    assert result["rendered"]["pages"] == result["full"]["pages"] == 21
    assert result["rendered"]["ms_per_page"] > 0 and result["full"]["ms_per_page"] > 0
    assert result["rendered_to_full_ratio"] == pytest.approx(
        result["rendered"]["pages_per_s"] / result["full"]["pages_per_s"], abs=0.01
    )
