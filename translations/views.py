"""The translation report: every item in every target language with its status, filtered, counted and
exported like Wagtail's own reports; and the review mark toggle."""

from __future__ import annotations

import datetime

import django_filters
from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from cms import languages

from . import registry, selectors, services
from .forms import ReviewForm
from .models import KIND_CHOICES, STATUS_CHOICES, TranslationStatus
from .roles import languages_of


def _language_choices():
    source = languages.source_code()
    return [(lang.code, lang.native_name) for lang in languages.enabled() if lang.code != source]


def _type_choices():
    return [(registry.model_label(m), str(m._meta.verbose_name).capitalize()) for m in registry.tracked_models()]


def _type_name(row) -> str:
    """The item's type as the admin names it, in the admin's language (the stored value is a model label)."""
    try:
        return capfirst(apps.get_model(row.model)._meta.verbose_name)
    except (LookupError, ValueError):
        return row.model


def _section_choices():
    sections = TranslationStatus.objects.exclude(section="").values_list("section", flat=True).distinct()
    return [(s, s) for s in sorted(sections)]


class TranslationReportFilterSet(WagtailFilterSet):
    lang = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=_language_choices, empty_label=gettext_lazy("All languages")
    )
    status = django_filters.MultipleChoiceFilter(label=gettext_lazy("Status"), choices=STATUS_CHOICES, distinct=False)
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=KIND_CHOICES, empty_label=gettext_lazy("All kinds")
    )
    model = django_filters.ChoiceFilter(
        label=gettext_lazy("Type"), choices=_type_choices, empty_label=gettext_lazy("All types")
    )
    section = django_filters.ChoiceFilter(
        label=gettext_lazy("Section"), choices=_section_choices, empty_label=gettext_lazy("All sections")
    )
    item_date = django_filters.DateFromToRangeFilter(label=gettext_lazy("Date"), widget=DateRangePickerWidget)
    needs_review = django_filters.BooleanFilter(label=gettext_lazy("Needs review"))

    class Meta:
        model = TranslationStatus
        fields = ["lang", "status", "kind", "model", "section", "item_date", "needs_review"]


class StatusColumn(Column):
    def get_value(self, instance):
        text = str(dict(STATUS_CHOICES).get(instance.status, instance.status))
        if instance.outdated_fields:
            text += f" ({', '.join(instance.outdated_fields)})"
        if instance.missing_fields and instance.status != "missing":
            text += " · " + _("missing: %(fields)s") % {"fields": ", ".join(instance.missing_fields)}
        if instance.needs_review:
            text += " · " + _("needs review")
        return text

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = format_html(
            '<span class="translation-status status-{}">{}</span>', instance.status, context["value"]
        )
        return context


class TranslationReportView(ReportView):
    page_title = gettext_lazy("Translations")
    header_icon = "globe"
    index_url_name = "translations_report"
    index_results_url_name = "translations_report_results"
    results_template_name = "translations/report_results.html"
    filterset_class = TranslationReportFilterSet
    paginate_by = 50
    model = TranslationStatus
    list_export = [
        "label",
        "lang",
        "status",
        "outdated_fields",
        "missing_fields",
        "needs_review",
        "kind",
        "model",
        "section",
        "item_date",
        "live",
        "edit_url",
    ]
    export_headings = {
        "label": gettext_lazy("Item"),
        "lang": gettext_lazy("Language"),
        "status": gettext_lazy("Status"),
        "outdated_fields": gettext_lazy("Outdated fields"),
        "missing_fields": gettext_lazy("Missing fields"),
        "needs_review": gettext_lazy("Needs review"),
        "kind": gettext_lazy("Kind"),
        "model": gettext_lazy("Type"),
        "section": gettext_lazy("Section"),
        "item_date": gettext_lazy("Date"),
        "live": gettext_lazy("Published"),
        "edit_url": gettext_lazy("Edit"),
    }

    columns = [
        TitleColumn("label", label=gettext_lazy("Item"), get_url=selectors.edit_url),
        Column("lang", label=gettext_lazy("Language")),
        StatusColumn("status", label=gettext_lazy("Status")),
        Column("section", label=gettext_lazy("Section")),
        Column("model", label=gettext_lazy("Type"), accessor=_type_name),
        DateColumn("item_date", label=gettext_lazy("Date")),
    ]

    def get_filename(self):
        return f"translations-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return selectors.report_queryset()

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if field == "edit_url":
                url = selectors.edit_url(item)
                row[field] = self.request.build_absolute_uri(url) if url else ""
            else:
                value = getattr(item, field)
                row[field] = ", ".join(value) if isinstance(value, list) else value
        return row

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["counts"] = selectors.counts_per_language()
        context["report_url"] = reverse("translations_report")
        return context


def _back(request) -> str:
    """Where to return after a review toggle: the ``next`` given in the button's address (the edit form's
    own ``next`` input is posted with it), else the posted one, else the report; only this site's addresses."""
    for candidate in (request.GET.get("next"), request.POST.get("next")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("translations_report")


def _may_edit(user, obj) -> bool:
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}")


@require_POST
def toggle_review(request, content_type_id: int, object_id: int):
    """Mark or clear "needs review" on one language version (those who may edit the item: editors, and the
    translators of that language). Posted from the report or from the edit form's status panel, whose
    buttons give ``next`` and ``clear`` in their address."""
    model = get_object_or_404(ContentType, pk=content_type_id).model_class()
    if model is None:
        raise PermissionDenied
    obj = get_object_or_404(model._base_manager, pk=object_id)
    # Pages are keyed by Wagtail's base page type: what has translations is the specific type.
    obj = obj.specific if hasattr(obj, "specific") else obj
    if registry.kind_of(type(obj)) is None or not _may_edit(request.user, obj):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    back = _back(request)
    if not form.is_valid():
        messages.error(request, _("Choose a language to mark."))
        return redirect(back)
    code = form.cleaned_data["lang"]
    allowed = languages_of(request.user)
    if allowed is not None and code not in allowed:
        raise PermissionDenied
    name = languages.KNOWN[code].native_name
    try:
        if request.GET.get("clear") or request.POST.get("clear"):
            services.clear_review(obj, code)
            messages.success(request, _("%(language)s: review mark cleared.") % {"language": name})
        else:
            services.mark_for_review(obj, code, request.user, form.cleaned_data["note"])
            messages.success(
                request,
                _("%(language)s: marked as needing review. Readers get the fallback until the mark is cleared.")
                % {"language": name},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)
