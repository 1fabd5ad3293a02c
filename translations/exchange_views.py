"""Files for outside translators in the admin: download a PO or XLIFF file, upload the translated file, see
what it will change, then confirm. The work is done by ``translations.exchange``; these views only check who
may do it and carry the file from the preview to the confirmation (kept in the session, validated again, and
applied only if it still changes exactly what was previewed).

Who: editors, moderators and superusers for every language; a translator for their own language only (a
Kurmanji translator can neither download nor import another language's file).
"""

from __future__ import annotations

import base64
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms import languages

from . import exchange
from .models import STATUS_CHOICES
from .roles import WIDER_GROUPS, languages_of, translator_codes

MAX_UPLOAD_SIZE = 20 * 1024 * 1024
SESSION_KEY = "translations_exchange_uploads"
KEPT_UPLOADS = 2


def exchange_languages(user) -> list[str]:
    """The target languages ``user`` may export and import: a translator's own, everything for editors."""
    if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return []
    own = languages_of(user)
    if own is not None:
        return [code for code in translator_codes() if code in own]
    if user.is_superuser or user.groups.filter(name__in=WIDER_GROUPS).exists():
        return translator_codes()
    return []


def _language_choices(user):
    return [(code, languages.KNOWN[code].native_name) for code in exchange_languages(user)]


class ExportForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language"))
    status = forms.MultipleChoiceField(
        label=_("Only items that are"),
        choices=STATUS_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every item."),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[(exchange.PO, _("PO (gettext)")), (exchange.XLIFF, _("XLIFF 1.1"))]
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = _language_choices(user)


class ImportForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(label=_("Translated file"), help_text=_("The PO or XLIFF file, as the translator sent it."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = _language_choices(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ExchangeMixin(WagtailAdminTemplateMixin):
    header_icon = "globe"
    page_title = _("Files for translators")

    def dispatch(self, request, *args, **kwargs):
        if not exchange_languages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("export_form", ExportForm(user=self.request.user))
        context.setdefault("import_form", ImportForm(user=self.request.user))
        return context


class ExportView(ExchangeMixin, FormView):
    """The page with both forms; a valid GET of the export form downloads the file."""

    template_name = "translations/exchange/index.html"
    form_class = ExportForm

    def get(self, request, *args, **kwargs):
        if "lang" not in request.GET:
            return self.render_to_response(self.get_context_data())
        form = ExportForm(request.GET, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(export_form=form))
        code, fmt = form.cleaned_data["lang"], form.cleaned_data["format"]
        data = exchange.export(code, fmt, form.cleaned_data["status"], user=request.user)
        content_type = "application/x-xliff+xml" if fmt == exchange.XLIFF else "text/x-gettext-translation"
        response = HttpResponse(data, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exchange.filename(code, fmt)}"'
        return response


def _remember(request, content: bytes, code: str) -> str:
    """Keep an uploaded file in the session until it is confirmed (the last few only)."""
    token = secrets.token_urlsafe(16)
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads[token] = {"lang": code, "content": base64.b64encode(content).decode("ascii")}
    request.session[SESSION_KEY] = dict(list(uploads.items())[-KEPT_UPLOADS:])
    return token


class ImportView(ExchangeMixin, FormView):
    """Upload: validate and show what would change (nothing is written). Confirm: validate again and apply."""

    template_name = "translations/exchange/preview.html"
    form_class = ImportForm
    page_title = _("Import a translated file")

    def get(self, request, *args, **kwargs):
        return redirect("translations_exchange")

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return render(self.request, ExportView.template_name, self.get_context_data(import_form=form))

    def form_valid(self, form):
        code = form.cleaned_data["lang"]
        content = form.cleaned_data["file"].read()
        plan = self._validate(content, code)
        token = _remember(self.request, content, code) if plan is not None and plan.ok and plan.changes else ""
        return self.render_to_response(self.get_context_data(plan=plan, token=token, lang=code))

    def _validate(self, content: bytes, code: str):
        try:
            return exchange.validate(content, lang=code, user=self.request.user)
        except exchange.ExchangeError as error:
            plan = exchange.Plan(lang=code, format="")
            plan.problems.append(exchange.Problem("", exchange.UNKNOWN, str(error)))
            return plan

    def confirm(self, request):
        token = request.POST.get("token", "")
        uploads = dict(request.session.get(SESSION_KEY, {}))
        upload = uploads.get(token)
        if upload is None or upload["lang"] not in exchange_languages(request.user):
            messages.error(request, _("This upload is no longer available: upload the file again."))
            return redirect("translations_exchange")
        plan = self._validate(base64.b64decode(upload["content"]), upload["lang"])
        if not plan.ok or plan.digest() != request.POST.get("digest"):
            messages.warning(request, _("The content changed since the preview: check what will change now."))
            keep = token if plan.ok and plan.changes else ""
            return self.render_to_response(self.get_context_data(plan=plan, token=keep, lang=upload["lang"]))
        result = exchange.apply(plan, user=request.user)
        uploads.pop(token, None)
        request.session[SESSION_KEY] = uploads
        messages.success(
            request,
            _("Imported: %(drafts)s page draft(s) saved (not published), %(saved)s other item(s) saved.")
            % {"drafts": len(result.drafts), "saved": len(result.saved)},
        )
        return redirect("translations_exchange")


urlpatterns = [
    path("translations/files/", ExportView.as_view(), name="translations_exchange"),
    path("translations/files/import/", ImportView.as_view(), name="translations_exchange_import"),
]
