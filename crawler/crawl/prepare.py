"""Get the catalog ready for a crawl: register each source, open (or resume) its run, seed it."""

from __future__ import annotations

from datetime import date

from crawler.sources import Source
from crawler.store import CatalogStore
from crawler.urls import canonicalize


def prepare_runs(sources: list[Source], store: CatalogStore, today: date) -> dict[str, int]:
    """Register providers, open (or resume) a run per source and seed its frontier."""
    runs = {}
    for source in sources:
        store.upsert_provider(
            source.slug,
            name=source.name,
            homepage=source.homepage,
            demo=int(source.demo),
            aama_approved_provider=int(source.aama_approved_provider),
            contact_url=source.contact_page,
        )
        run_id = store.begin_run(source.slug, today=today)
        store.seed(run_id, source.slug, [(canonicalize(url), kind) for url, kind in source.seeds()])
        runs[source.slug] = run_id
    return runs
