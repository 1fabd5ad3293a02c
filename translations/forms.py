"""Edit forms for translators: only their own language's fields can change.

:class:`LanguageLockMixin` is mixed into the admin forms of pages, filing snippets and site settings
(``translations.apps``). For a member of a translators' group (``translations.roles``) every field that is
not in one of their languages (other languages, and the facts shared by all languages: dates, filing,
images) is disabled, so the browser shows it read-only and Django ignores what is posted for it. A POST that
tries to change one anyway (a hand-made request, a stale tab) is refused as a whole with a message naming
the fields: nothing is saved, not even the allowed changes, so the translator sees exactly what happened.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks.base import BlockField

from cms import languages
from cms.pages import TranslatedPageForm

from .fingerprints import display_text
from .roles import languages_of


def language_of_field(name: str) -> str | None:
    for code in languages.KNOWN:
        if name.endswith(f"_{code}"):
            return code
    return None


def _tolerate_omission(widget) -> None:
    """A stream widget reads its ``-count`` key unconditionally; a read-only stream that was not posted
    then shows its stored value instead of failing (the field is disabled, so the form uses that value)."""
    read = widget.value_from_datadict

    def value_from_datadict(data, files, name):
        return None if widget.value_omitted_from_data(data, files, name) else read(data, files, name)

    widget.value_from_datadict = value_from_datadict


class LanguageLockMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translator_languages = languages_of(getattr(self, "for_user", None))
        self.locked_fields = []
        if self.translator_languages is None:
            return
        for name, field in self.fields.items():
            if language_of_field(name) in self.translator_languages:
                continue
            field.disabled = True
            field.required = False
            if isinstance(field, BlockField):
                _tolerate_omission(field.widget)
            self.locked_fields.append(name)

    def _changed_locked_fields(self) -> list[str]:
        changed = []
        for name in self.locked_fields:
            field = self.fields[name]
            key = self.add_prefix(name)
            if field.widget.value_omitted_from_data(self.data, self.files, key):
                continue  # a disabled input is not sent: nothing was changed
            posted = field.widget.value_from_datadict(self.data, self.files, key)
            initial = self.get_initial_for_field(field, name)
            try:
                if isinstance(field, BlockField):
                    # The rich-text editor rewrites markup (block keys) on the way back: compare the text.
                    differs = display_text(field.clean(posted)) != display_text(initial)
                else:
                    field.disabled = False
                    try:
                        differs = field.has_changed(initial, posted)
                    finally:
                        field.disabled = True
            except (ValidationError, TypeError, ValueError):
                differs = True
            if differs:
                changed.append(name)
        return changed

    def clean(self):
        cleaned = super().clean()
        changed = self._changed_locked_fields() if self.translator_languages is not None else []
        if changed:
            own = ", ".join(languages.KNOWN[c].native_name for c in sorted(self.translator_languages))
            for name in changed:
                self.add_error(None if name not in self.fields else name, "You may not change this field.")
            raise ValidationError(
                f"You translate into {own}: you may change only {own} fields. "
                f"Refused changes to: {', '.join(changed)}. Nothing was saved."
            )
        return cleaned


def with_language_lock(form_class):
    """``form_class`` with the translators' lock. Page models get their form class per model from
    wagtail-modeltranslation (it wraps each model's form at start-up), so the lock is added the same way."""
    if issubclass(form_class, LanguageLockMixin):
        return form_class
    return type(f"Locked{form_class.__name__}", (LanguageLockMixin, form_class), {"__module__": __name__})


class TranslatorPageForm(LanguageLockMixin, TranslatedPageForm):
    """The admin form of translated pages, with the translators' lock."""


class TranslatorModelForm(LanguageLockMixin, WagtailAdminModelForm):
    """The admin form of filing snippets and site settings, with the translators' lock."""


class ReviewForm(forms.Form):
    lang = forms.ChoiceField(choices=())
    note = forms.CharField(max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = languages.source_code()
        self.fields["lang"].choices = [(lg.code, lg.native_name) for lg in languages.enabled() if lg.code != source]
