"""Budgets and crawler-trap guards for one source's discovered links; pure (no Scrapy, no store).

``FrontierGuard.admit(url, depth, parent)`` says whether a link may join the frontier, or which
guard refused it and why. ``FrontierGuard.fetched(url, productive)`` feeds back what a fetched
page gave, which closes endless URL families and confirms query parameters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

MAX_URL_LENGTH = 300
# A URL family (same path, same parameter names) that yields nothing new this many pages in a
# row is an endless calendar or a pagination that repeats its last page.
STALE_PAGES = 3
# Unconfirmed parameter names may be tried on this many URLs of a listing before they are
# refused; sort orders and facet combinations never confirm, pagination does at once.
PARAM_PROBES = 3
MAX_CONFIRMED_PARAMS = 6


def repeated_segment(path: str) -> bool:
    """A segment appearing three times, or a run of segments repeated back to back
    (``/a/a/``, ``/a/b/a/b/``): the marks of relative links resolved against themselves."""
    segments = [s for s in path.split("/") if s]
    if any(n >= 3 for n in Counter(segments).values()):
        return True
    for size in range(1, len(segments) // 2 + 1):
        for start in range(len(segments) - 2 * size + 1):
            if segments[start : start + size] == segments[start + size : start + 2 * size]:
                return True
    return False


def junk_reason(url: str) -> str | None:
    """Why ``url`` is never worth fetching nor a course's address (None when it is fine)."""
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    if repeated_segment(urlsplit(url).path):
        return "repeated path segment"
    return None


def family(url: str) -> tuple[str, str, frozenset[str]]:
    parts = urlsplit(url)
    names = frozenset(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return parts.netloc, parts.path, names


@dataclass
class FrontierGuard:
    max_pages: int
    max_depth: int
    known: int = 0
    stale: Counter = field(default_factory=Counter)
    closed: set = field(default_factory=set)
    confirmed: set = field(default_factory=set)
    probes: Counter = field(default_factory=Counter)

    def admit(self, url: str, depth: int, parent: str | None = None) -> tuple[str, str] | None:
        """None when ``url`` may be queued, else (guard, reason). Call only for new URLs."""
        junk = junk_reason(url)
        if junk:
            return ("trap-url", junk)
        if depth > self.max_depth:
            return ("depth", f"depth limit {self.max_depth} reached")
        if self.known >= self.max_pages:
            return ("page-budget", f"page budget of {self.max_pages} pages reached")
        host, path, names = family(url)
        if (host, path, names) in self.closed:
            return (
                "stale-family",
                f"{STALE_PAGES} pages in a row of {path}?{_names(names)} gave nothing new",
            )
        if names and parent is not None and family(parent)[:2] == (host, path):
            unconfirmed = names - self.confirmed
            spent = [n for n in unconfirmed if self.probes[n] >= PARAM_PROBES]
            if spent:
                return ("query-params", f"parameter {sorted(spent)[0]!r} never led to new content")
            self.probes.update(unconfirmed)
        self.known += 1
        return None

    def fetched(self, url: str, productive: bool) -> None:
        """A page of ``url`` was parsed: ``productive`` when it was a new course or led to
        new pages outside its own URL family."""
        key = family(url)
        if productive:
            self.stale[key] = 0
            room = MAX_CONFIRMED_PARAMS - len(self.confirmed)
            self.confirmed |= set(sorted(key[2] - self.confirmed)[: max(room, 0)])
        elif key[2]:
            self.stale[key] += 1
            if self.stale[key] >= STALE_PAGES:
                self.closed.add(key)


def _names(names: frozenset[str]) -> str:
    return "&".join(sorted(names))
