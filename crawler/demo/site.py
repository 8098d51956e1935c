"""A generated demo site: its files, routes and courses, plus small HTML helpers the sites share.

Pages hold absolute URLs (canonical links, sitemaps, JSON-LD) written with the site's default
origin; ``_site.json`` records that origin so the server can rewrite it to the address it really
listens on (tests bind other ports).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import date

from crawler.demo.catalog import DemoCourse

DEFAULT_PORT = 8610
SITE_FILE = "_site.json"
ROUTES_FILE = "_routes.json"


@dataclass
class Site:
    slug: str
    name: str
    host: str
    courses: list[DemoCourse] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    routes: dict[str, dict] = field(default_factory=dict)
    not_courses: list[str] = field(default_factory=list)
    facts: dict[str, str | None] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{DEFAULT_PORT}"

    def add(self, path: str, text: str) -> None:
        """Add the file served at ``path`` ("/a/b/" is stored as a/b/index.html)."""
        rel = path.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        if rel in self.files:
            raise ValueError(f"{self.slug}: two pages at {path}")
        self.files[rel] = text

    def all_files(self) -> dict[str, str]:
        out = dict(self.files)
        out[SITE_FILE] = _json({"slug": self.slug, "origin": self.origin})
        if self.routes:
            out[ROUTES_FILE] = _json(self.routes)
        return out

    def truth(self) -> dict:
        return {
            "provider": self.slug,
            "name": self.name,
            "origin": self.origin,
            "provider_facts": self.facts,
            "courses": [course.truth(self.slug) for course in self.courses],
            "not_courses": sorted(self.not_courses),
        }


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def long_date(iso: str) -> str:
    """2027-12-31 -> December 31, 2027"""
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def us_date(iso: str) -> str:
    """2027-12-31 -> 12/31/2027"""
    return f"{date.fromisoformat(iso):%m/%d/%Y}"


def credentials_text(name: str, credentials: tuple[str, ...]) -> str:
    return ", ".join((name, *credentials))


def sitemap(origin: str, paths: list[str], lastmod: str) -> str:
    urls = "".join(
        f"  <url><loc>{esc(origin + p)}</loc><lastmod>{lastmod}</lastmod></url>\n" for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]
