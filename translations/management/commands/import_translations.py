"""``manage.py import_translations FILE``: validate everything, then save drafts (pages) and the target
language's fields (everything else); nothing is published, and nothing at all is written if the file has a
problem."""

from django.core.management.base import BaseCommand, CommandError

from translations import exchange


class Command(BaseCommand):
    help = "Import a translated PO or XLIFF file made by export_translations (pages get drafts, never a publish)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--lang", help="Refuse the file unless it is in this language.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
        parser.add_argument(
            "--user", help="Username the drafts are saved by (and whose permissions are checked); none by default."
        )

    def handle(self, *args, file, lang=None, dry_run=False, user=None, **options):
        if user is not None:
            from django.contrib.auth import get_user_model

            found = get_user_model()._default_manager.filter(username=user).first()
            if found is None:
                raise CommandError(f"No user named {user!r}.")
            user = found
        try:
            with open(file, "rb") as handle:
                content = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            plan = exchange.validate(content, lang=lang, user=user)
        except exchange.ExchangeError as error:
            raise CommandError(str(error)) from error
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(f"{problem.kind}: {problem.id or file}: {problem.message}")
            raise CommandError(f"{len(plan.problems)} problem(s) in {file}; nothing was applied.")
        for change in plan.changes:
            fields = ", ".join(item.column for item in change.fields)
            self.stdout.write(f"{change.kind}: {change.label} ({change.obj.pk}): {fields}")
        summary = (
            f"{plan.entries} entries, {plan.translated} translated, {plan.unchanged} unchanged; "
            f"{len(plan.changes)} item(s) to change"
        )
        if dry_run:
            self.stdout.write(f"{summary} (dry run: nothing written).")
            return
        result = exchange.apply(plan, user=user)
        self.stdout.write(f"{summary}: {len(result.drafts)} page draft(s) saved, {len(result.saved)} item(s) saved.")
