"""Saved provider pages and the whole extraction each must give.

``tests/fixtures/providers/<provider>/<case>.html`` is a page as served; beside it,
``<case>.expected.json`` holds the inputs (``url``, optional sources.yml ``config``) and
``extraction``: everything ``extract_page`` returns for it, every field included.

After a reviewed change to the extraction, regenerate the expected files and read the diff:

    python -m tests.support.fixtures            # every case
    python -m tests.support.fixtures member_free  # only these cases
    git diff tests/fixtures/providers
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crawler.extract import extract_page
from tests.support.paths import FIXTURES

PROVIDERS = FIXTURES / "providers"


def pages() -> list[Path]:
    return sorted(PROVIDERS.glob("*/*.html"))


def expected_file(page: Path) -> Path:
    return page.with_name(page.name.removesuffix(".html") + ".expected.json")


def extraction_of(page: Path, url: str, config: dict | None) -> dict[str, Any]:
    """The whole extraction of a saved page, as JSON-ready data."""
    result = extract_page(page.read_bytes(), url, page.parent.name, config)
    return {
        "is_course": result.is_course,
        "not_course_reason": result.not_course_reason,
        "course": asdict(result.course) if result.course else None,
        "links": result.links,
    }


def rewrite(page: Path) -> bool:
    """Rewrite the page's expected file from the current extraction; True when it changed."""
    file = expected_file(page)
    expected = json.loads(file.read_text(encoding="utf-8"))
    inputs = {k: expected[k] for k in ("url", "config") if k in expected}
    fresh = {**inputs, "extraction": extraction_of(page, inputs["url"], inputs.get("config"))}
    text = json.dumps(fresh, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    changed = text != file.read_text(encoding="utf-8")
    file.write_text(text, encoding="utf-8")
    return changed


def main(names: list[str]) -> int:
    chosen = [p for p in pages() if not names or p.stem in names]
    if names and len(chosen) != len(set(names)):
        print(f"unknown case among {names}", file=sys.stderr)
        return 2
    for page in chosen:
        status = "rewritten" if rewrite(page) else "unchanged"
        print(f"{status:<10} {page.relative_to(PROVIDERS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
