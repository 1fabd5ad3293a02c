"""The page edit form as translators need it: one section per language, the status of every language at the
top, and beside each outdated field the source as it was and as it is.

wagtail-modeltranslation turns each translated field panel into one panel per language, side by side
(``title_ar``, ``title_ku``, ``title_en``, then ``summary_ar``...). :func:`group_by_language` regroups a page
type's content panels, once at start-up, into:

- :class:`TranslationStatusPanel`: each language's status (complete, partial, outdated, missing, needs
  review), the "needs review" buttons, and the choice to show only the source and one language;
- one :class:`LanguagePanel` per language (a section headed with the language's own name, in its script and
  direction), holding that language's fields in their original order, each target-language field preceded
  by a :class:`TranslationAidPanel` (the side-by-side source change, "start from the source's structure");
- then the facts shared by all languages (date, image, filing), as before.

Hiding the other languages is done in the browser only: every field is still rendered and posted, so a
hidden language is never saved empty.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.fields import StreamField

from cms import languages

from . import registry, status
from .fingerprints import display_text
from .forms import language_of_field
from .models import COMPLETE, MISSING, OUTDATED, PARTIAL
from .roles import languages_of

START_FROM_SOURCE = "start_from_source"
SHOW_PREFERENCE = "cms-translations-show"
STATUS_LABELS = {
    COMPLETE: pgettext_lazy("translation status", "Complete"),
    PARTIAL: pgettext_lazy("translation status", "Partial"),
    OUTDATED: pgettext_lazy("translation status", "Outdated"),
    MISSING: pgettext_lazy("translation status", "Missing"),
}
WORDS = re.compile(r"\s+|\w+|[^\w\s]")


# -- what the form shows, computed once per form ----------------------------------------------------------


def form_status(instance):
    """``(evaluation, states)`` of the object being edited: the draft's own status, read once per form."""
    cached = instance.__dict__.get("_edit_form_status")
    if cached is None:
        if instance.pk is None:
            cached = (None, {})
        else:
            states, reviews = status.load([instance])
            own_states = states.get(instance.pk, {})
            cached = (status.evaluate(instance, own_states, reviews.get(instance.pk, set())), own_states)
        instance.__dict__["_edit_form_status"] = cached
    return cached


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field named in a stored status that the model no longer has
        return name


def may_write(user, code: str) -> bool:
    own = languages_of(user)
    return own is None or code in own


def native_name(code: str):
    """The language's own name, marked with its language and direction (it is shown in any admin language)."""
    language = languages.KNOWN[code]
    return format_html('<span lang="{}" dir="{}">{}</span>', code, language.direction, language.native_name)


def word_diff(old: str, new: str):
    """The old and the new text as HTML, the removed words in ``<del>`` and the added words in ``<ins>``."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if tag == "equal":
            old_parts.append(("{}", removed))
            new_parts.append(("{}", added))
            continue
        if removed:
            old_parts.append(("<del>{}</del>", removed))
        if added:
            new_parts.append(("<ins>{}</ins>", added))

    def join(parts):
        return format_html_join("", "{}", ((format_html(pattern, text),) for pattern, text in parts))

    return join(old_parts), join(new_parts)


# -- panels -------------------------------------------------------------------------------------------------


class LanguagePanel(MultiFieldPanel):
    """One language's fields, headed with the language's own name."""

    def __init__(self, children=(), *args, code: str = "", **kwargs):
        self.code = code
        kwargs.setdefault("heading", native_name(code) if code else "")
        kwargs.setdefault("classname", "cms-language-section")
        attrs = dict(kwargs.pop("attrs", None) or {})
        attrs["data-cms-language"] = code
        kwargs["attrs"] = attrs
        super().__init__(children, *args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "code": self.code}

    @property
    def clean_name(self):
        return f"language_{self.code}"


class TranslationAidPanel(Panel):
    """Above a target-language field: the source before and after its change when the translation is
    outdated, and for an empty body the link that starts it from the source's structure."""

    def __init__(self, field_name: str = "", code: str = "", **kwargs):
        self.field_name = field_name
        self.code = code
        super().__init__(**kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_name": self.field_name, "code": self.code}

    @property
    def clean_name(self):
        return f"aid_{self.field_name}_{self.code}"

    class BoundPanel(Panel.BoundPanel):
        template_name = "translations/panels/translation_aid.html"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.change = self._change()
            self.start_url = self._start_url()

        def _source_value(self):
            return status.value_of(self.instance, self.panel.field_name, languages.source_code())

        def _change(self):
            evaluation, states = form_status(self.instance)
            if evaluation is None:
                return None
            entry = evaluation.languages.get(self.panel.code)
            if entry is None or self.panel.field_name not in entry.outdated_fields:
                return None
            state = states.get((self.panel.code, self.panel.field_name))
            old, new = (state.source_text if state else ""), display_text(self._source_value())
            old_html, new_html = word_diff(old, new)
            return {"old": old_html, "new": new_html}

        def _start_url(self):
            model_field = self.panel.model._meta.get_field(self.panel.field_name)
            if not isinstance(model_field, StreamField) or self.instance.pk is None:
                return None
            if not may_write(getattr(self.request, "user", None), self.panel.code):
                return None
            from cms.availability import written

            target = status.value_of(self.instance, self.panel.field_name, self.panel.code)
            if written(target) or not written(self._source_value()):
                return None
            name = f"{self.panel.field_name}_{self.panel.code}"
            edit = reverse("wagtailadmin_pages:edit", args=[self.instance.pk])
            # Back at the field itself: its wrapper's id is the field panel's prefix, a sibling of this one.
            anchor = self.prefix.replace(f"-child-{self.panel.clean_name}", f"-child-{name}") + "-wrapper"
            return f"{edit}?{urlencode({START_FROM_SOURCE: name})}#{anchor}"

        def is_shown(self):
            return bool(self.change or self.start_url)

        def show_panel_furniture(self):
            return False

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = languages.KNOWN[languages.source_code()]
            context.update(
                change=self.change,
                start_url=self.start_url,
                source=source,
                source_name=native_name(source.code),
                field_label=field_label(self.panel.model, self.panel.field_name),
            )
            return context


class TranslationStatusPanel(Panel):
    """At the top of the form: every language's status, its review mark and button, and the choice of which
    languages to show."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Translations"))
        kwargs.setdefault("icon", "globe")
        kwargs.setdefault("classname", "cms-translation-status")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "translation_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "translations/panels/status.html"

        def is_shown(self):
            return self.instance.pk is not None and registry.kind_of(type(self.instance)) is not None

        def _rows(self, evaluation, user):
            source = languages.source_code()
            model = type(self.instance)
            content_type = registry.content_type_for(model)
            edit = reverse("wagtailadmin_pages:edit", args=[self.instance.pk])
            review_url = reverse("translations_review", args=[content_type.pk, self.instance.pk])
            rows = []
            for language in languages.enabled():
                entry = evaluation.languages[language.code]
                # A version with nothing written has nothing to review; a mark already set can always be cleared.
                can_review = language.code != source and may_write(user, language.code)
                can_review = can_review and (entry.status != MISSING or entry.needs_review)
                rows.append(
                    {
                        "code": language.code,
                        "name": native_name(language.code),
                        "is_source": language.code == source,
                        "status": entry.status,
                        "status_label": STATUS_LABELS[entry.status],
                        "outdated": [field_label(model, name) for name in entry.outdated_fields],
                        "missing": [field_label(model, name) for name in entry.missing_fields],
                        "needs_review": entry.needs_review,
                        "available": entry.available,
                        "mark_url": f"{review_url}?{urlencode({'next': edit})}" if can_review else None,
                        "clear_url": f"{review_url}?{urlencode({'next': edit, 'clear': 1})}" if can_review else None,
                    }
                )
            return rows

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            evaluation, _states = form_status(self.instance)
            user = getattr(self.request, "user", None)
            source = languages.source_code()
            own = languages_of(user)
            targets = [lang for lang in languages.enabled() if lang.code != source]
            default = next((lang.code for lang in targets if own and lang.code in own), "")
            context.update(
                rows=self._rows(evaluation, user),
                source_name=native_name(source),
                source_code=source,
                choices=[(lang.code, native_name(lang.code)) for lang in targets],
                default_choice=default,
                preference_key=SHOW_PREFERENCE,
            )
            return context


# -- regrouping a page type's panels -------------------------------------------------------------------------


def _translated_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _language_of_panel(panel, translated: set[str]) -> tuple[str, str] | None:
    if not isinstance(panel, FieldPanel):
        return None
    code = language_of_field(panel.field_name)
    if code is None:
        return None
    base = panel.field_name[: -len(code) - 1]
    return (code, base) if base in translated else None


def group_by_language(model, panels) -> list:
    """``panels`` with the status panel first and every translated field panel moved into its language's
    section, the sections placed where the first translated field was."""
    if any(isinstance(panel, (LanguagePanel, TranslationStatusPanel)) for panel in panels):
        return list(panels)
    translated = _translated_fields(model)
    tracked = set(registry.fields_of(model))
    source = languages.source_code()
    sections: dict[str, list] = {code: [] for code in languages.enabled_codes()}
    result: list = [TranslationStatusPanel()]
    sections_at = None
    for panel in panels:
        found = _language_of_panel(panel, translated)
        if found is None:
            result.append(panel)
            continue
        code, base = found
        if code not in sections:
            sections[code] = []
        if sections_at is None:
            sections_at = len(result)
        if code != source and base in tracked:
            sections[code].append(TranslationAidPanel(field_name=base, code=code))
        sections[code].append(panel)
    if sections_at is None:
        return list(panels)
    grouped = [LanguagePanel(children, code=code) for code, children in sections.items() if children]
    result[sections_at:sections_at] = grouped
    return result


def install() -> None:
    """Regroup the content panels of every translated page type (after wagtail-modeltranslation has made
    its per-language panels)."""
    for model in registry.page_models():
        if not hasattr(model, "content_panels"):
            continue
        model.content_panels = group_by_language(model, model.content_panels)
        model.get_edit_handler.cache_clear()
