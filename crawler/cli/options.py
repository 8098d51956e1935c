"""The options several commands share, declared once."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from crawler.paths import DEFAULT_DB, DEFAULT_SNAPSHOT, DEFAULT_SOURCES
from crawler.sources import Source, SourcesError, load_sources, select

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The catalog database the crawler writes (SQLite).",
)
snapshot_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_SNAPSHOT,
    show_default=True,
    help="The published catalog snapshot (written by `ceuscout publish`).",
)
sources_option = click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_SOURCES,
    show_default=True,
    help="The sources registry.",
)
today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to judge expiry and credit validity against (default: today).",
)


def day_of(today: datetime | None, default: date | None = None) -> date:
    """The --today value as a date (``default``, else the real today, when not given)."""
    return today.date() if today else (default or date.today())


def read_sources(path: Path, names: tuple[str, ...] = (), demo: bool | None = None) -> list[Source]:
    """The validated sources file (only ``names``, or only demo / real providers)."""
    try:
        return select(load_sources(path), names, demo=demo if not names else None)
    except SourcesError as exc:
        raise click.ClickException(str(exc)) from exc


def scrapy_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    """``-s NAME=VALUE`` pairs (Scrapy's convention) as a dict; a malformed pair is an error."""
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name or not name.replace("_", "").isalnum():
            raise click.BadParameter(
                f"{pair!r} is not NAME=VALUE (e.g. -s DOWNLOAD_TIMEOUT=20)", param_hint="-s"
            )
        settings[name] = value
    return settings
