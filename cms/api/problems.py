"""Errors as RFC 9457 problem details, so every failure a client can cause reads the same way.

Every error of the API is ``application/problem+json`` with ``type``, ``title``, ``status``, ``detail`` and,
when one query parameter is to blame, ``parameter``. Views raise :class:`Problem` (or let DRF raise its own
exceptions); :func:`exception_handler` turns both into that shape.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/docs/#problem-"

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Server error",
}


class Problem(exceptions.APIException):
    """An error to report to the client; ``parameter`` names the query parameter at fault, if any."""

    def __init__(self, detail: str, *, status_code: int = 400, parameter: str | None = None, kind: str | None = None):
        super().__init__(detail=detail)
        self.status_code = status_code
        self.parameter = parameter
        self.kind = kind or ("invalid-parameter" if parameter else None)


def problem_body(status_code: int, detail: str, parameter: str | None = None, kind: str | None = None) -> dict:
    kind = kind or {404: "not-found", 405: "method-not-allowed"}.get(status_code, "bad-request")
    body = {
        "type": TYPE_BASE + kind,
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if parameter:
        body["parameter"] = parameter
    return body


def problem_response(status_code: int, detail: str, parameter: str | None = None, kind: str | None = None):
    return Response(
        problem_body(status_code, detail, parameter, kind),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def exception_handler(exc, context):
    """DRF's exception handler hook: every exception becomes a problem response (unexpected ones stay 500s,
    reported by Django as usual)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) if str(exc) else "Nothing is published at this address.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    detail = exc.detail
    if isinstance(detail, (list, dict)):
        detail = "; ".join(str(item) for item in (detail.values() if isinstance(detail, dict) else detail))
    response = problem_response(
        exc.status_code,
        str(detail),
        getattr(exc, "parameter", None),
        getattr(exc, "kind", None),
    )
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context.get("view")
        if view is not None:
            response["Allow"] = ", ".join(view.allowed_methods)
    if getattr(exc, "wait", None):
        response["Retry-After"] = str(int(exc.wait))
    return response


__all__ = ["Problem", "exception_handler", "problem_response", "problem_body", "PROBLEM_CONTENT_TYPE", "status"]
