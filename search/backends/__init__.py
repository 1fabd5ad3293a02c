"""Full-text matching behind one small interface, chosen by the database (or ``CMS_SEARCH_BACKEND``).

A backend receives query terms that ``search.normalise`` has already reduced to plain words (letters and
digits only, so nothing a user types reaches the database's query syntax) and a SQL subquery of the page ids
the caller may return (public, filtered). It answers with ranked page ids. Ranking: title > summary > body >
names of attached places, topics, people, organisations and project.

- ``sqlite``: FTS5 (external-content table over ``SearchEntry``, kept by triggers), BM25 with column weights.
- ``postgresql``: a generated ``tsvector`` column (``simple`` configuration over the pre-normalised text,
  weights A-D) with a GIN index, ``ts_rank``.
- ``search.backends.elasticsearch``: for larger deployments; see its docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from ..normalise import Term

ALL, ANY = "all", "any"


@dataclass(frozen=True)
class Match:
    """What to match: every term (``ALL``) or any of them (``ANY``); ``prefix_last`` completes the last word;
    ``title_only`` restricts matching to titles (suggestions)."""

    terms: tuple[Term, ...]
    mode: str = ALL
    prefix_last: bool = False
    title_only: bool = False


@dataclass
class Scope:
    """Where to look: the entries of ``lang`` whose page id is in ``pages_sql``; ``without_lang`` keeps only
    pages that have no entry in that language (items offered from other languages)."""

    lang: str
    pages_sql: str
    pages_params: tuple = ()
    without_lang: str | None = None
    extra: dict = field(default_factory=dict)


class Backend:
    def ranked(self, match: Match, scope: Scope, limit: int, offset: int = 0) -> list[tuple[int, float]]:
        raise NotImplementedError

    def count(self, match: Match, scope: Scope) -> int:
        raise NotImplementedError


def get_backend() -> Backend:
    path = getattr(settings, "CMS_SEARCH_BACKEND", None)
    if path:
        return import_string(path)()
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SQLiteBackend

    return SQLiteBackend()
