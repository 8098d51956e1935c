"""Fixtures of the store tests: a fake clock and an open store using it."""

from tests.support.store import clock_fixture, store_fixture

__all__ = ["clock_fixture", "store_fixture"]
