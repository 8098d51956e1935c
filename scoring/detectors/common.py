"""What every detector shares: the verdict it returns and a parsed view of one stored listing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SNIPPET_CHARS = 240


@dataclass(slots=True)
class Verdict:
    """One criterion's result: status plus the evidence a user can check."""

    status: str
    snippet: str | None = None
    found_in: str | None = None
    url: str | None = None
    detail: str | None = None
    numbers: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "status": self.status,
            "snippet": self.snippet,
            "found_in": self.found_in,
            "url": self.url,
            "detail": self.detail,
        }
        if self.numbers:
            out["numbers"] = dict(self.numbers)
        return out


def snippet(text: str, match: re.Match[str] | None = None) -> str:
    """A short quote: the whole text when short, else a window around the match."""
    if match is None:
        flat = " ".join(text.split())
        return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"
    start = max(0, match.start() - 60)
    quote = " ".join(text[start : start + SNIPPET_CHARS].split())
    return ("…" if start else "") + quote


def _json(value: Any, empty: Any) -> Any:
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return empty
    return value if isinstance(value, type(empty)) else empty


class Page:
    """A stored listing (a ``courses`` row) with its JSON columns parsed once.

    Detectors read fields with ``get`` and free text with ``texts``; nothing here touches the
    network, the clock or the database.
    """

    def __init__(self, row: dict[str, Any]):
        self.row = row
        self.url: str | None = row.get("url")
        self.sections: dict[str, str] = {
            str(k): str(v) for k, v in _json(row.get("sections"), {}).items() if v
        }
        self.field_sources: dict[str, str] = _json(row.get("field_sources"), {})
        self.objectives: list[str] = [
            str(o).strip() for o in _json(row.get("objectives"), []) if str(o).strip()
        ]
        self.instructors: list[dict[str, Any]] = [
            i if isinstance(i, dict) else {"name": str(i)}
            for i in _json(row.get("instructors"), [])
        ]

    def get(self, name: str) -> Any:
        value = self.row.get(name)
        return None if value == "" else value

    def source(self, name: str) -> str:
        """Where a field's value came from, e.g. ``objectives field (jsonld)``."""
        kind = self.field_sources.get(name)
        return f"{name} field ({kind})" if kind else f"{name} field"

    def texts(self, skip: re.Pattern[str] | None = None) -> Iterator[tuple[str, str]]:
        """(where, text) for the description and every headed section not matching ``skip``."""
        description = self.get("description")
        if description:
            yield "text-pattern: description", description
        for heading, text in self.sections.items():
            if skip is None or not skip.search(heading):
                yield f"heading-section: {heading}", f"{heading}\n{text}"

    def sections_matching(self, heading: re.Pattern[str]) -> Iterator[tuple[str, str, str]]:
        """(heading, text, where) for the sections whose heading matches ``heading``."""
        for name, text in self.sections.items():
            if heading.search(name):
                yield name, text, f"heading-section: {name}"

    @cached_property
    def all_text(self) -> str:
        return "\n".join(text for _, text in self.texts())

    @cached_property
    def lower_text(self) -> str:
        return self.all_text.lower()

    def mentions(self, words: tuple[str, ...]) -> bool:
        """Whether any of ``words`` (lowercase) occurs in the text: a cheap gate before a regex."""
        return any(map(self.lower_text.__contains__, words))

    def find(
        self,
        pattern: re.Pattern[str],
        skip: re.Pattern[str] | None = None,
        gate: tuple[str, ...] | None = None,
    ) -> tuple[str, str, re.Match[str]] | None:
        """The first (where, text, match) of ``pattern`` in the description or a section.

        ``gate``: lowercase words of which the pattern needs at least one; when none occurs the
        (slower) pattern is not run at all.
        """
        if gate is not None and not self.mentions(gate):
            return None
        if not pattern.search(self.all_text):
            return None
        for where, text in self.texts(skip):
            match = pattern.search(text)
            if match:
                return where, text, match
        return None
