from django.apps import AppConfig


class ReadModelConfig(AppConfig):
    """What the API serves, built once per change: each item's card and detail document per language."""

    name = "readmodel"
    verbose_name = "Stored API documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.api import cache

        from . import listeners

        cache.connect()
        listeners.connect()
