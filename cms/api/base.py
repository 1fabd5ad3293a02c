"""The base of every API view: JSON whatever the client accepts, no sessions, language, caching headers.

- Content negotiation always picks JSON (a browser sending ``Accept: text/html`` still gets JSON).
- No authentication classes: a logged-in editor gets exactly the anonymous answer, and cookies are ignored.
- Each view lists the query parameters it accepts (``params``); the language is negotiated once per request
  (``cms.api.negotiation``) and stored as ``self.choice``.
- Successful answers carry ``ETag`` (a hash of the body), honour ``If-None-Match`` with 304 and say
  ``Cache-Control: public, max-age=60``.
- Each client is throttled (``throttling.py``: 429 with ``Retry-After``); reads may go to a read replica
  (``cms/db_router.py``); answers carry a content security policy that allows nothing (they are data, not pages).
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from modeltranslation.utils import fallbacks
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.db_router import ReplicaReadsMixin

from . import negotiation
from .params import Params
from .problems import PROBLEM_CONTENT_TYPE, exception_handler
from .throttling import ClientRateThrottle, TooManyRequests

CACHE_CONTROL = "public, max-age=60"
# JSON is never a document to run or frame: the strictest policy (django-csp reads it from the response).
API_CSP = {"default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"]}


class AlwaysJSON(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [candidate.strip() for candidate in header.split(",")]
    bare = etag.removeprefix("W/")
    return "*" in candidates or any(candidate.removeprefix("W/") == bare for candidate in candidates)


class PublicAPIView(ReplicaReadsMixin, APIView):
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

    def dispatch(self, request, *args, **kwargs):
        """modeltranslation's implicit fallback is off for the whole answer: a field read around the
        localizer (``cms.localize``) finds its own language's text or nothing, never another language's."""
        with fallbacks(False):
            return super().dispatch(request, *args, **kwargs)

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
        response["Cache-Control"] = CACHE_CONTROL
        if response.status_code != 200 or not hasattr(response, "render"):
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        if _etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "Vary", "Content-Language", "X-Language-Reason"):
                if header in response:
                    not_modified[header] = response[header]
            return not_modified
        return response
