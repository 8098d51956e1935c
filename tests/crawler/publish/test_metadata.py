"""The Datasette configuration matches the snapshot: every public column is described."""

from __future__ import annotations

import pytest
import sqlite_utils

from crawler.publish.catalog_table import CHECK_COLUMNS
from crawler.publish.serve import DATASETTE_DIR, load_config
from crawler.publish.snapshot import publish
from tests.support.publish import build_source_db


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    folder = tmp_path_factory.mktemp("metadata")
    build_source_db(folder / "live.db")
    publish(folder / "live.db", folder / "catalog.db")
    return sqlite_utils.Database(folder / "catalog.db")


def test_every_public_column_is_described_in_plain_words(snapshot):
    metadata, _ = load_config()
    tables = metadata["databases"]["catalog"]["tables"]
    for table in snapshot.table_names():
        if table.endswith(("_fts", "_data", "_idx", "_docsize", "_config")):
            continue
        described = tables[table]["columns"]
        for column in snapshot[table].columns_dict:
            assert len(described.get(column, "")) >= 8, f"{table}.{column} has no description"
        assert set(described) <= set(snapshot[table].columns_dict), table


def test_settings_are_public_safe():
    _, settings = load_config()
    assert settings["default_allow_sql"] is False
    assert settings["allow_download"] is False
    assert settings["suggest_facets"] is False
    assert settings["max_csv_mb"] == 0
    assert settings["max_returned_rows"] <= 1000


def test_facets_cover_every_criterion_and_the_issue_list():
    metadata, _ = load_config()
    configured = metadata["databases"]["catalog"]["tables"]["catalog"]["facets"]
    facets = [f if isinstance(f, str) else next(iter(f.values())) for f in configured]
    wanted = {
        "provider_name",
        "cost_class",
        "aama_approved",
        "aama_category",
        "format",
        "counts_toward",
        "band",
        *CHECK_COLUMNS,
    }
    assert wanted <= set(facets)


def test_datasette_folder_is_configuration_not_a_package():
    assert not (DATASETTE_DIR / "__init__.py").exists()
