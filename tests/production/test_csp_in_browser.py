"""The content security policy lets the admin and the API docs work: in a real Chromium, no page that editors or
developers open reports a violation (every refused script, style, image or frame would be one)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from news.factories import NewsPageFactory
from tests.browser.conftest import (  # noqa: F401 (the browser suite's fixtures)
    browser,
    browser_page,
    chromium_path,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"
VIOLATION = "csp-violation"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


@pytest.fixture
def watched_page(browser_page):  # noqa: F811
    """The browser page, reporting every CSP violation (and every console error) it meets."""
    problems = []
    browser_page.context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        f"'{VIOLATION} ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
    )
    browser_page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and (VIOLATION in message.text or "Content Security Policy" in message.text)
            else None
        ),
    )
    browser_page.problems = problems
    return browser_page


def test_admin_pages_and_api_docs_load_without_csp_violations(live_server, watched_page, editor, site_tree):
    page = watched_page
    news = NewsPageFactory(parent=site_tree["news"], title_en="A news item")
    page.goto(f"{live_server.url}{reverse('wagtailadmin_login')}")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))

    visited = [
        "/admin/",
        f"/admin/pages/{site_tree['news'].pk}/",
        f"/admin/pages/{news.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
    ]
    for path in visited:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the StreamField and the side panels were drawn by JavaScript.
    page.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    page.wait_for_selector("[data-contentpath] .c-sf-container, [data-streamfield-stream-container]", timeout=20_000)

    docs = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self';" in docs.headers["content-security-policy"] + ";"
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)  # Swagger UI drew the operations

    assert page.problems == []
