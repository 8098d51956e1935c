"""Finding a provider's pages from its homepage: sitemap bodies, robots.txt Sitemap lines, URLs
inside JSON catalogs and data attributes, and what a fetched page is by its content."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawler.extract import PageExtraction, extract_site_facts

# Files that are never pages: following them costs requests and yields nothing.
_ASSET = re.compile(
    r"\.(?:jpe?g|png|gif|svg|webp|ico|css|js|mjs|woff2?|ttf|pdf|zip|mp[34]|mov|avi)(?:[?#]|$)", re.I
)
_PATHLIKE = re.compile(r"^(?:https?://|/)[^\s<>\"']*$")
# A page is a site-wide page by what its title or main heading says it is.
_POLICY_TITLE = re.compile(r"refund|cancel+ation|returns?\b|terms|money[- ]back", re.I)
_CONTACT_TITLE = re.compile(r"\bcontact\b", re.I)
SITE_KINDS = ("policy", "contact")


def is_asset(url: str) -> bool:
    return bool(_ASSET.search(url))


def sitemap_body(response: Response, max_size: int) -> bytes | None:
    """The XML of a sitemap response, gunzipped (within ``max_size``) when it is a .xml.gz."""
    body = response.body
    if gzip_magic_number(response):
        try:
            return gunzip(body, max_size=max_size)
        except Exception:  # a truncated or oversized archive: no sitemap
            return None
    return body if body.lstrip()[:1] == b"<" else None


def robots_sitemaps(response: Response) -> list[str]:
    # Scrapy reads robots.txt bytes itself (passing str is deprecated and warns on every run).
    return list(sitemap_urls_from_robots(response.body, base_url=response.url))


def as_json(response: Response):
    """The decoded JSON of a response that is JSON, else None."""
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if "json" not in content_type and response.body.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        return json.loads(response.body)
    except ValueError:
        return None


def json_links(data) -> Iterator[str]:
    """Every string in a JSON document that reads as a link (``/path`` or ``http(s)://``)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from json_links(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_links(value)
    elif isinstance(data, str) and _PATHLIKE.match(data.strip()) and not is_asset(data):
        yield data.strip()


def data_links(response: Response) -> list[str]:
    """Links held in ``data-*`` attributes, where script-built catalogs keep their endpoint."""
    if not isinstance(response, TextResponse):
        return []
    values = response.selector.xpath("//@*[starts-with(name(), 'data-')]").getall()
    return [v.strip() for v in values if _PATHLIKE.match(v.strip()) and not is_asset(v)]


def _title_and_heading(response: Response) -> str:
    if not isinstance(response, TextResponse):
        return ""
    selector = response.selector
    title = selector.xpath("normalize-space(//title)").get() or ""
    heading = selector.xpath("normalize-space((//h1)[1])").get() or ""
    return f"{title}\n{heading}"


def site_page(response: Response, extraction: PageExtraction) -> tuple[str, dict]:
    """('policy' | 'contact' | 'listing' | 'other', provider facts) for a page that is not a
    course: a site-wide page says what it is in its title or heading and carries the facts."""
    if extraction.not_course_reason == "listing page":
        return "listing", {}
    named = _title_and_heading(response)
    if not (_POLICY_TITLE.search(named) or _CONTACT_TITLE.search(named)):
        return "other", {}
    facts = extract_site_facts(response.body, response.url)
    if _POLICY_TITLE.search(named) and "refund_policy_text" in facts:
        return "policy", facts
    contact = {k: v for k, v in facts.items() if k.startswith("contact_")}
    if _CONTACT_TITLE.search(named) and contact:
        return "contact", contact
    return "other", {}
