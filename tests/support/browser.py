"""Tests that need Debian's Chromium: skipped without it, failed without it on CI."""

from __future__ import annotations

import os

import pytest

from crawler.crawl.render import chromium_path

REQUIRE_ENV = "CEUSCOUT_REQUIRE_BROWSER"


def require_chromium() -> None:
    """Skip the calling test when Chromium is absent; CI sets CEUSCOUT_REQUIRE_BROWSER=1, where
    a missing browser must fail the run rather than quietly skip its tests."""
    if chromium_path() is not None:
        return
    message = "Debian chromium is not installed (/usr/bin/chromium)"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}, and {REQUIRE_ENV}=1 says it must be")
    pytest.skip(message)
