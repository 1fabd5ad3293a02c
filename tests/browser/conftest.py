"""A real Chromium for the browser tests, or a clear skip (a failure when CI requires the browser).

CI sets ``CMS_REQUIRE_BROWSER=1``, so a missing browser there fails the run instead of passing silently.
``CMS_CHROMIUM`` names another executable; otherwise Debian's ``/usr/bin/chromium`` or one on the PATH.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from news.factories import NewsPageFactory, paragraph
from news.models import NewsPage
from tests.conftest import build_site_tree

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _unavailable(reason):
    if os.environ.get("CMS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CMS_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser test skipped: {reason} (set CMS_CHROMIUM or install chromium)")


def find_chromium():
    candidates = [os.environ.get("CMS_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        _unavailable("no Chromium executable found")
    return path


@pytest.fixture
def browser(chromium_path, monkeypatch):
    # Playwright's sync API runs an event loop in the test thread, where Django would then refuse ORM calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        except Exception as error:  # a browser that cannot start is the same as none
            _unavailable(f"Chromium at {chromium_path} did not start: {error}")
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- the people and the data the browser tests share ----------------------------------------------------------

PASSWORD = "correct horse battery staple"


def admin_user(username: str, language: str, superuser: bool = False, password: str = PASSWORD):
    """A user whose admin speaks ``language``."""
    users = get_user_model().objects
    make = users.create_superuser if superuser else users.create_user
    user = make(username, f"{username}@example.org", password)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def arabic_editor(db):
    return admin_user("editor", "ar", superuser=True)


def log_in(page, base_url, username="editor", password=PASSWORD):
    page.goto(f"{base_url}{reverse('wagtailadmin_login')}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.fixture
def one_request_at_a_time(settings):
    """The test database is SQLite in shared memory, which answers concurrent writes from the live server's
    threads with "table is locked". Autosave (every half second) and editing-session pings would race the
    editor's own clicks there; on the real databases they do not, so they are turned off here."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000


@pytest.fixture
def outdated_item(db):
    """A news item translated into Kurmanji whose Arabic summary changed (and was published) since."""
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
