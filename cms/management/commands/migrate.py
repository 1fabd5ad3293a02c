"""``migrate`` that never stops for input.

wagtail-modeltranslation adds the translated columns of Wagtail's own ``Page`` (title, slug, url_path...)
after migrating, and asks for confirmation on the terminal unless ``--noinput`` is given; a plain
``manage.py migrate`` (or one run by a deploy script with no terminal) would hang or answer "no" and leave
the database without the columns every page needs. Those columns follow from settings (the enabled
languages), not from a choice, so they are always added. Registered models of our own apps get the same
treatment, which is what lets a language be switched on through ``CMS_LANGUAGES`` alone.

Pages that existed before the columns did (the tree root in a fresh database, or every page when a language
is switched on) get their translated URL paths filled in, so children made afterwards get "/home/news/x/"
and not "home/news/x/".
"""

import contextlib
import io
import sys

from modeltranslation.management.commands.sync_translation_fields import Command as SyncCommand
from wagtail_modeltranslation.migrate.management.commands.migrate import Command as TranslationMigrate


class Command(TranslationMigrate):
    def handle(self, *args, **options):
        options["interactive"] = False
        # The column synchronisation prints every statement with print(); keep that for -v 2 and summarise.
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed if options.get("verbosity", 1) < 2 else sys.stdout):
            super().handle(*args, **options)
            sync = SyncCommand()
            sync.stdout, sync.stderr = self.stdout, self.stderr
            sync.handle(interactive=False)
        added = printed.getvalue().count("ALTER TABLE")
        if added and options.get("verbosity", 1) >= 1:
            self.stdout.write(f"Added {added} translated column(s) for the enabled languages.")
        fill_translated_url_paths()


def fill_translated_url_paths():
    """Compute the translated url_path of every page that has none yet, parents before children."""
    from django.db.models import Q
    from modeltranslation.utils import build_localized_fieldname
    from wagtail.models import Page

    from cms import languages

    fields = [build_localized_fieldname("url_path", code) for code in languages.enabled_codes()]
    missing = Q()
    for field in fields:
        missing |= Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
    for page in Page.objects.filter(missing).order_by("path"):
        page.set_url_path(page.get_parent())
        Page.objects.filter(pk=page.pk).update(**{field: getattr(page, field) for field in fields})
