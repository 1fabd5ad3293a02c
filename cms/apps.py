from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Project-wide pieces: languages, the image model, the migrate wrapper, the shared API machinery."""

    name = "cms"
    verbose_name = "CMS"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import admin_widgets, availability, paths, signals

        admin_widgets.install()
        signals.connect()
        availability.connect()
        paths.connect()
