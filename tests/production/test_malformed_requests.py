"""Malformed input answered with problem+json, never a 500: crashes found while probing the API, one test each."""

import pytest

from .test_throttling import public_api_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "http%3A%2F%2F%5B",
        "https%3A%2F%2F%5B%5D%2Far%2F",
        "http%3A%2F%2F%5B%3A%3A1",
        "https%3A%2F%2F%5Bzz%5D%2Far%2Fnews%2F",
    ],
)
def test_resolve_answers_a_url_with_a_malformed_host_with_a_400(client, site_tree, path):
    response = client.get(f"/api/v1/resolve/?path={path}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["parameter"] == "path"


def test_resolve_still_reads_a_well_formed_url(client, site_tree):
    response = client.get("/api/v1/resolve/?path=https%3A%2F%2Fwww.example.org%2Fen%2Fnot-there%2F")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("url", [*public_api_urls(), "/api/v1/no-such-endpoint/"])
def test_options_never_fails(client, site_tree, url):
    response = client.options(url)
    assert response.status_code in (200, 404)
    assert response["Content-Type"] in ("application/json", "application/problem+json")
    if response.status_code == 200:
        assert response.json()["methods"] == ["GET", "HEAD", "OPTIONS"]


def test_options_on_the_docs_names_the_methods(client):
    response = client.options("/api/v1/docs/")
    assert response.status_code == 200
    assert response.json() == {"methods": ["GET", "HEAD", "OPTIONS"]}
