"""`ceuscout crawl` (crawl provider sites, then score) and `ceuscout coverage`."""

from __future__ import annotations

import json

import click

from crawler.cli.options import (
    day_of,
    db_option,
    read_sources,
    scrapy_settings,
    sources_option,
    today_option,
)


@click.command()
@click.option("--source", "names", multiple=True, help="Crawl only this provider (repeatable).")
@click.option("--demo", is_flag=True, help="Crawl the demo providers (their web must be served).")
@click.option("--demo-port", type=int, default=None, help="Port the demo web is served on.")
@click.option(
    "--allow-private", is_flag=True, help="Allow loopback/private addresses (implied by --demo)."
)
@click.option("--log-level", default="WARNING", show_default=True, help="Scrapy log level.")
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a Scrapy setting, e.g. -s DOWNLOAD_TIMEOUT=20 (repeatable).",
)
@db_option
@sources_option
@today_option
def crawl(
    names, demo, demo_port, allow_private, log_level, settings, db, sources_file, today
) -> None:
    """Crawl provider sites into the catalog, then score it.

    A crawl that was killed resumes where it stopped when started again. Exits with status 1
    when any provider's run is degraded or interrupted (the summary says why).

    \b
    Examples:
        ceuscout crawl                          # every real provider in data/sources.yml
        ceuscout crawl --source netce --db /tmp/netce.db
        ceuscout crawl --demo --demo-port 8610  # the demo web, served by `ceuscout demo-web`
        ceuscout crawl -s DOWNLOAD_TIMEOUT=20 -s CLOSESPIDER_TIMEOUT=3600
    """
    from crawler.crawl.render import BrowserMissing
    from crawler.crawl.report import summary_table
    from crawler.crawl.run import crawl as run_crawl
    from scoring.store import score_catalog

    overrides = {"LOG_LEVEL": log_level, **scrapy_settings(settings)}
    sources = read_sources(sources_file, names, demo=bool(demo))
    if not sources:
        raise click.ClickException("no sources selected")
    if demo_port:
        sources = [s.with_port(demo_port) if s.demo else s for s in sources]
    local = demo or allow_private or any(s.demo for s in sources)
    day = day_of(today)
    try:
        runs = run_crawl(sources, db, today=day, local=local, overrides=overrides)
    except BrowserMissing as exc:
        raise click.ClickException(str(exc)) from exc
    table, alert = summary_table(db, runs)
    click.echo(table)
    stats = score_catalog(db, today=day)
    click.echo(f"scored {stats['scored']} listings (scoring version {stats['scoring_version']})")
    if alert:
        raise click.ClickException("a provider's run is degraded or interrupted (see above)")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@db_option
def coverage(as_json, db) -> None:
    """Field coverage per provider: the share of stored listings that carry each field.

    A column that drops after a re-crawl points at a site whose markup changed.

    \b
    Example:
        ceuscout coverage --db data/catalog.db
    """
    from crawler.store.coverage import coverage as measure
    from crawler.store.coverage import coverage_table

    if not db.exists():
        raise click.ClickException(f"no catalog at {db}: crawl first (ceuscout crawl)")
    report = measure(db)
    click.echo(json.dumps(report, indent=2) if as_json else coverage_table(report))
