"""Data for the translators' tests: a site tree and a news item written in Arabic and Kurmanji."""

import pytest

from news.factories import NewsPageFactory, paragraph


@pytest.fixture
def item(site_tree):
    """A published news item, complete in Kurmanji, nothing in English."""
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة عمل في هجين",
        summary_ar="ملخص الورشة.",
        body_ar=paragraph("نص الخبر."),
        title_ku="Xebata li Hecînê",
        summary_ku="Kurteya xebatê.",
        body_ku=paragraph("Nivîsa nûçeyê."),
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish(page, **values):
    """Change fields on the latest draft and publish it, as an editor would."""
    page = page.get_latest_revision_as_object()
    for name, value in values.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return type(page).objects.get(pk=page.pk), revision
