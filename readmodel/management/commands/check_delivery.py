"""Compare every stored document with a fresh build by the API's serializers; exit 1 on any difference.

Also checks the stored links (``readmodel.links``) against the items' tables, and the related items a detail
chooses at request time against ``news.selectors.related_items`` for every public item (the rule is written
twice: once for loaded pages, once over the links)."""

import json

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from cms import languages
from cms.visibility import public_pages
from news import selectors
from readmodel import delivery, links, store
from readmodel.models import ItemLink, StoredItem


class Command(BaseCommand):
    help = "Check that every stored API document equals a fresh build (exit status 1 when one differs)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, *args, batch=200, **options):
        ids = list(Page.objects.type(*store.ITEM_MODELS).order_by("pk").values_list("pk", flat=True))
        codes = languages.enabled_codes()
        problems = []
        stored = {}
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            stored = {
                (row.page_id, row.lang): row for row in StoredItem.objects.filter(page_id__in=chunk, lang__in=codes)
            }
            pages = store.load_pages(chunk)
            for code in codes:
                for pk, (card, detail) in store.fresh_documents(pages, code).items():
                    row = stored.get((pk, code))
                    if row is None:
                        problems.append(f"{pk}/{code}: not stored (built on first request)")
                        continue
                    if json.loads(row.card) != json.loads(store.dumps(card)):
                        problems.append(f"{pk}/{code}: stored card differs from a fresh build")
                    if json.loads(row.detail + "}") != json.loads(store.detail_without_related(detail) + "}"):
                        problems.append(f"{pk}/{code}: stored detail differs from a fresh build")
        extra = StoredItem.objects.exclude(page_id__in=ids).count()
        if extra:
            problems.append(f"{extra} stored document(s) of pages that are no longer items")
        problems += self.link_problems(ids, batch)
        public = public_pages(Page.objects.type(*store.ITEM_MODELS))
        for pk, content_type_id in public.values_list("pk", "content_type_id"):
            page = selectors.load_items([(pk, content_type_id)], detail=True)[0]
            expected = [item.pk for item in selectors.related_items(page)]
            chosen = links.related_ids(pk, delivery.RELATED_LIMIT)
            if expected != chosen:
                problems.append(f"{pk}: related items {chosen} differ from {expected}")
        real_problems = [p for p in problems if "not stored" not in p]
        for problem in problems:
            self.stdout.write(problem)
        count = len(real_problems)
        self.stdout.write(f"Checked {len(ids)} item(s) in {len(codes)} language(s): {count} difference(s).")
        if real_problems:
            raise CommandError("Stored documents differ from a fresh build.")

    @staticmethod
    def link_problems(ids, batch) -> list[str]:
        def as_set(rows):
            return {(row.page_id, row.key, str(row.date)) for row in rows}

        problems = []
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            fresh = as_set(links.fresh_links(chunk))
            kept = as_set(ItemLink.objects.filter(page_id__in=chunk))
            for page_id, key, date in sorted(fresh ^ kept):
                where = "missing from" if (page_id, key, date) in fresh else "no longer true but in"
                problems.append(f"{page_id}: link {key} ({date}) {where} the stored links")
        return problems
