"""Is this page a course? Soft 404s, login walls, listings and pages without course signals
are not, whatever URL rule sent the crawler there."""

from __future__ import annotations

import re

from crawler.extract.credits import find_credits
from crawler.extract.text import in_site_chrome

SOFT_404 = re.compile(
    r"\b(?:page|course|activity|resource|product)s? (?:was |could |can(?:no|"
    r"')t )?not (?:be )?found\b|"
    r"\b(?:error 404|404 error|404 not found)\b|\bno longer (?:available|offered|exists|active)\b|"
    r"\b(?:has|have) been (?:removed|retired|discontinued|archived|deleted)\b|"
    r"\b(?:doesn[’']t|does not) exist\b|\bthe page you(?: are|'re) looking for\b|"
    r"\b(?:course|page) (?:is )?(?:unavailable|not available)\b",
    re.I,
)
LOGIN = re.compile(
    r"\b(?:sign|log)[ -]?in to (?:view|continue|access|see|read|proceed)\b|"
    r"\byou (?:must|need to) (?:be )?(?:logged|signed) in\b|\bplease (?:sign|log)[ -]?in\b|"
    r"\b(?:login|sign[ -]?in) (?:is )?required\b|\bmembers[- ]only (?:content|area|page)\b|"
    r"\bsession (?:has )?expired\b",
    re.I,
)
LISTING_TEXT = re.compile(
    r"\bshowing \d+\s*(?:[-–]|to)\s*\d+ of \d+\b|\b\d+ (?:courses|results|activities) found\b|"
    r"\bpage \d+ of \d+\b",
    re.I,
)
_CARD_LINKS = (
    ".//*[self::h2 or self::h3 or self::h4][.//a[@href]]"
    " | .//a[@href][.//*[self::h2 or self::h3 or self::h4]]"
)
SHORT_PAGE = 1500
MIN_LISTING = 3
MIN_ROWS = 6


# A title or heading that starts with 404 ("404 | Site"); "Course 404: ..." is a course number.
_BARE_404 = re.compile(r"^\W*404\b")


def soft_404(title: str, heading: str, main_text: str) -> bool:
    if SOFT_404.search(f"{title}\n{heading}") or any(_BARE_404.search(t) for t in (title, heading)):
        return True
    return len(main_text) < SHORT_PAGE and bool(SOFT_404.search(main_text[:800]))


def login_wall(tree, title: str, heading: str, main_text: str) -> bool:
    if LOGIN.search(f"{title}\n{heading}"):
        return True
    if len(main_text) >= SHORT_PAGE:
        return False
    return bool(tree.xpath("//input[@type='password']")) or bool(LOGIN.search(main_text))


def card_links(main) -> int:
    """Distinct links held by headings (or holding headings): one per course card."""
    hrefs = set()
    for el in main.xpath(_CARD_LINKS):
        if in_site_chrome(el):
            continue
        links = [el] if el.tag == "a" else el.xpath(".//a[@href]")
        hrefs.update(a.get("href") for a in links[:1])
    return len(hrefs)


def row_links(main) -> int:
    """Distinct links in table cells and list items outside navigation: one per catalog row."""
    hrefs = {
        a.get("href", "").split("?")[0].split("#")[0]
        for a in main.xpath(".//td//a[@href] | .//li//a[@href]")
        if not in_site_chrome(a)
    }
    return len(hrefs)


def listing_counts(main) -> tuple[int, int]:
    """(catalog rows, course cards) under ``main``: taken while chrome is set aside, so a
    course page's "related courses" cards do not make it a listing."""
    return row_links(main), card_links(main)


def is_listing(counts: tuple[int, int], main_text: str, item_list_size: int, course) -> bool:
    if course.objectives or course.instructors:
        return False
    rows, cards = counts
    if rows >= MIN_ROWS and len(find_credits(main_text)) >= MIN_LISTING:
        return True
    return (
        cards >= MIN_LISTING
        or item_list_size >= MIN_LISTING
        or (cards >= 2 and bool(LISTING_TEXT.search(main_text)))
    )
