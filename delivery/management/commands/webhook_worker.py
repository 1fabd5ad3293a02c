"""The webhook worker: recovers deliveries a killed worker left behind, then runs django-tasks' database
worker on the webhook queue (``make run`` starts it next to the server)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from delivery import tasks


class Command(BaseCommand):
    help = "Send webhook deliveries queued in the database (retries included), until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls of an empty queue.")
        parser.add_argument("--batch", action="store_true", help="Send what is due, then exit.")

    def handle(self, *args, interval, batch, **options):
        recovered = tasks.recover()
        if recovered:
            self.stdout.write(f"Queued {recovered} delivery(ies) left behind by a stopped worker again.")
        arguments = ["--backend", "webhooks", "--queue-name", "webhooks", "--interval", str(interval)]
        arguments += ["--no-reload", "--no-startup-delay", *(["--batch"] if batch else [])]
        call_command("db_worker", *arguments, verbosity=options.get("verbosity", 1))
