"""Home page, site settings and navigation."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from cms.pages import TranslatedPage


class HomePage(TranslatedPage):
    """The site's front page: an introduction and the items the centre wants to put forward."""

    intro = models.TextField(
        blank=True, verbose_name=_("introduction"), help_text=_("A sentence or two under the organisation's name.")
    )

    content_panels = TranslatedPage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_items", heading=_("Featured items"), label=_("Featured item"), max_num=6),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "news.StatementIndexPage", "news.DialogueSessionIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class HomeFeaturedItem(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))

    panels = [PageChooserPanel("item", ["news.NewsPage", "news.StatementPage", "news.DialogueSessionPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Who the centre is and how to reach it; shown in the website's header and footer."""

    organisation_name = models.CharField(max_length=200, blank=True, verbose_name=_("organisation name"))
    tagline = models.CharField(max_length=255, blank=True, verbose_name=_("tagline"))
    phone = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("phone"),
        # The number is isolated (U+2066 ... U+2069) so its "+" stays in front inside right-to-left text.
        help_text=format_lazy("{} \u2066+964 751 441 3372\u2069", _("As readers should dial it, e.g.")),
    )
    email = models.EmailField(blank=True, verbose_name=_("email"))
    address = models.TextField(blank=True, verbose_name=_("address"))

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline")], heading=_("Identity")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading=_("Contact")),
        InlinePanel("social_links", heading=_("Social links"), label=_("Social link")),
        InlinePanel("menu_items", heading=_("Main menu"), label=_("Main menu item")),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")


class SocialLink(Orderable):
    PLATFORMS = [
        ("facebook", _("Facebook")),
        ("x", _("X (Twitter)")),
        ("youtube", _("YouTube")),
        ("telegram", _("Telegram")),
        ("instagram", _("Instagram")),
        ("linkedin", _("LinkedIn")),
        ("website", _("Website")),
    ]
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(max_length=20, choices=PLATFORMS, verbose_name=_("platform"))
    url = models.URLField(verbose_name=_("address (URL)"))

    panels = [FieldPanel("platform"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")
        verbose_name_plural = _("social links")


class MenuItem(Orderable):
    """An entry of the website's main menu: a page of the site, or an outside address."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="menu_items")
    label = models.CharField(
        max_length=60, blank=True, verbose_name=_("label"), help_text=_("Leave empty to use the page's title.")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    link_url = models.URLField(
        blank=True, verbose_name=_("outside address"), help_text=_("Used when no page is chosen.")
    )

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
