"""Read the project's message catalogs (``cms/locale/<code>/LC_MESSAGES/django.po``) without gettext tools.

Enough of the PO format for our catalogs: comments, ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` and
``msgstr[n]``, each possibly continued on following lines; fuzzy and obsolete (``#~``) entries are kept apart,
as ``msgfmt`` leaves them out of the compiled catalog.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "cms" / "locale"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict = field(default_factory=dict)  # index (0 for a singular entry) -> text
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def key(self) -> str:
        """The key of this entry in a compiled catalog (context and id joined by EOT, as gettext does)."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "django.po"


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a PO file, the header (empty msgid) included."""
    entries, entry, target, obsolete = [], None, None, False

    def close():
        if entry is not None and not obsolete:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
            entry, target, obsolete = None, None, False
            continue
        if line.startswith("#~"):
            obsolete = True
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                entry = entry or Entry()
                entry.fuzzy = True
            continue
        entry = entry or Entry()
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            text = ast.literal_eval(rest)
            if keyword in ("msgid", "msgctxt") and entry.msgstr:
                # A new entry right after the last one's msgstr, with no blank line between them.
                close()
                entry, obsolete = Entry(), False
            target = keyword
            if keyword.startswith("msgstr["):
                entry.msgstr[int(keyword[7:-1])] = ""
            elif keyword == "msgstr":
                entry.msgstr[0] = ""
            elif keyword == "msgid_plural":
                entry.msgid_plural = ""
            elif keyword == "msgctxt":
                entry.msgctxt = ""
        if target == "msgid":
            entry.msgid += text
        elif target == "msgid_plural":
            entry.msgid_plural += text
        elif target == "msgctxt":
            entry.msgctxt += text
        elif target == "msgstr":
            entry.msgstr[0] += text
        elif target and target.startswith("msgstr["):
            entry.msgstr[int(target[7:-1])] += text
    close()
    return entries


def messages(code: str) -> dict[str, Entry]:
    """The translatable entries of a language's catalog (no header, no fuzzy ones), by key."""
    return {e.key: e for e in parse_po(po_path(code)) if e.msgid and not e.fuzzy}
