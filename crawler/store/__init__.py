"""SQLite catalog store and durable crawl frontier."""

from crawler.store.catalog import CatalogStore, PageOutcome
from crawler.store.frontier import FrontierRow
from crawler.store.runs import RunSummary

__all__ = ["CatalogStore", "FrontierRow", "PageOutcome", "RunSummary"]
