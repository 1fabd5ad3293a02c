"""Sanitising HTML that leaves the CMS through the public API.

Rich text is stored as Wagtail's internal HTML, but anything can end up in the database: an import, a
script, a migration from the old site. So the API never trusts stored HTML: every fragment goes through
an allow-list (nh3) fitted to the editor's rich-text features (``news.blocks.RICH_TEXT_FEATURES``) before
it is sent. Whatever is not on the list (``<script>``, ``<style>``, ``<iframe>``, SVG, event handlers,
``javascript:`` and ``data:`` URLs) is removed, however malformed or nested the markup is.

Three lists, one per stage:

- ``clean_source``: stored rich text, keeping Wagtail's ``linktype``/``id`` link attributes and
  ``<embed>`` tags so that links and images can then be resolved (``cms.api.body``);
- ``sanitize_html``: what the API sends (links with ``href`` only, and the ``<img>`` tags the API itself
  builds from image embeds);
- ``sanitize_embed_html``: a provider's oEmbed HTML (video players), where an https ``<iframe>`` is allowed.
"""

import nh3

# Whole elements (with their content) that never reach a reader.
_DROP_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "svg",
    "math",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
}

_TEXT_TAGS = {"p", "br", "b", "strong", "i", "em", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a"}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

IMAGE_FORMAT_CLASSES = {"richtext-image", "left", "right", "full-width"}


def clean_source(html: str) -> str:
    """Stored rich text reduced to the allowed tags, keeping what links and image embeds are resolved from."""
    return nh3.clean(
        html or "",
        tags=_TEXT_TAGS | {"embed"},
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={"a": {"href", "linktype", "id"}, "embed": {"embedtype", "id", "format", "alt"}},
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    )


def sanitize_html(html: str) -> str:
    """HTML safe to insert into the public website: text formatting, links and images, nothing active."""
    return nh3.clean(
        html or "",
        tags=_TEXT_TAGS | {"img"},
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={"a": {"href"}, "img": {"src", "alt", "width", "height", "lang"}},
        allowed_classes={"img": IMAGE_FORMAT_CLASSES},
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    )


def sanitize_embed_html(html: str) -> str:
    """A provider's player markup: an https ``<iframe>`` and plain text, without scripts."""
    return nh3.clean(
        html or "",
        tags={"iframe", "p", "a", "br", "blockquote"},
        clean_content_tags=_DROP_WITH_CONTENT - {"iframe"},
        attributes={
            "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder", "loading"},
            "a": {"href"},
        },
        url_schemes={"https"},
        url_relative="deny",
        link_rel=None,
    )
