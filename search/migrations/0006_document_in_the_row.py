"""PostgreSQL keeps each entry's ``document`` in the entry's own row, the wide text columns going to the
TOAST table first.

With the default storage, an entry of more than about 2 kB (most of them: the plain and normalised texts
beside the ``tsvector``) had its largest value, the ``tsvector``, moved out of the row, and every test of an
entry against a query (ranking runs several per match) fetched it again from the TOAST table: ranking 10,000
matches took 117 ms, 67 ms with the ``tsvector`` in the row. ``MAIN`` compresses it in the row instead, and
moves it out only when the row would not fit a page. Existing entries are rewritten to take the new storage.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE cms_search_searchentry ALTER COLUMN document SET STORAGE MAIN",
    "UPDATE cms_search_searchentry SET title_norm = title_norm",  # the generated column is written again
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0005_entry_ids")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
