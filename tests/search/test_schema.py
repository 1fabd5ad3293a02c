"""The search endpoints are in the OpenAPI document the website's client generator reads."""

import json


def test_search_endpoints_are_documented(client, db):
    schema = json.loads(client.get("/api/v1/schema/", HTTP_ACCEPT="text/html").content)
    search = schema["paths"]["/api/v1/search/"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "lang", "limit", "offset", "type", "place", "topic"}
    assert {"200", "400"} <= set(search["responses"])
    assert "/api/v1/search/suggest/" in schema["paths"]
