"""The translators' workspace in the admin: the report (Reports menu), the dashboard panel, the review
toggle, and copies that keep their original's translation status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import selectors, signals, structure, views
from .panels import START_FROM_SOURCE
from .roles import languages_of


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("translations/report/", views.TranslationReportView.as_view(), name="translations_report"),
        path(
            "translations/report/results/",
            views.TranslationReportView.as_view(results_only=True),
            name="translations_report_results",
        ),
        path(
            "translations/review/<int:content_type_id>/<int:object_id>/",
            views.toggle_review,
            name="translations_review",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        gettext_lazy("Translations"), reverse("translations_report"), name="translations", icon_name="globe", order=650
    )


class TranslationsPanel(Component):
    """ "Kurmancî: 12 missing, 3 outdated", each number a link to the report filtered to it."""

    name = "translations"
    order = 90

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        counts = selectors.counts_per_language()
        own = languages_of(self.user)
        if own is not None:
            counts = [row for row in counts if row["lang"] in own]
        return render_to_string(
            "translations/dashboard_panel.html", {"counts": counts, "report_url": reverse("translations_report")}
        )


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    panels.insert(0, TranslationsPanel(request.user))


@hooks.register("after_copy_page")
def keep_translation_status_of_copies(request, page, new_page):
    signals.on_page_copied(page, new_page)


# -- the page edit form for translators (``translations.panels``) ------------------------------------------


@hooks.register("insert_global_admin_css")
def edit_form_css():
    """The edit form's styles (on every admin page: Wagtail 8 has no hook for the editor's styles alone)."""
    return format_html('<link rel="stylesheet" href="{}">', static("translations/edit-form.css"))


@hooks.register("insert_editor_js")
def edit_form_js():
    return format_html('<script src="{}" defer></script>', static("translations/edit-form.js"))


@hooks.register("before_edit_page")
def start_from_source_structure(request, page):
    """``?start_from_source=body_ku``: the form opens with the source's blocks in the empty Kurmanji body."""
    name = request.GET.get(START_FROM_SOURCE) if request.method == "GET" else None
    if not name:
        return None
    try:
        language = structure.start_from_source(page, name, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.info(
        request,
        _("%(language)s: the source's blocks are in place. Write the text of each block, then save.")
        % {"language": language},
    )
    return None


# -- files for outside translators (``translations.exchange_views``) -----------------------------------------


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request):
        from .exchange_views import exchange_languages

        return bool(exchange_languages(request.user))


@hooks.register("register_admin_urls")
def register_exchange_urls():
    from .exchange_views import urlpatterns

    return urlpatterns


@hooks.register("register_reports_menu_item")
def register_exchange_menu_item():
    from django.utils.translation import gettext_lazy

    label = gettext_lazy("Files for translators")
    url = reverse("translations_exchange")
    return ExchangeMenuItem(label, url, name="translation-files", icon_name="download", order=660)
