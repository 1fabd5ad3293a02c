"""Safe settings: production is the default, refuses weak secrets, and passes Django's deployment checks.

An operator who forgets DJANGO_SETTINGS_MODULE gets production (or a refusal to start), never DEBUG; a short
or known SECRET_KEY stops the start with a message saying how to make one; ``check --deploy`` at warning
level passes with the variables the README documents.
"""

import sys

import pytest

from .conftest import django_child, run

pytestmark = pytest.mark.slow

SETTINGS_PROBE = """
from django.conf import settings
print(json.dumps({
    "module": settings.SETTINGS_MODULE,
    "debug": settings.DEBUG,
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "x_frame": settings.X_FRAME_OPTIONS,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "log_format": settings.LOG_FORMAT,
}))
"""


def test_wsgi_without_settings_module_runs_production(prod_env):
    """Operators: `gunicorn cms.wsgi` with SECRET_KEY and ALLOWED_HOSTS but no DJANGO_SETTINGS_MODULE runs
    production (DEBUG off), not development."""
    env = prod_env()
    assert "DJANGO_SETTINGS_MODULE" not in env
    code = "import json, cms.wsgi\nfrom django.conf import settings\n"
    code += "print(json.dumps([settings.SETTINGS_MODULE, settings.DEBUG]))"
    result = run([sys.executable, "-c", code], env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == '["cms.settings.production", false]'


def test_manage_py_without_settings_module_refuses_to_start_without_a_secret(prod_env):
    """Operators: `manage.py` with nothing set is production, which stops with a clear message."""
    result = run([sys.executable, "manage.py", "check"], prod_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set in production" in result.stderr
    assert "cms.settings.dev" in result.stderr  # says how to ask for development


@pytest.mark.parametrize(
    "key, message",
    [
        ("abcde", "SECRET_KEY must be at least 50 characters"),
        ("dev-only-not-secret", "SECRET_KEY is a known development key"),
        ("django-insecure-" + "x1y2z3" * 10, "SECRET_KEY is a known development key"),
        ("ab" * 40, "SECRET_KEY must be at least 50 characters with at least 5 different ones"),
    ],
)
def test_production_refuses_a_weak_secret_key(prod_env, key, message):
    result = run([sys.executable, "manage.py", "check"], prod_env(SECRET_KEY=key))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(prod_env):
    result = run([sys.executable, "manage.py", "check"], prod_env(ALLOWED_HOSTS=None))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def test_check_deploy_passes_at_warning_level_with_the_documented_variables(prod_env):
    """Operators: Django's deployment checklist (HSTS, SSL redirect, secure cookies, X-Frame-Options, secret
    key…) has nothing to warn about with README's production variables."""
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], prod_env())
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_hsts_is_switched_off(prod_env):
    """The check above can fail: HSTS at 0 seconds is a warning, and the warning fails the deploy check."""
    env = prod_env(SECURE_HSTS_SECONDS="0")
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_production_settings_harden_the_defaults(prod_env):
    settings = django_child(SETTINGS_PROBE, prod_env())
    assert settings["module"] == "cms.settings.production"
    assert settings["debug"] is False
    assert settings["proxy_header"] is None  # no proxy header is believed by default
    assert settings["ssl_redirect"] is True
    assert settings["hsts"] >= 60 * 60 * 24 * 180
    assert settings["cookies_secure"] == [True, True]
    assert settings["x_frame"] == "DENY"
    assert settings["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["log_format"] == "json"


def test_proxy_headers_are_believed_only_when_configured(prod_env):
    trusted = django_child(SETTINGS_PROBE, prod_env(CMS_TRUST_PROXY_HEADERS="true"))
    assert trusted["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_and_ssl_redirect_are_configurable(prod_env):
    settings = django_child(SETTINGS_PROBE, prod_env(SECURE_HSTS_SECONDS="600", CMS_SSL_REDIRECT="false"))
    assert settings["hsts"] == 600
    assert settings["ssl_redirect"] is False


def test_a_malformed_boolean_is_refused(prod_env):
    result = run([sys.executable, "manage.py", "check"], prod_env(CMS_TRUST_PROXY_HEADERS="maybe"))
    assert result.returncode != 0
    assert "CMS_TRUST_PROXY_HEADERS must be true or false, not 'maybe'" in result.stderr


HEADERS_PROBE = """
from django.test import Client
client = Client(HTTP_HOST="cms.example.org")
def probe(path, **extra):
    response = client.get(path, **extra)
    return {
        "status": response.status_code,
        "location": response.get("Location"),
        "hsts": response.get("Strict-Transport-Security"),
        "frame": response.get("X-Frame-Options"),
        "csp": response.get("Content-Security-Policy"),
    }
print(json.dumps({
    "http": probe("/api/v1/languages/"),
    "https": probe("/api/v1/languages/", secure=True),
    "spoofed": probe("/api/v1/languages/", HTTP_X_FORWARDED_PROTO="https"),
    "admin": probe("/admin/", secure=True),  # a redirect to the login page (no static manifest needed)
}))
"""


def test_production_headers(prod_env):
    """Operators: HTTPS enforced, HSTS sent, frames refused, a content security policy on API and admin."""
    result = django_child(HEADERS_PROBE, prod_env())
    assert result["http"]["status"] == 301
    assert result["http"]["location"] == "https://cms.example.org/api/v1/languages/"
    https = result["https"]
    assert https["status"] == 200
    assert https["hsts"] == "max-age=31536000; includeSubDomains"
    assert https["frame"] == "DENY"
    assert "default-src 'none'" in https["csp"] and "frame-ancestors 'none'" in https["csp"]
    admin = result["admin"]
    assert admin["frame"] == "DENY"
    assert "frame-ancestors 'self'" in admin["csp"] and "object-src 'none'" in admin["csp"]


def test_x_forwarded_proto_is_believed_only_from_trusted_proxies(prod_env):
    """Any client could otherwise switch the scheme of links in public, cached answers."""
    untrusted = django_child(HEADERS_PROBE, prod_env())["spoofed"]
    assert untrusted["status"] == 301  # still plain HTTP: the header is ignored
    trusted = django_child(HEADERS_PROBE, prod_env(CMS_TRUST_PROXY_HEADERS="true"))["spoofed"]
    assert trusted["status"] == 200 and trusted["hsts"]
