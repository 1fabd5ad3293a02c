"""Preview of drafts: signed single-item tokens, the frontend preview address, and the draft as the API's item.

A token is ``django.core.signing`` over ``{"page": id}`` with a timestamp: it names one page, expires after
``CMS_PREVIEW_TOKEN_MAX_AGE`` seconds, and cannot be altered without the server's secret. The frontend
exchanges it at ``/api/v1/preview/`` for the page's latest revision, serialised by the same functions as the
public API, so a preview looks exactly like the published page will.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from wagtail.models import Page, Site

from cms import languages
from cms.api.body import MediaIndex
from cms.paths import Paths
from cms.visibility import public_pages
from home.models import HomePage
from home.serializers import home_data, section_type
from news import selectors
from news.models import CONTENT_PAGE_MODELS, INDEX_PAGE_MODELS
from news.serializers import Context, card_data, detail_data, detail_streams

SALT = "delivery.preview"


class InvalidToken(Exception):
    """The token is missing, malformed, tampered with or expired (``reason`` says which, for the message)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def make_token(page) -> str:
    return signing.dumps({"page": page.pk}, salt=SALT, compress=True)


def read_token(token: str | None, max_age: int | None = None) -> int:
    """The page id a token was made for; :class:`InvalidToken` otherwise."""
    if not token:
        raise InvalidToken("missing")
    max_age = settings.CMS_PREVIEW_TOKEN_MAX_AGE if max_age is None else max_age
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidToken("expired") from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise InvalidToken("invalid") from None
    page_id = data.get("page") if isinstance(data, dict) else None
    if not isinstance(page_id, int) or isinstance(page_id, bool):
        raise InvalidToken("invalid")
    return page_id


def frontend_preview_url(site: Site | None = None) -> str:
    """The site's own preview address (its Delivery settings), else ``CMS_FRONTEND_PREVIEW_URL``; "" for the
    built-in preview."""
    from .models import DeliverySettings

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        own = DeliverySettings.objects.filter(site=site).values_list("preview_url", flat=True).first()
        if own:
            return own
    return getattr(settings, "CMS_FRONTEND_PREVIEW_URL", "") or ""


def preview_link(base: str, page, code: str) -> str:
    """``base`` with ``token`` and ``lang`` added to whatever query it already has."""
    parts = urlsplit(base)
    query = [*parse_qsl(parts.query), ("token", make_token(page)), ("lang", code), ("id", str(page.pk))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def editing_language(request=None) -> str:
    """The content language an editor is working in: the admin's interface language when it is an enabled
    content language, else the source language."""
    from django.utils import translation

    code = languages.base_code(translation.get_language() or "") or ""
    return code if code in languages.enabled_codes() else languages.source_code()


# -- the draft as the API's item --------------------------------------------------------------------------


def draft_of(page_id: int):
    """The latest revision of a page as a page object (the draft editors see), or None."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    return page.specific.get_latest_revision_as_object()


def item_data(page, code: str, base_url: str) -> dict:
    """``page`` (live, draft or unsaved) in the shape the API gives it: an item's detail, the home page, or a
    section (``{id, type, lang, dir, title, intro, path}``)."""
    context = Context(Paths(), base_url)
    if isinstance(page, CONTENT_PAGE_MODELS):
        related = selectors.related_items(page) if page.pk else []
        index = MediaIndex.collect(
            detail_streams(page, code),
            code,
            context.paths,
            context.base_url,
            extra_image_ids=[page.main_image_id, *(item.main_image_id for item in related)],
        )
        return detail_data(page, code, context, related, index)
    if isinstance(page, HomePage):
        featured_ids = [item.item_id for item in page.featured_items.all()]
        rows = dict(
            public_pages(Page.objects.type(*selectors.ITEM_TYPES.values()))
            .filter(pk__in=featured_ids)
            .values_list("pk", "content_type_id")
        )
        featured = selectors.load_items([(pk, rows[pk]) for pk in dict.fromkeys(featured_ids) if pk in rows])
        sections = (
            list(public_pages(Page.objects.type(*INDEX_PAGE_MODELS).child_of(page)).specific().order_by("path"))
            if page.pk
            else []
        )
        return home_data(page, code, context, card_data(featured, code, context), sections)
    from cms.localize import Localizer

    localizer = Localizer(code)
    language = languages.KNOWN[code]
    return {
        "id": page.pk,
        "type": section_type(page) if isinstance(page, INDEX_PAGE_MODELS) else page._meta.model_name,
        "lang": language.code,
        "dir": language.direction,
        "title": localizer.get(page, "title") or page.title,
        "intro": localizer.get(page, "intro") or "",
        "path": context.paths.path(page, code) if page.url_path else None,
    }
