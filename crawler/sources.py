"""Load and validate ``data/sources.yml``: every problem is reported before any request is made."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml
from parsel.csstranslator import HTMLTranslator

from crawler.items import COURSE_FIELDS
from crawler.paths import DEFAULT_SOURCES

SECTIONS = ("providers", "demo_providers")
USUAL_SITEMAPS = ("sitemap.xml", "sitemap_index.xml")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KEYS = {
    "slug",
    "name",
    "homepage",
    "start_urls",
    "sitemaps",
    "catalog_json",
    "allowed_hosts",
    "listing",
    "detail",
    "deny",
    "course_ref",
    "policy_pages",
    "contact_page",
    "selectors",
    "aama_approved_provider",
    "notes",
    "demo_site",
    "max_pages",
    "max_depth",
    "render",
    "render_budget",
}
# Sized for a CE catalog: a few hundred courses, their listings and the site around them.
DEFAULT_MAX_PAGES = 3000
DEFAULT_MAX_DEPTH = 8
# `render: true` (or `listings`) renders listing pages in Chromium, and the pages discovery finds
# from a homepage (any of them may be the listing); `all` renders course pages too.
_RENDER = {
    False: (),
    True: ("listing", "page"),
    "listings": ("listing", "page"),
    "all": ("listing", "page", "detail"),
}
DEFAULT_RENDER_BUDGET = 50
_CATALOG_JSON_KEYS = {"url", "items", "url_field", "next_field", "fields"}


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the file, entry and key."""


@dataclass(frozen=True)
class Source:
    slug: str
    name: str
    homepage: str
    demo: bool = False
    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    catalog_json: dict[str, Any] | None = None
    allowed_hosts: tuple[str, ...] = ()
    listing: tuple[str, ...] = ()
    detail: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    course_ref: str | None = None
    policy_pages: tuple[str, ...] = ()
    contact_page: str | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    aama_approved_provider: bool = False
    demo_site: str | None = None
    notes: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int = DEFAULT_MAX_DEPTH

    render: tuple[str, ...] = ()
    render_budget: int = DEFAULT_RENDER_BUDGET

    @property
    def discovers(self) -> bool:
        """True when no start point is configured: the crawl starts from the homepage."""
        return not (self.start_urls or self.sitemaps or self.catalog_json)

    def renders(self, kind: str) -> bool:
        """Whether pages of ``kind`` ('listing', 'detail', ...) are fetched in the browser."""
        return kind in self.render

    def config(self) -> dict[str, Any]:
        """The plain dict the extraction functions take."""
        return {
            "name": self.name,
            "selectors": dict(self.selectors),
            "course_ref": self.course_ref,
            "aama_approved_provider": self.aama_approved_provider,
        }

    def with_port(self, port: int) -> Source:
        """The same source with every URL moved to ``port`` (the demo web on a chosen port)."""

        def move(url: str) -> str:
            parts = urlsplit(url)
            if not parts.netloc:
                return url
            return urlunsplit(parts._replace(netloc=f"{parts.hostname}:{port}"))

        catalog = (
            dict(self.catalog_json, url=move(self.catalog_json["url"]))
            if self.catalog_json
            else None
        )
        return replace(
            self,
            homepage=move(self.homepage),
            start_urls=tuple(map(move, self.start_urls)),
            sitemaps=tuple(map(move, self.sitemaps)),
            catalog_json=catalog,
            policy_pages=tuple(map(move, self.policy_pages)),
            contact_page=move(self.contact_page) if self.contact_page else None,
        )

    def seeds(self) -> list[tuple[str, str]]:
        """(url, kind) pairs the crawl starts from."""
        seeds = []
        if self.discovers:
            root = urlunsplit(urlsplit(self.homepage)._replace(path="/", query="", fragment=""))
            seeds += [(self.homepage, "page"), (root + "robots.txt", "robots")]
            seeds += [(root + name, "sitemap") for name in USUAL_SITEMAPS]
        seeds += [(u, "listing") for u in self.start_urls]
        seeds += [(u, "sitemap") for u in self.sitemaps]
        if self.catalog_json:
            seeds.append((self.catalog_json["url"], "catalog-json"))
        seeds += [(u, "policy") for u in self.policy_pages]
        if self.contact_page:
            seeds.append((self.contact_page, "contact"))
        return seeds


def _slug_lines(text: str, slug: str) -> list[int]:
    pattern = re.compile(rf"\s*-?\s*slug:\s*['\"]?{re.escape(slug)}['\"]?\s*$")
    return [n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def _line_of(text: str, slug: str | None, index: int) -> str:
    lines = _slug_lines(text, slug) if slug else []
    return f"line {lines[0]}" if lines else f"entry #{index + 1}"


def _urls(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(u, str) for u in items):
        raise SourcesError(f"{where}: {key} must be a URL or a list of URLs")
    for url in items:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where}: {key} has {url!r}, not an absolute http(s) URL")
    return tuple(items)


def _regexes(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value or []
    if not isinstance(items, list):
        raise SourcesError(f"{where}: {key} must be a regex or a list of regexes")
    for pattern in items:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise SourcesError(f"{where}: {key} regex {pattern!r} does not compile: {exc}") from exc
    return tuple(items)


def _selectors(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SourcesError(f"{where}: selectors must map catalog columns to CSS selectors")
    translator = HTMLTranslator()
    for column, css in value.items():
        if column not in COURSE_FIELDS:
            raise SourcesError(f"{where}: selectors names unknown column {column!r}")
        try:
            translator.css_to_xpath(css)
        except Exception as exc:  # cssselect raises several types for bad syntax
            raise SourcesError(f"{where}: selector for {column} {css!r} is invalid: {exc}") from exc
    return dict(value)


def _catalog_json(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or "url" not in value:
        raise SourcesError(f"{where}: catalog_json needs at least a url")
    unknown = set(value) - _CATALOG_JSON_KEYS
    if unknown:
        raise SourcesError(f"{where}: catalog_json has unknown key(s) {sorted(unknown)}")
    _urls(value["url"], where, "catalog_json.url")
    fields = value.get("fields") or {}
    bad = [c for c in fields if c not in COURSE_FIELDS]
    if bad:
        raise SourcesError(f"{where}: catalog_json.fields names unknown column(s) {bad}")
    return {"items": "", "url_field": "url", "next_field": None, **value, "fields": fields}


def _source(entry: Any, index: int, demo: bool, text: str, path: Path) -> Source:
    slug = entry.get("slug") if isinstance(entry, dict) else None
    where = f"{path}: {_line_of(text, slug, index)} ({slug or 'no slug'})"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: an entry must be a mapping of keys")
    unknown = set(entry) - _KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    for key in ("slug", "name", "homepage"):
        if not entry.get(key):
            raise SourcesError(f"{where}: missing {key}")
    if not _SLUG.match(str(slug)):
        raise SourcesError(f"{where}: slug {slug!r} must be lowercase letters, digits and dashes")
    limits = {}
    for key in ("max_pages", "max_depth"):
        if key in entry:
            value = entry[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise SourcesError(f"{where}: {key} must be a positive whole number")
            limits[key] = value
    start_urls = _urls(entry.get("start_urls", []), where, "start_urls")
    sitemaps = _urls(entry.get("sitemaps", []), where, "sitemaps")
    policy = _urls(entry.get("policy_pages", []), where, "policy_pages")
    contact = entry.get("contact_page")
    if contact:
        _urls(contact, where, "contact_page")
    catalog = _catalog_json(entry["catalog_json"], where) if entry.get("catalog_json") else None
    course_ref = entry.get("course_ref")
    if course_ref:
        (course_ref,) = _regexes(course_ref, where, "course_ref")
        if re.compile(course_ref).groups != 1:
            raise SourcesError(f"{where}: course_ref regex must have exactly one group")
    _urls(entry["homepage"], where, "homepage")
    render = _render(entry.get("render", False), where)
    budget = entry.get("render_budget", DEFAULT_RENDER_BUDGET)
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
        raise SourcesError(f"{where}: render_budget must be a whole number of pages, at least 1")
    seeds = [entry["homepage"], *start_urls, *sitemaps, *policy] + (
        [catalog["url"]] if catalog else []
    )
    hosts = entry.get("allowed_hosts") or sorted({urlsplit(u).hostname for u in seeds})
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise SourcesError(f"{where}: allowed_hosts must be a list of host names")
    return Source(
        slug=slug,
        name=str(entry["name"]),
        homepage=entry["homepage"],
        demo=demo,
        start_urls=start_urls,
        sitemaps=sitemaps,
        catalog_json=catalog,
        allowed_hosts=tuple(h.lower() for h in hosts),
        listing=_regexes(entry.get("listing"), where, "listing"),
        detail=_regexes(entry.get("detail"), where, "detail"),
        deny=_regexes(entry.get("deny"), where, "deny"),
        course_ref=course_ref,
        policy_pages=policy,
        contact_page=contact,
        selectors=_selectors(entry.get("selectors") or {}, where),
        aama_approved_provider=bool(entry.get("aama_approved_provider", False)),
        demo_site=entry.get("demo_site"),
        notes=entry.get("notes"),
        **limits,
        render=render,
        render_budget=budget,
    )


def _render(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, dict):
        unknown = set(value) - {"listings", "courses"}
        if unknown or not all(isinstance(v, bool) for v in value.values()):
            raise SourcesError(f"{where}: render as a mapping takes listings/courses: true|false")
        listings, courses = value.get("listings", False), value.get("courses", False)
        return _RENDER[True] * listings + ("detail",) * courses
    if value not in _RENDER:
        raise SourcesError(f"{where}: render must be true, false, listings, all or a mapping")
    return _RENDER[value]


def load_sources(path: Path | str = DEFAULT_SOURCES) -> list[Source]:
    """All sources in the file, real and demo, validated; SourcesError says what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourcesError(f"{path}: not valid YAML at {where}: {problem}") from exc
    if not isinstance(data, dict):
        raise SourcesError(f"{path}: expected top-level keys {SECTIONS}")
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise SourcesError(
            f"{path}: unknown top-level key(s) {sorted(unknown)}; allowed: {SECTIONS}"
        )
    sources: list[Source] = []
    for section in SECTIONS:
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise SourcesError(f"{path}: {section} must be a list of entries")
        sources += [
            _source(e, i, section == "demo_providers", text, path) for i, e in enumerate(entries)
        ]
    seen: set[str] = set()
    for source in sources:
        if source.slug in seen:
            lines = _slug_lines(text, source.slug)
            where = f"line {lines[1]}" if len(lines) > 1 else "a later entry"
            first = f" (first at line {lines[0]})" if lines else ""
            raise SourcesError(f"{path}: {where}: slug {source.slug!r} appears twice{first}")
        seen.add(source.slug)
    return sources


def select(
    sources: list[Source], names: tuple[str, ...] = (), demo: bool | None = None
) -> list[Source]:
    """Sources by slug (all when ``names`` is empty), optionally only demo or only real ones."""
    chosen = [s for s in sources if demo is None or s.demo == demo]
    if names:
        known = {s.slug: s for s in sources}
        missing = [n for n in names if n not in known]
        if missing:
            raise SourcesError(f"unknown source(s) {missing}; known: {sorted(known)}")
        chosen = [known[n] for n in names]
    return chosen
