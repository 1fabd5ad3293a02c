from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News items, statements and dialogue-session reports, and the taxonomies they are filed under."""

    name = "news"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes

        changes.connect()
