"""One availability rule, the same in Python and in SQL: whitespace, empty rich text and empty streams are
"not written", whichever surface asks (``translations[]``, ``translated=only``, ordering by title)."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from cms.availability import available_q, is_available, written
from news.blocks import BodyBlock
from news.factories import NewsPageFactory
from news.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, False),
        ("", False),
        ("  \t\n\u00a0", False),
        ("\u200b\u3000", False),
        ("<p> </p>", False),
        ("<p>&nbsp;</p><p><br/></p>", False),
        (RichText("<p></p>"), False),
        ("<p>نص</p>", True),
        ('<p><embed embedtype="image" id="1"/></p>', True),
        ("Hajin", True),
        (0, True),
    ],
)
def test_written(value, expected):
    assert written(value) is expected


def test_empty_streams_are_not_written():
    block = BodyBlock()
    empty = StreamValue(block, [("paragraph", RichText("<p> </p>")), ("heading", "  ")])
    full = StreamValue(block, [("paragraph", RichText("<p> </p>")), ("heading", "Outcomes")])
    assert not written(empty) and not written(StreamValue(block, []))
    assert written(full)


def test_blank_translations_are_stored_empty(site_tree):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", title_en="   ", summary_en="\n")
    page.refresh_from_db()
    assert not page.title_en and not page.summary_en
    assert not is_available(page, "en")


def _api(path, **params):
    return json.loads(Client().get(f"/api/v1/{path}", params).content)


@pytest.mark.parametrize("blank", ["   ", "\t\n", "\u00a0 ", "\u200b"])
def test_python_and_sql_agree_even_on_rows_written_around_the_model(site_tree, blank):
    """Rows written by a raw update (an import, an old database) still follow the rule in SQL."""
    written_page = NewsPageFactory(parent=site_tree["news"], title_ar="أ", title_en="Written", summary_en="Summary")
    blank_page = NewsPageFactory(parent=site_tree["news"], title_ar="ب", title_en="Temporary")
    NewsPage.objects.filter(pk=blank_page.pk).update(title_en=blank)
    blank_page.refresh_from_db()
    # A write around the model sends no change signal: stored answers are rebuilt as after an import.
    call_command("build_readmodel")

    in_sql = set(NewsPage.objects.filter(available_q("en")).values_list("pk", flat=True))
    in_python = {p.pk for p in NewsPage.objects.all() if is_available(p, "en")}
    assert in_sql == in_python == {written_page.pk}

    only = _api("news/", lang="en", translated="only")
    assert [card["id"] for card in only["results"]] == [written_page.pk]
    detail = _api(f"news/{blank_page.pk}/", lang="en")
    english = next(t for t in detail["translations"] if t["lang"] == "en")
    assert english["available"] is False and english["title"] is None
    ordered = _api("news/", lang="en", ordering="title")
    titles = [card["title"] for card in ordered["results"]]
    assert titles == ["Written", "ب"] and detail["title"] == "ب"
