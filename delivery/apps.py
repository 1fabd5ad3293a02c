from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """How published content reaches the separate website: preview, headless page URLs, webhooks, feeds and
    the sitemap."""

    name = "delivery"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import webhooks

        webhooks.connect()
