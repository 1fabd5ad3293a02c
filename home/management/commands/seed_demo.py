"""Load the demo content (idempotent): the centre's items in three languages, a home page, site settings.

``--volume N`` adds N synthetic items (for benchmarks and search tests) on top, quickly: they are created
live in bulk, without revisions, and deterministic (the same N gives the same items).
"""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Site

from cms import languages
from cms.text import unicode_slug
from home.demo import content
from home.models import HomeFeaturedItem, HomePage, MenuItem, SiteSettings, SocialLink
from news import models as news
from news.taxonomy import Organisation, Person, Place, Project, Topic

PAGE_MODELS = {"news": news.NewsPage, "statement": news.StatementPage, "dialogue_session": news.DialogueSessionPage}
INDEXES = {
    "news": (news.NewsIndexPage, "news", {"ar": "الأخبار", "ku": "Nûçe", "en": "News"}),
    "statement": (news.StatementIndexPage, "statements", {"ar": "البيانات", "ku": "Daxuyanî", "en": "Statements"}),
    "dialogue_session": (
        news.DialogueSessionIndexPage,
        "dialogue-sessions",
        {"ar": "الجلسات الحوارية", "ku": "Rûniştinên diyalogê", "en": "Dialogue sessions"},
    ),
}


def translated(field, values):
    """``{"title_ar": ..., "title_en": ...}`` for the enabled languages that have a value."""
    return {
        build_localized_fieldname(field, code): value
        for code, value in values.items()
        if code in languages.enabled_codes() and value
    }


class Command(BaseCommand):
    help = "Load trilingual demo content (idempotent); --volume N adds N synthetic items."

    def add_arguments(self, parser):
        parser.add_argument("--volume", type=int, default=0, help="Number of synthetic items to add.")

    @transaction.atomic
    def handle(self, *args, volume=0, **options):
        home = self.home_page()
        self.indexes = {kind: self.index_page(home, *spec) for kind, spec in INDEXES.items()}
        self.snippets()
        created = [self.item(spec) for spec in content.ITEMS]
        self.site_settings(home)
        self.featured(home)
        self.stdout.write(f"Demo content ready: {sum(created)} new item(s), {len(content.ITEMS)} in all.")
        if volume:
            from search import indexer

            self.synthetic(volume)
            # Bulk rows send no signals: index the new items in one pass.
            self.stdout.write(f"Search index: {indexer.rebuild()} entries.")

    # -- structure ---------------------------------------------------------------------------------------

    def home_page(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                slug="home",
                **translated("title", {"ar": "الرئيسية", "ku": "Destpêk", "en": "Home"}),
                **translated("slug", {"ar": "home", "ku": "home", "en": "home"}),
                **translated("intro", content.HOME_INTRO),
            )
            # Wagtail's fresh database has a "Welcome" page at /home/; move it out of the way, with the
            # log entry its deletion leaves (it would name a page that no longer exists, which breaks
            # ``dumpdata --natural-foreign``: nothing of the centre's history is lost with it).
            for page in root.get_children().exclude(pk__in=HomePage.objects.values("pk")):
                if page.specific_class is Page:
                    page_id = page.pk
                    page.delete()
                    PageLogEntry.objects.filter(page_id=page_id).delete()
            root.add_child(instance=home)
            home.save_revision().publish()
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = content.SITE["organisation_name"]["en"]
            site.save()
        return home

    def index_page(self, home, model, slug, titles):
        page = model.objects.child_of(home).first()
        if page is None:
            page = model(slug=slug, **translated("title", titles), **translated("slug", dict.fromkeys(titles, slug)))
            home.add_child(instance=page)
            page.save_revision().publish()
        return page

    def snippets(self):
        self.topics = {
            slug: Topic.objects.update_or_create(slug=slug, defaults=translated("name", names))[0]
            for slug, names in content.TOPICS.items()
        }
        self.places = {}
        for slug, (kind, parent, names) in content.PLACES.items():
            self.places[slug] = Place.objects.update_or_create(
                slug=slug, defaults={"kind": kind, "parent": self.places.get(parent), **translated("name", names)}
            )[0]
        self.organisations = {
            slug: Organisation.objects.update_or_create(
                slug=slug, defaults={"kind": kind, "acronym": acronym, **translated("name", names)}
            )[0]
            for slug, (kind, acronym, names) in content.ORGANISATIONS.items()
        }
        self.projects = {
            slug: Project.objects.update_or_create(
                slug=slug, defaults={"phase": phase, "funder": self.organisations[funder], **translated("name", names)}
            )[0]
            for slug, (phase, funder, names) in content.PROJECTS.items()
        }
        self.people = {
            slug: Person.objects.update_or_create(
                slug=slug, defaults={**translated("name", names), **translated("role", roles)}
            )[0]
            for slug, (names, roles) in content.PEOPLE.items()
        }

    # -- items -------------------------------------------------------------------------------------------

    def item(self, spec):
        """Create one demo item if no page has its slug yet; returns whether it was created."""
        model = PAGE_MODELS[spec["type"]]
        if model.objects.filter(slug=spec["slug"]).exists() or model.objects.filter(slug_en=spec["slug"]).exists():
            return False
        fields = {
            "date": datetime.date.fromisoformat(spec["date"]),
            **translated("title", spec["title"]),
            **translated("summary", spec["summary"]),
            **translated("body", spec["body"]),
            **translated("slug", {"en": spec["slug"]}),
        }
        if spec.get("image"):
            fields["main_image"] = self.image(spec["image"], spec["title"])
        fields["dateline_place"] = self.places.get(spec.get("dateline"))
        fields["project"] = self.projects.get(spec.get("project"))
        if model is news.StatementPage:
            fields.update(kind=spec["kind"], statement_date=datetime.date.fromisoformat(spec["statement_date"]))
        if model is news.DialogueSessionPage:
            total, women, men = spec["participants"]
            fields.update(
                start_date=datetime.date.fromisoformat(spec["start_date"]),
                end_date=datetime.date.fromisoformat(spec["end_date"]),
                participants_total=total,
                participants_women=women,
                participants_men=men,
                **translated(
                    "outcomes", {c: [{"type": "item", "value": v} for v in vs] for c, vs in spec["outcomes"].items()}
                ),
                **translated(
                    "recommendations",
                    {c: [{"type": "item", "value": v} for v in vs] for c, vs in spec["recommendations"].items()},
                ),
            )
        page = model(**fields)
        page.topics = [self.topics[s] for s in spec["topics"]]
        page.places = [self.places[s] for s in spec["places"]]
        page.partners = [self.organisations[s] for s in spec["partners"]]
        if model is news.DialogueSessionPage:
            page.organisers = [self.organisations[s] for s in spec.get("organisers", [])]
            page.funders = [self.organisations[s] for s in spec.get("funders", [])]
            page.facilitators = [self.people[s] for s in spec.get("facilitators", [])]
            page.age_groups = [
                news.ParticipantAgeGroup(age_from=a, age_to=b, count=n) for a, b, n in spec["age_groups"]
            ]
        self.indexes[spec["type"]].add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
        model.objects.filter(pk=page.pk).update(
            first_published_at=datetime.datetime.combine(fields["date"], datetime.time(10), datetime.UTC)
        )
        return True

    def image(self, image_spec, titles):
        name, colour = image_spec
        Image_ = get_image_model()
        existing = Image_.objects.filter(title=f"demo-{name}").first()
        if existing:
            return existing
        canvas = Image.new("RGB", (1600, 1000), colour)
        draw = ImageDraw.Draw(canvas)
        for i in range(0, 1600, 80):
            draw.line([(i, 1000), (i + 400, 0)], fill="#ffffff", width=3)
        buffer = io.BytesIO()
        canvas.save(buffer, "JPEG", quality=80)
        alt = {
            "ar": f"صورة: {titles.get('ar', '')}"[:250],
            "ku": f"Wêne: {titles.get('ku', '')}"[:250] if titles.get("ku") else "",
            "en": f"Photo: {titles.get('en', '')}"[:250] if titles.get("en") else "",
        }
        return Image_.objects.create(
            title=f"demo-{name}", file=ImageFile(buffer, name=f"demo-{name}.jpg"), **translated("description", alt)
        )

    def site_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        for field in ("organisation_name", "tagline", "address"):
            for key, value in translated(field, content.SITE[field]).items():
                setattr(settings, key, value)
        settings.phone = content.SITE["phone"]
        settings.email = content.SITE["email"]
        settings.save()
        if not settings.social_links.exists():
            for platform, url in content.SITE["social"]:
                SocialLink.objects.create(settings=settings, platform=platform, url=url)
        if not settings.menu_items.exists():
            for order, index in enumerate(self.indexes.values()):
                MenuItem.objects.create(settings=settings, link_page=index, sort_order=order)

    def featured(self, home):
        if home.featured_items.exists():
            return
        for order, slug in enumerate(content.FEATURED):
            page = Page.objects.filter(slug=slug).first()
            if page:
                HomeFeaturedItem.objects.create(page=home, item=page, sort_order=order)

    # -- synthetic volume --------------------------------------------------------------------------------

    def synthetic(self, count):
        """Add ``count`` synthetic items spread over the three types, deterministic for a given count.

        Made for volume (benchmarks, search at scale), so written in bulk: the page rows with one
        ``bulk_create`` per section (tree paths computed here), each type's own row with a raw insert.
        No revisions and no signals: the search index is rebuilt afterwards; Wagtail's own index (used only
        by the benchmarks' comparison) needs ``update_index``.
        """
        rng = random.Random(count)
        codes = languages.enabled_codes()
        existing = Page.objects.filter(slug_en__startswith="synthetic-").count()
        towns = [p for p in self.places.values() if p.kind == Place.TOWN]
        planned = {kind: [] for kind in PAGE_MODELS}
        for n in range(existing + 1, existing + count + 1):
            kind, ar, ku, en = content.SYNTHETIC_KINDS[n % len(content.SYNTHETIC_KINDS)]
            s_ar, s_ku, s_en, topic = rng.choice(content.SYNTHETIC_SUBJECTS)
            place = rng.choice(towns)
            has = {"ar": True, "ku": rng.random() < 0.5, "en": rng.random() < 0.7}
            titles = {
                "ar": f"{ar.format(s=s_ar, p=place.name_ar)} ({n})",
                "ku": f"{ku.format(s=s_ku, p=place.name_ku)} ({n})",
                "en": f"{en.format(s=s_en, p=place.name_en)} ({n})",
            }
            summaries = {
                "ar": f"ناقش المشاركون في {place.name_ar} قضايا {s_ar} واقترحوا توصيات عملية.",
                "ku": f"Beşdaran li {place.name_ku} pirsgirêkên {s_ku} nîqaş kirin û pêşniyar kirin.",
                "en": f"Participants in {place.name_en} discussed {s_en} and proposed practical recommendations.",
            }
            keep = [c for c in codes if has.get(c)]
            planned[kind].append(
                {
                    "n": n,
                    "titles": {c: titles[c] for c in keep},
                    "summaries": {c: summaries[c] for c in keep},
                    "date": datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(0, 2500)),
                    "topic": self.topics[topic],
                    "place": place,
                    "project": self.projects["participatory-democracy"] if rng.random() < 0.3 else None,
                }
            )
        for kind, items in planned.items():
            if items:
                self.bulk_pages(self.indexes[kind], PAGE_MODELS[kind], items)
        self.stdout.write(f"Added {count} synthetic item(s).")

    def bulk_pages(self, parent, model, items):
        from django.contrib.contenttypes.models import ContentType

        codes = languages.enabled_codes()
        parent = Page.objects.get(pk=parent.pk)
        last = parent.get_last_child()
        path = last.path if last else None
        content_type = ContentType.objects.get_for_model(model)
        pages = []
        for item in items:
            path = Page(path=path)._inc_path() if path else Page._get_path(parent.path, parent.depth + 1, 1)
            slugs = {c: unicode_slug(t, 100) for c, t in item["titles"].items()}
            slugs["en"] = f"synthetic-{item['n']}"
            first_title = item["titles"][codes[0]]
            published = datetime.datetime.combine(item["date"], datetime.time(9), datetime.UTC)
            page = Page(
                path=path,
                depth=parent.depth + 1,
                numchild=0,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                locale_id=parent.locale_id,
            )
            page.__dict__.update(title=first_title, draft_title=first_title, slug=slugs[codes[0]])
            for code in codes:
                setattr(page, build_localized_fieldname("title", code), item["titles"].get(code))
                setattr(page, build_localized_fieldname("slug", code), slugs.get(code))
            page.set_url_path(parent)
            page.__dict__["url_path"] = getattr(page, build_localized_fieldname("url_path", codes[0]))
            pages.append(page)
        Page.objects.bulk_create(pages)
        for page, item in zip(pages, items, strict=True):
            specific = model(page_ptr_id=page.pk, date=item["date"], project=item["project"])
            for code, text in item["summaries"].items():
                setattr(specific, build_localized_fieldname("summary", code), text)
                setattr(
                    specific,
                    build_localized_fieldname("body", code),
                    [{"type": "paragraph", "value": f"<p>{text}</p><p>{item['titles'][code]}</p>"}],
                )
            if model is news.DialogueSessionPage:
                specific.participants_total = 20
            specific.save_base(raw=True, force_insert=True)
        model.topics.through.objects.bulk_create(
            model.topics.through(**{f"{model._meta.model_name}_id": p.pk, "topic_id": i["topic"].pk})
            for p, i in zip(pages, items, strict=True)
        )
        model.places.through.objects.bulk_create(
            model.places.through(**{f"{model._meta.model_name}_id": p.pk, "place_id": i["place"].pk})
            for p, i in zip(pages, items, strict=True)
        )
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
