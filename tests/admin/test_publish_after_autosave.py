"""A publish right after an autosave publishes the draft the autosave made; nothing is created twice.

Wagtail's autosave creates the page on the first pause in typing (a JSON request to the "add" view), then the
browser switches the form to the new page's edit view. A publish clicked before that switch (or a second
click) still posts to "add": it used to fail with "This slug is already in use" on the Promote tab while
the draft already existed, and the editor stayed on the add form.
"""

import pytest
from django.urls import reverse

from news.models import NewsPage

from .conftest import errors_of, form_data

pytestmark = pytest.mark.django_db

VALUES = {"title_ar": "ورشة عمل في الحسكة", "slug_ar": "ورشة-عمل-في-الحسكة", "summary_ar": "ملخص أول"}


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", parent.pk])


@pytest.fixture
def autosaved(editor_client, site_tree):
    """The add form, opened and autosaved once (as the browser's autosave sends it)."""
    client = editor_client.set_admin_language("ar")
    url = add_url(site_tree["news"])
    data = {**form_data(client.get(url)), **VALUES}
    response = client.post(url, data, headers={"accept": "application/json"})
    assert response.status_code == 200 and response.json()["success"], response.content[:300]
    draft = NewsPage.objects.get()
    assert not draft.live
    return client, url, data, draft


def test_publish_right_after_an_autosave_publishes_the_draft(autosaved):
    client, url, data, draft = autosaved
    response = client.post(url, {**data, "summary_ar": "ملخص نهائي", "action-publish": "1"})
    assert response.status_code == 302, errors_of(response)
    page = NewsPage.objects.get()  # still one page: the draft, now published
    assert page.pk == draft.pk and page.live
    assert page.summary_ar == "ملخص نهائي"
    assert page.get_latest_revision().content["summary_ar"] == "ملخص نهائي"


def test_a_second_autosave_to_add_updates_the_draft(autosaved):
    client, url, data, draft = autosaved
    response = client.post(url, {**data, "summary_ar": "ملخص ثان"}, headers={"accept": "application/json"})
    assert response.status_code == 200 and response.json()["success"]
    assert NewsPage.objects.count() == 1
    assert NewsPage.objects.get().get_latest_revision_as_object().summary_ar == "ملخص ثان"


def test_a_clash_with_another_editors_page_is_still_a_form_error(autosaved, django_user_model):
    """Only the editor's own fresh, never-published draft is taken over; another page keeps its slug."""
    client, url, data, draft = autosaved
    other = django_user_model.objects.create_superuser("other", "other@example.org", "another long password")
    NewsPage.objects.filter(pk=draft.pk).update(owner=other)
    response = client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 200
    assert "slug_ar" in errors_of(response)
    assert NewsPage.objects.count() == 1
