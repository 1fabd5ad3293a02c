"""Settings shared by every environment; safe by default (no DEBUG, no secret in code).

Every deploy-time value is read from the environment here, and only here; README.md lists them.
``dev.py``, ``test.py`` and ``production.py`` opt in to what differs.
"""

import os
from pathlib import Path

import dj_database_url

from cms import languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
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
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

# The separate public website; the API builds absolute links to it.
CMS_FRONTEND_URL = os.environ.get("CMS_FRONTEND_URL", "http://localhost:3000").rstrip("/")

# -- REST API ------------------------------------------------------------------------------------------------
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Translators' workspace (status per language, report, roles, files for outside translators).
INSTALLED_APPS += ["translations"]
