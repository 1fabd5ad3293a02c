"""The search index: one row per published page and language it is written in.

The row keeps the plain text (for snippets) and the normalised text (``search.normalise``) of each part that
is ranked separately: title > summary > body > names of attached places, topics, people, organisations and
project. The database's own full-text structure is built from the normalised columns and kept in step by the
database itself (``search.backends``): an FTS5 table with triggers on SQLite, a generated ``tsvector`` column
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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [models.UniqueConstraint(fields=["page", "lang"], name="cms_search_entry_page_lang")]
        indexes = [models.Index(fields=["lang", "page"], name="cms_search_entry_lang_page")]

    def __str__(self):
        return f"{self.lang}: {self.title}"
