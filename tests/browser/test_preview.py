"""An Arabic-speaking editor previews a draft and opens the live page, in a real browser.

Editors must see what they are writing before it is published: with no frontend preview configured (a fresh
``make run``), the preview panel shows the CMS's built-in preview of the draft, in Arabic and right to left.
The live link of a published page goes to the website (the frontend), never to a CMS page.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from news.factories import NewsPageFactory
from tests.browser.conftest import log_in
from tests.delivery.receiver import free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DRAFT_TITLE = "مسودة: ورشة عمل حول بناء السلام في الحسكة"


@pytest.fixture
def frontend(settings):
    """A stand-in for the website on 127.0.0.1: it answers every path with a page naming that path."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = f"<html><body><h1 id=frontend>frontend</h1><p id=path>{self.path}</p></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CMS_FRONTEND_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.CMS_FRONTEND_PREVIEW_URL = ""
    yield settings.CMS_FRONTEND_URL
    server.shutdown()
    server.server_close()


def _save(page, artifacts, name):
    path = artifacts / f"delivery-{name}.png"
    page.screenshot(path=str(path), full_page=False)


def test_arabic_editor_previews_the_draft_right_to_left_and_view_live_goes_to_the_frontend(
    live_server, browser_page, artifacts, arabic_editor, site_tree, one_request_at_a_time, frontend
):
    from playwright.sync_api import expect

    item = NewsPageFactory(
        parent=site_tree["news"], title_ar="ورشة عمل في الحسكة", title_en="Workshop in Hasakah", summary_ar="ملخص."
    )
    item.title_ar = DRAFT_TITLE
    item.summary_ar = "هذا النص مسودة لم تنشر بعد."
    item.save_revision()
    page = browser_page
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text(DRAFT_TITLE, timeout=20_000)
    expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    expect(frame.locator("html")).to_have_attribute("lang", "ar")
    expect(frame.locator(".summary")).to_have_text("هذا النص مسودة لم تنشر بعد.")
    _save(page, artifacts, "preview-ar")

    # The preview's language can be switched: English is left to right, with the published English title.
    mode = page.locator("select#id_preview_mode, select[name=mode]").first
    if mode.count():
        mode.select_option("en")
        expect(frame.locator("html")).to_have_attribute("dir", "ltr", timeout=20_000)
        expect(frame.locator("h1")).to_have_text("Workshop in Hasakah")
        _save(page, artifacts, "preview-en")

    # "View live": the live status link goes to the website's page in the editor's language.
    live = page.locator(f'a[href^="{frontend}/ar/news/"]').first
    expect(live).to_be_attached()
    with page.context.expect_page() as opened:
        live.click()
    website = opened.value
    website.wait_for_load_state()
    assert website.url.startswith(f"{frontend}/ar/news/")
    assert unquote(website.locator("#path").inner_text()) == "/ar/news/ورشة-عمل-في-الحسكة/"
    _save(website, artifacts, "view-live")
