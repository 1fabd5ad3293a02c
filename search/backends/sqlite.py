"""SQLite: FTS5 over the normalised columns (created in migration ``0002_fulltext``).

The full-text match runs first, as a materialised common table expression: left to itself, SQLite's planner
may start from the entries' ``(lang, page)`` index and probe the full-text index row by row, which is what
made counting slow at 50,000 items. Each match then reads the entry through the narrow covering index
``cms_search_entry_rank`` (language, page, date), not the wide row with its texts: a row read per match was
most of the time of a query matching thousands of entries. Field tiers are FTS5 column filters
(``{title_norm summary_norm} : ...``).
"""

from __future__ import annotations

from . import Match
from .sql import SQLBackend

COLUMNS = {"title": "title_norm", "summary": "summary_norm", "names": "names_norm", "body": "body_norm"}


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def _words(match: Match, position: int, exact: bool = False) -> list[str]:
    term = match.terms[position]
    if match.prefix_last and position == len(match.terms) - 1:
        return [f"{_quoted(prefix)}*" for prefix in term.prefixes]
    alternatives = (term.exact if exact else term.alternatives) or (term.core,)
    return [_quoted(word) for word in alternatives]


class SQLiteBackend(SQLBackend):
    def matching(self, match, scope):
        before = "WITH h AS MATERIALIZED (SELECT rowid AS id FROM cms_search_fts WHERE cms_search_fts MATCH %s)"
        hits = "h JOIN cms_search_searchentry e INDEXED BY cms_search_entry_rank ON e.id = h.id"
        return before, hits, "TRUE", [self.expression(match)]

    def member(self, expression):
        return f"e.id IN (SELECT rowid FROM cms_search_fts WHERE cms_search_fts MATCH {expression})"

    def term_expression(self, match, position, fields=(), exact=False):
        expression = "(" + " OR ".join(_words(match, position, exact)) + ")"
        if match.title_only:
            fields = ("title",)
        if fields:
            expression = "{" + " ".join(COLUMNS[field] for field in fields) + "} : " + expression
        return expression

    def expression(self, match, fields=(), exact=False):
        parts = [self.term_expression(match, position, fields, exact) for position in range(len(match.terms))]
        return self.joined(parts, match.mode, "AND", "OR")
