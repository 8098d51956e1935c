"""Tests that need Debian's Chromium: skipped without it, failed without it on CI."""

from __future__ import annotations

import os

import pytest

from crawler.crawl.render import CHROMIUM_ENV, DEFAULT_CHROMIUM, chromium_path

REQUIRE_ENV = "CEUSCOUT_REQUIRE_BROWSER"


def require_chromium() -> None:
    """Skip the calling test when Chromium is absent; CI sets CEUSCOUT_REQUIRE_BROWSER=1, where
    a missing browser must fail the run rather than quietly skip its tests."""
    if chromium_path() is not None:
        return
    wanted = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    message = f"Debian chromium is not installed ({wanted})"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}, and {REQUIRE_ENV}=1 says it must be")
    pytest.skip(message)
