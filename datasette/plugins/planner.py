"""The recertification planner as a page of the catalog site: /-/plan.

The form takes the same inputs as `ceuscout plan`; the plan is computed by the same function
(scoring.planner.plan.plan_from_connection) on the served database, reading the published `catalog`
table (or the store's `courses`).
"""

import datetime as dt

from datasette import hookimpl
from datasette.utils.asgi import Response

from crawler.items import FORMATS
from scoring.planner.count import fmt
from scoring.planner.credentials import load_credentials
from scoring.planner.offers import CatalogError, catalog_table
from scoring.planner.plan import plan_from_connection
from scoring.planner.present import plan_rows
from scoring.planner.rules import Preferences

EARNED_FIELDS = ("administrative", "clinical", "general", "any")


def _number(args, name, errors):
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        errors.append(f"{name.replace('_', ' ')}: {text!r} is not a number")
        return None
    if value < 0:
        errors.append(f"{name.replace('_', ' ')} cannot be negative")
        return None
    return value


def _date(args, name, errors):
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(f"{name}: {text!r} is not a date in YYYY-MM-DD form")
        return None


def read_form(args, credential_keys, today):
    """The form's values (for refilling it), the planner inputs, and any input errors."""
    errors = []
    form = {name: args.get(name) or "" for name in ("credential", "format", "exclude")}
    form.update({name: args.get(name) or "" for name in (*EARNED_FIELDS, "approved", "budget")})
    form["deadline"] = args.get("deadline") or ""
    form["only_free"] = bool(args.get("only_free"))
    form["member"] = bool(args.get("member"))
    credential = form["credential"] or "cma"
    if credential not in credential_keys:
        errors.append(f"unknown credential {credential!r}")
    if form["format"] and form["format"] not in FORMATS:
        errors.append(f"unknown format {form['format']!r}")
    earned = []
    for name in EARNED_FIELDS:
        value = _number(args, name, errors)
        if value:
            earned.append(f"{name}={value:g}")
    approved = _number(args, "approved", errors)
    deadline = _date(args, "deadline", errors)
    if deadline and deadline < today:
        errors.append("the deadline has already passed")
    prefs = Preferences(
        today=today,
        deadline=deadline,
        budget=_number(args, "budget", errors),
        formats=(form["format"],) if form["format"] else (),
        only_free=form["only_free"],
        exclude_providers=tuple(p.strip() for p in form["exclude"].split(",") if p.strip()),
        member=form["member"],
    )
    return form, (credential, ",".join(earned), approved, prefs), errors


async def _catalog_database(datasette):
    for name, database in datasette.databases.items():
        if name.startswith("_"):
            continue
        try:
            await database.execute_fn(catalog_table)
        except CatalogError:
            continue
        return database
    return None


async def plan_page(datasette, request):
    rules = load_credentials()
    submitted = bool(request.args.get("credential"))
    form, inputs, errors = read_form(request.args, rules.credentials, dt.date.today())
    plan = None
    database = await _catalog_database(datasette)
    if database is None:
        errors.append("this site serves no course catalog to plan from")
    if submitted and not errors:
        credential, earned, approved, prefs = inputs

        def run(conn):
            return plan_from_connection(conn, credential, earned, approved, prefs, rules)

        try:
            plan = await database.execute_fn(run)
        except ValueError as exc:
            errors.append(str(exc))
    context = {
        "form": form,
        "errors": errors if submitted or database is None else [],
        "plan": plan,
        "rows": plan_rows(plan) if plan else [],
        "credentials": rules.credentials,
        "formats": FORMATS,
        "fmt": fmt,
    }
    html = await datasette.render_template("plan.html", context, request=request)
    return Response.html(html, status=400 if submitted and errors else 200)


@hookimpl
def register_routes():
    return [(r"^/-/plan$", plan_page)]
