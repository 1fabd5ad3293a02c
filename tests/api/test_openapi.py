"""The OpenAPI document is valid, complete, and every real response matches it."""

import copy
import json

import jsonschema
import pytest
from openapi_spec_validator import validate

from home.factories import SiteSettingsFactory
from home.models import HomeFeaturedItem, MenuItem, SocialLink


@pytest.fixture
def schema(api, db):
    response = api.client.get("/api/v1/schema/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi(schema):
    """Client generators for the website read this document; it must validate."""
    validate(schema)
    assert schema["openapi"].startswith("3.1")


CONTENT_ENDPOINTS = [
    "",
    "languages/",
    "items/",
    "items/{id}/",
    "news/",
    "news/{id}/",
    "statements/",
    "statements/{id}/",
    "dialogue-sessions/",
    "dialogue-sessions/{id}/",
    "resolve/",
    "home/",
    "site/",
    "topics/",
    "places/",
    "projects/",
    "organisations/",
    "people/",
    "search/",
    "search/suggest/",
]


def test_schema_documents_every_endpoint_with_its_parameters(schema):
    paths = schema["paths"]
    for path in CONTENT_ENDPOINTS:
        assert f"/api/v1/{path}" in paths, path
    names = {p["name"] for p in paths["/api/v1/items/"]["get"]["parameters"]}
    assert names == {
        "lang",
        "limit",
        "offset",
        "ordering",
        "topic",
        "place",
        "project",
        "organisation",
        "date_from",
        "date_to",
        "translated",
        "type",
    }
    detail = paths["/api/v1/news/{id}/"]["get"]["responses"]
    assert {"200", "400", "404"} <= set(detail)
    assert "application/problem+json" in detail["404"]["content"]
    assert "ETag" in detail["200"]["headers"]


def test_docs_are_served_without_any_cdn(api, db):
    """The docs page must work on the centre's offline network: every asset is served from here."""
    response = api.client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


def _strict(node):
    """The schema with ``additionalProperties: false`` on every object: an undocumented field fails too."""
    if isinstance(node, dict):
        node = {key: _strict(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_strict(value) for value in node]
    return node


def _validator(schema, path, status="200"):
    content = schema["paths"][path]["get"]["responses"][status]["content"]
    body_schema = next(iter(content.values()))["schema"]
    document = _strict(copy.deepcopy(schema))
    root = {**body_schema, "components": document["components"]}
    return jsonschema.Draft202012Validator(_strict(root), format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_every_endpoint_answers_as_documented(api, newsroom, schema, code):
    SiteSettingsFactory()
    settings = newsroom["site"].sitesettings
    MenuItem.objects.create(settings=settings, link_page=newsroom["news"], sort_order=0)
    MenuItem.objects.create(settings=settings, link_url="https://example.org/", label_en="Elsewhere", sort_order=1)
    SocialLink.objects.create(settings=settings, platform="facebook", url="https://facebook.com/aso")
    HomeFeaturedItem.objects.create(page=newsroom["home"], item=newsroom["session"], sort_order=0)
    ids = {
        "items/{id}/": newsroom["statement"].pk,
        "news/{id}/": newsroom["news_item"].pk,
        "statements/{id}/": newsroom["statement"].pk,
        "dialogue-sessions/{id}/": newsroom["session"].pk,
    }
    for relative in CONTENT_ENDPOINTS:
        path = f"/api/v1/{relative}"
        operation = schema["paths"][path]
        params = {"lang": code} if any(p["name"] == "lang" for p in operation["get"].get("parameters", [])) else {}
        if relative == "resolve/":
            params["path"] = f"/{code}/news/workshop-in-hajin/" if code == "en" else "/ar/news/ورشة-عمل-في-هجين/"
        if relative.startswith("search/"):
            params["q"] = {"ar": "ورشة", "ku": "Xebata", "en": "workshop"}[code]
        url = relative.replace("{id}", str(ids.get(relative, 0)))
        response = api.get(url, params)
        assert response.status_code == 200, (url, response.data)
        errors = sorted(_validator(schema, path).iter_errors(response.data), key=str)
        assert not errors, (url, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]])
    problem = api.get("news/", {"limit": "0"})
    assert not list(_validator(schema, "/api/v1/news/", "400").iter_errors(problem.data))


def test_parameter_bounds_are_the_ones_enforced(schema):
    """Generated clients and fuzzers read the bounds from here: they must be the API's own."""
    items = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/items/"]["get"]["parameters"]}
    assert (items["limit"]["minimum"], items["limit"]["maximum"]) == (1, 100)
    assert (items["offset"]["minimum"], items["offset"]["maximum"]) == (0, 10_000)
    assert items["topic"]["maxLength"] == 80 and items["date_from"]["format"] == "date"
    detail = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/news/{id}/"]["get"]["parameters"]}
    assert detail["id"]["minimum"] == 1
    resolve = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/resolve/"]["get"]["parameters"]}
    assert resolve["path"]["pattern"].startswith("^")


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
@pytest.mark.parametrize("query", [{"x": "1"}, {"lang": "fr"}, {"lang": "ar", "lang2": "en"}])
def test_schema_and_docs_follow_the_parameter_rules(api, db, path, query):
    response = api.client.get(path, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert api.client.get(path, {"lang": "ku"}).status_code == 200


def test_the_root_lists_every_endpoint(api, db, schema):
    """``/api/v1/`` names every documented endpoint, and each address it gives answers (not the 404 of an
    unknown address; endpoints with a required parameter say which)."""
    data = api.get("").data
    assert data["version"] == schema["info"]["version"]
    documented = {path for path in schema["paths"] if "{" not in path} - {"/api/v1/"}
    assert {url.removeprefix("http://testserver") for url in data["endpoints"].values()} >= documented
    for name, url in data["endpoints"].items():
        response = api.client.get(url.removeprefix("http://testserver"))
        assert response.status_code in (200, 400, 401), name
        if response.status_code == 401:
            assert name == "preview"  # a draft needs its token
        elif response.status_code == 400:
            assert json.loads(response.content)["parameter"] in ("q", "path"), name
