"""``manage.py rebuild_search_index``: drop the search entries and index every published item again (after
a bulk import, a change of ``CMS_LANGUAGES`` or of the normalisation rules)."""

import time

from django.core.management.base import BaseCommand

from search import indexer


class Command(BaseCommand):
    help = "Rebuild the multilingual search index (search entries) of every published item."

    def handle(self, *args, **options):
        started = time.monotonic()
        written = indexer.rebuild()
        self.stdout.write(f"Indexed {written} entries in {time.monotonic() - started:.1f}s.")
