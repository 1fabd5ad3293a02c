"""API throttling: each client may make ``CMS_API_THROTTLE_RATE`` requests (default 120 a minute) over all
public endpoints together; past that, a problem+json 429 with ``Retry-After``.

The counts live in the cache (Redis in production, so every app server process shares them). A client is its
address: ``REMOTE_ADDR``, or, only when ``CMS_TRUST_PROXY_HEADERS`` says our own proxies stand in front, the
address ``CMS_PROXY_COUNT`` hops back in ``X-Forwarded-For`` (a client can write anything into that header, so
it is never believed otherwise). Addresses in ``CMS_API_THROTTLE_EXEMPT`` (the website's own server) are never
throttled.
"""

from __future__ import annotations

import math

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .problems import Problem


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.CMS_TRUST_PROXY_HEADERS:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return forwarded[-min(settings.CMS_PROXY_COUNT, len(forwarded))]


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at each request (not at import), so the rate follows the settings of the moment.
        return settings.CMS_API_THROTTLE_RATE

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        if self.get_ident(request) in settings.CMS_API_THROTTLE_EXEMPT:
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TooManyRequests(Problem):
    """The 429 problem; ``wait`` (whole seconds, at least 1) becomes ``Retry-After``."""

    def __init__(self, wait: float | None):
        self.wait = max(1, math.ceil(wait)) if wait is not None else 60
        super().__init__(
            f"Too many requests from this client; try again in {self.wait} seconds.",
            status_code=429,
            kind="too-many-requests",
        )
