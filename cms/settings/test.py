"""Test runs: fast password hashing, media in a temporary folder, nothing leaves the machine."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="cms-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
# Throttling is off for the suite (tests/production/test_throttling.py turns it on); a shared cache (e.g. a
# CACHE_URL naming Redis) gets a key prefix of this run's own, so no earlier run's entries are read.
CMS_API_THROTTLE_RATE = None
CACHES["default"]["KEY_PREFIX"] = f"cms-test-{os.getpid()}-{os.urandom(4).hex()}"  # noqa: F405

import warnings  # noqa: E402

# WhiteNoise looks for STATIC_ROOT, which only `collectstatic` (production) fills; finders serve here.
warnings.filterwarnings("ignore", message=r"No directory at: ", category=UserWarning)
