"""AutoThrottle that keeps every host at or above the Crawl-delay its robots.txt asks for."""

from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class CrawlDelayAutoThrottle(AutoThrottle):
    """AutoThrottle that never lowers a host's delay below the Crawl-delay its robots.txt asks
    for (stock AutoThrottle adapts the delay down to DOWNLOAD_DELAY whatever robots.txt says)."""

    def _adjust_delay(self, slot, latency: float, response: Response) -> None:
        super()._adjust_delay(slot, latency, response)
        key = response.meta.get("download_slot")
        floor = self.crawler.engine.downloader.per_slot_settings.get(key, {}).get("delay")
        if floor:
            slot.delay = max(slot.delay, floor)
