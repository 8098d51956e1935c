"""The README's two commands stay true: CI runs the test command, and the demo command works."""

from __future__ import annotations

import re

import click
from click.testing import CliRunner

from crawler.cli.main import main
from tests.support.paths import ROOT

ROOT = ROOT


def _bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, re.S)]


def test_readme_gives_the_demo_command_and_the_test_command_ci_runs():
    blocks = _bash_blocks((ROOT / "README.md").read_text())
    demo, tests = blocks[0], blocks[1]
    assert demo.startswith("python3 -m venv .venv") and demo.endswith("ceuscout demo")
    ci = (ROOT / ".ci" / "run").read_text()
    assert tests in ci.splitlines(), ".ci/run must run the README's test command verbatim"


def test_every_command_in_readme_table_exists_with_an_example_in_its_help():
    text = (ROOT / "README.md").read_text()
    named = set(re.findall(r"`ceuscout ([a-z-]+)", text))
    commands = set(main.list_commands(click.Context(main)))
    assert named <= commands, named - commands
    assert commands <= named, f"commands missing from the README: {commands - named}"
    for name in commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`ceuscout {name} --help` has no example"
