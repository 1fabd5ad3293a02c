"""Two editors on one page: the one whose form is out of date cannot silently undo the other's work.

Editor 1 opens the page; editor 2 opens it too, changes the title and summary and publishes; editor 1 then
saves or publishes the form opened before. That save must be refused, in the form (editor 1's input still
there), with nothing overwritten: not the latest revision, not the live page. A page locked by one editor
refuses another editor's save.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from news.factories import NewsPageFactory
from tests.admin.conftest import errors_of, form_data, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(django_user_model):
    one, two = Client(), Client()
    one.force_login(django_user_model.objects.create_superuser("editor1", "e1@example.org", "pw-editor-1"))
    two.force_login(django_user_model.objects.create_superuser("editor2", "e2@example.org", "pw-editor-2"))
    return one, two


@pytest.fixture
def page(site_tree):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="العنوان الأول", summary_ar="الملخص الأول")
    page.save_revision().publish()
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return form_data(response)


def submit(client, page, data, changes, action):
    data = {**data, **changes, action: "1"}
    return client.post(edit_url(page), data)


@pytest.mark.parametrize("action", ["action-publish", None])
def test_a_stale_form_is_refused_and_nothing_is_overwritten(editors, page, action):
    one, two = editors
    stale = open_form(one, page)
    fresh = open_form(two, page)
    theirs = {"title_ar": "عنوان المحرر الثاني", "summary_ar": "ملخص المحرر الثاني"}
    saved = submit(two, page, fresh, theirs, "action-publish")
    assert saved.status_code == 302, errors_of(saved)
    latest_before = Page.objects.get(pk=page.pk).latest_revision_id

    changes = {"title_ar": "عنوان المحرر الأول", "summary_ar": "ملخص المحرر الأول"}
    refused = one.post(edit_url(page), {**stale, **changes, **({action: "1"} if action else {})})

    assert refused.status_code == 200  # the form again, not a redirect to the explorer
    html = refused.content.decode()
    assert "editor2" in html and "لم يُستبدل شيء" in html  # "Nothing was overwritten", in the admin's Arabic
    form = soup(refused)
    assert form.find("input", {"name": "title_ar"})["value"] == "عنوان المحرر الأول"  # editor 1's input kept
    page.refresh_from_db()
    assert page.latest_revision_id == latest_before
    assert page.title_ar == "عنوان المحرر الثاني" and page.summary_ar == "ملخص المحرر الثاني"
    latest = page.get_latest_revision_as_object()
    assert latest.title_ar == "عنوان المحرر الثاني"


def test_an_up_to_date_form_saves(editors, page):
    one, _ = editors
    data = open_form(one, page)
    response = submit(one, page, data, {"title_ar": "عنوان جديد"}, "action-publish")
    assert response.status_code == 302, errors_of(response)
    page.refresh_from_db()
    assert page.title_ar == "عنوان جديد"


def test_saving_the_reshown_form_again_is_a_deliberate_overwrite(editors, page):
    """After reading the message, the editor may keep their version: the re-shown form is up to date."""
    one, two = editors
    stale = open_form(one, page)
    assert submit(two, page, open_form(two, page), {"title_ar": "الثاني"}, "action-publish").status_code == 302
    refused = submit(one, page, stale, {"title_ar": "الأول"}, "action-publish")
    assert refused.status_code == 200
    again = submit(one, page, form_data(refused), {}, "action-publish")
    assert again.status_code == 302, errors_of(again)
    page.refresh_from_db()
    assert page.title_ar == "الأول"


def test_a_locked_page_refuses_another_editors_save(editors, page):
    one, two = editors
    assert one.post(reverse("wagtailadmin_pages:lock", args=[page.pk])).status_code == 302
    page.refresh_from_db()
    assert page.locked and page.locked_by.get_username() == "editor1"

    data = open_form(two, page)
    response = submit(two, page, data, {"title_ar": "محاولة من المحرر الثاني"}, "action-publish")
    assert response.status_code == 200
    assert b"locked" in response.content
    page.refresh_from_db()
    assert page.title_ar == "العنوان الأول"
    assert get_user_model().objects.get(username="editor2") != page.locked_by
