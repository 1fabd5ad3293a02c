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

- each entry's ``document`` stays in its row (migration ``0006``): ranking tests it several times per match,
  and fetched from the TOAST table for each test it cost nearly twice as much.

GIN hands matches over in no useful order, so a common word would rank all its matches (a few thousand at
10,000 items). The entries' ids follow the ranking's tie-break (``search.models.entry_id``), so the newest
entries are ranked first (``FIRST_SLICE``, then ``SLICE``), with older ones read beside them, each set through
an index of its own (``matching``): when any word may match (the fallback), every entry matching two words or
more (a GIN look-up of the pairs of words); for searches, the older entries with the words in their title or
in the forms typed, up to ``HEADS_MAX``. ``_newest_in`` accepts the page found when nothing left out can
rank before its last entry; otherwise every match is ranked, as before. The count of an unfiltered search is
read from the matches alone, the pages it may not return (``Scope.outside``) taken off, without a visibility
check on each match.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools

from django.db import connection, transaction

from . import ANY, Ranked
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
#: At most this many older entries with the words in their title or typed forms are read with a slice.
HEADS_MAX = 200
COLUMNS, FROM = "id, lang, page_id, date, page_langs, document", "FROM cms_search_searchentry"
_SLICE_START = "COALESCE((SELECT id FROM cms_search_searchentry ORDER BY id DESC OFFSET %s LIMIT 1), 0)"
#: In front of a statement, in the same query string (see ``PostgresBackend.session``).
HERE = "SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name, value in PLANNER.items()) + "; "
_PUT_BACK = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in PLANNER)


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


class PostgresBackend(SQLBackend):
    fence = " OFFSET 0"

    def matching(self, match, scope, *, newest: int = 0, heads: bool = False):
        """(See ``SQLBackend``); ``newest``: among that many newest entries only, with, from the whole archive,
        every older entry matching two words or more when any word may match, and with ``heads`` the older
        entries with the words in their title or in the forms typed (up to ``HEADS_MAX`` of them). Each is
        its own index read; ``part`` says which read an entry came from."""
        condition, params = self._matches(match, scope)
        if not newest:
            return f"WITH e AS MATERIALIZED (SELECT {COLUMNS}, 0 AS part {FROM} WHERE {condition})", "e", "TRUE", params
        reads = [f"SELECT {COLUMNS}, 0 AS part {FROM} WHERE {condition} AND id >= {_SLICE_START}"]
        params = [*params, newest - 1]  # the id of the slice's oldest entry
        older = f" AND id + 0 < {_SLICE_START}"  # tested on each entry read, not a range read of the table
        pairs = match.mode == ANY and len(match.terms) > 1
        if pairs:
            pairs_condition, pairs_params = self._matches(match, scope, self.pairs(match))
            reads.append(f"SELECT {COLUMNS}, 1 {FROM} WHERE {pairs_condition}{older}")
            params += [*pairs_params, newest - 1]
        if heads:
            heads_condition, heads_params = self._heads(match, scope)
            not_pairs = " AND NOT document @@ to_tsquery('simple', %s)" if pairs else ""
            reads.append(
                f"(SELECT {COLUMNS}, 2 {FROM} WHERE {heads_condition}{not_pairs}{older} LIMIT {HEADS_MAX + 1})"
            )
            params += [*heads_params, *([self.pairs(match)] if pairs else []), newest - 1]
        return f"WITH e AS MATERIALIZED ({' UNION ALL '.join(reads)})", "e", "TRUE", params

    def _matches(self, match, scope, expression: str | None = None) -> tuple[str, list]:
        """The condition on ``cms_search_searchentry`` of the entries matching in the scope's language
        (``expression``: this query text instead of the match's)."""
        if match.title_only:  # suggestions: the titles' own index (migration 0004), no weights to check
            matched = TITLES
            expression = expression or self.expression(dataclasses.replace(match, title_only=False))
        else:
            matched, expression = "document", expression or self.expression(match)
        return self._scoped(f"{matched} @@ to_tsquery('simple', %s)", [expression], scope)

    def _heads(self, match, scope) -> tuple[str, list]:
        """The entries with the query's words in their title (the titles' index: no weights to check) or in
        the exact forms typed (when ranking tells them apart)."""
        expression, exact = self.expression(match), self.expression(match, exact=True)
        if exact == expression:
            return self._scoped(f"{TITLES} @@ to_tsquery('simple', %s)", [expression], scope)
        condition = f"({TITLES} @@ to_tsquery('simple', %s) OR document @@ to_tsquery('simple', %s))"
        return self._scoped(condition, [expression, exact], scope)

    @staticmethod
    def _scoped(condition, params, scope) -> tuple[str, list]:
        within, params = "", [*params, scope.lang]
        if scope.within is not None and len(scope.within) <= WITHIN_MAX:
            within = " AND page_id + 0 = ANY(%s)"  # a check on each match, like the language
            params.append(sorted(scope.within))
        return f"{condition} AND lang || '' = %s{within}", params

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
        """The first ``wanted`` pages ranked among the newest entries (``_newest_in``), the newest
        ``FIRST_SLICE`` first, then ``SLICE``; ``None`` when neither page can be shown to be the answer."""
        for size in sorted({min(FIRST_SLICE, SLICE), SLICE}):
            page_ids = self._newest_in(match, scope, wanted, size)
            if page_ids is not None:
                return page_ids
        return None

    def _newest_in(self, match, scope, wanted, size) -> list[int] | None:
        """The first ``wanted`` pages ranked among the newest ``size`` entries and the older ones read with
        them (``matching``), when no entry left out can rank before the last of them; else ``None``.

        Left out are older entries matching one word (any-word mode), so the page holds when its last entry
        is in the best group (every word in the title, in the forms typed) or matches more words. When the
        older entries with the words in their title or in the forms typed were all read too (at most
        ``HEADS_MAX``: the field tier and the exact forms come before recency), an entry left out has the
        words in the summary at best and not in the forms typed: the page also holds when its last entry
        has them in its title or summary. (A last entry that is itself one of those older title matches
        holds only when they were all read: one left out may be newer.)"""
        heads = not match.title_only
        before, hits, condition, params = self.matching(match, scope, newest=size, heads=heads)
        where, where_params = self._where(scope)
        order, order_params = self._order(match)
        fields = () if match.title_only else ("title",)
        best, best_params = self.member("%s"), [self.expression(match, fields, exact=True)]
        good, good_params = self.member("%s"), [self.expression(match, ("title", "summary"))]
        if match.mode == ANY and len(match.terms) > 1:
            pairs = self.member("%s")
            best, best_params = f"({best} OR {pairs})", [*best_params, self.pairs(match)]
            good, good_params = f"({good} OR {pairs})", [*good_params, self.pairs(match)]
        complete = f"(SELECT COUNT(*) FROM e WHERE part = 2) <= {HEADS_MAX}" if heads else "FALSE"
        sql = (
            f"{before} SELECT e.page_id, {best}, {good}, {complete}, e.part FROM {hits} WHERE {condition} AND {where} "
            f"ORDER BY {order} LIMIT %s"
        )
        rows = self.fetch(sql, [*params, *best_params, *good_params, *where_params, *order_params, wanted])
        if len(rows) < wanted:
            return None
        _, last_best, last_good, complete, part = rows[-1]
        # An older title match read among the first HEADS_MAX may have a newer one left out, equal but for
        # its date: only a complete reading of them vouches for such a last entry.
        if not ((last_best and (part != 2 or complete)) or (last_good and complete)):
            return None
        return [row[0] for row in rows]

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
        """The planner settings above for the statements run inside. Outside a transaction, each statement
        is sent after them in one query string (``HERE``): PostgreSQL plans each statement of a string after
        running the one before, and settings made local last until the string's own implicit transaction
        ends, so no transaction, no second round trip and nothing to put back. Inside the caller's
        transaction (or with server-side binding, which sends one statement at a time) they are set once
        for the statements run inside and put back afterwards."""
        if getattr(connection, "search_planner_set", False) or _in_one_string():
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
        if getattr(connection, "search_planner_set", False) or not _in_one_string():
            with self.session():
                return super().fetch(sql, params)
        with connection.cursor() as cursor:
            cursor.execute(HERE + sql, params)
            cursor.nextset()
            return cursor.fetchall()


def _in_one_string() -> bool:
    """Whether the planner settings go in front of each statement (see ``PostgresBackend.session``)."""
    return not connection.in_atomic_block and connection.settings_dict["OPTIONS"].get("server_side_binding") is not True
