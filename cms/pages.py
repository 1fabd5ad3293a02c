"""The base of every page type: translated titles and slugs that stay valid however a page is made."""

from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page
from wagtail.search import index

from cms import languages
from cms.text import unicode_slug


class TranslatedPageForm(WagtailAdminPageForm):
    """The admin form of every translated page: typed slugs are normalised before they are validated, so
    "وَرْشَةُ عمـــل" becomes "ورشة-عمل" instead of an "enter a valid slug" error."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for code in languages.enabled_codes():
                name = build_localized_fieldname("slug", code)
                value = data.get(name)
                if value:
                    data[name] = unicode_slug(value, 255) or value
        super().__init__(data, *args, **kwargs)


class _TranslatedSearchField(index.SearchField):
    """A search field whose empty value is indexed as nothing. The search backend writes ``str(value)``, so
    an empty translation (``None`` in its column) would be indexed as the word "None"."""

    def get_value(self, obj):
        value = super().get_value(obj)
        return "" if value is None else value


class TranslatedPage(Page):
    """A page whose title and slug exist in each enabled language.

    - Slugs are normalised the same way whether typed in the admin or set in code: tatweel and Arabic
      diacritics removed, the language's own script kept.
    - A language without a slug takes one made from its own title, so every language has a URL path.
    - A page created in code while another language is active (modeltranslation then writes only that
      language's columns) still gets Wagtail's own title and slug columns, so it saves and routes.
    - Languages a page is not written in yet are indexed as nothing, not as the word "None".
    """

    base_form_class = TranslatedPageForm

    class Meta:
        abstract = True

    @classmethod
    def get_search_fields(cls):
        return [
            _TranslatedSearchField(field.field_name, boost=field.boost, **field.kwargs)
            if type(field) is index.SearchField
            else field
            for field in super().get_search_fields()
        ]

    def _fill_translated_titles_and_slugs(self):
        codes = languages.enabled_codes()
        title_of = {code: getattr(self, build_localized_fieldname("title", code), None) for code in codes}
        for code in codes:
            slug_field = build_localized_fieldname("slug", code)
            slug = getattr(self, slug_field, None)
            if slug:
                setattr(self, slug_field, unicode_slug(slug, 255) or slug)
            elif title_of[code]:
                setattr(self, slug_field, unicode_slug(title_of[code], 255) or None)
        # The untranslated columns (NOT NULL in Wagtail's table) hold the first language that has a value,
        # the source language when it has one. Another language's text is never copied into the source
        # language's own column: that would show English to Arabic readers as if it were Arabic.
        first_title = next((title_of[code] for code in codes if title_of[code]), None)
        first_slug = next(
            (s for s in (getattr(self, build_localized_fieldname("slug", code), None) for code in codes) if s),
            None,
        )
        if first_title:
            self.__dict__["title"] = first_title
        if first_slug:
            self.__dict__["slug"] = first_slug

    def clean_fields(self, exclude=None):
        """The admin requires the source-language title (its form field is required); code that creates a
        page in another language only must not be refused for the empty source-language columns."""
        exclude = set(exclude or ())
        if self.__dict__.get("title"):
            source = languages.source_code()
            exclude |= {build_localized_fieldname("title", source), build_localized_fieldname("slug", source)}
        super().clean_fields(exclude=exclude)

    def full_clean(self, *args, **kwargs):
        self._fill_translated_titles_and_slugs()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._fill_translated_titles_and_slugs()
        return super().save(*args, **kwargs)

    # -- Headless URLs and preview ---------------------------------------------------------------------------
    # The website is a separate frontend: every URL Wagtail shows (View live, page chooser, redirects) is the
    # frontend's, in the language being edited, and previews are the frontend's preview route or the CMS's
    # built-in preview of the same API item (``delivery``).

    def get_url_parts(self, request=None):
        """``(site id, the frontend's URL, /<lang>/<translated path>/)``, the path percent-encoded as Wagtail's
        own URLs are; None outside every site."""
        from django.utils.encoding import iri_to_uri

        from cms.paths import Paths, site_url

        possible_sites = self._get_relevant_site_root_paths(request)
        if not possible_sites:
            return None
        cache = request if request is not None else self
        paths = getattr(cache, "_cms_paths", None)
        if paths is None:
            paths = Paths()
            try:
                cache._cms_paths = paths
            except AttributeError:
                pass
        return (possible_sites[0][0], site_url(request), iri_to_uri(paths.path(self, self._url_language())))

    def get_url(self, request=None, current_site=None):
        """Always the absolute URL readers use (the frontend's, else the CMS's built-in view)."""
        return self.get_full_url(request)

    url = property(get_url)

    @staticmethod
    def _url_language() -> str:
        from django.utils import translation

        code = languages.base_code(translation.get_language() or "")
        return code or languages.source_code()

    @property
    def preview_modes(self):
        """One preview per content language, the editor's interface language first."""
        first = self._url_language()
        modes = [(language.code, language.native_name) for language in languages.enabled()]
        return sorted(modes, key=lambda mode: mode[0] != first)

    def serve_preview(self, request, mode_name):
        # The delivery app renders previews; imported here because page models load before it.
        from delivery.rendering import serve_preview

        return serve_preview(self, request, mode_name)

    def save_revision(self, *args, **kwargs):
        """Wagtail copies ``self.title`` into ``draft_title`` (what page lists and the moderation queue show);
        modeltranslation answers ``self.title`` in the active language, which in the admin is the saver's
        interface language. Saved in the source language, a Kurmanji-speaking translator no longer renames
        the page for everyone."""
        self._fill_translated_titles_and_slugs()
        with translation.override(languages.source_code()):
            return super().save_revision(*args, **kwargs)
