from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """Translators' workspace: status per item and language, review marks, roles per language, the report,
    and files for outside translators."""

    name = "translations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import roles, signals

        signals.connect()
        roles.connect()
