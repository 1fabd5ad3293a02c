"""The translators' edit form in a real browser, with the admin in Arabic (right to left): the statuses at
the top, a section per language under its own name and direction, "show only the source and Kurmancî"
hiding English and remembered on the next visit, the source's change side by side, and the "needs review"
button marking the Kurmanji version. Screenshots are kept in ``test-artifacts/``."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from translations.models import ReviewMark

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_edit_form_in_an_arabic_admin(
    browser_page, live_server, artifacts, outdated_item, arabic_editor, one_request_at_a_time
):
    page, base = browser_page, live_server.url
    log_in(page, base)
    page.goto(f"{base}{reverse('wagtailadmin_pages:edit', args=[outdated_item.pk])}")
    assert page.locator("html").get_attribute("dir") == "rtl"

    status = page.locator("[data-cms-translations]")
    assert status.is_visible()
    assert status.locator("[data-cms-status-lang=ku]").get_attribute("data-status") == "outdated"
    assert status.locator("[data-cms-status-lang=en]").get_attribute("data-status") == "missing"
    assert status.locator("[data-cms-status-lang=en] button[data-cms-review]").count() == 0, "nothing to review"
    sections = page.locator("section[data-cms-language]")
    assert [sections.nth(n).get_attribute("data-cms-language") for n in range(sections.count())] == ["ar", "ku", "en"]
    heading = page.locator("section[data-cms-language=ku] [data-panel-heading-text] span")
    assert heading.inner_text() == "Kurmancî"
    assert heading.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("input[name=title_ku]").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("input[name=title_ar]").evaluate("e => getComputedStyle(e).direction") == "rtl"

    change = page.locator("[data-cms-aid=summary_ku] [data-cms-source-change]")
    assert change.is_visible()
    new = change.locator("[data-cms-source-new]")
    assert new.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "بعد التعديل" in new.locator("ins").first.inner_text()
    status.locator("xpath=ancestor::section[1]").screenshot(path=str(artifacts / "edit-form-status-ar.png"))
    page.locator("section[data-cms-language=ku]").screenshot(path=str(artifacts / "edit-form-ku-section-ar.png"))

    # Only the source and Kurmancî: English is hidden, and stays so on the next visit.
    status.locator("input[data-cms-show-choice][value=ku]").check()
    assert page.locator("section[data-cms-language=en]").is_hidden()
    assert page.locator("section[data-cms-language=ar]").is_visible()
    assert page.locator("section[data-cms-language=ku]").is_visible()
    page.screenshot(path=str(artifacts / "edit-form-ar-source-and-ku.png"))
    page.reload()
    assert page.locator("input[data-cms-show-choice][value=ku]").is_checked()
    assert page.locator("section[data-cms-language=en]").is_hidden()
    page.locator("input[data-cms-show-choice][value='']").check()
    assert page.locator("section[data-cms-language=en]").is_visible()

    # "Needs review" for Kurmancî: marked, shown, and cleared again from the same place.
    page.locator("[data-cms-status-lang=ku] button[data-cms-review]").click()
    page.wait_for_url(re.compile(rf"/pages/{outdated_item.pk}/edit/"))
    page.wait_for_load_state("networkidle")
    assert ReviewMark.objects.filter(object_id=outdated_item.pk, lang="ku").exists()
    row = page.locator("[data-cms-status-lang=ku]")
    assert row.get_attribute("data-needs-review") is not None
    page.locator("[data-cms-translations]").screenshot(path=str(artifacts / "edit-form-status-review-ar.png"))
    row.locator("button[data-cms-review]").click()
    page.wait_for_url(re.compile(rf"/pages/{outdated_item.pk}/edit/"))
    page.wait_for_load_state("networkidle")
    assert not ReviewMark.objects.filter(object_id=outdated_item.pk, lang="ku").exists()

    # The same form in a left-to-right admin (Kurmanji): the Arabic source keeps its own direction.
    profile = UserProfile.get_for_user(arabic_editor)
    profile.preferred_language = "ku"
    profile.save()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("dir") == "ltr"
    new = page.locator("[data-cms-aid=summary_ku] [data-cms-source-new]")
    assert new.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert (
        page.locator("section[data-cms-language=ar] [data-panel-heading-text] span").evaluate(
            "e => getComputedStyle(e).direction"
        )
        == "rtl"
    )
    page.locator("[data-cms-translations]").screenshot(path=str(artifacts / "edit-form-status-ku.png"))
    page.locator("[data-cms-aid=summary_ku]").screenshot(path=str(artifacts / "edit-form-source-change-ku.png"))
