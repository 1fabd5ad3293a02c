"""Settings shared by every environment; safe by default (no DEBUG, no secret in code).

Every deploy-time value is read from the environment here, and only here; README.md lists them.
``dev.py``, ``test.py`` and ``production.py`` opt in to what differs.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE

from cms import languages

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return env.env_list(os.environ, name, default)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # cms first: its ``migrate`` command wraps wagtail-modeltranslation's so it never stops for input.
    "cms",
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "home",
    "news",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files (hashed names, compressed, cached for a year) straight from the app server: see README.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # A 304 or a response-cache hit of the public API, before sessions, authentication and the rest.
    "cms.api.early.EarlyAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, to public pages only (a redirect must not name a hidden page's path).
    "delivery.redirects.PublicRedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# DATABASE_REPLICA_URLS: optional read-only copies; public API reads go there, everything else to the primary.
DATABASES = env.database_settings(
    os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    env_list("DATABASE_REPLICA_URLS"),
)
DATABASE_ROUTERS = ["cms.db_router.ReplicaRouter"] if len(DATABASES) > 1 else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# -- Languages ---------------------------------------------------------------------------------------------
# Content languages come from CMS_LANGUAGES (cms/languages.py); the first one is the source language.
languages.register_lang_info()
CMS_LANGUAGES = languages.parse_enabled(os.environ.get("CMS_LANGUAGES"))
LANGUAGES = [(code, languages.KNOWN[code].native_name) for code in CMS_LANGUAGES]
LANGUAGE_CODE = CMS_LANGUAGES[0]
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Damascus"

MODELTRANSLATION_DEFAULT_LANGUAGE = CMS_LANGUAGES[0]
MODELTRANSLATION_LANGUAGES = tuple(CMS_LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (CMS_LANGUAGES[0],),
    **{code: tuple(languages.fallback_chain(code, CMS_LANGUAGES)) for code in CMS_LANGUAGES},
}
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = languages.localized_verbose_name
# The admin's own interface: Arabic and English have Wagtail catalogs; Kurmanji falls back to English.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, languages.KNOWN[code].native_name) for code in CMS_LANGUAGES if code in ("ar", "en", "ku", "ckb")
]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_I18N_ENABLED = False  # languages are fields of one page (modeltranslation), not separate page trees

# -- Static and media ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    # The local MEDIA_ROOT, or an S3-compatible bucket when CMS_MEDIA_S3_BUCKET is set (cms/settings/env.py).
    "default": env.media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# -- Wagtail -------------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "ASO Center"
WAGTAILIMAGES_IMAGE_MODEL = "cms.CMSImage"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # so private collections stay private
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Editors' e-mail hashes are not sent to Gravatar, and the admin does not call out for new versions (see the
# "offline admin" block below): nothing about who works here leaves the server.

# The separate public website; the API builds absolute links to it.
CMS_FRONTEND_URL = os.environ.get("CMS_FRONTEND_URL", "http://localhost:3000").rstrip("/")

# -- REST API ------------------------------------------------------------------------------------------------
# Browser frontends on other origins may read the public API (GET, HEAD and their preflight), without
# credentials: answers are the same for everyone. CMS_CORS_ORIGINS lists the origins, comma-separated;
# by default the frontend's own origin.
CORS_ALLOWED_ORIGINS = env_list("CMS_CORS_ORIGINS", CMS_FRONTEND_URL)
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Language", "X-Language-Reason", "Retry-After")
CORS_PREFLIGHT_MAX_AGE = 86400

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ASO Center content API",
    "DESCRIPTION": (
        "Public, read-only content of the ASO Center in every enabled language. Language: `lang`, else "
        "Accept-Language, else the source language; the answer says which in Content-Language and why in "
        "X-Language-Reason (query, path, accept-language, default). Errors are RFC 9457 problem details "
        "(application/problem+json) naming the offending `parameter`. Answers carry an ETag (send it back in "
        "If-None-Match for a 304) and Cache-Control: public, max-age=60."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "PREPROCESSING_HOOKS": ["cms.api.openapi.only_public_api"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "cms.api.openapi.add_headers"],
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {"OrganisationKindEnum": ["partner", "funder", "platform", "other"]},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# -- Cache, sessions ---------------------------------------------------------------------------------------
# CACHE_URL (or REDIS_URL): redis://host:6379/0 in production, so every app server process shares the API
# throttling counters; this process's memory otherwise.
CACHES = env.cache_settings(
    os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"), os.environ.get("CMS_CACHE_KEY_PREFIX", "cms")
)
SESSION_ENGINE = env.session_engine(os.environ.get("CMS_SESSIONS"))

# -- Proxies -------------------------------------------------------------------------------------------------
# Headers a proxy adds (X-Forwarded-For, X-Forwarded-Proto) are believed only when CMS_TRUST_PROXY_HEADERS is
# set, i.e. when the app server is reachable through CMS_PROXY_COUNT proxies of our own and nothing else.
CMS_TRUST_PROXY_HEADERS = env.env_bool(os.environ, "CMS_TRUST_PROXY_HEADERS", False)
CMS_PROXY_COUNT = env.env_int(os.environ, "CMS_PROXY_COUNT", 1, minimum=1)

# -- Abuse ---------------------------------------------------------------------------------------------------
# Public API: requests per client (its address) over every endpoint, counted in the cache; "off" turns it off.
CMS_API_THROTTLE_RATE = env.throttle_rate(os.environ.get("CMS_API_THROTTLE_RATE"), "120/minute")
# Addresses never throttled, e.g. the website's own server when it renders pages from the API.
CMS_API_THROTTLE_EXEMPT = env_list("CMS_API_THROTTLE_EXEMPT")

# Admin sign-in lockout (django-axes): after CMS_LOGIN_FAILURE_LIMIT failures the account is refused, even
# with the right password, for CMS_LOGIN_COOLOFF_MINUTES (or until `manage.py axes_reset_username NAME`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.env_int(os.environ, "CMS_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.env_int(os.environ, "CMS_LOGIN_COOLOFF_MINUTES", 30, minimum=1))
# Each comma-separated entry locks on its own: "username" (an account under attack, whatever address the
# attempts come from), "ip_address" (an address trying many accounts), or both joined by "+" (that user from
# that address). Behind a proxy, set CMS_TRUST_PROXY_HEADERS, or every client shares the proxy's address.
AXES_LOCKOUT_PARAMETERS = [
    part.split("+") if "+" in part else part for part in env_list("CMS_LOGIN_LOCKOUT_BY", "username,ip_address")
]
AXES_RESET_ON_SUCCESS = True
# Failed attempts are kept (they are what locks); a record of every editor's successful sign-in, with address
# and browser, is not: it would only be a list of where the staff connect from.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "cms.lockout.lockout_response"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if CMS_TRUST_PROXY_HEADERS else ("REMOTE_ADDR",)
)
AXES_IPWARE_PROXY_COUNT = CMS_PROXY_COUNT if CMS_TRUST_PROXY_HEADERS else None

# -- Headers -------------------------------------------------------------------------------------------------
# The API and everything else refuse to be framed; Wagtail's preview views answer SAMEORIGIN on their own.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content security policy (django-csp) of the admin and the API docs; API answers send a stricter one of
# their own (cms/api/base.py). Wagtail's admin still writes a few inline scripts (inline panels, date
# pickers) and inline styles, hence 'unsafe-inline'; no script comes from anywhere but this server.
# CMS_CSP_IMG_SOURCES adds origins of images, e.g. the S3 bucket's domain.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *env_list("CMS_CSP_IMG_SOURCES")],
        "media-src": [SELF, *env_list("CMS_CSP_IMG_SOURCES")],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        # The website itself may be framed by the admin (previews on the frontend), and embed providers if listed.
        "frame-src": [SELF, CMS_FRONTEND_URL, *env_list("CMS_CSP_FRAME_SOURCES")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# -- Logs ----------------------------------------------------------------------------------------------------
# LOG_FORMAT=json writes one JSON object a line (production's default; cms/logging.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cms.logging.JSONFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# -- Media safety (cms/media.py) -------------------------------------------------------------------------------
# Upload limits, checked from the file's size and its header before any picture is decoded.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("CMS_IMAGE_MAX_UPLOAD_SIZE", 20 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("CMS_IMAGE_MAX_PIXELS", 50_000_000))
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("CMS_DOCUMENT_MAX_UPLOAD_SIZE", 50 * 1024 * 1024))
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.media.ImageForm"  # checks the pixel count from the header, not by decoding
# /media/ is served by cms.media.serve_media after checking the file is public; set a path prefix (e.g.
# "/protected-media/", an nginx `internal` location) to send X-Accel-Redirect, or "x-sendfile" for
# Apache/lighttpd, so the web server sends the bytes.
CMS_MEDIA_ACCEL_REDIRECT = os.environ.get("CMS_MEDIA_ACCEL_REDIRECT", "")
CMS_MEDIA_MAX_AGE = int(os.environ.get("CMS_MEDIA_MAX_AGE", 300))

# -- Backups (cms/backup.py) -----------------------------------------------------------------------------------
# dumpdata/loaddata's JSON keeps microseconds (identical ETags after a restore) and survives the dangling page
# references Wagtail's history keeps.
SERIALIZATION_MODULES = {"json": "cms.backup"}
# -- Delivery: preview, webhooks, feeds and sitemap (delivery/) ---------------------------------------------
import json  # noqa: E402

INSTALLED_APPS += ["delivery", "django_tasks_db"]
# Where Wagtail's preview sends editors: the frontend's preview route, which receives ``token`` and ``lang``
# and reads the draft from /api/v1/preview/. Empty: the CMS shows its own built-in preview. A site may
# override it in its "Delivery settings".
CMS_FRONTEND_PREVIEW_URL = os.environ.get("CMS_FRONTEND_PREVIEW_URL", "").strip()
CMS_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("CMS_PREVIEW_TOKEN_MAX_AGE", "3600"))  # seconds
# Webhook endpoints of the deployment, besides those configured in the admin: a JSON list of
# {"url": ..., "secret": ..., "events": [...], "languages": [...]} (events and languages: empty for all).
CMS_WEBHOOKS = json.loads(os.environ.get("CMS_WEBHOOKS") or "[]")
CMS_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("CMS_WEBHOOK_MAX_ATTEMPTS", "6"))
CMS_WEBHOOK_BACKOFF = float(os.environ.get("CMS_WEBHOOK_BACKOFF", "10"))  # seconds before the 2nd attempt, doubling
CMS_WEBHOOK_TIMEOUT = float(os.environ.get("CMS_WEBHOOK_TIMEOUT", "5"))
# Webhook deliveries are queued in the database (they survive restarts) and sent by
# ``manage.py db_worker --backend webhooks --queue-name webhooks``; other tasks keep running at once.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["webhooks"]},
}
CMS_SITEMAP_LIMIT = int(os.environ.get("CMS_SITEMAP_LIMIT", "50000"))  # URLs per sitemap file

# -- Offline-friendly admin --------------------------------------------------------------------------------
# The admin asks no outside host unless configured: a newsroom offline or behind a strict firewall would wait on
# avatars (Gravatar) and Wagtail's update check. Set WAGTAIL_GRAVATAR_PROVIDER_URL (e.g.
# "//www.gravatar.com/avatar") or WAGTAIL_ENABLE_UPDATE_CHECK=1 to have them back.
WAGTAIL_GRAVATAR_PROVIDER_URL = os.environ.get("WAGTAIL_GRAVATAR_PROVIDER_URL") or None
WAGTAIL_ENABLE_UPDATE_CHECK = os.environ.get("WAGTAIL_ENABLE_UPDATE_CHECK", "") == "1"
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# -- delivery speed: HTTP caching and the stored read model (README "Speed and caching") ------------------------
INSTALLED_APPS += ["readmodel"]  # noqa: E402
CMS_API_MAX_AGE = int(os.environ.get("CMS_API_MAX_AGE", "60"))
CMS_API_STALE_WHILE_REVALIDATE = int(os.environ.get("CMS_API_STALE_WHILE_REVALIDATE", "300"))
CMS_API_RESPONSE_CACHE = os.environ.get("CMS_API_RESPONSE_CACHE", "1").lower() not in ("0", "false", "no", "off")
CMS_API_RESPONSE_CACHE_TIMEOUT = int(os.environ.get("CMS_API_RESPONSE_CACHE_TIMEOUT", "3600"))
# Changes touching more items than this rebuild their stored documents in a background task.
READMODEL_TASK_THRESHOLD = int(os.environ.get("READMODEL_TASK_THRESHOLD", "50"))
# Optional CDN purge through wagtail.contrib.frontend_cache, e.g. CMS_CDN_PURGE_URL=http://varnish:6081/
if os.environ.get("CMS_CDN_PURGE_URL"):
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["CMS_CDN_PURGE_URL"],
        }
    }
    CMS_API_PUBLIC_URL = os.environ.get("CMS_API_PUBLIC_URL", "")

# Translators' workspace (status per language, report, roles, files for outside translators).
INSTALLED_APPS += ["translations"]
