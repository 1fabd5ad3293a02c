"""Nothing the public may not see leaves the CMS, through any surface.

Every visibility case is built once for the module, each carrying a marker of its own in every text it has
(titles, summaries and bodies in Arabic, Kurmanji and English; image titles and alt texts; document titles).
Then every public surface is read and no marker, no path of a hidden page and no file of a hidden image or
document may appear in any answer, body or header: API lists (with every filter value that could select a
hidden item, in every language), details (a hidden id answers exactly as an id that never existed), ``resolve/``,
home, site, related cards, search and suggestions, feeds, the sitemap, the preview without a valid token, the
CMS's own page addresses, media files, renditions and document downloads, and the webhook payloads sent while
the cases were made.

The API's endpoints and their filters are read from the API root and its OpenAPI schema, so an endpoint or a
filter added later is checked without editing this module. A public control item carries a marker too: each
surface must show it, which proves the surface was really read.

The data are made in two phases, as editors would: first everything public (stored documents, renditions and
answers are built then, and the surfaces are read once so caches are warm), then the changes that hide
(drafts, schedules, expiry, restrictions, moves into private collections), with a webhook endpoint listening.
Run ``pytest tests/production/test_no_leaks.py -s`` to see how many checks were made.
"""

from __future__ import annotations

import datetime
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from cms import languages
from cms.api import cache as content_version
from cms.factories import DocumentFactory, ImageFactory
from cms.paths import Paths
from delivery import preview
from delivery.feeds import FEED_TYPES
from delivery.models import WebhookDelivery, WebhookEndpoint
from home.factories import SiteSettingsFactory
from home.models import HomeFeaturedItem, MenuItem
from news.factories import (
    DialogueSessionPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PlaceFactory,
    ProjectFactory,
    StatementPageFactory,
    TopicFactory,
)
from news.models import StatementAttachment
from news.taxonomy import Place
from tests.conftest import build_site_tree
from tests.delivery.receiver import Receiver

pytestmark = pytest.mark.django_db  # the test database is set up before the module's data are built

FRONTEND = "https://www.example.org"
CONTROL = "ctrl-public-5e5e"  # a public item: every surface that lists items must show it
NEVER_ID = 987_654_321
NEVER_PATH_SLUG = "never-existed-0000"
# The "expiring" case is public when the first phase ends and expires by the clock alone (no save, no signal,
# the scheduler not run) this many seconds later, once the warm reading is done.
EXPIRES_AFTER = 10
# Responses × cases checked: the module fails if it ever checks fewer (a surface silently dropped).
FLOOR = 30_000


# -- the cases ------------------------------------------------------------------------------------------------


@dataclass
class Case:
    """One way of being hidden: its marker, the pages and media it hides, and what must never be shown."""

    name: str
    marker: str
    pages: list = field(default_factory=list)  # hidden page ids
    paths: set = field(default_factory=set)  # frontend paths of the hidden pages, every language
    files: set = field(default_factory=set)  # /media/... and /documents/... addresses of hidden media
    images: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    was_public: bool = True  # its paths were public once: an unpublish webhook may name them


MARKERS = {
    "draft": "leak-draft-7f3a",
    "newer-draft": "leak-newerdraft-91c2",
    "scheduled": "leak-scheduled-4be8",
    "future-live": "leak-futurelive-0d6e",
    "expired": "leak-expired-c5a1",
    "expiring": "leak-expiring-3c9d",
    "unpublished": "leak-unpublished-2f9b",
    "password": "leak-password-8e47",
    "login": "leak-login-b3d0",
    "groups": "leak-groups-6a15",
    "password-section": "leak-pwsection-1c7d",
    "password-child": "leak-pwchild-e2f4",
    "login-section": "leak-loginsection-53a9",
    "login-child": "leak-loginchild-a8b6",
    "groups-section": "leak-groupsection-7d21",
    "groups-child": "leak-groupchild-3e90",
    "draft-in-section": "leak-sectiondraft-0b4e",
    "alias-of-login": "leak-aliaslogin-5b3c",
    "alias-of-child": "leak-aliaschild-c4d8",
    "private-image": "leak-privimage-9a1e",
    "child-collection-image": "leak-childimage-2d7b",
    "moved-image": "leak-movedimage-f0c3",
    "restricted-later-image": "leak-laterimage-6e2a",
    "collection-moved-image": "leak-collmoved-b71d",
    "private-document": "leak-privdoc-4f8e",
    "child-collection-document": "leak-childdoc-8c05",
    "restricted-later-document": "leak-laterdoc-1a6f",
    "menu": "leak-menu-d93b",
}
NEVER_PUBLIC = {"draft", "scheduled", "future-live", "draft-in-section"}
# Leaks found and not fixed yet, left out of the checks meanwhile (a found leak is fixed with a regression test
# in the module owning the rule; none is open now).
OPEN_FINDINGS: set[str] = set()
# Cases public in the first phase: the warm reading must have seen their markers (else hiding them proves nothing).
SEEN_WHILE_PUBLIC = {
    "menu",
    "expired",
    "expiring",
    "unpublished",
    "password",
    "login",
    "groups",
    *(f"{kind}-{part}" for kind in ("password", "login", "groups") for part in ("section", "child")),
    "alias-of-login",
    "alias-of-child",
    "moved-image",
    "restricted-later-image",
    "collection-moved-image",
    "restricted-later-document",
}


def texts(marker: str, slug: str | None = None) -> dict:
    """Titles, summaries and bodies in the three languages, each with the marker."""
    data = {
        "title_ar": f"عنوان {marker}",
        "title_ku": f"Sernav {marker}",
        "title_en": f"Title {marker}",
        "summary_ar": f"ملخص {marker}",
        "summary_ku": f"Kurte {marker}",
        "summary_en": f"Summary {marker}",
        "body_ar": [{"type": "paragraph", "value": f"<p>نص {marker}</p>"}],
        "body_ku": [{"type": "paragraph", "value": f"<p>Nivîs {marker}</p>"}],
        "body_en": [{"type": "paragraph", "value": f"<p>Body {marker}</p>"}],
    }
    slug = slug or marker
    data.update(slug_ar=slug, slug_ku=slug, slug_en=slug)
    return data


def neutral(name: str) -> dict:
    """Texts without the marker: what a page showed while it was public (its paths are public facts)."""
    return texts(f"public text of {name}", slug=f"case-{name}")


def marked_image(marker: str, collection):
    return ImageFactory(
        title=f"image {marker}",
        description_ar=f"صورة {marker}",
        description_ku=f"Wêne {marker}",
        description_en=f"Picture {marker}",
        collection=collection,
    )


def marked_document(marker: str, collection):
    return DocumentFactory(title=f"document {marker}", collection=collection)


# -- building ---------------------------------------------------------------------------------------------------


def _file(item) -> str:
    return "/media/" + item.file.name


def _image_files(image) -> set:
    image.refresh_from_db()
    return {_file(image), *(_file(rendition) for rendition in image.renditions.all())}


def _document_files(document) -> set:
    return {_file(document), f"/documents/{document.pk}/{document.filename}"}


def _file_alone(item) -> set:
    return {_file(item)}


def _page_paths(page_ids) -> set:
    paths = Paths()
    result = set()
    for page in Page.objects.filter(pk__in=page_ids).specific():
        for code in languages.enabled_codes():
            result.add(paths.path(page, code))
    return result


def _file_on(page, **filing):
    page.topics.set([filing["topic"]])
    page.places.set([filing["town"]])
    page.partners.set([filing["partner"]])
    page.project = filing["project"]
    page.dateline_place = filing["town"]
    page.save()
    return page


def build_public_phase(tree) -> dict:
    """Everything as it was while public: items, sections, media, filing, aliases, and the linking item."""
    topic = TopicFactory(slug="civic-topic", name_en="Civic space")
    governorate = PlaceFactory(slug="hasakah", kind=Place.GOVERNORATE, name_en="Hasakah")
    town = PlaceFactory(slug="amouda", kind=Place.TOWN, parent=governorate, name_en="Amouda")
    funder = OrganisationFactory(slug="a-funder", name_en="A funder")
    partner = OrganisationFactory(slug="a-partner", name_en="A partner")
    project = ProjectFactory(slug="civic-project", funder=funder)
    filing = {"topic": topic, "town": town, "partner": partner, "project": project}
    date = datetime.date(2025, 3, 1)

    root_collection = Collection.get_first_root_node()
    internal = root_collection.add_child(name="Internal")
    board = internal.add_child(name="Board")
    later = root_collection.add_child(name="Published for now")
    moving = root_collection.add_child(name="Moving soon")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )

    media = {
        "private-image": marked_image(MARKERS["private-image"], internal),
        "child-collection-image": marked_image(MARKERS["child-collection-image"], board),
        "moved-image": marked_image(MARKERS["moved-image"], root_collection),
        "restricted-later-image": marked_image(MARKERS["restricted-later-image"], later),
        "collection-moved-image": marked_image(MARKERS["collection-moved-image"], moving),
        "private-document": marked_document(MARKERS["private-document"], internal),
        "child-collection-document": marked_document(MARKERS["child-collection-document"], board),
        "restricted-later-document": marked_document(MARKERS["restricted-later-document"], later),
    }
    control_image = marked_image(CONTROL, root_collection)
    control_document = marked_document(CONTROL, root_collection)

    def item(factory, parent, name, **extra):
        """A page as published: a case's page carries its marker already (public until the second phase)."""
        words = (
            texts(MARKERS[name], slug=f"case-{name}") if name in MARKERS and name != "newer-draft" else neutral(name)
        )
        page = factory(parent=parent, date=date, **{**words, **extra})
        return _file_on(page, **filing)

    pages = {
        "control": _file_on(
            NewsPageFactory(parent=tree["news"], date=date, main_image=control_image, **texts(CONTROL)), **filing
        ),
        "newer-draft": item(StatementPageFactory, tree["statements"], "newer-draft"),
        "expired": item(NewsPageFactory, tree["news"], "expired"),
        "unpublished": item(DialogueSessionPageFactory, tree["sessions"], "unpublished"),
        "password": item(StatementPageFactory, tree["statements"], "password"),
        "login": item(DialogueSessionPageFactory, tree["sessions"], "login"),
        "groups": item(NewsPageFactory, tree["news"], "groups"),
    }
    for kind in ("password", "login", "groups"):
        words = texts(MARKERS[f"{kind}-section"], f"case-{kind}-section")
        section_words = {k: v for k, v in words.items() if k.startswith(("title", "slug"))}
        section_words.update({f"intro_{code}": words[f"summary_{code}"] for code in ("ar", "ku", "en")})
        pages[f"{kind}-section"] = NewsIndexPageFactory(parent=tree["home"], **section_words)
        pages[f"{kind}-child"] = item(NewsPageFactory, pages[f"{kind}-section"], f"{kind}-child")
    # A draft waiting in a section that is restricted later: it was never public, nor its address.
    section_draft = NewsPageFactory(
        parent=pages["login-section"], date=date, live=False, **texts(MARKERS["draft-in-section"])
    )
    section_draft.save_revision()
    pages["draft-in-section"] = section_draft
    for name, original in (("alias-of-login", pages["login"]), ("alias-of-child", pages["password-child"])):
        pages[name] = original.create_alias(parent=tree["news"], update_slug=f"case-{name}")

    # Public items that show the media: main images, body blocks, rich-text links and embeds. Each item shows
    # its own media only, so what hides one image rebuilds no other item's stored answer by chance.
    def image_block(name):
        return {"type": "image", "value": {"image": media[name].pk, "caption": "a caption"}}

    def document_block(name):
        return {"type": "document", "value": {"document": media[name].pk, "title": ""}}

    def paragraph(html):
        return {"type": "paragraph", "value": f"<p>{html}</p>"}

    bodies = {
        "private-image": [
            paragraph(f'<embed embedtype="image" id="{media["private-image"].pk}" format="fullwidth" alt="x"/>'),
            document_block("private-document"),
        ],
        "child-collection-image": [
            image_block("child-collection-image"),
            paragraph(f'<a linktype="document" id="{media["child-collection-document"].pk}">a report</a>'),
        ],
        "moved-image": [image_block("moved-image")],
        "restricted-later-image": [image_block("restricted-later-image"), document_block("restricted-later-document")],
        "collection-moved-image": [image_block("collection-moved-image")],
    }
    shows_media = {}
    for name, body in bodies.items():
        page = NewsPageFactory(
            parent=tree["news"],
            date=date,
            main_image=media[name],
            body_ar=body,
            body_ku=body,
            body_en=body,
            **{k: v for k, v in neutral(f"shows-{name}").items() if not k.startswith("body")},
        )
        shows_media[name] = _file_on(page, **filing)
    statement = item(StatementPageFactory, tree["statements"], "attachments")
    for order, name in enumerate(("private-document", "child-collection-document", "restricted-later-document")):
        StatementAttachment.objects.create(page=statement, document=media[name], sort_order=order)
    StatementAttachment.objects.create(page=statement, document=control_document, sort_order=9)
    # Links from a public body to pages that are public now and hidden in the second phase; this item is not
    # touched again, so its stored answer must follow what it links to.
    pages["expiring"] = item(  # its expiry time is set once this phase is committed (see ``swept``)
        NewsPageFactory, tree["news"], "expiring", expire_at=timezone.now() + datetime.timedelta(days=1)
    )
    linked = ("expired", "expiring", "unpublished", "password", "login-child", "groups-section", "alias-of-login")
    links = " ".join(f'<a linktype="page" id="{pages[name].pk}">{name}</a>' for name in linked)
    linker = item(NewsPageFactory, tree["news"], "linker", body_en=[{"type": "paragraph", "value": f"<p>{links}</p>"}])
    HomeFeaturedItem.objects.create(page=tree["home"], item=pages["expiring"], sort_order=0)
    HomeFeaturedItem.objects.create(page=tree["home"], item=pages["password"], sort_order=1)
    # The menu, set while its pages are public (a settings change rebuilds every stored answer: made now, the
    # second phase's changes alone must keep them right).
    site_settings = SiteSettingsFactory()
    menu = {0: ("menu", pages["login"]), 1: ("", pages["draft-in-section"]), 2: ("", pages["password-section"])}
    menu.update({3: (f"{CONTROL} menu", tree["news"]), 4: ("", pages["alias-of-login"])})
    for order, (label, page) in menu.items():
        MenuItem.objects.create(
            settings=site_settings, label=MARKERS[label] if label == "menu" else label, link_page=page, sort_order=order
        )
    site_settings.save()
    # A topic renamed in the second phase: filed on a few pages only, so its change rebuilds no other answer.
    renamed = TopicFactory(slug="renamed-topic", name_en="To be renamed")
    for name in ("control", "password", "login-child", "draft-in-section"):
        pages[name].topics.add(renamed)
        pages[name].save()
    return {
        **tree,
        "renamed_topic": renamed,
        "filing": filing,
        "date": date,
        "pages": pages,
        "media": media,
        "collections": {"internal": internal, "board": board, "later": later, "moving": moving},
        "control_image": control_image,
        "control_document": control_document,
        "shows_media": shows_media,
        "statement": statement,
        "linker": linker,
    }


def build_hiding_phase(world) -> dict:
    """The changes that hide, as editors make them; returns the cases."""
    tree, pages, media, filing = world, world["pages"], world["media"], world["filing"]
    date = world["date"]
    future = timezone.now() + datetime.timedelta(days=3)
    past = timezone.now() - datetime.timedelta(hours=1)

    draft = _file_on(NewsPageFactory(parent=tree["news"], date=date, live=False, **texts(MARKERS["draft"])), **filing)
    draft.save_revision()
    scheduled = _file_on(
        StatementPageFactory(parent=tree["statements"], date=date, live=False, **texts(MARKERS["scheduled"])),
        **filing,
    )
    scheduled.go_live_at = future
    scheduled.save_revision().publish()
    future_live = _file_on(
        NewsPageFactory(parent=tree["news"], date=date, go_live_at=future, **texts(MARKERS["future-live"])), **filing
    )
    pages.update(draft=draft, scheduled=scheduled, **{"future-live": future_live})

    newer = pages["newer-draft"]
    for key, value in texts(MARKERS["newer-draft"]).items():
        setattr(newer, key, value)
    newer.save_revision()  # saved, not published: the live row keeps its public texts

    expired = pages["expired"]
    expired.expire_at = past
    expired.save()  # the scheduler has not run: still live, not marked expired
    pages["unpublished"].unpublish()

    group = Group.objects.create(name="Board members")
    PageViewRestriction.objects.create(
        page=pages["password"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(page=pages["login"], restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=pages["groups"], restriction_type=PageViewRestriction.GROUPS).groups.set(
        [group]
    )
    PageViewRestriction.objects.create(
        page=pages["password-section"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(page=pages["login-section"], restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=pages["groups-section"], restriction_type=PageViewRestriction.GROUPS
    ).groups.set([group])

    # A restricted page renamed (a slug change) and a draft moved: neither may be announced.
    renamed = Page.objects.get(pk=pages["password"].pk).specific
    renamed.slug_en = renamed.slug_ku = renamed.slug_ar = MARKERS["password"]
    renamed.save_revision().publish()
    pages["password"] = renamed
    Page.objects.get(pk=draft.pk).move(tree["sessions"], pos="last-child")
    # Media: one moved into the private collection, one collection restricted, one collection moved under a
    # restricted one (as the admin's collection form does it).
    moved = media["moved-image"]
    moved.collection = world["collections"]["internal"]
    moved.save()
    CollectionViewRestriction.objects.create(
        collection=world["collections"]["later"], restriction_type=CollectionViewRestriction.LOGIN
    )
    Collection.objects.get(pk=world["collections"]["moving"].pk).move(world["collections"]["internal"], "sorted-child")

    # Links from a public body to pages that were never public, published now.
    late_linker = _file_on(NewsPageFactory(parent=tree["news"], date=date, **neutral("late-linker")), **filing)
    links = " ".join(
        f'<a linktype="page" id="{pages[name].pk}">{name}</a>' for name in ("draft", "scheduled", "future-live")
    )
    late_linker.body_en = late_linker.body_ku = [{"type": "paragraph", "value": f"<p>{links}</p>"}]
    late_linker.save_revision().publish()
    world["late_linker"] = late_linker
    control = Page.objects.get(pk=pages["control"].pk).specific
    control.summary_en = f"Summary {CONTROL} (updated)"
    control.save_revision().publish()

    # Home, menu and redirects pointing at hidden pages.
    for order, name in enumerate(("draft", "login", "alias-of-login", "expired", "control"), start=2):
        HomeFeaturedItem.objects.create(page=tree["home"], item=pages[name], sort_order=order)
    redirects = {
        "/old-login": pages["login"],
        "/en/old-draft": pages["draft"],
        "/old-section": pages["password-section"],
        "/old-expired": pages["expired"],
        "/old-alias": pages["alias-of-login"],
        "/old-control": pages["control"],
    }
    for old_path, page in redirects.items():
        Redirect.objects.create(old_path=old_path, redirect_page=page, site=None)

    # A taxonomy entry renamed: its webhook names the public pages filed under it, no others.
    topic = world["renamed_topic"]
    topic.name_en = "Renamed topic"
    topic.save()

    cases = []
    for name, marker in MARKERS.items():
        case = Case(name, marker, was_public=name not in NEVER_PUBLIC)
        if name in pages:
            case.pages = [pages[name].pk]
            case.paths = _page_paths(case.pages)
        if name in media:
            obj = media[name]
            if name.endswith("image"):
                case.images = [obj]
                case.files = _image_files(obj)
            else:
                case.documents = [obj]
                case.files = _document_files(obj)
        cases.append(case)
    by_name = {case.name: case for case in cases}
    # An alias shows its original: the original's marker is what it would leak.
    by_name["alias-of-login"].marker = MARKERS["login"]
    by_name["alias-of-child"].marker = MARKERS["password-child"]
    # The newer draft's page is public; what is hidden is the draft's text and its new path.
    by_name["newer-draft"].pages = []
    by_name["newer-draft"].paths = {
        f"/{code}/statements/{MARKERS['newer-draft']}/" for code in languages.enabled_codes()
    }
    by_name["newer-draft"].was_public = False
    by_name["password"].paths |= {f"/{code}/statements/case-password/" for code in languages.enabled_codes()}
    world["redirects"] = {old: page.pk for old, page in redirects.items()}
    return by_name


# -- reading the surfaces --------------------------------------------------------------------------------------


@dataclass
class Answer:
    surface: str
    url: str
    status: int
    headers: dict
    text: str  # lower-cased body
    data: object = None
    asked: str = ""  # what the client sent that an answer may repeat (a problem's detail names the path)

    def _without_echo(self, text: str) -> str:
        if not self.asked:
            return text
        for form in (self.asked, quote(self.asked, safe="")):
            text = text.replace(form.lower(), "<asked>")
        return text

    @property
    def shown(self) -> str:
        """The body without the echo of what was asked: repeating the client's own input reveals nothing
        (a problem's detail names the path, Wagtail's sign-in link names the address to come back to)."""
        return self._without_echo(self.text)

    @property
    def shown_headers(self) -> str:
        return self._without_echo(" ".join(f"{k}: {v}" for k, v in self.headers.items()).lower())


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class Reader:
    """Reads every surface once and keeps what it got."""

    def __init__(self):
        self.client = Client()
        self.answers: list[Answer] = []

    def get(self, surface: str, url: str, params=None, keep=True, asked="") -> Answer:
        response = self.client.get(url, params or {})
        raw = _body(response)
        text = raw.decode("utf-8", errors="replace")
        data = None
        if "json" in response.get("Content-Type", ""):
            try:
                data = json.loads(text)
            except ValueError:
                data = None
        query = "&".join(f"{k}={v}" for k, v in (params or {}).items())
        answer = Answer(
            surface,
            f"{url}?{query}" if query else url,
            response.status_code,
            dict(response.items()),
            text.lower(),
            data,
            asked,
        )
        answer.raw = raw
        if keep:
            self.answers.append(answer)
        return answer


def schema_operations(reader: Reader) -> dict:
    """``{path: [parameter, ...]}`` of every GET operation in the API's own OpenAPI schema."""
    schema = reader.get("api", "/api/v1/schema/").data
    result = {}
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        result[path] = {p["name"]: p for p in operation.get("parameters", []) if p.get("in") == "query"}
    return result


def parameter_values(name: str, spec: dict, world, cases) -> list:
    """Every value of a list filter that could select a hidden item."""
    schema = spec.get("schema", {})
    enum = schema.get("enum") or schema.get("items", {}).get("enum")
    if enum:
        return list(enum)
    filing = world["filing"]
    slugs = {
        "topic": [filing["topic"].slug],
        "place": [filing["town"].slug, filing["town"].parent.slug],
        "project": [filing["project"].slug],
        "organisation": [filing["partner"].slug, filing["project"].funder.slug],
    }
    if name in slugs:
        return slugs[name]
    if name in ("date_from", "date_to"):
        return [world["date"].isoformat()]
    if name == "translated":
        return ["only"]
    return []


def read_everything(world, cases, reader: Reader) -> dict:
    """Every public surface, as a reader would fetch it; returns facts the tests check besides the answers."""
    codes = languages.enabled_codes()
    facts = {}
    root = reader.get("api-root", "/api/v1/")
    endpoints = {name: urlsplit(url).path for name, url in root.data["endpoints"].items()}
    facts["endpoints"] = endpoints
    operations = schema_operations(reader)
    hidden_ids = sorted({pk for case in cases.values() for pk in case.pages})
    public_ids = sorted(
        {world["pages"]["control"].pk, world["statement"].pk, world["linker"].pk, world["late_linker"].pk}
        | {world["pages"]["newer-draft"].pk}
        | {page.pk for page in world["shows_media"].values()}
    )
    facts["public_ids"] = public_ids
    facts["hidden_ids"] = hidden_ids

    # Every endpoint of the root, bare and in every language.
    for path in endpoints.values():
        for code in (None, *codes):
            reader.get("api-endpoint", path, {"lang": code} if code else {})

    # Lists: every filter and ordering their schema declares, with every value that could pick a hidden item.
    lists, details = [], []
    for path, params in operations.items():
        if "{id}" in path:
            details.append(path)
        elif "limit" in params and not {"q", "path", "token"} & set(params):
            lists.append((path, params))
    facts["lists"] = [path for path, _ in lists]
    facts["details"] = details
    for path, params in lists:
        for code in codes:
            base = {"lang": code, "limit": 100}
            reader.get("list", path, base)
            for name, spec in params.items():
                if name in ("lang", "limit", "offset"):
                    continue
                for value in parameter_values(name, spec, world, cases):
                    reader.get("list", path, {**base, name: value})

    # Details: every hidden id on every detail endpoint, compared with an id that never existed; public
    # items' details (related cards, bodies, media) in every language.
    facts["detail_pairs"] = []
    for path in details:
        for code in codes:
            never = reader.get("detail", path.replace("{id}", str(NEVER_ID)), {"lang": code})
            for pk in hidden_ids:
                answer = reader.get("detail", path.replace("{id}", str(pk)), {"lang": code})
                facts["detail_pairs"].append((answer, never, str(pk), str(NEVER_ID)))
            for pk in public_ids:
                reader.get("detail", path.replace("{id}", str(pk)), {"lang": code})

    # resolve/: every hidden path, and the old paths of redirects to hidden pages.
    facts["resolve_pairs"] = []
    resolve = endpoints["resolve"]
    hidden_paths = sorted({path for case in cases.values() for path in case.paths})
    redirect_paths = [old for old, pk in world["redirects"].items() if pk != world["pages"]["control"].pk]
    asked = list(hidden_paths)
    for old in redirect_paths:
        asked += [old + "/"] if old.startswith("/en/") else [f"/{code}{old}/" for code in codes]
    nevers = {}
    for path in asked:
        code = path.split("/")[1]
        never_path = f"/{code}/news/{NEVER_PATH_SLUG}/"
        if code not in nevers:
            nevers[code] = reader.get("resolve", resolve, {"path": never_path})
        answer = reader.get("resolve", resolve, {"path": path}, asked=path)
        facts["resolve_pairs"].append((answer, nevers[code], path, never_path))
    reader.get("resolve", resolve, {"path": "/en/old-control"})

    # home/ and site/ in every language (featured items, sections, menu).
    for name in ("home", "site"):
        for code in codes:
            reader.get(name, endpoints[name], {"lang": code})

    # search/ and search/suggest/: every marker, and its last word alone, in every language.
    for name in ("search", "search/suggest"):
        for code in codes:
            for case in cases.values():
                for query in (case.marker, case.marker.rsplit("-", 1)[1]):
                    reader.get(name, endpoints[name], {"q": query, "lang": code})
            reader.get(name, endpoints[name], {"q": CONTROL, "lang": code})

    # Feeds and the sitemap.
    for code in codes:
        for kind in FEED_TYPES:
            for suffix in ("xml", "atom"):
                reader.get("feed", f"/feeds/{code}/{kind}.{suffix}")
    reader.get("sitemap", "/sitemap.xml")
    reader.get("sitemap", "/sitemap-1.xml")

    # Preview without a token, with a malformed one, a tampered one, and one for another page.
    preview_path = endpoints["preview"]
    facts["preview"] = []
    other = preview.make_token(Page.objects.get(pk=public_ids[0]))
    for index, pk in enumerate(hidden_ids):
        token = preview.make_token(Page.objects.get(pk=pk))
        tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        code = codes[index % len(codes)]
        for params in ({"id": pk}, {"token": "x", "id": pk}, {"token": tampered, "id": pk}, {"token": other, "id": pk}):
            facts["preview"].append(reader.get("preview", preview_path, {**params, "lang": code}))

    # The CMS's own page addresses: with the language, without it (as Wagtail made them), and redirects.
    facts["serving_pairs"] = []
    never_path = f"/en/news/{NEVER_PATH_SLUG}/"
    never = reader.get("serving", never_path)
    for path in hidden_paths:
        without = "/" + path.split("/", 2)[2]
        for address in (path, without):
            facts["serving_pairs"].append((reader.get("serving", address), never, address, never_path))
    for old in redirect_paths:
        for address in (old, old + "/"):
            facts["serving_pairs"].append((reader.get("serving", address), never, address, never_path))

    # Wagtail's password form of a restricted page (its URL names a restriction and a page): a hidden page's
    # form must be the same as a public page's, and show nothing of the page.
    facts["password_form_pairs"] = []
    restriction = PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.PASSWORD).first()
    form = "/_util/authenticate_with_password/{}/{}/"
    public_form = reader.get("serving", form.format(restriction.pk, public_ids[0]))
    for pk in hidden_ids:
        answer = reader.get("serving", form.format(restriction.pk, pk))
        facts["password_form_pairs"].append((answer, public_form, f"/{pk}/", f"/{public_ids[0]}/"))

    # Media: files, renditions and Wagtail's document downloads of every hidden image and document.
    facts["media_pairs"] = []
    never_media = reader.get("media", "/media/original_images/never-existed.jpg")
    for case in cases.values():
        for address in sorted(case.files):
            answer = reader.get("media", address, asked=address)
            facts["media_pairs"].append((case, answer, never_media))
    facts["control"] = {
        "image": reader.get("media", _file(world["control_image"]), keep=False),
        "document": reader.get(
            "media", f"/documents/{world['control_document'].pk}/{world['control_document'].filename}", keep=False
        ),
        "serving": reader.get("serving", "/old-control", keep=False),
    }
    return facts


# -- webhooks ---------------------------------------------------------------------------------------------------


def run_webhook_worker():
    """The worker ``make run`` starts, processing what is due, then stopping."""
    for _ in range(20):
        db_worker.Worker(
            queue_names=["webhooks"],
            interval=0,
            batch=True,
            backend_name="webhooks",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"leaks-{time.monotonic_ns()}",
            excluded_queue_names=[],
        ).run()
        if not WebhookDelivery.objects.filter(status__in=["pending", "retrying"]).exists():
            return
        time.sleep(0.06)


# -- the module's data -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def swept(django_db_setup, django_db_blocker):
    """Build the cases, read every surface, and collect the webhook payloads; rolled back at the end."""
    overrides = override_settings(
        CMS_FRONTEND_URL=FRONTEND,
        CMS_FRONTEND_PREVIEW_URL="",
        CMS_WEBHOOKS=[],
        CMS_WEBHOOK_BACKOFF=0.05,
        CMS_WEBHOOK_MAX_ATTEMPTS=2,
        CMS_WEBHOOK_TIMEOUT=2,
    )
    receiver = Receiver().start()
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch, overrides, django_db_blocker.unblock(), transaction.atomic():
        # The worker closes "obsolete" connections between tasks; inside this transaction that would close it.
        patch.setattr(db_worker, "close_old_connections", lambda: None)
        from django.core.cache import caches

        for cache in caches.all():
            cache.clear()
        with TestCase.captureOnCommitCallbacks(execute=True):
            world = build_public_phase(build_site_tree())
        expiring = world["pages"]["expiring"]
        expiring.expire_at = timezone.now() + datetime.timedelta(seconds=EXPIRES_AFTER)
        Page.objects.filter(pk=expiring.pk).update(expire_at=expiring.expire_at)  # as saved long ago
        # The save that set it would have replaced the content version, which then knows when it expires: the
        # clock alone must hide it from then on, however long the hiding phase takes to build.
        content_version.bump()
        warm = Reader()
        for code in languages.enabled_codes():  # the expiring item first: it is public for a few seconds only
            warm.get("warm", "/api/v1/search/", {"q": MARKERS["expiring"], "lang": code})
        for code in languages.enabled_codes():  # answers cached and stored while everything was public
            for path in ("/api/v1/items/", "/api/v1/news/", "/api/v1/home/", "/api/v1/site/", "/sitemap.xml"):
                warm.get("warm", path, {"lang": code} if path.startswith("/api/") else {})
            warm.get("warm", "/api/v1/items/", {"lang": code, "limit": 100, "offset": 0})
            for page in (*world["shows_media"].values(), world["statement"], world["linker"], world["pages"]["login"]):
                warm.get("warm", f"/api/v1/items/{page.pk}/", {"lang": code})
            for name in SEEN_WHILE_PUBLIC - {"expiring"}:
                warm.get("warm", "/api/v1/search/", {"q": MARKERS[name], "lang": code})
        WebhookEndpoint.objects.create(name="website", url=receiver.url, secret="s3cret")
        with TestCase.captureOnCommitCallbacks(execute=True):
            cases = build_hiding_phase(world)
        run_webhook_worker()
        time.sleep(max(0.0, (world["pages"]["expiring"].expire_at - timezone.now()).total_seconds() + 0.5))
        built = time.monotonic()
        reader = Reader()
        facts = read_everything(world, cases, reader)
        facts["webhooks"] = [item["json"] for item in receiver.received]
        facts["seconds"] = {"build": round(built - started, 1), "read": round(time.monotonic() - built, 1)}
        yield {"world": world, "cases": cases, "answers": reader.answers, "facts": facts, "warm": warm.answers}
        transaction.set_rollback(True)
    receiver.stop()


def leaks_in(answer: Answer, cases) -> list[str]:
    """What of the hidden cases an answer shows: markers, hidden paths or hidden media, in body or headers."""
    found = []
    header_text = answer.shown_headers
    for case in cases.values():
        for needle in (case.marker, *case.paths, *case.files):
            where = [
                part for part, text in (("body", answer.shown), ("headers", header_text)) if needle.lower() in text
            ]
            if where:
                found.append(f"{case.name}: {needle!r} in the {'+'.join(where)} of {answer.url} ({answer.status})")
    return found


def surface_leaks(swept, *surfaces, cases=None) -> list[str]:
    """Leaks of the cases (all but the open findings unless named) through these surfaces."""
    if cases is None:
        cases = {name: case for name, case in swept["cases"].items() if name not in OPEN_FINDINGS}
    return [leak for answer in swept["answers"] if answer.surface in surfaces for leak in leaks_in(answer, cases)]


def answers_of(swept, surface) -> list[Answer]:
    return [answer for answer in swept["answers"] if answer.surface == surface]


def shows_control(answers) -> bool:
    return any(CONTROL in answer.text for answer in answers)


def same_answer(hidden: Answer, never: Answer, hidden_token: str, never_token: str) -> bool:
    """Equal status, headers and body once the id or path asked for is written the same."""

    def normal(answer, token):
        # Lengths follow what was asked; a form's CSRF token and its cookie are new on every answer.
        headers = {k: v for k, v in answer.headers.items() if k.lower() not in ("content-length", "set-cookie")}
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "<csrf>", answer.text)
        return answer.status, headers, text.replace(token.lower(), "<asked>")

    return normal(hidden, hidden_token) == normal(never, never_token)


def _card_ids(data) -> set:
    """Ids of every item-like object (one with a ``path``) and every menu ``page_id`` in a JSON answer."""
    found = set()
    if isinstance(data, dict):
        if "path" in data and isinstance(data.get("id"), int):
            found.add(data["id"])
        if isinstance(data.get("page_id"), int):
            found.add(data["page_id"])
        for value in data.values():
            found |= _card_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= _card_ids(value)
    return found


# -- the checks -----------------------------------------------------------------------------------------------


def test_cases_were_seen_while_public(swept):
    """A case hidden after it was public must have been shown before: else its absence would prove nothing
    about stale stored answers, caches or search entries."""
    warm = " ".join(answer.text for answer in swept["warm"])
    cases = swept["cases"]
    assert sorted(name for name in SEEN_WHILE_PUBLIC if cases[name].marker not in warm) == []
    searched = " ".join(a.text for a in swept["warm"] if "/search/" in a.url)
    pages = [name for name in SEEN_WHILE_PUBLIC if cases[name].pages and not name.endswith("-section")]
    assert sorted(name for name in pages if cases[name].marker not in searched) == [], "search found them then"
    linker = " ".join(
        a.text for a in swept["warm"] if a.url.startswith(f"/api/v1/items/{swept['world']['linker'].pk}/")
    )
    linked = ("expired", "expiring", "unpublished", "password", "login-child", "groups-section", "alias-of-login")
    assert [name for name in linked if not any(path in linker for path in cases[name].paths)] == []


def test_lists_show_no_hidden_item_whatever_the_filter(swept):
    """Every list of the schema, every filter value a hidden item has, every language."""
    answers = answers_of(swept, "list")
    facts = swept["facts"]
    assert {"/api/v1/items/", "/api/v1/news/", "/api/v1/statements/", "/api/v1/dialogue-sessions/"} <= set(
        facts["lists"]
    )
    assert {"/api/v1/topics/", "/api/v1/people/"} <= set(facts["lists"])
    assert shows_control(answers), "the control item is listed: the lists were really read"
    assert {a.status for a in answers} == {200}, [a.url for a in answers if a.status != 200][:5]
    assert surface_leaks(swept, "list", "api-endpoint", "api-root") == []
    hidden = set(facts["hidden_ids"])
    assert [a.url for a in answers if _card_ids(a.data) & hidden] == []
    # A count that included hidden items would tell they exist: every list fits in one page here.
    assert [a.url for a in answers if a.data["count"] != len(a.data["results"])] == []


def test_hidden_ids_answer_as_ids_that_never_existed(swept):
    pairs = swept["facts"]["detail_pairs"]
    assert len(swept["facts"]["details"]) >= 4 and pairs
    for answer, never, token, never_token in pairs:
        assert answer.status == 404 and answer.headers["Content-Type"] == "application/problem+json", answer.url
        assert same_answer(answer, never, token, never_token), answer.url
    assert surface_leaks(swept, "detail") == []
    details = answers_of(swept, "detail")
    assert shows_control(details)
    hidden = set(swept["facts"]["hidden_ids"])
    assert [a.url for a in details if _card_ids(a.data) & hidden] == [], "related cards or links name a hidden item"


def test_resolve_finds_no_hidden_path(swept):
    pairs = swept["facts"]["resolve_pairs"]
    assert pairs
    for answer, never, path, never_path in pairs:
        assert answer.status == 404, answer.url
        assert same_answer(answer, never, path, never_path), answer.url
    assert surface_leaks(swept, "resolve") == []
    assert shows_control(answers_of(swept, "resolve")), "a redirect to the public control is followed"


def test_home_and_site_show_no_hidden_item_section_or_menu_entry(swept):
    answers = answers_of(swept, "home") + answers_of(swept, "site")
    assert shows_control(answers_of(swept, "home")) and shows_control(answers_of(swept, "site"))
    assert surface_leaks(swept, "home", "site") == []
    hidden = set(swept["facts"]["hidden_ids"])
    assert [a.url for a in answers if _card_ids(a.data) & hidden] == []


def test_search_and_suggest_find_no_marker(swept):
    for surface in ("search", "search/suggest"):
        answers = answers_of(swept, surface)
        assert {a.status for a in answers} == {200}
        assert shows_control(answers), f"{surface} finds the control item"
    assert surface_leaks(swept, "search", "search/suggest") == []
    hidden = set(swept["facts"]["hidden_ids"])
    searched = answers_of(swept, "search") + answers_of(swept, "search/suggest")
    assert [a.url for a in searched if _card_ids(a.data) & hidden] == []
    assert [a.url for a in answers_of(swept, "search") if a.data["count"] != len(a.data["results"])] == []


def test_feeds_and_sitemap(swept):
    feeds, sitemaps = answers_of(swept, "feed"), answers_of(swept, "sitemap")
    assert len(feeds) == len(languages.enabled_codes()) * len(FEED_TYPES) * 2
    assert {a.status for a in feeds} == {200} and shows_control(feeds)
    assert sitemaps[0].status == 200 and CONTROL in sitemaps[0].text
    assert surface_leaks(swept, "feed", "sitemap") == []


def test_preview_without_a_valid_token_shows_nothing(swept):
    answers = swept["facts"]["preview"]
    assert answers and {a.status for a in answers} <= {401, 404}
    assert surface_leaks(swept, "preview") == []


def test_the_cms_serves_no_hidden_page_nor_redirects_to_one(swept):
    pairs = swept["facts"]["serving_pairs"]
    assert pairs
    for answer, never, address, never_path in pairs:
        assert answer.status == 404 and "Location" not in answer.headers, (answer.url, answer.status, answer.headers)
        assert same_answer(answer, never, address, never_path), answer.url
    for answer, public, token, public_token in swept["facts"]["password_form_pairs"]:
        assert answer.status == public.status == 200
        assert same_answer(answer, public, token, public_token), answer.url
    assert surface_leaks(swept, "serving") == []
    control = swept["facts"]["control"]["serving"]
    assert control.status == 301 and CONTROL in control.headers["Location"], "redirects still work for public pages"


def test_media_of_private_collections_is_never_served(swept):
    pairs = swept["facts"]["media_pairs"]
    assert {case.name for case, _, _ in pairs} >= {name for name in MARKERS if name.endswith(("image", "document"))}
    for case, answer, never in pairs:
        for item in (*case.images, *case.documents):
            item.file.open("rb")
            content = item.file.read()
            item.file.close()
            assert content not in answer.raw, answer.url
        if answer.url.startswith("/media/"):
            assert answer.status == 404 and same_answer(answer, never, answer.url, never.url), answer.url
        else:  # Wagtail's document download: its password form or the sign-in, never the file
            assert answer.status in (200, 302, 404), answer.url
    assert surface_leaks(swept, "media") == []
    control = swept["facts"]["control"]
    assert control["image"].status == 200 and control["document"].status == 200


def test_webhooks_carry_no_marker_and_announce_no_hidden_page(swept):
    bodies = swept["facts"]["webhooks"]
    cases = swept["cases"]
    assert any(b["event"] == "publish" and b.get("id") == swept["world"]["pages"]["control"].pk for b in bodies)
    assert any(b["event"] == "unpublish" for b in bodies), "restrictions and unpublishing were announced"
    # The expiring item was public while the second phase sent its webhooks: naming it then was right.
    hidden = {pk for case in cases.values() if case.name != "expiring" for pk in case.pages}
    problems = []
    for body in bodies:
        text = json.dumps(body, ensure_ascii=False).lower()
        if body["event"] in ("publish", "move", "slug_change") and body.get("id") in hidden:
            problems.append(f"{body['event']} of hidden page {body['id']}")
        if set(body.get("pages", ())) & hidden:
            named = [c.name for c in cases.values() if set(c.pages) & set(body["pages"])]
            problems.append(f"{body['event']} names hidden pages of {named}")
        for case in cases.values():
            if case.marker in text:
                problems.append(f"{case.name}: marker in {body['event']}")
            if not case.was_public or body["event"] not in ("unpublish", "delete"):
                problems += [f"{case.name}: {p} in {body['event']}" for p in case.paths if p.lower() in text]
    assert problems == []


def test_headers_name_no_hidden_path(swept):
    """Location, Link and every other header, of every answer read."""
    leaks = []
    for answer in swept["answers"]:
        header_text = answer.shown_headers
        for case in swept["cases"].values():
            needles = (case.marker, *case.paths, *case.files)
            leaks += [f"{case.name} in headers of {answer.url}" for n in needles if n.lower() in header_text]
    assert any("Location" in a.headers for a in swept["answers"]) or swept["facts"]["control"]["serving"].status == 301
    assert leaks == []


def test_count_of_checks(swept):
    """Every answer was checked against every case: print the count (``-s``) and keep it above a floor."""
    answers = swept["answers"]
    cases = swept["cases"]
    webhooks = swept["facts"]["webhooks"]
    per_surface = Counter(answer.surface for answer in answers)
    checks = (len(answers) + len(webhooks)) * len(cases)
    print(
        f"\nno-leak sweep: {len(cases)} cases × {len(answers)} answers + {len(webhooks)} webhook payloads "
        f"= {checks} checks; answers per surface: {dict(sorted(per_surface.items()))}; "
        f"seconds: {swept['facts']['seconds']}"
    )
    assert len(cases) == len(MARKERS)
    assert checks >= FLOOR
    # Every marker starts with "leak-": whatever a case is, none of its words reached these surfaces.
    catch_all = ("list", "detail", "home", "site", "feed", "sitemap", "serving", "media", "resolve")
    open_markers = {MARKERS[name] for name in OPEN_FINDINGS}
    assert [
        a.url
        for a in answers
        if a.surface in catch_all and set(re.findall(r"leak-[a-z]+-[0-9a-f]{4}", a.shown)) - open_markers
    ] == []
