"""When a stored value counts as the truth's value: the one comparison every accuracy figure uses.

Truth files (``data/demo/truth``, ``tests/heldout/web/truth``, ``tests/heldout/realpages``) write
values in ``crawler.items`` names and vocabularies; stored rows hold JSON text for lists. Text is
compared after folding case and whitespace; long prose is right when one contains most of the
other; raw statements (evidence) are right when one contains the other.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

# The fields users filter and pay by: held to a higher floor than the rest.
STRICT_FIELDS = frozenset(
    {"title", "url", "provider", "price_amount", "cost_class", "credit_amount", "aama_approved"}
)
LONG_TEXT = frozenset({"description", "rationale", "audience", "refund_policy_text"})
RAW = frozenset({"credits_raw", "price_raw", "approval_evidence"})
LISTS = frozenset({"instructors", "objectives"})


def norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _same_text(expected: Any, got: Any) -> bool:
    a, b = norm(expected), norm(got)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= 0.8 * len(long_)


def _people(people: list[dict]) -> list:
    return sorted((norm(p["name"]), sorted(map(norm, p.get("credentials", [])))) for p in people)


def same_value(field: str, expected: Any, got: Any) -> bool:
    """True when ``got`` (a stored value) is what the truth says ``field`` is."""
    if expected is None or expected == [] or expected == "":
        return got in (None, "", "[]", [])
    if got is None:
        return False
    if field in LISTS and isinstance(got, str):
        got = json.loads(got)
    if field == "instructors":
        return _people(expected) == _people(got)
    if field == "objectives":
        return [norm(o) for o in expected] == [norm(o) for o in got]
    if isinstance(expected, bool):
        return bool(got) == expected
    if isinstance(expected, int | float):
        try:
            return abs(float(got) - float(expected)) < 0.01
        except (TypeError, ValueError):
            return False
    if field in ("refund_policy_url", "url"):
        return urlsplit(str(got)).path == urlsplit(str(expected)).path
    if field in RAW:
        return bool(norm(got)) and (norm(expected) in norm(got) or norm(got) in norm(expected))
    if field in LONG_TEXT:
        return _same_text(expected, got)
    return norm(expected) == norm(got)


def page_key(url_or_path: str) -> str:
    """A page's address without scheme and host: truth paths and stored URLs meet here."""
    parts = urlsplit(url_or_path)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
