"""PostgreSQL: the full-text indexes read by every search, shaped for a CMS that writes its index on publish
and reads it on every request.

- ``fastupdate = off``: with the default, new entries wait in an unsorted pending list that every search
  reads in full until a vacuum merges it; after a rebuild that list held the whole index and made each
  search several times slower.
- An index of titles alone, for suggestions: through the whole ``document``, a prefix such as "الم" also
  matched every body with a word starting with it, and each such entry had to be read and its document
  decompressed to find that the word was not in the title (150 ms for one suggestion at 10,000 items).
"""

from django.db import migrations

TITLES = "to_tsvector('simple'::regconfig, title_norm)"
FORWARDS = [
    "ALTER INDEX cms_search_entry_document SET (fastupdate = off)",
    "SELECT gin_clean_pending_list('cms_search_entry_document'::regclass)",
    f"CREATE INDEX IF NOT EXISTS cms_search_entry_title ON cms_search_searchentry USING GIN ({TITLES}) "
    "WITH (fastupdate = off)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS cms_search_entry_title",
    "ALTER INDEX cms_search_entry_document RESET (fastupdate)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0003_ranking")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
