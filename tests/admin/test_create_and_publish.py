"""Editors create and publish every page type through the admin, whatever language the admin is in.

The test client sends what the editor's browser sends: the add form's own fields and management forms, the
data the StreamField and inline-panel scripts add, and the "publish" button. The admin interface is switched
between Arabic, English and Kurmanji (which has no Wagtail catalog of its own and must still work).
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import rich_text

from cms.factories import DocumentFactory
from home.factories import HomePageFactory
from home.models import HomePage
from news.models import (
    DialogueSessionIndexPage,
    DialogueSessionPage,
    NewsIndexPage,
    NewsPage,
    StatementIndexPage,
    StatementPage,
)

from .conftest import ADMIN_LANGUAGES, errors_of, form_data, inline, soup, stream

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ADMIN_LANGUAGES)
def client_in(request, editor_client):
    return editor_client.set_admin_language(request.param)


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def submit(client, url, values, action="action-publish"):
    """Open the form, fill it in as the editor would and press a button; returns (GET, POST) responses."""
    opened = client.get(url)
    assert opened.status_code == 200
    data = form_data(opened)
    data.update(values)
    data[action] = "1"
    return opened, client.post(url, data)


def titles(ar, ku, en, slug_ar):
    """The three titles, with the Arabic slug the title's script fills in on the editor's browser."""
    return {"title_ar": ar, "title_ku": ku, "title_en": en, "slug_ar": slug_ar}


def assert_published(response, model, **lookup):
    assert response.status_code == 302, errors_of(response) if response.status_code == 200 else response
    page = model.objects.get(**lookup)
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision is not None
    return page


def assert_url_paths(page):
    """Each language's URL path runs through the parent's path in that language to this page's slug in that
    language (the Arabic one for a language the page is not written in yet)."""
    parent = page.get_parent().specific
    for code in ("ar", "ku", "en"):
        slug = getattr(page, f"slug_{code}") or page.slug_ar
        assert getattr(page, f"url_path_{code}") == f"{getattr(parent, f'url_path_{code}')}{slug}/"


def paragraph_texts(stream_value):
    return [strip_tags(block.value.source) for block in stream_value if block.block_type == "paragraph"]


def test_news_item_in_three_languages(client_in, site_tree):
    """Editors: a news item written in Arabic, Kurmanji and English is published with each language's
    title, summary and body in its own columns, and a slug in each language's script."""
    values = {
        **titles(
            "ورشة عمل حول الحوكمة المحلية",
            "Xebata li ser rêveberiya herêmî û şêwirmendiyê",
            "Workshop on local governance",
            slug_ar="وَرْشَـــةُ-عَمَلٍ-حول-الحوكمة-المحلية",
        ),
        "summary_ar": "نظّم المركز ورشة عمل في عامودا.",
        "summary_en": "The centre held a workshop in Amouda.",
        **stream("body_ar", [("paragraph", rich_text("<p>شارك في الورشة ثلاثون شخصاً.</p>"))]),
        **stream("body_en", [("paragraph", rich_text("<p>Thirty people took part.</p>"))]),
        "date": "2025-03-02",
    }
    _, response = submit(client_in, add_url(NewsPage, site_tree["news"]), values)
    page = assert_published(response, NewsPage, title_en="Workshop on local governance")

    assert page.title_ar == "ورشة عمل حول الحوكمة المحلية"
    assert page.title_ku == "Xebata li ser rêveberiya herêmî û şêwirmendiyê"
    assert page.summary_ar == "نظّم المركز ورشة عمل في عامودا."
    assert page.summary_en == "The centre held a workshop in Amouda."
    assert not page.summary_ku
    assert paragraph_texts(page.body_ar) == ["شارك في الورشة ثلاثون شخصاً."]
    assert paragraph_texts(page.body_en) == ["Thirty people took part."]
    assert page.date == datetime.date(2025, 3, 2)

    # The tatweel and tashkeel typed into the slug are dropped; Kurmanji and English slugs come from their own titles.
    assert page.slug_ar == "ورشة-عمل-حول-الحوكمة-المحلية"
    assert page.slug_ku == "xebata-li-ser-rêveberiya-herêmî-û-şêwirmendiyê"
    assert page.slug_en == "workshop-on-local-governance"
    assert_url_paths(page)


def test_statement_with_signed_attachment(client_in, site_tree):
    """Editors: a statement is published with its kind, reference and the signed PDF (an inline panel)."""
    signed, annex = DocumentFactory(), DocumentFactory()
    values = {
        **titles(
            "بيان حول الانتخابات", "Daxuyanî li ser hilbijartinan", "Statement on the elections", "بيان-الانتخابات"
        ),
        "kind": StatementPage.PRESS_RELEASE,
        "reference": "ASO/2025/07",
        "statement_date": "2025-04-10",
        **stream("body_ar", [("paragraph", rich_text("<p>يعلن المركز موقفه.</p>"))]),
        **inline("attachments", [{"document": str(signed.pk)}, {"document": str(annex.pk)}]),
    }
    _, response = submit(client_in, add_url(StatementPage, site_tree["statements"]), values)
    page = assert_published(response, StatementPage, slug_ar="بيان-الانتخابات")

    assert (page.title_ar, page.title_ku, page.title_en) == (
        "بيان حول الانتخابات",
        "Daxuyanî li ser hilbijartinan",
        "Statement on the elections",
    )
    assert page.kind == StatementPage.PRESS_RELEASE
    assert page.reference == "ASO/2025/07"
    assert page.statement_date == datetime.date(2025, 4, 10)
    assert [a.document_id for a in page.attachments.order_by("sort_order")] == [signed.pk, annex.pk]
    assert_url_paths(page)


SESSION = {
    **titles(
        "جلسة حوارية في القامشلي", "Rûniştina diyalogê li Qamişlo", "Dialogue session in Qamishli", "جلسة-القامشلي"
    ),
    "summary_ar": "ناقش المشاركون دور الشباب.",
    "start_date": "2025-05-01",
    "end_date": "2025-05-02",
    "participants_total": "20",
    "participants_women": "12",
    "participants_men": "8",
    **stream("outcomes_ar", [("item", "الاتفاق على لقاء شهري"), ("item", "تشكيل لجنة متابعة")]),
    **stream("recommendations_en", [("item", "Hold a follow-up session")]),
    **inline(
        "age_groups",
        [{"age_from": "18", "age_to": "30", "count": "14"}, {"age_from": "31", "age_to": "", "count": "6"}],
    ),
}


def test_dialogue_session_with_age_groups(client_in, site_tree):
    """Editors: a session report is published with its dates, figures, per-language lists and age groups."""
    _, response = submit(client_in, add_url(DialogueSessionPage, site_tree["sessions"]), SESSION)
    page = assert_published(response, DialogueSessionPage, slug_ar="جلسة-القامشلي")

    assert page.title_ku == "Rûniştina diyalogê li Qamişlo"
    assert (page.start_date, page.end_date) == (datetime.date(2025, 5, 1), datetime.date(2025, 5, 2))
    assert (page.participants_total, page.participants_women, page.participants_men) == (20, 12, 8)
    assert [b.value for b in page.outcomes_ar] == ["الاتفاق على لقاء شهري", "تشكيل لجنة متابعة"]
    assert [b.value for b in page.recommendations_en] == ["Hold a follow-up session"]
    assert not list(page.outcomes_en)
    groups = [(g.age_from, g.age_to, g.count) for g in page.age_groups.order_by("sort_order")]
    assert groups == [(18, 30, 14), (31, None, 6)]
    assert_url_paths(page)


def test_session_ending_before_it_starts_is_a_form_error_and_loses_nothing(client_in, site_tree):
    """Editors: a mistake in the dates is reported on the form, and everything typed is still there."""
    opened, response = submit(
        client_in, add_url(DialogueSessionPage, site_tree["sessions"]), {**SESSION, "end_date": "2025-04-30"}
    )
    assert response.status_code == 200
    assert "end_date" in errors_of(response)
    html = soup(response)
    assert html.select_one("[data-field-wrapper] [data-field-errors]") is not None
    error_text = " ".join(e.get_text(" ", strip=True) for e in html.select("[data-field-errors]"))
    with translation.override(html.find("html")["lang"]):  # the message in the admin's language
        assert translation.gettext("The session cannot end before it starts.") in error_text
    assert not DialogueSessionPage.objects.exists()

    # What the editor typed comes back in the form.
    assert html.find("input", attrs={"name": "title_ar"})["value"] == SESSION["title_ar"]
    assert html.find("input", attrs={"name": "title_ku"})["value"] == SESSION["title_ku"]
    assert html.find("textarea", attrs={"name": "summary_ar"}).get_text().strip() == SESSION["summary_ar"]
    assert html.find("input", attrs={"name": "end_date"})["value"] == "2025-04-30"
    assert html.find("input", attrs={"name": "age_groups-0-count"})["value"] == "14"
    assert html.find("input", attrs={"name": "age_groups-TOTAL_FORMS"})["value"] == "2"
    outcomes = html.find(attrs={"id": "outcomes_ar", "data-block": True})["data-w-block-arguments-value"]
    value, _error = json.loads(outcomes)
    assert [item["value"] for item in value] == ["الاتفاق على لقاء شهري", "تشكيل لجنة متابعة"]


def test_unusable_slug_is_a_form_error(client_in, site_tree):
    """Editors: a slug made only of stretching (tatweel) and punctuation is refused on the form, not a 500."""
    values = {**titles("خبر", "", "", slug_ar="ـــ!!"), **stream("body_ar", [])}
    _, response = submit(client_in, add_url(NewsPage, site_tree["news"]), values)
    assert response.status_code == 200
    assert "slug_ar" in errors_of(response)
    assert soup(response).find("input", attrs={"name": "title_ar"})["value"] == "خبر"
    assert not NewsPage.objects.exists()


def test_english_version_added_later(client_in, site_tree):
    """Editors write Arabic first and add the English version later; the Arabic stays as it was."""
    from news.factories import NewsPageFactory, paragraph

    page = NewsPageFactory(parent=site_tree["news"], title_ar="تدريب الصحفيين", body_ar=paragraph("نص عربي"))
    page.save_revision().publish()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    values = {
        "title_en": "Training for journalists",
        "summary_en": "Twelve journalists were trained.",
        **stream("body_en", [("paragraph", rich_text("<p>English text</p>"))]),
    }
    opened = client_in.get(url)
    data = form_data(opened)
    data.pop("body_ar-count")
    data.update(stream("body_ar", [("paragraph", rich_text("<p>نص عربي</p>"))]))
    data.update(values)
    data["action-publish"] = "1"
    response = client_in.post(url, data)
    page = assert_published(response, NewsPage, pk=page.pk)
    assert page.title_ar == "تدريب الصحفيين"
    assert page.title_en == "Training for journalists"
    assert page.slug_ar == "تدريب-الصحفيين"
    assert page.slug_en == "training-for-journalists"
    assert paragraph_texts(page.body_ar) == ["نص عربي"]
    assert paragraph_texts(page.body_en) == ["English text"]
    assert_url_paths(page)


@pytest.fixture
def tree_root(db):
    """Only the root of the page tree (other tests of the module may share a site tree; this test's
    savepoint undoes the clearing)."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    return Page.get_first_root_node()


@pytest.fixture
def bare_home(tree_root):
    """A home page with none of its sections yet, as the default site's root."""
    home = HomePageFactory(parent=tree_root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.mark.parametrize(
    "model, ar, ku, en",
    [
        (NewsIndexPage, "الأخبار", "Nûçe", "News"),
        (StatementIndexPage, "البيانات", "Daxuyanî", "Statements"),
        (DialogueSessionIndexPage, "الجلسات الحوارية", "Rûniştinên diyalogê", "Dialogue sessions"),
    ],
)
def test_section_pages(client_in, bare_home, model, ar, ku, en):
    """Editors set up the three sections under the home page, each titled in the three languages."""
    values = {**titles(ar, ku, en, slug_ar=ar.replace(" ", "-")), "intro_ar": "مقدمة القسم", "intro_ku": "Pêşgotin"}
    _, response = submit(client_in, add_url(model, bare_home), values)
    page = assert_published(response, model, title_en=en)
    assert (page.title_ar, page.title_ku) == (ar, ku)
    assert (page.intro_ar, page.intro_ku, page.intro_en or "") == ("مقدمة القسم", "Pêşgotin", "")
    assert page.get_parent().pk == bare_home.pk
    assert_url_paths(page)


def test_home_page(client_in, tree_root):
    """Editors (or whoever sets the site up) create the home page at the top of the tree."""
    root = tree_root
    values = {
        **titles("الرئيسية", "Destpêk", "Home", slug_ar="home"),
        "intro_ar": "مركز آسو للاستشارات والدراسات الاستراتيجية",
        "intro_en": "ASO Center for Consultancy and Strategic Studies",
        **inline("featured_items", []),
    }
    _, response = submit(client_in, add_url(HomePage, root), values)
    page = assert_published(response, HomePage)
    assert (page.title_ar, page.title_ku, page.title_en) == ("الرئيسية", "Destpêk", "Home")
    assert page.intro_en == "ASO Center for Consultancy and Strategic Studies"
    for code in ("ar", "ku", "en"):
        assert getattr(page, f"url_path_{code}") == f"/{getattr(page, f'slug_{code}')}/"
