"""The search index: one row per published page and language it is written in.

The row keeps the plain text (for snippets) and the normalised text (``search.normalise``) of each part that
is ranked separately: title > summary > names of attached places, topics, people, organisations and project
(in every language: a reader types a name in whichever script they know it) > body. ``date`` (the item's
date) breaks ties, newest first; ``page_langs`` lists every language the page has an entry in, so items that
exist only in other languages are found without a second look-up per hit. The database's own full-text
structure is built from the normalised columns and kept in step by the database itself (``search.backends``):
an FTS5 table with triggers on SQLite, a generated ``tsvector`` column
with a GIN index on PostgreSQL.

An entry's id is not a counter but ``entry_id(date, page, lang)``: in descending order the ids are the
ranking's own tie-break (newest date, then newest page), so SQLite's full-text index hands matches over
newest first and a search stops after the page it needs (``search.backends.sqlite``).
"""

import datetime

from django.db import models

from cms import languages

DAY_ZERO = datetime.date(1900, 1, 1)
DAY_BITS, PAGE_BITS, LANG_BITS = 17, 32, 4  # days to the year 2258; 4 billion pages; 16 known languages
LANG_NUMBER = {code: number for number, code in enumerate(languages.KNOWN)}
#: SQL of an entry id's parts (``%s`` the id's expression, e.g. the full-text index's ``rowid``).
LANG_OF_ID = f"(%s & {(1 << LANG_BITS) - 1})"
PAGE_OF_ID = f"((%s >> {LANG_BITS}) & {(1 << PAGE_BITS) - 1})"


def entry_id(date: datetime.date | None, page_id: int, lang: str) -> int:
    """Date (days since 1900, none counts as the oldest), page id and language packed into one positive
    64-bit integer; unique because an entry is one page in one language."""
    days = 0 if date is None else min(max((date - DAY_ZERO).days, 0), (1 << DAY_BITS) - 1)
    if not 0 < page_id < 1 << PAGE_BITS:
        raise ValueError(f"page id {page_id} does not fit the search index's entry ids")
    return (days << (PAGE_BITS + LANG_BITS)) | (page_id << LANG_BITS) | LANG_NUMBER[lang]


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
