"""Fixtures of the delivery-speed tests: a JSON client and a small newsroom of related items with images."""

import json

import pytest
from django.test import Client

from cms.factories import ImageFactory
from news.factories import NewsPageFactory, ProjectFactory, StatementPageFactory, TopicFactory


class JSONClient:
    def __init__(self):
        self.client = Client()

    def get(self, path, params=None, **headers):
        response = self.client.get(f"/api/v1/{path}", params or {}, **headers)
        response.data = json.loads(response.content) if response.content else None
        return response


@pytest.fixture
def api():
    return JSONClient()


@pytest.fixture
def no_response_cache(settings):
    """Measure the stored-document path itself, not the response cache in front of it."""
    settings.CMS_API_RESPONSE_CACHE = False


@pytest.fixture
def items(site_tree):
    topic = TopicFactory(slug="rights", name_ar="حقوق", name_en="Rights")
    project = ProjectFactory(slug="civic")
    image = ImageFactory(description_en="A meeting")
    pages = []
    for n in range(6):
        page = NewsPageFactory(
            parent=site_tree["news"],
            title_ar=f"خبر {n}",
            title_en=f"Item {n}",
            summary_en=f"Summary {n}",
            main_image=image,
            project=project if n == 5 else None,
        )
        page.topics.set([topic])
        page.save_revision().publish()
        page.refresh_from_db()  # publish() saved another instance: this one's live revision is stale
        pages.append(page)
    statement = StatementPageFactory(parent=site_tree["statements"], title_ar="بيان", title_en="Statement")
    statement.topics.set([topic])
    statement.save_revision().publish()
    return {**site_tree, "topic": topic, "image": image, "pages": pages, "statement": statement, "project": project}
