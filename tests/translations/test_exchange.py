"""Files for outside translators: ``export_translations`` and ``import_translations`` with PO and XLIFF.

Relied on by the communications staff, who send these files to outside translators and import what comes
back: an unchanged file changes nothing, a translated one fills exactly its fields (pages as drafts), and a
broken, stale, foreign or unknown file changes nothing at all.
"""

import io

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree
from wagtail.models import Page

from news.factories import NewsPageFactory, TopicFactory
from news.taxonomy import Topic
from tests.translations.conftest import publish
from translations import exchange, markup, status
from translations.models import TranslationStatus

pytestmark = pytest.mark.django_db

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.1"
LINK = '<a linktype="page" id="3">هجين</a>'


@pytest.fixture(autouse=True)
def _english_messages(_source_language):
    """The commands speak the active language (Arabic by default); the messages are checked in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def image():
    from cms.factories import ImageFactory

    return ImageFactory()


@pytest.fixture
def news(site_tree, image):
    """A published news item written in Arabic (a body of every kind of block), in Kurmanji only its title and
    summary."""
    body = [
        {"type": "heading", "value": "الورشة"},
        {"type": "paragraph", "value": f"<p>ورشة عمل في {LINK} <b>ناجحة</b>.</p>"},
        {"type": "image", "value": {"image": image.pk, "caption": "المشاركون"}},
        {"type": "quote", "value": {"text": "كانت مفيدة", "attribution": "مشاركة"}},
        {"type": "embed", "value": "https://www.youtube.com/watch?v=abc"},
    ]
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة عمل في هجين",
        summary_ar="ملخص الورشة.",
        body_ar=body,
        title_ku="Xebata li Hecînê",
        summary_ku="Kurteya xebatê.",
    )
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def topic():
    return TopicFactory(name_ar="السلم الأهلي", name_en="Civil peace")


def export(tmp_path, *args, fmt="po", lang="ku"):
    out = tmp_path / f"out.{fmt}"
    call_command("export_translations", "--lang", lang, "--format", fmt, "-o", str(out), *args)
    return out.read_bytes()


def run_import(tmp_path, content: bytes, *args):
    path = tmp_path / "in.file"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_translations", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        raise AssertionError(err.getvalue()) from error
    return out.getvalue()


def refused(tmp_path, content: bytes, *args) -> str:
    path = tmp_path / "in.file"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was applied"):
        call_command("import_translations", str(path), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def block_ids(page, field="body_ar"):
    return {b["type"]: b["id"] for b in getattr(page, field).raw_data}


def translate_po(content: bytes, translations: dict, **metadata) -> bytes:
    po = polib.pofile(content.decode())
    po.metadata.update(metadata)
    ids = {entry.msgctxt: entry for entry in po}
    for entry_id, text in translations.items():
        ids[entry_id].msgstr = text
    return str(po).encode()


def translate_xliff(content: bytes, translations: dict) -> bytes:
    """Write ``<target>`` elements as a translation tool does (inline ``<g>``/``<x/>`` markup as given)."""
    root = etree.fromstring(content)
    for entry_id, text in translations.items():
        (unit,) = [u for u in root.iter(f"{{{XLIFF_NS}}}trans-unit") if u.get("id") == entry_id]
        for old in unit.findall(f"{{{XLIFF_NS}}}target"):
            unit.remove(old)
        target = etree.fromstring(f'<target xmlns="{XLIFF_NS}">{text}</target>')
        unit.find(f"{{{XLIFF_NS}}}source").addnext(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def po_entries(content: bytes) -> dict:
    return {entry.msgctxt: entry for entry in polib.pofile(content.decode())}


# -- export ----------------------------------------------------------------------------------------------------


def test_po_export_names_every_text_with_a_stable_id_and_keeps_markup_as_placeholders(tmp_path, news, topic):
    entries = po_entries(export(tmp_path))
    ids = block_ids(news)
    body = f"page:{news.pk}:body"
    assert entries[f"page:{news.pk}:title"].msgstr == "Xebata li Hecînê"
    assert entries[f"page:{news.pk}:summary"].msgid == "ملخص الورشة."
    assert entries[f"{body}:{ids['heading']}"].msgid == "الورشة"
    assert entries[f"{body}:{ids['paragraph']}"].msgid == "<1>ورشة عمل في <2>هجين</2> <3>ناجحة</3>.</1>"
    assert entries[f"{body}:{ids['image']}:caption"].msgid == "المشاركون"
    assert entries[f"{body}:{ids['quote']}:text"].msgid == "كانت مفيدة"
    assert not any(ids["embed"] in key for key in entries), "an embed's URL is not text to translate"
    assert entries[f"topic:{topic.pk}:name"].msgstr == ""
    assert "fingerprint: " in entries[f"topic:{topic.pk}:name"].comment
    again = po_entries(export(tmp_path))
    assert list(again) == list(entries), "ids are stable from one export to the next"


def test_export_by_status(tmp_path, news, topic):
    assert TranslationStatus.objects.get(object_id=news.pk, lang="ku").status == "partial"
    missing = po_entries(export(tmp_path, "--status", "missing"))
    assert f"topic:{topic.pk}:name" in missing
    assert not any(key.startswith(f"page:{news.pk}:") for key in missing)
    partial = po_entries(export(tmp_path, "--status", "partial,outdated"))
    assert f"page:{news.pk}:summary" in partial and f"topic:{topic.pk}:name" not in partial


def test_export_refuses_bad_arguments(tmp_path):
    with pytest.raises(CommandError, match="source language"):
        export(tmp_path, lang="ar")
    with pytest.raises(CommandError, match="not an enabled language"):
        export(tmp_path, lang="fr")
    with pytest.raises(CommandError, match="Unknown status"):
        export(tmp_path, "--status", "done")


# -- round trips -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_an_unchanged_file_changes_nothing(tmp_path, fmt, news, topic):
    revisions = news.revisions.count()
    output = run_import(tmp_path, export(tmp_path, fmt=fmt))
    assert "0 item(s) to change" in output
    assert news.revisions.count() == revisions
    assert not Page.objects.get(pk=news.pk).has_unpublished_changes
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


def _check_translated(news, topic, image):
    ids = block_ids(news)
    live = Page.objects.get(pk=news.pk).specific
    assert not live.body_ku.raw_data, "the live page is unchanged"
    assert live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    blocks = list(draft.body_ku.raw_data)
    # Built from the source's structure: same types and ids, the image kept, the untranslated quote left out.
    assert [(b["type"], b["id"]) for b in blocks] == [
        ("heading", ids["heading"]),
        ("paragraph", ids["paragraph"]),
        ("image", ids["image"]),
        ("embed", ids["embed"]),
    ]
    assert blocks[0]["value"] == "Xebat"
    assert blocks[1]["value"] == '<p>Xebatek <b>serkeftî</b> li <a linktype="page" id="3">Hecînê</a>.</p>'
    assert blocks[2]["value"] == {"image": image.pk, "caption": "Beşdar"}
    assert draft.summary_ku == "Kurteya nû."
    # Everything else as it was: the source, other languages, the title.
    assert list(draft.body_ar.raw_data) == list(live.body_ar.raw_data) and draft.summary_ar == "ملخص الورشة."
    assert draft.title_ku == "Xebata li Hecînê" and not draft.body_en.raw_data
    saved = Topic.objects.get(pk=topic.pk)
    assert (saved.name_ku, saved.name_ar, saved.name_en) == ("Aştiya navxweyî", "السلم الأهلي", "Civil peace")


def test_a_translated_po_file_fills_exactly_its_fields(tmp_path, news, topic, image):
    ids = block_ids(news)
    body = f"page:{news.pk}:body"
    content = translate_po(
        export(tmp_path),
        {
            f"page:{news.pk}:summary": "Kurteya nû.",
            f"{body}:{ids['heading']}": "Xebat",
            f"{body}:{ids['paragraph']}": "<1>Xebatek <3>serkeftî</3> li <2>Hecînê</2>.</1>",
            f"{body}:{ids['image']}:caption": "Beşdar",
            f"topic:{topic.pk}:name": "Aştiya navxweyî",
        },
    )
    revisions = news.revisions.count()
    output = run_import(tmp_path, content)
    assert "1 page draft(s) saved, 1 item(s) saved" in output
    assert news.revisions.count() == revisions + 1
    _check_translated(news, topic, image)


def test_a_translated_xliff_file_fills_exactly_its_fields(tmp_path, news, topic, image):
    ids = block_ids(news)
    body = f"page:{news.pk}:body"
    exported = export(tmp_path, fmt="xliff")
    assert b'<g id="2">' in exported and b'id="' + f"{body}:{ids['paragraph']}".encode() in exported
    content = translate_xliff(
        exported,
        {
            f"page:{news.pk}:summary": "Kurteya nû.",
            f"{body}:{ids['heading']}": "Xebat",
            f"{body}:{ids['paragraph']}": '<g id="1">Xebatek <g id="3">serkeftî</g> li <g id="2">Hecînê</g>.</g>',
            f"{body}:{ids['image']}:caption": "Beşdar",
            f"topic:{topic.pk}:name": "Aştiya navxweyî",
        },
    )
    run_import(tmp_path, content)
    _check_translated(news, topic, image)


def test_a_translation_goes_into_an_existing_body_keeping_its_blocks(tmp_path, site_tree):
    page = NewsPageFactory(
        parent=site_tree["news"],
        body_ar=[{"type": "heading", "value": "أ"}, {"type": "heading", "value": "ب"}],
        title_ku="Nûçe",
        body_ku=[{"type": "heading", "value": "A"}, {"type": "heading", "value": "B (kevn)"}],
    )
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    source_ids = [b["id"] for b in page.body_ar.raw_data]
    target_ids = [b["id"] for b in page.body_ku.raw_data]
    entries = po_entries(export(tmp_path))
    assert entries[f"page:{page.pk}:body:{source_ids[1]}"].msgstr == "B (kevn)"
    run_import(tmp_path, translate_po(export(tmp_path), {f"page:{page.pk}:body:{source_ids[1]}": "B (nû)"}))
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    assert [(b["id"], b["value"]) for b in draft.body_ku.raw_data] == [(target_ids[0], "A"), (target_ids[1], "B (nû)")]


# -- files that apply nothing -------------------------------------------------------------------------------------


def _nothing_changed(news, topic, revisions):
    assert news.revisions.count() == revisions
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


@pytest.mark.parametrize(
    "broken",
    [
        "<1>Xebatek li <2>Hecînê</2>.",  # <1> never closed
        "<1>Xebatek serkeftî li <2>Hecînê</2>.</1>",  # <3> left out
        "<1>Xebatek <3>serkeftî</3> li Hecînê.</1><2>x</2>",  # <2> moved out of <1>
        "<1>Xebatek <b>serkeftî</b> li <2>Hecînê</2> <3>.</3></1>",  # markup of its own
        "<1>Xebatek <3>serkeftî</3> li <2>Hecînê</2> <9>.</9></1>",  # a placeholder the source lacks
    ],
)
def test_a_file_with_broken_markup_applies_nothing(tmp_path, news, topic, broken):
    ids = block_ids(news)
    paragraph = f"page:{news.pk}:body:{ids['paragraph']}"
    content = translate_po(export(tmp_path), {f"topic:{topic.pk}:name": "Aştiya navxweyî", paragraph: broken})
    revisions = news.revisions.count()
    report = refused(tmp_path, content)
    assert f"markup: {paragraph}:" in report
    _nothing_changed(news, topic, revisions)


def test_broken_xliff_markup_applies_nothing(tmp_path, news, topic):
    ids = block_ids(news)
    paragraph = f"page:{news.pk}:body:{ids['paragraph']}"
    content = translate_xliff(
        export(tmp_path, fmt="xliff"),
        {
            f"topic:{topic.pk}:name": "Aştiya navxweyî",
            paragraph: '<g id="1">Xebatek serkeftî li <g id="2">Hecînê</g>.</g>',
        },
    )
    revisions = news.revisions.count()
    assert "<3>" in refused(tmp_path, content)
    _nothing_changed(news, topic, revisions)


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_a_stale_file_applies_nothing(tmp_path, fmt, news, topic):
    exported = export(tmp_path, fmt=fmt)
    publish(news, summary_ar="ملخص جديد للورشة.")  # the source changes after the export
    translations = {f"page:{news.pk}:summary": "Kurteya nû.", f"topic:{topic.pk}:name": "Aştiya navxweyî"}
    content = translate_po(exported, translations) if fmt == "po" else translate_xliff(exported, translations)
    revisions = news.revisions.count()
    report = refused(tmp_path, content)
    assert f"stale: page:{news.pk}:summary: The source text changed" in report
    _nothing_changed(news, topic, revisions)
    assert Page.objects.get(pk=news.pk).specific.summary_ku == "Kurteya xebatê."


def test_a_file_in_the_wrong_language_is_refused(tmp_path, news, topic):
    translations = {f"topic:{topic.pk}:name": "Aştiya navxweyî"}
    exported = export(tmp_path)
    assert "is in ku, not en" in str(_refused_lang(tmp_path, translate_po(exported, translations), "--lang", "en"))
    for code in ("ar", "fr"):
        report = refused(tmp_path, translate_po(exported, translations, Language=code))
        assert "language" in report
    assert "translates from en" in refused(
        tmp_path, translate_po(exported, translations, **{"X-Source-Language": "en"})
    )
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


def _refused_lang(tmp_path, content, *args):
    path = tmp_path / "in.file"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_translations", str(path), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.mark.parametrize("bad_id", ["page:999999:summary", "topic:{topic}:slug", "bogus:1:name", "page:x:title", ""])
def test_unknown_ids_are_refused(tmp_path, news, topic, bad_id):
    bad_id = bad_id.format(topic=topic.pk)
    po = polib.pofile(translate_po(export(tmp_path), {f"topic:{topic.pk}:name": "Aştiya navxweyî"}).decode())
    po.append(polib.POEntry(msgctxt=bad_id, msgid="x", msgstr="y", comment="fingerprint: 0"))
    report = refused(tmp_path, str(po).encode())
    assert f"unknown: {bad_id or tmp_path / 'in.file'}" in report or "No translatable item" in report
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


def test_a_file_that_is_neither_po_nor_xliff(tmp_path):
    path = tmp_path / "in.file"
    path.write_bytes(b"<html><body>not a translation</body></html>")
    with pytest.raises(CommandError):
        call_command("import_translations", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    path.write_bytes(b'msgid "unterminated')
    with pytest.raises(CommandError, match="which language"):
        call_command("import_translations", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_value_the_field_refuses_is_reported(tmp_path, news):
    content = translate_po(export(tmp_path), {f"page:{news.pk}:title": "x" * 300})
    revisions = news.revisions.count()
    assert f"invalid: page:{news.pk}:title" in refused(tmp_path, content)
    assert news.revisions.count() == revisions


# -- what an import saves -----------------------------------------------------------------------------------------


def test_a_snippet_saves_only_the_target_languages_columns(news, topic, tmp_path):
    content = translate_po(export(tmp_path), {f"topic:{topic.pk}:name": "Aştiya navxweyî"})
    plan = exchange.validate(content)
    Topic.objects.filter(pk=topic.pk).update(name_en="Civil peace (edited meanwhile)")
    exchange.apply(plan)
    saved = Topic.objects.get(pk=topic.pk)
    assert saved.name_ku == "Aştiya navxweyî" and saved.name_en == "Civil peace (edited meanwhile)"


def test_status_is_complete_after_import(tmp_path, news, topic):
    ku = TranslationStatus.objects.filter(lang="ku")
    assert ku.get(object_id=topic.pk, model="news.topic").status == "missing"
    # The editor changes the Arabic summary: the Kurmanji version is outdated; the body was never translated.
    news, _ = publish(news, summary_ar="ملخص جديد للورشة.")
    assert ku.get(object_id=news.pk).status == "outdated"
    exported = export(tmp_path, "--status", "missing,outdated")
    entries = po_entries(exported)
    ids = block_ids(news)
    body = f"page:{news.pk}:body"
    content = translate_po(
        exported,
        {
            f"topic:{topic.pk}:name": "Aştiya navxweyî",
            f"page:{news.pk}:summary": "Kurteya nû ya xebatê.",
            f"{body}:{ids['heading']}": "Xebat",
            f"{body}:{ids['paragraph']}": "<1>Xebatek li <2>Hecînê</2> <3>serkeftî</3>.</1>",
            f"{body}:{ids['image']}:caption": "Beşdar",
            f"{body}:{ids['quote']}:text": "Bi kêr hat",
            f"{body}:{ids['quote']}:attribution": "Beşdarek",
        },
    )
    assert set(entries) >= {f"topic:{topic.pk}:name", f"page:{news.pk}:summary"}
    run_import(tmp_path, content)
    assert ku.get(object_id=topic.pk, model="news.topic").status == "complete"
    # The page's draft is complete; readers (and the stored status) see it once an editor publishes it.
    page = Page.objects.get(pk=news.pk).specific
    assert ku.get(object_id=news.pk).status == "outdated"
    draft = page.get_latest_revision_as_object()
    assert status.evaluate(draft).languages["ku"].status == "complete"
    page.get_latest_revision().publish()
    assert ku.get(object_id=news.pk).status == "complete"


# -- placeholders ----------------------------------------------------------------------------------------------------


def test_placeholders_round_trip_rich_text():
    source = '<p>A <a href="https://example.org/?a=1&amp;b=2">link</a> &amp; 5 &lt; 6<br/>next</p><ul><li>x</li></ul>'
    text, tags = markup.to_placeholders(source)
    assert text == "<1>A <2>link</2> & 5 &lt; 6<3/>next</1><4><5>x</5></4>"
    assert markup.restore(text, tags) == source
    assert markup.placeholders_for(source, tags) == text
    moved = markup.restore("<4><5>y</5></4><1>B<3/><2>lînk</2> & 7 &lt; 8</1>", tags)
    assert moved == '<ul><li>y</li></ul><p>B<br/><a href="https://example.org/?a=1&amp;b=2">lînk</a> &amp; 7 &lt; 8</p>'
    with pytest.raises(markup.MarkupError, match="more than once"):
        markup.restore("<1>A <2>l</2><3/><3/></1><4><5>x</5></4>", tags)
    with pytest.raises(markup.MarkupError, match="wrong form"):
        markup.restore("<1>A <2>l</2><3>b</3></1><4><5>x</5></4>", tags)
    with pytest.raises(markup.MarkupError, match="closes something"):
        markup.restore("<1>A <2>l</1></2><3/><4><5>x</5></4>", tags)


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_plain_text_with_markup_characters_comes_back_as_typed(tmp_path, fmt, site_tree):
    topic = TopicFactory(name_ar="السلم & الأمن <2025>")
    exported = export(tmp_path, fmt=fmt)
    text = "Aştî & ewlehî <2025>"
    translations = {f"topic:{topic.pk}:name": text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}
    content = (
        translate_po(exported, {f"topic:{topic.pk}:name": text})
        if fmt == "po"
        else translate_xliff(exported, translations)
    )
    run_import(tmp_path, content)
    assert Topic.objects.get(pk=topic.pk).name_ku == text
    assert "0 item(s) to change" in run_import(tmp_path, export(tmp_path, fmt=fmt)), "and round-trips unchanged"


def test_unfinished_translations_are_not_applied(tmp_path, topic, django_user_model):
    """A fuzzy PO entry, or an XLIFF target a tool marked as not translated yet, is no translation."""
    user = django_user_model.objects.create_superuser("chief", password="pw-chief-1")
    po = polib.pofile(translate_po(export(tmp_path), {f"topic:{topic.pk}:name": "Aştî?"}).decode())
    next(e for e in po if e.msgctxt == f"topic:{topic.pk}:name").flags.append("fuzzy")
    assert "0 item(s) to change" in run_import(tmp_path, str(po).encode())
    content = translate_xliff(export(tmp_path, fmt="xliff"), {f"topic:{topic.pk}:name": "السلم الأهلي"})
    content = content.replace(b"<target", b'<target state="needs-translation"', 1)
    assert "0 item(s) to change" in run_import(tmp_path, content, "--user", "chief")
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")
    finished = translate_xliff(export(tmp_path, fmt="xliff"), {f"topic:{topic.pk}:name": "Aştiya navxweyî"})
    run_import(tmp_path, finished, "--user", "chief")
    assert Topic.objects.get(pk=topic.pk).name_ku == "Aştiya navxweyî"
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(object_id=str(topic.pk), user=user, action="wagtail.edit").exists()


def test_a_text_without_a_counterpart_in_the_translation_is_refused(tmp_path, site_tree):
    def figures(*labels):
        return [
            {"type": "key_figures", "value": [{"figure": str(n), "label": label} for n, label in enumerate(labels)]}
        ]

    page = NewsPageFactory(
        parent=site_tree["news"], body_ar=figures("متدربون", "أيام"), title_ku="Nûçe", body_ku=figures("a", "b", "c")
    )
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    label = next(key for key in po_entries(export(tmp_path)) if key.endswith(":label") and f"page:{page.pk}:" in key)
    assert po_entries(export(tmp_path))[label].msgstr == "", "no counterpart: nothing to show"
    revisions = page.revisions.count()
    report = refused(tmp_path, translate_po(export(tmp_path), {label: "Perwerdekar"}))
    assert f"invalid: {label}: This text has no counterpart in the Kurmancî version" in report
    assert page.revisions.count() == revisions
