"""The item's date (recency ranks ties) and the page's languages on each entry; on PostgreSQL the weights of
the generated ``document`` become title A, summary B, names C, body D (names outrank the body).

On SQLite, adding a column rebuilds the entries table, which drops the triggers that keep the FTS5 table in
step: they are created again (from ``0002_fulltext``) and the FTS5 table rebuilt from the entries.
"""

import importlib

from django.db import migrations, models

fulltext = importlib.import_module("search.migrations.0002_fulltext")

COLUMNS = ("title_norm", "summary_norm", "names_norm", "body_norm")
_weighted = " || ".join(
    f"setweight(to_tsvector('simple'::regconfig, {column}), '{weight}')" for column, weight in zip(COLUMNS, "ABCD")
)
POSTGRES = [
    "DROP INDEX IF EXISTS cms_search_entry_document",
    "ALTER TABLE cms_search_searchentry DROP COLUMN IF EXISTS document",
    f"ALTER TABLE cms_search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ({_weighted}) STORED",
    "CREATE INDEX cms_search_entry_document ON cms_search_searchentry USING GIN (document)",
]


SQLITE = [
    *[statement for statement in fulltext.SQLITE_REVERSE if "TRIGGER" in statement],
    *[statement for statement in fulltext.SQLITE if "TRIGGER" in statement],
    "INSERT INTO cms_search_fts(cms_search_fts) VALUES ('rebuild')",
]


def forwards(apps, schema_editor):
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0002_fulltext")]

    operations = [
        migrations.AddField(model_name="searchentry", name="date", field=models.DateField(blank=True, null=True)),
        migrations.AddField(
            model_name="searchentry",
            name="page_langs",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["id", "lang", "page", "date", "page_langs"], name="cms_search_entry_rank"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
