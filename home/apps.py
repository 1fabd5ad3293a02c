from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, the site's settings (name, contacts, social links) and its navigation."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
