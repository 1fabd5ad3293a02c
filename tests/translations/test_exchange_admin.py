"""Files for outside translators in the admin: download, upload with a preview, then confirm.

Relied on by the communications staff and translators who have no shell: the preview must show what will
change and write nothing; confirming writes exactly that (page drafts, never a publish); a translator works
only in their own language.
"""

import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection, Page

from cms.factories import ImageFactory
from cms.models import CMSImage
from news.factories import NewsPageFactory, TopicFactory
from news.taxonomy import Topic
from tests.admin.conftest import soup
from translations import exchange, roles

pytestmark = pytest.mark.django_db

URL = "/admin/translations/files/"
IMPORT_URL = "/admin/translations/files/import/"


@pytest.fixture
def news(site_tree):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة عمل في هجين", summary_ar="ملخص الورشة.")
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def topic():
    return TopicFactory(name_ar="السلم الأهلي", name_en="Civil peace")


def member(django_user_model, name, group_name):
    roles.ensure_groups()
    user = django_user_model.objects.create_user(name, password=f"pw-{name}-1")
    group, _ = Group.objects.get_or_create(name=group_name)
    if group_name == "Editors":
        group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_topic"]))
    user.groups.add(group)
    return user


@pytest.fixture
def kurdish_translator(django_user_model, site_tree):
    return member(django_user_model, "kurmanji", "Translators · Kurmancî")


@pytest.fixture
def staff_editor(django_user_model, site_tree):
    return member(django_user_model, "editor", "Editors")


def translated(code: str, translations: dict) -> bytes:
    po = polib.pofile(exchange.export(code, exchange.PO).decode())
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
    return str(po).encode()


def upload(client, content: bytes, lang="ku"):
    return client.post(IMPORT_URL, {"lang": lang, "file": SimpleUploadedFile("ku.po", content)})


def test_the_urls_are_the_admins():
    assert reverse("translations_exchange") == URL
    assert reverse("translations_exchange_import") == IMPORT_URL


@pytest.mark.parametrize("who", ["kurdish_translator", "staff_editor"])
def test_download(client, request, who, news, topic):
    client.force_login(request.getfixturevalue(who))
    page = client.get(URL)
    assert page.status_code == 200
    assert soup(page).find("select", attrs={"name": "lang"}) is not None
    response = client.get(URL, {"lang": "ku", "format": "xliff", "status": ["missing"]})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="translations-ku-')
    body = response.content.decode()
    assert 'target-language="ku"' in body and f'id="topic:{topic.pk}:name"' in body


def test_a_translator_downloads_only_their_language(client, kurdish_translator, news):
    client.force_login(kurdish_translator)
    options = [o["value"] for o in soup(client.get(URL)).find("select", attrs={"name": "lang"}).find_all("option")]
    assert options == ["ku"]
    response = client.get(URL, {"lang": "en", "format": "po"})
    assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")
    assert soup(response).find(class_="error-message") is not None


def test_someone_outside_the_roles_gets_nothing(client, django_user_model, news):
    user = django_user_model.objects.create_user("other", password="pw-other-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail answers a refusal in the admin with a redirect to the dashboard and a message.
    assert client.get(URL).url == "/admin/"
    assert client.get(URL, {"lang": "ku", "format": "po"}).url == "/admin/"
    assert upload(client, translated("ku", {})).url == "/admin/"


@pytest.mark.parametrize("who", ["kurdish_translator", "staff_editor"])
def test_upload_shows_a_preview_then_confirm_applies_it(client, request, who, news, topic):
    user = request.getfixturevalue(who)
    client.force_login(user)
    content = translated("ku", {f"topic:{topic.pk}:name": "Aştiya navxweyî", f"page:{news.pk}:title": "Xebat"})
    revisions = news.revisions.count()
    preview = upload(client, content)
    assert preview.status_code == 200
    rows = soup(preview).select("table.exchange-changes tbody tr")
    assert {row.find("code").get_text() for row in rows} == {"name_ku", "title_ku"}
    assert "Aştiya navxweyî" in preview.content.decode()
    # Nothing is written by the preview.
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "") and news.revisions.count() == revisions
    form = soup(preview).find("input", attrs={"name": "token"}).find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    done = client.post(IMPORT_URL, data)
    assert done.status_code == 302
    assert Topic.objects.get(pk=topic.pk).name_ku == "Aştiya navxweyî"
    live = Page.objects.get(pk=news.pk).specific
    assert live.title_ku in (None, "") and live.has_unpublished_changes
    revision = live.get_latest_revision()
    assert revision.user == user and revision.as_object().title_ku == "Xebat"
    # The same confirmation twice applies nothing more.
    again = client.post(IMPORT_URL, data)
    assert again.status_code == 302 and news.revisions.count() == revisions + 1


def test_a_confirmation_applies_only_what_was_previewed(client, staff_editor, news, topic):
    client.force_login(staff_editor)
    preview = upload(client, translated("ku", {f"topic:{topic.pk}:name": "Aştiya navxweyî"}))
    form = soup(preview).find("input", attrs={"name": "token"}).find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    Topic.objects.filter(pk=topic.pk).update(name_ar="السلم الأهلي والتعايش")  # the source changes meanwhile
    response = client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert soup(response).select("table.exchange-problems tr.problem-stale")
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


def test_a_kurmanji_translator_cannot_import_arabic_or_english(client, kurdish_translator, news, topic):
    client.force_login(kurdish_translator)
    english = translated("en", {f"topic:{topic.pk}:name": "Civil peace!"})
    refused = upload(client, english, lang="en")
    assert refused.status_code == 200
    assert soup(refused).find(class_="error-message") is not None
    assert not soup(refused).find("input", attrs={"name": "token"})
    # Announced as Kurmanji, the file is still in English: refused with the reason.
    mislabelled = upload(client, english, lang="ku")
    assert soup(mislabelled).select("table.exchange-problems tr.problem-language")
    assert "الملف بلغة en وليس ku" in mislabelled.content.decode(), "said in the admin's language (Arabic)"
    assert not soup(mislabelled).find("input", attrs={"name": "token"})
    po = polib.pofile(translated("ku", {f"topic:{topic.pk}:name": "x"}).decode())
    po.metadata["Language"] = "ar"
    arabic = upload(client, str(po).encode(), lang="ku")
    assert soup(arabic).select("table.exchange-problems tr.problem-language")
    assert not soup(arabic).find("input", attrs={"name": "token"})
    assert Topic.objects.get(pk=topic.pk).name_en == "Civil peace"
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


def test_a_broken_file_shows_its_problems_and_no_confirmation(client, staff_editor, news, topic):
    client.force_login(staff_editor)
    content = translated("ku", {f"topic:{topic.pk}:name": "Aştiya navxweyî"}).replace(
        f"topic:{topic.pk}:name".encode(), b"topic:999999:name"
    )
    response = upload(client, content)
    assert response.status_code == 200
    page = soup(response)
    assert page.select("table.exchange-problems tr.problem-unknown")
    assert not page.find("input", attrs={"name": "token"})
    not_a_file = upload(client, b"\x00\x01 nothing")
    assert not_a_file.status_code == 200
    assert soup(not_a_file).select("table.exchange-problems")


def test_only_what_the_user_may_edit_is_exported_or_imported(client, staff_editor, news, topic):
    Group.objects.get(name="Editors").permissions.remove(Permission.objects.get(codename="change_topic"))
    client.force_login(staff_editor)
    download = client.get(URL, {"lang": "ku", "format": "po"}).content.decode()
    assert f"page:{news.pk}:title" in download and f"topic:{topic.pk}:name" not in download
    response = upload(client, translated("ku", {f"topic:{topic.pk}:name": "Aştiya navxweyî"}))
    assert soup(response).select("table.exchange-problems tr.problem-permission")
    assert Topic.objects.get(pk=topic.pk).name_ku in (None, "")


def test_a_translator_imports_image_alt_texts(client, kurdish_translator, site_tree):
    image = ImageFactory(description_ar="مشاركون في الورشة", collection=Collection.get_first_root_node())
    client.force_login(kurdish_translator)
    preview = upload(client, translated("ku", {f"image:{image.pk}:description": "Beşdarên xebatê"}))
    form = soup(preview).find("input", attrs={"name": "token"}).find_parent("form")
    client.post(IMPORT_URL, {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")})
    saved = CMSImage.objects.get(pk=image.pk)
    assert saved.description_ku == "Beşdarên xebatê" and saved.description_ar == "مشاركون في الورشة"
