"""Folders the tests read, built once."""

from pathlib import Path

from crawler.paths import DATA_DIR, DEMO_DIR, REALWORLD_DIR, ROOT

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "fixtures"
LABELS = TESTS / "labels"

__all__ = ["DATA_DIR", "DEMO_DIR", "FIXTURES", "LABELS", "REALWORLD_DIR", "ROOT", "TESTS"]
