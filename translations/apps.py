from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """Translators' workspace: status per item and language, review marks, roles per language, the report,
    and files for outside translators."""

    name = "translations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import panels, registry, roles, signals
        from .forms import TranslatorModelForm, TranslatorPageForm, with_language_lock

        signals.connect()
        roles.connect()
        # Translators may change only their own language's fields (``translations.forms``).
        from cms.pages import TranslatedPage

        TranslatedPage.base_form_class = TranslatorPageForm
        for model in registry.page_models():
            model.base_form_class = with_language_lock(model.base_form_class)
        for model in (*registry.snippet_models(), *registry.settings_models()):
            own = getattr(model, "base_form_class", None)
            model.base_form_class = with_language_lock(own) if own else TranslatorModelForm
        # The edit form in one section per language, with the statuses at the top (``translations.panels``).
        panels.install()
