"""Translator roles: a group per target language; its members edit only their language's fields, the others
are read-only on the form and refused on the server (nothing saved); they save drafts and submit, never
publish."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from news.factories import TopicFactory
from tests.admin.conftest import form_data as admin_form_data
from tests.admin.conftest import soup
from translations import roles
from translations.models import TranslationStatus

pytestmark = pytest.mark.django_db


def form_data(response):
    """What the translator's browser sends: disabled (read-only) inputs are not sent."""
    data = admin_form_data(response)
    for name in response.context["form"].locked_fields:
        for key in [k for k in data if k == name or k.startswith(f"{name}-")]:
            del data[key]
    return data


@pytest.fixture
def kurdish_translator(django_user_model, site_tree):
    roles.ensure_groups()
    user = django_user_model.objects.create_user("kurmanji", password="pw-kurmanji-1")
    user.groups.add(Group.objects.get(name="Translators · Kurmancî"))
    return user


def test_a_group_per_target_language():
    roles.ensure_groups()
    names = set(Group.objects.filter(name__startswith="Translators").values_list("name", flat=True))
    assert names == {"Translators · Kurmancî", "Translators · English"}
    group = Group.objects.get(name="Translators · Kurmancî")
    assert group.permissions.filter(codename="change_topic").exists()
    assert not group.page_permissions.filter(permission__codename="publish_page").exists()


def test_other_languages_are_read_only_on_the_form(client, kurdish_translator, item):
    client.force_login(kurdish_translator)
    page = soup(client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])))
    assert page.find("input", attrs={"name": "title_ar"}).has_attr("disabled")
    assert page.find("textarea", attrs={"name": "summary_en"}).has_attr("disabled")
    assert not page.find("input", attrs={"name": "title_ku"}).has_attr("disabled")
    assert not page.find("textarea", attrs={"name": "summary_ku"}).has_attr("disabled")


def test_the_server_refuses_a_change_to_arabic_and_saves_nothing(client, kurdish_translator, item):
    client.force_login(kurdish_translator)
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    data = form_data(client.get(url))
    revisions = item.revisions.count()
    data.update(summary_ku="Kurteya nû.", summary_ar="تغيير غير مسموح")
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was saved" in text and "summary_ar" in text
    assert item.revisions.count() == revisions
    latest = Page.objects.get(pk=item.pk).specific.get_latest_revision_as_object()
    assert latest.summary_ar == "ملخص الورشة." and latest.summary_ku == "Kurteya xebatê."


def test_a_translator_saves_a_draft_and_submits_but_cannot_publish(client, kurdish_translator, item):
    client.force_login(kurdish_translator)
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    data = form_data(client.get(url))
    data.update(summary_ku="Kurteya nû.")
    response = client.post(url, data)
    assert response.status_code == 302
    latest = Page.objects.get(pk=item.pk).specific.get_latest_revision_as_object()
    assert latest.summary_ku == "Kurteya nû." and latest.summary_ar == "ملخص الورشة."
    data = form_data(client.get(url))
    data["action-publish"] = "1"
    client.post(url, data)
    live = Page.objects.get(pk=item.pk).specific
    assert live.summary_ku == "Kurteya xebatê.", "not published"
    data = form_data(client.get(url))
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302
    assert Page.objects.get(pk=item.pk).workflow_in_progress


def test_snippets_too(client, kurdish_translator):
    topic = TopicFactory(name_ar="حقوق", name_en="Rights")
    client.force_login(kurdish_translator)
    url = reverse("wagtailsnippets_news_topic:edit", args=[topic.pk])
    response = client.get(url)
    assert response.status_code == 200
    post = {"name_ku": "Maf", "name_ar": "تغيير", "name_en": "Rights", "slug": topic.slug}
    response = client.post(url, post)
    assert response.status_code == 200 and "Nothing was saved" in response.content.decode()
    topic.refresh_from_db()
    assert topic.name_ar == "حقوق" and topic.name_ku in ("", None)
    response = client.post(url, {"name_ku": "Maf"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name_ar, topic.name_ku) == ("حقوق", "Maf")
    assert TranslationStatus.objects.get(object_id=topic.pk, kind="snippet", lang="ku").status == "complete"
