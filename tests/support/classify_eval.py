"""Is-a-course precision and recall: the development pages and the demo web.

    python -m tests.support.classify_eval          # the figures
    python -m tests.support.classify_eval -v       # and every page's verdict

Truth: a development page under tests/fixtures/providers/devset/ is a course when its name
starts with ``course_`` (``not_`` otherwise); the demo web's truth files list its courses and
``not_courses``.
"""

from __future__ import annotations

import json
import sys
import time

from crawler.extract import extract_page
from tests.support.fixtures import PROVIDERS, expected_file

DEVSET = PROVIDERS / "devset"


def dev_cases():
    for page in sorted(DEVSET.glob("*.html")):
        url = json.loads(expected_file(page).read_text(encoding="utf-8"))["url"]
        yield page.stem, page.read_bytes(), url, "devset", None, page.stem.startswith("course_")


def demo_cases():
    from tests.crawler.extract.test_demo_accuracy import DEMO, _entries, _page_file

    entries = _entries()
    for truth_file in sorted((DEMO / "truth").glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        slug = truth["provider"]
        paths = [(r["path"], True) for r in truth["courses"]]
        paths += [(p, False) for p in truth.get("not_courses", [])]
        for path, is_course in paths:
            file = _page_file(slug, path)
            if file.is_file():
                html = file.read_bytes()
                yield slug + path, html, truth["origin"] + path, slug, entries[slug], is_course


def measure(cases, verbose: bool = False) -> dict:
    tp = fp = fn = tn = 0
    seconds = 0.0
    cases = list(cases)
    for _, html, url, provider, config, _ in cases[:1]:
        extract_page(html, url, provider, config)  # warm: imports and compiled patterns
    for name, html, url, provider, config, truth in cases:
        start = time.perf_counter()
        result = extract_page(html, url, provider, config)
        seconds += time.perf_counter() - start
        got = result.is_course
        tp += got and truth
        fp += got and not truth
        fn += truth and not got
        tn += not got and not truth
        if verbose:
            mark = "ok " if got == truth else "BAD"
            why = getattr(result, "verdict", None) or result.not_course_reason
            print(f"  {mark} {name}: {why}")
    pages = tp + fp + fn + tn
    return {
        "pages": pages,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "false_courses": fp,
        "missed_courses": fn,
        "ms_per_page": 1000 * seconds / max(1, pages),
    }


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for label, cases in (("dev set", dev_cases()), ("demo web", demo_cases())):
        if verbose:
            print(label)
        m = measure(cases, verbose)
        print(
            f"{label}: {m['pages']} pages, precision {m['precision']:.2f}, recall "
            f"{m['recall']:.2f} ({m['false_courses']} non-courses taken, {m['missed_courses']}"
            f" courses missed), extract_page {m['ms_per_page']:.2f} ms/page"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
