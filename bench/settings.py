"""Benchmark settings: the test settings plus Wagtail's own API v2 (``bench.urls``) to compare against."""

from cms.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
