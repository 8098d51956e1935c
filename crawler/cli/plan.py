"""`ceuscout plan`: the cheapest catalog courses that complete a recertification."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import click

from crawler.cli.options import day_of, db_option, today_option
from crawler.items import FORMATS
from crawler.publish.csv_safety import neutralize_cell
from scoring.planner.credentials import load_credentials
from scoring.planner.plan import Plan, plan_from_connection
from scoring.planner.present import CSV_COLUMNS, plan_rows, render_plan
from scoring.planner.rules import Preferences

CREDENTIAL_KEYS = ("cma", "rma", "cmas", "ccma", "ncma", "cmac")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def write_csv(plan: Plan, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in plan_rows(plan):
            writer.writerow(
                {k: neutralize_cell(v) if isinstance(v, str) else v for k, v in row.items()}
            )


@click.command("plan")
@db_option
@click.option(
    "--credential",
    type=click.Choice(CREDENTIAL_KEYS, case_sensitive=False),
    default="cma",
    show_default=True,
)
@click.option(
    "--have",
    default="",
    metavar="CATEGORY=N,...",
    help="Points already earned: administrative=..,clinical=..,general=.. (any=.. for "
    "points with no category).",
)
@click.option(
    "--have-approved",
    type=click.FloatRange(min=0),
    default=None,
    help="How many of the earned points are approved (AAMA-approved for CMA).",
)
@click.option(
    "--budget",
    type=click.FloatRange(min=0),
    default=None,
    help="Budget in USD (0: free courses only).",
)
@click.option("--deadline", callback=_date, help="YYYY-MM-DD; credit must last until then.")
@today_option
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Only this delivery format (repeatable).",
)
@click.option("--only-free", is_flag=True, help="Only courses that cost nothing at all.")
@click.option("--member", is_flag=True, help="You are a member: member-free courses cost 0.")
@click.option("--exclude-provider", multiple=True, help="Provider slug or name (repeatable).")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the planned courses to this CSV file.",
)
def plan_command(
    db,
    credential,
    have,
    have_approved,
    budget,
    deadline,
    today,
    formats,
    only_free,
    member,
    exclude_provider,
    csv_path,
) -> None:
    """Choose the cheapest catalog courses that complete a recertification.

    Lowest total cost first, then fewest hours, found exactly. Courses that are expired,
    withdrawn, or whose credit ends before the deadline do not count; non-AAMA points count up to
    the cap. Exits with status 1 when no plan exists or the cheapest plan is over budget, after
    saying what is missing.

    \b
    Example:
        ceuscout plan --credential cma --have administrative=12,clinical=3,general=20 \\
            --have-approved 18 --deadline 2027-09-01 --budget 50 --csv shortlist.csv
    """
    if not db.is_file():
        raise click.ClickException(f"no catalog database at {db}")
    prefs = Preferences(
        today=day_of(today),
        deadline=deadline,
        budget=budget,
        formats=tuple(formats),
        only_free=only_free,
        exclude_providers=tuple(exclude_provider),
        member=member,
    )
    if deadline and deadline < prefs.today:
        raise click.BadParameter("the deadline has already passed", param_hint="--deadline")
    conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        plan = plan_from_connection(
            conn, credential, have, have_approved, prefs, load_credentials()
        )
    except (ValueError, sqlite3.Error) as exc:  # includes CatalogError, CredentialsError
        raise click.ClickException(str(exc)) from exc
    finally:
        conn.close()
    click.echo(render_plan(plan))
    if csv_path is not None:
        write_csv(plan, csv_path)
        click.echo(f"Wrote {len(plan.courses)} courses to {csv_path}")
    if not plan.ok:
        raise SystemExit(1)
