"""Downloader middlewares: address safety, RFC 9309 robots.txt, frontier claims."""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

from crawler.urls import canonicalize, is_public_address

logger = logging.getLogger(__name__)
_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
# What a request refused by the host's own robots.txt rules fails with (a skip, not a failure);
# a host closed because its robots.txt could not be read says why instead.
ROBOTS_FORBIDDEN = "Forbidden by robots.txt"
ROBOTS_CACHE_DAYS = 30


class SafeAddressMiddleware:
    """Only http(s), and never a loopback/private address unless CEUSCOUT_ALLOW_PRIVATE is set.

    Host names are resolved once per host (in a thread, off the reactor) so a public name that
    points at a private address is refused too.
    """

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        self._verdicts: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getbool("CEUSCOUT_ALLOW_PRIVATE"))

    async def process_request(self, request: Request, spider=None) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            raise IgnoreRequest(f"only http(s) is fetched, not {parts.scheme}: {request.url}")
        if self.allow_private:
            return
        host = parts.hostname or ""
        if host not in self._verdicts:
            self._verdicts[host] = await asyncio.to_thread(_resolves_public, host)
        if not self._verdicts[host]:
            raise IgnoreRequest(f"refusing private or loopback address {host}")


def _resolves_public(host: str) -> bool:
    if not is_public_address(host):
        return False
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return True  # unresolvable: the download itself fails with a clear DNS error
    return all(is_public_address(info[4][0]) for info in infos)


class Rfc9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt handling, corrected to RFC 9309 and extended with Crawl-delay.

    A robots.txt that answers 5xx or cannot be fetched means "disallow all" (stock Scrapy allows
    everything), unless the host's last good robots.txt, at most ROBOTS_CACHE_DAYS old, is in the
    catalog (RFC 9309 §2.4); 4xx means "allow all". A Crawl-delay raises the host's delay.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        # Why a host is closed to us, said on every refused request instead of a bare "Forbidden".
        self._closed: dict[str, str] = {}
        # The stock middleware logs an unreachable robots.txt as an error with a traceback; the
        # warning from _close says what happened and what it means.
        logging.getLogger(RobotsTxtMiddleware.__module__).setLevel(logging.CRITICAL)

    async def process_request(self, request: Request, spider=None) -> None:
        try:
            await super().process_request(request)
        except IgnoreRequest:
            netloc = urlsplit(request.url).netloc
            raise IgnoreRequest(self._closed.get(netloc, ROBOTS_FORBIDDEN)) from None

    async def robot_parser(self, request: Request):
        # Stock Scrapy lets every request that arrives while robots.txt is being fetched await
        # the same Deferred; under the asyncio reactor the first await consumes its result and
        # the others get None, i.e. "allow all". Each waiter gets its own Deferred instead.
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        mine: Deferred = Deferred()

        def relay(result):
            mine.callback(result)
            return result

        pending.addBoth(relay)
        return await maybe_deferred_to_future(mine)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            body = self._fallback(netloc, f"robots.txt answered HTTP {response.status}")
            response = response.replace(body=body)
        else:
            if response.status >= 400:
                response = response.replace(body=b"")
            self.crawler.spider.store.remember_robots(netloc, response.body)
        await super()._parse_robots(response, netloc, request)
        self._apply_crawl_delay(netloc)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        # Stock Scrapy hands the requests waiting for this robots.txt a None parser (allow all);
        # they must get the disallow-all parser instead.
        if not isinstance(exc, IgnoreRequest):
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        body = self._fallback(netloc, f"robots.txt could not be fetched ({exc})")
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        waiting, self._parsers[netloc] = self._parsers[netloc], parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    def _fallback(self, netloc: str, why: str) -> bytes:
        """The rules to use when robots.txt cannot be read: a recent cached copy, else none."""
        cached = self.crawler.spider.store.cached_robots(netloc)
        if cached:
            body, fetched_at = cached
            age = datetime.now(UTC) - datetime.fromisoformat(fetched_at)
            if age <= timedelta(days=ROBOTS_CACHE_DAYS):
                logger.warning("%s: %s; using its robots.txt cached at %s", netloc, why, fetched_at)
                return body
        self._close(netloc, why)
        return _DISALLOW_ALL

    def _close(self, netloc: str, why: str) -> None:
        self._closed[netloc] = f"{netloc}: {why}; RFC 9309 says disallow all"
        logger.warning(self._closed[netloc])

    def _apply_crawl_delay(self, netloc: str) -> None:
        parser = self._parsers.get(netloc)
        protego = getattr(parser, "rp", None)  # Scrapy's ProtegoRobotParser keeps Protego in .rp
        if protego is None:
            return
        delay = protego.crawl_delay(self._robotstxt_useragent or "ceuscout")
        if not delay:
            return
        downloader = self.crawler.engine.downloader
        host = netloc.split(":")[0]
        # No random jitter: it would put half the requests closer together than asked.
        current = downloader.per_slot_settings.get(host, {})
        downloader.per_slot_settings[host] = {**current, "delay": float(delay), "jitter": 0.0}
        if host in downloader.slots:
            slot = downloader.slots[host]
            slot.delay, slot.jitter = max(slot.delay, float(delay)), 0.0
        logger.info("%s asks for Crawl-delay %s s", host, delay)


class FrontierClaimMiddleware:
    """Marks a frontier URL in-progress as its download starts (a kill leaves it to be redone)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider) -> None:
        self.store = spider.store
        self.run_id = spider.run_id

    def process_request(self, request: Request, spider=None) -> None:
        frontier_url = request.meta.get("frontier_url")
        if frontier_url and not request.meta.get("claimed"):
            request.meta["claimed"] = True
            self.store.claim(self.run_id, canonicalize(frontier_url))
