"""Stored API documents: content only, never visibility.

Which items a reader may see is decided at request time by ``cms.visibility.public_pages`` (so a scheduled
go-live or expiry time, or a restriction, takes effect the moment it applies); a row here only says what an
item *looks like* in one language once it is visible.
"""

from django.db import models
from wagtail.models import Page


class StoredItem(models.Model):
    """One item in one language: its card (lists, related items, search) and its detail document, as JSON
    text with absolute URLs written against ``readmodel.store.BASE`` (replaced by the request's base URL)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    lang = models.CharField(max_length=16)
    card = models.TextField()
    #: The detail without its ``related`` cards (chosen at request time among the public items) and without
    #: the closing brace, so the related cards are appended as text.
    detail = models.TextField()
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "lang"], name="readmodel_item_page_lang")]

    def __str__(self):
        return f"{self.page_id}/{self.lang}"


class ItemLink(models.Model):
    """One thing an item is filed under that makes other items related to it (``topic:<id>``,
    ``project:<id>``), with the item's date: a detail's related items are then a few ordered index reads per
    key, whatever the size of the archive (``readmodel.links``). Kept for every item, visible or not; the
    visibility rule is applied when reading."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=32)
    date = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="readmodel_link_page_key")]
        indexes = [models.Index(fields=["key", "date", "page"], name="readmodel_link_key_date")]

    def __str__(self):
        return f"{self.page_id} {self.key}"
