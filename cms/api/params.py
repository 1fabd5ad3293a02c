"""Query parameters: each endpoint names the ones it accepts; anything else, or anything malformed, is a 400.

A parameter a client misspells (``limt=5``) would otherwise be ignored silently and the client would never
learn why the answer looks wrong; a value a bot invents (NUL bytes, ``limit=1e99``) must get a clear 400, never
reach the database. Quotes and apostrophes are ordinary characters (``women's participation``): each typed
parameter (numbers, dates, slugs, choices) has its own format, and free text reaches the database only as a
bound parameter.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from .problems import Problem

MAX_VALUE_LENGTH = 2000
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_FORBIDDEN = re.compile(f"[{CONTROL_CHARACTERS}]")
SLUG_RE = re.compile(r"^[-\w]{1,80}$")


def _check_text(text: str, parameter: str, what: str) -> None:
    if _FORBIDDEN.search(text):
        raise Problem(f"The {what} contains a control character (e.g. a NUL byte).", parameter=parameter)


class Params:
    """The validated query parameters of one request."""

    def __init__(self, query_params, allowed: Iterable[str]):
        allowed = tuple(allowed)
        self._values: dict[str, str] = {}
        for key in query_params.keys():
            _check_text(key, key[:40], "name of a query parameter")
            if key not in allowed:
                accepted = ", ".join(sorted(allowed)) or "none"
                raise Problem(
                    f"Unknown query parameter {key[:40]!r}; this endpoint accepts: {accepted}.", parameter=key
                )
            values = query_params.getlist(key)
            if len(values) > 1:
                raise Problem(f"The parameter {key!r} is given more than once.", parameter=key)
            value = values[0]
            if len(value) > MAX_VALUE_LENGTH:
                raise Problem(f"The value of {key!r} is too long.", parameter=key)
            _check_text(value, key, f"value of {key!r}")
            self._values[key] = value

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._values.get(name, default)

    def integer(self, name: str, default: int, minimum: int, maximum: int) -> int:
        raw = self._values.get(name)
        if raw is None:
            return default
        if not re.fullmatch(r"[0-9]{1,9}", raw.strip()):
            raise Problem(f"{name} must be a whole number from {minimum} to {maximum}.", parameter=name)
        value = int(raw)
        if not minimum <= value <= maximum:
            raise Problem(f"{name} must be from {minimum} to {maximum}, not {value}.", parameter=name)
        return value

    def choice(self, name: str, choices: Iterable[str], default: str | None = None) -> str | None:
        raw = self._values.get(name)
        if raw is None:
            return default
        choices = tuple(choices)
        if raw not in choices:
            raise Problem(f"{name} must be one of: {', '.join(choices)}.", parameter=name)
        return raw

    def choices(self, name: str, choices: Iterable[str]) -> list[str]:
        """A comma-separated list of values from ``choices`` (empty list when absent)."""
        raw = self._values.get(name)
        if raw is None:
            return []
        choices = tuple(choices)
        values = [value.strip() for value in raw.split(",")]
        wrong = [value for value in values if value not in choices]
        if wrong or not values:
            raise Problem(f"{name} must be one or more of: {', '.join(choices)} (comma-separated).", parameter=name)
        return list(dict.fromkeys(values))

    def date(self, name: str) -> datetime.date | None:
        raw = self._values.get(name)
        if raw is None:
            return None
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
                raise ValueError
            return datetime.date.fromisoformat(raw)
        except ValueError:
            raise Problem(f"{name} must be a date written YYYY-MM-DD (ISO 8601).", parameter=name) from None

    def slug(self, name: str) -> str | None:
        raw = self._values.get(name)
        if raw is None:
            return None
        if not SLUG_RE.match(raw):
            raise Problem(f"{name} must be a slug (letters, digits, '-' or '_', at most 80).", parameter=name)
        return raw


def parse_id(raw: str, parameter: str = "id") -> int:
    """A page or object id from the URL: a positive integer that fits the database."""
    if not re.fullmatch(r"[0-9]{1,15}", raw or "") or int(raw) == 0:
        _check_text(raw or "", parameter, "id")
        raise Problem(f"The id must be a positive whole number, not {raw[:40]!r}.", parameter=parameter)
    return int(raw)
