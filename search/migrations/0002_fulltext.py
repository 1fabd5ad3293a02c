"""The database's own full-text structure over the normalised columns (see ``search.backends``)."""

from django.db import migrations

COLUMNS = ("title_norm", "summary_norm", "body_norm", "names_norm")


def sqlite_fulltext(
    table: str,
    columns: tuple[str, ...],
    options: str = "content='cms_search_searchentry', content_rowid='id', prefix='2 3'",
    value=lambda row, column: f"{row}.{column}",
) -> tuple[list[str], list[str]]:
    """(forwards, backwards): an FTS5 ``table`` over ``columns`` of the entries, kept by triggers that index
    ``value(row, column)`` of each new (``new``) and old (``old``) row (also used by ``0011_lead_fulltext`` and
    ``0012_words_per_language``)."""
    cols = ", ".join(columns)
    new = ", ".join(value("new", c) for c in columns)
    old = ", ".join(value("old", c) for c in columns)
    forwards = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
        f"{cols}, {options}, tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON cms_search_searchentry BEGIN "
        f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON cms_search_searchentry BEGIN "
        f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE ON cms_search_searchentry BEGIN "
        f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new}); END",
    ]
    backwards = [*(f"DROP TRIGGER IF EXISTS {table}_{kind}" for kind in ("ai", "ad", "au")), f"DROP TABLE IF EXISTS {table}"]
    return forwards, backwards


SQLITE, SQLITE_REVERSE = sqlite_fulltext("cms_search_fts", COLUMNS)

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
