"""Write the whole database to a JSON file that ``manage.py restore`` loads into a new database.

The same as ``dumpdata --natural-foreign`` without the tables that are rebuilt rather than restored
(``cms.backup.BACKUP_EXCLUDE``). Primary keys are kept as they are (no ``--natural-primary``): the API's item
ids are page ids, and must be the same after a restore. Media files are not in it: copy ``MEDIA_ROOT``
alongside (README, "Backups").
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.backup import BACKUP_EXCLUDE


class Command(BaseCommand):
    help = "Dump the database (natural foreign keys, search indexes left out) for manage.py restore."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write, e.g. backup-2026-11-26.json (.gz, .bz2, .xz compress).")

    def handle(self, *args, output, **options):
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=BACKUP_EXCLUDE,
            format="json",
            output=output,
            verbosity=0,
        )
        self.stdout.write(f"Backup written to {output}.")
