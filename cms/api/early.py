"""Answers sent before the rest of the stack runs: a 304 for a matching validator and a response-cache hit.

Both need only the content version and the request (``PublicAPIView.early_answer``), not sessions,
authentication, messages, CSRF or the locale: the middleware that provide those are skipped, so a
revalidation costs less than the simplest view. It sits after the middleware whose headers every answer
carries (CORS, security, content security policy); anything it does not answer goes on down the stack.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import Resolver404, resolve

from cms.db_router import replica_reads

API_PREFIX = "/api/"


@lru_cache(maxsize=4096)
def _view_class(urlconf: str, path: str):
    """The public API view answering ``path`` when it may answer early, else None (kept per URL
    configuration and path: resolving is most of this middleware's cost)."""
    from .base import PublicAPIView

    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    if isinstance(view_class, type) and issubclass(view_class, PublicAPIView) and view_class.conditional:
        return view_class
    return None


class EarlyAnswerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info.startswith(API_PREFIX):
            view_class = _view_class(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
            if view_class is not None:
                with replica_reads():  # the content version's check reads like the view it stands for
                    answer = view_class.early_answer(request)
                if answer is not None:
                    return answer
        return self.get_response(request)
