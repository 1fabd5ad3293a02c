"""``/healthz``: is this app server able to answer? For load balancers, orchestrators and uptime checks.

Checks that the primary database answers a query and that the cache stores and returns a value. The answer is
JSON naming each check ``ok`` or ``down`` and nothing more: no host names, versions or error texts (those go to
the log), since the endpoint is public. 200 when all is well, 503 when anything is down; never cached.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


CHECKS = {"database": _database, "cache": _cache}


@never_cache
@require_safe
def healthz(request):
    checks = {}
    started = time.monotonic()
    for name, check in CHECKS.items():
        try:
            checks[name] = "ok" if check() else "down"
        except Exception:
            logger.exception("health check %s failed", name)
            checks[name] = "down"
    healthy = all(state == "ok" for state in checks.values())
    body = {
        "status": "ok" if healthy else "down",
        "checks": checks,
        "duration_ms": round((time.monotonic() - started) * 1000),
    }
    return JsonResponse(body, status=200 if healthy else 503)
