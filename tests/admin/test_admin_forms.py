"""Forms as an Arabic editor meets them: which title is required, what errors say, what slug a snippet gets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from wagtail.test.utils.form_data import querydict_from_html

from news.factories import NewsPageFactory
from news.models import DialogueSessionPage, NewsPage
from news.taxonomy import Organisation, Place, Topic

from .catalogs import messages
from .conftest import errors_of, form_data, soup

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def test_only_the_source_language_title_is_marked_required(editor_client, site_tree):
    """Each title input says "Page title" in its own language; the asterisk (required) on Arabic only."""
    client = editor_client.set_admin_language("ar")
    page = soup(client.get(add_url(NewsPage, site_tree["news"])))
    placeholders = {code: page.find("input", attrs={"name": f"title_{code}"}) for code in ("ar", "ku", "en")}
    assert placeholders["ar"]["placeholder"] == "عنوان الصفحة*"
    assert placeholders["ku"]["placeholder"] == "Sernavê rûpelê"
    assert placeholders["en"]["placeholder"] == "Page title"
    assert placeholders["ar"].has_attr("required")
    assert not placeholders["ku"].has_attr("required") and not placeholders["en"].has_attr("required")


def test_form_errors_are_in_arabic(editor_client, site_tree):
    client = editor_client.set_admin_language("ar")
    url = add_url(DialogueSessionPage, site_tree["sessions"])
    data = form_data(client.get(url))
    data.update(
        {
            "title_ar": "جلسة حوارية في عامودا",
            "slug_ar": "جلسة-حوارية-في-عامودا",
            "start_date": "2026-05-10",
            "end_date": "2026-05-09",
            "participants_total": "10",
            "participants_women": "8",
            "participants_men": "7",
            "action-publish": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = errors_of(response)
    catalog = messages("ar")
    assert errors["end_date"] == [catalog["The session cannot end before it starts."].msgstr[0]]
    assert errors["participants_total"] == [catalog["Women and men together are more than the total."].msgstr[0]]
    assert errors["end_date"] == ["لا يمكن أن تنتهي الجلسة قبل أن تبدأ."]
    # Django's own messages are Arabic too: a missing Arabic title.
    data.update({"title_ar": "", "end_date": "2026-05-11", "participants_men": "2"})
    with translation.override("ar"):
        required = translation.gettext("This field is required.")
    assert errors_of(client.post(url, data))["title_ar"] == [required]
    assert required != "This field is required."


def snippet_add(client, name, values):
    url = reverse(f"wagtailsnippets_news_{name}:add")
    html = client.get(url).content.decode()
    data = dict(querydict_from_html(html, form_id="w-editor-form").items())
    data.update(values)
    return client.post(url, data)


@pytest.fixture
def arabic_admin(editor_client):
    return editor_client.set_admin_language("ar")


def test_a_place_named_only_in_arabic_gets_an_arabic_slug(arabic_admin):
    response = snippet_add(arabic_admin, "place", {"name_ar": "هَجِين", "kind": "town", "slug": ""})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Place.objects.get(name_ar="هَجِين").slug == "هجين"


def test_snippet_slugs_come_from_the_first_language_that_has_a_name():
    assert Topic.objects.create(name_ar="حقوق الإنسان").slug == "حقوق-الإنسان"
    assert Topic.objects.create(name_ku="Mafên mirovan").slug == "mafên-mirovan"
    assert Topic.objects.create(name_ar="حقوق الإنسان", name_en="Human rights").slug == "حقوق-الإنسان-2"
    assert Organisation.objects.create(name_en="Norwegian People's Aid").slug == "norwegian-peoples-aid"
    assert Topic.objects.create(name_ar="", name_en="").slug == "topic"
    assert not Topic.objects.filter(slug="item").exists()


def test_a_typed_slug_is_kept_in_its_script(arabic_admin):
    response = snippet_add(arabic_admin, "topic", {"name_ar": "السلم الأهلي", "slug": "السلم الأهلي"})
    assert response.status_code == 302
    assert Topic.objects.get(name_ar="السلم الأهلي").slug == "السلم-الأهلي"


def test_places_are_told_apart_by_their_parent_and_listed_by_name(arabic_admin):
    region = Place.objects.create(name_ar="شمال وشرق سوريا", name_en="North and East Syria", kind="region")
    governorate = Place.objects.create(name_ar="الرقة", name_en="Raqqa", kind="governorate", parent=region)
    city = Place.objects.create(name_ar="الرقة", name_en="Raqqa city", kind="town", parent=governorate)
    Place.objects.create(name_ar="هجين", name_en="Hajin", kind="town", parent=governorate)
    chooser = arabic_admin.get(reverse("wagtailsnippetchoosers_news_place:choose")).json()["html"]
    assert "الرقة · شمال وشرق سوريا" in chooser and "الرقة · الرقة" in chooser
    assert "مدينة أو بلدة" in chooser and "محافظة" in chooser  # the kind column
    assert listed_places(arabic_admin) == [
        "الرقة · شمال وشرق سوريا",
        "الرقة · الرقة",
        "شمال وشرق سوريا",
        "هجين · الرقة",
    ]
    arabic_admin.set_admin_language("en")
    assert listed_places(arabic_admin) == [
        "Hajin · Raqqa",
        "North and East Syria",
        "Raqqa · North and East Syria",
        "Raqqa city · Raqqa",
    ]
    arabic_admin.set_admin_language("ar")
    # The chooser finds a place by its name in any language.
    found = arabic_admin.get(reverse("wagtailsnippetchoosers_news_place:choose_results"), {"q": "raqqa c"})
    assert "الرقة · الرقة" in found.content.decode() and "هجين" not in found.content.decode()
    assert city.admin_label() == "الرقة · الرقة"


def listed_places(client):
    """The places' titles in the admin's list, top to bottom."""
    page = soup(client.get(reverse("wagtailsnippets_news_place:list")))
    return [" ".join(span.get_text().split()) for span in page.select("span[id^=snippet_][id$=_title]")]


def test_topics_places_and_organisations_are_chosen_in_a_searchable_chooser(arabic_admin, site_tree):
    """No plain multi-select box: each list opens the snippet chooser modal (search, several at once), and the
    chosen ids post back as before."""
    topic = Topic.objects.create(name_ar="حقوق الإنسان")
    place = Place.objects.create(name_ar="عامودا", kind="town")
    url = add_url(NewsPage, site_tree["news"])
    page = soup(arabic_admin.get(url))
    for name in ("topics", "places", "partners"):
        widget = page.find(attrs={"data-cms-multiple-chooser": True, "data-name": name})
        assert widget is not None, name
        assert page.find("select", attrs={"name": name}) is None
    data = form_data(arabic_admin.get(url))
    data.update({"title_ar": "خبر", "slug_ar": "خبر", "action-publish": "1"})
    post = {**data, "topics": [str(topic.pk)], "places": [str(place.pk)]}
    response = arabic_admin.post(url, post)
    assert response.status_code == 302, errors_of(response)
    created = NewsPage.objects.get(slug_ar="خبر")
    assert list(created.topics.all()) == [topic] and list(created.places.all()) == [place]
    edit = soup(arabic_admin.get(reverse("wagtailadmin_pages:edit", args=[created.pk])))
    chosen = edit.find(attrs={"data-name": "places"}).find("input", attrs={"name": "places"})
    assert chosen["value"] == str(place.pk)


def test_the_page_list_shows_languages_date_and_dateline(arabic_admin, site_tree):
    """Editors see at a glance which languages an item is written in, its date and where it was filed from."""
    place = Place.objects.create(name_ar="عامودا", kind="town")
    NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة في عامودا",
        title_ku=None,
        title_en="Workshop in Amouda",
        date=datetime.date(2026, 3, 8),
        dateline_place=place,
    )
    page = soup(arabic_admin.get(reverse("wagtailadmin_explore", args=[site_tree["news"].pk])))
    row = next(tr for tr in page.select("tbody tr") if "ورشة في عامودا" in tr.get_text())
    codes = {span.get_text(): "cms-languages__missing" in span["class"] for span in row.select(".cms-languages__code")}
    assert codes == {"ar": False, "ku": True, "en": False}
    with translation.override("ar"):
        assert date_format(datetime.date(2026, 3, 8)) in row.get_text()  # "8 مارس، 2026"
    assert "عامودا" in row.get_text()
    headers = [" ".join(th.get_text().split()) for th in page.select("thead th")]
    assert {"اللغات", "التاريخ", "مكان الخبر"} <= set(headers)
