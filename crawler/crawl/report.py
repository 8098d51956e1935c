"""What a crawl tells a person: one count line per run (progress and summary say the same)
and the summary table with each run's status and its causes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.store import CatalogStore

# Statuses after which a cron job must hear about the run.
ALERT_STATUSES = ("degraded", "interrupted", "failed")


def counts_line(summary: dict[str, Any]) -> str:
    """Pages stored, distinct courses seen, not-course pages, failed and skipped pages."""
    frontier = summary["frontier"]
    return (
        f"{summary['pages']} pages, {summary['courses']} courses, "
        f"{summary['not_courses']} not courses, {frontier['failed']} failed, "
        f"{frontier['skipped']} skipped (robots.txt)"
    )


def summary_table(db_path: Path, runs: dict[str, int]) -> tuple[str, bool]:
    """One line per provider (how its run ended, what it found, why it is not trusted) and
    whether any run needs attention (degraded or interrupted)."""
    header = (
        f"{'provider':<24}{'status':<13}{'pages':>6}{'courses':>8}{'new':>5}{'changed':>8}"
        f"{'not courses':>12}{'failed':>7}{'skipped':>8}{'errors':>7}"
    )
    lines, alert = ["", header], False
    with CatalogStore(db_path) as store:
        for slug, run_id in runs.items():
            s = store.run_summary(run_id)
            f = s["frontier"]
            lines.append(
                f"{slug:<24}{s['status']:<13}{s['pages']:>6}{s['courses']:>8}"
                f"{s['new_courses']:>5}{s['changed_courses']:>8}{s['not_courses']:>12}{f['failed']:>7}"
                f"{f['skipped']:>8}{s['errors']:>7}"
            )
            if s["status"] == "interrupted":
                lines.append(f"    interrupted: {s['finish_reason']}")
            lines += [f"    degraded: {cause}" for cause in s["causes"]]
            lines += [f"    note: {note}" for note in s["notes"]]
            alert = alert or s["status"] in ALERT_STATUSES
    return "\n".join(lines), alert
