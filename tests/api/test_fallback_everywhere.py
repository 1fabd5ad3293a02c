"""The promise frontend developers build on: every text in an answer is in the requested language unless its
path is listed in the nearest ``fallback`` (with that language and its direction).

Every text of the data below carries a marker of the language it was written in (``مؤشر``, ``KURMANCI``,
``ENGLISH``). A walker visits every string of each answer, works out the language the answer claims for it
(the nearest enclosing object with a ``fallback``; the longest listed path that contains it; else the
requested language) and compares it with the marker. Nothing may escape the list.
"""

from __future__ import annotations

import re

import pytest

from cms.factories import ImageFactory
from home.factories import SiteSettingsFactory
from home.models import HomeFeaturedItem, MenuItem
from news.factories import (
    DialogueSessionPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    ProjectFactory,
    TopicFactory,
)
from news.taxonomy import Place

MARKERS = {"ar": "مؤشر", "ku": "KURMANCI", "en": "ENGLISH"}
DIRS = {"ar": "rtl", "ku": "ltr", "en": "ltr"}
# Not prose: identifiers and addresses (a slug or path may be in another script), the record itself, and
# ``translations`` (each entry names its own ``lang``).
# ``languages[].native_name`` is each language's own name, in that language (named by its ``code``).
IDENTIFIERS = {"slug", "path", "url", "next", "previous", "fallback", "translations", "native_name"}


def marked(code: str, text: str) -> str:
    return f"{text} {MARKERS[code]}"


def _language_of(text: str) -> str | None:
    found = [code for code, marker in MARKERS.items() if marker in text]
    assert len(found) <= 1, f"a text mixes languages: {text!r}"
    return found[0] if found else None


def _covering(fallback: dict, path: str) -> str | None:
    """The language the answer claims for ``path``: the longest listed path that is it or contains it."""
    best = None
    for listed in fallback["fields"]:
        if path == listed or path.startswith(listed + ".") or path.startswith(listed + "["):
            if best is None or len(listed) > len(best):
                best = listed
    return fallback["sources"][best] if best else None


def walk(node, requested: str, fallback: dict | None = None, path: str = "", seen=None):
    """Yield ``(path, text, claimed language)`` for every marked string under ``node``."""
    if isinstance(node, dict):
        if isinstance(node.get("fallback"), dict) and "lang" in node:
            # An object that answers for itself (an item, a card, an entry): its own record starts here.
            fallback, path, requested = node["fallback"], "", node["lang"]
            for listed in fallback["fields"]:
                assert fallback["dirs"][listed] == DIRS[fallback["sources"][listed]]
        for key, value in node.items():
            if key in IDENTIFIERS:
                continue
            yield from walk(value, requested, fallback, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from walk(value, requested, fallback, f"{path}[{n}]")
    elif isinstance(node, str) and _language_of(node):
        claimed = (_covering(fallback, path) if fallback else None) or requested
        yield path, node, claimed


def assert_honest(data, requested):
    checked = 0
    for path, text, claimed in walk(data, requested):
        checked += 1
        assert _language_of(text) == claimed, f"{path}: {text!r} is not in {claimed}"
    assert checked, "the walker found no text to check"
    return checked


@pytest.fixture
def arabic_names(site_tree):
    """An item filed under names written only in Arabic, with Kurmanji and English texts of its own."""
    region = PlaceFactory(slug="jazira", kind=Place.REGION, name_ar=marked("ar", "الجزيرة"), name_en=None)
    town = PlaceFactory(slug="darbasiyah", kind=Place.TOWN, parent=region, name_ar=marked("ar", "الدرباسية"))
    town.name_en = town.name_ku = None
    town.save()
    topic = TopicFactory(slug="displaced", name_ar=marked("ar", "النازحون"), name_ku=None, name_en=None)
    funder = OrganisationFactory(slug="funder", name_ar=marked("ar", "المانح"), name_ku=None, name_en=None)
    partner = OrganisationFactory(
        slug="partner", name_ar=marked("ar", "الشريك"), name_ku=None, name_en=marked("en", "The partner")
    )
    project = ProjectFactory(slug="project", name_ar=marked("ar", "المشروع"), name_ku=None, name_en=None, funder=funder)
    trainer = PersonFactory(
        slug="trainer", name_ar=marked("ar", "المدرب"), name_ku=None, name_en=None, role_ar=marked("ar", "مدرب")
    )
    trainer.role_ku = trainer.role_en = None
    trainer.save()
    image = ImageFactory(description_ar=marked("ar", "صورة"), description_ku=None, description_en=None)
    body = [
        {"type": "heading", "value": marked("ku", "Sernav")},
        {"type": "paragraph", "value": f"<p>{marked('ku', 'Nivîs')}</p>"},
        {"type": "image", "value": {"image": image.pk, "caption": marked("ku", "Wêne")}},
        {"type": "quote", "value": {"text": marked("ku", "Gotin"), "attribution": marked("ku", "Kes")}},
    ]
    session = DialogueSessionPageFactory(
        parent=site_tree["sessions"],
        title_ar=marked("ar", "جلسة"),
        title_ku=marked("ku", "Rûniştin"),
        title_en=None,
        summary_ar=marked("ar", "ملخص"),
        summary_ku=None,
        summary_en=marked("en", "Summary"),
        body_ar=[{"type": "heading", "value": marked("ar", "عنوان")}],
        body_ku=body,
        outcomes_ar=[{"type": "item", "value": marked("ar", "نتيجة")}],
        main_image=image,
        project=project,
        dateline_place=town,
    )
    session.topics.set([topic])
    session.places.set([town, region])
    session.partners.set([partner])
    session.facilitators.set([trainer])
    session.organisers.set([partner])
    session.funders.set([funder])
    session.save()
    other = NewsPageFactory(
        parent=site_tree["news"], title_ar=marked("ar", "خبر"), title_ku=None, title_en=None, project=project
    )
    other.topics.set([topic])
    other.save()
    return {"session": session, "other": other, "town": town, "image": image, **site_tree}


@pytest.mark.parametrize("code", ["ku", "en"])
def test_item_lists_every_arabic_name(api, arabic_names, code):
    data = api.get(f"dialogue-sessions/{arabic_names['session'].pk}/", {"lang": code}).data
    sources = data["fallback"]["sources"]
    for path in (
        "places[0].name",
        "places[1].name",
        "dateline_place.name",
        "topics[0].name",
        "project.name",
        "project.funder.name",
        "session.facilitators[0].name",
        "session.facilitators[0].role",
        "session.funders[0].name",
        "people[0].name",
        "image.alt",
        "session.outcomes",
    ):
        assert sources[path] == "ar", path
        assert data["fallback"]["dirs"][path] == "rtl"
    assert_honest(data, code)


def test_mixed_sources_name_each_language(api, arabic_names):
    """English asked: title and body fall back to Arabic, the English summary is its own; Kurmanji asked: the
    summary falls back to Arabic (ku → ar → en) while the Kurmanji body stays Kurmanji, and the alt text of
    an image inside it is recorded on its own path."""
    data = api.get(f"dialogue-sessions/{arabic_names['session'].pk}/", {"lang": "en"}).data
    fallback = data["fallback"]
    assert fallback["sources"]["title"] == "ar"
    assert fallback["sources"]["body"] == "ar"
    assert "summary" not in fallback["sources"]  # written in English
    # English asked: the Kurmanji-only body image alt is not involved; everything fell back to Arabic.
    assert fallback["from"] == "ar" and fallback["dir"] == "rtl"

    ku = api.get(f"dialogue-sessions/{arabic_names['session'].pk}/", {"lang": "ku"}).data["fallback"]
    assert ku["sources"]["summary"] == "ar"
    assert ku["sources"]["body[2].value.image.alt"] == "ar"
    assert "body" not in ku["sources"]
    assert ku["from"] == "ar"


def test_different_languages_leave_from_empty(api, arabic_names):
    session = arabic_names["session"]
    session.summary_ar = None
    session.save()
    data = api.get(f"dialogue-sessions/{session.pk}/", {"lang": "ku"}).data
    fallback = data["fallback"]
    assert fallback["sources"]["summary"] == "en" and fallback["sources"]["places[0].name"] == "ar"
    assert fallback["from"] is None and fallback["dir"] is None
    assert fallback["dirs"]["summary"] == "ltr" and fallback["dirs"]["places[0].name"] == "rtl"
    assert_honest(data, "ku")


# The session is available in Arabic only (its Kurmanji version lacks the summary the source has).
SEARCH_WORDS = {"ar": "جلسة"}


@pytest.mark.parametrize(
    "code, endpoint",
    [(code, endpoint) for code in ("ar", "ku", "en") for endpoint in ("items/", "news/", "dialogue-sessions/")]
    + [(code, "search/") for code in SEARCH_WORDS],
)
def test_lists_are_honest(api, arabic_names, code, endpoint):
    params = {"lang": code, "q": SEARCH_WORDS[code]} if endpoint == "search/" else {"lang": code}
    data = api.get(endpoint, params).data
    assert data["results"]
    assert_honest(data, code)


@pytest.mark.parametrize("code", ["ku", "en"])
@pytest.mark.parametrize("name", ["topics", "places", "projects", "organisations", "people"])
def test_taxonomies_say_lang_as_items_do(api, arabic_names, code, name):
    data = api.get(f"{name}/", {"lang": code}).data
    for entry in data["results"]:
        assert entry["lang"] == code and entry["dir"] == DIRS[code]
    assert_honest(data, code)
    if name == "places":
        town = next(e for e in data["results"] if e["slug"] == "darbasiyah")
        assert town["fallback"]["sources"] == {"name": "ar"} and town["fallback"]["dirs"] == {"name": "rtl"}


@pytest.mark.parametrize("code", ["ku", "en"])
def test_home_and_site_are_honest(api, arabic_names, code):
    home = arabic_names["home"]
    for section in ("news", "statements", "sessions"):
        page = arabic_names[section]
        page.title_ar, page.title_ku, page.title_en = marked("ar", "قسم"), None, None
        page.intro_ar = marked("ar", "مقدمة")
        page.save()
    home.title_ku = home.title_en = None
    home.title_ar = marked("ar", "الرئيسية")
    home.save()
    HomeFeaturedItem.objects.create(page=home, item=arabic_names["session"], sort_order=0)
    settings = SiteSettingsFactory(
        organisation_name_ar=marked("ar", "مركز"), organisation_name_en=None, organisation_name_ku=None
    )
    MenuItem.objects.create(settings=settings, link_page=arabic_names["news"], sort_order=0)
    MenuItem.objects.create(settings=settings, link_url="https://example.org/", label_ar=marked("ar", "رابط"))

    data = api.get("home/", {"lang": code}).data
    assert data["fallback"]["sources"]["sections[0].title"] == "ar"
    assert data["fallback"]["sources"]["seo.title"] == "ar"
    assert assert_honest(data, code) >= 8
    site = api.get("site/", {"lang": code}).data
    assert site["fallback"]["sources"]["menu[0].label"] == "ar"
    assert site["fallback"]["sources"]["organisation_name"] == "ar"
    assert_honest(site, code)


def test_the_walker_catches_an_unlisted_text():
    """The check itself can fail: an Arabic name in a Kurmanji answer with nothing listed."""
    answer = {"lang": "ku", "title": marked("ku", "Sernav"), "places": [{"name": marked("ar", "مكان")}]}
    answer["fallback"] = {"used": False, "fields": [], "sources": {}, "dirs": {}, "from": None, "dir": None}
    with pytest.raises(AssertionError, match=re.escape("places[0].name")):
        assert_honest(answer, "ku")
