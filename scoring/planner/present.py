"""A plan as people read it: one row per planned course, and the plain-text report."""

from __future__ import annotations

from scoring.planner.count import fmt
from scoring.planner.plan import Plan

CSV_COLUMNS = (
    "id",
    "title",
    "provider",
    "category",
    "counts_as",
    "points",
    "hours",
    "price",
    "score",
    "format",
    "credit_ends",
    "url",
)


def counts_as(plan: Plan, approved: bool) -> str:
    """How a course counts: never call a non-approved course approved."""
    rule = plan.credential.approved
    if rule is None:
        return plan.credential.unit + "s"
    return rule.label if approved else f"non-{rule.label} (max {rule.others_cap.value:g})"


def plan_rows(plan: Plan) -> list[dict[str, object]]:
    """One dict per planned course, in CSV_COLUMNS order."""
    return [
        {
            "id": c.id,
            "title": c.title,
            "provider": c.provider,
            "category": c.category or "any",
            "counts_as": counts_as(plan, c.approved),
            "points": fmt(c.points),
            "hours": fmt(c.hours),
            "price": f"{c.cost:.2f}",
            "score": "" if c.score is None else c.score,
            "format": c.format or "",
            "credit_ends": c.credit_ends or "",
            "url": c.url or "",
        }
        for c in plan.courses
    ]


def _table(plan: Plan) -> str:
    headers = {"title": "COURSE", "provider": "PROVIDER", "category": "CATEGORY",
               "counts_as": "COUNTS AS", "points": "POINTS", "price": "PRICE", "score": "SCORE",
               "url": "LINK"}  # fmt: skip
    columns = tuple(headers)
    rows = [{k: str(r[k]) for k in columns} for r in plan_rows(plan)]
    for row in rows:
        row["title"] = row["title"] if len(row["title"]) <= 48 else row["title"][:47] + "…"
    widths = {k: max([len(headers[k]), *(len(r[k]) for r in rows)]) for k in columns}
    lines = ["  ".join(headers[k].ljust(widths[k]) for k in columns)]
    lines += ["  ".join(r[k].ljust(widths[k]) for k in columns) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def render_plan(plan: Plan) -> str:
    credential = plan.credential
    lines = [f"{credential.name}: {credential.total.value:g} {credential.unit}s"]
    headline = {
        "complete": "Your points already complete every rule; nothing to take.",
        "ok": f"Plan: {len(plan.courses)} courses, ${plan.total_cost:,.2f}, "
        f"{fmt(plan.total_hours)} contact hours.",
        "over-budget": f"Over budget: the cheapest plan is {len(plan.courses)} courses, "
        f"${plan.total_cost:,.2f}.",
        "infeasible": "No plan: the catalog cannot complete the rules with these filters.",
    }[plan.status]
    lines.append(headline)
    lines += [f"  - {m}" for m in plan.messages]
    if plan.courses:
        lines += ["", _table(plan)]
    lines += ["", "Requirement       needed    have    plan   total"]
    for req in plan.count.requirements:
        mark = "ok" if req.short <= 1e-6 else f"{fmt(req.short)} short"
        lines.append(
            f"{req.name:<16}{fmt(req.needed):>8}{fmt(req.have):>8}{fmt(req.plan):>8}"
            f"{fmt(req.reached):>8}  {mark}"
        )
    considered = f"{plan.considered} usable courses"
    if plan.left_out:
        reasons = ", ".join(f"{n} {why}" for why, n in plan.left_out.most_common())
        considered += f"; left out: {reasons}"
    lines += ["", considered]
    unconfirmed = credential.unconfirmed()
    if unconfirmed:
        lines.append("Not confirmed by the certifying body: " + "; ".join(unconfirmed))
    return "\n".join(lines)
