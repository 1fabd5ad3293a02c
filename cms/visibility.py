"""What the public may see: the one rule every public surface (API, search, feeds, sitemap) goes through.

A page is public when it is live, its go-live time (if any) has come, its expiry time (if any) has not
passed (checked here, so an expired page disappears at once, before the scheduled-publishing job runs), it
is not under a view restriction (password, login or groups) itself or through an ancestor, it belongs to
the default site's tree, and, for an alias, its original passes the same rules. Images and documents are
public unless their collection, or an ancestor collection, has a view restriction.
"""

from datetime import UTC, datetime

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from cms.api import cache


def _restricted_paths(ignoring_restrictions_of=None) -> list[str]:
    restrictions = PageViewRestriction.objects.all()
    if ignoring_restrictions_of is not None:
        restrictions = restrictions.exclude(page_id=ignoring_restrictions_of.pk)
    return list(restrictions.values_list("page__path", flat=True))


def _restricted_q(ignoring_restrictions_of=None) -> Q:
    """Pages under a view restriction (password, login or groups), the restricted page included; the
    restrictions placed on ``ignoring_restrictions_of`` (a page) are left out when it is given. The usual
    case (none ignored) is read once per content version: placing or lifting a restriction replaces it."""
    if ignoring_restrictions_of is None:
        paths = cache.per_version("visibility:restricted-paths", _restricted_paths)
    else:
        paths = _restricted_paths(ignoring_restrictions_of)
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def _published_q(now) -> Q:
    return (
        Q(live=True)
        & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def public_pages(queryset=None, ignoring_restrictions_of=None, now=None):
    """Filter a page queryset (of any page model) down to what the public may see.

    An alias is public only when its original is public too: an alias shows its original's content, so a
    restricted, expired or unpublished original must not be readable through an alias placed elsewhere.

    ``ignoring_restrictions_of`` (a page): what the public could see but for that page's own restrictions,
    i.e. what a restriction just placed on it hid, or one just removed from it shows.

    ``now``: the moment the rule is applied at (the current time when None).
    """
    queryset = Page.objects.all() if queryset is None else queryset
    published = _published_q(now or timezone.now())
    restricted = _restricted_q(ignoring_restrictions_of)
    queryset = queryset.filter(published)
    originals = Page.objects.filter(published)
    if restricted:
        queryset = queryset.exclude(restricted)
        originals = originals.exclude(restricted)
    queryset = queryset.filter(Q(alias_of__isnull=True) | Q(alias_of__in=originals.values("pk")))
    site = default_site()
    if site is not None:
        queryset = queryset.filter(path__startswith=site.root_page.path)
    return queryset


def default_site() -> Site | None:
    """The default site with its root page, read once per content version (a change of sites, or of the
    root page's paths, replaces it). Shared: never modify the instance returned."""
    return cache.per_version(
        "visibility:default-site", lambda: Site.objects.filter(is_default_site=True).select_related("root_page").first()
    )


#: Stands for the current time in the rule compiled once per content version (``public_sql``).
_COMPILED_NOW = datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


def _compile_public_sql(column: str, types: tuple) -> tuple[str, list, list[int]]:
    queryset = Page.objects.type(*types) if types else Page.objects.all()
    correlated = public_pages(queryset, now=_COMPILED_NOW).order_by().filter(pk=RawSQL(column, ())).values("pk")
    sql, params = correlated.query.sql_with_params()
    marks = (_COMPILED_NOW, connection.ops.adapt_datetimefield_value(_COMPILED_NOW))
    return sql, list(params), [n for n, param in enumerate(params) if param in marks]


def public_sql(column: str, types: tuple = ()) -> tuple[str, list]:
    """The rule as SQL for raw queries: a subquery that selects the page whose id is in ``column`` (e.g.
    ``"s.page_id"``) when it is public and of one of ``types`` (any page when empty); use it in
    ``EXISTS (...)``. The ORM compiles it once per content version (its rows, the restricted subtrees and
    the default site, are the version's); only the current time is put in at each call."""
    name = "visibility:sql:" + column + ":" + ",".join(sorted(model._meta.label for model in types))
    sql, params, time_positions = cache.per_version(name, lambda: _compile_public_sql(column, tuple(types)))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = list(params)
    for position in time_positions:
        params[position] = now
    return sql, params


def is_public_page(page) -> bool:
    return public_pages(Page.objects.filter(pk=page.pk)).exists()


def restricted_collection_ids() -> set[int]:
    """Collections that are private, directly or through an ancestor (one query for the restrictions,
    one for their subtrees)."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return set()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return set(Collection.objects.filter(condition).values_list("pk", flat=True))


def public_media(queryset):
    """Filter an image or document queryset down to those outside private collections."""
    private = restricted_collection_ids()
    return queryset.exclude(collection_id__in=private) if private else queryset
