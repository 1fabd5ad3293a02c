"""The filing menu: topics, places, projects, organisations and people, with choosers editors can search.

Lists and choosers order items by their name in the admin's language (the source language's name where an
item has none yet), and a chooser finds an item by its name in any language, so an editor who types
"حجين" or "Hajin" finds the same town. Places are shown with their governorate or region ("Hajin · Deir
Ezzor") and their kind, so the governorate الرقة and the city الرقة are told apart.
"""

from django import forms
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup
from wagtail.snippets.widgets import AdminSnippetChooser

from cms import languages
from cms.wagtail_hooks import add_page_list_columns

from .models import CONTENT_PAGE_MODELS
from .taxonomy import Organisation, Person, Place, Project, Topic, name_in_admin_language

capfirst_lazy = lazy(capfirst, str)


def _label(obj):
    return obj.admin_label()


# -- Choosers ----------------------------------------------------------------------------------------------------


class NameSearchForm(BaseFilterForm):
    """The chooser's search box: a name in any enabled language (and an organisation's acronym)."""

    q = forms.CharField(
        label=_("Search term"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Search")})
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        names = [build_localized_fieldname("name", code) for code in languages.enabled_codes()]
        extra = ["acronym"] if objects.model is Organisation else []
        condition = Q()
        for name in names + extra + ["slug"]:
            condition |= Q(**{f"{name}__icontains": query})
        self.is_searching, self.search_query = True, query
        return objects.filter(condition)


class TaxonomyChooseMixin:
    filter_form_class = NameSearchForm

    def get_object_list(self):
        objects = self.model._default_manager.all()
        if self.model is Place:
            objects = objects.select_related("parent")
        return objects.order_by(name_in_admin_language(), "pk")

    def apply_object_list_ordering(self, objects):
        return objects

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = _label
        return column

    @property
    def columns(self):
        columns = super().columns
        if self.model is Place or self.model is Organisation:
            columns.append(Column("kind", label=_("kind"), accessor="get_kind_display"))
        return columns


class TaxonomyChooseView(TaxonomyChooseMixin, chooser.ChooseView):
    pass


class TaxonomyChooseResultsView(TaxonomyChooseMixin, chooser.ChooseResultsView):
    pass


class TaxonomyChosenView(chooser.SnippetChosenView):
    def get_display_title(self, instance):
        return _label(instance)


class TaxonomyChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_display_title(self, instance):
        return _label(instance)


class TaxonomyChooserWidget(AdminSnippetChooser):
    def get_display_title(self, instance):
        return _label(instance)


class TaxonomyChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = TaxonomyChooseView
    choose_results_view_class = TaxonomyChooseResultsView
    chosen_view_class = TaxonomyChosenView
    chosen_multiple_view_class = TaxonomyChosenMultipleView
    base_widget_class = TaxonomyChooserWidget


# -- Lists -------------------------------------------------------------------------------------------------------


class TaxonomyIndexView(IndexView):
    """Ordered by the name in the admin's language unless the editor sorts by another column."""

    def _get_title_column(self, field_name, *args, **kwargs):
        if field_name == "name":
            kwargs.setdefault("accessor", _label)
        return super()._get_title_column(field_name, *args, **kwargs)

    def order_queryset(self, queryset):
        if self.ordering in (None, "", "name", "-name"):
            order = name_in_admin_language()
            order = order.desc() if self.ordering == "-name" else order
            return queryset.order_by(order, "pk")
        return super().order_queryset(queryset)


class TaxonomyViewSet(SnippetViewSet):
    chooser_viewset_class = TaxonomyChooserViewSet
    index_view_class = TaxonomyIndexView
    chooser_per_page = 25


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class PlaceViewSet(TaxonomyViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "kind"]
    list_filter = ["kind"]

    def get_queryset(self, request):
        return Place._default_manager.select_related("parent")


class ProjectViewSet(TaxonomyViewSet):
    model = Project
    icon = "folder-open-inverse"
    list_display = ["name", "phase", "funder"]


class OrganisationViewSet(TaxonomyViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]


class PersonViewSet(TaxonomyViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role"]


class TaxonomyGroup(SnippetViewSetGroup):
    """Everything content is filed under, in one menu."""

    menu_label = _("Filing")
    menu_icon = "folder-inverse"
    items = (TopicViewSet, PlaceViewSet, ProjectViewSet, OrganisationViewSet, PersonViewSet)


register_snippet(TaxonomyGroup)


# -- The page list -----------------------------------------------------------------------------------------------


def _content(page):
    """The news item, statement or session behind a row of the page list (None for other page types)."""
    specific = page.specific
    return specific if isinstance(specific, CONTENT_PAGE_MODELS) else None


class ContentDateColumn(Column):
    """The item's own date (what readers see), not the date it was last edited."""

    def get_value(self, instance):
        content = _content(instance)
        return date_format(content.date) if content and content.date else ""


class DatelineColumn(Column):
    def get_value(self, instance):
        content = _content(instance)
        place = content.dateline_place if content else None
        return place.admin_label() if place else ""


add_page_list_columns(
    ContentDateColumn("item_date", label=capfirst_lazy(_("date")), width="10%"),
    DatelineColumn("dateline", label=capfirst_lazy(_("dateline place")), width="14%"),
    after="languages",
)
