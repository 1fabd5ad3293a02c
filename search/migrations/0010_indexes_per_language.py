"""PostgreSQL: the full-text indexes are split by language, one partial index per language and expression.

Every search reads one language, but the whole-table indexes handed over every language's matches, each
then read from the table to find its language: a word common in one language cost as much in the others.
At 100,000 items, an offer of "workshop" in Arabic (none there) read 27,541 English matches from the table
three times over (100 ms per read); a count, a slice of the newest entries and the older title matches read
beside it paid the same for the other languages' matches. A partial index holds one language's matches
only, and the search names its language as a constant (``search.backends.postgres``). The predicate is
written ``lang || '' = ...``, as the search writes its language: a plain ``lang = ...`` would also let the
planner start from the language's own B-tree index and test every entry of the language.

The planner ignores the statistics of a partial index's expression, so the titles' expression keeps its own
(``CREATE STATISTICS``): without them it took a prefix being typed for a rare word (22 entries estimated for
66,672) and read every title match of a suggestion from the table instead of joining them with the newest
slice's ids (143 ms against 21 ms at 100,000 items). The lead's reads have no other plan to choose, and no
statistics.

One index per known language (``cms.languages.KNOWN`` when this was written); a language added to it later
needs its own migration, as its translated columns do.
"""

import importlib

from django.db import migrations

_run = importlib.import_module("search.migrations.0004_gin_indexes")._run  # PostgreSQL only

LANGUAGES = ("ar", "ku", "en", "ckb")
EXPRESSIONS = {
    "document": "document",
    "title": "to_tsvector('simple'::regconfig, title_norm)",
    "lead": "to_tsvector('simple'::regconfig, title_norm || ' ' || summary_norm)",
}
FORWARDS = [
    *(
        f"CREATE INDEX IF NOT EXISTS cms_search_entry_{kind}_{code} ON cms_search_searchentry USING GIN ({expression}) "
        f"WITH (fastupdate = off) WHERE lang || '' = '{code}'"
        for kind, expression in EXPRESSIONS.items()
        for code in LANGUAGES
    ),
    # As migration 0008 did for the whole-table lead index: a smaller sample of lexemes.
    *(f"ALTER INDEX cms_search_entry_lead_{code} ALTER COLUMN 1 SET STATISTICS 10" for code in LANGUAGES),
    *(f"DROP INDEX IF EXISTS cms_search_entry_{kind}" for kind in EXPRESSIONS),
    f"CREATE STATISTICS IF NOT EXISTS cms_search_entry_title_stats ON ({EXPRESSIONS['title']}) "
    "FROM cms_search_searchentry",
]
BACKWARDS = [
    "DROP STATISTICS IF EXISTS cms_search_entry_title_stats",
    *(
        f"CREATE INDEX IF NOT EXISTS cms_search_entry_{kind} ON cms_search_searchentry USING GIN ({expression}) "
        "WITH (fastupdate = off)"
        for kind, expression in EXPRESSIONS.items()
    ),
    "ALTER INDEX cms_search_entry_lead ALTER COLUMN 1 SET STATISTICS 10",
    *(f"DROP INDEX IF EXISTS cms_search_entry_{kind}_{code}" for kind in EXPRESSIONS for code in LANGUAGES),
]


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0009_document_statistics")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
