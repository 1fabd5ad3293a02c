"""SQLite: a second FTS5 table over each entry's lead (its title and summary), as PostgreSQL has its lead index.

FTS5 keeps one list of matches per word for all columns; a column filter (``{title_norm} : ...``) reads every
match of the word and tests its positions. The title tier of a common word, or a title being typed
(suggestions), walked every entry that has the word in its names or body: at 100,000 items, thousands of
matches to find a few titles, or none. Here each word's list holds its lead matches only (a quarter of the
text indexed, in the benchmark's content; less in real articles, whose bodies are long), so the title and
summary tiers and the suggestions read this table (``search.backends.sqlite``). The names and body tiers,
the levels of the any-word fallback and counts still read ``cms_search_fts``.

Kept by triggers, as ``cms_search_fts`` is (``search.indexer.rebuild`` drops both tables' triggers and
rebuilds both tables in one pass each).
"""

from django.db import migrations

COLUMNS = ("title_norm", "summary_norm")
_cols = ", ".join(COLUMNS)
_new = ", ".join(f"new.{c}" for c in COLUMNS)
_old = ", ".join(f"old.{c}" for c in COLUMNS)

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cms_search_lead_fts USING fts5("
    f"{_cols}, content='cms_search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER cms_search_lead_fts_ai AFTER INSERT ON cms_search_searchentry BEGIN "
    f"INSERT INTO cms_search_lead_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
    "CREATE TRIGGER cms_search_lead_fts_ad AFTER DELETE ON cms_search_searchentry BEGIN "
    f"INSERT INTO cms_search_lead_fts(cms_search_lead_fts, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END",
    "CREATE TRIGGER cms_search_lead_fts_au AFTER UPDATE ON cms_search_searchentry BEGIN "
    f"INSERT INTO cms_search_lead_fts(cms_search_lead_fts, rowid, {_cols}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO cms_search_lead_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cms_search_lead_fts_ai",
    "DROP TRIGGER IF EXISTS cms_search_lead_fts_ad",
    "DROP TRIGGER IF EXISTS cms_search_lead_fts_au",
    "DROP TABLE IF EXISTS cms_search_lead_fts",
]
BUILD = ["INSERT INTO cms_search_lead_fts(cms_search_lead_fts) VALUES ('rebuild')"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0010_indexes_per_language")]

    operations = [migrations.RunPython(_run([*SQLITE, *BUILD]), _run(SQLITE_REVERSE))]
