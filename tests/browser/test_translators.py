"""A Kurmanji translator runs a day's work in a real browser: the dashboard panel, the report filtered to
outdated Kurmanji, the item's form (Arabic read-only), the Kurmanji summary updated and saved as a draft.
Screenshots of the dashboard panel, the report and the form are kept in ``test-artifacts/``."""

import re

import pytest
from django.contrib.auth.models import Group

from news.models import NewsPage
from translations import roles

from .conftest import admin_user, log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def translator(db):
    roles.ensure_groups()
    user = admin_user("kurmanji", "ku")
    user.groups.add(Group.objects.get(name="Translators · Kurmancî"))
    return user


def shot(page, artifacts, name):
    path = artifacts / f"translators-{name}.png"
    page.screenshot(path=str(path), full_page=True)


def test_kurmanji_translator_updates_an_outdated_item(
    browser_page, live_server, artifacts, outdated_item, translator, one_request_at_a_time
):
    page, base = browser_page, live_server.url
    log_in(page, base, "kurmanji")
    panel = page.locator(".translations-panel")
    # in the translator's own admin language: "1 outdated" is "1 kevn" in Kurmanji
    assert "Kurmancî:" in panel.inner_text() and "1 kevn" in panel.inner_text()
    panel.screenshot(path=str(artifacts / "translators-dashboard.png"))

    panel.get_by_role("link", name="1 kevn").click()
    page.wait_for_url(re.compile(r"status=outdated"))
    row = page.locator("table tbody tr", has_text="ورشة عمل في هجين")
    assert "summary" in row.inner_text()
    shot(page, artifacts, "report")

    row.get_by_role("link", name="ورشة عمل في هجين").click()
    page.wait_for_url(re.compile(rf"/pages/{outdated_item.pk}/edit/"))
    assert page.locator("input[name=title_ar]").is_disabled()
    assert page.locator("textarea[name=summary_ar]").is_disabled()
    page.fill("textarea[name=summary_ku]", "Kurteya xebatê piştî guherînê: sî jin beşdar bûn.")
    shot(page, artifacts, "form")
    page.locator("button[name=action-save], button:has-text('Save draft'), .action-save").first.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(artifacts / "translators-after-save.png"), full_page=True)
    draft = NewsPage.objects.get(pk=outdated_item.pk).get_latest_revision_as_object()
    assert draft.summary_ku.startswith("Kurteya xebatê piştî guherînê")
    assert draft.summary_ar == "ملخص الورشة بعد التعديل: شاركت ثلاثون امرأة."
