"""Local development: DEBUG on, a throw-away secret, any local host. Only ever chosen explicitly
(``DJANGO_SETTINGS_MODULE=cms.settings.dev``, as the Makefile's ``run`` and ``seed`` do)."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# No frontend unless one is named: "View live", feeds and the sitemap then lead to the CMS's built-in view.
CMS_FRONTEND_URL = os.environ.get("CMS_FRONTEND_URL", "").rstrip("/")
# The usual local frontend dev servers may call the API as well as CMS_FRONTEND_URL.
CORS_ALLOWED_ORIGINS = env_list(  # noqa: F405
    "CMS_CORS_ORIGINS",
    f"{CMS_FRONTEND_URL or 'http://localhost:3000'},http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173",
)
# runserver serves static files from the apps' folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True

import warnings  # noqa: E402

# WhiteNoise looks for STATIC_ROOT, which only `collectstatic` (production) fills; finders serve here.
warnings.filterwarnings("ignore", message=r"No directory at: ", category=UserWarning)
