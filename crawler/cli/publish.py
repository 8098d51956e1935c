"""Publishing the catalog: `ceuscout publish` (snapshot) and `ceuscout serve` (Datasette).

The public never sees the live crawl database: ``publish`` writes a consistent snapshot of the
public tables, ``serve`` serves it read-only with arbitrary SQL and downloads off.
"""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import db_option, snapshot_option
from crawler.paths import DEFAULT_SNAPSHOT
from crawler.publish.serve import serve
from crawler.publish.snapshot import PublishError, publish


@click.command("publish")
@db_option
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=DEFAULT_SNAPSHOT,
    show_default=True,
    help="Where to write the public snapshot.",
)
def publish_command(db: Path, out: Path) -> None:
    """Write a consistent public snapshot of the catalog (safe while a crawl runs).

    Copies the database with VACUUM INTO, keeps only public tables and columns, builds the
    `catalog` table with search and indexes, and renames it into place atomically.

    \b
    Example:
        ceuscout publish --db data/catalog.db --out data/public/catalog.db
    """
    try:
        summary = publish(db, out)
    except PublishError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Published {summary['courses']} courses to {summary['path']} at {summary['published_at']}"
    )


@click.command("serve")
@snapshot_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; 0.0.0.0 to serve other machines.",
)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option(
    "--live",
    is_flag=True,
    help="DB is a live crawl database (served mutable, in WAL mode), not a snapshot.",
)
def serve_command(db: Path, host: str, port: int, live: bool) -> None:
    """Serve the published catalog with Datasette (SQL and downloads off).

    Restart it after `ceuscout publish` to show the new snapshot.

    \b
    Example:
        ceuscout serve --db data/public/catalog.db --port 8001
    """
    try:
        serve(db, host=host, port=port, live=live, echo=click.echo)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
