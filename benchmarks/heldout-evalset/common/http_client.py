"""Shared HTTP client with retries, timeouts and Sentry breadcrumbs.

Used by the SMS gateway (Eskiz, Play Mobile), Payme and Click callbacks and the Yandex Geocoder.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import sentry_sdk

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
RETRY_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = "clinic-platform/2.4 (+https://status.example.uz)"


class UpstreamError(RuntimeError):
    """Raised when an upstream API keeps failing after all retries."""

    def __init__(self, service: str, status: int | None, detail: str = "") -> None:
        super().__init__(f"{service} failed with status {status}: {detail}")
        self.service = service
        self.status = status


def request_json(service: str, method: str, url: str, *, attempts: int = 3, **kwargs: Any) -> Any:
    """Send a request and decode JSON, retrying on connection errors and 429/5xx with backoff."""
    headers = {"User-Agent": USER_AGENT, **kwargs.pop("headers", {})}
    last_status = None
    for attempt in range(1, attempts + 1):
        sentry_sdk.add_breadcrumb(category="http", message=f"{method} {url}", data={"attempt": attempt})
        try:
            resp = httpx.request(method, url, headers=headers, timeout=DEFAULT_TIMEOUT, **kwargs)
        except httpx.TransportError as exc:
            log.warning("%s: transport error on attempt %d: %s", service, attempt, exc)
        else:
            if resp.status_code not in RETRY_STATUSES:
                resp.raise_for_status()
                return resp.json()
            last_status = resp.status_code
        time.sleep(min(2**attempt, 10))  # exponential backoff, capped
    raise UpstreamError(service, last_status, "gave up after retries")


def geocode(address: str, api_key: str) -> tuple[float, float] | None:
    """Return (lat, lon) for a street address via Yandex Geocoder, or None."""
    data = request_json(
        "yandex-geocoder",
        "GET",
        "https://geocode-maps.yandex.ru/1.x/",
        params={"apikey": api_key, "geocode": address, "format": "json", "lang": "ru_RU"},
    )
    members = data["response"]["GeoObjectCollection"]["featureMember"]
    if not members:
        return None
    lon, lat = map(float, members[0]["GeoObject"]["Point"]["pos"].split())
    return lat, lon
