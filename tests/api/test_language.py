"""Language negotiation and the ``languages/`` endpoint."""

import pytest

from cms import languages
from cms.api.negotiation import parse_accept_language


def test_languages_lists_every_enabled_language_source_first(api, db):
    """The frontend builds its language switcher and sets ``dir`` from this list."""
    response = api.get("languages/")
    assert response.status_code == 200
    codes = [entry["code"] for entry in response.data["results"]]
    assert codes == languages.enabled_codes()
    assert response.data["source"] == languages.source_code()
    by_code = {entry["code"]: entry for entry in response.data["results"]}
    assert by_code["ar"]["dir"] == "rtl" and by_code["ar"]["is_source"] is True
    assert by_code["ku"]["dir"] == "ltr" and by_code["ku"]["native_name"] == "Kurmancî"
    assert by_code["ku"]["fallbacks"] == languages.fallback_chain("ku")


@pytest.mark.parametrize(
    ("params", "header", "code", "reason"),
    [
        ({"lang": "ku"}, "en", "ku", "query"),
        ({"lang": "en"}, "", "en", "query"),
        ({}, "ar-SY,en;q=0.5", "ar", "accept-language"),
        ({}, "ku-TR", "ku", "accept-language"),
        ({}, "fr;q=1, en-GB;q=0.8, ar;q=0.3", "en", "accept-language"),
        ({}, "ar;q=0.2, ku;q=0.9", "ku", "accept-language"),
        ({}, "de, fr", "ar", "default"),
        ({}, "", "ar", "default"),
        ({}, 'x"<>;q=abc,,;', "ar", "default"),
    ],
)
def test_language_choice_and_reason(api, site_tree, params, header, code, reason):
    """The frontend reads Content-Language and X-Language-Reason to know which language it got and why."""
    response = api.get("news/", params, HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert response["Content-Language"] == code
    assert response["X-Language-Reason"] == reason
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("value", ["fr", "ckb", "", "a" * 50, "ar\x00"])
def test_unknown_or_disabled_lang_is_a_400(api, site_tree, value):
    """A link with a wrong ``lang`` must fail loudly, not silently show another language."""
    response = api.get("news/", {"lang": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.data["parameter"] == "lang"


def test_accept_language_ranking_ignores_zero_quality():
    """Feeds and search reuse this parser: q=0 means "not this one"."""
    assert parse_accept_language("en;q=0, ku;q=0.5, ar;q=0.7") == ["ar", "ku"]
