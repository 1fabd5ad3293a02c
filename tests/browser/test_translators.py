"""A Kurmanji translator runs a day's work in a real browser: the dashboard panel, the report filtered to
outdated Kurmanji, the item's form (Arabic read-only), the Kurmanji summary updated and saved as a draft.
Screenshots of the dashboard panel, the report and the form are kept in ``test-artifacts/``."""

import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from news.factories import NewsPageFactory, paragraph
from news.models import NewsPage
from tests.conftest import build_site_tree
from translations import roles

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "kurmanji translator password"
SCREENS = Path("/work/briefs/screens")


@pytest.fixture
def outdated_item(db):
    tree = build_site_tree()
    page = NewsPageFactory(
        parent=tree["news"],
        title_ar="ورشة عمل في هجين",
        summary_ar="ملخص الورشة.",
        body_ar=paragraph("نص الخبر."),
        title_ku="Xebata li Hecînê",
        summary_ku="Kurteya xebatê.",
        body_ku=paragraph("Nivîsa nûçeyê."),
    )
    page.save_revision().publish()
    page = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.summary_ar = "ملخص الورشة بعد التعديل: شاركت ثلاثون امرأة."
    page.save_revision().publish()
    return NewsPage.objects.get(pk=page.pk)


@pytest.fixture
def translator(db):
    roles.ensure_groups()
    user = get_user_model().objects.create_user("kurmanji", "ku@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Translators · Kurmancî"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ku"
    profile.save()
    return user


def shot(page, artifacts, name):
    path = artifacts / f"translators-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if SCREENS.is_dir():
        shutil.copy(path, SCREENS / path.name)


def test_kurmanji_translator_updates_an_outdated_item(
    browser_page, live_server, artifacts, outdated_item, translator, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    page, base = browser_page, live_server.url
    page.goto(f"{base}{reverse('wagtailadmin_login')}")
    page.fill("input[name=username]", "kurmanji")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    panel = page.locator(".translations-panel")
    # in the translator's own admin language: "1 outdated" is "1 kevn" in Kurmanji
    assert "Kurmancî:" in panel.inner_text() and "1 kevn" in panel.inner_text()
    panel.screenshot(path=str(artifacts / "translators-dashboard.png"))
    if SCREENS.is_dir():
        shutil.copy(artifacts / "translators-dashboard.png", SCREENS / "translators-dashboard.png")

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
