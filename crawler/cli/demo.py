"""`ceuscout demo` (the whole offline demo) and `ceuscout demo-web` (only the demo web)."""

from __future__ import annotations

import time

import click

from crawler.cli.options import day_of, db_option, read_sources, sources_option, today_option


@click.command()
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
        read_sources(sources_file, (), demo=True),
        db=db,
        port=port,
        catalog_port=catalog_port,
        serve=not no_serve,
        today=day_of(today),
    )


@click.command("demo-web")
@click.option("--port", type=int, default=8610, show_default=True, help="Port on every demo host.")
@sources_option
def demo_web(port, sources_file) -> None:
    """Serve only the demo web (each demo provider on its own 127.0.0.x) until Ctrl-C.

    \b
    Example:
        ceuscout demo-web --port 8610 &  ceuscout crawl --demo --demo-port 8610
    """
    from crawler.demo.run import demo_web_for

    web = demo_web_for(read_sources(sources_file, (), demo=True), port)
    with web:
        for slug, base in web.base_urls().items():
            click.echo(f"{slug:<28}{base}")
        click.echo("serving; Ctrl-C to stop")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
