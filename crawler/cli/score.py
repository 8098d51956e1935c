"""The ``ceuscout score`` command: re-score the stored catalog, or measure the detectors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from crawler.cli.options import db_option, today_option
from scoring.evaluation.evaluate import EVALUATION_DATE, evaluate, format_report, load_cases
from scoring.evaluation.realworld import DEFAULT_ROOT
from scoring.store import score_catalog


@click.command("score")
@db_option
@today_option
@click.option(
    "--evaluate",
    "labels",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Label file (.jsonl) or folder of them: print precision, recall and F1 per "
    "criterion instead of scoring the catalog. Repeatable.",
)
@click.option(
    "--realworld",
    "realworld_root",
    default=DEFAULT_ROOT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of real-world records that label files refer to.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def score(db: Path, today, labels: tuple[Path, ...], realworld_root: Path, as_json: bool) -> None:
    """Score every stored course against the quality checklist, without re-crawling.

    Fee statistics (median price per contact hour of comparable courses) are computed over the
    whole catalog first, then every course gets a score card in the score_cards and
    score_evidence tables, replacing the previous cards in one transaction. With --evaluate,
    --today defaults to the date the labels were decided.

    \b
    Examples:
        ceuscout score                                  # re-score data/catalog.db
        ceuscout score --db other.db --today 2027-01-01 --json
        ceuscout score --evaluate tests/labels          # precision / recall / F1
    """
    day = today.date() if today else None
    if labels:
        loaded = load_cases(labels, realworld_root)
        if not loaded.cases:
            raise click.ClickException(
                f"no labeled listings found (real-world ones need {realworld_root})"
            )
        report = evaluate(loaded.cases, day or EVALUATION_DATE)
        report["skipped"] = loaded.skipped
        if as_json:
            click.echo(json.dumps(report, indent=2))
            return
        click.echo(format_report(report))
        click.echo(
            f"\n{len(report['mismatches'])} disagreements; "
            f"{len(loaded.skipped)} real-world entries skipped (folder absent)"
        )
        return
    try:
        stats = score_catalog(db, day or date.today())
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    bands = ", ".join(f"{band}: {count}" for band, count in stats["bands"].items())
    click.echo(
        f"scored {stats['scored']} courses in {stats['seconds']} s "
        f"(scoring version {stats['scoring_version']}; {stats['priced_courses']} priced "
        f"courses in the fee statistics)"
    )
    if bands:
        click.echo(f"bands: {bands}")
