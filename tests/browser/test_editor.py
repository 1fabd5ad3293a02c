"""An Arabic-speaking editor writes and publishes a news item in a real browser.

Communications staff write in the Wagtail admin with its interface in Arabic, Arabic text first, then the
English version. This drives Chromium through the whole of it (login, the StreamField and rich-text editor
scripts, publishing) and keeps a screenshot of the Arabic form in ``test-artifacts/``.
"""

import re

import pytest
from django.urls import reverse

from news.models import NewsPage

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE_AR = "ورشة عمل حول دور المرأة في بناء السلام"
SUMMARY_AR = "نظّم مركز آسو ورشة عمل في القامشلي بمشاركة عشرين امرأة."
PARAGRAPH_AR = "ناقشت المشاركات سبل تعزيز دور المرأة في الحوار المجتمعي."
TITLE_EN = "Workshop on the role of women in peacebuilding"
SUMMARY_EN = "The ASO Center held a workshop in Qamishli with twenty women."
PARAGRAPH_EN = "Participants discussed ways to strengthen women's role in community dialogue."


def add_paragraph(page, field, text):
    """Insert a paragraph block into the StreamField ``field`` and type ``text`` into its rich-text editor."""
    from playwright.sync_api import expect

    stream = page.locator(f'[data-contentpath="{field}"]')
    stream.locator("button.c-sf-add-button").first.click()
    page.locator("[role=option], .w-combobox__option").filter(
        has_text=re.compile("^(Paragraph|فقرة)$", re.I)
    ).first.click()
    editor = stream.locator("[contenteditable=true]").first
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    # The rich-text editor writes its hidden input a moment after the last keystroke.
    expect(page.locator(f'input[name="{field}-0-value"]')).to_have_value(re.compile(re.escape(text[-20:])))


def publish(page):
    button = page.locator("button[name=action-publish]")
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()


def test_arabic_editor_writes_and_publishes_a_news_item(
    live_server, browser_page, artifacts, arabic_editor, site_tree, one_request_at_a_time
):
    """Editors: an Arabic news item with its English version, written and published in the browser."""
    page = browser_page
    log_in(page, live_server.url)

    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:add', args=['news', 'newspage', site_tree['news'].pk])}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"

    # Arabic first: the title fills the Arabic slug through the admin's own script.
    page.fill("#id_title_ar", TITLE_AR)
    page.locator("#id_title_ar").blur()
    page.fill("#id_summary_ar", SUMMARY_AR)
    add_paragraph(page, "body_ar", PARAGRAPH_AR)

    # The Arabic inputs run right to left, the English ones left to right, as the browser computes them.
    direction = "el => getComputedStyle(el).direction"
    assert page.locator("#id_title_ar").evaluate(direction) == "rtl"
    assert page.locator("#id_summary_ar").evaluate(direction) == "rtl"
    assert page.locator("#body_ar-root [contenteditable=true]").first.evaluate(direction) == "rtl"
    assert page.locator("#id_title_en").evaluate(direction) == "ltr"
    assert page.locator("#body_en-root").evaluate(direction) == "ltr"

    # The admin scrolls inside its own panel, so a tall window is what shows the whole form at once.
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2400})
    page.locator("#id_title_ar").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "arabic-news-form.png"))
    page.set_viewport_size(size)

    # Then the English version.
    page.fill("#id_title_en", TITLE_EN)
    page.fill("#id_summary_en", SUMMARY_EN)
    add_paragraph(page, "body_en", PARAGRAPH_EN)

    publish(page)
    page.wait_for_url(re.compile(rf"/admin/pages/{site_tree['news'].pk}/"))

    item = NewsPage.objects.get()
    assert item.live and not item.has_unpublished_changes
    assert (item.title_ar, item.title_en) == (TITLE_AR, TITLE_EN)
    assert (item.summary_ar, item.summary_en) == (SUMMARY_AR, SUMMARY_EN)
    assert PARAGRAPH_AR in item.body_ar.render_as_block()
    assert PARAGRAPH_EN in item.body_en.render_as_block()
    assert item.slug_ar == "ورشة-عمل-حول-دور-المرأة-في-بناء-السلام"
    assert item.slug_en == "workshop-on-the-role-of-women-in-peacebuilding"
    assert item.url_path_ar == f"{site_tree['news'].url_path_ar}{item.slug_ar}/"
