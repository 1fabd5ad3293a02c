"""Admin behaviour shared by every app."""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView
from wagtail.models import Page

from cms import languages
from cms.text import unicode_slug


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


@hooks.register("before_edit_page")
def refuse_stale_edit_form(request, page):
    """A form opened before another editor's save must not overwrite it (``cms/edit_guard.py``)."""
    from cms.edit_guard import refuse_stale_edit

    return refuse_stale_edit(request, page)


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


# How long after its creation a never-published draft may still be taken over by a post to "add".
AUTOSAVED_DRAFT_WINDOW = datetime.timedelta(hours=2)


def _autosaved_draft(request, parent_page, page_class):
    """The draft this editor's autosave created from this same add form, if the post names its slug.

    Only a page of the same type under the same parent, owned by this editor, never published, last saved within
    ``AUTOSAVED_DRAFT_WINDOW`` and holding the posted slug qualifies; any other clash stays a form error.
    """
    slugs = {}
    for code in languages.enabled_codes():
        value = request.POST.get(build_localized_fieldname("slug", code))
        if value:
            slugs[build_localized_fieldname("slug", code)] = unicode_slug(value, 255) or value
    if not slugs:
        return None
    condition = Q()
    for field, value in slugs.items():
        condition |= Q(**{field: value})
    since = timezone.now() - AUTOSAVED_DRAFT_WINDOW
    return (
        page_class.objects.child_of(parent_page)
        .filter(
            condition,
            owner=request.user,
            live=False,
            first_published_at__isnull=True,
            latest_revision_created_at__gte=since,
        )
        .order_by("-pk")
        .first()
    )


@hooks.register("before_create_page")
def continue_an_autosaved_draft(request, parent_page, page_class):
    """Wagtail's autosave creates the page on the first pause in typing and then moves the form to the new
    page's edit view. A publish (or a second autosave, or a double click) that leaves before the move still
    posts to "add", and used to fail with "This slug is already in use" while the draft existed. Such a post
    is handed to the draft's edit view, which saves or publishes it: one page, nothing half-created."""
    if request.method != "POST":
        return None
    draft = _autosaved_draft(request, parent_page, page_class)
    if draft is None:
        return None
    from wagtail.admin.views.pages.edit import EditView

    return EditView.as_view()(request, page_id=draft.pk)
