"""The page edit form as translators use it: a section per language under its own name and direction, the
choice to show only the source and one language, every language's status at the top, the source's change
beside an outdated field, "start from the source's structure" for an empty body, and the "needs review"
button, whose mark the API honours (the fallback applies and is marked)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cms.factories import ImageFactory
from news.factories import NewsPageFactory
from news.models import NewsPage
from tests.admin.conftest import soup
from translations import roles
from translations.models import ReviewMark, TranslationState
from translations.structure import blank, skeleton

from .conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor-1")
    client.force_login(user)
    return user


@pytest.fixture
def kurdish_translator(django_user_model, site_tree):
    roles.ensure_groups()
    user = django_user_model.objects.create_user("kurmanji", password="pw-kurmanji-1")
    user.groups.add(Group.objects.get(name="Translators · Kurmancî"))
    return user


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_page(client, page, **params):
    response = client.get(edit_url(page), params)
    assert response.status_code == 200
    return response, soup(response)


def section(html, code):
    return html.find("section", attrs={"data-cms-language": code})


def status_row(html, code):
    return html.find(attrs={"data-cms-status-lang": code})


# -- sections per language ---------------------------------------------------------------------------------


def test_each_language_has_its_section_under_its_own_name_and_direction(client, editor, item):
    _, html = edit_page(client, item)
    expected = {"ar": ("العربية", "rtl"), "ku": ("Kurmancî", "ltr"), "en": ("English", "ltr")}
    for code, (name, direction) in expected.items():
        found = section(html, code)
        assert found is not None, code
        heading = found.find(attrs={"data-panel-heading-text": True}).find("span")
        assert (heading.get_text(), heading["lang"], heading["dir"]) == (name, code, direction)
        for field in ("title", "summary"):
            widget = found.find(attrs={"name": f"{field}_{code}"})
            assert widget is not None and (widget["lang"], widget["dir"]) == (code, direction)
        body = found.find("div", class_="cms-lang")
        assert (body["lang"], body["dir"]) == (code, direction)
        others = {c for c in expected if c != code}
        assert not any(found.find(attrs={"name": f"title_{other}"}) for other in others)


def test_the_sections_sit_between_the_status_and_the_shared_facts(client, editor, item):
    _, html = edit_page(client, item)
    status = html.find(attrs={"data-cms-translations": True}).find_parent("section")
    tab = status.parent
    order = [s.get("data-cms-language") or s["id"] for s in tab.find_all("section", recursive=False)]
    assert order[0] == status["id"] and order[1:4] == ["ar", "ku", "en"]
    date = tab.find(attrs={"name": "date"})
    assert date is not None and all(date not in section(html, code).descendants for code in ("ar", "ku", "en"))


def test_show_only_the_source_and_one_language(client, editor, kurdish_translator, item):
    _, html = edit_page(client, item)
    choices = html.find(attrs={"data-cms-show": True}).find_all("input", attrs={"data-cms-show-choice": True})
    assert [c["value"] for c in choices] == ["", "ku", "en"]
    assert [c.has_attr("checked") for c in choices] == [True, False, False], "an editor sees all by default"
    assert all(c["form"] == "cms-translations-show" for c in choices), "the choice is not posted with the page"
    assert "Kurmancî" in choices[1].parent.get_text() and "العربية" in choices[1].parent.get_text()

    client.force_login(kurdish_translator)
    _, html = edit_page(client, item)
    choices = html.find(attrs={"data-cms-show": True}).find_all("input", attrs={"data-cms-show-choice": True})
    assert [c.has_attr("checked") for c in choices] == [False, True, False], "a translator starts with theirs"
    # Hiding is the browser's: every language's fields are still in the form, so none is posted empty.
    assert html.find(attrs={"name": "title_en"}) is not None and not section(html, "en").has_attr("hidden")


# -- status at the top ---------------------------------------------------------------------------------------


def test_the_status_of_each_language_is_at_the_top(client, editor, item):
    item, _ = publish(item, summary_ar="ملخص الورشة بعد التعديل.")
    _, html = edit_page(client, item)
    first = html.find("section", attrs={"data-panel": True})
    assert first.find(attrs={"data-cms-translations": True}) is not None, "the first section is the status"
    assert status_row(html, "ar")["data-status"] == "complete"
    assert "Source" in status_row(html, "ar").get_text() or "المصدر" in status_row(html, "ar").get_text()
    ku = status_row(html, "ku")
    assert ku["data-status"] == "outdated"
    assert str(NewsPage._meta.get_field("summary").verbose_name) in ku.get_text()
    assert status_row(html, "en")["data-status"] == "missing"


def test_the_status_is_the_drafts_own(client, editor, item):
    draft = item.get_latest_revision_as_object()
    draft.title_en, draft.summary_en = "Workshop in Hajin", "The summary."
    draft.body_en = [{"type": "paragraph", "value": "<p>Text.</p>"}]
    draft.save_revision()
    _, html = edit_page(client, item)
    assert status_row(html, "en")["data-status"] == "complete"


# -- the source's change beside an outdated field ---------------------------------------------------------------


def test_an_outdated_field_shows_the_old_and_new_source_with_the_change_marked(client, editor, item):
    old = TranslationState.objects.get(object_id=item.pk, lang="ku", field="summary").source_text
    assert old == "ملخص الورشة."
    item, _ = publish(item, summary_ar="ملخص الجلسة الثانية.")
    _, html = edit_page(client, item)
    aid = section(html, "ku").find(attrs={"data-cms-aid": "summary_ku"})
    before, after = aid.find(attrs={"data-cms-source-old": True}), aid.find(attrs={"data-cms-source-new": True})
    assert before.get_text() == "ملخص الورشة." and after.get_text() == "ملخص الجلسة الثانية."
    assert [d.get_text() for d in before.find_all("del")] == ["الورشة"]
    assert [i.get_text() for i in after.find_all("ins")] == ["الجلسة الثانية"]
    assert (after["lang"], after["dir"]) == ("ar", "rtl")
    # Only the outdated field shows it.
    assert section(html, "ku").find(attrs={"data-cms-aid": "title_ku"}) is None
    assert html.find(attrs={"data-cms-source-change": True}, recursive=True) is aid.find(
        attrs={"data-cms-source-change": True}
    )


def test_a_brought_up_to_date_translation_no_longer_shows_it(client, editor, item):
    item, _ = publish(item, summary_ar="ملخص الورشة الثانية.")
    item, _ = publish(item, summary_ku="Kurteya xebata duyem.")
    _, html = edit_page(client, item)
    assert html.find(attrs={"data-cms-source-change": True}) is None
    assert status_row(html, "ku")["data-status"] == "complete"


# -- start from the source's structure -------------------------------------------------------------------------


@pytest.fixture
def rich_item(site_tree):
    image = ImageFactory()
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="جلسة حوارية في الرقة",
        summary_ar="ملخص الجلسة.",
        body_ar=[
            {"type": "heading", "value": "المحاور", "id": "h-1"},
            {"type": "paragraph", "value": "<p>نص <b>الفقرة</b>.</p>", "id": "p-1"},
            {"type": "image", "value": {"image": image.pk, "caption": "المشاركات"}, "id": "i-1"},
            {
                "type": "key_figures",
                "value": [
                    {"type": "item", "value": {"figure": "٢٣", "label": "متدربة"}, "id": "f-1"},
                    {"type": "item", "value": {"figure": "3 أيام", "label": "مدة"}, "id": "f-2"},
                ],
                "id": "k-1",
            },
        ],
        title_ku="Rûniştina diyalogê li Reqqayê",
        summary_ku="Kurte.",
        body_ku=[{"type": "paragraph", "value": "<p>Nivîs.</p>"}],
    )
    page.save_revision().publish()
    return NewsPage.objects.get(pk=page.pk), image


def test_start_from_the_source_structure_keeps_blocks_ids_and_images_and_empties_the_text(client, editor, rich_item):
    page, image = rich_item
    _, html = edit_page(client, page)
    link = section(html, "en").find("a", attrs={"data-cms-start-from-source": True})
    assert link is not None and "start_from_source=body_en" in link["href"]
    assert section(html, "ku").find("a", attrs={"data-cms-start-from-source": True}) is None, "ku has a body"

    response = client.get(link["href"])
    body = list(response.context["form"].initial["body_en"].raw_data)  # what the form shows
    assert [(b["type"], b["id"]) for b in body] == [
        ("heading", "h-1"),
        ("paragraph", "p-1"),
        ("image", "i-1"),
        ("key_figures", "k-1"),
    ]
    assert body[0]["value"] == "" and body[1]["value"] == ""
    assert body[2]["value"] == {"image": image.pk, "caption": ""}
    figures = body[3]["value"]
    assert [(f["id"], f["value"]) for f in figures] == [
        ("f-1", {"figure": "23", "label": ""}),
        ("f-2", {"figure": "", "label": ""}),
    ]
    assert response.context["page"].body_ar.raw_data[0]["value"] == "المحاور", "the source is left as it was"
    assert list(NewsPage.objects.get(pk=page.pk).body_en.raw_data) == [], "nothing is saved until the translator saves"


def test_the_structure_cannot_be_saved_before_its_text_is_written(rich_item):
    """The form validates the body with its stream block: a heading left empty is refused, so the source's
    structure is never published as a translation without text."""
    page, image = rich_item
    field = NewsPage._meta.get_field("body_en")
    empty = field.to_python(skeleton(field, page.body_ar, "Latn"))
    with pytest.raises(ValidationError):
        field.stream_block.clean(empty)
    written = field.to_python(
        [
            {"type": "heading", "value": "Mijar", "id": "h-1"},
            {"type": "paragraph", "value": "<p>Nivîsa paragrafê.</p>", "id": "p-1"},
            {"type": "image", "value": {"image": image.pk, "caption": ""}, "id": "i-1"},
            {
                "type": "key_figures",
                "value": [
                    {"type": "item", "value": {"figure": "23", "label": "perwerdekar"}, "id": "f-1"},
                    {"type": "item", "value": {"figure": "3 roj", "label": "dem"}, "id": "f-2"},
                ],
                "id": "k-1",
            },
        ]
    )
    assert [block.id for block in field.stream_block.clean(written)] == ["h-1", "p-1", "i-1", "k-1"]


def test_rich_text_keeps_its_images_and_loses_its_text():
    from news.blocks import ParagraphBlock

    markup = '<p>قبل</p><embed alt="x" embedtype="image" format="fullwidth" id="7"/><p>بعد</p>'
    assert blank(ParagraphBlock(), markup) == '<embed alt="x" embedtype="image" format="fullwidth" id="7"/>'
    assert blank(ParagraphBlock(), "<p>نص فقط</p>") == ""


def test_start_from_source_never_replaces_a_written_body(client, editor, rich_item):
    page, _ = rich_item
    response = client.get(edit_url(page), {"start_from_source": "body_ku"})
    assert response.status_code == 200
    assert response.context["page"].body_ku.raw_data[0]["value"] == "<p>Nivîs.</p>"
    assert any("nothing was replaced" in str(m) or "Kurmancî" in str(m) for m in response.context["messages"])


def test_start_from_source_refuses_the_source_and_other_fields(client, editor, rich_item):
    page, _ = rich_item
    for name in ("body_ar", "summary_en", "nonsense", "body_xx"):
        response = client.get(edit_url(page), {"start_from_source": name})
        assert response.status_code == 200, name
        assert list(response.context["messages"]), name


def test_a_translator_starts_only_their_own_language(client, kurdish_translator, rich_item):
    page, _ = rich_item
    client.force_login(kurdish_translator)
    _, html = edit_page(client, page)
    assert section(html, "en").find("a", attrs={"data-cms-start-from-source": True}) is None
    response = client.get(edit_url(page), {"start_from_source": "body_en"})
    assert list(response.context["page"].body_en.raw_data) == []


# -- needs review ------------------------------------------------------------------------------------------------


def review_button(html, code):
    return status_row(html, code).find("button", attrs={"data-cms-review": True})


def test_the_needs_review_button_marks_and_clears(client, editor, item):
    _, html = edit_page(client, item)
    button = review_button(html, "ku")
    assert button["name"] == "lang" and button["value"] == "ku" and button["type"] == "submit"
    assert review_button(html, "ar") is None, "the source cannot be marked"

    response = client.post(button["formaction"], {"lang": "ku", "next": ""})
    assert response.status_code == 302 and response["Location"] == edit_url(item)
    assert ReviewMark.objects.filter(object_id=item.pk, lang="ku", marked_by=editor).exists()

    _, html = edit_page(client, item)
    row = status_row(html, "ku")
    assert row.has_attr("data-needs-review")
    button = review_button(html, "ku")
    assert "clear=1" in button["formaction"]
    client.post(button["formaction"], {"lang": "ku"})
    assert not ReviewMark.objects.filter(object_id=item.pk, lang="ku").exists()
    _, html = edit_page(client, item)
    assert not status_row(html, "ku").has_attr("data-needs-review")


def test_a_translator_marks_only_their_language(client, kurdish_translator, item):
    client.force_login(kurdish_translator)
    _, html = edit_page(client, item)
    assert review_button(html, "ku") is not None and review_button(html, "en") is None
    url = review_button(html, "ku")["formaction"]
    response = client.post(url, {"lang": "en"})
    assert response.status_code in (302, 403) and response.get("Location") != edit_url(item)
    assert not ReviewMark.objects.filter(object_id=item.pk).exists()


def test_the_review_view_returns_only_to_this_site(client, editor, item):
    url = reverse("translations_review", args=[item.content_type_id, item.pk])
    url = reverse("translations_review", args=[_page_type(), item.pk])
    response = client.post(f"{url}?next=https://evil.example/", {"lang": "ku"})
    assert response.status_code == 302 and response["Location"] == reverse("translations_report")


def _page_type():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page).pk


def test_the_api_detail_honours_the_mark_the_fallback_applies_and_is_marked(client, editor, item):
    def detail():
        response = Client().get(f"/api/v1/news/{item.pk}/", {"lang": "ku"})
        assert response.status_code == 200
        return json.loads(response.content)

    before = detail()
    assert before["title"] == "Xebata li Hecînê" and not (before.get("fallback") or {}).get("used")
    _, html = edit_page(client, item)
    client.post(review_button(html, "ku")["formaction"], {"lang": "ku"})
    after = detail()
    assert after["title"] == "ورشة عمل في هجين"
    assert after["fallback"]["used"] is True
    assert {"title", "summary"} <= set(after["fallback"]["fields"])
    assert after["fallback"]["from"] == "ar"
    assert next(t for t in after["translations"] if t["lang"] == "ku")["available"] is False
