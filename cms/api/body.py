"""StreamField bodies, rich text and images as the public API sends them.

Serialising a body block by block through Wagtail would cost a query per image, document and linked page
(and per block type per body). Instead, ``MediaIndex.collect`` reads the raw JSON of every body a response
needs, gathers the ids of everything they point at, and loads all of it at once, already filtered by the
visibility rule (``cms.visibility``); ``serialize_stream`` then works from the raw JSON and that index
without touching the database. The number of queries is therefore the same for one body or a hundred.

What the public sees of a body:

- nothing private: links to draft, expired or restricted pages and documents lose their link (the text
  stays); image and document blocks whose file is private or deleted are left out, as are embedded images;
- no stored HTML as is: rich text is sanitised on the way out (``cms.richtext``), before and after links are
  resolved, and embeds only carry a provider's HTML already cached in Wagtail's ``Embed`` table (nothing is
  fetched over the network while answering);
- plain-text values (headings, captions, quotes, figures, list items) are text, never HTML: a client must
  escape them like any other string;
- image URLs point at renditions generated beforehand (``cms.renditions``); a missing one is omitted, never
  generated during a request.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from django.db.models import F
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page
from wagtail.rich_text.rewriters import extract_attrs

from cms.localize import Localizer
from cms.renditions import RENDITION_SPECS
from cms.richtext import clean_source, sanitize_embed_html, sanitize_html
from cms.visibility import public_media, public_pages

# Applied to HTML already normalised by ``clean_source`` (double-quoted attributes, no stray ``>``).
FIND_A_TAG = re.compile(r"<a\b([^>]*)>")
FIND_EMBED_TAG = re.compile(r"<embed\b([^>]*?)/?>")

# Which rendition an image embedded in rich text uses, best first, by its editor format.
RICH_TEXT_IMAGE_SIZES = {"fullwidth": ("large", "medium", "original", "small")}
DEFAULT_RICH_TEXT_IMAGE_SIZES = ("medium", "large", "small", "original")
RICH_TEXT_IMAGE_CLASSES = {"fullwidth": "full-width", "left": "left", "right": "right"}

_FILTERS = {name: Filter(spec=spec) for name, spec in RENDITION_SPECS.items()}


_MAX_ID = 2**63 - 1  # larger numbers would make the database reject the whole query


def _as_id(value) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return pk if 0 < pk <= _MAX_ID else None


def _raw_blocks(stream_value):
    """The stored JSON of a stream (type, value, id per block), without building Wagtail's block values."""
    if not stream_value:
        return []
    raw = getattr(stream_value, "raw_data", stream_value)
    return [block for block in raw if isinstance(block, dict)]


def _list_values(value):
    """Children of a ListBlock in either storage format (``[{"type": "item", "value": ...}]`` or bare values)."""
    if not isinstance(value, list):
        return []
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" and "value" in item else item
        for item in value
    ]


def _is_web_url(url) -> bool:
    return isinstance(url, str) and urlsplit(url.strip()).scheme in ("http", "https")


class _References:
    """Ids found while reading raw bodies."""

    def __init__(self):
        self.images: set[int] = set()
        self.documents: set[int] = set()
        self.pages: set[int] = set()
        self.embeds: set[str] = set()

    def add(self, kind: set, value) -> None:
        pk = _as_id(value)
        if pk is not None:
            kind.add(pk)

    def scan_rich_text(self, html: str) -> None:
        for match in FIND_A_TAG.finditer(html):
            attrs = extract_attrs(match.group(1))
            if attrs.get("linktype") == "page":
                self.add(self.pages, attrs.get("id"))
            elif attrs.get("linktype") == "document":
                self.add(self.documents, attrs.get("id"))
        for match in FIND_EMBED_TAG.finditer(html):
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") == "image":
                self.add(self.images, attrs.get("id"))


class MediaIndex:
    """Everything a set of bodies points at, loaded in a fixed number of queries, for one language."""

    def __init__(self, code, paths, base_url, images=None, documents=None, page_paths=None, embeds=None):
        self.code = code
        self.paths = paths
        self.base_url = base_url
        self.images = images or {}
        self.documents = documents or {}
        self.page_paths = page_paths or {}
        self.embeds = embeds or {}
        # Computed once per item however many blocks and bodies use it.
        self._clean_sources: dict[str, str] = {}
        self._renditions: dict[int, dict] = {}
        self._alts: dict[int, tuple[str, str]] = {}
        self._document_urls: dict[int, str] = {}

    @classmethod
    def collect(cls, streams, code, paths, base_url, extra_image_ids=()):
        """Read ``streams`` (StreamValues, None allowed) and load what they reference, plus ``extra_image_ids``.

        Queries: visibility of collections (for images and documents), images, their renditions, documents,
        pages (with the default site and page restrictions), cached embeds; a kind with no ids costs none.
        """
        index = cls(code, paths, base_url)
        refs = _References()
        for pk in extra_image_ids:
            refs.add(refs.images, pk)
        for stream in streams:
            index._scan(stream, refs)
        index._load(refs)
        return index

    # -- reading ----------------------------------------------------------------------------------------

    def _scan(self, stream, refs: _References) -> None:
        for block in _raw_blocks(stream):
            kind, value = block.get("type"), block.get("value")
            if kind == "paragraph" and isinstance(value, str):
                refs.scan_rich_text(self.clean_source(value))
            elif kind == "image" and isinstance(value, dict):
                refs.add(refs.images, value.get("image"))
            elif kind == "document" and isinstance(value, dict):
                refs.add(refs.documents, value.get("document"))
            elif kind == "embed" and _is_web_url(value):
                refs.embeds.add(value.strip())

    def clean_source(self, html: str) -> str:
        """Stored rich text after the first sanitising pass, computed once per distinct text."""
        if html not in self._clean_sources:
            self._clean_sources[html] = clean_source(html)
        return self._clean_sources[html]

    def _load(self, refs: _References) -> None:
        if refs.images:
            images = get_image_model().objects.filter(pk__in=refs.images)
            images = public_media(images).prefetch_renditions(*RENDITION_SPECS.values())
            self.images = {image.pk: image for image in images}
        if refs.documents:
            documents = public_media(get_document_model().objects.filter(pk__in=refs.documents))
            self.documents = {document.pk: document for document in documents}
        if refs.pages:
            pages = public_pages(Page.objects.filter(pk__in=refs.pages))
            self.page_paths = {page.pk: self.paths.path(page, self.code) for page in pages}
        if refs.embeds:
            embeds = {}
            # Several rows per URL (one per requested width): the last one wins, i.e. the one made without a
            # width, else the widest.
            rows = Embed.objects.filter(url__in=refs.embeds).order_by(F("max_width").asc(nulls_last=True), "pk")
            for embed in rows:
                if embed.html:
                    embeds[embed.url] = embed
            self.embeds = embeds

    # -- lookups ----------------------------------------------------------------------------------------

    def absolute(self, url: str) -> str:
        return urljoin(self.base_url, url)

    def image(self, pk):
        return self.images.get(_as_id(pk))

    def document(self, pk):
        return self.documents.get(_as_id(pk))

    def page_path(self, pk) -> str | None:
        return self.page_paths.get(_as_id(pk))

    def document_url(self, document) -> str:
        if document.pk not in self._document_urls:
            self._document_urls[document.pk] = self.absolute(document.url)
        return self._document_urls[document.pk]

    def renditions(self, image) -> dict:
        """The existing renditions of ``image`` by size name, from the prefetched ones (no query)."""
        if image.pk not in self._renditions:
            found = image.find_existing_renditions(*_FILTERS.values())
            self._renditions[image.pk] = {
                name: {"url": self.absolute(found[f].url), "width": found[f].width, "height": found[f].height}
                for name, f in _FILTERS.items()
                if f in found
            }
        return self._renditions[image.pk]

    def alt(self, image) -> tuple[str, str]:
        """Alt text in the index's language, or in the first fallback that has one; and its language."""
        if image.pk not in self._alts:
            localizer = Localizer(self.code)
            text = localizer.get(image, "description")
            self._alts[image.pk] = ((text or "").strip(), localizer.lang_of("description"))
        return self._alts[image.pk]


# -- images -----------------------------------------------------------------------------------------------


def image_data(image_id, index: MediaIndex) -> dict | None:
    """A public image as the API sends it; None when it is private, deleted or was never set."""
    image = index.image(image_id)
    if image is None:
        return None
    alt, alt_lang = index.alt(image)
    return {
        "id": image.pk,
        "alt": alt,
        "alt_lang": alt_lang,
        "width": image.width,
        "height": image.height,
        "renditions": {name: dict(rendition) for name, rendition in index.renditions(image).items()},
    }


# -- rich text --------------------------------------------------------------------------------------------


def _rewrite_link(attrs: dict, index: MediaIndex) -> str:
    linktype = attrs.get("linktype")
    if linktype == "page":
        href = index.page_path(attrs.get("id"))
    elif linktype == "document":
        document = index.document(attrs.get("id"))
        href = index.document_url(document) if document else None
    elif linktype is None:
        href = attrs.get("href")  # external, mail or anchor; its scheme was checked by the sanitiser
    else:
        href = None
    # No opening tag at all: the closing ``</a>`` is then dropped by the final pass and the text stays.
    return f'<a href="{escape(href)}">' if href else ""


def _rewrite_embed(attrs: dict, index: MediaIndex) -> str:
    if attrs.get("embedtype") != "image":
        return ""
    image = index.image(attrs.get("id"))
    if image is None:
        return ""
    renditions = index.renditions(image)
    image_format = attrs.get("format", "")
    sizes = RICH_TEXT_IMAGE_SIZES.get(image_format, DEFAULT_RICH_TEXT_IMAGE_SIZES)
    size = next((name for name in sizes if name in renditions), None)
    if size is None:
        return ""
    rendition = renditions[size]
    alt, alt_lang = index.alt(image)
    classes = " ".join(filter(None, ["richtext-image", RICH_TEXT_IMAGE_CLASSES.get(image_format)]))
    lang = f' lang="{escape(alt_lang)}"' if alt and alt_lang != index.code else ""
    return (
        f'<img src="{escape(rendition["url"])}" alt="{escape(alt)}" width="{rendition["width"]}" '
        f'height="{rendition["height"]}" class="{classes}"{lang}>'
    )


def rich_text_html(html: str, index: MediaIndex) -> str:
    """Stored rich text as safe HTML: internal links resolved to frontend paths and download URLs, images
    embedded as ``<img>`` of an existing rendition, links to anything not public removed (text kept)."""
    source = index.clean_source(html or "")
    source = FIND_A_TAG.sub(lambda m: _rewrite_link(extract_attrs(m.group(1)), index), source)
    source = FIND_EMBED_TAG.sub(lambda m: _rewrite_embed(extract_attrs(m.group(1)), index), source)
    return sanitize_html(source)


# -- blocks -----------------------------------------------------------------------------------------------


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _image_block(value, index):
    image = image_data(value.get("image"), index) if isinstance(value, dict) else None
    if image is None:
        return None  # a caption without its picture says nothing: the block is left out
    return {"image": image, "caption": _text(value.get("caption"))}


def _document_block(value, index):
    document = index.document(value.get("document")) if isinstance(value, dict) else None
    if document is None:
        return None
    data = {
        "title": _text(value.get("title")).strip() or document.title,
        "url": index.document_url(document),
        "extension": document.file_extension.lower(),
    }
    if document.file_size is not None:
        data["file_size"] = document.file_size
    return data


def _embed_block(value, index):
    if not _is_web_url(value):
        return None
    url = value.strip()
    data = {"url": url}
    embed = index.embeds.get(url)
    if embed is not None:
        html = sanitize_embed_html(embed.html)
        if html:
            data["html"] = html
    return data


def _quote_block(value, index):
    if not isinstance(value, dict):
        return None
    return {"text": _text(value.get("text")), "attribution": _text(value.get("attribution"))}


def _key_figures_block(value, index):
    return [
        {"figure": _text(item.get("figure")), "label": _text(item.get("label"))}
        for item in _list_values(value)
        if isinstance(item, dict)
    ]


SERIALIZERS = {
    "heading": lambda value, index: _text(value),
    "paragraph": lambda value, index: rich_text_html(_text(value), index),
    "image": _image_block,
    "quote": _quote_block,
    "embed": _embed_block,
    "document": _document_block,
    "key_figures": _key_figures_block,
    "item": lambda value, index: _text(value),
}


def serialize_stream(stream_value, index: MediaIndex) -> list[dict]:
    """A body (or an outcomes/recommendations list) as ``[{"type", "id", "value"}]``; blocks whose content
    is not public, or of a type no longer in the schema, are left out."""
    blocks = []
    for block in _raw_blocks(stream_value):
        serializer = SERIALIZERS.get(block.get("type"))
        if serializer is None:
            continue
        value = serializer(block.get("value"), index)
        if value is None:
            continue
        blocks.append({"type": block["type"], "id": block.get("id"), "value": value})
    return blocks
