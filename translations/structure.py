""" "Start from the source's structure": a body in the source's shape with its text left to be written.

A translator who starts an empty body from nothing rebuilds by hand what the source already decided: the
order of headings and paragraphs, which image goes where, the documents, the embedded videos. The skeleton
keeps all of that (block types, order, block ids, images, documents, links to videos and figures that are
only numbers) and empties every text, so nothing of the source's wording is saved as if it were translated.
Required texts stay required: the form refuses to save a block whose text was not written.
"""

from __future__ import annotations

import re

from wagtail import blocks

# A figure with no letters ("23", "40%", "٢٣") is the same in every language; "3 days" needs translating.
LETTERS = re.compile(r"[^\W\d_]")
ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Images and embeds inside rich text are kept; the text around them is not.
RICH_TEXT_MEDIA = re.compile(r"<embed\b[^>]*embedtype=\"(?:image|media)\"[^>]*/?>", re.IGNORECASE)


def _text(block, value, script: str):
    if not isinstance(value, str):
        return value
    if isinstance(block, blocks.RichTextBlock):
        return "".join(RICH_TEXT_MEDIA.findall(value))
    if isinstance(block, blocks.URLBlock):
        return value
    if value.strip() and not LETTERS.search(value):
        return value.translate(ARABIC_INDIC_DIGITS) if script == "Latn" else value
    return ""


def blank(block, value, script: str = "Latn"):
    """``value`` (the raw, JSON-able form of a value of ``block``) with its text emptied and the rest kept."""
    if isinstance(block, blocks.StreamBlock):
        children = []
        for child in value or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:
                continue
            children.append({**child, "value": blank(child_block, child.get("value"), script)})
        return children
    if isinstance(block, blocks.ListBlock):
        items = []
        for item in value or []:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                items.append({**item, "value": blank(block.child_block, item["value"], script)})
            else:
                items.append(blank(block.child_block, item, script))
        return items
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {name: blank(child, value.get(name), script) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.FieldBlock) and isinstance(value, str):
        return _text(block, value, script)
    return value


def skeleton(stream_field, source_value, script: str = "Latn") -> list:
    """The raw stream data of a new body in the shape of ``source_value`` (a ``StreamValue``)."""
    raw = list(source_value.raw_data) if source_value is not None else []
    return blank(stream_field.stream_block, raw, script)


def start_from_source(page, name: str, user) -> str:
    """Put the source's structure into ``page``'s empty ``name`` (a stream field in one target language,
    e.g. ``body_ku``), on the object the edit form is about to show: nothing is saved until the translator
    saves. Returns the name of the language; raises ``ValidationError`` with the reason it cannot."""
    from django.core.exceptions import FieldDoesNotExist, ValidationError
    from django.utils.translation import gettext as _
    from wagtail.fields import StreamField

    from cms import languages
    from cms.availability import written

    from . import registry, status
    from .forms import language_of_field
    from .roles import languages_of

    code = language_of_field(name)
    base = name[: -len(code) - 1] if code else ""
    try:
        field = type(page)._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if (
        code not in languages.enabled_codes()
        or code == languages.source_code()
        or base not in registry.fields_of(type(page))
        or not isinstance(field, StreamField)
    ):
        raise ValidationError(_("Only a translation's body can start from the source's structure."))
    own = languages_of(user)
    language = languages.KNOWN[code]
    if own is not None and code not in own:
        raise ValidationError(_("You may not change this field."))
    if written(getattr(page, name, None)):
        raise ValidationError(
            _("The %(language)s version already has content: nothing was replaced.")
            % {"language": language.native_name}
        )
    source_value = status.value_of(page, base, languages.source_code())
    if not written(source_value):
        raise ValidationError(_("The source has no content to take the structure from."))
    setattr(page, name, skeleton(field, source_value, language.script))
    return language.native_name
