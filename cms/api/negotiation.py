"""Which language a response is in, and why: one rule for the API, search and feeds.

Order: the ``lang`` query parameter (any enabled language; anything else is a 400), then a language the
caller asked for by path (``resolve/``), then the ``Accept-Language`` header (q-values honoured, regional
variants such as ``ar-SY`` or ``en-GB`` mapped to their base language), then the source language.

Every response says what it chose: ``Content-Language`` with the code, ``X-Language-Reason`` with one of
``query``, ``path``, ``accept-language`` or ``default``, and ``Vary: Accept-Language`` because the header can
change the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.cache import patch_vary_headers

from cms import languages

from .problems import Problem

REASONS = ("query", "path", "accept-language", "default")
_TAG = re.compile(r"^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$|^\*$")
_MAX_HEADER = 1000


@dataclass(frozen=True)
class Choice:
    code: str
    reason: str

    @property
    def language(self) -> languages.Language:
        return languages.KNOWN[self.code]


def parse_accept_language(header: str | None) -> list[str]:
    """The tags of an ``Accept-Language`` header, most wanted first; malformed parts are ignored."""
    ranked = []
    for position, part in enumerate((header or "")[:_MAX_HEADER].split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or not _TAG.match(tag):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0
        if not 0 < quality <= 1:
            continue
        ranked.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def code_from_param(value: str, parameter: str = "lang") -> str:
    """An enabled language code from a query parameter value, or a 400 naming the parameter."""
    code = languages.base_code(value) if value and len(value) <= 35 else None
    if code is None:
        enabled = ", ".join(languages.enabled_codes())
        raise Problem(f"Unknown or disabled language {value[:35]!r}; use one of: {enabled}.", parameter=parameter)
    return code


def negotiate(request, *, param: str = "lang", path_code: str | None = None) -> Choice:
    params = getattr(request, "query_params", None) or request.GET
    if param in params:
        return Choice(code_from_param(params.get(param, "")), "query")
    if path_code:
        return Choice(path_code, "path")
    for tag in parse_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE")):
        code = languages.base_code(tag) if tag != "*" else None
        if code:
            return Choice(code, "accept-language")
    return Choice(languages.source_code(), "default")


def apply(response, choice: Choice | None):
    """Label a response with its language (or only ``Vary`` when none was chosen, e.g. an early 400)."""
    patch_vary_headers(response, ("Accept-Language",))
    if choice is not None:
        response["Content-Language"] = choice.code
        response["X-Language-Reason"] = choice.reason
    return response
