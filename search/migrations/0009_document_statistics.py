"""PostgreSQL: ``document`` keeps the default sample of lexemes again (migration ``0008`` had made it smaller).

With the smaller sample the planner took a common word for a rare one (11 matches estimated for 27,541 at
100,000 items), so it read the newest slice of entries (``search.backends.postgres``) by testing every match
of the words, 15,171 table pages, instead of joining the matches with the slice's range of ids (212 pages):
116 ms against 6 ms. The rebuild's ``ANALYZE`` took 1.2 to 1.6 s for 220,000 entries with either sample.
"""

import importlib

from django.db import migrations

_run = importlib.import_module("search.migrations.0004_gin_indexes")._run  # PostgreSQL only

FORWARDS = ["ALTER TABLE cms_search_searchentry ALTER COLUMN document SET STATISTICS -1"]
BACKWARDS = ["ALTER TABLE cms_search_searchentry ALTER COLUMN document SET STATISTICS 10"]


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0008_statistics")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
