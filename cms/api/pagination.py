"""Limit/offset pagination with the envelope every list shares: ``{count, next, previous, results}``."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000


@dataclass(frozen=True)
class Window:
    limit: int
    offset: int

    @classmethod
    def from_params(cls, params) -> Window:
        return cls(
            limit=params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
            offset=params.integer("offset", 0, 0, MAX_OFFSET),
        )

    def slice(self, sequence):
        return sequence[self.offset : self.offset + self.limit]


def _link(request, offset: int, limit: int) -> str:
    query = request.GET.copy() if isinstance(request.GET, QueryDict) else QueryDict(mutable=True)
    query["limit"] = str(limit)
    if offset:
        query["offset"] = str(offset)
    else:
        query.pop("offset", None)
    return request.build_absolute_uri(request.path) + "?" + query.urlencode()


def envelope(request, count: int, window: Window, results: list, *, more: bool = False) -> dict:
    """``more``: items past ``count`` may follow (a search's count stops early, see ``search.engine``)."""
    following = window.offset + window.limit
    further = (following < count or more) and following <= MAX_OFFSET
    next_link = _link(request, following, window.limit) if further else None
    previous_link = None
    if window.offset > 0:
        previous_link = _link(request, max(window.offset - window.limit, 0), window.limit)
    return {"count": count, "next": next_link, "previous": previous_link, "results": results}
