"""Build every stored document now (after a bulk import that sent no signals, or on a fresh deploy)."""

from django.core.management.base import BaseCommand

from cms.api import cache
from readmodel import links, store


class Command(BaseCommand):
    help = "Build the stored card and detail of every item in every enabled language, and the items' links."

    def handle(self, *args, **options):
        linked = links.write(None)
        written = store.build(None)
        cache.bump()
        self.stdout.write(f"Stored documents: {written}; links: {linked}.")
