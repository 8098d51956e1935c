"""Where CEU Scout keeps its files by default (all under the project's data/ folder)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_SOURCES = DATA_DIR / "sources.yml"
DEFAULT_DB = DATA_DIR / "catalog.db"
DEFAULT_SNAPSHOT = DATA_DIR / "public" / "catalog.db"
