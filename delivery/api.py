"""``/api/v1/preview/``: the draft of one page, for the frontend's preview route, in the API's own shape."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api import negotiation, openapi, shapes
from cms.api.base import PublicAPIView
from cms.api.params import parse_id
from cms.api.problems import PROBLEM_CONTENT_TYPE, problem_body

from . import preview

TOKEN = OpenApiParameter(
    "token",
    # A Django signed value: URL-safe base64 parts joined by ':' (a leading '.' when compressed).
    openapi.text(max_length=1000, min_length=1, pattern="^[A-Za-z0-9_.:-]+$"),
    OpenApiParameter.QUERY,
    required=True,
    description="The signed preview token the CMS gave the frontend's preview address (valid one hour by "
    "default; CMS_PREVIEW_TOKEN_MAX_AGE).",
)
PREVIEW_ID = OpenApiParameter(
    "id",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    description="The page id the frontend expects; a token made for another page is then a 404.",
)


class PreviewSection(shapes.Section):
    """A section page (news, statements, dialogue sessions) in the preview's language."""

    lang = serializers.CharField()
    dir = serializers.ChoiceField(choices=shapes.DIRECTIONS)


PREVIEW_ITEM = PolymorphicProxySerializer(
    component_name="PreviewItem",
    serializers=[shapes.Detail, shapes.Home, PreviewSection],
    resource_type_field_name=None,
)


def _problem(status: int, detail: str, kind: str, title: str) -> Response:
    body = problem_body(status, detail, kind=kind)
    body["title"] = title
    response = Response(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="preview"'
    return response


class PreviewView(PublicAPIView):
    """The latest revision of the page a token was made for, serialised like the public API; never cached."""

    params = ("token", "id")
    conditional = False

    @extend_schema(
        operation_id="preview",
        summary="The draft of one page, for the website's preview",
        description="Exchanges a preview token for the page's latest revision (draft), in exactly the shape of "
        "the item detail (or of home/ for the home page). A missing, malformed, tampered or expired token is a "
        "401; a token for another page than `id`, or for a deleted page, a 404. Answers are never cached.",
        parameters=[TOKEN, PREVIEW_ID, openapi.LANG],
        responses={
            200: PREVIEW_ITEM,
            400: openapi.PROBLEM,
            401: OpenApiResponse(shapes.Problem, description="Missing, invalid or expired token."),
            404: openapi.PROBLEM,
        },
        tags=["preview"],
    )
    def get(self, request):
        try:
            page_id = preview.read_token(self.query.get("token"))
        except preview.InvalidToken as error:
            detail = {
                "missing": "token is required: open the preview from the CMS.",
                "expired": "The preview token has expired: open the preview from the CMS again.",
            }.get(error.reason, "The preview token is not valid.")
            return _problem(401, detail, "invalid-token", "Unauthorized")
        expected = self.query.get("id")
        if expected is not None and parse_id(expected) != page_id:
            return _problem(404, "This token is for another page.", "not-found", "Not found")
        page = preview.draft_of(page_id)
        if page is None:
            return _problem(404, "The page of this preview no longer exists.", "not-found", "Not found")
        return Response(preview.item_data(page, self.code, self.base_url()))

    def finalize_response(self, request, response, *args, **kwargs):
        """A draft must never be stored by a cache: the public views' caching is skipped."""
        response = APIView.finalize_response(self, request, response, *args, **kwargs)
        if response.status_code < 400 and self.choice is not None:
            negotiation.apply(response, self.choice)
        else:
            response["Content-Language"] = "en"
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
