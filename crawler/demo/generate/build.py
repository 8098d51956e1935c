"""Generate the demo web: every provider site's files and the true field values of its courses.

Deterministic (fixed seeds, fixed dates, no clock), so the committed tree under data/demo can be
checked by regenerating it. Example::

    python -m crawler.demo.generate.build              # rewrite data/demo/sites and data/demo/truth
    python -m crawler.demo.generate.build --out /tmp/demo
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from crawler.demo.generate import (
    brightpath_ce,
    carepoint_learning,
    clinicalcore_ce,
    heartland_healthed,
    medassist_academy,
    quickceu_hub,
    vitalskills_online,
)
from crawler.demo.generate.site import Site
from crawler.paths import DEMO_DIR

PROVIDERS = (
    medassist_academy,
    clinicalcore_ce,
    vitalskills_online,
    heartland_healthed,
    carepoint_learning,
    quickceu_hub,
    brightpath_ce,
)


def build_sites() -> list[Site]:
    return [provider.build() for provider in PROVIDERS]


def render(sites: list[Site]) -> dict[str, str]:
    """Every generated file, relative path -> text."""
    files: dict[str, str] = {}
    for site in sites:
        for rel, text in site.all_files().items():
            files[f"sites/{site.slug}/{rel}"] = text
        truth = json.dumps(site.truth(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        files[f"truth/{site.slug}.json"] = truth
    return files


def write(out: Path) -> dict[str, str]:
    """Replace ``out``/sites and ``out``/truth with a fresh build; returns what was written."""
    files = render(build_sites())
    for part in ("sites", "truth"):
        shutil.rmtree(out / part, ignore_errors=True)
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=DEMO_DIR, help="folder to write (default data/demo)"
    )
    args = parser.parse_args(argv)
    files = write(args.out)
    truths = [json.loads(text) for rel, text in files.items() if rel.startswith("truth/")]
    courses = sum(len(t["courses"]) for t in truths)
    print(f"wrote {len(files)} files for {len(truths)} sites, {courses} courses, to {args.out}")


if __name__ == "__main__":
    main()
