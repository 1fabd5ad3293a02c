"""``/sitemap.xml``: frontend URLs of every public page in every language it is available in, each with
``xhtml:link rel="alternate" hreflang`` to all its language versions and ``x-default`` (the source
language's, else the first available), and ``lastmod``. Past ``CMS_SITEMAP_LIMIT`` URLs (50,000, the
protocol's maximum) ``/sitemap.xml`` becomes an index of ``/sitemap-<n>.xml`` files.
"""

from __future__ import annotations

from types import SimpleNamespace
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import BooleanField, Case, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from cms import languages
from cms.availability import available_q
from cms.paths import Paths, site_url
from cms.visibility import public_pages
from home.models import HomePage
from news.models import CONTENT_PAGE_MODELS, INDEX_PAGE_MODELS

from .serving import problem

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def entries(base: str) -> list[dict]:
    """``{"loc", "lastmod", "alternates": [(hreflang, url)]}`` for every URL below ``base``, in tree order."""
    codes = languages.enabled_codes()
    paths = Paths()
    flags = {
        f"in_{code}": Case(When(available_q(code), then=Value(True)), default=Value(False), output_field=BooleanField())
        for code in codes
    }
    queryset = public_pages(Page.objects.type(HomePage, *INDEX_PAGE_MODELS, *CONTENT_PAGE_MODELS)).annotate(
        changed_at=Coalesce("last_published_at", "first_published_at", "latest_revision_created_at"), **flags
    )
    columns = [build_localized_fieldname("url_path", code) for code in codes]
    rows = queryset.order_by("path").values("pk", "url_path", "changed_at", *columns, *flags)
    result = []
    source = languages.source_code()
    for row in rows:
        page = SimpleNamespace(url_path=row["url_path"], **{column: row[column] for column in columns})
        available = [code for code in codes if row[f"in_{code}"]]
        if not available:
            continue
        urls = {code: base + paths.path(page, code) for code in available}
        default = urls.get(source) or urls[available[0]]
        alternates = [*urls.items(), ("x-default", default)]
        lastmod = row["changed_at"].date().isoformat() if row["changed_at"] else None
        result.extend({"loc": urls[code], "lastmod": lastmod, "alternates": alternates} for code in available)
    return result


def _urlset(items: list[dict]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for item in items:
        lines.append(f"<url><loc>{escape(item['loc'])}</loc>")
        if item["lastmod"]:
            lines.append(f"<lastmod>{item['lastmod']}</lastmod>")
        for hreflang, url in item["alternates"]:
            lines.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(url)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _index(base_url: str, pages: int, lastmods: list[str | None]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for number in range(1, pages + 1):
        lines.append(f"<sitemap><loc>{escape(f'{base_url}/sitemap-{number}.xml')}</loc>")
        if lastmods[number - 1]:
            lines.append(f"<lastmod>{lastmods[number - 1]}</lastmod>")
        lines.append("</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def _xml(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="application/xml; charset=utf-8")


def sitemap(request, number: int | None = None):
    limit = max(int(settings.CMS_SITEMAP_LIMIT), 1)
    items = entries(site_url(request))
    chunks = [items[start : start + limit] for start in range(0, len(items), limit)] or [[]]
    if number is None:
        if len(chunks) == 1:
            return _xml(_urlset(chunks[0]))
        base_url = request.build_absolute_uri("/").rstrip("/")
        lastmods = [max((i["lastmod"] for i in chunk if i["lastmod"]), default=None) for chunk in chunks]
        return _xml(_index(base_url, len(chunks), lastmods))
    if len(chunks) == 1 or not 1 <= number <= len(chunks):
        return problem(404, f"There is no sitemap number {number}.")
    return _xml(_urlset(chunks[number - 1]))
