"""Neutralize spreadsheet formulas in every CSV response and give it readable headers.

Wraps the ASGI app: any response to a ``.csv`` path (or ``_format=csv``) is re-written as it
streams, so ``_stream=1`` exports of any filtered view stay streamed and complete. A CSV
request without ``_stream`` gets it added (unless it is a later page, ``_next``), so the plain
"CSV" link of a filtered table exports all its rows rather than the first 1,000, fetched in
pages of 1,000 (stock streaming fetches 50 rows a query, which made 10,000 rows take 10 s).
Every CSV is a download (``text/csv``, ``Content-Disposition: attachment``) named after its
filters, e.g. ``ceuscout-free-aama-clinical-2026-12-04.csv``.
"""

from urllib.parse import parse_qs, parse_qsl

from datasette import hookimpl

from crawler.publish.csv_safety import CsvNeutralizer
from crawler.publish.present import filters_slug

PLUGIN_NAME = "ceuscout-csv"


def _is_csv_request(scope) -> bool:
    if scope.get("type") != "http":
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if "_trace" in query:
        return False
    return scope.get("path", "").endswith(".csv") or query.get("_format") == ["csv"]


def _streaming_scope(scope):
    """Add ``_stream=1`` (all rows) and ``_size=max`` (1,000-row pages, not 50-row ones)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if "_next" in query:
        return scope
    extra = [b"_stream=1"] if "_stream" not in query else []
    if "_size" not in query:
        extra.append(b"_size=max")
    query_string = b"&".join([scope.get("query_string", b""), *extra]).lstrip(b"&")
    return {**scope, "query_string": query_string}


def _wants_header(scope) -> bool:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return query.get("_header") != ["off"]


def download_name(scope) -> str:
    """The file name: the table (unless it is the course list) and its filters."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=False)
    table = scope.get("path", "").rstrip("/").rsplit("/", 1)[-1].removesuffix(".csv")
    if table and table != "catalog":
        pairs = [("table", table), *pairs]
    return filters_slug(pairs)


def _download_headers(headers, scope):
    kept = [
        (k, v)
        for k, v in headers
        if k.lower() not in (b"content-length", b"content-type", b"content-disposition")
    ]
    name = download_name(scope).encode("ascii", "replace")
    return [
        *kept,
        (b"content-type", b"text/csv; charset=utf-8"),
        (b"content-disposition", b'attachment; filename="' + name + b'"'),
    ]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def neutralizing_app(scope, receive, send):
            if not _is_csv_request(scope):
                await app(scope, receive, send)
                return
            config = datasette.plugin_config(PLUGIN_NAME) or {}
            headers = config.get("headers") if _wants_header(scope) else None
            rewriter = CsvNeutralizer(headers)
            original = scope
            scope = _streaming_scope(scope)
            rewriting = False

            async def rewriting_send(message):
                nonlocal rewriting
                if message["type"] == "http.response.start":
                    rewriting = message["status"] == 200
                    if rewriting:
                        message = {
                            **message,
                            "headers": _download_headers(message.get("headers", []), original),
                        }
                elif message["type"] == "http.response.body" and rewriting:
                    body = rewriter.feed(message.get("body", b""))
                    more = message.get("more_body", False)
                    if not more:
                        body += rewriter.close()
                    message = {**message, "body": body}
                await send(message)

            await app(scope, receive, rewriting_send)

        return neutralizing_app

    return wrap
