"""The base of every API view: JSON whatever the client accepts, no sessions, language, caching headers.

- Content negotiation always picks JSON (a browser sending ``Accept: text/html`` still gets JSON).
- No authentication classes: a logged-in editor gets exactly the anonymous answer, and cookies are ignored.
- Each view lists the query parameters it accepts (``params``); the language is negotiated once per request
  (``cms.api.negotiation``) and stored as ``self.choice``.
- Successful answers carry ``ETag`` and ``Last-Modified`` derived from the content version
  (``cms.api.cache``), honour ``If-None-Match``/``If-Modified-Since`` with a 304 answered before the view
  runs, are kept in the response cache, and say ``Cache-Control: public, max-age=..., stale-while-revalidate=...``
  (``CMS_API_MAX_AGE``, ``CMS_API_STALE_WHILE_REVALIDATE``).
- Each client is throttled (``throttling.py``: 429 with ``Retry-After``), cached answers included; reads may
  go to a read replica (``cms/db_router.py``); answers carry a content security policy that allows nothing
  (they are data, not pages).
- modeltranslation's implicit fallback is off for the whole answer (``cms.localize`` records every fallback).
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from modeltranslation.utils import fallbacks
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.db_router import replica_reads

from . import cache, negotiation
from .params import Params
from .problems import PROBLEM_CONTENT_TYPE, exception_handler
from .throttling import ClientRateThrottle, TooManyRequests

# JSON is never a document to run or frame: the strictest policy (django-csp reads it from the response).
API_CSP = {"default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"]}
#: Headers a 304 repeats from the full answer (RFC 9110 15.4.5), and those a cached answer keeps.
NOT_MODIFIED_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language", "X-Language-Reason")
CACHED_HEADERS = ("Content-Type", *NOT_MODIFIED_HEADERS)


class AlwaysJSON(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _etag_matches(header: str, etag: str) -> bool:
    return cache.etag_matches(header, etag)


def _not_modified(headers) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    for header in NOT_MODIFIED_HEADERS:
        if header in headers:
            response[header] = headers[header]
    return response


class PublicAPIView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes: list = []
    content_negotiation_class = AlwaysJSON
    http_method_names = ["get", "head", "options"]
    metadata_class = None
    throttle_classes = [ClientRateThrottle]

    params: tuple[str, ...] = ()
    language_param = "lang"

    choice: negotiation.Choice | None = None

    def get_exception_handler(self):
        return exception_handler

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    def allowed_params(self) -> tuple[str, ...]:
        return ((self.language_param,) if self.language_param else ()) + tuple(self.params)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.query = Params(request.query_params, self.allowed_params())
        if self.language_param:
            self.choice = negotiation.negotiate(request, param=self.language_param)

    def options(self, request, *args, **kwargs):
        return Response({"methods": self.allowed_methods})

    @property
    def code(self) -> str:
        return self.choice.code

    def base_url(self) -> str:
        return self.request.build_absolute_uri("/").rstrip("/")

    #: Whether answers may come from the content version (a 304) or the response cache before the view runs.
    conditional = True

    @classmethod
    def early_answer(cls, request):
        """A 304 for a matching validator, or the stored answer of a response-cache hit, from the content
        version alone (no database, no view); None when the view must run. Called first by
        ``EarlyAnswerMiddleware`` (before sessions, authentication and the rest, which these answers never
        need), else by ``dispatch``. Counts the request against the client's rate once; a client over its
        rate gets None, and the view answers the 429."""
        if getattr(request, "_cms_early", None) is not None:
            return None
        request._cms_early = (None, None)
        if not cls.conditional or request.method not in ("GET", "HEAD"):
            return None
        throttles = [throttle() for throttle in cls.throttle_classes]
        if not all(throttle.allow_request(request, None) for throttle in throttles):
            return None
        request._cms_throttle_counted = True
        state = cache.current()
        etag = cache.etag_for(request, state)
        request._cms_early = (state, etag)
        stored = cache.cached_response(etag)
        if cache.is_not_modified(request, etag, state):
            if stored is not None:
                return _not_modified(stored[1])
            headers = {
                "ETag": etag,
                "Last-Modified": cache.last_modified(state),
                "Cache-Control": cache.cache_control(),
            }
            response = _not_modified(headers)
            negotiation.apply(response, cls.conditional_choice(request))
            return response
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response._csp_config = API_CSP
            return response
        return None

    @classmethod
    def conditional_choice(cls, request) -> negotiation.Choice | None:
        """The language labels of a 304 answered before the view runs (the query or the header decides)."""
        if not cls.language_param:
            return None
        try:
            return negotiation.negotiate(request, param=cls.language_param)
        except Exception:
            return None

    def dispatch(self, request, *args, **kwargs):
        """modeltranslation's implicit fallback is off for the whole answer: a field read around the
        localizer (``cms.localize``) finds its own language's text or nothing, never another language's.
        The whole answer, the content version's check included, may read from a replica."""
        with fallbacks(False), replica_reads():
            early = self.early_answer(request)
            if early is not None:
                return early
            self._cache_state, self._etag = request._cms_early
            with cache.within(self._cache_state):
                return super().dispatch(request, *args, **kwargs)

    def check_throttles(self, request):
        if not getattr(request._request, "_cms_throttle_counted", False):
            super().check_throttles(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response._csp_config = API_CSP
        is_problem = response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE) or response.status_code >= 400
        if is_problem:
            patch_vary_headers(response, ("Accept-Language",))
            response["Content-Language"] = "en"  # problem details are written in English
            response["Cache-Control"] = "no-store"
            return response
        negotiation.apply(response, self.choice)
        response["Cache-Control"] = cache.cache_control()
        if response.status_code != 200 or getattr(self, "_etag", None) is None:
            return response
        if hasattr(response, "render"):
            response.render()
        response["ETag"] = self._etag
        response["Last-Modified"] = cache.last_modified(self._cache_state)
        cache.store_response(
            self._etag, response.content, {name: response[name] for name in CACHED_HEADERS if name in response}
        )
        return response
