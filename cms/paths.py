"""Frontend paths: how the separate website addresses a page in a language.

A page's path in language ``xx`` is ``/xx`` followed by its translated ``url_path`` below the site's root
page, e.g. ``/ar/news/ورشة-عمل-في-هجين/``. The API, feeds and the sitemap all build paths here, and
``resolve/`` reverses them here.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site


def site_url(request=None) -> str:
    """Where readers find the pages: the frontend (``CMS_FRONTEND_URL``); with none configured (a fresh
    ``make run``), the CMS itself, which then shows each public page with its built-in view
    (``delivery.rendering``), so "View live", feeds and the sitemap always lead somewhere."""
    if settings.CMS_FRONTEND_URL:
        return settings.CMS_FRONTEND_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


class Paths:
    """Builds and resolves frontend paths for one site (make one per request; it caches the root)."""

    def __init__(self, site: Site | None = None):
        if site is None:
            from cms.visibility import default_site

            site = default_site()
        self.root = site.root_page if site else None

    def root_url_path(self, code: str) -> str:
        if self.root is None:
            return "/"
        return getattr(self.root, build_localized_fieldname("url_path", code), None) or self.root.url_path

    def path(self, page, code: str) -> str:
        """``/code/<translated path below the root>/``; the home page is ``/code/``."""
        url_path = getattr(page, build_localized_fieldname("url_path", code), None) or page.url_path
        root = self.root_url_path(code)
        rest = url_path[len(root) :] if url_path.startswith(root) else url_path.lstrip("/")
        return f"/{code}/{rest}"

    def url_path_for(self, code: str, rest: str) -> str:
        """The translated ``url_path`` a frontend path (without its ``/code`` prefix) points at."""
        rest = rest.strip("/")
        return self.root_url_path(code) + (rest + "/" if rest else "")

    def find(self, code: str, rest: str, queryset=None):
        """The page at this path in this language, or None. Pages whose slug in this language is empty
        are reached through the path of their fallback (as Wagtail's own routing does)."""
        queryset = Page.objects.all() if queryset is None else queryset
        target = self.url_path_for(code, rest)
        field = build_localized_fieldname("url_path", code)
        return queryset.filter(**{field: target}).first()


def former_page_id(code: str, url_path: str) -> int | None:
    """The page that was at ``url_path`` in language ``code`` before its path changed, if any."""
    from cms.models import FormerPath

    return FormerPath.objects.filter(lang=code, url_path=url_path).values_list("page_id", flat=True).first()


def remember_former_paths(sender, change, **kwargs):
    """Listener of the change signal: every old path of a move, a slug change or a first own slug is kept."""
    if not change.paths:
        return
    from cms.models import FormerPath

    for page_id, by_lang in change.paths.items():
        for code, (old, new) in by_lang.items():
            if old and old != new:
                FormerPath.objects.update_or_create(lang=code, url_path=old, defaults={"page_id": page_id})


def connect():
    from cms.changes import content_changed

    content_changed.connect(remember_former_paths, dispatch_uid="cms-former-paths")
