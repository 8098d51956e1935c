"""A page whose extraction raises becomes a failed page with its error, never silently lost."""

from __future__ import annotations

import logging

from scrapy.spidermiddlewares.httperror import HttpError

from crawler.items import PageResult

logger = logging.getLogger(__name__)


class PageErrorMiddleware:
    """Spider middleware: an exception in a callback yields a failed PageResult for the page
    (the store pipeline records it in crawl_errors with the URL), instead of Scrapy's log line
    that leaves the frontier row in progress and the run saying "0 errors"."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_exception(self, response, exception, spider=None):
        if isinstance(exception, HttpError):
            return None  # an HTTP error status goes to the request's errback
        meta = response.meta
        if "frontier_url" not in meta:
            return None
        logger.error("%s: extraction failed: %r", response.url, exception, exc_info=exception)
        return [
            PageResult(
                source=self.crawler.spider.source.slug,
                url=meta["frontier_url"],
                kind=meta.get("kind", "detail"),
                status=0,
                not_course_reason=f"extraction failed: {type(exception).__name__}: {exception}",
            )
        ]
