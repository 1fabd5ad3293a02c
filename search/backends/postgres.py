"""PostgreSQL: the generated ``document`` tsvector (``simple`` config; weights title A, summary B, names C,
body D; migration ``0003_ranking``), matched with ``to_tsquery`` through its GIN index. Field tiers are
weight-restricted queries (``'word':AB`` is the word in the title or the summary).

Each statement is shaped so its cost follows the number of matches, never the size of the archive:

- the match is read from the GIN index, as a materialised common table expression of the matching entries
  (the columns ranking and the visibility check need), with sequential scans, JIT and parallel workers off
  for the search's statements only (``session``). The planner does not count decompressing a ``tsvector``:
  for a word with a few hundred matches it read and tested every entry instead (12 ms at 2,000 items
  against 1 ms from the index), and with sequential scans off its cost figures cross JIT's threshold (300 ms
  to compile a plan); parallel workers cost more to start than they save on a few thousand matches;
- ``Scope.within`` (the pages an offer may come from) is checked on each match the same way, and only when
  it is short: through the pages' index, every entry of those pages had its document tested (33 ms for one
  offer at 10,000 items), and a list of 3,000 pages checked on each of 17,000 matches cost more (59 ms)
  than each entry's own list of languages (22 ms);
- suggestions match titles through an index of titles alone (migration ``0004``), not the whole document;
- the language is checked as each match is read, written ``lang || ''`` so that no index can serve it: a plain
  ``lang = ...`` let the planner start from the language's own index and test every entry of the language;
  checked after the expression instead, every match in other languages went on to the ranking too;
- the queries of the tiers and of the exact forms are parsed once per statement (uncorrelated subqueries),
  not once for every match they are tested against;
- the visibility check is a primary-key look-up per match (an ``OFFSET 0`` fence): the planner cannot
  estimate how many matches are left, and joined 462 matches with every page (90 ms) when it guessed two.

GIN hands matches over in no useful order, so a common word would rank all its matches (a few thousand at
10,000 items). The entries' ids follow the ranking's tie-break (``search.models.entry_id``), so when every
word must match (and for suggestions) the newest ``SLICE`` entries are ranked first, alone: when the page
found there is all in the best rank group (every word in the title, in the forms typed), no older entry can
come before any of it, and that page is the answer. Otherwise every match is ranked, as before. When any word
may match (the fallback), the entries matching two words or more are read too, from the whole archive (a GIN
look-up of the pairs of words): the older entries left out match one word each, so an entry matching more, or
matching one word in its title in the form typed, has none of them before it. The count of
an unfiltered search is read from the matches alone, the pages it may not return (``Scope.outside``)
taken off, without a visibility check on each match.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools

from django.db import connection, transaction

from . import ALL, ANY, Ranked
from .sql import SQLBackend

WEIGHTS = {"title": "A", "summary": "B", "names": "C", "body": "D"}
#: A longer list of pages costs more to check on every match than the pages' own language list does.
WITHIN_MAX = 200
TITLES = "to_tsvector('simple'::regconfig, title_norm)"  # the expression of the titles' index
#: Set for the search's statements only (see ``session`` and the module's notes).
PLANNER = {"enable_seqscan": "off", "jit": "off", "max_parallel_workers_per_gather": "0"}
_TURN_OFF = "SELECT " + ", ".join(
    f"current_setting('{name}'), set_config('{name}', '{value}', true)" for name, value in PLANNER.items()
)
#: The newest entries (of every language) a first reading ranks alone; suggestions try the newest
#: ``FIRST_SLICE`` first (a title being typed is nearly always in the best group: 18 → 14 ms in-process at
#: 10,000 items; searches gained nothing, their body matches being refused at both sizes). Windows deeper
#: than ``SLICE_WINDOW`` are ranked among every match at once.
FIRST_SLICE, SLICE, SLICE_WINDOW = 300, 3000, 100
#: Up to this many matches (counted first), every match is ranked at once: cheaper than a slice then.
FEW = 150
#: Past this many words, an any-word search ranks every match (the pairs of words to read grow as its square).
PAIRS_MAX = 8
_SLICE_START = "COALESCE((SELECT id FROM cms_search_searchentry ORDER BY id DESC OFFSET %s LIMIT 1), 0)"
_PUT_BACK = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in PLANNER)


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


class PostgresBackend(SQLBackend):
    fence = " OFFSET 0"

    def matching(self, match, scope, *, newest: int = 0):
        """(See ``SQLBackend``); ``newest``: among that many newest entries only."""
        condition, params = self._matches(match, scope)
        if newest and (match.mode == ALL or len(match.terms) == 1):
            condition += f" AND id >= {_SLICE_START}"
            params.append(newest - 1)  # the id of the slice's oldest entry
        elif newest:  # and every older entry matching more than one word, wherever it is
            condition += f" AND (id >= {_SLICE_START} OR document @@ to_tsquery('simple', %s))"
            params += [newest - 1, self.pairs(match)]
        # Any-word ranking tests each match against many queries: its document is decompressed once, in the
        # table expression, instead of once per test (a third of the statement). When every word must
        # match, most matches are tested once or twice: copying every document costs more than it saves.
        document = "document || ''::tsvector AS document" if match.mode == ANY else "document"
        before = (
            f"WITH e AS MATERIALIZED (SELECT id, lang, page_id, date, page_langs, {document} "
            f"FROM cms_search_searchentry WHERE {condition})"
        )
        return before, "e", "TRUE", params

    def _matches(self, match, scope) -> tuple[str, list]:
        """The condition on ``cms_search_searchentry`` of the entries matching in the scope's language."""
        if match.title_only:  # suggestions: the titles' own index (migration 0004), no weights to check
            matched, expression = TITLES, self.expression(dataclasses.replace(match, title_only=False))
        else:
            matched, expression = "document", self.expression(match)
        within, params = "", [expression, scope.lang]
        if scope.within is not None and len(scope.within) <= WITHIN_MAX:
            within = " AND page_id + 0 = ANY(%s)"  # a check on each match, like the language
            params.append(sorted(scope.within))
        return f"{matched} @@ to_tsquery('simple', %s) AND lang || '' = %s{within}", params

    def search(self, match, scope, limit, offset=0, *, count=True):
        wanted = offset + limit
        many_words = match.mode == ANY and len(match.terms) > PAIRS_MAX
        if not match.terms or scope.without_lang or wanted > SLICE_WINDOW or many_words:
            return super().search(match, scope, limit, offset, count=count)
        # Counted first when that is cheap: no match, no ranking at all; a few, ranked all at once.
        total = self.count(match, scope) if count and self.counts_matches(scope) else None
        if total == 0:
            return Ranked(0, [])
        page_ids = self._newest(match, scope, wanted) if total is None or total > FEW else None
        if page_ids is None:
            ranked = super().search(match, scope, limit, offset, count=count and total is None)
            return ranked if total is None else Ranked(total, ranked.rows)
        if total is None:
            total = self.count(match, scope) if count else 0
        return Ranked(total, [(page_id, float(-position)) for position, page_id in enumerate(page_ids[offset:])])

    def _newest(self, match, scope, wanted) -> list[int] | None:
        """The first ``wanted`` pages ranked among the newest ``SLICE`` entries (for suggestions, the newest
        ``FIRST_SLICE`` first), when they are all in the best rank group (then no older entry ranks before
        them); else ``None``."""
        for size in sorted({min(FIRST_SLICE, SLICE), SLICE} if match.title_only else {SLICE}):
            page_ids = self._newest_in(match, scope, wanted, size)
            if page_ids is not None:
                return page_ids
        return None

    def _newest_in(self, match, scope, wanted, size) -> list[int] | None:
        before, hits, condition, params = self.matching(match, scope, newest=size)
        where, where_params = self._where(scope)
        order, order_params = self._order(match)
        best = self.member("%s")
        fields = () if match.title_only else ("title",)
        best_params = [self.expression(match, fields, exact=True)]
        if match.mode == ANY and len(match.terms) > 1:
            # The older entries left out match one word each: none comes before an entry matching more.
            best, best_params = f"({best} OR {self.member('%s')})", [*best_params, self.pairs(match)]
        sql = f"{before} SELECT e.page_id, {best} FROM {hits} WHERE {condition} AND {where} ORDER BY {order} LIMIT %s"
        rows = self.fetch(sql, [*params, *best_params, *where_params, *order_params, wanted])
        if len(rows) < wanted or not rows[-1][1]:
            return None
        return [page_id for page_id, _ in rows]

    def count(self, match, scope):
        outside = scope.outside
        if not match.terms or not self.counts_matches(scope):
            return super().count(match, scope)
        condition, params = self._matches(match, scope)
        sql = (
            f"SELECT COUNT(*) - COUNT(*) FILTER (WHERE page_id = ANY(%s)) FROM cms_search_searchentry WHERE {condition}"
        )
        return self.fetch(sql, [sorted(outside), *params])[0][0]

    def words_matched(self, match):
        # Every match has at least one word, and in the any-word fallback few have two: the words are
        # counted only for those (two tests per match instead of one per word).
        counted, params = super().words_matched(match)
        return f"CASE WHEN {self.member('%s')} THEN {counted} ELSE 1 END", [self.pairs(match), *params]

    def pairs(self, match):
        """The query text of an entry matching at least two of ``match``'s words."""
        terms = [self.term_expression(match, position) for position in range(len(match.terms))]
        return " | ".join(f"({one} & {other})" for one, other in itertools.combinations(terms, 2))

    def member(self, expression):
        # A subquery of its own is computed once for the statement (an InitPlan); written in place, the
        # query text would be parsed again for every match it is tested against.
        return f"e.document @@ (SELECT to_tsquery('simple', {expression}))"

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

    @contextlib.contextmanager
    def session(self):
        """The planner settings above for the statements run inside, in a transaction (its own when there
        is none) and put back afterwards when the transaction is the caller's."""
        if getattr(connection, "search_planner_set", False):
            yield
            return
        own = not connection.in_atomic_block
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(_TURN_OFF)
            previous = cursor.fetchone()[::2]
            connection.search_planner_set = True
            try:
                yield
            finally:
                connection.search_planner_set = False
                if not own and not connection.needs_rollback:
                    cursor.execute(_PUT_BACK, list(previous))

    def fetch(self, sql, params):
        with self.session():
            return super().fetch(sql, params)
