"""A real Chromium for the browser tests, or a clear skip (a failure when CI requires the browser).

CI sets ``CMS_REQUIRE_BROWSER=1``, so a missing browser there fails the run instead of passing silently.
``CMS_CHROMIUM`` names another executable; otherwise Debian's ``/usr/bin/chromium`` or one on the PATH.
"""

import os
import shutil
from pathlib import Path

import pytest

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
