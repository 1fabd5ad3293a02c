"""``manage.py seed_demo``: the demo content `make run` loads, and the volume used by benchmarks."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings
from news.models import DialogueSessionPage, NewsPage, StatementPage


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_trilingual():
    """`make run` runs seed_demo every time: a second run adds nothing and keeps the data."""
    call_command("seed_demo", stdout=None)
    counts = (NewsPage.objects.count(), StatementPage.objects.count(), DialogueSessionPage.objects.count())
    call_command("seed_demo")
    assert (NewsPage.objects.count(), StatementPage.objects.count(), DialogueSessionPage.objects.count()) == counts
    assert counts == (3, 1, 2)

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    workshop = NewsPage.objects.get(slug_en="workshops-community-mobilisation-deir-ezzor")
    assert "هجين" in workshop.summary_ar and "Hecîn" in workshop.summary_ku and "Hajin" in workshop.summary_en
    assert workshop.slug_ar.startswith("مركز-آسو")
    assert workshop.url_path_ar.startswith(site.root_page.url_path_ar)
    assert workshop.live and workshop.main_image.description_ar

    settings = SiteSettings.for_site(site)
    assert settings.phone == "+964 751 441 3372"
    assert settings.organisation_name_ku.startswith("Navenda ASO")
    assert settings.menu_items.count() == 3


@pytest.mark.django_db
def test_seed_demo_volume_adds_consistent_tree():
    """Benchmarks load thousands of items with --volume; the page tree must stay valid for Wagtail."""
    call_command("seed_demo")
    before = Page.objects.count()
    call_command("seed_demo", volume=60)
    assert Page.objects.count() == before + 60
    assert Page.find_problems() == ([], [], [], [], [])
    item = NewsPage.objects.filter(slug_en__startswith="synthetic-").first()
    assert item.live and item.url_path_ar.startswith("/home/news/")
    assert item.topics.count() == 1 and item.places.count() == 1
    # A second volume run continues the numbering instead of colliding.
    call_command("seed_demo", volume=3)
    assert Page.objects.filter(slug_en__startswith="synthetic-").count() == 63
