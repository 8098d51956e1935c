"""Serve the catalog with Datasette under public-safe settings.

``datasette/metadata.yaml`` (words) and ``datasette/datasette.yaml`` (behaviour) are merged for
Datasette 0.65, which reads table settings from metadata. The database is always served under
the name ``catalog`` so the metadata, templates and links match whatever the file is called.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import yaml
from datasette.app import Datasette
from datasette.database import Database

from crawler.paths import DATASETTE_DIR

DATABASE_NAME = "catalog"


def _deep_merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(config_dir: Path = DATASETTE_DIR) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metadata for Datasette 0.65, settings) from the two YAML files."""
    metadata = yaml.safe_load((config_dir / "metadata.yaml").read_text(encoding="utf-8"))
    behaviour = yaml.safe_load((config_dir / "datasette.yaml").read_text(encoding="utf-8"))
    settings = behaviour.pop("settings", {})
    return _deep_merge(metadata, behaviour), settings


def ensure_wal(path: Path) -> None:
    """A live database must be in WAL mode, or readers get 'database is locked' mid-crawl."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def make_datasette(db_path: str | Path, live: bool = False) -> Datasette:
    """A Datasette for the catalog at ``db_path``.

    A published snapshot is served immutable (fast counts, no locking). ``live=True`` serves a
    database a crawl is still writing: it is switched to WAL so reads never block on writes.
    """
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no catalog database at {path}; run `ceuscout publish` first")
    if live:
        ensure_wal(path)
    metadata, settings = load_config()
    datasette = Datasette(
        metadata=metadata,
        settings=settings,
        template_dir=str(DATASETTE_DIR / "templates"),
        plugins_dir=str(DATASETTE_DIR / "plugins"),
    )
    datasette.remove_database("_memory")
    datasette.add_database(Database(datasette, path=str(path), is_mutable=live), DATABASE_NAME)
    return datasette


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    live: bool = False,
    echo=print,
) -> None:
    """Serve the catalog until interrupted, printing its local address first."""
    import uvicorn

    datasette = make_datasette(db_path, live=live)
    asyncio.run(datasette.invoke_startup())
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    echo(f"CEU Scout catalog: http://{shown_host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
