"""Endpoints about the API itself: its languages, its OpenAPI schema and docs, and its 404 for unknown URLs."""

from django.conf import settings
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import languages

from . import openapi, shapes
from .base import AlwaysJSON, PublicAPIView
from .params import Params
from .problems import Problem, exception_handler


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


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3.1 document, as JSON whatever the client accepts."""

    renderer_classes = [OpenApiJsonRenderer]
    content_negotiation_class = AlwaysJSON
    authentication_classes: list = []


class DocsView(SpectacularSwaggerView):
    """Swagger UI served from this server's own static files (drf-spectacular-sidecar): no CDN."""

    authentication_classes: list = []


@extend_schema(exclude=True)
class NotFoundView(PublicAPIView):
    """Any other address under the API: a problem+json 404, with a hint about the trailing slash."""

    language_param = None

    def initial(self, request, *args, **kwargs):
        APIView.initial(self, request, *args, **kwargs)  # no parameter check: the address itself is wrong

    def get(self, request, *args, **kwargs):
        hint = " (API paths end with a slash)" if not request.path.endswith("/") else ""
        raise Problem(f"There is no API endpoint at this address{hint}.", status_code=404, kind="not-found")


class _ParameterRules:
    """The schema and docs follow the same parameter rules as every endpoint: only ``lang`` (an enabled
    code) is accepted; anything else is a problem+json 400."""

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = Params(request.query_params, ("lang",))
        query.choice("lang", languages.enabled_codes())


class CheckedSchemaView(_ParameterRules, SchemaView):
    pass


class CheckedDocsView(_ParameterRules, DocsView):
    pass


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
