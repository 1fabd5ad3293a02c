"""SQLite: FTS5 over the normalised columns (created in migration ``0002_fulltext``)."""

from __future__ import annotations

from . import ALL, Match
from .sql import SQLBackend

# BM25 weights of title, summary, body and names.
WEIGHTS = (10.0, 4.0, 2.0, 1.0)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


class SQLiteBackend(SQLBackend):
    source = "cms_search_fts JOIN cms_search_searchentry e ON e.id = cms_search_fts.rowid"
    condition = "cms_search_fts MATCH %s"
    descending = False

    def score_clause(self, expression):
        return "bm25(cms_search_fts, {})".format(", ".join(str(w) for w in WEIGHTS)), []

    def match_expression(self, match: Match) -> str:
        parts = []
        for position, term in enumerate(match.terms):
            if match.prefix_last and position == len(match.terms) - 1:
                parts.append("(" + " OR ".join(f"{_quoted(p)}*" for p in term.prefixes) + ")")
            else:
                parts.append(_quoted(term.core))
        expression = (" AND " if match.mode == ALL else " OR ").join(parts)
        if match.title_only:
            expression = "{title_norm} : (" + expression + ")"
        return expression
