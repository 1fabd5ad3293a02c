"""Every path a language version ever had keeps resolving: shared links survive slug changes, moves and an
item's first own slug in a language (its path until then was built from the fallback slug)."""

import pytest

from news.factories import NewsPageFactory


def _resolve(api, path):
    return api.get("resolve/", {"path": path})


def _publish(page):
    page.save_revision().publish()


def test_untranslated_item_keeps_its_fallback_path_after_translation(api, site_tree):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة في الحسكة", title_ku=None, title_en=None)
    page.slug_ku = None
    page.save()
    before = api.get(f"news/{page.pk}/", {"lang": "ku"}).data["path"]
    assert "ورشة" in before  # built from the Arabic slug
    assert _resolve(api, before).data["redirect"] is None

    page = type(page).objects.get(pk=page.pk)
    page.title_ku = "Xebat li Hesekê"
    page.slug_ku = "xebat-li-heseke"
    _publish(page)

    now = api.get(f"news/{page.pk}/", {"lang": "ku"}).data["path"]
    assert now.endswith("/xebat-li-heseke/") and now != before
    old = _resolve(api, before)
    assert old.status_code == 200
    assert old.data["redirect"] == {"from": before, "to": now, "permanent": True}
    assert old.data["item"]["id"] == page.pk


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_slug_changes_redirect_in_each_language(api, site_tree, code):
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة",
        title_ku="Xebat",
        title_en="Workshop",
        slug_ar="ورشة",
        slug_ku="xebat",
        slug_en="workshop",
    )
    first = api.get(f"news/{page.pk}/", {"lang": code}).data["path"]
    setattr(page, f"slug_{code}", f"{getattr(page, f'slug_{code}')}-2")
    _publish(page)
    second = api.get(f"news/{page.pk}/", {"lang": code}).data["path"]
    setattr(page, f"slug_{code}", f"{getattr(page, f'slug_{code}')}-3")
    _publish(page)
    third = api.get(f"news/{page.pk}/", {"lang": code}).data["path"]
    assert len({first, second, third}) == 3
    for old in (first, second):
        data = _resolve(api, old).data
        assert data["redirect"]["to"] == third and data["item"]["id"] == page.pk


def test_a_section_move_keeps_its_items_paths(api, site_tree):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", title_en="Workshop", slug_en="workshop")
    before = api.get(f"news/{page.pk}/", {"lang": "en"}).data["path"]
    section = site_tree["news"]
    section.slug_en = "stories"
    _publish(section)
    now = api.get(f"news/{page.pk}/", {"lang": "en"}).data["path"]
    assert now == "/en/stories/workshop/" and before != now
    assert _resolve(api, before).data["redirect"]["to"] == now


def test_a_former_path_of_a_hidden_item_is_not_found(api, site_tree):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", title_en="Workshop", slug_en="workshop")
    before = api.get(f"news/{page.pk}/", {"lang": "en"}).data["path"]
    page.slug_en = "renamed"
    _publish(page)
    page.unpublish()
    assert _resolve(api, before).status_code == 404
