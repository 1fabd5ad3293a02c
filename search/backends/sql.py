"""What the SQLite and PostgreSQL backends share: the scope conditions around their own match clause."""

from __future__ import annotations

from django.db import connection

from . import Backend, Match, Scope


class SQLBackend(Backend):
    #: FROM clause naming the entry table ``e``; WHERE condition for the match (one %s); sort direction of
    #: the score.
    source = ""
    condition = ""
    descending = False

    def score_clause(self, expression: str) -> tuple[str, list]:
        raise NotImplementedError

    def match_expression(self, match: Match) -> str:
        raise NotImplementedError

    def _where(self, match: Match, scope: Scope) -> tuple[str, list]:
        sql = f"{self.condition} AND e.lang = %s AND e.page_id IN ({scope.pages_sql})"
        params = [self.match_expression(match), scope.lang, *scope.pages_params]
        if scope.without_lang:
            sql += (
                " AND NOT EXISTS (SELECT 1 FROM cms_search_searchentry other"
                " WHERE other.page_id = e.page_id AND other.lang = %s)"
            )
            params.append(scope.without_lang)
        return sql, params

    def ranked(self, match: Match, scope: Scope, limit: int, offset: int = 0) -> list[tuple[int, float]]:
        if not match.terms:
            return []
        where, params = self._where(match, scope)
        score, score_params = self.score_clause(params[0])
        direction = "DESC" if self.descending else "ASC"
        sql = (
            f"SELECT e.page_id, {score} AS score FROM {self.source} WHERE {where} "
            f"ORDER BY score {direction}, e.page_id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, *params, limit, offset])
            return [(page_id, float(score)) for page_id, score in cursor.fetchall()]

    def count(self, match: Match, scope: Scope) -> int:
        if not match.terms:
            return 0
        where, params = self._where(match, scope)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.source} WHERE {where}", params)
            return cursor.fetchone()[0]
