"""Reads of the translators' workspace: the report's rows and the counts per language, straight from the
denormalised status table (one query for a page of rows, one for the counts, whatever the number of items)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from cms import languages

from .models import IMAGE, PAGE, SETTINGS, SNIPPET, STATUSES, TranslationStatus


def report_queryset():
    return TranslationStatus.objects.order_by("lang", "status", "-item_date", "label", "pk")


def counts_per_language(queryset=None) -> list[dict]:
    """``[{"lang", "name", "counts": {status: n}, "review": n}]`` for every target language."""
    queryset = TranslationStatus.objects.all() if queryset is None else queryset
    counts: dict = {}
    for lang, state, n in queryset.values_list("lang", "status").annotate(n=Count("pk")).order_by():
        counts.setdefault(lang, {})[state] = n
    reviews = dict(
        queryset.filter(needs_review=True)
        .values_list("lang")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("lang", "n")
    )
    source = languages.source_code()
    return [
        {
            "lang": language.code,
            "name": language.native_name,
            "counts": {state: counts.get(language.code, {}).get(state, 0) for state in STATUSES},
            "review": reviews.get(language.code, 0),
        }
        for language in languages.enabled()
        if language.code != source
    ]


def edit_url(row: TranslationStatus) -> str | None:
    """The admin page where this item is edited, from the row alone (no query)."""
    app_label, model_name = row.model.split(".", 1)
    try:
        if row.kind == PAGE:
            return reverse("wagtailadmin_pages:edit", args=[row.object_id])
        if row.kind == SNIPPET:
            return reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[row.object_id])
        if row.kind == IMAGE:
            return reverse("wagtailimages:edit", args=[row.object_id])
        if row.kind == SETTINGS:
            return reverse("wagtailsettings:edit", args=[app_label, model_name, row.object_id])
    except NoReverseMatch:
        return None
    return None
