"""A generated demo site: its files, routes and courses, and the building steps sites share.

Pages hold absolute URLs (canonical links, sitemaps, JSON-LD) written with the site's default
origin; ``_site.json`` records that origin so the server can rewrite it to the address it really
listens on (tests bind other ports).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from crawler.demo.generate.courses import DemoCourse, pick_topics
from crawler.demo.generate.markup import esc
from crawler.demo.generate.topics import Topic

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

    def add_course_pages(self, render: Callable[[DemoCourse], str]) -> None:
        """Add every course's page, rendered by ``render``, at the course's path."""
        for course in self.courses:
            self.add(course.path, render(course))

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


def provider_facts(
    refund_policy_url: str | None, contact_email: str, contact_phone: str | None
) -> dict[str, str | None]:
    """The provider-level facts a site states (the truth file's ``provider_facts``)."""
    return {
        "refund_policy_url": refund_policy_url,
        "contact_email": contact_email,
        "contact_phone": contact_phone,
    }


def build_site(
    site: Site,
    count: int,
    include: tuple[str, ...],
    course: Callable[[random.Random, Topic, int], DemoCourse],
    pages: Callable[[Site], None],
) -> Site:
    """Fill ``site`` with ``count`` courses (see pick_topics), made by ``course`` from a random
    generator seeded with the slug, then let ``pages`` write its files."""
    rng = random.Random(site.slug)
    for i, topic in enumerate(pick_topics(rng, count, include)):
        site.courses.append(course(rng, topic, i))
    pages(site)
    return site


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def sitemap(origin: str, paths: list[str], lastmod: str) -> str:
    urls = "".join(
        f"  <url><loc>{esc(origin + p)}</loc><lastmod>{lastmod}</lastmod></url>\n" for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def listing_paths(first: str, later: str) -> Callable[[int], str]:
    """The path of listing page n: ``first`` for page 1, ``later`` with ``{n}`` filled in after."""
    return lambda n: first if n == 1 else later.format(n=n)


def page_links(
    current: int, pages: int, path: Callable[[int], str], here: Callable[[int], str]
) -> list[str]:
    """Numbered links to listing pages 1..``pages``; ``here`` renders the ``current`` one."""
    return [
        here(k) if k == current else f'<a href="{path(k)}">{k}</a>' for k in range(1, pages + 1)
    ]


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]
