"""What the SQLite and PostgreSQL backends share: one statement that matches, checks visibility, counts and
ranks, built from a few full-text matches of the same query (cheap: a posting-list look-up each) instead of a
relevance score computed for every match (BM25 or ``ts_rank`` over thousands of matches of a common word was
most of the time of a search).

Rank, in this order (see ``search.backends``): words matched (``ANY`` mode), field tier (every matched word
in the title; in title or summary; in title, summary or names; anywhere), exact forms, date, page id.
Visibility is a correlated ``EXISTS`` on the page of each match (a primary-key look-up), not a list of every
public page built for each query.
"""

from __future__ import annotations

from django.db import connection

from . import ALL, ANY, COUNT_MAX, Backend, Match, Ranked, Scope

#: Field sets of the tiers, best first (the last tier, the body, is "anything else").
TIERS = (("title",), ("title", "summary"), ("title", "summary", "names"))
#: Past this many pages outside the scope, a count checks each match's page instead (see ``counts_matches``).
OUTSIDE_MAX = 5000


class SQLBackend(Backend):
    #: Appended to the visibility subquery: PostgreSQL's keeps it a check per match (see ``postgres``).
    fence = ""

    def bound(self, match: Match, scope: Scope) -> Match:
        """``match`` as this backend looks it up in ``scope`` (SQLite: among the words of its language);
        every statement of a search is built from the bound match."""
        return match

    def matching(self, match: Match, scope: Scope) -> tuple[str, str, str, list]:
        """(SQL before SELECT, FROM clause, WHERE condition, their parameters in that order) of the entries
        ``e`` matching ``match`` (in ``scope``'s language at least: ``_where`` checks it again)."""
        raise NotImplementedError

    def member(self, expression: str) -> str:
        """SQL condition (one %s, the expression): the entry ``e`` matches ``expression``."""
        raise NotImplementedError

    def expression(self, match: Match, fields: tuple[str, ...] = (), exact: bool = False) -> str:
        """The backend's query text for ``match``, optionally restricted to ``fields`` or to exact forms."""
        raise NotImplementedError

    def term_expression(self, match: Match, position: int) -> str:
        raise NotImplementedError

    @staticmethod
    def counts_matches(scope: Scope) -> bool:
        """Whether a count may read the matches alone, taking off those of ``scope.outside`` (the scope is
        every indexed page but a known few) instead of checking each match's page."""
        return scope.outside is not None and len(scope.outside) <= OUTSIDE_MAX and not scope.without_lang

    def _where(self, scope: Scope) -> tuple[str, list]:
        sql = f"e.lang = %s AND EXISTS ({scope.pages_sql}{self.fence})"
        params = [scope.lang, *scope.pages_params]
        if scope.without_lang:
            sql += " AND (' ' || e.page_langs || ' ') NOT LIKE %s"
            params.append(f"% {scope.without_lang} %")
        return sql, params

    def _order(self, match: Match) -> tuple[str, list]:
        parts, params = [], []
        if match.mode == ANY and len(match.terms) > 1:
            matched, params = self.words_matched(match)
            parts.append(f"{matched} DESC")
        if not match.title_only:
            cases = []
            for rank, fields in zip(range(len(TIERS), 0, -1), TIERS, strict=True):
                cases.append(f"WHEN {self.member('%s')} THEN {rank}")
                params.append(self.expression(match, fields))
            parts.append("CASE " + " ".join(cases) + " ELSE 0 END DESC")
        exact = self.expression(match, exact=True)
        if exact != self.expression(match):
            parts.append(f"CASE WHEN {self.member('%s')} THEN 1 ELSE 0 END DESC")
            params.append(exact)
        parts += ["e.date DESC", "e.page_id DESC"]
        return ", ".join(parts), params

    def words_matched(self, match: Match) -> tuple[str, list]:
        """SQL (and its parameters) of how many of the query's words the entry ``e`` matches."""
        cases = [f"CASE WHEN {self.member('%s')} THEN 1 ELSE 0 END" for _ in match.terms]
        params = [self.term_expression(match, position) for position in range(len(match.terms))]
        return "(" + " + ".join(cases) + ")", params

    def search(self, match: Match, scope: Scope, limit: int, offset: int = 0, *, count: bool = True) -> Ranked:
        if not match.terms:
            return Ranked(0, [])
        match = self.bound(match, scope)
        before, hits, condition, params = self.matching(match, scope)
        where, where_params = self._where(scope)
        order, order_params = self._order(match)
        total = "COUNT(*) OVER ()" if count else "0"
        sql = (
            f"{before} SELECT e.page_id, {total} FROM {hits} WHERE {condition} AND {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        rows = self.fetch(sql, [*params, *where_params, *order_params, limit, offset])
        if not rows:
            return Ranked(self.count(match, scope) if offset and count else 0, [])
        return Ranked(rows[0][1], [(page_id, float(-position)) for position, (page_id, _) in enumerate(rows)])

    def count(self, match: Match, scope: Scope) -> int:
        if not match.terms:
            return 0
        match = self.bound(match, scope)
        before, hits, condition, params = self.matching(match, scope)
        where, where_params = self._where(scope)
        sql = f"{before} SELECT COUNT(*) FROM (SELECT 1 FROM {hits} WHERE {condition} AND {where} LIMIT %s) AS counted"
        return self.fetch(sql, [*params, *where_params, COUNT_MAX + 1])[0][0]

    def present(self, match: Match, scope: Scope) -> tuple:
        if len(match.terms) < 2:
            return match.terms
        found = [self.first_match(Match((term,), title_only=match.title_only), scope) for term in match.terms]
        found = [(f"({sql}) IS NOT NULL", params) for sql, params in found]
        row = self.fetch("SELECT " + ", ".join(sql for sql, _ in found), [p for _, params in found for p in params])[0]
        return tuple(term for term, here in zip(match.terms, row, strict=True) if here)

    def first_match(self, match: Match, scope: Scope) -> tuple[str, list]:
        """A statement (and its parameters) answering one row if any entry in the scope's language matches,
        none else; its pages are not checked."""
        raise NotImplementedError

    def fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def joined(parts: list[str], mode: str, all_word: str, any_word: str) -> str:
        return (f" {all_word} " if mode == ALL else f" {any_word} ").join(parts)
