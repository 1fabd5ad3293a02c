"""Benchmark settings: the test settings plus Wagtail's own API v2 and v3 (``bench.urls``) to compare against."""

from cms.settings.test import *  # noqa: F403

INSTALLED_APPS += ["wagtail.api.v2", "wagtail.api.v3"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
