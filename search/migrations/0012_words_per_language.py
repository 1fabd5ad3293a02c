"""SQLite: each word's list of matches kept per language, in both full-text tables.

FTS5 keeps one list per word for every entry, whatever its language; an entry's language is read from its id
only once a match is found. A word common in one language made every search for it in another walk all of
its matches there: an Arabic place name typed in an English search walked every Arabic article, and the
names of attached places, people and organisations, indexed in all three languages (``search.documents``),
had lists three times the length any one language needs. Here each indexed word carries its entry's
language number in front (``02workshop``: the number on two digits, from the id's low bits,
``search.models.entry_id``), and a search looks words up with its own language's number
(``search.backends.sqlite``), so it reads the matches of its language only.

The tables are contentless (they keep no copy of the text, which the tagged words would not match): the
triggers index each entry's tagged words, and a rebuild fills the tables again from the entries (``FILL``).
Prefix indexes cover the tag and the two or three letters typed first.
"""

import importlib

from django.db import migrations

_fulltext = importlib.import_module("search.migrations.0002_fulltext")
_lead = importlib.import_module("search.migrations.0011_lead_fulltext")

#: The tables and their columns (every column; the lead, as in ``0011_lead_fulltext``).
TABLES = {"cms_search_fts": _fulltext.COLUMNS, "cms_search_lead_fts": _lead.COLUMNS}
OPTIONS = "content='', prefix='4 5'"


def tagged(row: str, column: str) -> str:
    """SQL of a normalised column (words separated by single spaces) with its entry's language number in
    front of every word."""
    tag = f"printf('%02d', {row}.id & 15)"
    return f"CASE {row}.{column} WHEN '' THEN '' ELSE {tag} || replace({row}.{column}, ' ', ' ' || {tag}) END"


SQLITE, SQLITE_REVERSE, FILL = [], [], []
for _table, _columns in TABLES.items():
    _forwards, _backwards = _fulltext.sqlite_fulltext(_table, _columns, OPTIONS, tagged)
    SQLITE += _forwards
    SQLITE_REVERSE += _backwards
    FILL += [
        f"INSERT INTO {_table}({_table}) VALUES ('delete-all')",
        f"INSERT INTO {_table}(rowid, {', '.join(_columns)}) "
        f"SELECT id, {', '.join(tagged('e', column) for column in _columns)} FROM cms_search_searchentry e",
    ]

#: What this migration replaces, and how to bring it back.
_OLD = [*_fulltext.SQLITE, *_lead.SQLITE]
_OLD_REVERSE = [*_lead.SQLITE_REVERSE, *_fulltext.SQLITE_REVERSE]
_OLD_FILL = [f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in TABLES]


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0011_lead_fulltext")]

    operations = [
        migrations.RunPython(
            _fulltext._run({"sqlite": [*_OLD_REVERSE, *SQLITE, *FILL]}),
            _fulltext._run({"sqlite": [*SQLITE_REVERSE, *_OLD, *_OLD_FILL]}),
        )
    ]
