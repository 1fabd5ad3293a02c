"""``manage.py export_translations --lang ku [--status missing,outdated] [--format po|xliff] -o FILE``"""

from django.core.management.base import BaseCommand, CommandError

from translations import exchange


class Command(BaseCommand):
    help = "Write a PO or XLIFF file of every translatable text for outside translators into one language."

    def add_arguments(self, parser):
        parser.add_argument("--lang", required=True, help="Target language code, e.g. ku.")
        parser.add_argument("--status", default="", help="Only items with these statuses, e.g. missing,outdated.")
        parser.add_argument("--format", default=exchange.PO, choices=exchange.FORMATS)
        parser.add_argument("-o", "--output", required=True, help="The file to write ('-' for standard output).")

    def handle(self, *args, lang, status, format, output, **options):
        statuses = [s.strip() for s in status.split(",") if s.strip()]
        try:
            data = exchange.export(lang, format, statuses)
        except exchange.ExchangeError as error:
            raise CommandError(str(error)) from error
        if output == "-":
            self.stdout.write(data.decode())
            return
        with open(output, "wb") as handle:
            handle.write(data)
        self.stderr.write(f"Wrote {output}")
