from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .taxonomy import Organisation, Person, Place, Project, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "folder-open-inverse"
    list_display = ["name", "phase", "funder"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind"]
    list_filter = ["kind"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role"]


class TaxonomyGroup(SnippetViewSetGroup):
    """Everything content is filed under, in one menu."""

    menu_label = "Filing"
    menu_icon = "folder-inverse"
    items = (TopicViewSet, PlaceViewSet, ProjectViewSet, OrganisationViewSet, PersonViewSet)


register_snippet(TaxonomyGroup)
