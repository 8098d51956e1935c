"""The approving and accrediting bodies of continuing education, from data/approving_bodies.yml.

One list for everyone who asks "which body does this page name?": the extraction, which stores
the body an approval statement names, and the scorer, which judges whether a page names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from crawler.paths import APPROVING_BODIES


@dataclass(frozen=True)
class Body:
    name: str
    source: str
    abbreviation: str | None = None
    full_name: str | None = None
    pattern: str | None = None

    @property
    def regex(self) -> str:
        """Any way a page names this body (abbreviation as a whole word, full name, variants)."""
        parts = [rf"\b{re.escape(self.abbreviation)}\b"] if self.abbreviation else []
        parts += [re.escape(self.full_name)] if self.full_name else []
        parts += [self.pattern] if self.pattern else []
        return "|".join(parts)


@cache
def approving_bodies(path: Path = APPROVING_BODIES) -> tuple[Body, ...]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["bodies"]
    return tuple(Body(**entry) for entry in entries)


def abbreviations(exclude: tuple[str, ...] = ()) -> str:
    """The bodies' abbreviations as one regex alternation, longest first."""
    names = [b.abbreviation for b in approving_bodies() if b.abbreviation]
    names = [n for n in names if n not in exclude]
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def any_body(exclude: tuple[str, ...] = ()) -> str:
    """A regex alternation that matches any body's name (those in ``exclude`` left out)."""
    return "|".join(f"(?:{b.regex})" for b in approving_bodies() if b.name not in exclude)
