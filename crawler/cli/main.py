"""The `ceuscout` command line: one group; each command lives in the module of its group."""

from __future__ import annotations

import importlib
import sys

import click

# Imported only when used, so `ceuscout --help` and `ceuscout crawl` stay fast without loading
# Datasette or the planner.
COMMANDS = {
    "crawl": "crawler.cli.crawl:crawl",
    "coverage": "crawler.cli.crawl:coverage",
    "inspect": "crawler.cli.inspect:inspect",
    "score": "crawler.cli.score:score",
    "plan": "crawler.cli.plan:plan_command",
    "publish": "crawler.cli.publish:publish_command",
    "serve": "crawler.cli.publish:serve_command",
    "demo": "crawler.cli.demo:demo",
    "demo-web": "crawler.cli.demo:demo_web",
    "bench": "crawler.cli.bench:bench",
    "bench-catalog": "crawler.cli.bench:bench_catalog",
    "accuracy": "crawler.cli.bench:accuracy",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ceuscout")
def main() -> None:
    """CEU Scout: find, score and publish continuing-education courses for medical assistants.

    \b
    Example:
        ceuscout demo          # crawl the bundled demo web, score it, serve the catalog
    """


if __name__ == "__main__":
    sys.exit(main())
