"""PostgreSQL: the planner's statistics on the entries table cost a rebuild less.

A rebuild ends with ``ANALYZE`` (``search.indexer.rebuild``), and for 22,000 entries it took 2 s, most of it
on columns no search filters on (the plain and normalised texts, read only for snippets and by the indexes'
expressions) and on the lexemes of every ``document`` and lead. The texts keep no statistics; ``document``
and the lead index keep a smaller sample (searches start from the GIN indexes whatever the estimates:
``search.backends.postgres``); the titles' index keeps the default, which suggestions' plans need. 1.1 s.
"""

import importlib

from django.db import migrations

_run = importlib.import_module("search.migrations.0004_gin_indexes")._run  # PostgreSQL only

TEXTS = ("title", "summary", "body", "title_norm", "summary_norm", "body_norm", "names_norm", "updated_at")
FORWARDS = [
    "ALTER TABLE cms_search_searchentry "
    + ", ".join(f"ALTER COLUMN {column} SET STATISTICS 0" for column in TEXTS)
    + ", ALTER COLUMN document SET STATISTICS 10",
    "ALTER INDEX cms_search_entry_lead ALTER COLUMN 1 SET STATISTICS 10",
]
BACKWARDS = [
    "ALTER TABLE cms_search_searchentry "
    + ", ".join(f"ALTER COLUMN {column} SET STATISTICS -1" for column in (*TEXTS, "document")),
    "ALTER INDEX cms_search_entry_lead ALTER COLUMN 1 SET STATISTICS -1",
]


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0007_lead_index")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
