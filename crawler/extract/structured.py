"""schema.org nodes from JSON-LD, microdata and RDFa, all in one plain shape.

Every node comes out as a dict whose "@type" is a list of short type names ("Course") and whose
keys are short property names ("name", "hasCourseInstance"). The microdata and RDFa parsers only
run when the raw HTML carries their markers: they are the slow part of a page.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from lxml import etree

from crawler.extract.text import clean
from crawler.urls import canonicalize

log = logging.getLogger(__name__)

_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)")
_JSONLD = etree.XPath('//script[@type="application/ld+json" or @type="application/json+ld"]')
_EDGE_JUNK = re.compile(r"^(?:\s|\\[nrt])+|(?:\s|\\[nrt])+$")
_COMMENTS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[|//)|(?:-->|\]\]>)\s*$")
COURSE_TYPES = frozenset(
    {"Course", "CourseInstance", "LearningResource", "EducationEvent", "TrainingMaterial"}
)


def short(name: str) -> str:
    return _PREFIX.sub("", str(name))


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def types_of(node: Any) -> list[str]:
    return node.get("@type", []) if isinstance(node, dict) else []


def text_of(value: Any) -> str | None:
    """A plain string out of a property value (first of a list, "@value", a node's name)."""
    for item in as_list(value):
        if isinstance(item, dict):
            item = item.get("@value", item.get("name"))
            if isinstance(item, list):
                item = item[0] if item else None
        if item is not None and not isinstance(item, dict | list):
            text = clean(str(item))
            if text:
                return text
    return None


def _normalize(value: Any, depth: int = 0) -> Any:
    if depth > 12:
        return None
    if isinstance(value, list):
        return [_normalize(v, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "@type":
            out["@type"] = [short(t) for t in as_list(item) if isinstance(t, str)]
        elif key == "@graph" or not key.startswith("@") or key in ("@id", "@value"):
            out[short(key)] = _normalize(item, depth + 1)
    return out


def _load_json(text: str) -> Any:
    """Parse a JSON-LD block, forgiving edge junk (literal "\\n", comments, CDATA)."""
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    repaired = text
    for _ in range(4):  # peel edge junk layer by layer: "\n" text, comments, CDATA markers
        repaired = _EDGE_JUNK.sub("", _COMMENTS.sub("", repaired.strip()))
    try:
        return json.loads(repaired, strict=False)
    except ValueError:
        return None


def _flatten(data: Any) -> list[dict]:
    """Top-level nodes, expanding @graph and lists, with bare {"@id"} references resolved."""
    nodes: list[dict] = []
    for item in as_list(data):
        if isinstance(item, dict) and "@graph" in item:
            nodes.extend(n for n in as_list(item["@graph"]) if isinstance(n, dict))
        elif isinstance(item, dict):
            nodes.append(item)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
    return [_resolve(n, by_id, 0) for n in nodes]


def _resolve(value: Any, by_id: dict, depth: int) -> Any:
    if depth > 8:
        return value
    if isinstance(value, list):
        return [_resolve(v, by_id, depth + 1) for v in value]
    if isinstance(value, dict):
        if set(value) == {"@id"} and value["@id"] in by_id:
            return by_id[value["@id"]]
        return {k: _resolve(v, by_id, depth + 1) for k, v in value.items()}
    return value


def jsonld_nodes(tree) -> list[dict]:
    nodes: list[dict] = []
    for script in _JSONLD(tree):
        data = _load_json(script.text or "")
        if data is None:
            log.debug("unparsable JSON-LD block skipped")
            continue
        nodes.extend(_flatten(_normalize(data)))
    return nodes


def _from_microdata(item: Any) -> Any:
    if isinstance(item, list):
        return [_from_microdata(v) for v in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    node: dict[str, Any] = {"@type": [short(t) for t in as_list(item.get("type"))]}
    for key, value in item["properties"].items():
        node[short(key)] = _from_microdata(value)
    return node


def microdata_nodes(tree, url: str) -> list[dict]:
    from extruct.w3cmicrodata import LxmlMicrodataExtractor

    try:
        items = LxmlMicrodataExtractor().extract_items(tree, url)
    except Exception as exc:  # extruct raises many kinds on odd markup
        log.debug("microdata parse failed: %s", exc)
        return []
    return [_from_microdata(i) for i in items]


def rdfa_nodes(raw_html: str, url: str) -> list[dict]:
    from extruct.rdfa import RDFaExtractor
    from extruct.utils import parse_xmldom_html

    try:
        document = parse_xmldom_html(raw_html.encode("utf-8"), encoding="utf-8")
        expanded = RDFaExtractor().extract_items(document, base_url=url)
    except Exception as exc:  # pyRdfa/rdflib raise many kinds on odd markup
        log.debug("RDFa parse failed: %s", exc)
        return []
    return _from_expanded(expanded)


def _from_expanded(expanded: list[dict]) -> list[dict]:
    """Expanded JSON-LD (what pyRdfa gives) -> nested plain nodes, roots first."""
    by_id = {n.get("@id"): n for n in expanded if isinstance(n, dict)}
    referenced = {
        ref["@id"]
        for n in by_id.values()
        for key, values in n.items()
        if not key.startswith("@")
        for ref in as_list(values)
        if isinstance(ref, dict) and "@id" in ref
    }

    def build(node_id: str, seen: frozenset) -> dict:
        raw = by_id[node_id]
        node: dict[str, Any] = {"@type": [short(t) for t in as_list(raw.get("@type"))]}
        for key, values in raw.items():
            if key.startswith("@") or "schema.org" not in key:
                continue
            out = []
            for v in as_list(values):
                if isinstance(v, dict) and "@value" in v:
                    out.append(v["@value"])
                elif isinstance(v, dict) and v.get("@id") in by_id and v["@id"] not in seen:
                    out.append(build(v["@id"], seen | {v["@id"]}))
                elif isinstance(v, dict) and "@id" in v:
                    out.append(v["@id"])
            node[short(key)] = out[0] if len(out) == 1 else out
        return node

    roots = [i for i, n in by_id.items() if i not in referenced and n.get("@type")]
    return [build(i, frozenset({i})) for i in roots]


def structured_nodes(tree, raw_html: str, url: str) -> list[tuple[str, dict]]:
    """(syntax, node) pairs; syntax is the field source name: jsonld, microdata or rdfa."""
    out = [("jsonld", n) for n in jsonld_nodes(tree)]
    if "itemscope" in raw_html:
        out += [("microdata", n) for n in microdata_nodes(tree, url) if isinstance(n, dict)]
    if "typeof=" in raw_html or "vocab=" in raw_html:
        out += [("rdfa", n) for n in rdfa_nodes(raw_html, url)]
    return out


def is_course_node(node: dict) -> bool:
    types = {t[:1].upper() + t[1:] for t in types_of(node)}
    if types & COURSE_TYPES:
        return True
    if "CreativeWork" in types:
        kind = (text_of(node.get("genre")) or "") + (
            text_of(node.get("learningResourceType")) or ""
        )
        return bool(re.search(r"training|course|lesson|tutorial|presentation", kind, re.I))
    return False


def pick_course(
    nodes: list[tuple[str, dict]], url: str, title_hint: str | None
) -> tuple[str, dict] | None:
    """The node describing this page's course: same URL, else same name as the page heading,
    else the first course node. Courses listed inside it (hasPart) are not candidates."""
    candidates = [(s, n) for s, n in nodes if is_course_node(n)]
    if not candidates:
        return None
    page = canonicalize(url)
    for syntax, node in candidates:
        for ref in as_list(node.get("url")) + as_list(node.get("@id")):
            if isinstance(ref, str) and ref.startswith("http") and canonicalize(ref) == page:
                return syntax, node
    if title_hint:
        hint = title_hint.casefold()
        for syntax, node in candidates:
            if (text_of(node.get("name")) or "").casefold() == hint:
                return syntax, node
    named = [(s, n) for s, n in candidates if text_of(n.get("name"))]
    return (named or candidates)[0]


def item_list_size(nodes: list[tuple[str, dict]]) -> int:
    """How many entries the page's schema.org ItemList(s) hold (a listing page sign)."""
    return sum(
        len(as_list(n.get("itemListElement"))) for _, n in nodes if "ItemList" in types_of(n)
    )
