"""Fixtures of the delivery tests: a small trilingual newsroom with pages the public must never see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.factories import DialogueSessionPageFactory, NewsPageFactory, StatementPageFactory, TopicFactory

FRONTEND = "https://www.example.org"


@pytest.fixture(autouse=True)
def _frontend(settings):
    settings.CMS_FRONTEND_URL = FRONTEND
    settings.CMS_FRONTEND_PREVIEW_URL = ""
    settings.CMS_WEBHOOKS = []


@pytest.fixture
def newsroom(site_tree):
    topic = TopicFactory(slug="human-rights", name_en="Human rights")
    news = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة عمل في هجين",
        title_ku="Xebata li Hecînê",
        title_en="Workshop in Hajin",
        summary_en="Summary in English.",
    )
    news.topics.set([topic])
    news.save()
    statement = StatementPageFactory(
        parent=site_tree["statements"], title_ar="بيان حول الانتخابات", title_en="Statement on the elections"
    )
    session = DialogueSessionPageFactory(parent=site_tree["sessions"], title_ar="جلسة حوارية", title_en="A session")
    only_arabic = NewsPageFactory(parent=site_tree["news"], title_ar="خبر بالعربية فقط")
    return {
        **site_tree,
        "topic": topic,
        "news_item": news,
        "statement": statement,
        "session": session,
        "only_arabic": only_arabic,
    }


@pytest.fixture
def hidden(newsroom):
    """Pages that exist but that the public may not see, each a different reason."""
    news = newsroom["news"]
    draft = NewsPageFactory(parent=news, title_ar="مسودة سرية", title_en="Secret draft", live=False)
    future = NewsPageFactory(
        parent=news,
        title_ar="خبر مجدول",
        title_en="Scheduled news",
        go_live_at=timezone.now() + datetime.timedelta(days=3),
    )
    expired = NewsPageFactory(
        parent=news,
        title_ar="خبر منته",
        title_en="Expired news",
        expire_at=timezone.now() - datetime.timedelta(hours=1),
    )
    restricted = NewsPageFactory(parent=news, title_ar="خبر خاص", title_en="Private news")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    alias = restricted.create_alias(parent=newsroom["statements"], update_slug="alias-of-private")
    return {"draft": draft, "future": future, "expired": expired, "restricted": restricted, "alias": alias}


HIDDEN_TITLES = ("Secret draft", "Scheduled news", "Expired news", "Private news", "مسودة سرية", "خبر خاص")
