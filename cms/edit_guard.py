"""A page edit form opened before someone else saved the page is refused, not saved over their work.

Wagtail's edit form already carries the revision it was opened on (``loaded_revision_id`` and
``loaded_revision_created_at``), but only its autosave requests are refused when a newer revision exists: a
plain "Save draft" or "Publish" from a stale form replaced the other editor's title and text, on the live
page too. The ``before_edit_page`` hook (``cms/wagtail_hooks.py``) sends such a post to ``StaleEditView``,
which shows the form again with the editor's own input and an error, and saves nothing. The re-shown form
carries the newest revision, so saving it again is a deliberate choice to replace the other version.
"""

from django.utils.translation import gettext as _
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

# Set on a request being answered by StaleEditView, whose own dispatch runs the hook again.
_HANDLED = "_cms_stale_form_handled"


def newer_revision(request, page):
    """The revision saved since the posted form was opened, or None when the form is up to date.

    The same test as Wagtail's ``EditView.is_out_of_date``: another revision id, or the same revision
    rewritten (autosave) after the form was loaded. A post without the fields (not from the admin's form)
    is not judged.
    """
    latest = Page.objects.get(pk=page.pk).get_latest_revision()
    if latest is None:
        return None
    if overwrite_id := request.POST.get("overwrite_revision_id"):
        return latest if overwrite_id != str(latest.pk) else None
    loaded_id = request.POST.get("loaded_revision_id")
    if not loaded_id:
        return None
    if loaded_id != str(latest.pk):
        return latest
    if request.POST.get("loaded_revision_created_at", "") != latest.created_at.isoformat():
        return latest
    return None


def refuse_stale_edit(request, page):
    """``before_edit_page``: answer a stale form post with the form again and an error; else let it through."""
    if request.method != "POST" or getattr(request, _HANDLED, False) or not request.accepts("text/html"):
        return None  # autosave (JSON) posts: Wagtail refuses stale ones itself
    newer = newer_revision(request, page)
    if newer is None:
        return None
    setattr(request, _HANDLED, True)
    return StaleEditView.as_view(newer_revision=newer)(request, page_id=page.pk)


class StaleEditView(EditView):
    """Wagtail's page edit view that, on post, validates the form only to show it back with an error."""

    newer_revision = None

    def post(self, request, *args, **kwargs):
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.form.is_valid()
        self.form.add_error(None, self.conflict_message())
        return self.form_invalid(self.form)

    def conflict_message(self):
        revision = self.newer_revision
        user = revision.user.get_username() if revision.user else _("another editor")
        return _(
            "Not saved: %(user)s saved this page at %(time)s, after you opened it. Nothing was overwritten. "
            "Your changes are still in this form: open the page in another tab to compare. Saving this form "
            "again will replace their version with yours."
        ) % {"user": user, "time": revision.created_at.strftime("%Y-%m-%d %H:%M:%S %Z")}
