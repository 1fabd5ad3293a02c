"""Endpoints about the API itself: its languages, its OpenAPI schema and docs, and its 404 for unknown URLs."""

from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import languages

from . import openapi, shapes
from .base import AlwaysJSON, PublicAPIView
from .problems import Problem


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
