"""Layer 2: per-source CSS selectors from sources.yml (catalog column -> CSS selector)."""

from __future__ import annotations

import logging

from parsel import Selector

from crawler.extract.fields import apply_field
from crawler.extract.text import clean, node_text
from crawler.items import Course

log = logging.getLogger(__name__)
SOURCE = "selector"
_LIST_COLUMNS = {"objectives", "instructors"}


def _values(selector: Selector, css: str) -> list[str]:
    try:
        found = selector.css(css)
    except Exception as exc:  # cssselect raises several kinds on a bad expression
        log.warning("bad CSS selector %r: %s", css, exc)
        return []
    out = []
    for item in found:
        root = item.root
        text = clean(root) if isinstance(root, str) else node_text(root)
        if text:
            out.append(text)
    return out


def apply_selectors(course: Course, tree, selectors: dict[str, str] | None) -> None:
    if not selectors:
        return
    selector = Selector(root=tree, type="html")
    for column, css in selectors.items():
        values = _values(selector, css)
        if not values:
            continue
        if column in _LIST_COLUMNS:
            apply_field(
                course, column, values if column == "objectives" else "\n".join(values), SOURCE
            )
        else:
            apply_field(course, column, "\n".join(values), SOURCE)
