"""Building stored documents with the API's own serializers, and reading them back as text.

Documents are built by the public functions of ``news.serializers`` (``card_data``, ``detail_data``), the
same ones a fresh answer uses, so a stored document is by construction what the API would send; the
consistency check (``manage.py check_delivery``) compares the two.

Absolute URLs (images, documents) depend on the host a request came to: they are built against ``BASE`` and
the placeholder is replaced by the request's base URL when the answer is put together.
"""

from __future__ import annotations

import json

from django.db import transaction
from rest_framework.utils.encoders import JSONEncoder
from wagtail.models import Page

from cms import languages
from cms.api import cache
from cms.api.body import MediaIndex
from cms.paths import Paths
from news import selectors
from news.serializers import Context, card_data, detail_data, detail_streams

from .models import StoredItem

BASE = "http://stored-base.invalid"
ITEM_MODELS = tuple(selectors.ITEM_TYPES.values())


def dumps(data) -> str:
    """JSON text as the API's renderer writes it (compact, UTF-8 characters kept)."""
    return json.dumps(data, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":"))


def detail_without_related(detail: dict) -> str:
    """The detail as text without ``related`` and without its closing brace (see ``StoredItem.detail``)."""
    detail = dict(detail)
    detail.pop("related", None)
    return dumps(detail)[:-1]


def fresh_documents(pages, code: str, base_url: str = BASE) -> dict[int, tuple[dict, dict]]:
    """``{page id: (card, detail)}`` of loaded pages in one language, built by the API's serializers."""
    from translations.status import prime

    paths = Paths()
    context = Context(paths, base_url)
    prime([page for page in pages if "_translation_entries" not in page.__dict__])  # one read for all
    cards = card_data(pages, code, context)
    result = {}
    for page, card in zip(pages, cards, strict=True):
        index = MediaIndex.collect(
            detail_streams(page, code), code, paths, base_url, extra_image_ids=[page.main_image_id]
        )
        result[page.pk] = (card, detail_data(page, code, context, [], index))
    return result


def load_pages(page_ids) -> list[Page]:
    """The item pages among ``page_ids`` (whatever their visibility), loaded as a detail needs them."""
    rows = list(Page.objects.type(*ITEM_MODELS).filter(pk__in=list(page_ids)).values_list("pk", "content_type_id"))
    return selectors.load_items(rows, detail=True)


def build(page_ids=None, codes=None, batch: int = 200) -> int:
    """(Re)build the stored documents of these pages (every item page when None) in these languages (every
    enabled one when None); rows of pages that are no longer items are removed. Returns the rows written."""
    codes = list(codes or languages.enabled_codes())
    if page_ids is None:
        page_ids = list(Page.objects.type(*ITEM_MODELS).values_list("pk", flat=True))
        StoredItem.objects.exclude(page_id__in=Page.objects.type(*ITEM_MODELS).values("pk")).delete()
    page_ids = sorted(set(page_ids))
    written = 0
    for start in range(0, len(page_ids), batch):
        chunk = page_ids[start : start + batch]
        # Built again when the content version changed meanwhile (a change, or a scheduled time that passed
        # while building): what was read may already be out of date, e.g. a link to a page that just expired,
        # and the change's own invalidation may have run before these rows existed.
        for _attempt in range(3):
            token = cache.current().token
            rows = _rows(chunk, codes)
            if cache.current().token == token:
                break
        with transaction.atomic():
            StoredItem.objects.filter(page_id__in=chunk, lang__in=codes).delete()
            StoredItem.objects.bulk_create(rows, ignore_conflicts=True)
        written += len(rows)
    return written


def _rows(page_ids, codes) -> list[StoredItem]:
    pages = load_pages(page_ids)
    return [
        StoredItem(page_id=pk, lang=code, card=dumps(card), detail=detail_without_related(detail))
        for code in codes
        for pk, (card, detail) in fresh_documents(pages, code).items()
    ]


def invalidate(page_ids=None) -> None:
    """Forget stored documents (all when None); they are rebuilt after commit, or when first asked for."""
    queryset = StoredItem.objects.all() if page_ids is None else StoredItem.objects.filter(page_id__in=list(page_ids))
    queryset.delete()


# -- reading --------------------------------------------------------------------------------------------------


def cards(page_ids, code: str) -> dict[int, str]:
    """Stored cards by page id (one query); cards missing (never built, or forgotten by a change not yet
    rebuilt) are built now and stored."""
    found = dict(StoredItem.objects.filter(lang=code, page_id__in=list(page_ids)).values_list("page_id", "card"))
    missing = [pk for pk in page_ids if pk not in found]
    if missing:
        build(missing)
        found.update(StoredItem.objects.filter(lang=code, page_id__in=missing).values_list("page_id", "card"))
    return found


def with_base(text: str, base_url: str) -> str:
    return text.replace(BASE, base_url)
