"""Template functions for the course cards, the filter sidebar and the course page.

The rules themselves (price in words, credits line, labels, dates) live in
``crawler/publish/present.py``; this plugin only hands them to the templates and builds the
URLs (remove a filter, toggle a view) from the request.
"""

from urllib.parse import parse_qsl

from datasette import hookimpl
from datasette.utils import path_with_added_args, path_with_removed_args, tilde_encode

from crawler.publish import present

RANGE_FILTERS = {
    "price_amount__lte": ("Price", "at most"),
    "contact_hours__gte": ("Contact hours", "at least"),
    "score__gte": ("Score", "at least"),
}
OPERATOR_WORDS = {
    "exact": "is",
    "not": "is not",
    "gt": "above",
    "gte": "at least",
    "lt": "below",
    "lte": "at most",
    "contains": "contains",
    "in": "is one of",
    "isnull": "is empty",
    "notnull": "is not empty",
}
SORTS = (
    ("Best score", "_sort_desc", "score"),
    ("Lowest price", "_sort", "price_amount"),
    ("Cheapest per contact hour", "_sort", "price_per_contact_hour"),
    ("Most contact hours", "_sort_desc", "contact_hours"),
    ("Newest", "_sort_desc", "first_seen"),
)


def _filter_words(key: str, value: str) -> str | None:
    if key == "counts_toward__notlike":
        return None
    if key in ("counts_toward__startswith", "counts_toward__contains"):
        return f"Counts toward: {value}"
    if key == "_search":
        return f"Search: “{value}”"
    column, _, operator = key.partition("__")
    label = present.column_label(column)
    if column == "price_amount" and operator in ("lte", "lt"):
        return f"{label}: {OPERATOR_WORDS[operator]} {present.money(value, 'USD')}"
    if operator and operator != "exact":
        return f"{label} {OPERATOR_WORDS.get(operator, operator)} {value}"
    if column == "aama_approved":
        return present.value_label(column, value)
    return f"{label}: {present.value_label(column, value)}"


def _pairs(request) -> list[tuple[str, str]]:
    return parse_qsl(request.query_string, keep_blank_values=True)


def active_filters(request) -> list[dict]:
    """The chips: every filter in the URL in words, each with the URL that removes it."""
    chips = []
    for key, one in _pairs(request):
        if (key.startswith("_") and key != "_search") or one == "":
            continue
        words = _filter_words(key, one)
        if words is None:
            continue
        removed = {key: one}
        if key == "counts_toward__startswith":
            removed = {k for k, _ in _pairs(request) if k.startswith("counts_toward__")}
        chips.append({"label": words, "remove_url": path_with_removed_args(request, removed)})
    return chips


def kept_args(request, dropped) -> list[tuple[str, str]]:
    """The URL's arguments minus ``dropped`` (for forms that replace some of them)."""
    return [(key, value) for key, value in _pairs(request) if key not in dropped and key != "_next"]


@hookimpl
def extra_template_vars(datasette, database, table, view_name, request):
    if database == "catalog" and request is not None and not table:
        return {
            "present": present,
            "course_href": lambda course_id: datasette.urls.row(
                "catalog", "catalog", tilde_encode(str(course_id))
            ),
        }
    if database != "catalog" or table != "catalog" or request is None:
        return {}

    def course_card(row):
        course = dict(row)
        shown = present.card(course)
        shown["course"] = course
        shown["href"] = datasette.urls.row(database, table, tilde_encode(str(course["id"])))
        return shown

    def credential_facet(facet_info):
        values = [(v["value"], v["count"]) for v in facet_info["results"]]
        current = _pairs(request)
        options = []
        for option in present.credential_options(values):
            selected = all(pair in current for pair in option["args"])
            if selected:
                href = path_with_removed_args(request, {k for k, _ in option["args"]})
            else:
                href = path_with_added_args(request, [*option["args"], ("_next", None)])
            options.append({**option, "selected": selected, "href": href})
        return options

    def sort_options():
        chosen = request.args.get("_sort") or request.args.get("_sort_desc") or "score"
        return [
            {
                "label": label,
                "selected": column == chosen,
                "href": path_with_added_args(
                    request,
                    [("_sort", None), ("_sort_desc", None), ("_next", None), (name, column)],
                ),
            }
            for label, name, column in SORTS
        ]

    return {
        "present": present,
        "course_card": course_card,
        "active_filters": lambda: active_filters(request),
        "kept_args": lambda *dropped: kept_args(request, dropped),
        "sort_options": sort_options,
        "credential_facet": credential_facet,
        "with_args": lambda args: path_with_added_args(request, args),
        "without_args": lambda args: path_with_removed_args(request, args),
        "table_view": request.args.get("_view") == "table",
        "main_filters": present.MAIN_FILTERS,
        "range_filters": RANGE_FILTERS,
    }
