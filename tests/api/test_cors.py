"""A browser frontend on an allowed origin may read the public API; other origins get no CORS headers, and
nobody gets credentials."""

import os
import subprocess
import sys

import pytest
from django.test import Client

ALLOWED = "http://localhost:3000"  # the frontend URL of the test settings


@pytest.fixture
def client():
    return Client()


def test_preflight_from_an_allowed_origin(client, site_tree):
    response = client.options(
        "/api/v1/news/",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept-language, if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_get_from_an_allowed_origin_exposes_the_language_headers(client, site_tree):
    response = client.get("/api/v1/news/", {"lang": "ku"}, HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "content-language", "x-language-reason"} <= exposed


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:3001", "null"])
def test_refused_origins_get_no_cors_headers(client, site_tree, origin):
    preflight = client.options("/api/v1/news/", HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "Access-Control-Allow-Origin" not in preflight
    response = client.get("/api/v1/news/", HTTP_ORIGIN=origin)
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response


def test_the_admin_is_not_opened_to_other_origins(client, site_tree):
    response = client.get("/admin/login/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response


def test_origins_come_from_the_environment():
    code = "from django.conf import settings; print(','.join(settings.CORS_ALLOWED_ORIGINS))"
    env = {
        "CMS_CORS_ORIGINS": "https://aso.example, https://app.aso.example",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "https://aso.example,https://app.aso.example"
