"""Translator roles: one group per enabled language other than the source ("Translators · Kurmancî").

Members may open the admin, edit pages (save drafts, submit for moderation; never publish), the filing
snippets, the site settings and image alt texts, but only their own language's fields: the other languages
and the shared facts are read-only on the form and a change to them is refused on the server
(``translations.forms.LanguageLockMixin``). Someone who is also an editor, a moderator or a superuser keeps
their wider rights.

The groups are made by a migration and, for a language switched on later (``CMS_LANGUAGES``), by the
``post_migrate`` handler below, which also (re)grants their permissions: permissions only exist once every
app has migrated.
"""

from __future__ import annotations

from cms import languages

PREFIX = "Translators · "
WIDER_GROUPS = ("Editors", "Moderators")
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("news", "topic", "change_topic"),
    ("news", "place", "change_place"),
    ("news", "project", "change_project"),
    ("news", "organisation", "change_organisation"),
    ("news", "person", "change_person"),
    ("home", "sitesettings", "change_sitesettings"),
]


def group_name(code: str) -> str:
    return PREFIX + languages.KNOWN[code].native_name


def translator_codes() -> list[str]:
    return [code for code in languages.enabled_codes() if code != languages.source_code()]


def languages_of(user) -> set[str] | None:
    """The languages ``user`` may write, or None when not limited (superusers, editors, moderators, and
    anyone outside the translator groups)."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    cache = getattr(user, "_translator_languages", False)
    if cache is not False:
        return cache
    names = set(user.groups.values_list("name", flat=True))
    codes = {code for code in translator_codes() if group_name(code) in names}
    result = None if (not codes or names & set(WIDER_GROUPS)) else codes
    user._translator_languages = result
    return result


def ensure_groups(**kwargs) -> None:
    """A group for every enabled target language, with a translator's permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Ids only: right after migrations the translated page columns may not be added yet.
    root_page = Page.objects.filter(depth=1).order_by("path").values_list("pk", flat=True).first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").values_list("pk", flat=True).first()
    permissions = [
        p
        for app_label, model, codename in MODEL_PERMISSIONS
        for p in Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    ]
    page_change = Permission.objects.filter(content_type__app_label="wagtailcore", codename="change_page").first()
    image_change = Permission.objects.filter(content_type__app_label="wagtailimages", codename="change_image").first()
    for code in translator_codes():
        group, _ = Group.objects.get_or_create(name=group_name(code))
        group.permissions.add(*permissions)
        if root_page is not None and page_change is not None:
            GroupPagePermission.objects.get_or_create(group=group, page_id=root_page, permission=page_change)
        if root_collection is not None and image_change is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection_id=root_collection, permission=image_change
            )


def _after_migrate(sender, **kwargs):
    if sender.name == "translations":
        ensure_groups()


def connect():
    from django.db.models.signals import post_migrate

    post_migrate.connect(_after_migrate, dispatch_uid="translations-groups")
