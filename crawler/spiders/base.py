"""The spider every provider uses: declarative, driven by one ``data/sources.yml`` entry.

Switches (all from the sources entry, see its header comment):
- ``start_urls``: listing pages; links on them matching ``listing`` are followed, links matching
  ``detail`` are course pages; pagination is simply a listing link.
- ``sitemaps``: sitemap or sitemap-index URLs; entries matching ``detail``/``listing`` are queued.
- ``catalog_json``: a JSON catalog endpoint (``items`` path, ``url_field``, ``next_field`` and a
  ``fields`` map for records that carry course data themselves).
- ``policy_pages`` / ``contact_page``: site-wide pages whose facts attach to every listing.
- ``allowed_hosts`` / ``deny``: where the crawl may go (``deny``: never fetched).
- none of ``start_urls`` / ``sitemaps`` / ``catalog_json``: discovery from the ``homepage``, its
  robots.txt ``Sitemap:`` lines and the usual sitemap locations; every same-site link is
  followed breadth-first (kind ``page``) unless ``listing``/``detail`` hints narrow it, and
  every page is judged by its content (course, listing, policy, contact, other).

The spider is handed its store and run id by ``crawler.crawl.run.crawl``; the pipeline and the
middlewares reach them through their crawler's spider. ``scrapy crawl catalog -a source=<slug>``
(optionally ``-s CEUSCOUT_DB=<path>``, ``-s CEUSCOUT_SOURCES=<path>``) opens them itself.

Every request carries ``frontier_url`` (the canonical URL of its frontier row) and ``kind``. Each
callback yields exactly one ``PageResult`` first (stored with the frontier row in one transaction)
and then the requests for newly discovered links, so a kill at any point loses nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterable
from datetime import date
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap

from crawler.crawl.prepare import prepare_runs
from crawler.crawl.render import render_settings
from crawler.crawl.traps import FrontierGuard, junk_reason
from crawler.extract import course_from_record, extract_page, extract_site_facts
from crawler.items import PageResult
from crawler.paths import DEFAULT_DB, DEFAULT_SOURCES
from crawler.sources import Source, load_sources, select
from crawler.spiders import discovery
from crawler.store import CatalogStore
from crawler.urls import canonical_or_none, canonicalize

_PRIORITY = {
    "policy": 30,
    "contact": 30,
    "sitemap": 20,
    "catalog-json": 20,
    "robots": 20,
    "listing": 10,
    "detail": 0,
    "page": -10,
}


class CatalogSpider(scrapy.Spider):
    name = "catalog"
    source: Source

    def __init__(self, source: Source, store: CatalogStore, run_id: int, **kwargs):
        super().__init__(name=source.slug, **kwargs)
        self.source = source
        self.store = store
        self.run_id = run_id
        self.allowed_domains = list(source.allowed_hosts)
        self._detail = [re.compile(p) for p in source.detail]
        self._listing = [re.compile(p) for p in source.listing]
        self._deny = [re.compile(p) for p in source.deny]
        self._listing_paths: set[str] = set()
        self._course_ids: set[str] = set()
        self.guard = FrontierGuard(source.max_pages, source.max_depth)
        self._links = LinkExtractor(tags=("a", "area", "link"), attrs=("href",), canonicalize=False)
        self.rendered: set[str] = set()  # URLs sent through the browser (render_budget)
        self.unrendered = 0  # pages past the budget, fetched without the browser

    @classmethod
    def from_crawler(cls, crawler, source: Source | str, store=None, run_id=None, **kwargs):
        if isinstance(source, str):  # `scrapy crawl catalog -a source=<slug>`
            source, store, run_id = _open_standalone(crawler.settings, source)
            crawler.signals.connect(store.close, signal=signals.engine_stopped)
            # Settings are still open here; crawl() does the same for its render sources.
            crawler.settings.update(render_settings([source]), priority="spider")
        return super().from_crawler(crawler, source=source, store=store, run_id=run_id, **kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.done = self.store.done_urls(self.run_id)
        self.known = self.store.frontier_urls(self.run_id)
        self.guard.known = len(self.known)
        for row in self.store.pending(self.run_id):
            yield self.request(row.url, row.kind)

    # -- requests ---------------------------------------------------------------------------
    def request(self, url: str, kind: str, depth: int = 0) -> scrapy.Request:
        # Discovered pages go breadth-first: the shallower, the sooner.
        priority = _PRIORITY.get(kind, 0) - (depth if kind == "page" else 0)
        return scrapy.Request(
            url,
            callback=self.parse_by_kind,
            errback=self.failed,
            priority=priority,
            meta={"frontier_url": url, "kind": kind, "depth": depth, **self.render_meta(url, kind)},
        )

    # -- rendering (render: in the sources entry; see crawler/crawl/render.py) ---------------
    def render_meta(self, url: str, kind: str) -> dict:
        """Meta that sends this request through the browser, while the render budget lasts."""
        if not self.source.renders(kind):
            return {}
        # A page is linked from many others: the budget counts distinct URLs, not requests.
        if url not in self.rendered and len(self.rendered) >= self.source.render_budget:
            self.unrendered += 1
            if self.unrendered == 1:
                self.logger.warning(
                    "render budget of %d pages spent; the rest are fetched without rendering",
                    self.source.render_budget,
                )
            return {}
        self.rendered.add(url)
        # The catalog is built by scripts after `load`: wait until their requests have settled.
        return {"playwright": True, "playwright_page_goto_kwargs": {"wait_until": "networkidle"}}

    def follow(self, links: Iterable[tuple[str, str]], depth: int = 0) -> Iterable[scrapy.Request]:
        for url, kind in links:
            if url not in self.done:
                yield self.request(url, kind, depth)

    def classify(self, url: str) -> str | None:
        """'detail', 'listing' or None (not followed) for a canonical URL on an allowed host."""
        parts = urlsplit(url)
        if (
            parts.scheme not in ("http", "https")
            or (parts.hostname or "") not in self.allowed_domains
        ):
            return None
        target = url[len(f"{parts.scheme}://{parts.netloc}") :]
        if any(p.search(target) for p in self._deny):
            return None
        if any(p.search(target) for p in self._detail):
            return "detail"
        if any(p.search(target) for p in self._listing):
            return "listing"
        if self.source.discovers and not (self._detail or self._listing):
            return None if discovery.is_asset(url) else "page"
        return None

    def course_links(self, response: Response) -> list[tuple[str, str]]:
        """Links worth following on a listing page, as (canonical URL, kind)."""
        return self.classify_all(link.url for link in self._links.extract_links(response))

    def classify_all(self, urls: Iterable[str]) -> list[tuple[str, str]]:
        found: dict[str, str] = {}
        for raw in urls:
            url = canonical_or_none(raw)
            kind = self.classify(url) if url else None
            if kind and url not in found:
                found[url] = kind
        return list(found.items())

    # -- callbacks ----------------------------------------------------------------------------
    def parse_by_kind(self, response: Response):
        kind = response.meta["kind"]
        handler = {
            "listing": self.parse_listing,
            "detail": self.parse_detail,
            "sitemap": self.parse_sitemap,
            "catalog-json": self.parse_catalog_json,
            "policy": self.parse_site_page,
            "contact": self.parse_site_page,
            "page": self.parse_page,
            "robots": self.parse_robots,
        }[kind]
        page = self.page(response, kind)
        page.depth = response.meta.get("depth", 0)
        if response.status >= 400:
            page.status = response.status
            page.not_course_reason = f"HTTP {response.status}"
            yield page
            return
        handler(response, page)
        self.admit(page)
        yield page
        yield from self.follow(page.links, page.depth + 1)

    def admit(self, page: PageResult) -> None:
        """Keep the links the guards let through (refusals are recorded on the run) and tell
        the guards whether the page gave anything new."""
        admitted, own = [], urlsplit(page.url)[:3]
        new_courses = {course.id for course in page.courses} - self._course_ids
        self._course_ids |= new_courses
        productive = bool(new_courses)
        for url, kind in page.links:
            if url in self.known:
                admitted.append((url, kind))
                continue
            refused = self.guard.admit(url, page.depth + 1, page.url)
            if refused:
                page.guards.append((*refused, url))
                continue
            self.known.add(url)
            admitted.append((url, kind))
            productive = productive or urlsplit(url)[:3] != own
        page.links = admitted
        self.guard.fetched(page.url, productive)

    def page(self, response: Response, kind: str) -> PageResult:
        return PageResult(source=self.source.slug, url=response.meta["frontier_url"], kind=kind)

    def parse_listing(self, response: Response, page: PageResult) -> None:
        page.links = self.course_links(response)

    def parse_page(self, response: Response, page: PageResult) -> None:
        """A discovered page: a JSON document gives its links; HTML is judged by its content."""
        data = discovery.as_json(response)
        if data is not None:
            page.not_course_reason = "JSON document"
            page.links = self.classify_all(
                urljoin(response.url, u) for u in discovery.json_links(data)
            )
            return
        if not isinstance(response, TextResponse):
            page.not_course_reason = "not a web page"
            return
        path = urlsplit(page.url)._replace(query="").geturl()
        extraction = self.parse_detail(response, page)
        page.links += self.classify_all(
            urljoin(response.url, u) for u in discovery.data_links(response)
        )
        if extraction.is_course and path in self._listing_paths:
            # The short last page of a paginated listing reads like one course; its siblings
            # (same path, another query) were listings by their content.
            page.courses.clear()
            extraction.is_course, extraction.not_course_reason = False, "listing page"
        if extraction.is_course:
            return
        kind, facts = discovery.site_page(response, extraction)
        if kind == "listing":
            self._listing_paths.add(path)
        if kind == "policy":
            facts["refund_policy_url"] = canonicalize(response.url)
        elif kind == "contact":
            facts["contact_url"] = canonicalize(response.url)
        if kind in discovery.SITE_KINDS:
            page.not_course_reason = f"{kind} page"
        page.provider_facts = facts

    def parse_robots(self, response: Response, page: PageResult) -> None:
        page.not_course_reason = "robots.txt"
        for raw in discovery.robots_sitemaps(response):
            url = canonical_or_none(raw)
            if url and (urlsplit(url).hostname or "") in self.allowed_domains:
                page.links.append((url, "sitemap"))

    def parse_detail(self, response: Response, page: PageResult):
        extraction = extract_page(
            response.body, response.url, self.source.slug, self.source.config()
        )
        junk = junk_reason(extraction.course.url) if extraction.is_course else None
        if junk:
            page.not_course_reason = f"course at a junk address: {junk}"
        elif extraction.is_course:
            page.courses.append(extraction.course)
        else:
            page.not_course_reason = extraction.not_course_reason
        # The extraction already parsed the page: reuse its hrefs rather than parse it again.
        page.links = self.classify_all(
            urljoin(response.url, href.strip()) for href in extraction.links
        )
        return extraction

    def parse_sitemap(self, response: Response, page: PageResult) -> None:
        body = discovery.sitemap_body(response, self.settings.getint("DOWNLOAD_MAXSIZE"))
        if body is None:
            page.not_course_reason = "not a sitemap"
            return
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml raises several types on a broken sitemap
            page.not_course_reason = f"unreadable sitemap: {exc}"
            return
        for entry in sitemap:
            url = canonical_or_none(urljoin(response.url, entry.get("loc", "").strip()))
            if not url:
                continue
            kind = "sitemap" if sitemap.type == "sitemapindex" else self.classify(url)
            if kind:
                page.links.append((url, kind))

    def parse_catalog_json(self, response: Response, page: PageResult) -> None:
        spec = self.source.catalog_json or {}
        try:
            data = json.loads(response.text)
        except ValueError as exc:
            page.not_course_reason = f"catalog endpoint did not return JSON: {exc}"
            return
        records = _dig(data, spec.get("items", ""))
        for record in records if isinstance(records, list) else []:
            href = _dig(record, spec["url_field"]) if isinstance(record, dict) else None
            if not isinstance(href, str):
                continue
            url = canonical_or_none(urljoin(response.url, href))
            if not url:
                continue
            if spec.get("fields"):
                page.courses.append(
                    course_from_record(
                        record, spec["fields"], url, self.source.slug, self.source.config()
                    )
                )
            if self.classify(url) == "detail":
                page.links.append((url, "detail"))
        following = _dig(data, spec["next_field"]) if spec.get("next_field") else None
        if isinstance(following, str) and following.strip():
            next_url = canonical_or_none(urljoin(response.url, following.strip()))
            if next_url:
                page.links.append((next_url, "catalog-json"))

    def parse_site_page(self, response: Response, page: PageResult) -> None:
        facts = extract_site_facts(response.body, response.url)
        if "refund_policy_text" in facts and page.kind == "policy":
            facts["refund_policy_url"] = canonicalize(response.url)
        page.provider_facts = facts

    def failed(self, failure):
        request = failure.request
        page = PageResult(
            source=self.source.slug,
            url=request.meta["frontier_url"],
            kind=request.meta["kind"],
            status=0,
            not_course_reason=f"{failure.type.__name__}: {failure.getErrorMessage()}",
        )
        yield page


def _open_standalone(settings, slug: str) -> tuple[Source, CatalogStore, int]:
    sources = load_sources(settings.get("CEUSCOUT_SOURCES") or DEFAULT_SOURCES)
    chosen = select(sources, (slug,))
    store = CatalogStore(settings.get("CEUSCOUT_DB") or DEFAULT_DB)
    today = date.fromisoformat(settings.get("CEUSCOUT_TODAY") or date.today().isoformat())
    return chosen[0], store, prepare_runs(chosen, store, today)[slug]


def _dig(data, path: str):
    for key in [k for k in (path or "").split(".") if k]:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
