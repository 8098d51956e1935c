"""Cells and page data for the CEU Scout catalog.

Crawled text is never trusted: links are made only for http(s) addresses, every value goes
through markupsafe escaping, and no cell is ever rendered as raw HTML.
"""

from datasette import hookimpl
from datasette.utils import is_url, tilde_decode
from markupsafe import Markup, escape

from crawler.publish import present
from scoring.criteria import BANDS, CRITERIA

LINK_COLUMNS = {"url", "refund_policy_url", "homepage", "contact_url"}
STATUS_WORDS = present.VALUE_LABELS["check"]


def safe_link(value, text=None):
    """An <a> for an http(s) address, escaped text for anything else (javascript:, data:, ...)."""
    if not is_url(value):
        return escape(value)
    return Markup('<a href="{}" rel="nofollow noopener noreferrer">{}</a>').format(
        value, text if text is not None else value
    )


@hookimpl
def render_cell(value, column, table, database, datasette):
    if database != "catalog" or not isinstance(value, str):
        return None
    if column in LINK_COLUMNS:
        return safe_link(value)
    return None


def _one(rows):
    return dict(rows[0]) if rows else None


async def _course_page_vars(db, course_id):
    course = _one((await db.execute("select * from catalog where id = ?", [course_id])).rows)
    if course is None:
        return {}
    texts = _one((await db.execute("select * from course_details where id = ?", [course_id])).rows)
    course.update(texts or {})
    evidence = {
        row["criterion"]: dict(row)
        for row in (
            await db.execute("select * from score_evidence where course_id = ?", [course_id])
        ).rows
    }
    provider = _one(
        (await db.execute("select * from providers where slug = ?", [course["provider"]])).rows
    )
    history = [
        dict(row)
        for row in (
            await db.execute(
                "select * from course_history where course_id = ? order by changed_at desc",
                [course_id],
            )
        ).rows
    ]
    checks = [
        {
            "criterion": criterion,
            "status": course.get(f"check_{criterion.id}"),
            "status_words": STATUS_WORDS.get(course.get(f"check_{criterion.id}"), "Not scored"),
            "evidence": evidence.get(criterion.id),
        }
        for criterion in CRITERIA
    ]
    counts_toward = [c for c in (course.get("counts_toward") or "").split("; ") if c]
    return {
        "course": course,
        "checks": checks,
        "provider": provider,
        "history": history,
        "counts_toward": counts_toward,
        "safe_link": safe_link,
        "present": present,
        "shown": present.card(course),
    }


async def _home_vars(db):
    if not await db.table_exists("catalog"):
        return {"criteria": CRITERIA, "bands": BANDS}
    publication = None
    if await db.table_exists("publication"):
        publication = _one((await db.execute("select * from publication")).rows)
    categories = [
        dict(row)
        for row in (
            await db.execute(
                "select aama_category, count(*) as n from catalog "
                "where aama_category is not null group by aama_category order by aama_category"
            )
        ).rows
    ]
    return {
        "publication": publication,
        "categories": categories,
        "criteria": CRITERIA,
        "bands": BANDS,
    }


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if "catalog" not in datasette.databases:
        return {}
    db = datasette.get_database("catalog")

    async def page_vars():
        if view_name == "row" and database == "catalog" and table == "catalog":
            return await _course_page_vars(db, tilde_decode(request.url_vars.get("pks", "")))
        if view_name == "index":
            return await _home_vars(db)
        return {}

    return page_vars


@hookimpl
def prepare_connection(conn, database):
    # Facets over a filtered view read every matching row; memory-mapped reads and a larger
    # page cache make that about a third faster on a 100k-row catalog.
    if database == "catalog":
        conn.execute("PRAGMA mmap_size = 268435456")
        conn.execute("PRAGMA cache_size = -32000")
