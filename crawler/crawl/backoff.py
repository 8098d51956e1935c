"""Host-wide back-off: a 429/503 with Retry-After pauses every request to that host.

Stock Scrapy retries these at once, which hammers a server that asked for a pause, and a
per-request sleep would pause only the URL that got the answer while its host's other requests
go on. Here the host's downloader slot is paused (queued requests wait in it) and requests that
reach the downloader meanwhile wait before entering it; other hosts are not affected.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time

from scrapy import Request, signals
from scrapy.http import Response
from scrapy.utils.asyncio import call_later

logger = logging.getLogger(__name__)


class HostBackoffMiddleware:
    """Back off on 429/503 honouring Retry-After (seconds or HTTP-date, RFC 9110 §10.2.3).

    The request is retried after the pause, at most ``times`` times; a wait longer than
    ``max_seconds`` gives up on it (the frontier retries it on a later run).
    """

    def __init__(self, crawler, codes: list[int], max_seconds: float, times: int):
        self.crawler = crawler
        self.codes = {int(code) for code in codes}
        self.max_seconds = max_seconds
        self.times = times
        self._until: dict[str, float] = {}  # slot key -> time.time() the pause ends

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        middleware = cls(
            crawler,
            s.getlist("CEUSCOUT_BACKOFF_CODES"),
            s.getfloat("CEUSCOUT_BACKOFF_MAX_SECONDS"),
            s.getint("CEUSCOUT_BACKOFF_TIMES"),
        )
        # The downloader starts the slot's next request as soon as a response is in, before
        # any middleware sees it; response_downloaded is sent just before that.
        crawler.signals.connect(middleware.response_downloaded, signal=signals.response_downloaded)
        return middleware

    @property
    def _downloader(self):
        return self.crawler.engine.downloader

    async def process_request(self, request: Request, spider=None) -> None:
        # The paused slot may have been garbage-collected (idle); a new request must wait anyway.
        key = self._downloader.get_slot_key(request)
        wait = self._until.get(key, 0.0) - time.time()
        if wait > 0:
            await asyncio.sleep(wait)

    def backoff_seconds(self, request: Request, response: Response) -> float | None:
        """How long to pause the host before retrying, or None when not backing off."""
        if response.status not in self.codes or request.meta.get("dont_retry"):
            return None
        tries = request.meta.get("backoff_tries", 0)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"), now=time.time())
        if wait is None:
            wait = 2.0**tries
        if tries >= self.times or wait > self.max_seconds:
            return None
        return wait

    def response_downloaded(self, response: Response, request: Request, spider=None) -> None:
        wait = self.backoff_seconds(request, response)
        if wait is not None:
            key = self._downloader.get_slot_key(request)
            self.pause(key, wait)
            logger.info(
                "%s answered %s: pausing host %s for %.1f s",
                request.url,
                response.status,
                key,
                wait,
            )

    async def process_response(self, request: Request, response: Response, spider=None):
        if self.backoff_seconds(request, response) is None:
            return response
        retry = request.replace(dont_filter=True)
        retry.meta["backoff_tries"] = request.meta.get("backoff_tries", 0) + 1
        return retry

    def pause(self, key: str, seconds: float) -> None:
        """No request to slot ``key`` starts before ``seconds`` from now (a longer pause wins)."""
        until = max(self._until.get(key, 0.0), time.time() + seconds)
        self._until[key] = until
        slot = self._downloader.slots.get(key)
        if slot is None:
            return
        # The downloader does not process a slot's queue while slot.latercall is set, and
        # processes it when the call fires: the slot is paused until then.
        if slot.latercall:
            slot.latercall.cancel()
        slot.latercall = call_later(until - time.time(), self._downloader._latercall, slot)


def retry_after_seconds(value: bytes | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header value, or None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)
