"""PostgreSQL: the full-text index without a pending list (``fastupdate = off``).

With the default, new entries wait in an unsorted list that every search reads in full until a vacuum
merges it; after a rebuild that list held the whole index and made each search several times slower. A CMS
writes its index on publish and reads it on every search, so entries go straight into the index.
"""

from django.db import migrations

FORWARDS = [
    "ALTER INDEX cms_search_entry_document SET (fastupdate = off)",
    "SELECT gin_clean_pending_list('cms_search_entry_document'::regclass)",
]
BACKWARDS = ["ALTER INDEX cms_search_entry_document RESET (fastupdate)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0003_ranking")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
