"""The search index: one row per published page and language it is written in.

The row keeps the plain text (for snippets) and the normalised text (``search.normalise``) of each part that
is ranked separately: title > summary > names of attached places, topics, people, organisations and project
(in every language: a reader types a name in whichever script they know it) > body. ``date`` (the item's
date) breaks ties, newest first; ``page_langs`` lists every language the page has an entry in, so items that
exist only in other languages are found without a second look-up per hit. The database's own full-text
structure is built from the normalised columns and kept in step by the database itself (``search.backends``):
an FTS5 table with triggers on SQLite, a generated ``tsvector`` column
with a GIN index on PostgreSQL.
"""

from django.db import models


class SearchEntry(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    lang = models.CharField(max_length=8)
    title = models.TextField()
    summary = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")
    title_norm = models.TextField(blank=True, default="")
    summary_norm = models.TextField(blank=True, default="")
    body_norm = models.TextField(blank=True, default="")
    names_norm = models.TextField(blank=True, default="")
    date = models.DateField(null=True, blank=True)
    page_langs = models.CharField(max_length=64, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [models.UniqueConstraint(fields=["page", "lang"], name="cms_search_entry_page_lang")]
        indexes = [
            models.Index(fields=["lang", "page"], name="cms_search_entry_lang_page"),
            # What ranking reads of each match, so it never touches the wide rows (see search.backends.sqlite).
            models.Index(fields=["id", "lang", "page", "date", "page_langs"], name="cms_search_entry_rank"),
        ]

    def __str__(self):
        return f"{self.lang}: {self.title}"
