"""Admin behaviour shared by every app."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView
from wagtail.models import Page

from cms import languages


@hooks.register("before_copy_page")
def refuse_copy_without_a_valid_parent(request, page):
    """Wagtail's copy view reads ``new_parent_page`` from the POST before validating the form, so a request
    without it (or with a page that does not exist) ended in a server error. Send the editor back to the
    form with a message instead; the browser's form always sends the field, so only hand-made requests hit
    this."""
    if request.method != "POST":
        return None
    parent_id = request.POST.get("new_parent_page", "")
    if parent_id.isdigit() and Page.objects.filter(pk=int(parent_id)).exists():
        return None
    messages.error(request, _("Choose the page the copy should be placed under."))
    return redirect("wagtailadmin_pages:copy", page.pk)


def _names_optional_in_account_settings():
    """Wagtail's account page requires a first and last name in the same form post as every preference, so an
    account without a name (the development admin, a shared newsroom account) could not even change its
    admin language. The names stay editable, just not required."""
    from wagtail.admin.forms.account import NameEmailForm

    for name in ("first_name", "last_name"):
        NameEmailForm.base_fields[name].required = False


_names_optional_in_account_settings()


@hooks.register("insert_global_admin_css")
def project_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin/admin.css"))


class LanguagesColumn(Column):
    """Which languages a page is written in, at a glance: "ar ku en", the missing ones dimmed and struck
    (a page is written in a language when it has a title in it)."""

    cell_template_name = "wagtailadmin/tables/cell.html"

    def get_value(self, instance):
        cells = []
        for code in languages.enabled_codes():
            written = bool(getattr(instance, f"title_{code}", None))
            state = _("written") if written else _("not written yet")
            cells.append(("" if written else " cms-languages__missing", f"{code}: {state}", code))
        return format_html(
            '<span class="cms-languages" dir="ltr">{}</span>',
            format_html_join("", '<span class="cms-languages__code{}" title="{}">{}</span>', cells),
        )


def add_page_list_columns(*columns, after="title"):
    """Add columns to Wagtail's page lists (the explorer and the search/filter list) after ``after``."""
    for view in (ExplorableIndexView, IndexView):
        names = [column.name for column in view.base_columns]
        position = names.index(after) + 1 if after in names else len(names)
        for offset, column in enumerate(c for c in columns if c.name not in names):
            view.base_columns.insert(position + offset, column)


add_page_list_columns(LanguagesColumn("languages", label=gettext_lazy("Languages"), width="10%"))
