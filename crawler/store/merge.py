"""Pure rules for merging a freshly extracted course row into the stored one.

A field the new extraction did not find never blanks a stored value, and a value from a weaker
extraction layer never replaces one from a stronger layer (writes never lose good
data). Rows are in catalog form (``Course.to_row()``): JSON text for lists and dicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crawler.items import credit_end

# Structured data and explicit per-site configuration are the strongest evidence; headed
# sections are inferred from page layout; site-wide policy pages are not about this course;
# free-text patterns are the weakest.
SOURCE_RANK: dict[str, int] = {
    "jsonld": 3,
    "microdata": 3,
    "rdfa": 3,
    "json-api": 3,
    "selector": 3,
    "source-config": 3,
    "heading-section": 2,
    "policy-page": 1,
    "text-pattern": 0,
}
# A value whose origin was not recorded is trusted least.
UNATTRIBUTED_RANK = -1
# Fields derived from the URL itself: always taken from the latest row.
IDENTITY_FIELDS = ("id", "provider", "url")
JSON_FIELDS = ("instructors", "objectives", "sections", "field_sources")
HISTORY_FIELDS = (
    "price_amount",
    "price_currency",
    "cost_class",
    "aama_approved",
    "approval_body",
    "approval_valid_through",
    "status",
)


def is_empty(value: Any) -> bool:
    """True for "not found": None, empty text, empty list or dict (0 and False are values)."""
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


def source_rank(source: str | None) -> int:
    return SOURCE_RANK.get(source, UNATTRIBUTED_RANK) if source else UNATTRIBUTED_RANK


def _decoded(name: str, value: Any) -> Any:
    if name in JSON_FIELDS and isinstance(value, str):
        return json.loads(value)
    return value


def same_value(name: str, old: Any, new: Any) -> bool:
    return old == new or _decoded(name, old) == _decoded(name, new)


def _sources(row: dict[str, Any]) -> dict[str, str]:
    raw = row.get("field_sources")
    return (json.loads(raw) if isinstance(raw, str) else raw) or {}


def _sources_json(sources: dict[str, str]) -> str | None:
    return json.dumps(sources, ensure_ascii=False, sort_keys=True) if sources else None


@dataclass
class Merge:
    """Columns to write back and the fields whose stored value actually changed."""

    updates: dict[str, Any] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)


def merge_course(stored: dict[str, Any], incoming: dict[str, Any]) -> Merge:
    """What to update in ``stored`` given the new extraction ``incoming``.

    ``updates`` may contain ``field_sources`` alone (same value confirmed by a stronger layer),
    which is not a change of the listing and so is not in ``changed``.
    """
    stored_sources = _sources(stored)
    incoming_sources = _sources(incoming)
    sources = dict(stored_sources)
    merge = Merge()
    for name, value in incoming.items():
        if name == "field_sources" or is_empty(value):
            continue
        old = stored.get(name)
        if (
            name not in IDENTITY_FIELDS
            and not is_empty(old)
            and source_rank(incoming_sources.get(name)) < source_rank(stored_sources.get(name))
        ):
            continue
        if name in incoming_sources:
            sources[name] = incoming_sources[name]
        else:
            sources.pop(name, None)
        if not same_value(name, old, value):
            merge.updates[name] = value
            merge.changed.append(name)
    if sources != stored_sources:
        merge.updates["field_sources"] = _sources_json(sources)
    return merge


def status_for(row: dict[str, Any], today: date) -> str:
    """'expired' once the course's expiry date or its approval's valid-through date has passed."""
    end = credit_end(row)
    return "expired" if end and end < today.isoformat() else "active"
