"""Endpoints about the API itself: its languages, its OpenAPI schema and docs, and its 404 for unknown URLs."""

from django.conf import settings
from django.http import JsonResponse
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import languages

from . import openapi, shapes
from .base import API_CSP, AlwaysJSON, PublicAPIView
from .params import Params
from .problems import PROBLEM_CONTENT_TYPE, Problem, exception_handler
from .throttling import ClientRateThrottle, TooManyRequests


class LanguagesView(PublicAPIView):
    """The enabled content languages, source language first; the same in every language (``lang`` is accepted
    so a client may send it everywhere)."""

    @extend_schema(
        operation_id="languages",
        summary="Enabled languages",
        parameters=[openapi.LANG],
        responses=openapi.responses(shapes.Languages),
    )
    def get(self, request):
        source = languages.source_code()
        results = [
            {
                "code": language.code,
                "name": language.name,
                "native_name": language.native_name,
                "dir": language.direction,
                "script": language.script,
                "is_source": language.code == source,
                "fallbacks": languages.fallback_chain(language.code),
            }
            for language in languages.enabled()
        ]
        return Response({"source": source, "results": results})


class DocumentationViewMixin:
    """What the schema and docs share with the other endpoints: throttling, problem+json errors, and an
    ``OPTIONS`` answer that names the methods (drf-spectacular's own would render its HTML template without a
    template, a 500)."""

    authentication_classes: list = []
    throttle_classes = [ClientRateThrottle]
    http_method_names = ["get", "head", "options"]

    def get_exception_handler(self):
        return exception_handler

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    def options(self, request, *args, **kwargs):
        response = JsonResponse({"methods": self.allowed_methods})
        response._csp_config = API_CSP
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            # Errors are problem+json here too, even where the page itself is HTML (the docs).
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), PROBLEM_CONTENT_TYPE
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400:
            response["Cache-Control"] = "no-store"
        return response


class SchemaView(DocumentationViewMixin, SpectacularAPIView):
    """The OpenAPI 3.1 document, as JSON whatever the client accepts."""

    renderer_classes = [OpenApiJsonRenderer]
    content_negotiation_class = AlwaysJSON

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response._csp_config = API_CSP
        return response


class DocsView(DocumentationViewMixin, SpectacularSwaggerSplitView):
    """Swagger UI served from this server's own static files (drf-spectacular-sidecar): no CDN. Its start-up
    script is a file of its own (``?script``), so the page runs under a policy with no inline script."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response._csp_replace = {"script-src": ["'self'"]}
        return response


@extend_schema(exclude=True)
class NotFoundView(PublicAPIView):
    """Any other address under the API: a problem+json 404, with a hint about the trailing slash."""

    language_param = None

    def initial(self, request, *args, **kwargs):
        APIView.initial(self, request, *args, **kwargs)  # no parameter check: the address itself is wrong

    def get(self, request, *args, **kwargs):
        hint = " (API paths end with a slash)" if not request.path.endswith("/") else ""
        raise Problem(f"There is no API endpoint at this address{hint}.", status_code=404, kind="not-found")

    options = get


class _ParameterRules:
    """The schema and docs follow the same parameter rules as every endpoint: only ``lang`` (an enabled
    code) is accepted, and ``script`` on the docs page (its own script, served from this address); anything
    else is a problem+json 400."""

    accepted = ("lang",)

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = Params(request.query_params, self.accepted)
        query.choice("lang", languages.enabled_codes())


class CheckedSchemaView(_ParameterRules, SchemaView):
    pass


class CheckedDocsView(_ParameterRules, DocsView):
    accepted = ("lang", "script")


ENDPOINTS = (
    "languages",
    "items",
    "news",
    "statements",
    "dialogue-sessions",
    "resolve",
    "home",
    "site",
    "topics",
    "places",
    "projects",
    "organisations",
    "people",
    "search",
    "search/suggest",
    "preview",
    "schema",
    "docs",
)


class ApiRootView(PublicAPIView):
    """``/api/v1/``: the API's version and the address of every endpoint, so a client can start here."""

    @extend_schema(
        operation_id="api_root",
        summary="The API's version and endpoints",
        parameters=[openapi.LANG],
        responses=openapi.responses(shapes.ApiRoot),
    )
    def get(self, request):
        base = request.build_absolute_uri("/api/v1/")
        return Response(
            {
                "version": settings.SPECTACULAR_SETTINGS["VERSION"],
                "endpoints": {name: f"{base}{name}/" for name in ENDPOINTS},
            }
        )
