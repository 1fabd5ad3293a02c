"""The admin works in a newsroom offline or behind a strict firewall, and for an account without a name.

Nothing in an admin page makes the browser ask an outside host: no avatar from Gravatar, no check for a new
Wagtail release (its script only runs where the dashboard draws the upgrade notice), no outside stylesheet,
script, image or font. Links an editor may follow (Wagtail's editor guide) are not requests and are allowed.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from .test_admin_language import admin_urls

pytestmark = pytest.mark.django_db

LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
URL = re.compile(r"(?:https?:)?//([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


def outside_requests(html):
    """Outside addresses the browser would fetch from this page: sources, stylesheets and icons, CSS
    ``url()``, ``data-*`` values (where Wagtail's scripts read the addresses they call) and upgrade checks."""
    page = BeautifulSoup(html, "html.parser")
    found = []
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            fetched = name in ("src", "srcset", "poster", "data", "action") or name.startswith("data-")
            fetched = fetched or (element.name == "link" and name == "href") or name == "style"
            if fetched:
                found += [m.group(0) for m in URL.finditer(value) if m.group(1) not in LOCAL_HOSTS]
        if element.get("data-controller") and "w-upgrade" in element["data-controller"]:
            found.append("the Wagtail upgrade check (w-upgrade)")
    for style in page.find_all("style"):
        found += [m.group(0) for m in URL.finditer(style.get_text()) if m.group(1) not in LOCAL_HOSTS]
    return found


@pytest.fixture
def nameless_editor(db):
    user = get_user_model().objects.create_superuser("newsroom", "newsroom@example.org", "a long password for tests")
    return user


def test_admin_pages_ask_no_outside_host(client, nameless_editor, site_tree):
    client.force_login(nameless_editor)
    urls = admin_urls(site_tree) + [reverse("wagtailadmin_account")]
    asked = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := outside_requests(response.content.decode()):
            asked[url] = found
    assert asked == {}


def test_the_scan_sees_avatars_and_the_update_check_when_configured(client, nameless_editor, settings):
    """The same scan finds the outside requests once they are configured back on."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    nameless_editor.email = "editor@example.org"
    nameless_editor.save()
    client.force_login(nameless_editor)
    found = outside_requests(client.get(reverse("wagtailadmin_home")).content.decode())
    assert any("gravatar.com" in url for url in found)
    assert "the Wagtail upgrade check (w-upgrade)" in found


def test_preferences_save_for_an_account_without_a_name(client, nameless_editor):
    """The development admin has no first or last name; choosing the admin's language must still save."""
    client.force_login(nameless_editor)
    url = reverse("wagtailadmin_account")
    data = _account_form_data(client.get(url).content.decode())
    data["locale-preferred_language"] = "ku"
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert UserProfile.get_for_user(nameless_editor).preferred_language == "ku"


def _account_form_data(html):
    """What the browser sends from the account page's form (the one holding the language preference)."""
    forms = BeautifulSoup(html, "html.parser").find_all("form")
    index = next(i for i, form in enumerate(forms) if form.find(attrs={"name": "locale-preferred_language"}))
    return dict(querydict_from_html(html, form_index=index).items())


def _errors(response):
    context = response.context or {}
    return {panel.name: panel.get_form().errors for panel in context.get("panels", []) if hasattr(panel, "get_form")}
