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
- each full-text index is split by language (partial indexes, migration ``0010``), and the language is a
  constant of each statement, so only that language's matches are read: through one index for every
  language, each match of the other languages was read from the table to be dropped (a word common in
  English cost an Arabic search 100 ms per read at 100,000 items). It is written ``lang || ''``, as the
  indexes' condition is, so that no B-tree index can serve it: a plain ``lang = ...`` let the planner start
  from the language's own index and test every entry of the language;
- the queries of the tiers and of the exact forms are parsed once per statement (uncorrelated subqueries),
  not once for every match they are tested against;
- the visibility check is a primary-key look-up per match (an ``OFFSET 0`` fence): the planner cannot
  estimate how many matches are left, and joined 462 matches with every page (90 ms) when it guessed two.

- each entry's ``document`` stays in its row (migration ``0006``): ranking tests it several times per match,
  and fetched from the TOAST table for each test it cost nearly twice as much.

GIN hands matches over in no useful order, so a common word would rank all its matches (a few thousand at
10,000 items). The entries' ids follow the ranking's tie-break (``search.models.entry_id``), so the newest
entries are ranked first (``SLICES``, smallest first), with older ones read beside them, each set through
an index of its own (``matching``): when any word may match (the fallback), the entries matching two words or
more (a GIN look-up of the pairs of words; of the triples when the pairs are more than ``LEVEL_MAX``); for
searches, the older entries with the words in their title, in their title or summary, or in the forms typed,
up to ``HEADS_MAX`` of each. ``_newest_in`` accepts the page found when nothing left out can rank before its
last entry; otherwise every match is ranked, as before. A search whose newest entries fill the page with
every word in the title, in the forms typed, is answered by the slice alone (nothing older can rank before
them), without those reads. The smallest slice is read by id (``SCAN_MAX``). Offers from other languages are
read the same way once a first look finds more than ``FEW`` matches they could show; fewer are ranked in one
sorted statement. The count of an unfiltered search is read from the
matches alone, the pages it may not return (``Scope.outside``) left out, without a visibility check on each
match, and it stops after ``COUNT_MAX`` (each match counted is a row read from the table).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools

from django.db import connection, transaction

from . import ANY, COUNT_MAX, Ranked
from .sql import TIERS, SQLBackend

WEIGHTS = {"title": "A", "summary": "B", "names": "C", "body": "D"}
#: A longer list of pages costs more to check on every match than the pages' own language list does.
WITHIN_MAX = 200
TITLES = "to_tsvector('simple'::regconfig, title_norm)"  # the expression of the titles' index
LEAD = "to_tsvector('simple'::regconfig, title_norm || ' ' || summary_norm)"  # of titles and summaries
#: Set for the search's statements only (see ``session`` and the module's notes).
PLANNER = {"enable_seqscan": "off", "jit": "off", "max_parallel_workers_per_gather": "0"}
_TURN_OFF = "SELECT " + ", ".join(
    f"current_setting('{name}'), set_config('{name}', '{value}', true)" for name, value in PLANNER.items()
)
#: The newest entries (of every language) a reading ranks alone, each size tried after the one before was
#: refused: suggestions are nearly always answered by the first (a title being typed is nearly always in the
#: best group: 18 → 14 ms in-process at 10,000 items); the last keeps words of middling frequency off the
#: ranking of every match on a large archive (at 100,000 items, a word in 1% of titles has more than
#: ``HEADS_MAX`` older title matches, and fewer than a page of them among the newest 3,000). Each slice is
#: a range of ids read with the words' index, so its cost is its matches. Windows deeper than
#: ``SLICE_WINDOW`` are ranked among every match at once.
SLICES, SLICE_WINDOW = (300, 3000, 30000), 100
#: A slice of at most this many entries is read by id, each entry of the language tested: GIN hands over every
#: match of the words before the join with the slice, which for a common word or prefix costs more than
#: testing a few hundred entries (``'work':*`` in English titles at 100,000 items: 23,288 matches, 15.7 ms
#: through the index against 3.0 ms testing the 300 newest entries).
SCAN_MAX = 300
SLICE = "SELECT * FROM cms_search_searchentry WHERE id >= %s AND lang || '' = %s"
#: Up to this many matches (counted first), every match is ranked at once: cheaper than a slice then.
FEW = 150
#: Past this many words, an any-word search ranks every match (the pairs of words to read grow as its square).
PAIRS_MAX = 8
#: At most this many older entries with the words in their title or summary or typed forms are read with a slice.
HEADS_MAX = 200
#: At most this many older entries matching two words (then three) are read with a slice in the fallback.
LEVEL_MAX = 300
LEVEL_TOO_LARGE = object()  # what ``_newest_in`` answers when more older entries match that many words
COLUMNS, FROM = "id, lang, page_id, date, page_langs, document", "FROM cms_search_searchentry"
#: In front of a statement, in the same query string (see ``PostgresBackend.session``).
HERE = "SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name, value in PLANNER.items()) + "; "
_PUT_BACK = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in PLANNER)


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


class PostgresBackend(SQLBackend):
    fence = " OFFSET 0"

    def matching(self, match, scope, *, start=None, heads: bool = False, level: int = 2, last_level=True, scan=False):
        """(See ``SQLBackend``); ``start``: among the newest entries only, from that id on (``part`` 0), with, from the
        whole archive, the older entries matching ``level`` words or more when any word may match (1), and with
        ``heads`` the older entries with the words in their title or in the forms typed (2), then in their
        title or summary (3), up to ``HEADS_MAX + 1`` of each (of 1, ``LEVEL_MAX + 1`` when ``level`` is not the
        last one to try). Each is its own index read (``scan``: the newest entries are read by id, each one
        tested); an entry read twice keeps its first part, and ``r`` keeps every read for ``_newest_in`` to
        count. An offer's reads keep only pages missing the language (``_scoped``), so their caps count
        those alone."""
        condition, params = self._matches(match, scope)
        if start is None:
            return f"WITH e AS MATERIALIZED (SELECT {COLUMNS}, 0 AS part {FROM} WHERE {condition})", "e", "TRUE", params
        # The slice's first id is a constant of the statement, so the planner reads the slice as the range of
        # ids it is (a few hundred or thousand entries) instead of every match of the words, each one tested.
        if scan:  # each entry of the slice tested, not the words' index read (see ``SCAN_MAX``)
            reads = [f"SELECT {COLUMNS}, 0 AS part FROM ({SLICE} OFFSET 0) AS s WHERE {condition}"]
            params = [start, scope.lang, *params]
        else:
            reads = [f"SELECT {COLUMNS}, 0 AS part {FROM} WHERE {condition} AND id >= %s"]
            params = [*params, start]
        older = " AND id + 0 < %s"  # tested on each entry read, not a range read of the table
        if match.mode == ANY and len(match.terms) > 1:
            level_condition, level_params = self._matches(match, scope, self.level(match, level))
            limit = "" if last_level else f" LIMIT {LEVEL_MAX + 1}"
            reads.append(f"(SELECT {COLUMNS}, 1 {FROM} WHERE {level_condition}{older}{limit})")
            params += [*level_params, start]
        if heads:
            for part, (heads_condition, heads_params) in self._heads(match, scope).items():
                reads.append(f"(SELECT {COLUMNS}, {part} {FROM} WHERE {heads_condition}{older} LIMIT {HEADS_MAX + 1})")
                params += [*heads_params, start]
        return (
            (
                f"WITH r AS MATERIALIZED ({' UNION ALL '.join(reads)}), "
                f"e AS MATERIALIZED (SELECT DISTINCT ON (id) * FROM r ORDER BY id, part)"
            ),
            "e",
            "TRUE",
            params,
        )

    def _matches(self, match, scope, expression: str | None = None) -> tuple[str, list]:
        """The condition on ``cms_search_searchentry`` of the entries matching in the scope's language
        (``expression``: this query text instead of the match's)."""
        if match.title_only:  # suggestions: the titles' own index (migration 0004), no weights to check
            matched = TITLES
            expression = expression or self.expression(dataclasses.replace(match, title_only=False))
        else:
            matched, expression = "document", expression or self.expression(match)
        return self._scoped(f"{matched} @@ to_tsquery('simple', %s)", [expression], scope)

    def _heads(self, match, scope) -> dict[int, tuple[str, list]]:
        """The conditions of the older entries read beside the newest (by ``part``): the query's words in
        the title (2: the titles' own index, no weights to check), in the title or summary (3: migration
        0007's index), and in the exact forms typed (4: when ranking tells them apart)."""
        expression, exact = self.expression(match), self.expression(match, exact=True)
        heads = {
            2: self._scoped(f"{TITLES} @@ to_tsquery('simple', %s)", [expression], scope),
            3: self._scoped(f"{LEAD} @@ to_tsquery('simple', %s)", [expression], scope),
        }
        if exact != expression:
            heads[4] = self._scoped("document @@ to_tsquery('simple', %s)", [exact], scope)
        return heads

    @staticmethod
    def _scoped(condition, params, scope) -> tuple[str, list]:
        within, params = "", [*params, scope.lang]
        if scope.within is not None and len(scope.within) <= WITHIN_MAX:
            within = " AND page_id + 0 = ANY(%s)"  # a check on each match, like the language
            params.append(sorted(scope.within))
        if scope.without_lang:  # on each read, so that a read's cap counts only the pages an offer may show
            within += " AND (' ' || page_langs || ' ') NOT LIKE %s"
            params.append(f"% {scope.without_lang} %")
        return f"{condition} AND lang || '' = %s{within}", params

    def search(self, match, scope, limit, offset=0, *, count=True):
        wanted = offset + limit
        many_words = match.mode == ANY and len(match.terms) > PAIRS_MAX
        if not match.terms or wanted > SLICE_WINDOW or many_words:
            return super().search(match, scope, limit, offset, count=count)
        # Counted first when that is cheap: no match, no ranking at all; a few, ranked all at once.
        total = self.count(match, scope) if count and self.counts_matches(scope) else None
        if total == 0:
            return Ranked(0, [])
        if scope.without_lang:
            # An offer first looks at the matches it could show (every read of its slices keeps only pages
            # missing the language): most words have none or a few in another language, which one sorted
            # statement ranks at once, where every slice would be read and refused first.
            found = self._look(match, scope, FEW + 1)
            if found <= FEW:
                return Ranked(0, []) if not found else super().search(match, scope, limit, offset, count=count)
        page_ids = self._newest(match, scope, wanted) if total is None or total > FEW else None
        if page_ids is None:
            ranked = super().search(match, scope, limit, offset, count=count and total is None)
            return ranked if total is None else Ranked(total, ranked.rows)
        if total is None:
            total = self.count(match, scope) if count else 0
        return Ranked(total, [(page_id, float(-position)) for position, page_id in enumerate(page_ids[offset:])])

    def _newest(self, match, scope, wanted) -> list[int] | None:
        """The first ``wanted`` pages ranked among the newest entries (``_newest_in``), in slices of
        ``SLICES`` entries, smallest first; ``None`` when no slice's page can be shown to be the answer. In
        the any-word fallback, when more than ``LEVEL_MAX`` older entries match two of the words (the two
        words of a place's name, say), those matching three are read instead."""
        levels = list(range(2, min(len(match.terms), 3) + 1)) if match.mode == ANY and len(match.terms) > 1 else [2]
        sizes = sorted(set(SLICES))
        for size, start in zip(sizes, self._slice_starts(sizes), strict=False):
            scan = size <= SCAN_MAX and start > 0
            # First without the older title, summary and exact reads, which a page of the best entries needs not.
            tries = (False, True) if start and not match.title_only else (True,)
            while True:
                for heads in tries:
                    page_ids = self._newest_in(
                        match, scope, wanted, start, levels[0], last_level=len(levels) == 1, heads=heads, scan=scan
                    )
                    if page_ids is not None:
                        break
                if page_ids is not LEVEL_TOO_LARGE:
                    break
                levels.pop(0)  # and for the larger slice too: fewer older entries, but of the same kind
            if page_ids is not None:
                return page_ids
        return None

    def _look(self, match, scope, limit, leave_out=None) -> int:
        """The scope's matches counted up to ``limit`` from the index alone, their pages' visibility left
        unchecked; the matches of ``leave_out`` pages are not counted."""
        condition, params = self._matches(match, scope)
        if leave_out is not None:
            condition, params = f"{condition} AND NOT page_id = ANY(%s)", [*params, sorted(leave_out)]
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM cms_search_searchentry WHERE {condition} LIMIT %s) AS counted"
        return self.fetch(sql, [*params, limit])[0][0]

    def first_match(self, match, scope):
        condition, params = self._matches(match, scope)
        return f"SELECT 1 FROM cms_search_searchentry WHERE {condition} LIMIT 1", params

    def _slice_starts(self, sizes):
        """The first id of each slice of the newest ``sizes`` entries (of every language), each read from
        the primary key's end when that slice is tried; 0 for a slice that holds every entry (the last)."""
        for size in sizes:
            start = self.fetch(
                "SELECT COALESCE((SELECT id FROM cms_search_searchentry ORDER BY id DESC OFFSET %s LIMIT 1), 0)",
                [size - 1],
            )[0][0]
            yield start
            if start == 0:
                return

    def _newest_in(self, match, scope, wanted, start, level=2, last_level=True, heads=True, scan=False):
        """The first ``wanted`` pages ranked among the newest entries (from the id ``start`` on) and the
        older ones read with them (``matching``), when no entry left out can rank before the last of them;
        else ``None`` (or ``LEVEL_TOO_LARGE``: more than ``LEVEL_MAX`` older entries match ``level`` words).

        What is left out bounds its own rank: fewer than ``level`` words (any-word mode; else every entry
        has them all); not in the title when every older title match was read, nor in the summary when
        every older title-or-summary match was too; not in the forms typed when every older exact match was
        read. The page holds when its last entry ranks above that bound, or equals it and is one of the
        newest (everything left out is older). Without ``heads`` those three reads are skipped (tried first:
        a page of the newest title matches in the forms typed, or of entries with more words than anything
        left out, needs none of them)."""
        heads = heads and not match.title_only
        before, hits, condition, params = self.matching(
            match, scope, start=start, heads=heads, level=level, last_level=last_level, scan=scan
        )
        where, where_params = self._where(scope)
        order, order_params = self._order(match)
        any_words = match.mode == ANY and len(match.terms) > 1
        more = self.member("%s") if any_words else "FALSE"
        less = self.member("%s") if any_words and level > 2 else "TRUE"
        level_params = [self.level(match, level)] if any_words else []
        level_params += [self.level(match, level - 1)] if any_words and level > 2 else []
        tier, tier_params = "3", []
        if not match.title_only:
            tier = "CASE " + " ".join(f"WHEN {self.member('%s')} THEN {rank}" for rank in (3, 2, 1)) + " ELSE 0 END"
            tier_params = [self.expression(match, fields) for fields in TIERS]
        exact_expression = self.expression(match, exact=True)
        exact, exact_params = (
            (self.member("%s"), [exact_expression]) if exact_expression != self.expression(match) else ("TRUE", [])
        )
        limits = {1: LEVEL_MAX, 2: HEADS_MAX, 3: HEADS_MAX, 4: HEADS_MAX}  # of the reads beside the newest
        read = ", ".join(f"(SELECT COUNT(*) FROM r WHERE part = {part}) <= {limit}" for part, limit in limits.items())
        sql = (
            f"{before} SELECT e.page_id, e.part, {more}, {less}, {tier}, {exact}, {read} "
            f"FROM {hits} WHERE {condition} AND {where} ORDER BY {order} LIMIT %s"
        )
        params = [*params, *level_params, *tier_params, *exact_params, *where_params, *order_params, wanted]
        rows = self.fetch(sql, params)
        if start == 0:  # the slice is every entry: this is the ranking of every match
            return [row[0] for row in rows]
        if rows and not rows[-1][6] and not last_level:
            return LEVEL_TOO_LARGE
        if len(rows) < wanted:
            return None
        _, part, more, less, tier, exact, _, titles_read, leads_read, exacts_read = rows[-1]
        if not heads:
            titles_read = leads_read = exacts_read = False
        if exact_params == []:
            exacts_read = False  # every match is "exact": nothing tells the forms apart
        bound = (1, 1 if titles_read and leads_read else 2 if titles_read else 3, 0 if exacts_read else 1)
        last = (2 if more else 1 if less else 0, tier, int(exact))
        if last > bound or (last == bound and part == 0):
            return [row[0] for row in rows]
        return None

    def count(self, match, scope):
        if not match.terms or not self.counts_matches(scope):
            return super().count(match, scope)
        return self._look(match, scope, COUNT_MAX + 1, leave_out=scope.outside)

    def words_matched(self, match):
        # Every match has at least one word, and in the any-word fallback few have two: the words are
        # counted only for those (two tests per match instead of one per word).
        counted, params = super().words_matched(match)
        return f"CASE WHEN {self.member('%s')} THEN {counted} ELSE 1 END", [self.pairs(match), *params]

    def pairs(self, match):
        """The query text of an entry matching at least two of ``match``'s words."""
        return self.level(match, 2)

    def level(self, match, count):
        """The query text of an entry matching at least ``count`` of ``match``'s words."""
        terms = [self.term_expression(match, position) for position in range(len(match.terms))]
        return " | ".join("(" + " & ".join(some) + ")" for some in itertools.combinations(terms, count))

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
