"""What the Scrapy components of one crawl share: the catalog store and the run id.

All components run on the reactor thread, so one store (one SQLite connection) per database
file serves every spider, middleware and pipeline of the process.
"""

from __future__ import annotations

from pathlib import Path

from crawler.store import CatalogStore

_STORES: dict[Path, CatalogStore] = {}


def store_for(settings_or_path) -> CatalogStore:
    """The process's store for a database path (or for the CEUSCOUT_DB of crawler settings)."""
    raw = (
        settings_or_path
        if isinstance(settings_or_path, str | Path)
        else settings_or_path.get("CEUSCOUT_DB")
    )
    path = Path(raw).resolve()
    if path not in _STORES:
        _STORES[path] = CatalogStore(path)
    return _STORES[path]


def run_id_of(settings) -> int:
    return settings.getint("CEUSCOUT_RUN_ID")


def close_stores() -> None:
    for store in _STORES.values():
        store.close()
    _STORES.clear()
