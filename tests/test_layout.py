"""The tree shows the architecture: imports run one way, and the README's Layout is the tree.

Rules (every import counts, including those inside functions):
- ``scoring/`` imports only the leaves of ``crawler/`` and never Scrapy (it runs anywhere);
- in ``crawler/`` only the command, publishing, benchmark and demo packages import ``scoring/``;
- the leaves import no other part of ``crawler/`` than leaves; extraction is pure (no Scrapy,
  no store, no crawl machinery);
- Datasette plugins import library modules, never a command module.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.support.paths import ROOT

LEAVES = {"crawler.items", "crawler.paths", "crawler.urls", "crawler.dates", "crawler.bodies"}
CRAWLER_LEAVES = LEAVES | {"crawler.sources", "crawler.settings"}
MAY_IMPORT_SCORING = ("crawler.cli", "crawler.publish", "crawler.bench", "crawler.demo")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def within(name: str, packages) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def violations(root: Path = ROOT) -> list[str]:
    problems = []
    files = [*root.glob("crawler/**/*.py"), *root.glob("scoring/**/*.py")]
    files += root.glob("datasette/plugins/*.py")
    for path in sorted(files):
        me = "plugin" if path.is_relative_to(root / "datasette") else module_name(path, root)
        for target in sorted(imports_of(path)):
            own = target.split(".")[0]
            if own not in ("crawler", "scoring", "scrapy"):
                continue
            wrong = None
            if me.startswith("scoring") and own == "scrapy":
                wrong = "scoring never imports Scrapy"
            elif me.startswith("scoring") and own == "crawler" and not within(target, LEAVES):
                wrong = "scoring imports only the leaves of crawler/"
            elif me.startswith("crawler") and own == "scoring":
                if not within(me, MAY_IMPORT_SCORING):
                    wrong = "only crawler.cli, .publish, .bench and .demo import scoring"
            elif me in CRAWLER_LEAVES and own == "crawler" and not within(target, CRAWLER_LEAVES):
                wrong = "a leaf imports only leaves"
            elif me.startswith("crawler.extract") and (
                own == "scrapy"
                or within(target, ("crawler.store", "crawler.crawl", "crawler.spiders"))
            ):
                wrong = "extraction is pure"
            elif me == "plugin" and within(target, ("crawler.cli",)):
                wrong = "plugins never import a command module"
            if wrong:
                problems.append(f"{path.relative_to(root)}: imports {target}: {wrong}")
    return problems


def test_imports_run_one_way():
    assert violations() == []


def test_the_check_catches_a_wrong_import(tmp_path):
    for folder in ("crawler/store", "scoring", "datasette/plugins"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "crawler/store/bad.py").write_text("from scoring.card import score_listing\n")
    (tmp_path / "scoring/bad.py").write_text("def f():\n    from crawler.store import Store\n")
    (tmp_path / "datasette/plugins/bad.py").write_text("import crawler.cli.plan\n")
    found = violations(tmp_path)
    assert {problem.split(":")[0] for problem in found} == {
        "crawler/store/bad.py",
        "scoring/bad.py",
        "datasette/plugins/bad.py",
    }, found


LAYOUT = re.compile(r"## Layout\n+```\n(?P<tree>.*?)```", re.S)


def _packages(top: str) -> set[str]:
    inits = (ROOT / top).rglob("__init__.py")
    return {str(i.parent.relative_to(ROOT)) + "/" for i in inits if i.parent != ROOT / top}


@pytest.mark.parametrize("top", ["crawler", "scoring"])
def test_readme_layout_is_the_tree(top):
    tree = LAYOUT.search((ROOT / "README.md").read_text(encoding="utf-8"))["tree"]
    named = set(re.findall(rf"\b{top}/[\w/]+/", tree))
    assert named == _packages(top), "README Layout: name every package, and only real ones"
    leaves = {p.stem for p in (ROOT / top).glob("*.py") if p.stem != "__init__"}
    line = next(line for line in tree.splitlines() if line.startswith(f"{top}/"))
    listed = set(re.findall(r"\b([a-z_]+)\.py\b", line))
    assert listed == leaves, f"README Layout: the {top}/ line lists its top-level modules"
