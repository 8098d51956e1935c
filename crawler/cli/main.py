"""The `ceuscout` command line."""

from __future__ import annotations

import importlib
import json
import sys
from datetime import date
from pathlib import Path

import click

from crawler.paths import DEFAULT_DB, DEFAULT_SOURCES
from crawler.sources import SourcesError, load_sources, select

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The catalog database (SQLite).",
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
    help="Date to judge expiry against (default: today).",
)


class LazyGroup(click.Group):
    """Commands defined in other modules are imported only when used: `ceuscout --help` and
    `ceuscout crawl` stay fast without loading Datasette."""

    LAZY = {
        "score": "crawler.cli.score:score",
        "plan": "crawler.cli.plan:plan_command",
        "publish": "crawler.cli.publish:publish_command",
        "serve": "crawler.cli.publish:serve_command",
        "bench-catalog": "crawler.bench.catalog:bench_command",
    }

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx, name):
        if name in self.LAZY:
            module, attr = self.LAZY[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


def _sources(path: Path, names: tuple[str, ...], demo: bool | None):
    try:
        return select(load_sources(path), names, demo=demo if not names else None)
    except SourcesError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ceuscout")
def main() -> None:
    """CEU Scout: find, score and publish continuing-education courses for medical assistants.

    \b
    Example:
        ceuscout demo          # crawl the bundled demo web, score it, serve the catalog
    """


@main.command()
@click.option("--source", "names", multiple=True, help="Crawl only this provider (repeatable).")
@click.option("--demo", is_flag=True, help="Crawl the demo providers (their web must be served).")
@click.option("--demo-port", type=int, default=None, help="Port the demo web is served on.")
@click.option(
    "--allow-private", is_flag=True, help="Allow loopback/private addresses (implied by --demo)."
)
@click.option("--log-level", default="WARNING", show_default=True, help="Scrapy log level.")
@db_option
@sources_option
@today_option
def crawl(names, demo, demo_port, allow_private, log_level, db, sources_file, today) -> None:
    """Crawl provider sites into the catalog, then score it.

    A crawl that was killed resumes where it stopped when started again.

    \b
    Examples:
        ceuscout crawl                          # every real provider in data/sources.yml
        ceuscout crawl --source netce --db /tmp/netce.db
        ceuscout crawl --demo --demo-port 8610  # the demo web, served by `ceuscout demo-web`
    """
    from crawler.crawl.run import crawl as run_crawl
    from crawler.crawl.run import summary_table

    sources = _sources(sources_file, names, demo=bool(demo))
    if not sources:
        raise click.ClickException("no sources selected")
    if demo_port:
        sources = [s.with_port(demo_port) if s.demo else s for s in sources]
    local = demo or allow_private or any(s.demo for s in sources)
    day = today.date() if today else date.today()
    runs = run_crawl(sources, db, today=day, local=local, overrides={"LOG_LEVEL": log_level})
    click.echo(summary_table(db, runs))
    _score(db, day)


def _score(db: Path, day: date) -> None:
    from scoring.store import score_catalog

    stats = score_catalog(db, today=day)
    click.echo(f"scored {stats['scored']} listings (scoring version {stats['scoring_version']})")


@main.command()
@click.argument("target")
@click.option("--url", default=None, help="The address of a page read from a file.")
@click.option(
    "--source", "slug", default=None, help="Provider slug (default: found from the host)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback/private addresses.")
@db_option
@sources_option
@today_option
def inspect(target, url, slug, as_json, allow_private, db, sources_file, today) -> None:
    """Show what CEU Scout reads from one page: is it a course, its fields and their sources,
    and its score card.

    \b
    Examples:
        ceuscout inspect https://www.netce.com/coursecontent.php?courseid=2460
        ceuscout inspect saved.html --url https://example.org/courses/hipaa --json
    """
    from crawler.cli.inspect import inspect_target

    try:
        report = inspect_target(
            target,
            url=url,
            slug=slug,
            allow_private=allow_private,
            db=db,
            sources=load_sources(sources_file),
            today=today.date() if today else date.today(),
        )
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(report.to_text())


@main.command()
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


@main.command()
@click.option("--port", type=int, default=None, help="Port of the demo web (default 8610).")
@click.option(
    "--catalog-port", type=int, default=8001, show_default=True, help="Port of the catalog."
)
@click.option("--no-serve", is_flag=True, help="Stop after crawling and scoring.")
@db_option
@sources_option
@today_option
def demo(port, catalog_port, no_serve, db, sources_file, today) -> None:
    """Serve the bundled demo web on loopback, crawl it, score it, then serve the catalog.

    \b
    Examples:
        ceuscout demo
        ceuscout demo --no-serve --db /tmp/demo.db
    """
    from crawler.demo.run import run_demo

    run_demo(
        _sources(sources_file, (), demo=True),
        db=db,
        port=port,
        catalog_port=catalog_port,
        serve=not no_serve,
        today=today.date() if today else date.today(),
    )


@main.command("demo-web")
@click.option("--port", type=int, default=8610, show_default=True, help="Port on every demo host.")
@sources_option
def demo_web(port, sources_file) -> None:
    """Serve only the demo web (each demo provider on its own 127.0.0.x) until Ctrl-C.

    \b
    Example:
        ceuscout demo-web --port 8610 &  ceuscout crawl --demo --demo-port 8610
    """
    from crawler.demo.run import demo_web_for

    web = demo_web_for(_sources(sources_file, (), demo=True), port)
    with web:
        for slug, base in web.base_urls().items():
            click.echo(f"{slug:<28}{base}")
        click.echo("serving; Ctrl-C to stop")
        try:
            import time

            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


@main.command()
@click.option(
    "--pages", type=int, default=1000, show_default=True, help="Course pages in the site."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the JSON here.",
)
def bench(pages, out) -> None:
    """Crawl a synthetic site of N course pages with a bare Scrapy spider and with the full
    CEU Scout pipeline, side by side, and print pages/s, their ratio and peak memory as JSON.

    \b
    Example:
        ceuscout bench --pages 5000
    """
    from crawler.bench.crawl import run_bench

    result = run_bench(pages)
    text = json.dumps(result, indent=2)
    click.echo(text)
    if out:
        out.write_text(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
