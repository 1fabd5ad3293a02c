"""Load a backup (``manage.py backup``, or ``dumpdata --natural-foreign``) into a new, migrated database.

A freshly migrated database is not empty: Wagtail's migrations make a root page, a "Welcome" page, a default
site, a root collection and two groups, and the backup holds their own versions of these rows (often with
other tree paths), so a plain ``loaddata`` stops on a unique constraint. This command refuses a database that
already has content, empties the fresh one (``flush``: content types and permissions are made again), loads
the backup in one transaction and rebuilds what backups leave out: the API's stored documents and the search
indexes.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page


class Command(BaseCommand):
    help = "Restore a backup into a freshly migrated database (refuses one that has content)."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by manage.py backup.")
        parser.add_argument("--no-reindex", action="store_true", help="Do not rebuild the search indexes.")

    def handle(self, *args, backup, no_reindex=False, **options):
        # Content: any page but the tree root and Wagtail's plain "Welcome" page.
        content = Page.objects.filter(depth__gt=1).exclude(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
        if content.exists():
            raise CommandError(
                f"This database already has {content.count()} page(s) of content. Restore into a new database: "
                "create it, run `manage.py migrate`, then `manage.py restore`."
            )
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", backup, verbosity=0)
        self.stdout.write(f"Restored {backup}: {Page.objects.filter(depth__gt=1).count()} page(s).")
        call_command("build_readmodel", stdout=self.stdout)
        if not no_reindex:
            call_command("rebuild_search_index", stdout=self.stdout)
            call_command("update_index", verbosity=0)
            self.stdout.write("Search indexes rebuilt.")
