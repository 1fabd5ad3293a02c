"""Full-text matching behind one small interface, chosen by the database (or ``CMS_SEARCH_BACKEND``).

A backend receives query terms that ``search.normalise`` has already reduced to plain words (letters and
digits only, so nothing a user types reaches the database's query syntax) and a SQL subquery of the page ids
the caller may return (public, filtered). It answers with the number of matching pages and one ranked page
of them, in one statement. Ranking, in this order:

1. more query words matched before fewer (in ``ANY`` mode; in ``ALL`` mode every hit has them all);
2. field weight, as tiers: every matched word in the title; in the title or summary; in those or the names
   of attached places, topics, people, organisations and project; anywhere (the body);
3. the exact words typed (accents kept; Arabic with or without prefixes) above words of the same stem only;
4. recency (the item's date), then the newest page.

- ``sqlite``: FTS5 (external-content table over ``SearchEntry``, kept by triggers); tiers by column filters.
- ``postgresql``: a generated ``tsvector`` column (``simple`` configuration over the pre-normalised text,
  weights A-D) with a GIN index; tiers by weight-restricted queries.

Every backend passes the same contract suite (``tests/search/test_backends.py``: the relevance set through
the API, visibility, updates on publish and rename). Elasticsearch/OpenSearch is described in the README's
Search section as the path for larger deployments; it is not shipped as code until it can be tested the same
way.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from ..normalise import Term

ALL, ANY = "all", "any"
#: Counts stop past this many matches: a count reads its matches one by one, so counting every match of a
#: common word would cost ten times more on an archive ten times larger. A backend's ``count`` answers at
#: most ``COUNT_MAX + 1`` (some statements count exactly); ``search.engine`` reports the rest as "more".
COUNT_MAX = 1000


@dataclass(frozen=True)
class Match:
    """What to match: every term (``ALL``) or any of them (``ANY``); ``prefix_last`` completes the last word;
    ``title_only`` restricts matching to titles (suggestions)."""

    terms: tuple[Term, ...]
    mode: str = ALL
    prefix_last: bool = False
    title_only: bool = False


@dataclass(frozen=True)
class Scope:
    """Where to look: the entries of ``lang`` whose page id is in ``pages_sql``; ``without_lang`` keeps only
    pages that have no entry in that language (items offered from other languages). ``outside``, when known,
    is every page with entries that ``pages_sql`` leaves out (the scope is then every other indexed page):
    a backend may count from its full-text index alone and take those pages' matches off. ``within``, when
    known, holds every page the scope may return (and maybe more): matches of other pages are dropped before
    anything else about them is read."""

    lang: str
    pages_sql: str
    pages_params: tuple = ()
    without_lang: str | None = None
    outside: frozenset[int] | None = None
    within: frozenset[int] | None = None


@dataclass
class Ranked:
    """``total`` matching pages; ``rows`` the requested window of them as ``(page id, score)``, best first."""

    total: int
    rows: list[tuple[int, float]]


class Backend:
    def search(self, match: Match, scope: Scope, limit: int, offset: int = 0, *, count: bool = True) -> Ranked:
        """The ranked window; ``count=False`` when only the first rows are wanted (``total`` is then 0)."""
        raise NotImplementedError

    def count(self, match: Match, scope: Scope) -> int:
        """The matching pages, counted up to ``COUNT_MAX + 1``."""
        raise NotImplementedError

    def present(self, match: Match, scope: Scope) -> tuple[Term, ...]:
        """The terms of ``match`` that some entry in the scope's language has (its pages unchecked): in the
        any-word fallback a term that nothing has changes no entry's rank, and only costs its reads."""
        return match.terms

    def session(self):
        """A context for the statements of one search (the backend may set things up once for all)."""
        return contextlib.nullcontext()


def get_backend() -> Backend:
    path = getattr(settings, "CMS_SEARCH_BACKEND", None)
    if path:
        return import_string(path)()
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SQLiteBackend

    return SQLiteBackend()
