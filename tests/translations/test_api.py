"""The API says it: each ``translations[]`` entry has ``status`` and ``outdated_fields``; a language marked
for review is not available anywhere (detail, ``translated=only``, search) and its fields fall back, marked."""

import json

import pytest
from django.test import Client

from cms.availability import available_q, is_available
from news.models import NewsPage
from translations.services import clear_review, mark_for_review

from .conftest import publish

pytestmark = pytest.mark.django_db


def api(path, **params):
    response = Client().get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def entries(page):
    return {t["lang"]: t for t in api(f"news/{page.pk}/")["translations"]}


def test_translation_entries_name_status_and_outdated_fields(item):
    item, _ = publish(item, summary_ar="ملخص جديد للورشة.")
    found = entries(item)
    assert found["ar"]["status"] == "complete" and found["ar"]["outdated_fields"] == []
    assert found["ku"]["status"] == "outdated" and found["ku"]["outdated_fields"] == ["summary"]
    assert found["ku"]["available"] is True, "an outdated translation is still a translation"
    assert found["en"]["status"] == "missing" and found["en"]["available"] is False


def test_partial_without_summary_is_not_available(item):
    item, _ = publish(item, summary_ku="")
    found = entries(item)
    assert found["ku"]["status"] == "partial" and found["ku"]["available"] is False
    assert item.pk not in {c["id"] for c in api("news/", lang="ku", translated="only")["results"]}


def test_needs_review_is_served_as_not_available(item):
    def visible():
        return {
            "only": item.pk in {c["id"] for c in api("news/", lang="ku", translated="only")["results"]},
            "search": item.pk in {r["id"] for r in api("search/", q="Hecînê", lang="ku")["results"]},
            "python": is_available(NewsPage.objects.get(pk=item.pk), "ku"),
            "sql": NewsPage.objects.filter(available_q("ku"), pk=item.pk).exists(),
        }

    assert visible() == {"only": True, "search": True, "python": True, "sql": True}
    mark_for_review(item, "ku", note="terminology")
    assert visible() == {"only": False, "search": False, "python": False, "sql": False}
    detail = api(f"news/{item.pk}/", lang="ku")
    assert next(t for t in detail["translations"] if t["lang"] == "ku")["available"] is False
    assert clear_review(item, "ku")
    assert visible() == {"only": True, "search": True, "python": True, "sql": True}


def test_the_source_language_cannot_be_marked(item):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        mark_for_review(item, "ar")
