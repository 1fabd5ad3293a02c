from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Multilingual search over published content."""

    name = "search"
    label = "cms_search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
