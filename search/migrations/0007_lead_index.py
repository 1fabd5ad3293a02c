"""PostgreSQL: an index of each entry's title and summary together (its lead), so that a search can read
the older entries with the query's words there without testing each document for weights (a weight
restriction cannot be answered by the GIN index of ``document``: every entry with the word is read and
tested). ``search.backends.postgres`` reads them beside the newest entries."""

import importlib

from django.db import migrations

_run = importlib.import_module("search.migrations.0004_gin_indexes")._run  # PostgreSQL only

LEAD = "to_tsvector('simple'::regconfig, title_norm || ' ' || summary_norm)"
FORWARDS = [
    f"CREATE INDEX IF NOT EXISTS cms_search_entry_lead ON cms_search_searchentry USING GIN ({LEAD}) "
    "WITH (fastupdate = off)",
]
BACKWARDS = ["DROP INDEX IF EXISTS cms_search_entry_lead"]


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0006_document_in_the_row")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
