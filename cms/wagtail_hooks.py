"""Admin behaviour shared by every app."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page


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
