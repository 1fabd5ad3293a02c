"""RSS 2.0 and Atom feeds per language and section: ``/feeds/<lang>/<type>.xml`` (RSS) and ``.atom`` (Atom).

Items are the public ones (``cms.visibility``) available in the feed's language (``cms.availability``),
newest first, read by the API's own selectors and card serializer; links are frontend URLs; the main image
is an enclosure of one of its public renditions.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from wagtail.models import Site

from cms import languages
from cms.localize import Localizer
from cms.paths import Paths, site_url
from news import selectors
from news.serializers import Context, card_data

from .serving import problem

FEED_TYPES = {
    "news": ("news",),
    "statements": ("statement",),
    "dialogue-sessions": ("dialogue_session",),
    "all": ("news", "statement", "dialogue_session"),
}
FEED_TITLES = {
    "news": {"ar": "الأخبار", "ku": "Nûçe", "en": "News"},
    "statements": {"ar": "البيانات", "ku": "Daxuyanî", "en": "Statements"},
    "dialogue-sessions": {"ar": "الجلسات الحوارية", "ku": "Rûniştinên diyalogê", "en": "Dialogue sessions"},
    "all": {"ar": "كل المنشورات", "ku": "Hemû weşan", "en": "Everything"},
}
FEED_LENGTH = 50
RENDITION_PREFERENCE = ("large", "medium", "original", "small", "thumbnail")


class ItemFeed(Feed):
    """One feed; made per request (it holds the request's language and type)."""

    feed_type = Rss201rev2Feed

    def __init__(self, code: str, kind: str, base_url: str, site_url: str):
        super().__init__()
        self.code, self.kind, self.base_url, self.site_url = code, kind, base_url, site_url
        self.language = code
        self.paths = Paths()

    def _site_name(self) -> str:
        site = Site.objects.filter(is_default_site=True).first()
        settings_obj = getattr(site, "sitesettings", None) if site else None
        name = Localizer(self.code).get(settings_obj, "organisation_name") if settings_obj else None
        return name or settings.WAGTAIL_SITE_NAME

    def title(self):
        section = FEED_TITLES[self.kind].get(self.code) or FEED_TITLES[self.kind]["en"]
        return f"{self._site_name()} · {section}"

    def link(self):
        return f"{self.site_url}/{self.code}/"

    def description(self):
        return self.title()

    def feed_url(self):
        suffix = "atom" if self.feed_type is Atom1Feed else "xml"
        return f"{self.base_url}/feeds/{self.code}/{self.kind}.{suffix}"

    def items(self):
        types = tuple(selectors.ITEM_TYPES[name] for name in FEED_TYPES[self.kind])
        queryset = selectors.item_queryset(selectors.ItemFilters(types=types, translated_only=True), self.code)
        pages = selectors.load_items(selectors.page_of_ids(queryset, 0, FEED_LENGTH))
        cards = card_data(pages, self.code, Context(self.paths, self.base_url))
        for page, card in zip(pages, cards, strict=True):
            card["_page"] = page
        return cards

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["summary"]

    def item_link(self, item):
        return self.site_url + item["path"]

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        day = datetime.fromisoformat(item["date"]).date()
        return timezone.make_aware(datetime.combine(day, time(12, 0)))

    def item_updateddate(self, item):
        return item["_page"].last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [topic["name"] for topic in item["topics"]]

    def item_enclosures(self, item):
        renditions = (item.get("image") or {}).get("renditions") or {}
        name = next((name for name in RENDITION_PREFERENCE if name in renditions), None)
        name = name or next(iter(renditions), None)
        if name is None:
            return []
        url = renditions[name]["url"]
        mime = mimetypes.guess_type(url)[0] or "image/jpeg"
        return [Enclosure(url, "0", mime)]


class AtomItemFeed(ItemFeed):
    feed_type = Atom1Feed
    subtitle = ItemFeed.description


def feed(request, code: str, kind: str, atom: bool = False):
    if code not in languages.enabled_codes():
        return problem(404, f"No feed in {code!r}: feeds exist in {', '.join(languages.enabled_codes())}.")
    if kind not in FEED_TYPES:
        return problem(404, f"No feed of {kind!r}: feeds are {', '.join(FEED_TYPES)}.")
    base_url = request.build_absolute_uri("/").rstrip("/")
    view = (AtomItemFeed if atom else ItemFeed)(code, kind, base_url, site_url(request))
    response = view(request)
    response["Content-Language"] = code
    return response
