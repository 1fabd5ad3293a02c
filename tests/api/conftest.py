"""Fixtures of the API tests: a client that reads JSON, and a small published newsroom."""

import json

import pytest
from django.test import Client

from news.factories import (
    DialogueSessionPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    ProjectFactory,
    StatementPageFactory,
    TopicFactory,
)
from news.taxonomy import Place
from tests.conftest import refetch


class APIClient:
    """GETs an API path and returns the response with its JSON body as ``.data``."""

    def __init__(self):
        self.client = Client()

    def get(self, path, params=None, **headers):
        response = self.client.get(path if path.startswith("/") else f"/api/v1/{path}", params or {}, **headers)
        response.data = json.loads(response.content) if response.content else None
        return response


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture(scope="module")
def newsroom_once(site_tree_once):
    """One item of each type, filed under taxonomies, written in Arabic, Kurmanji and English; built once
    per module (see ``tests/conftest.py``)."""
    site_tree = site_tree_once
    topic = TopicFactory(slug="human-rights", name_ar="حقوق الإنسان", name_ku="Mafên mirovan", name_en="Human rights")
    region = PlaceFactory(slug="nes", kind=Place.REGION, name_en="North-east Syria")
    governorate = PlaceFactory(slug="deir-ezzor", kind=Place.GOVERNORATE, parent=region, name_en="Deir Ezzor")
    town = PlaceFactory(slug="hajin", kind=Place.TOWN, parent=governorate, name_en="Hajin")
    other_town = PlaceFactory(slug="amouda", kind=Place.TOWN, name_en="Amouda")
    partner = OrganisationFactory(slug="npa", name_en="Norwegian People's Aid")
    project = ProjectFactory(slug="civic-space", phase=2, funder=partner)
    trainer = PersonFactory(slug="trainer", name_en="A trainer", role_en="trainer")
    news = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة عمل في هجين",
        title_ku="Xebata li Hecînê",
        title_en="Workshop in Hajin",
        summary_ku="Kurte bi kurmancî.",
        summary_en="Summary in English.",
        project=project,
    )
    news.topics.set([topic])
    news.places.set([town])
    news.partners.set([partner])
    news.save()
    statement = StatementPageFactory(
        parent=site_tree["statements"],
        title_ar="بيان حول الانتخابات",
        title_en="Statement on the elections",
        summary_en="Statement summary.",
        reference="ASO-2024-1",
    )
    statement.places.set([other_town])
    statement.topics.set([topic])
    statement.save()
    session = DialogueSessionPageFactory(
        parent=site_tree["sessions"],
        title_ar="جلسة حوارية في عامودا",
        title_ku="Rûniştina diyalogê li Amûdê",
        title_en="Dialogue session in Amouda",
        summary_ku=None,  # partial in Kurmanji: a title without the summary the source has
        summary_en="Session summary.",
        outcomes_en=[{"type": "item", "value": "An outcome."}],
        recommendations_en=[{"type": "item", "value": "A recommendation."}],
    )
    session.facilitators.set([trainer])
    session.organisers.set([partner])
    session.save()
    only_arabic = NewsPageFactory(parent=site_tree["news"], title_ar="خبر بالعربية فقط", summary_ar="ملخص عربي.")
    return {
        **site_tree,
        "topic": topic,
        "governorate": governorate,
        "town": town,
        "partner": partner,
        "project": project,
        "trainer": trainer,
        "news_item": news,
        "statement": statement,
        "session": session,
        "only_arabic": only_arabic,
    }


@pytest.fixture
def newsroom(site_tree, newsroom_once):
    return refetch({**newsroom_once, **site_tree})
