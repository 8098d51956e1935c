"""`ceuscout bench` (crawl throughput) and `ceuscout bench-catalog` (the catalog at scale)."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.option(
    "--pages", type=int, default=1000, show_default=True, help="Course pages in the site."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the JSON here.",
)
@click.option(
    "--render",
    is_flag=True,
    help="Also crawl the site with every page rendered in headless Chromium (needs chromium).",
)
def bench(pages, out, render) -> None:
    """Crawl a synthetic site of N course pages with a bare Scrapy spider and with the full
    CEU Scout pipeline, side by side, and print pages/s, ms per page, their ratio and peak
    memory as JSON; with --render, the full pipeline rendering every page too.

    \b
    Example:
        ceuscout bench --pages 5000
        ceuscout bench --pages 300 --render
    """
    from crawler.bench.crawl import run_bench
    from crawler.crawl.render import chromium_path

    if render and chromium_path() is None:
        raise click.ClickException(
            "--render needs Chromium at /usr/bin/chromium (or $CEUSCOUT_CHROMIUM)"
        )
    result = run_bench(pages, render=render)
    text = json.dumps(result, indent=2)
    click.echo(text)
    if out:
        out.write_text(text + "\n")


@click.command("bench-catalog")
@click.option("--rows", default=100_000, show_default=True, help="Listings to generate.")
@click.option("--runs", default=30, show_default=True, help="Timed runs per page.")
@click.option("--csv-runs", default=5, show_default=True, help="Timed CSV exports.")
@click.option(
    "--workdir",
    type=click.Path(path_type=Path),
    default=None,
    help="Keep the generated databases here (default: a temp folder).",
)
def bench_catalog(rows: int, runs: int, csv_runs: int, workdir: Path | None) -> None:
    """Time the published catalog at scale and print p50/p95 latencies as JSON.

    \b
    Example:
        ceuscout bench-catalog --rows 100000 --runs 30
    """
    from crawler.bench.catalog import run_catalog_bench

    click.echo(json.dumps(run_catalog_bench(rows, runs, csv_runs, workdir), indent=2))


@click.command()
@click.option(
    "--web",
    "webs",
    type=click.Choice(["dev", "heldout"]),
    multiple=True,
    help="Which web to crawl (repeatable; default both).",
)
@click.option(
    "--entries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A sources file to crawl with (default: entries with slug, name and homepage only).",
)
@click.option("--no-pages", is_flag=True, help="Skip the held-out real pages.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def accuracy(webs, entries, no_pages, as_json) -> None:
    """Crawl the development web and the held-out web, read the held-out real pages, and print
    courses found, non-courses stored, field accuracy and checklist F1 for each, apart.

    \b
    Example:
        ceuscout accuracy --web heldout
    """
    from crawler.bench.accuracy import format_accuracy, measure

    report = measure(list(webs) or ["dev", "heldout"], entries, pages=not no_pages)
    click.echo(json.dumps(report, indent=2, default=str) if as_json else format_accuracy(report))
