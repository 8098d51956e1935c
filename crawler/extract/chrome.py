"""Main content vs page chrome: what to set aside before any course field is read.

Semantic chrome (<header>/<nav>/<footer>/<aside> outside the content) is already skipped by
``sections.blocks``. This module finds the chrome that is not marked up that way: ARIA
landmarks, site header/footer/sidebar/cookie containers named by class or id, and groups of
repeated cards (sibling blocks of one shape, each a link with a title: "related courses").
``set_aside`` detaches them while the content is read and ``restore`` puts them back, so
provider-level facts (contact, policy links) can still come from the whole page.
"""

from __future__ import annotations

import re

_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary", "search"})
_NAMED = re.compile(
    r"(?:^|[\s_-])(?:site-?header|masthead|navbar|menu|site-?footer|footer|sidebar|side-bar|"
    r"cookie|consent|gdpr|breadcrumbs?|related|recommended|upsell|newsletter)(?:$|[\s_-])",
    re.I,
)
_CARD_TITLE = "self::h2 or self::h3 or self::h4 or self::h5 or self::strong"
MIN_CARDS = 2
# Cards holding more than this share of the content are the page itself (a listing).
MAX_CARD_SHARE = 0.4
MAX_CARD_TEXT = 500


def link_density(el, text: str) -> float:
    """The share of the element's text that is link text."""
    if not text:
        return 0.0
    linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return min(1.0, linked / max(1, len(text)))


def _is_card(el) -> bool:
    if el.find(".//a[@href]") is None or not el.xpath(f".//*[{_CARD_TITLE}]"):
        return False
    return len(el.text_content()) <= MAX_CARD_TEXT


def _shape(el) -> tuple:
    return el.tag, el.get("class", ""), tuple(child.tag for child in el)


def _card_groups(main, total: int):
    """Containers whose element children are two or more cards of one shape."""
    for parent in main.iter("div", "section", "ul", "ol"):
        children = [c for c in parent if isinstance(c.tag, str)]
        if len(children) < MIN_CARDS:
            continue
        # one shape for all (or all but one) children, checked before the costlier card test
        shape = _shape(children[0])
        same = [c for c in children if _shape(c) == shape]
        if len(same) < max(MIN_CARDS, len(children) - 1):
            same = [c for c in children[1:] if _shape(c) == _shape(children[1])]
            if len(same) < max(MIN_CARDS, len(children) - 1):
                continue
        if all(_is_card(c) for c in same):
            size = sum(len(c.text_content()) for c in same)
            if size <= MAX_CARD_SHARE * total:
                yield same


def chrome_elements(main, keep) -> list:
    """The chrome under ``main``, outermost first; never an ancestor of ``keep`` (the title)."""
    protected = set(keep.iterancestors()) | {keep} if keep is not None else set()
    found = []
    for el in main.iter():
        if not isinstance(el.tag, str) or el is main or el in protected:
            continue
        role = el.get("role")
        named = _NAMED.search(f"{el.get('class', '')} {el.get('id', '')}")
        if (role in _ROLES or named) and el.tag not in ("body", "main", "article", "html"):
            found.append(el)
    total = len(main.text_content())
    for cards in _card_groups(main, total):
        found.extend(c for c in cards if c not in protected)
    outermost = []
    chosen = set(found)
    for el in found:
        if not any(a in chosen for a in el.iterancestors()) and el not in outermost:
            outermost.append(el)
    return outermost


def set_aside(elements: list) -> list:
    """Detach the elements, remembering where each was; ``restore`` undoes it."""
    places = []
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        index = parent.index(el)
        parent.remove(el)  # its tail text goes with it and comes back with it
        places.append((parent, index, el))
    return places


def restore(places: list) -> None:
    for parent, index, el in reversed(places):
        parent.insert(index, el)
