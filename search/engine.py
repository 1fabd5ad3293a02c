"""Search and title suggestions over ``SearchEntry``: validated query in, ranked page ids out.

The caller passes the queryset of pages it may return (``news.selectors.item_queryset``: public, of the
requested types and filters); it is applied inside the full-text query, so a stale index row of a page that
has since become private, expired or unpublished is never returned.

Every query word must match (best match first); when that finds nothing, pages matching any word are
returned instead, those matching more words first, and the outcome says so (``mode="any"``). Items that
exist only in other languages are
offered separately (``others``), each with the language it matched in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from cms import languages
from cms.api.cache import per_version

from . import normalise
from .backends import ALL, ANY, COUNT_MAX, Match, Ranked, Scope, get_backend
from .highlight import best_snippet
from .models import SearchEntry

MAX_QUERY_LENGTH = 200
OTHERS_LIMIT = 5
#: Past this many pages missing the language, offers stop passing them to the backend as a list.
WITHIN_MAX = 50_000


class QueryError(ValueError):
    """A query that cannot be searched (empty, too long); the API answers 400."""


@dataclass(frozen=True)
class Hit:
    page_id: int
    lang: str
    score: float


@dataclass
class Outcome:
    """``count``: the matching items, counted up to ``COUNT_MAX``; past it, ``COUNT_MAX`` with
    ``count_exact`` false ("more than a thousand" is all a reader or a pager needs)."""

    count: int
    hits: list[Hit]
    terms: list[normalise.Term]
    mode: str = ALL
    others: list[Hit] = field(default_factory=list)
    other_terms: dict[str, list[normalise.Term]] = field(default_factory=dict)
    count_exact: bool = True


def clean_query(q: str | None) -> str:
    q = (q or "").replace("\x00", " ").strip()
    if not q:
        raise QueryError("The query is empty.")
    if len(q) > MAX_QUERY_LENGTH:
        raise QueryError(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
    return q


def _pages_sql(pages) -> tuple[str, tuple]:
    """The visibility and filter rule as a subquery correlated with the entry ``e`` being ranked: checked for
    each match by primary key, never built as the list of every public page. ``pages`` is a page queryset,
    or ``(sql, params)`` already correlated with ``e.page_id`` (``cms.visibility.public_sql``)."""
    if isinstance(pages, tuple):
        sql, params = pages
        return sql, tuple(params)
    correlated = pages.order_by().filter(pk=RawSQL("e.page_id", ())).values("pk")
    sql, params = correlated.query.sql_with_params()
    return sql, tuple(params)


def _scope(pages, lang: str, without_lang: str | None = None) -> Scope:
    sql, params = _pages_sql(pages)
    return Scope(lang=lang, pages_sql=sql, pages_params=params, without_lang=without_lang)


def _other_codes(lang: str) -> list[str]:
    chain = languages.fallback_chain(lang)
    return chain + [code for code in languages.enabled_codes() if code != lang and code not in chain]


def search(
    q: str,
    lang: str,
    pages,
    *,
    limit: int = 20,
    offset: int = 0,
    offer_others: bool = True,
    outside: frozenset[int] | None = None,
) -> Outcome:
    """Every word first; any word when no item has them all (then the items with more of the words come
    first); other languages only on the first page. ``outside``: see ``unlisted_pages``."""
    q = clean_query(q)
    backend = get_backend()
    # Read before the backend's session, which may open a transaction (nothing is kept per version inside).
    missing = pages_without(lang) if offer_others and offset == 0 else frozenset()
    with backend.session():
        return _search(backend, q, lang, pages, limit, offset, missing, outside)


def unlisted_pages(public_ids) -> frozenset[int]:
    """The pages with index entries that are not among ``public_ids`` (every page an unfiltered search may
    return): private, expired or unpublished pages not yet removed, pages of other types. Kept per content
    version: the version changes with every change that could add a page to this set."""
    public = set(public_ids)
    indexed = SearchEntry.objects.order_by().values_list("page_id", flat=True).distinct()
    return frozenset(pk for pk in indexed.iterator(chunk_size=10_000) if pk not in public)


def pages_without(lang: str) -> frozenset[int]:
    """The indexed pages that have no entry in ``lang`` (those other languages may offer), kept per content
    version; usually few, so an offer reads only their matches."""

    def compute():
        # Grouped through the (page, language) index alone: 54 ms for 300,000 entries, where reading each
        # entry's list of languages took 675 ms.
        by_page = SearchEntry.objects.order_by().values("page_id").annotate(own=Count("id", filter=Q(lang=lang)))
        pages = by_page.filter(own=0).values_list("page_id", flat=True)
        return frozenset(pages.iterator(chunk_size=10_000))

    return per_version("search-without:" + lang, compute, shared=True)


def _search(backend, q, lang, pages, limit, offset, missing, outside) -> Outcome:
    terms = normalise.query_terms(q, lang)
    pages_sql, pages_params = _pages_sql(pages)
    scope = Scope(lang, pages_sql, pages_params, outside=outside)
    match = Match(tuple(terms))
    ranked = backend.search(match, scope, limit, offset)
    if ranked.total == 0 and len(terms) > 1:
        # Any word: the words that nothing in the language has are left out (the ranking is the same
        # without them, and each one would be read for every level of the words matched).
        match = Match(backend.present(match, scope), mode=ANY)
        ranked = backend.search(match, scope, limit, offset) if match.terms else Ranked(0, [])
    hits = [Hit(pk, lang, score) for pk, score in ranked.rows]
    exact = ranked.total <= COUNT_MAX
    outcome = Outcome(ranked.total if exact else COUNT_MAX, hits, terms, match.mode, count_exact=exact)
    if missing:
        seen = set()
        for code in _other_codes(lang):
            if len(outcome.others) >= OTHERS_LIMIT:
                break
            other_terms = normalise.query_terms(q, code)
            outcome.other_terms[code] = other_terms
            within = missing if len(missing) <= WITHIN_MAX else None  # else each entry's language list
            other_scope = Scope(code, pages_sql, pages_params, without_lang=lang, within=within)
            offered = backend.search(Match(tuple(other_terms)), other_scope, OTHERS_LIMIT, count=False)
            for pk, score in offered.rows:
                if pk not in seen and len(outcome.others) < OTHERS_LIMIT:
                    seen.add(pk)
                    outcome.others.append(Hit(pk, code, score))
    return outcome


def snippets(outcome: Outcome) -> dict[tuple[int, str], str]:
    """Highlighted passages of every hit and offered item, from the index rows (one query). The summary is
    used when a query word is in it (it is short and says what the item is about), else the body."""
    terms_of = {(hit.page_id, hit.lang): outcome.terms for hit in outcome.hits}
    for hit in outcome.others:
        terms_of[(hit.page_id, hit.lang)] = outcome.other_terms.get(hit.lang, [])
    if not terms_of:
        return {}
    wanted = Q()
    for code in {code for _, code in terms_of}:  # only the rows of the languages that matched
        wanted |= Q(lang=code, page_id__in=[pk for pk, lang in terms_of if lang == code])
    rows = SearchEntry.objects.filter(wanted).values_list(
        "page_id", "lang", "summary", "body", "title", "summary_norm", "body_norm", "title_norm"
    )
    result = {}
    for page_id, lang, summary, body, title, *indexed in rows:
        terms = terms_of.get((page_id, lang))
        if terms is not None:
            result[(page_id, lang)] = best_snippet([summary, body, title], terms, lang, indexed)
    return result


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    title: str


def suggest(q: str, lang: str, pages, *, limit: int = 8) -> list[Suggestion]:
    """Titles in ``lang`` containing every query word, the last one as a prefix (as typed so far)."""
    q = clean_query(q)
    terms = normalise.query_terms(q, lang)
    if not terms:
        return []
    match = Match(tuple(terms), prefix_last=True, title_only=True)
    ranked = get_backend().search(match, _scope(pages, lang), limit, count=False).rows
    titles = dict(
        SearchEntry.objects.filter(page_id__in=[pk for pk, _ in ranked], lang=lang).values_list("page_id", "title")
    )
    return [Suggestion(pk, titles[pk]) for pk, _ in ranked if pk in titles]
