"""Home page, site settings and navigation."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from cms.pages import TranslatedPage


class HomePage(TranslatedPage):
    """The site's front page: an introduction and the items the centre wants to put forward."""

    intro = models.TextField(blank=True, help_text="A sentence or two under the organisation's name.")

    content_panels = TranslatedPage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_items", label="Featured item", max_num=6),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "news.StatementIndexPage", "news.DialogueSessionIndexPage"]
    max_count = 1


class HomeFeaturedItem(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("item", ["news.NewsPage", "news.StatementPage", "news.DialogueSessionPage"])]


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Who the centre is and how to reach it; shown in the website's header and footer."""

    organisation_name = models.CharField(max_length=200, blank=True)
    tagline = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=40, blank=True, help_text="As readers should dial it, e.g. +964 751 441 3372")
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline")], heading="Identity"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading="Contact"),
        InlinePanel("social_links", label="Social link"),
        InlinePanel("menu_items", label="Main menu item"),
    ]

    class Meta:
        verbose_name = "site settings"


class SocialLink(Orderable):
    PLATFORMS = [
        ("facebook", "Facebook"),
        ("x", "X (Twitter)"),
        ("youtube", "YouTube"),
        ("telegram", "Telegram"),
        ("instagram", "Instagram"),
        ("linkedin", "LinkedIn"),
        ("website", "Website"),
    ]
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(max_length=20, choices=PLATFORMS)
    url = models.URLField()

    panels = [FieldPanel("platform"), FieldPanel("url")]


class MenuItem(Orderable):
    """An entry of the website's main menu: a page of the site, or an outside address."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="menu_items")
    label = models.CharField(max_length=60, blank=True, help_text="Leave empty to use the page's title.")
    link_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    link_url = models.URLField(blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]
