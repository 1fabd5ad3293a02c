"""PostgreSQL: the generated ``document`` tsvector (``simple`` config; weights title A, summary B, names C,
body D; migration ``0003_ranking``), matched with ``to_tsquery`` through its GIN index. Field tiers are
weight-restricted queries (``'word':AB`` is the word in the title or the summary)."""

from __future__ import annotations

from .sql import SQLBackend

WEIGHTS = {"title": "A", "summary": "B", "names": "C", "body": "D"}


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


class PostgresBackend(SQLBackend):
    def matching(self, expression):
        return "", "cms_search_searchentry e", f"e.document @@ to_tsquery('simple', {expression})"

    def member(self, expression):
        return f"e.document @@ to_tsquery('simple', {expression})"

    def term_expression(self, match, position, fields=(), exact=False):
        term = match.terms[position]
        weights = "".join(WEIGHTS[field] for field in (("title",) if match.title_only else fields))
        if match.prefix_last and position == len(match.terms) - 1:
            words = [f"{_quoted(prefix)}:*{weights}" for prefix in term.prefixes]
        else:
            alternatives = (term.exact if exact else term.alternatives) or (term.core,)
            words = [f"{_quoted(word)}{':' + weights if weights else ''}" for word in alternatives]
        return "(" + " | ".join(words) + ")"

    def expression(self, match, fields=(), exact=False):
        parts = [self.term_expression(match, position, fields, exact) for position in range(len(match.terms))]
        return self.joined(parts, match.mode, "&", "|")
