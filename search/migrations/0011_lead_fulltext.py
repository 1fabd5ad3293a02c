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

import importlib

from django.db import migrations

_fulltext = importlib.import_module("search.migrations.0002_fulltext")

COLUMNS = ("title_norm", "summary_norm")
SQLITE, SQLITE_REVERSE = _fulltext.sqlite_fulltext("cms_search_lead_fts", COLUMNS)
BUILD = ["INSERT INTO cms_search_lead_fts(cms_search_lead_fts) VALUES ('rebuild')"]


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0010_indexes_per_language")]

    operations = [
        migrations.RunPython(
            _fulltext._run({"sqlite": [*SQLITE, *BUILD]}), _fulltext._run({"sqlite": SQLITE_REVERSE})
        )
    ]
