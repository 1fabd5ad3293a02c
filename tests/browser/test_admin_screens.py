"""The Arabic admin as an editor sees it, in a real Chromium: the news form, the place chooser, the page list.

Screenshots go to ``CMS_SCREENSHOTS_DIR`` if set, else to the test's temporary directory (printed), so a
reviewer can look at the three screens: Arabic labels and help, per-language title placeholders, a place
chooser that tells the governorate الرقة from the city الرقة, and the list's languages, date and dateline.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from news.factories import NewsPageFactory
from news.models import NewsPage
from news.taxonomy import Place, Topic

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def screens(tmp_path):
    folder = Path(os.environ.get("CMS_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture
def filing(db):
    region = Place.objects.create(name_ar="شمال وشرق سوريا", name_en="North and East Syria", kind="region")
    deir = Place.objects.create(name_ar="دير الزور", name_en="Deir Ezzor", kind="governorate", parent=region)
    raqqa = Place.objects.create(name_ar="الرقة", name_en="Raqqa", kind="governorate", parent=region)
    Place.objects.create(name_ar="الرقة", name_en="Raqqa city", kind="town", parent=raqqa)
    Place.objects.create(name_ar="هجين", name_en="Hajin", kind="town", parent=deir)
    Place.objects.create(name_ar="الكسرة", name_en="Al-Kasra", kind="town", parent=deir)
    amouda = Place.objects.create(name_ar="عامودا", name_en="Amouda", kind="town")
    Topic.objects.create(name_ar="حقوق الإنسان", name_en="Human rights")
    return {"amouda": amouda}


def test_the_arabic_admin_screens(
    live_server, browser_page, screens, arabic_editor, site_tree, filing, one_request_at_a_time
):
    from playwright.sync_api import expect

    page = browser_page
    log_in(page, live_server.url)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None)

    # 1. The news form: Arabic labels and help, each title's placeholder in its language.
    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:add', args=['news', 'newspage', site_tree['news'].pk])}")
    page.fill("#id_title_ar", "ورشة عمل حول أساليب المناصرة في هجين")
    assert page.locator("#id_title_ku").get_attribute("placeholder") == "Sernavê rûpelê"
    assert page.locator("#id_title_ar").get_attribute("placeholder") == "عنوان الصفحة*"
    form_text = page.locator("main").inner_text()
    for arabic in ("الملخّص", "الصورة الرئيسية", "المتن", "التصنيف", "مكان الخبر", "المواضيع", "الأماكن"):
        assert arabic in form_text, arabic
    for english in ("Summary", "Main image", "Dateline place", "Topics", "Filing", "Partners"):
        assert english not in form_text, english
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2600})
    page.screenshot(path=str(screens / "arabic-news-form.png"), full_page=True)
    page.set_viewport_size(size)

    # 2. The place chooser: searchable, several at once, each place with its governorate and kind.
    places = page.locator('[data-cms-multiple-chooser][data-name="places"]')
    places.scroll_into_view_if_needed()
    places.locator("[data-cms-open]").click()
    modal = page.locator(".modal-dialog, [role=dialog]").last
    expect(modal).to_contain_text("هجين · دير الزور")
    expect(modal).to_contain_text("الرقة · الرقة")
    expect(modal).to_contain_text("محافظة")
    page.screenshot(path=str(screens / "place-chooser.png"))
    modal.locator("input[type=text], input[type=search]").first.fill("هجين")
    expect(modal).not_to_contain_text("الكسرة")
    modal.locator("input[type=checkbox]").first.check()
    modal.locator("[data-multiple-choice-submit], button[type=submit]").last.click()
    expect(places.locator(".cms-chosen__label")).to_have_text(["هجين · دير الزور"])

    # 3. The page list: languages at a glance, the item's date and dateline place.
    NewsPageFactory(
        parent=site_tree["news"],
        title_ar="بيان ختام ورشة الرقة",
        title_ku=None,
        title_en="Raqqa workshop ends",
        dateline_place=filing["amouda"],
    )
    page.goto(f"{live_server.url}{reverse('wagtailadmin_explore', args=[site_tree['news'].pk])}")
    row = page.locator("tbody tr", has_text="بيان ختام ورشة الرقة")
    expect(row.locator(".cms-languages__missing")).to_have_text(["ku"])
    expect(row).to_contain_text("عامودا")
    page.screenshot(path=str(screens / "page-list.png"), full_page=True)

    assert NewsPage.objects.count() == 1  # nothing was saved from the unfinished form
    assert outside == [], f"the admin asked outside hosts: {outside}"
