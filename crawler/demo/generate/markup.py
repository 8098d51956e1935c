"""Small text helpers the demo sites' HTML templates share: escaping, dates and people."""

from __future__ import annotations

import html
from datetime import date


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def long_date(iso: str) -> str:
    """2027-12-31 -> December 31, 2027"""
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def us_date(iso: str) -> str:
    """2027-12-31 -> 12/31/2027"""
    return f"{date.fromisoformat(iso):%m/%d/%Y}"


def credentials_text(name: str, credentials: tuple[str, ...]) -> str:
    return ", ".join((name, *credentials))
