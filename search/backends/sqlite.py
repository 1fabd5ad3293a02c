"""SQLite: FTS5 over the normalised columns (created in migration ``0002_fulltext``).

The full-text match runs first, as a materialised common table expression: left to itself, SQLite's planner
may start from the entries' ``(lang, page)`` index and probe the full-text index row by row, which is what
made counting slow at 50,000 items. Each match then reads the entry through the narrow covering index
``cms_search_entry_rank`` (language, page, date), not the wide row with its texts: a row read per match was
most of the time of a query matching thousands of entries. Field tiers are FTS5 column filters
(``{title_norm summary_norm} : ...``).

When every word must match (and for suggestions) the ranking is read rather than sorted: the entries' ids
are ordered like the ranking's tie-break (``search.models.entry_id``: newest date, then newest page), and
FTS5 hands over matches in descending id order, so each rank group (a field tier, split by exact forms) is
one full-text query read newest first that stops once the page is full. A common word costs the page it
fills, not its thousands of matches. A query with few matches (a first look stops after ``FEW``) is ranked
by the shared sorted statement instead. In ANY mode the groups are "exactly k of the words"; past
``ANY_GROUPED_MAX`` words they are read for the common words alone (``_any_by_rarity``).

Each tier split by exact forms is first read whole (``_tier_rows``): a read walks every match of the words
(FTS5 keeps no list per column), so an empty title tier of two common words costs one walk, not two. The
title and summary tiers and suggestions read the lead table (``cms_search_lead_fts``, titles and summaries
only: migration ``0011_lead_fulltext``), whose lists are a fraction of the main table's. In both tables each
word is indexed with its entry's language number in front (migration ``0012_words_per_language``), and every
statement looks words up with its scope's (``in_language``): it walks the matches of that language only, not
those of a word common in another (an Arabic name in an English search, the names indexed in every language).
Offers from other languages are read by groups too, each match's page checked for the language: when the
pages missing it are too many to list (half of them at 100,000 items), offers are common, and a page of
five is found among the newest matches.

The count is skipped when the groups were read to their end. Else, when the scope is every indexed page but
a known few (``Scope.outside``: an unfiltered search), it is read from the full-text index alone, the
page taken from the ids, those few pages' matches left out; a filtered search checks each
match's page. Either stops after ``COUNT_MAX``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from itertools import combinations

from ..models import LANG_NUMBER, PAGE_OF_ID
from . import ALL, ANY, COUNT_MAX, Match, Ranked
from .sql import TIERS, SQLBackend

#: Up to this many matches (in the language, before visibility), one sorted statement ranks them all.
FEW = 100
#: Past this many words an ANY-mode query is read by groups of its common words only (``_any_by_rarity``),
#: and past this many common words it is sorted: the groups (words matched x tiers) would be too many.
ANY_GROUPED_MAX = 3
#: ANY mode: a word with up to this many matches in the language is rare. The entries with a rare word are
#: ranked in one statement; the others are read by groups of the common words alone.
RARE_MAX = FEW

COLUMNS = {"title": "title_norm", "summary": "summary_norm", "names": "names_norm", "body": "body_norm"}
#: Every column (migration ``0002_fulltext``); the lead, title and summary (``0011_lead_fulltext``).
FTS, LEAD = "cms_search_fts", "cms_search_lead_fts"
LEAD_FIELDS = {"title", "summary"}
#: Past this many pages in ``Scope.within``, a search first looks at its matches in the language alone: the
#: list costs every statement that carries it (30,000 pages: 3 ms to read and index, at 100,000 items).
WITHIN_LOOK = 500


@functools.lru_cache(maxsize=16)
def _ids_json(pages: frozenset[int]) -> str:
    """Page ids as the JSON array ``json_each`` reads, written once per set (the sets are kept per content
    version: ``search.engine.pages_without``, ``search.api.outside_pages``)."""
    return json.dumps(sorted(pages))


@dataclasses.dataclass(frozen=True)
class InLanguage(Match):
    """A match looked up among the words of one language: ``tag``, the language's number, is in front of every
    indexed word (migration ``0012_words_per_language``)."""

    tag: str = ""


def in_language(match: Match, lang: str) -> InLanguage:
    """``match`` to be looked up in ``lang``'s words (every statement of a search reads one language)."""
    tag = f"{LANG_NUMBER[lang]:02d}"
    if isinstance(match, InLanguage) and match.tag == tag:
        return match
    return InLanguage(**{field.name: getattr(match, field.name) for field in dataclasses.fields(Match)}, tag=tag)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def _words(match: InLanguage, position: int, exact: bool = False) -> list[str]:
    term, tag = match.terms[position], match.tag
    if match.prefix_last and position == len(match.terms) - 1:
        return [f"{_quoted(tag + prefix)}*" for prefix in term.prefixes]
    alternatives = (term.exact if exact else term.alternatives) or (term.core,)
    return [_quoted(tag + word) for word in alternatives]


class SQLiteBackend(SQLBackend):
    @staticmethod
    def _by_id(scope, *, table: str = FTS) -> tuple[str, list]:
        """``scope.within`` read from the full-text index's ids: matches of other pages are dropped before
        the join. (No check of the language: the words looked up are the scope's language's own.)"""
        if scope.within is None:
            return "TRUE", []
        return f"{PAGE_OF_ID % f'{table}.rowid'} IN (SELECT value FROM json_each(%s))", [
            _ids_json(frozenset(scope.within))
        ]

    def bound(self, match, scope):
        return in_language(match, scope.lang)

    def matching(self, match, scope):
        match = self.bound(match, scope)
        condition, params = self._by_id(scope)
        before = (
            "WITH h AS MATERIALIZED (SELECT rowid AS id FROM cms_search_fts "
            f"WHERE cms_search_fts MATCH %s AND {condition})"
        )
        hits = "h JOIN cms_search_searchentry e INDEXED BY cms_search_entry_rank ON e.id = h.id"
        return before, hits, "TRUE", [self.expression(match), *params]

    def search(self, match, scope, limit, offset=0, *, count=True):
        match = self.bound(match, scope)
        if match.mode == ANY and len(match.terms) > ANY_GROUPED_MAX:
            if match.prefix_last:  # (no such search is made: suggestions need every word)
                return super().search(match, scope, limit, offset, count=count)
            return self._any_by_rarity(match, scope, limit, offset, count)
        if not match.terms:
            return Ranked(0, [])
        listed = scope.within is not None and len(scope.within) > WITHIN_LOOK
        if match.title_only:  # (titles are read from the lead, short lists: no need to look first)
            if listed and not self._any(match, scope):
                return Ranked(0, [])
        else:
            # A first look at the matches (no join, stopped after FEW): few are ranked in one sorted statement,
            # cheaper then than one full-text query per group, each reading every match of its words. With a
            # long list of pages, the first look is at the language alone: few matches there have their pages
            # checked one by one by the sorted statement, cheaper than reading the list.
            for look in (dataclasses.replace(scope, within=None), scope) if listed else (scope,):
                by_id, by_id_params = self._by_id(look)
                first = self.fetch(
                    f"SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s AND {by_id} LIMIT %s",
                    [self.expression(match), *by_id_params, FEW + 1],
                )
                if not first:
                    return Ranked(0, [])
                if len(first) <= FEW:
                    return super().search(match, look, limit, offset, count=count)
        wanted, ranked, complete = offset + limit, [], True
        for key, own, exact, table in self._tiers(match):
            ranked += self._tier_rows(
                scope, key, own, exact, wanted - len(ranked), table=table, title_only=match.title_only
            )
            if len(ranked) >= wanted:
                complete = False
                break
        window = [row[-1] for row in ranked[offset:wanted]]
        total = len(ranked) if complete else self.count(match, scope) if count else 0
        return Ranked(total, [(page_id, float(-position)) for position, page_id in enumerate(window)])

    def _tier_rows(self, scope, key, own, exact, wanted, leave_out=None, table=FTS, title_only=False) -> list[tuple]:
        """Up to ``wanted`` entries of one field tier (``own``), best first, as (*``key``, exact forms, entry
        id, page id), read newest first from ``table``; ``leave_out``: an expression whose matches are not
        read. A tier that the exact forms split is first read whole: when it holds fewer entries than wanted
        (or none: the common case for the title tier of common words), or when all of the newest are exact
        forms, that single read is all of it, the exact forms checked among those few (through every column:
        an exact form anywhere in the entry counts), instead of two reads each walking every match."""
        if leave_out:  # (through every column)
            own, table = f"({own}) NOT ({leave_out})", FTS

        def read(expression, limit, table=table):
            by_id, by_id_params = self._by_id(scope, table=table)
            where, where_params = self._where(scope)
            sql = (
                f"SELECT e.id, e.page_id FROM {table} JOIN cms_search_searchentry e "
                f"INDEXED BY cms_search_entry_rank ON e.id = {table}.rowid WHERE {table} MATCH %s "
                f"AND {by_id} AND {where} ORDER BY {table}.rowid DESC LIMIT %s"
            )
            return self.fetch(sql, [expression, *by_id_params, *where_params, limit])

        found = read(own, wanted)
        if not exact or not found:
            return [(*key, 1, entry, page_id) for entry, page_id in found]
        # Where the exact forms are: a suggestion's in the title, a search's anywhere. Read over the range of
        # ids found, not for each id: given a list of ids, SQLite runs the full-text query once per id.
        exact_table, entries = LEAD if title_only else FTS, {entry for entry, _ in found}
        exact_entries = entries & {
            row[0]
            for row in self.fetch(
                f"SELECT rowid FROM {exact_table} WHERE {exact_table} MATCH %s AND rowid BETWEEN %s AND %s",
                [exact, min(entries), max(entries)],
            )
        }
        if len(found) < wanted or len(exact_entries) == len(found):
            rows = [(*key, int(entry in exact_entries), entry, page_id) for entry, page_id in found]
            return sorted(rows, reverse=True)
        # The newest mix both: the exact ones of the whole tier first.
        rows = [(*key, 1, entry, page_id) for entry, page_id in read(f"({own}) AND ({exact})", wanted, exact_table)]
        if len(rows) < wanted:
            rest = read(f"({own}) NOT ({exact})", wanted - len(rows), exact_table)
            rows += [(*key, 0, entry, page_id) for entry, page_id in rest]
        return rows

    def _any_by_rarity(self, match, scope, limit, offset, count):
        """ANY mode with many words. Typed queries mix a few common words (thousands of matches) with rarer
        ones; sorting the union of every word's matches cost 200-400 ms at 100,000 items. Here the entries
        having a rare word (each word's matches counted up to ``RARE_MAX``) are ranked in one statement, their
        words checked only among themselves; every other entry has only common words, so its rank is that of
        the query of the common words alone, read by groups newest first, the rare entries left out. The two
        ranked streams are merged on (words matched, tier, exact forms, entry id)."""
        by_id, by_id_params = self._by_id(scope)
        counted = (
            f"(SELECT COUNT(*) FROM (SELECT 1 FROM cms_search_fts WHERE cms_search_fts MATCH %s AND {by_id} LIMIT %s))"
        )
        params = []
        for position in range(len(match.terms)):
            params += [self.term_expression(match, position), *by_id_params, RARE_MAX + 1]
        sizes = self.fetch("SELECT " + ", ".join([counted] * len(match.terms)), params)[0]
        rare = [position for position, size in enumerate(sizes) if 0 < size <= RARE_MAX]
        common = [position for position, size in enumerate(sizes) if size > RARE_MAX]
        if not common or len(common) > ANY_GROUPED_MAX:
            return super().search(match, scope, limit, offset, count=count)
        wanted = offset + limit
        rare_expression = " OR ".join(self.term_expression(match, position) for position in rare)
        rare_rows = self._keyed_rows(match, scope, rare_expression) if rare else []
        common_match = dataclasses.replace(match, terms=tuple(match.terms[position] for position in common))
        ranked, complete, next_rare = [], True, 0
        for key, own, exact, table in self._tiers(common_match):
            while next_rare < len(rare_rows) and rare_rows[next_rare][:2] > key:
                ranked.append(rare_rows[next_rare])
                next_rare += 1
            if len(ranked) >= wanted:
                complete = False
                break
            found = self._tier_rows(
                scope, key, own, exact, wanted - len(ranked), leave_out=rare_expression or None, table=table
            )
            same = []
            while next_rare < len(rare_rows) and rare_rows[next_rare][:2] == key:
                same.append(rare_rows[next_rare])
                next_rare += 1
            ranked += sorted(found + same, reverse=True)
            if len(ranked) >= wanted:
                complete = False
                break
        else:
            ranked += rare_rows[next_rare:]
        window = [row[-1] for row in ranked[offset:wanted]]
        total = len(ranked) if complete else self.count(match, scope) if count else 0
        return Ranked(total, [(page_id, float(-position)) for position, page_id in enumerate(window)])

    def _keyed_rows(self, match, scope, candidates: str) -> list[tuple]:
        """The entries matching ``candidates`` (few), as (words matched, tier, exact, entry id, page id), best
        first: each word, tier and the exact forms are checked among the candidates only, not materialised
        as every match of a common word."""
        condition, condition_params = self._by_id(scope)
        where, where_params = self._where(scope)
        checks = []

        def among(expression):
            checks.append(f"({candidates}) AND ({expression})")
            return f"CASE WHEN {self.member('%s')} THEN 1 ELSE 0 END"

        matched = " + ".join(among(self.term_expression(match, position)) for position in range(len(match.terms)))
        # The tiers nest (a word in the title is a word in the title or summary): their sum is the tier.
        tier = "0" if match.title_only else " + ".join(among(self.expression(match, fields)) for fields in TIERS)
        exact = among(self.expression(match, exact=True))
        sql = (
            "WITH h AS MATERIALIZED (SELECT rowid AS id FROM cms_search_fts "
            f"WHERE cms_search_fts MATCH %s AND {condition}) "
            f"SELECT {matched}, {tier}, {exact}, e.id, e.page_id FROM h JOIN cms_search_searchentry e "
            f"INDEXED BY cms_search_entry_rank ON e.id = h.id WHERE {where}"
        )
        rows = self.fetch(sql, [candidates, *condition_params, *checks, *where_params])
        return sorted(rows, reverse=True)

    def _any(self, match, scope) -> bool:
        """Whether anything in the scope's language matches, whatever its page."""
        return bool(self.fetch(*self.first_match(match, scope)))

    def first_match(self, match, scope):
        match = self.bound(match, scope)
        return f"SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT 1", [self.expression(match)]

    def count(self, match, scope):
        match = self.bound(match, scope)
        if not match.terms or not self.counts_matches(scope):
            return super().count(match, scope)
        by_id, params = self._by_id(scope)
        params = [self.expression(match), *params]
        if scope.outside:
            by_id += f" AND {PAGE_OF_ID % 'cms_search_fts.rowid'} NOT IN (SELECT value FROM json_each(%s))"
            params.append(_ids_json(frozenset(scope.outside)))
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM cms_search_fts WHERE cms_search_fts MATCH %s AND {by_id} LIMIT %s)"
        return self.fetch(sql, [*params, COUNT_MAX + 1])[0][0]

    def _tiers(self, match: Match):
        """The rank groups, best first, that no two entries share, as ((words matched, tier 3 to 0), the tier's
        full-text expression, the exact forms' expression or ``None``, the table to read): in ANY mode the
        entries with exactly k of the words, k from all to one; then each field tier without the tier above
        it. The exact forms typed rank before the other forms of the same words (``_tier_rows``); ``None``
        when every match has them; in ALL mode only the words whose forms differ are tested. The title and
        summary tiers are read from the lead (``LEAD``), unless a level of the any-word fallback (words
        anywhere) goes with them."""
        tiers = [("title",)] if match.title_only else [*TIERS, ()]
        exact = self.expression(match, exact=True)
        if exact == self.expression(match):
            exact = None
        elif match.mode == ALL or len(match.terms) == 1:
            # Every entry of a tier has every word: only the words whose typed forms differ tell them apart
            # (a word being completed, say, needs no second test).
            differ = [
                self.term_expression(match, position, exact=True)
                for position in range(len(match.terms))
                if self.term_expression(match, position, exact=True) != self.term_expression(match, position)
            ]
            exact = " AND ".join(differ)
        for matched, level in self._levels(match):
            above = None
            for tier, fields in zip(range(len(tiers) - 1, -1, -1), tiers, strict=True):
                expression = self.expression(match, fields)
                own = f"({expression}) NOT ({above})" if above else f"({expression})"
                above = expression
                if level:
                    own = f"({level}) AND {own}"
                table = LEAD if fields and set(fields) <= LEAD_FIELDS and not level else FTS
                yield (matched, 0 if match.title_only else tier), own, exact, table

    def _levels(self, match: Match):
        """(k, condition): in ANY mode "exactly k of the words" for k from all of them to one (at least k, not
        at least k + 1); in ALL mode one level, no condition."""
        if match.mode == ALL or len(match.terms) == 1:
            yield len(match.terms), ""
            return
        words = [self.term_expression(match, position) for position in range(len(match.terms))]

        def at_least(k: int) -> str:
            return " OR ".join("(" + " AND ".join(chosen) + ")" for chosen in combinations(words, k))

        for k in range(len(words), 0, -1):
            yield k, f"({at_least(k)}) NOT ({at_least(k + 1)})" if k < len(words) else at_least(k)

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
