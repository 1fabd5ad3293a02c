"""The shapes of the API's answers, declared once for the OpenAPI schema.

These serializers are never used to produce responses (``news.serializers`` and ``home.serializers`` build
them from bulk-loaded objects); they describe them, and ``tests/api`` checks every real response against
the schema generated from them, so the two cannot drift apart unnoticed.
"""

from rest_framework import serializers as s

ITEM_TYPES = ("news", "statement", "dialogue_session")
DIRECTIONS = ("rtl", "ltr")


class Fallback(s.Serializer):
    used = s.BooleanField(help_text="True when some text of this object is shown in another language than requested.")
    fields = s.ListField(
        child=s.CharField(),
        help_text=(
            "Every text taken from another language, by its path in this object: `title`, `summary`, `body`, "
            "`image.alt`, `places[0].name`, `session.facilitators[1].role`, `body[3].value.image.alt`, "
            "`menu[2].label`... A path names the whole subtree below it (`body` means every block). Any text "
            "not listed, and not under a listed path, is in the requested language."
        ),
    )
    sources = s.DictField(child=s.CharField(), help_text="For each listed path, the language its text is in.")
    dirs = s.DictField(
        child=s.ChoiceField(choices=DIRECTIONS), help_text="For each listed path, the writing direction of its text."
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = s.CharField(
            allow_null=True,
            help_text="The language of every listed field when they all share one; null when none or several.",
        )
        fields["dir"] = s.ChoiceField(
            choices=DIRECTIONS, allow_null=True, help_text="Writing direction of `from` (null when `from` is null)."
        )
        return fields


class Rendition(s.Serializer):
    url = s.URLField()
    width = s.IntegerField()
    height = s.IntegerField()


class Renditions(s.Serializer):
    small = Rendition(required=False, help_text="At most 400×400 (WebP).")
    medium = Rendition(required=False, help_text="At most 800×800 (WebP).")
    large = Rendition(required=False, help_text="At most 1600×1600 (WebP).")
    original = Rendition(required=False, help_text="Full size, re-encoded without metadata.")


class Image(s.Serializer):
    id = s.IntegerField()
    alt = s.CharField(allow_blank=True, help_text="Alt text in the response language or its fallback.")
    alt_lang = s.CharField(help_text="Language of the alt text.")
    width = s.IntegerField()
    height = s.IntegerField()
    renditions = Renditions(help_text="Only sizes that exist are listed.")


class Named(s.Serializer):
    slug = s.CharField(help_text="Stable identifier; the value of the matching list filter.")
    name = s.CharField()


class Card(s.Serializer):
    id = s.IntegerField()
    type = s.ChoiceField(choices=ITEM_TYPES)
    lang = s.CharField(help_text="The requested language; fields that fell back are listed in `fallback`.")
    dir = s.ChoiceField(choices=DIRECTIONS, help_text="Writing direction of `lang`.")
    title = s.CharField()
    slug = s.CharField()
    path = s.CharField(help_text="Frontend path in the requested language, e.g. /ar/news/<slug>/.")
    date = s.DateField()
    summary = s.CharField(allow_blank=True)
    image = Image(allow_null=True)
    topics = Named(many=True)
    fallback = Fallback()


class Seo(s.Serializer):
    title = s.CharField()
    description = s.CharField(allow_blank=True)
    image = Image(allow_null=True)


class Block(s.Serializer):
    type = s.CharField(help_text="heading, paragraph (sanitised HTML), image, quote, embed, document, key_figures.")
    id = s.CharField(allow_null=True)
    value = s.JSONField()


class Project(Named):
    phase = s.IntegerField(allow_null=True)
    funder = Named(allow_null=True)


class Organisation(Named):
    kind = s.ChoiceField(choices=("partner", "funder", "platform", "other"))
    acronym = s.CharField(allow_blank=True)
    website = s.URLField(allow_null=True)


class Person(Named):
    role = s.CharField(allow_blank=True)


class Attachment(s.Serializer):
    id = s.IntegerField()
    title = s.CharField()
    url = s.URLField(help_text="Download URL.")
    extension = s.CharField()
    file_size = s.IntegerField(allow_null=True)


class Statement(s.Serializer):
    kind = s.ChoiceField(choices=("clarification", "position", "press_release"))
    statement_date = s.DateField(allow_null=True)
    reference = s.CharField(allow_null=True)
    attachments = Attachment(many=True)


class AgeGroup(s.Serializer):
    label = s.CharField()
    age_from = s.IntegerField()
    age_to = s.IntegerField(allow_null=True)
    count = s.IntegerField()


class Participants(s.Serializer):
    total = s.IntegerField(allow_null=True)
    women = s.IntegerField(allow_null=True)
    men = s.IntegerField(allow_null=True)
    age_groups = AgeGroup(many=True)


class Session(s.Serializer):
    start_date = s.DateField(allow_null=True)
    end_date = s.DateField(allow_null=True)
    facilitators = Person(many=True)
    organisers = Organisation(many=True)
    funders = Organisation(many=True)
    participants = Participants()
    outcomes = s.ListField(child=s.CharField())
    recommendations = s.ListField(child=s.CharField())


class Translation(s.Serializer):
    lang = s.CharField()
    available = s.BooleanField(
        help_text="The item exists in this language: complete, or partial with title and summary written, "
        "and not marked for review (the same rule as `translated=only`)."
    )
    title = s.CharField(allow_null=True)
    slug = s.CharField(allow_null=True)
    path = s.CharField()
    status = s.ChoiceField(
        choices=("missing", "partial", "outdated", "complete"),
        help_text="`missing`: nothing written; `partial`: some field with source text has none here; "
        "`outdated`: the source text of some field changed after it was translated (see `outdated_fields`); "
        "`complete`: every field with source text is translated and up to date. The source language is "
        "`complete` once its title is written.",
    )
    outdated_fields = s.ListField(
        child=s.CharField(), help_text="Fields whose source text changed since this language's text was written."
    )


class Detail(Card):
    first_published_at = s.DateTimeField(allow_null=True)
    last_published_at = s.DateTimeField(allow_null=True)
    seo = Seo()
    body = Block(many=True)
    dateline_place = Named(allow_null=True)
    places = Named(many=True)
    project = Project(allow_null=True)
    partners = Organisation(many=True)
    people = Person(many=True)
    statement = Statement(allow_null=True, help_text="Only on statements; null otherwise.")
    session = Session(allow_null=True, help_text="Only on dialogue-session reports; null otherwise.")
    translations = Translation(many=True)
    related = Card(many=True, help_text="A few other items sharing a topic or the project.")


class Redirect(s.Serializer):
    to = s.CharField(allow_null=True, help_text="The item's path, or an outside URL (then `item` is null).")
    permanent = s.BooleanField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = s.CharField()
        return fields


class ResolveResult(s.Serializer):
    path = s.CharField(help_text="The requested path, normalised.")
    redirect = Redirect(allow_null=True, help_text="Set when the path was found through a redirect.")
    item = Detail(allow_null=True)


class Language(s.Serializer):
    code = s.CharField()
    name = s.CharField(help_text="English name.")
    native_name = s.CharField()
    dir = s.ChoiceField(choices=DIRECTIONS)
    script = s.CharField()
    is_source = s.BooleanField()
    fallbacks = s.ListField(child=s.CharField(), help_text="Languages tried, in order, for an empty field.")


class Languages(s.Serializer):
    source = s.CharField()
    results = Language(many=True)


class Section(s.Serializer):
    id = s.IntegerField()
    type = s.ChoiceField(choices=ITEM_TYPES)
    title = s.CharField()
    intro = s.CharField(allow_blank=True)
    path = s.CharField()


class HomeSeo(s.Serializer):
    title = s.CharField()
    description = s.CharField(allow_blank=True)


class Home(s.Serializer):
    id = s.IntegerField()
    lang = s.CharField()
    dir = s.ChoiceField(choices=DIRECTIONS)
    title = s.CharField()
    intro = s.CharField(allow_blank=True)
    path = s.CharField()
    seo = HomeSeo()
    sections = Section(many=True)
    featured = Card(many=True)
    fallback = Fallback()


class MenuItem(s.Serializer):
    label = s.CharField()
    path = s.CharField(allow_null=True, help_text="Frontend path of a page of the site.")
    url = s.URLField(allow_null=True, help_text="Outside address.")
    page_id = s.IntegerField(allow_null=True)


class SocialLink(s.Serializer):
    platform = s.CharField()
    url = s.URLField()


class SiteLanguage(s.Serializer):
    code = s.CharField()
    native_name = s.CharField()
    dir = s.ChoiceField(choices=DIRECTIONS)
    path = s.CharField()


class SiteInfo(s.Serializer):
    lang = s.CharField()
    dir = s.ChoiceField(choices=DIRECTIONS)
    organisation_name = s.CharField(allow_blank=True)
    tagline = s.CharField(allow_blank=True)
    address = s.CharField(allow_blank=True)
    phone = s.CharField(allow_blank=True)
    email = s.CharField(allow_blank=True)
    menu = MenuItem(many=True)
    social_links = SocialLink(many=True)
    languages = SiteLanguage(many=True)
    fallback = Fallback()


class TaxonomyEntry(Named):
    lang = s.CharField(help_text="The requested language, as for items; a name in another one is in `fallback`.")
    dir = s.ChoiceField(choices=DIRECTIONS, help_text="Writing direction of `lang`.")
    fallback = Fallback()


class Topic(TaxonomyEntry):
    pass


class Place(TaxonomyEntry):
    kind = s.ChoiceField(choices=("region", "governorate", "town"))
    parent = s.CharField(allow_null=True, help_text="Slug of the governorate or region it lies in.")


# The taxonomy endpoints give the same fields as an item's embedded entries, plus their own language.
class ProjectEntry(TaxonomyEntry, Project):
    pass


class OrganisationEntry(TaxonomyEntry, Organisation):
    pass


class PersonEntry(TaxonomyEntry, Person):
    pass


TAXONOMY_SHAPES = {
    "topics": Topic,
    "places": Place,
    "projects": ProjectEntry,
    "organisations": OrganisationEntry,
    "people": PersonEntry,
}


class ApiRoot(s.Serializer):
    version = s.CharField(help_text="The API's version (semantic versioning; /api/v1/ keeps major version 1).")
    endpoints = s.DictField(child=s.URLField(), help_text="The address of each endpoint, by name.")


class Problem(s.Serializer):
    type = s.CharField(help_text="A URI reference naming the kind of problem.")
    title = s.CharField()
    status = s.IntegerField()
    detail = s.CharField()
    parameter = s.CharField(required=False, help_text="The query parameter at fault, if one is.")


def page_of(shape, name: str):
    """The list envelope around ``shape``: ``{count, next, previous, results}``."""
    return type(
        name,
        (s.Serializer,),
        {
            "count": s.IntegerField(),
            "next": s.URLField(allow_null=True),
            "previous": s.URLField(allow_null=True),
            "results": shape(many=True),
        },
    )
