"""The catalog benchmark runs end to end on a small sample of resampled real records."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crawler.bench.catalog import seed_records
from crawler.cli.bench import bench_catalog as bench_command
from tests.support.paths import REALWORLD_DIR

REALWORLD = REALWORLD_DIR


@pytest.mark.skipif(not REALWORLD.exists(), reason="../shared/realworld is absent")
def test_seed_records_come_from_real_sources():
    seeds = seed_records(REALWORLD)
    assert len(seeds["udemy"]) > 3000
    assert all(r["title"] and r["url"] for records in seeds.values() for r in records)


@pytest.mark.skipif(not REALWORLD.exists(), reason="../shared/realworld is absent")
def test_bench_reports_percentiles_and_checks_the_csv(tmp_path):
    result = CliRunner().invoke(
        bench_command,
        ["--rows", "1000", "--runs", "2", "--csv-runs", "1", "--workdir", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["rows"] == 1000
    for name in ("table_with_facets", "search", "filtered_table", "csv_10000_rows"):
        assert report[name]["p95_ms"] >= report[name]["p50_ms"] > 0
