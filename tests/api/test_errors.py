"""Bad input of every kind gets a clear problem+json 4xx, never a 500."""

import pytest
from django.contrib.auth import get_user_model

ENDPOINTS = ["items/", "news/", "statements/", "dialogue-sessions/"]

BAD_LIST_PARAMS = [
    ("limit", "0"),
    ("limit", "101"),
    ("limit", "-1"),
    ("limit", "1e99"),
    ("limit", "abc"),
    ("limit", "99999999999999999999"),
    ("offset", "-5"),
    ("offset", "100001"),
    ("offset", "x"),
    ("ordering", "price"),
    ("ordering", "-id"),
    ("topic", "bad slug!"),
    ("date_from", "2024-13-01"),
    ("date_from", "yesterday"),
    ("date_to", "2024-02-30"),
    ("date_to", "20240101"),
    ("translated", "yes"),
    ("lang", "xx"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("parameter", "value"),
    [("topic", "no-such-topic"), ("place", "nowhere"), ("project", "none"), ("organisation", "nobody")],
)
def test_filter_slug_naming_nothing_is_a_404(api, newsroom, endpoint, parameter, value):
    """A well-formed slug that names nothing: the filtered collection does not exist (the parameter is named)."""
    response = api.get(endpoint, {parameter: value})
    assert response.status_code == 404, response.data
    assert response["Content-Type"] == "application/problem+json"
    assert response.data["parameter"] == parameter and value in response.data["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("parameter", "value"), BAD_LIST_PARAMS)
def test_bad_list_parameter(api, newsroom, endpoint, parameter, value):
    """A frontend developer sees at once which parameter is wrong and why."""
    response = api.get(endpoint, {parameter: value})
    assert response.status_code == 400, response.data
    assert response["Content-Type"] == "application/problem+json"
    assert response.data["parameter"] == parameter
    assert response.data["status"] == 400
    assert response.data["title"] and response.data["detail"] and response.data["type"]


def test_dates_in_the_wrong_order_match_nothing(api, newsroom):
    """Each date is valid on its own, so the request is too (the schema cannot say otherwise): the range is
    simply empty."""
    response = api.get("news/", {"date_from": "2024-05-01", "date_to": "2024-01-01"})
    assert response.status_code == 200
    assert response.data["count"] == 0 and response.data["results"] == []


@pytest.mark.parametrize("value", ["blog", "news,blog", ""])
def test_bad_type_filter(api, newsroom, value):
    response = api.get("items/", {"type": value})
    assert response.status_code == 400
    assert response.data["parameter"] == "type"


@pytest.mark.parametrize("endpoint", ENDPOINTS + ["home/", "site/", "topics/", "languages/", "resolve/"])
def test_unknown_parameter_is_a_400(api, newsroom, endpoint):
    """A misspelt parameter (``limt``) would otherwise be ignored silently."""
    response = api.get(endpoint, {"limt": "5"})
    assert response.status_code == 400
    assert response.data["parameter"] == "limt"


@pytest.mark.parametrize(
    "query",
    ["limit=5%00", "topic=%22human-rights%22", "lang=ar%27", "a%00b=1", "limit=1&limit=2", "format=api", "a%22=1"],
)
def test_nul_bytes_bad_formats_and_repeats(api, newsroom, query):
    """Quotes are ordinary characters, but a quoted slug is not a slug nor ``ar'`` a language."""
    response = api.client.get(f"/api/v1/news/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("abc", 400),
        ("0", 400),
        ("-3", 400),
        ("1.5", 400),
        ("99999999999999999999999", 400),
        ("99999999", 404),
        ("%00", 400),
        ("%27", 400),
    ],
)
def test_bad_or_unknown_ids(api, newsroom, value, status):
    for section in ("news", "statements", "dialogue-sessions", "items"):
        response = api.client.get(f"/api/v1/{section}/{value}/")
        assert response.status_code == status, (section, value)
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    ["", "news/x", "/fr/news/x/", "relative/path", "/ar/../etc/passwd", "/", "%00"],
)
def test_bad_resolve_paths(api, newsroom, path):
    response = api.get("resolve/", {"path": path})
    assert response.status_code == 400
    assert response.data["parameter"] == "path"


def test_resolve_needs_a_path(api, newsroom):
    response = api.get("resolve/")
    assert response.status_code == 400
    assert response.data["parameter"] == "path"


def test_unknown_endpoint_and_missing_slash_are_problem_404s(api, db):
    for url in ["/api/v1/nothing/", "/api/v1/news", "/api/v1/news/1/extra/", "/api/v1/nothing/?x=1"]:
        response = api.client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_405_problems(api, newsroom, method):
    """The API is read-only; a write gets a problem+json 405 with the allowed methods."""
    response = getattr(api.client, method)("/api/v1/news/", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]


def test_html_accept_still_gets_json(api, newsroom):
    """A browser opening an API URL sees JSON, not a 406 or an HTML page."""
    response = api.get("news/", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.data["count"] == 2


def test_a_logged_in_editor_gets_the_anonymous_answer(api, newsroom):
    """Cookies are ignored: an editor's session never reveals drafts or changes cached answers."""
    draft = newsroom["news_item"]
    draft.live = False
    draft.save()
    anonymous = api.get("news/")
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    api.client.force_login(user)
    logged_in = api.get("news/")
    assert logged_in.status_code == 200
    assert logged_in.content == anonymous.content
    assert draft.pk not in [item["id"] for item in logged_in.data["results"]]


def test_head_answers_like_get_without_a_body(api, newsroom):
    get = api.client.get("/api/v1/news/")
    head = api.client.head("/api/v1/news/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
