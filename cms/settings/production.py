"""Production: everything that matters comes from the environment, and a weak or missing value stops the start.

This is what ``manage.py`` and ``cms/wsgi.py`` load when ``DJANGO_SETTINGS_MODULE`` is not set, so a forgotten
variable gives a refusal to start, never a server with DEBUG on. ``manage.py check --deploy --fail-level
WARNING`` passes with the variables README.md lists (tests/production/test_settings.py runs it).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from . import env
from .base import *  # noqa: F403

DEBUG = False

DEVELOPMENT_HINT = " (on a development machine: DJANGO_SETTINGS_MODULE=cms.settings.dev, as `make run` sets)"

# Keys that were ever written in this repository, and Django's own marker of a generated development key.
KNOWN_KEYS = {"dev-only-not-secret", "test-only-not-secret", "change-me", "changeme", "secret"}
MIN_SECRET_KEY_LENGTH = 50


def check_secret_key(key: str) -> None:
    """Refuse a key an attacker could guess: missing, short, repetitive, or one that is known."""
    how = 'generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"' + DEVELOPMENT_HINT
    if not key:
        raise ImproperlyConfigured(f"SECRET_KEY must be set in production; {how}")
    if key in KNOWN_KEYS or key.startswith("django-insecure-"):
        raise ImproperlyConfigured(f"SECRET_KEY is a known development key; {how}")
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters with at least 5 different ones "
            f"(it has {len(key)}); {how}"
        )


check_secret_key(SECRET_KEY)  # noqa: F405
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production (comma-separated host names)" + DEVELOPMENT_HINT
    )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# -- HTTPS ---------------------------------------------------------------------------------------------------
# The scheme a proxy reports is believed only when the proxy is ours (CMS_TRUST_PROXY_HEADERS); otherwise any
# client could switch the scheme of the links in public, cached answers.
if CMS_TRUST_PROXY_HEADERS:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Plain HTTP is redirected to HTTPS (turn off only when the proxy in front already does it); the health
# check stays reachable over plain HTTP for load balancers.
SECURE_SSL_REDIRECT = env.env_bool(os.environ, "CMS_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = env.env_int(os.environ, "SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.env_bool(os.environ, "SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.env_bool(os.environ, "SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Asking browsers to preload the domain is a registration the operator makes (hstspreload.org), hard to
    # undo; it stays their decision (SECURE_HSTS_PRELOAD=true), so its reminder is not a deploy failure.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# -- Static files: hashed names, compressed, served by WhiteNoise (`manage.py collectstatic` first) ----------
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# -- Logs: one JSON object a line, for the log collector ----------------------------------------------------
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOG_FORMAT = "json"
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
