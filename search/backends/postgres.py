"""PostgreSQL: the generated ``document`` tsvector (``simple`` config, weights A-D) created in migration
``0002_fulltext``, searched with ``to_tsquery`` and ranked with ``ts_rank`` (title 1.0, summary 0.4, body 0.2,
names 0.1)."""

from __future__ import annotations

from . import ALL, Match
from .sql import SQLBackend


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


class PostgresBackend(SQLBackend):
    source = "cms_search_searchentry e"
    condition = "e.document @@ to_tsquery('simple', %s)"
    descending = True

    def match_expression(self, match: Match) -> str:
        weight = "A" if match.title_only else ""
        parts = []
        for position, term in enumerate(match.terms):
            if match.prefix_last and position == len(match.terms) - 1:
                parts.append("(" + " | ".join(f"{_quoted(p)}:*{weight}" for p in term.prefixes) + ")")
            else:
                parts.append(f"{_quoted(term.core)}{':' + weight if weight else ''}")
        return (" & " if match.mode == ALL else " | ").join(parts)

    def score_clause(self, expression):
        return "ts_rank(e.document, to_tsquery('simple', %s))", [expression]
