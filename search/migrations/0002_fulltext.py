"""The database's own full-text structure over the normalised columns (see ``search.backends``)."""

from django.db import migrations

COLUMNS = ("title_norm", "summary_norm", "body_norm", "names_norm")
_cols = ", ".join(COLUMNS)
_new = ", ".join(f"new.{c}" for c in COLUMNS)
_old = ", ".join(f"old.{c}" for c in COLUMNS)

SQLITE = [
    "CREATE VIRTUAL TABLE cms_search_fts USING fts5("
    f"{_cols}, content='cms_search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER cms_search_fts_ai AFTER INSERT ON cms_search_searchentry BEGIN "
    f"INSERT INTO cms_search_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
    "CREATE TRIGGER cms_search_fts_ad AFTER DELETE ON cms_search_searchentry BEGIN "
    f"INSERT INTO cms_search_fts(cms_search_fts, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END",
    "CREATE TRIGGER cms_search_fts_au AFTER UPDATE ON cms_search_searchentry BEGIN "
    f"INSERT INTO cms_search_fts(cms_search_fts, rowid, {_cols}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO cms_search_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cms_search_fts_ai",
    "DROP TRIGGER IF EXISTS cms_search_fts_ad",
    "DROP TRIGGER IF EXISTS cms_search_fts_au",
    "DROP TABLE IF EXISTS cms_search_fts",
]

_weighted = " || ".join(
    f"setweight(to_tsvector('simple'::regconfig, {column}), '{weight}')" for column, weight in zip(COLUMNS, "ABCD")
)
POSTGRES = [
    f"ALTER TABLE cms_search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ({_weighted}) STORED",
    "CREATE INDEX cms_search_entry_document ON cms_search_searchentry USING GIN (document)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS cms_search_entry_document",
    "ALTER TABLE cms_search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
