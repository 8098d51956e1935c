"""extract_page: one fetched page -> a Course (or the reason it is not a course).

Layers run strongest first and ``Course.set`` keeps the first value of each field:
schema.org structured data (jsonld, microdata, rdfa), per-source CSS selectors (selector),
headed sections (heading-section), then text patterns (text-pattern). One lxml tree is parsed
and shared by every layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from crawler.extract import chrome, classify, pagetype
from crawler.extract.reconcile import reconcile
from crawler.extract.schema_fields import apply_schema_node
from crawler.extract.section_fields import apply_sections, sections_evidence
from crawler.extract.sections import blocks, lead_paragraph, sections
from crawler.extract.selectors import apply_selectors
from crawler.extract.structured import item_list_size, pick_course, structured_nodes, text_of
from crawler.extract.text import clean, decode, main_element, parse_html
from crawler.extract.text_patterns import apply_text_patterns
from crawler.items import Course
from crawler.urls import canonicalize, course_id

_META = etree.XPath("//meta[@property=$name or @name=$name]/@content")  # compiled once
_TITLE_SPLIT = re.compile(r"\s+[|–—:-]\s+|\s+-\s+")


@dataclass
class PageExtraction:
    """Whether the page is a course, the course, and the page's link targets (``href`` values as
    written) so the crawler can discover pages without parsing the HTML a second time."""

    is_course: bool
    not_course_reason: str | None = None
    course: Course | None = None
    links: list[str] = field(default_factory=list)
    verdict: str | None = None  # the classifier's explanation, when it ran


def _first_h1(tree, main) -> str:
    for root in (main, tree):
        for h1 in root.iter("h1"):
            text = clean(h1.text_content())
            if text:
                return text
    return ""


def _h1_element(tree, main):
    for root in (main, tree):
        for h1 in root.iter("h1"):
            if clean(h1.text_content()):
                return h1
    return None


def _meta(tree, *names: str) -> str | None:
    for name in names:
        found = _META(tree, name=name)
        if found and clean(found[0]):
            return clean(found[0])
    return None


def _page_title(tree) -> str:
    title = tree.find(".//title")
    return clean(title.text_content()) if title is not None else ""


def extract_page(
    html: str | bytes, url: str, provider: str, config: dict | None = None
) -> PageExtraction:
    """Extract the course a page describes; pure (no network, clock or settings)."""
    config = config or {}
    raw = decode(html)
    tree = parse_html(raw)
    links = [href for a in tree.iter("a") if (href := a.get("href"))]
    main = main_element(tree)
    heading = _first_h1(tree, main)
    # Fields are read from the content only; chrome comes back for provider-level facts.
    aside = chrome.set_aside(chrome.chrome_elements(main, _h1_element(tree, main)))
    block_list = blocks(main)
    main_text = "\n".join(b.text for b in block_list if b.text)
    counts = pagetype.listing_counts(main)
    chrome.restore(aside)
    all_counts = pagetype.listing_counts(main) if aside else counts
    title_tag = _page_title(tree)
    if pagetype.soft_404(title_tag, heading, main_text):
        return PageExtraction(False, "soft 404", links=links)

    nodes = structured_nodes(tree, raw, url)
    picked = pick_course(nodes, url, heading)
    course = Course(
        id=course_id(provider, url, config.get("course_ref")),
        provider=provider,
        url=canonicalize(url),
    )
    structured_name = False
    if picked:
        syntax, node = picked
        apply_schema_node(course, node, syntax)
        structured_name = bool(text_of(node.get("name")))
        for other_syntax, other in nodes:  # the same course in a second syntax fills gaps
            if (
                other is not node
                and other_syntax != syntax
                and text_of(other.get("name")) == course.title
            ):
                apply_schema_node(course, other, other_syntax)

    if not structured_name and pagetype.login_wall(tree, title_tag, heading, main_text):
        return PageExtraction(False, "login wall", links=links)

    apply_selectors(course, tree, config.get("selectors"))
    course.set("title", heading, "heading-section")
    course.set("title", _meta(tree, "og:title"), "text-pattern")
    course.set("title", _TITLE_SPLIT.split(title_tag)[0] if title_tag else None, "text-pattern")
    course.set("provider_name", config.get("name"), "source-config")

    found = sections(block_list)
    apply_sections(course, found, course.url)
    course.set("description", lead_paragraph(block_list), "text-pattern")
    course.set("description", _meta(tree, "description", "og:description"), "text-pattern")
    apply_text_patterns(course, tree, main_text, block_list)
    reconcile(course, main_text)
    course.sections = sections_evidence(found)
    if course.aama_approved is None:
        course.set("aama_approved", False, "text-pattern")

    if not course.title:
        return PageExtraction(False, "no course title", links=links)
    listing = not structured_name and pagetype.is_listing(
        counts, main_text, item_list_size(nodes), course
    )
    observed = classify.evidence(
        main, main_text, heading, course, all_counts, listing, structured_name, tree
    )
    verdict = classify.judge(observed)
    if not verdict.is_course:
        reason = "listing page" if listing else verdict.explain()
        return PageExtraction(False, reason, links=links, verdict=verdict.explain())
    return PageExtraction(True, None, course, links=links, verdict=verdict.explain())
