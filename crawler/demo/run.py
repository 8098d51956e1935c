"""`ceuscout demo`: serve the demo web, crawl it, score it, publish and serve the catalog."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click

from crawler.demo.generate.site import DEFAULT_PORT
from crawler.demo.server import DemoWeb
from crawler.paths import DATA_DIR, DEFAULT_DB, DEFAULT_SNAPSHOT
from crawler.sources import Source


def free_port(hosts: list[str]) -> int:
    """A port that is free on every one of ``hosts`` (the demo hosts share one port)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((hosts[0], 0))
            port = probe.getsockname()[1]
        if all(_is_free(host, port) for host in hosts):
            return port
    raise RuntimeError(f"no port free on all of {hosts}")


def _is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def demo_web_for(sources: list[Source], port: int | None) -> DemoWeb:
    """The demo web for ``sources`` on ``port`` (default 8610, or a free one if that is taken)."""
    if not sources:
        raise click.ClickException("data/sources.yml lists no demo_providers")
    hosts = [urlsplit(s.homepage).hostname for s in sources]
    if port is None:
        port = DEFAULT_PORT if all(_is_free(h, DEFAULT_PORT) for h in hosts) else free_port(hosts)
    sites = {(DATA_DIR / s.demo_site).parent for s in sources if s.demo_site}
    if len(sites) != 1:
        raise click.ClickException("every demo provider needs demo_site in one shared folder")
    return DemoWeb(sites.pop(), {s.slug: (h, port) for s, h in zip(sources, hosts, strict=True)})


def run_demo(
    sources: list[Source],
    *,
    db: Path,
    port: int | None,
    catalog_port: int,
    serve: bool,
    today: date,
) -> None:
    from crawler.crawl.render import BrowserMissing
    from crawler.crawl.report import summary_table
    from crawler.crawl.run import crawl
    from crawler.publish.serve import serve as serve_snapshot
    from crawler.publish.snapshot import publish
    from scoring.store import score_catalog

    web = demo_web_for(sources, port)
    with web:
        chosen_port = web.address(sources[0].slug)[1]
        click.echo(f"demo web: {len(sources)} providers on 127.0.0.x:{chosen_port}")
        rendered = [s.slug for s in sources if s.render]
        if rendered:
            click.echo(f"rendering in headless Chromium: {', '.join(rendered)}")
        try:
            runs = crawl(
                [s.with_port(chosen_port) for s in sources],
                db,
                today=today,
                local=True,
                overrides={"LOG_LEVEL": "WARNING"},
            )
        except BrowserMissing as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(summary_table(db, runs)[0])
    stats = score_catalog(db, today=today)
    click.echo(f"scored {stats['scored']} listings into {db}")
    snapshot = DEFAULT_SNAPSHOT if db == DEFAULT_DB else db.with_name(db.stem + "-public.db")
    publish(db, snapshot, today=today.isoformat())
    click.echo(f"published snapshot {snapshot}")
    if serve:
        if not _is_free("127.0.0.1", catalog_port):
            click.echo(f"port {catalog_port} is taken; serving on a free port instead")
            catalog_port = free_port(["127.0.0.1"])
        serve_snapshot(snapshot, host="127.0.0.1", port=catalog_port)
